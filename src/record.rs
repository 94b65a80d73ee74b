//! The records of the dataset, one type each: [`NpaRecord`] (with its
//! [`Location`]), [`Fix`], [`Country`], [`Subdivision`], [`NonGeographic`]
//! and [`NpaTimeZones`]. The compiled tables borrow every string from the
//! binary; the `Cow`s let records read at run time own theirs, so the same
//! type is read, validated, compiled and looked up.
//!
//! Shared with `build.rs` (included there with `#[path]`).

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::category::{Category, Region};
use crate::code::{CountryCode, SubdivisionCode};
use crate::npa::Npa;
use crate::schema::Field;
use crate::service::Service;
use crate::zone::TimeZoneId;

/// One geographic NPA: where it is and how it is billed.
///
/// Field names follow the source dataset's schema. The compiled records
/// borrow every string from the binary; the `Cow`s let records built at run
/// time own theirs.
///
/// ```
/// use nanp_lerg::{lookup, Category};
///
/// let guam = lookup(671).unwrap();
/// assert_eq!(guam.country_code, "GU");
/// assert_eq!(guam.state_province_name, "Guam");
/// assert_eq!(guam.category, Category::Pacific);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NpaRecord {
    /// The area code.
    pub npa: Npa,
    /// ISO 3166-1 alpha-2 code of the country or territory (`US`, `CA`, `PR`, `GU`, `JM`, …).
    pub country_code: CountryCode,
    /// Name of the country or territory.
    pub country_name: Cow<'static, str>,
    /// The USPS state code, Canadian province or territory code, or the
    /// territory's own code. For an NPA that serves several (867, 902, 782)
    /// this is the primary one; [`NpaRecord::state_province_codes`] lists all.
    pub state_province_code: SubdivisionCode,
    /// Name of the state, province or territory; for an NPA that serves
    /// several, all their names joined with `/`, primary first
    /// (`Nova Scotia/Prince Edward Island`).
    pub state_province_name: Cow<'static, str>,
    /// Every state, province or territory the NPA serves, primary first. One
    /// entry, equal to `state_province_code`, for all but a few NPAs.
    pub state_province_codes: Cow<'static, [SubdivisionCode]>,
    /// The dataset's grouping: `US`, `CA`, `Caribbean`, `Pacific`.
    pub region: Region,
    /// The billing category.
    pub category: Category,
    /// The IANA time zones of the places the NPA serves, the zone of most
    /// of its numbers first; see [`NpaRecord::time_zones`].
    pub time_zones: Cow<'static, [TimeZoneId]>,
}

impl NpaRecord {
    /// The IANA time zones of the places the NPA serves, the zone of most
    /// of its numbers first: one for most NPAs, every zone for those that
    /// span several (850: `America/Chicago`, `America/New_York`). From
    /// `data/time_zones.csv`; empty only for a record added at run time
    /// without zones.
    ///
    /// ```
    /// let zones: Vec<&str> = nanp_lerg::lookup(850).unwrap().time_zones().iter().map(|z| z.as_str()).collect();
    /// assert_eq!(zones, ["America/Chicago", "America/New_York"]);
    ///
    /// // Arizona keeps standard time all year; the Navajo Nation, in 928, does not.
    /// assert_eq!(nanp_lerg::lookup(602).unwrap().time_zones(), ["America/Phoenix"]);
    /// assert_eq!(nanp_lerg::lookup(928).unwrap().time_zones(), ["America/Phoenix", "America/Denver"]);
    /// ```
    pub fn time_zones(&self) -> &[TimeZoneId] {
        &self.time_zones
    }

    /// The time zones as the `time_zones` column writes them, `;`-joined:
    /// `America/Chicago;America/New_York`.
    ///
    /// ```
    /// assert_eq!(nanp_lerg::lookup(270).unwrap().time_zone_list(), "America/Chicago;America/New_York");
    /// ```
    pub fn time_zone_list(&self) -> String {
        let names: Vec<&str> = self.time_zones.iter().map(|z| z.as_str()).collect();
        names.join(";")
    }

    /// The record's [`Location`], for display.
    pub fn location(&self) -> Location<'_> {
        Location {
            record: self,
            full: false,
        }
    }

    /// Whether the NPA serves `code` (primary or not).
    ///
    /// ```
    /// let npa = nanp_lerg::lookup(902).unwrap();
    /// assert!(npa.serves("PE") && npa.serves("NS") && !npa.serves("NB"));
    /// ```
    pub fn serves(&self, code: &str) -> bool {
        self.state_province_codes.iter().any(|c| c == code)
    }

    /// Every state or province served, as the `state_province_codes`
    /// column writes them: `NS;PE`.
    ///
    /// ```
    /// assert_eq!(nanp_lerg::lookup(867).unwrap().state_province_list(), "NT;NU;YT");
    /// ```
    pub fn state_province_list(&self) -> String {
        let codes: Vec<&str> = self
            .state_province_codes
            .iter()
            .map(|c| c.as_str())
            .collect();
        codes.join(";")
    }

    /// The current value of `field`, as a fix writes it.
    pub(crate) fn field_value(&self, field: Field) -> String {
        match field {
            Field::CountryCode => self.country_code.to_string(),
            Field::CountryName => self.country_name.to_string(),
            Field::StateProvinceCode => self.state_province_code.to_string(),
            Field::StateProvinceName => self.state_province_name.to_string(),
            Field::StateProvinceCodes => self.state_province_list(),
            Field::Region => self.region.to_string(),
            Field::Category => self.category.to_string(),
        }
    }
}

/// Where an NPA is, for people.
///
/// `Display` writes the short form, `"<state or province>, <country>"`
/// ("Guam, Guam"), or, from [`Location::full`], the long form with the
/// codes. Neither allocates until written.
///
/// ```
/// let guam = nanp_lerg::location(671).unwrap();
/// assert_eq!(guam.to_string(), "Guam, Guam");
/// assert_eq!(guam.full().to_string(), "Guam, Guam (GU, GU)");
///
/// let nj = nanp_lerg::location(201).unwrap();
/// assert_eq!(nj.full().to_string(), "New Jersey, United States (NJ, US)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location<'a> {
    record: &'a NpaRecord,
    full: bool,
}

impl<'a> Location<'a> {
    /// The long form, `"<state or province>, <country> (<state codes>, <country code>)"`:
    /// "Guam, Guam (GU, GU)". Several state codes are joined with `/`.
    pub fn full(self) -> Location<'a> {
        Location { full: true, ..self }
    }

    /// The record located.
    pub fn record(self) -> &'a NpaRecord {
        self.record
    }
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.record;
        write!(f, "{}, {}", r.state_province_name, r.country_name)?;
        if !self.full {
            return Ok(());
        }
        f.write_str(" (")?;
        for (i, code) in r.state_province_codes.iter().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            f.write_str(code.as_str())?;
        }
        write!(f, ", {})", r.country_code)
    }
}

/// A NANP country or territory, from `data/countries.csv`.
///
/// ```
/// let pr = nanp_lerg::country("PR").unwrap();
/// assert_eq!(pr.name, "Puerto Rico");
/// assert_eq!(pr.category, nanp_lerg::Category::Caribbean);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: CountryCode,
    /// Name.
    pub name: Cow<'static, str>,
    /// The region its NPAs belong to.
    pub region: Region,
    /// The billing category of its NPAs.
    pub category: Category,
}

/// A US state (or DC) or Canadian province or territory, from `data/subdivisions.csv`.
///
/// ```
/// let yt = nanp_lerg::subdivision("CA", "YT").unwrap();
/// assert_eq!(yt.name, "Yukon");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subdivision {
    /// The country.
    pub country_code: CountryCode,
    /// The USPS or Canadian code.
    pub code: SubdivisionCode,
    /// Name.
    pub name: Cow<'static, str>,
}

/// A non-geographic code and where its assignment is documented, from
/// `data/non_geographic.csv`.
///
/// ```
/// let toll_free = nanp_lerg::non_geographic().iter().find(|g| g.npa.get() == 800).unwrap();
/// assert_eq!(toll_free.service, nanp_lerg::Service::TollFree);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NonGeographic {
    /// The code.
    pub npa: Npa,
    /// Its service.
    pub service: Service,
    /// The source of the assignment.
    pub source: Cow<'static, str>,
}

/// The time zones of one NPA and where they come from: a row of
/// `data/time_zones.csv`.
///
/// ```
/// use nanp_lerg::schema::read_time_zones;
///
/// let csv = "npa,time_zones,source\n928,America/Phoenix;America/Denver,Navajo Nation on DST\n";
/// let rows = read_time_zones("time_zones.csv", csv.as_bytes()).unwrap();
/// assert_eq!(rows[0].npa.get(), 928);
/// assert_eq!(*rows[0].time_zones, ["America/Phoenix", "America/Denver"]);
/// assert_eq!(rows[0].source, "Navajo Nation on DST");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NpaTimeZones {
    /// The NPA.
    pub npa: Npa,
    /// Its zones, the zone of most of its numbers first.
    pub time_zones: Cow<'static, [TimeZoneId]>,
    /// Where they come from, or why they were decided so.
    pub source: Cow<'static, str>,
}

/// A correction from `data/fixes.csv`: one field of one NPA, from the
/// source's value to the corrected one, and why.
///
/// ```
/// let first = &nanp_lerg::fixes()[0];
/// assert_eq!((first.npa.get(), &*first.from, &*first.to), (670, "US", "MP"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The NPA corrected.
    pub npa: Npa,
    /// The field corrected.
    pub field: Field,
    /// The value the field must have before the fix (the source's).
    pub from: Cow<'static, str>,
    /// The corrected value.
    pub to: Cow<'static, str>,
    /// Why: a fact a reviewer can check.
    pub reason: Cow<'static, str>,
}
