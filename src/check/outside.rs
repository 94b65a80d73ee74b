//! Reading an outside categorization table (a user's own NPA table, a
//! legacy system's): [`OutsideRow`], the accepted column names and category
//! labels, and the reader behind [`validate_csv`](super::validate_csv),
//! whose documentation lists what it accepts.

use std::io::Read;

use serde::{Serialize, Serializer};

use crate::category::Category;
use crate::names::{is_one_of, normalize};
use crate::npa::Npa;
use crate::parse::{parse, ParseError};
use crate::record::NpaRecord;
use crate::rows::{Table, TableError};

/// Accepted names of the NPA column (compared by letters and digits alone,
/// without regard to case: `Area Code` is `area_code`).
///
/// ```
/// assert!(nanp_lerg::check::NPA_COLUMN_NAMES.contains(&"area_code"));
/// assert!(nanp_lerg::check::STATE_COLUMN_NAMES.contains(&"province"));
/// ```
pub const NPA_COLUMN_NAMES: [&str; 6] =
    ["npa", "area_code", "areacode", "npa_code", "code", "prefix"];
/// Accepted names of the category column.
pub const CATEGORY_COLUMN_NAMES: [&str; 4] = ["category", "billing_category", "type", "class"];
/// Accepted names of the country column.
pub const COUNTRY_COLUMN_NAMES: [&str; 5] = ["country", "country_code", "cc", "iso", "iso_country"];
/// Accepted names of the state or province column.
pub const STATE_COLUMN_NAMES: [&str; 8] = [
    "state",
    "state_code",
    "province",
    "province_code",
    "state_province",
    "state_province_code",
    "region_code",
    "subdivision",
];

/// One row of an outside table: an NPA and what the table says about it.
///
/// Build rows with [`OutsideRow::new`] and its setters, or from
/// `(npa, category)` pairs (`u16` pairs outside 200–999 are reported, not
/// dropped: see [`validate`](super::validate)) and records:
///
/// ```
/// use nanp_lerg::check::OutsideRow;
/// use nanp_lerg::{Category, Npa};
///
/// let guam = Npa::new(671).unwrap();
/// let row = OutsideRow::new(guam).country("us").state("GU");
/// assert_eq!(row.country_code.as_deref(), Some("US"));
///
/// let pair = OutsideRow::try_from((671, Category::Pacific)).unwrap();
/// assert_eq!(pair.category, Some(Category::Pacific));
/// assert!(OutsideRow::try_from((1212, Category::UsDomestic)).is_err());
///
/// let ours = OutsideRow::from(nanp_lerg::lookup(902).unwrap());
/// assert_eq!(ours.state_province_code.as_deref(), Some("NS"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideRow {
    /// The area code.
    pub npa: Npa,
    /// The billing category, if the table gives one.
    pub category: Option<Category>,
    /// The country or territory code, upper-cased, if given.
    pub country_code: Option<String>,
    /// The state or province code, upper-cased, if given.
    pub state_province_code: Option<String>,
}

impl OutsideRow {
    /// A row with an NPA and nothing else yet; the setters add the rest.
    ///
    /// ```
    /// use nanp_lerg::check::OutsideRow;
    /// use nanp_lerg::{Category, Npa};
    ///
    /// let row = OutsideRow::new(Npa::new(684).unwrap())
    ///     .category(Category::Pacific)
    ///     .country(" as ")
    ///     .state("");
    /// assert_eq!(row.country_code.as_deref(), Some("AS"));
    /// assert_eq!(row.state_province_code, None, "empty is no value");
    /// ```
    pub fn new(npa: Npa) -> OutsideRow {
        OutsideRow {
            npa,
            category: None,
            country_code: None,
            state_province_code: None,
        }
    }

    /// Sets the category.
    pub fn category(mut self, category: Category) -> OutsideRow {
        self.category = Some(category);
        self
    }

    /// Sets the country code (trimmed and upper-cased; empty means none).
    pub fn country(mut self, code: &str) -> OutsideRow {
        self.country_code = code_value(code);
        self
    }

    /// Sets the state or province code (trimmed and upper-cased; empty means none).
    pub fn state(mut self, code: &str) -> OutsideRow {
        self.state_province_code = code_value(code);
        self
    }
}

fn code_value(code: &str) -> Option<String> {
    let code = code.trim();
    (!code.is_empty()).then(|| code.to_ascii_uppercase())
}

impl From<(Npa, Category)> for OutsideRow {
    fn from((npa, category): (Npa, Category)) -> OutsideRow {
        OutsideRow::new(npa).category(category)
    }
}

impl TryFrom<(u16, Category)> for OutsideRow {
    type Error = RowProblem;

    /// `RowProblem::OutOfRange` for a number outside 200–999.
    fn try_from((npa, category): (u16, Category)) -> Result<OutsideRow, RowProblem> {
        let npa = Npa::new(npa).ok_or(RowProblem::OutOfRange(npa))?;
        Ok(OutsideRow::new(npa).category(category))
    }
}

impl From<&NpaRecord> for OutsideRow {
    /// The record's NPA, category, country and primary state.
    fn from(r: &NpaRecord) -> OutsideRow {
        OutsideRow::new(r.npa)
            .category(r.category)
            .country(r.country_code.as_str())
            .state(r.state_province_code.as_str())
    }
}

/// The category a label in an outside table names: one of ours in any
/// case, with `-`, `_` or a space between words (`us-domestic`, `US
/// Domestic`, `us_domestic`); `domestic`; or the export's region names `US`,
/// `CA` (and `Canada`), `Caribbean`, `Pacific`.
///
/// ```
/// use nanp_lerg::check::parse_category_label;
/// use nanp_lerg::Category;
///
/// assert_eq!(parse_category_label(" US Domestic "), Some(Category::UsDomestic));
/// assert_eq!(parse_category_label("us_domestic"), Some(Category::UsDomestic));
/// assert_eq!(parse_category_label("domestic"), Some(Category::UsDomestic));
/// assert_eq!(parse_category_label("Canada"), Some(Category::Canadian));
/// assert_eq!(parse_category_label("PACIFIC"), Some(Category::Pacific));
/// assert_eq!(parse_category_label("international"), None);
/// ```
pub fn parse_category_label(label: &str) -> Option<Category> {
    let label = normalize(label);
    match label.as_str() {
        "usdomestic" | "domestic" | "us" => Some(Category::UsDomestic),
        "canadian" | "canada" | "ca" => Some(Category::Canadian),
        "caribbean" => Some(Category::Caribbean),
        "pacific" => Some(Category::Pacific),
        _ => None,
    }
}

/// Why a row of an outside table could not be compared.
///
/// ```
/// let csv = "code,type\n1201200,us-domestic\n212,long distance\n";
/// let dir = nanp_lerg::Directory::builtin();
/// let report = nanp_lerg::check::validate_csv(&dir, "t.csv", csv.as_bytes()).unwrap();
/// let problems: Vec<String> = report.rejected.iter().map(|r| r.problem.to_string()).collect();
/// assert_eq!(problems, [
///     "column `code`: \"1201200\" holds more than an area code",
///     "column `type`: unknown category \"long distance\" (expected us-domestic, canadian, caribbean or pacific)",
/// ]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RowProblem {
    /// The row is not valid CSV (for instance, not UTF-8).
    #[error("malformed CSV: {0}")]
    Csv(String),
    /// The row has a different number of fields than the header.
    #[error("{found} fields, the header has {expected}")]
    FieldCount {
        /// Fields in the row.
        found: usize,
        /// Columns in the header.
        expected: usize,
    },
    /// The NPA cell is empty.
    #[error("column `{column}`: no NPA")]
    NoNpa {
        /// The column, as the header names it.
        column: String,
    },
    /// The NPA cell does not hold an area code.
    #[error("column `{column}`: {value:?} is not an area code: {error}")]
    Npa {
        /// The column.
        column: String,
        /// The cell.
        value: String,
        /// Why not.
        error: ParseError,
    },
    /// The NPA cell holds more than an area code (an NPA-NXX prefix).
    #[error("column `{column}`: {value:?} holds more than an area code")]
    NotAnAreaCode {
        /// The column.
        column: String,
        /// The cell.
        value: String,
    },
    /// A number that is not an NPA (from an iterator).
    #[error("{0} is not an NPA (200-999)")]
    OutOfRange(u16),
    /// The category cell names no category.
    #[error("column `{column}`: unknown category {value:?} (expected us-domestic, canadian, caribbean or pacific)")]
    Category {
        /// The column.
        column: String,
        /// The cell.
        value: String,
    },
    /// The NPA is on an earlier row too; only the first is compared.
    #[error("NPA {npa} is already on {first}")]
    Duplicate {
        /// The NPA.
        npa: Npa,
        /// Where it first appears (`line 12` or `item 12`).
        first: String,
    },
}

impl From<std::convert::Infallible> for RowProblem {
    fn from(never: std::convert::Infallible) -> RowProblem {
        match never {}
    }
}

impl Serialize for RowProblem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The rows of an outside CSV table, the rows that could not be read, and
/// the columns ignored.
pub(crate) struct OutsideTable {
    pub(crate) rows: Vec<(u64, OutsideRow)>,
    pub(crate) rejected: Vec<(u64, RowProblem)>,
    pub(crate) ignored_columns: Vec<String>,
}

/// The position of each role's column in the header.
#[derive(Default)]
struct Roles {
    npa: Option<usize>,
    category: Option<usize>,
    country: Option<usize>,
    state: Option<usize>,
}

pub(crate) fn read_table(file: &str, input: impl Read) -> Result<OutsideTable, TableError> {
    let mut table = Table::open(file, input)?;
    let header = std::mem::take(&mut table.header);
    let (roles, ignored_columns) = locate(&header).map_err(|problem| TableError::Header {
        file: file.to_owned(),
        line: table.header_line,
        problem,
    })?;
    let npa_column = roles.npa.unwrap_or(0);
    let mut out = OutsideTable {
        rows: Vec::new(),
        rejected: Vec::new(),
        ignored_columns,
    };
    while let Some(record) = table.next_row(file)? {
        let line = record.line();
        if let Some(fault) = record.fault() {
            let message = fault.message();
            out.rejected
                .push((line, RowProblem::Csv(message.to_owned())));
            continue;
        }
        if record.len() != header.len() {
            let problem = RowProblem::FieldCount {
                found: record.len(),
                expected: header.len(),
            };
            out.rejected.push((line, problem));
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        match read_row(&header, &roles, npa_column, cell) {
            Ok(row) => out.rows.push((line, row)),
            Err(problem) => out.rejected.push((line, problem)),
        }
    }
    Ok(out)
}

fn read_row<'r>(
    header: &[String],
    roles: &Roles,
    npa_column: usize,
    cell: impl Fn(Option<usize>) -> &'r str,
) -> Result<OutsideRow, RowProblem> {
    let column = |i: usize| header[i].clone();
    let value = cell(Some(npa_column));
    if value.is_empty() {
        return Err(RowProblem::NoNpa {
            column: column(npa_column),
        });
    }
    let npa = match parse(value) {
        Ok(d) if d.nxx.is_none() => d.npa,
        Ok(_) => {
            return Err(RowProblem::NotAnAreaCode {
                column: column(npa_column),
                value: value.to_owned(),
            })
        }
        Err(error) => {
            return Err(RowProblem::Npa {
                column: column(npa_column),
                value: value.to_owned(),
                error,
            })
        }
    };
    let mut row = OutsideRow::new(npa)
        .country(cell(roles.country))
        .state(cell(roles.state));
    let label = cell(roles.category);
    if !label.is_empty() {
        row.category = Some(
            parse_category_label(label).ok_or_else(|| RowProblem::Category {
                column: roles.category.map(column).unwrap_or_default(),
                value: label.to_owned(),
            })?,
        );
    }
    Ok(row)
}

/// Finds each role's column; lists the others as ignored.
fn locate(header: &[String]) -> Result<(Roles, Vec<String>), String> {
    let mut roles = Roles::default();
    let mut ignored = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let (slot, role) = if is_one_of(name, &NPA_COLUMN_NAMES) {
            (&mut roles.npa, "the NPA")
        } else if is_one_of(name, &CATEGORY_COLUMN_NAMES) {
            (&mut roles.category, "the category")
        } else if is_one_of(name, &COUNTRY_COLUMN_NAMES) {
            (&mut roles.country, "the country")
        } else if is_one_of(name, &STATE_COLUMN_NAMES) {
            (&mut roles.state, "the state or province")
        } else {
            ignored.push(name.clone());
            continue;
        };
        if let Some(first) = slot.replace(i) {
            return Err(format!(
                "columns `{}` and `{name}` both hold {role}; keep one",
                header[first]
            ));
        }
    }
    let names = |names: &[&str]| names.join(", ");
    if roles.npa.is_none() {
        return Err(format!(
            "no NPA column in `{}`; name it one of {}",
            header.join(","),
            names(&NPA_COLUMN_NAMES)
        ));
    }
    if roles.category.is_none() && roles.country.is_none() && roles.state.is_none() {
        return Err(format!(
            "nothing to compare in `{}`: no category ({}), country ({}) or state ({}) column",
            header.join(","),
            names(&CATEGORY_COLUMN_NAMES),
            names(&COUNTRY_COLUMN_NAMES),
            names(&STATE_COLUMN_NAMES)
        ));
    }
    Ok((roles, ignored))
}
