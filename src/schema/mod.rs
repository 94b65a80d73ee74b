//! The data files' row types and their validation.
//!
//! This one module reads `npa.csv`, `fixes.csv`, `countries.csv`,
//! `subdivisions.csv`, `non_geographic.csv` and `time_zones.csv`, checks
//! every row, applies the fixes, gives each NPA its time zones and checks
//! the result. `build.rs` includes it with `#[path]` to
//! compile the tables; the library exposes it so that the same files can be
//! checked at run time. A bad row is therefore reported with the same message
//! in both places: `<file>:<line>: <what is wrong>`.
//!
//! Every row is either accepted or reported: readers go on past a bad row and
//! return every error they found, in file order.
//!
//! ```
//! use nanp_lerg::schema::{read_npa, DataErrorKind};
//!
//! let csv = "npa,country_code,country_name,state_province_code,state_province_name,region,category\n\
//!            201,US,United States,NJ,New Jersey,US,us-domestic\n\
//!            170,US,United States,NJ,New Jersey,US,us-domestic\n";
//! let errors = read_npa("data/npa.csv", csv.as_bytes()).unwrap_err();
//! assert_eq!(errors.len(), 1);
//! assert_eq!(errors[0].line, 3);
//! assert!(matches!(errors[0].kind, DataErrorKind::Npa { .. }));
//! assert_eq!(
//!     errors[0].to_string(),
//!     "data/npa.csv:3: field `npa`: \"170\" is not an NPA: an NPA cannot start with 1 (the first digit is 2-9)"
//! );
//! ```

use std::ops::Deref;

use crate::code::{CountryCode, SubdivisionCode};
use crate::names::named_enum;
use crate::npa::{Npa, NpaError};
use crate::record::{Country, Fix, NonGeographic, NpaRecord, NpaTimeZones, Subdivision};
use crate::reserved::Reserved;
use crate::zone::{TimeZoneId, UnknownTimeZone};

mod check;
mod read;

pub(crate) use check::{check_record, Reference};
pub(crate) use read::{parse_code, parse_npa, parse_region, read_npa_rows, Problems};
pub use read::{
    read_countries, read_fixes, read_non_geographic, read_npa, read_subdivisions, read_time_zones,
};

/// Columns of `npa.csv`, in order.
pub const NPA_COLUMNS: [&str; 7] = [
    "npa",
    "country_code",
    "country_name",
    "state_province_code",
    "state_province_name",
    "region",
    "category",
];
/// Optional last columns of an NPA file, in order (a file has any leading
/// part of them): every state or province served, and the IANA time zones,
/// each `;`-separated, primary first. The shipped `npa.csv` has neither (the
/// export has no such fields; the zones are in `time_zones.csv`); exports of
/// a [`crate::Directory`] have both, and an overlay may.
pub const NPA_OPTIONAL_COLUMNS: [&str; 2] = ["state_province_codes", "time_zones"];
/// Columns of `fixes.csv`, in order.
pub const FIX_COLUMNS: [&str; 5] = ["npa", "field", "from", "to", "reason"];
/// Columns of `countries.csv`, in order.
pub const COUNTRY_COLUMNS: [&str; 4] = ["country_code", "country_name", "region", "category"];
/// Columns of `subdivisions.csv`, in order.
pub const SUBDIVISION_COLUMNS: [&str; 3] = ["country_code", "code", "name"];
/// Columns of `non_geographic.csv`, in order.
pub const NON_GEOGRAPHIC_COLUMNS: [&str; 3] = ["npa", "service", "source"];
/// Columns of `time_zones.csv`, in order.
pub const TIME_ZONE_COLUMNS: [&str; 3] = ["npa", "time_zones", "source"];

/// The data files of a dataset directory, in the order they are read.
pub const DATA_FILES: [&str; 6] = [
    "countries.csv",
    "subdivisions.csv",
    "npa.csv",
    "fixes.csv",
    "non_geographic.csv",
    "time_zones.csv",
];

/// Separator of the items of a list field: the codes of
/// `state_province_codes`, the zones of `time_zones`.
pub const CODE_LIST_SEPARATOR: char = ';';

/// One problem in one data file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct DataError {
    /// The file, as the caller named it (e.g. `data/npa.csv`).
    pub file: String,
    /// The 1-based line the row starts on; 0 when the file could not be read at all.
    pub line: u64,
    /// What is wrong.
    pub kind: DataErrorKind,
}

/// What is wrong with a row of a data file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DataErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The CSV itself is malformed (e.g. a bad quote or invalid UTF-8).
    #[error("malformed CSV: {0}")]
    Csv(String),
    /// The header is not the expected list of columns.
    #[error("header is `{found}`, expected `{expected}`")]
    Header {
        /// The header as found.
        found: String,
        /// The header expected.
        expected: String,
    },
    /// The row has the wrong number of fields.
    #[error("{found} fields, expected {expected}")]
    FieldCount {
        /// How many fields the row has.
        found: usize,
        /// How many the header names.
        expected: usize,
    },
    /// A required field is empty.
    #[error("field `{field}` is empty")]
    Empty {
        /// The column.
        field: &'static str,
    },
    /// A field that should hold an NPA does not.
    #[error("field `{field}`: {value:?} is not an NPA: {error}")]
    Npa {
        /// The column.
        field: &'static str,
        /// The value found.
        value: String,
        /// Why it is not an NPA.
        error: NpaError,
    },
    /// A code is not two upper-case letters.
    #[error("field `{field}`: {value:?} is not a two-letter upper-case code")]
    MalformedCode {
        /// The column.
        field: &'static str,
        /// The value found.
        value: String,
    },
    /// A category, region, service or fix field name is not one of the known names.
    #[error("field `{field}`: unknown value {value:?} (expected one of {expected})")]
    UnknownValue {
        /// The column.
        field: &'static str,
        /// The value found.
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// A key (NPA, country, subdivision) appears twice.
    #[error("{key} is already defined on line {first_line}")]
    Duplicate {
        /// The repeated key.
        key: String,
        /// Where it was first defined.
        first_line: u64,
    },
    /// A fix names an NPA that `npa.csv` does not have.
    #[error("fix for NPA {npa}: no such NPA in npa.csv")]
    FixUnknownNpa {
        /// The NPA the fix names.
        npa: Npa,
    },
    /// A fix's `from` does not match the field's current value: the fix is stale.
    #[error("stale fix: NPA {npa} field `{field}` is {current:?}, not {from:?} as the fix expects; delete or update the fix")]
    StaleFix {
        /// The NPA.
        npa: Npa,
        /// The field.
        field: Field,
        /// The value the fix expects.
        from: String,
        /// The value the field has.
        current: String,
    },
    /// A fix whose `from` and `to` are equal.
    #[error("fix for NPA {npa} field `{field}` changes nothing ({to:?})")]
    NoOpFix {
        /// The NPA.
        npa: Npa,
        /// The field.
        field: Field,
        /// Its value.
        to: String,
    },
    /// A record's country is not listed in `countries.csv`.
    #[error(
        "NPA {npa}: country_code {code} is not a NANP country or territory listed in countries.csv"
    )]
    UnknownCountry {
        /// The NPA.
        npa: Npa,
        /// The code.
        code: CountryCode,
    },
    /// A record's state or province is not one of its country's.
    #[error("NPA {npa}: {field} {code} is not a subdivision of {country}{hint}")]
    UnknownSubdivision {
        /// The NPA.
        npa: Npa,
        /// The column.
        field: &'static str,
        /// The code.
        code: SubdivisionCode,
        /// The record's country.
        country: CountryCode,
        /// What it should be, when that is known.
        hint: String,
    },
    /// A subdivision row names a country that `countries.csv` does not list.
    #[error("country_code {0} is not listed in countries.csv")]
    SubdivisionCountry(CountryCode),
    /// A record's field disagrees with what its country or subdivisions imply.
    #[error("NPA {npa}: {field} is {found:?}, but {because} gives {expected:?}")]
    Inconsistent {
        /// The NPA.
        npa: Npa,
        /// The column.
        field: &'static str,
        /// The value found.
        found: String,
        /// The value implied.
        expected: String,
        /// What implies it.
        because: String,
    },
    /// A geographic record on a code the numbering plan reserves.
    #[error("NPA {npa} is reserved ({}) and cannot be geographic", .reason.description())]
    ReservedNpa {
        /// The NPA.
        npa: Npa,
        /// Why it is reserved.
        reason: Reserved,
    },
    /// A record for a code that cannot be geographic (a service code).
    #[error("{reason}")]
    NotAssignable {
        /// The NPA.
        npa: Npa,
        /// Why not.
        reason: String,
    },
    /// A non-geographic NPA is also a geographic one.
    #[error("NPA {npa} is geographic in npa.csv and cannot also be non-geographic")]
    GeographicAndNonGeographic {
        /// The NPA.
        npa: Npa,
    },
    /// A field that should hold IANA time-zone names holds another name.
    #[error("field `{field}`: {error}")]
    TimeZone {
        /// The column.
        field: &'static str,
        /// What is wrong with the name.
        error: UnknownTimeZone,
    },
    /// A list of time zones names one zone twice.
    #[error("field `{field}`: {zone} is listed twice")]
    RepeatedTimeZone {
        /// The column.
        field: &'static str,
        /// The zone.
        zone: TimeZoneId,
    },
    /// A geographic NPA has no row in `time_zones.csv`.
    #[error("NPA {npa} has no row in time_zones.csv; every geographic NPA needs its time zones")]
    NoTimeZones {
        /// The NPA.
        npa: Npa,
    },
    /// A row of `time_zones.csv` names an NPA that `npa.csv` does not have.
    #[error("time zones for NPA {npa}: no such NPA in npa.csv")]
    TimeZonesUnknownNpa {
        /// The NPA.
        npa: Npa,
    },
}

named_enum! {
    /// A field of an NPA record that a fix can correct.
    pub enum Field ("field") {
        /// `country_code`
        CountryCode = "country_code",
        /// `country_name`
        CountryName = "country_name",
        /// `state_province_code`: the primary state or province.
        StateProvinceCode = "state_province_code",
        /// `state_province_name`
        StateProvinceName = "state_province_name",
        /// `state_province_codes`: every state or province served, primary first,
        /// separated by `;`. Not a column of `npa.csv`: it is the primary code alone
        /// until a fix lists more.
        StateProvinceCodes = "state_province_codes",
        /// `region`
        Region = "region",
        /// `category`
        Category = "category",
    }
}

/// A record with the line of the data file it was read from.
///
/// It dereferences to the record, so `row.npa` and `row.line` both read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lined<T> {
    /// The 1-based line the row starts on.
    pub line: u64,
    /// The record.
    pub record: T,
}

impl<T> Deref for Lined<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.record
    }
}

/// A whole dataset, read, validated and with its fixes applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// The NPA records after fixes, ascending by NPA.
    pub records: Vec<Lined<NpaRecord>>,
    /// The fixes, in the order they were applied.
    pub fixes: Vec<Lined<Fix>>,
    /// The NANP countries and territories.
    pub countries: Vec<Lined<Country>>,
    /// The states, provinces and territories of the countries that have several.
    pub subdivisions: Vec<Lined<Subdivision>>,
    /// The non-geographic codes, ascending.
    pub non_geographic: Vec<Lined<NonGeographic>>,
    /// The rows of `time_zones.csv`, ascending by NPA; each record holds
    /// its zones already.
    pub time_zones: Vec<Lined<NpaTimeZones>>,
}

/// Every error found in a data file or a dataset, in file order.
pub type DataErrors = Vec<DataError>;

fn error(file: &str, line: u64, kind: DataErrorKind) -> DataError {
    DataError {
        file: file.to_owned(),
        line,
        kind,
    }
}
