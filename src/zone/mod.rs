//! Time zones of the NPAs, and whether a call may be placed now: the legal
//! calling window.
//!
//! Every geographic NPA carries the IANA time zones of the places it serves
//! ([`NpaRecord::time_zones`], from `data/time_zones.csv`), the zone of most
//! of its numbers first. An NPA that spans zones lists each (270 Kentucky:
//! `America/Chicago`, `America/New_York`). Arizona keeps standard time all
//! year (`America/Phoenix`), but the Navajo Nation in its northeast observes
//! daylight saving time, so 928 lists `America/Phoenix` and then
//! `America/Denver`.
//!
//! [`calling_window`] says whether an instant falls inside a [`Window`] of
//! local hours (08:00–21:00 by default, the US telemarketing rule's) for a
//! number: [`Verdict::Allowed`] when it does in every zone of the NPA,
//! [`Verdict::Forbidden`] when it does in none, and [`Verdict::Ambiguous`]
//! when the NPA spans zones and it does in some only; with the local time in
//! each zone. A number does not say which side of a zone line it rings on,
//! so an ambiguous answer is the honest one: a dialer that must not call out
//! of hours treats it as forbidden.
//!
//! Local times come from [`jiff`] with its bundled copy of the IANA
//! time-zone database ([`TZDB_VERSION`]): the answer does not depend on the
//! host's zoneinfo, and daylight-saving transitions are the database's, not
//! computed here. Upgrading the crate upgrades the rules. `jiff` is
//! re-exported as [`zone::jiff`](self::jiff) so that the instants passed in
//! are of the same version.
//!
//! ```
//! use nanp_lerg::zone::{calling_window, Verdict, Window};
//! use jiff::Timestamp;
//!
//! // 12:30 UTC on 2 June 2025: 08:30 in New York, 07:30 in Chicago.
//! let at: Timestamp = "2025-06-02T12:30:00Z".parse().unwrap();
//! assert_eq!(calling_window("+1 212 555 0100", at, Window::default()).unwrap().verdict, Verdict::Allowed);
//! assert_eq!(calling_window("312-555-0100", at, Window::default()).unwrap().verdict, Verdict::Forbidden);
//!
//! // 850 (the Florida Panhandle) is both: Pensacola is Central, Tallahassee Eastern.
//! let panhandle = calling_window("8505550100", at, Window::default()).unwrap();
//! assert_eq!(panhandle.verdict, Verdict::Ambiguous);
//! assert_eq!(panhandle.local[0].zone, "America/Chicago");
//! assert_eq!(panhandle.local[0].time.time(), jiff::civil::time(7, 30, 0, 0));
//! assert!(!panhandle.local[0].allowed && panhandle.local[1].allowed);
//! ```

use std::fmt;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::classify::Classification;
use crate::directory::Directory;
use crate::names::named_enum;
use crate::npa::Npa;
use crate::parse::{parse, ParseError};
use crate::record::NpaRecord;

mod id;
mod window;

pub use id::{TimeZoneId, UnknownTimeZone, TZDB_VERSION};
/// The `jiff` this crate reads time with, for [`Timestamp`]s of the same version.
pub use jiff;
pub use window::{Window, WindowError};

impl TimeZoneId {
    /// The zone's rules, from the bundled time-zone database.
    ///
    /// ```
    /// use nanp_lerg::zone::TimeZoneId;
    ///
    /// let phoenix = TimeZoneId::new("America/Phoenix").unwrap().time_zone().unwrap();
    /// let july: jiff::Timestamp = "2025-07-01T12:00:00Z".parse().unwrap();
    /// assert_eq!(phoenix.to_offset(july).seconds(), -7 * 3600, "no daylight saving time");
    /// ```
    ///
    /// # Errors
    ///
    /// When `jiff` cannot read the zone from the database. The names come
    /// from the very database `jiff` reads, so this does not happen unless
    /// the two are built from different versions of it.
    pub fn time_zone(self) -> Result<TimeZone, jiff::Error> {
        TimeZone::get(self.as_str())
    }
}

named_enum! {
    /// Whether a call may be placed: the answer of [`calling_window`].
    /// Written `allowed`, `forbidden`, `ambiguous`.
    ///
    /// ```
    /// use nanp_lerg::zone::Verdict;
    ///
    /// assert_eq!(Verdict::Ambiguous.to_string(), "ambiguous");
    /// assert_eq!("forbidden".parse::<Verdict>().unwrap(), Verdict::Forbidden);
    /// ```
    pub enum Verdict ("verdict") {
        /// Inside the window in every zone of the NPA.
        Allowed = "allowed",
        /// Outside the window in every zone of the NPA.
        Forbidden = "forbidden",
        /// The NPA spans zones, and the instant is inside the window in
        /// some of them only.
        Ambiguous = "ambiguous",
    }
}

/// The local time in one zone of an NPA, and whether it is inside the
/// window.
///
/// It serializes as `{"zone", "local_time", "abbreviation", "allowed"}`,
/// the local time in RFC 3339 with its offset
/// (`"2025-03-09T08:30:00-04:00"`).
///
/// ```
/// use nanp_lerg::zone::{calling_window, Window};
///
/// let at = "2025-03-09T12:30:00Z".parse().unwrap();
/// let ny = &calling_window("212", at, Window::default()).unwrap().local[0];
/// assert_eq!(ny.to_string(), "America/New_York 2025-03-09 08:30 EDT");
/// assert_eq!(
///     serde_json::to_string(ny).unwrap(),
///     r#"{"zone":"America/New_York","local_time":"2025-03-09T08:30:00-04:00","abbreviation":"EDT","allowed":true}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTime {
    /// The zone.
    pub zone: TimeZoneId,
    /// The instant in that zone.
    pub time: ZonedDateTime,
    /// Whether the local time of day is inside the window.
    pub allowed: bool,
}

impl LocalTime {
    /// The zone's abbreviation at that instant (`EST`, `EDT`, `MST`, `ChST`).
    ///
    /// ```
    /// use nanp_lerg::zone::{calling_window, Window};
    ///
    /// let at = "2025-01-15T18:00:00Z".parse().unwrap();
    /// let guam = &calling_window("671", at, Window::default()).unwrap().local[0];
    /// assert_eq!(guam.abbreviation(), "ChST");
    /// ```
    pub fn abbreviation(&self) -> String {
        let tz = self.time.time_zone();
        tz.to_offset_info(self.time.timestamp())
            .abbreviation()
            .to_owned()
    }

    /// The local time as RFC 3339, with its offset: `2025-03-09T08:30:00-04:00`.
    ///
    /// ```
    /// use nanp_lerg::zone::{calling_window, Window};
    ///
    /// let at = "2025-03-09T12:30:00.5Z".parse().unwrap();
    /// let ny = &calling_window("212", at, Window::default()).unwrap().local[0];
    /// assert_eq!(ny.rfc3339(), "2025-03-09T08:30:00.5-04:00");
    /// ```
    pub fn rfc3339(&self) -> String {
        let t = &self.time;
        let seconds = t.offset().seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        format!(
            "{}{sign}{:02}:{:02}",
            t.datetime(),
            minutes / 60,
            minutes % 60
        )
    }
}

impl fmt::Display for LocalTime {
    /// `America/New_York 2025-03-09 08:30 EDT`: the zone, the local date,
    /// hour and minute, and the abbreviation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.time;
        write!(
            f,
            "{} {} {:02}:{:02} {}",
            self.zone,
            t.date(),
            t.hour(),
            t.minute(),
            self.abbreviation()
        )
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("LocalTime", 4)?;
        st.serialize_field("zone", &self.zone)?;
        st.serialize_field("local_time", &self.rfc3339())?;
        st.serialize_field("abbreviation", &self.abbreviation())?;
        st.serialize_field("allowed", &self.allowed)?;
        st.end()
    }
}

/// The answer of [`calling_window`]: the verdict for one number at one
/// instant, with the local time in each zone of its NPA (in the order of
/// [`NpaRecord::time_zones`]).
///
/// ```
/// use nanp_lerg::zone::{CallingWindow, Verdict, Window};
///
/// // 14:30 UTC on the first Sunday of daylight saving time, 2025: Arizona
/// // stayed on MST (07:30), the Navajo Nation moved to MDT (08:30).
/// let at = "2025-03-09T14:30:00Z".parse().unwrap();
/// let w = CallingWindow::of(nanp_lerg::lookup(928).unwrap(), at, Window::default()).unwrap();
/// assert_eq!(w.verdict, Verdict::Ambiguous);
/// let times: Vec<String> = w.local.iter().map(|l| l.to_string()).collect();
/// assert_eq!(times, ["America/Phoenix 2025-03-09 07:30 MST", "America/Denver 2025-03-09 08:30 MDT"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallingWindow {
    /// The NPA.
    pub npa: Npa,
    /// The instant asked about.
    pub at: Timestamp,
    /// The window applied.
    pub window: Window,
    /// Allowed, forbidden or ambiguous.
    pub verdict: Verdict,
    /// The local time in each zone of the NPA, the NPA's order.
    pub local: Vec<LocalTime>,
}

impl CallingWindow {
    /// The calling window of a record at `at`: for a record of a
    /// [`Directory`], or the compiled table's.
    ///
    /// ```
    /// use nanp_lerg::zone::{CallingWindow, Verdict, Window};
    ///
    /// let at = "2025-06-02T12:30:00Z".parse().unwrap();
    /// let dir = nanp_lerg::Directory::builtin();
    /// let w = CallingWindow::of(dir.lookup(602).unwrap(), at, Window::default()).unwrap();
    /// assert_eq!(w.verdict, Verdict::Forbidden, "05:30 in Phoenix");
    /// ```
    ///
    /// # Errors
    ///
    /// [`CallingWindowError::NoTimeZones`] for a record without zones (one
    /// added at run time without them), and
    /// [`CallingWindowError::TimeZone`] if a zone cannot be read from the
    /// bundled database.
    pub fn of(
        record: &NpaRecord,
        at: Timestamp,
        window: Window,
    ) -> Result<CallingWindow, CallingWindowError> {
        if record.time_zones.is_empty() {
            return Err(CallingWindowError::NoTimeZones(record.npa));
        }
        let mut local = Vec::with_capacity(record.time_zones.len());
        for &zone in record.time_zones() {
            let tz = zone.time_zone().map_err(|e| CallingWindowError::TimeZone {
                zone,
                message: e.to_string(),
            })?;
            let time = at.to_zoned_datetime(tz);
            let allowed = window.contains(time.time());
            local.push(LocalTime {
                zone,
                time,
                allowed,
            });
        }
        let inside = local.iter().filter(|l| l.allowed).count();
        let verdict = match inside {
            0 => Verdict::Forbidden,
            n if n == local.len() => Verdict::Allowed,
            _ => Verdict::Ambiguous,
        };
        Ok(CallingWindow {
            npa: record.npa,
            at,
            window,
            verdict,
            local,
        })
    }
}

/// Why [`calling_window`] has no answer for a number.
///
/// ```
/// use nanp_lerg::zone::{calling_window, CallingWindowError, Window};
///
/// let at = "2025-06-02T12:30:00Z".parse().unwrap();
/// let e = calling_window("1-800-555-0100", at, Window::default()).unwrap_err();
/// assert_eq!(e.to_string(), "NPA 800 is non-geographic: it has no time zone");
/// assert!(matches!(calling_window("+44 20 7946 0958", at, Window::default()), Err(CallingWindowError::Parse(_))));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallingWindowError {
    /// The input is not a NANP dial string.
    #[error("{0}")]
    Parse(#[from] ParseError),
    /// The code is not a geographic NPA (non-geographic, reserved, unassigned).
    #[error("NPA {npa} is {kind}: it has no time zone")]
    NotGeographic {
        /// The code.
        npa: Npa,
        /// What it is: `non-geographic`, `reserved` or `unassigned`.
        kind: &'static str,
    },
    /// The record has no time zones (added at run time without them).
    #[error(
        "NPA {0} has no time zones (a record added without them: give it a time_zones column)"
    )]
    NoTimeZones(Npa),
    /// The bundled database could not give a zone's rules.
    #[error("time zone {zone}: {message}")]
    TimeZone {
        /// The zone.
        zone: TimeZoneId,
        /// What `jiff` said.
        message: String,
    },
}

/// Whether a call to `dialed` (any NANP dial string or NPA) may be placed at
/// `at`, for the compiled dataset: the local time in each zone of its NPA
/// and the [`Verdict`]. [`Directory::calling_window`] answers for a
/// directory with run-time changes.
///
/// Around a daylight-saving change the same UTC time is another local hour:
///
/// ```
/// use nanp_lerg::zone::{calling_window, Verdict, Window};
///
/// // 12:30 UTC is 07:30 EST on Saturday 8 March 2025, 08:30 EDT on Sunday.
/// let saturday = "2025-03-08T12:30:00Z".parse().unwrap();
/// let sunday = "2025-03-09T12:30:00Z".parse().unwrap();
/// assert_eq!(calling_window("212", saturday, Window::default()).unwrap().verdict, Verdict::Forbidden);
/// assert_eq!(calling_window("212", sunday, Window::default()).unwrap().verdict, Verdict::Allowed);
///
/// // A window of one's own.
/// let office: Window = "09:00-17:00".parse().unwrap();
/// assert_eq!(calling_window("212", sunday, office).unwrap().verdict, Verdict::Forbidden);
/// ```
///
/// # Errors
///
/// [`CallingWindowError`]: the input is not a dial string, or its NPA is
/// not geographic.
pub fn calling_window(
    dialed: &str,
    at: Timestamp,
    window: Window,
) -> Result<CallingWindow, CallingWindowError> {
    Directory::builtin().calling_window(dialed, at, window)
}

impl Directory {
    /// [`calling_window`] for this directory's records: a record added at
    /// run time answers with its own zones.
    ///
    /// ```
    /// use nanp_lerg::zone::{CallingWindowError, Verdict, Window};
    ///
    /// let overlay = "npa,country_code,country_name,state_province_code,state_province_name,region,category,state_province_codes,time_zones\n\
    ///                273,CA,Canada,QC,Quebec,CA,canadian,QC,America/Toronto\n\
    ///                282,US,United States,WI,Wisconsin,US,us-domestic,WI,\n";
    /// let mut dir = nanp_lerg::Directory::builtin();
    /// dir.load_csv("overlay.csv", overlay.as_bytes()).unwrap();
    /// let at = "2025-06-02T12:30:00Z".parse().unwrap();
    /// assert_eq!(dir.calling_window("273", at, Window::default()).unwrap().verdict, Verdict::Allowed);
    /// assert!(matches!(dir.calling_window("282", at, Window::default()), Err(CallingWindowError::NoTimeZones(_))));
    /// ```
    ///
    /// # Errors
    ///
    /// [`CallingWindowError`]: the input is not a dial string, its NPA is
    /// not geographic, or its record has no zones.
    pub fn calling_window(
        &self,
        dialed: &str,
        at: Timestamp,
        window: Window,
    ) -> Result<CallingWindow, CallingWindowError> {
        let npa = parse(dialed)?.npa;
        match self.classify(npa.get()) {
            Classification::Geographic(record) => CallingWindow::of(record, at, window),
            other => Err(CallingWindowError::NotGeographic {
                npa,
                kind: other.kind(),
            }),
        }
    }
}
