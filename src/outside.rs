//! Reading an outside categorization table (a user's own NPA table, a legacy
//! app's `lerg_codes`): [`OutsideRow`], the accepted column names and
//! category labels, and the CSV reader behind [`crate::validate_csv`], whose
//! documentation lists what it accepts.

use std::io::Read;

use serde::{Serialize, Serializer};

use crate::category::Category;
use crate::lined_csv::LinedCsv;
use crate::parse::{parse, ParseError};
use crate::record::NpaRecord;

/// Accepted names of the NPA column (compared after lower-casing, trimming,
/// and writing `-` and spaces as `_`).
///
/// ```
/// assert!(nanp_lerg::NPA_COLUMN_NAMES.contains(&"area_code"));
/// assert!(nanp_lerg::STATE_COLUMN_NAMES.contains(&"province"));
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
/// Build rows from an iterator with [`OutsideRow::new`] and its setters, or
/// from `(npa, category)` pairs and records:
///
/// ```
/// use nanp_lerg::{Category, OutsideRow};
///
/// let row = OutsideRow::new(671).country("us").state("GU");
/// assert_eq!(row.country_code.as_deref(), Some("US"));
///
/// let pair: OutsideRow = (671, Category::Pacific).into();
/// assert_eq!(pair.category, Some(Category::Pacific));
///
/// let ours = OutsideRow::from(nanp_lerg::lookup(902).unwrap());
/// assert_eq!(ours.state_province_code.as_deref(), Some("NS"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideRow {
    /// The area code, as the table has it (checked when compared).
    pub npa: u16,
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
    /// use nanp_lerg::{Category, OutsideRow};
    ///
    /// let row = OutsideRow::new(684).category(Category::Pacific).country(" as ").state("");
    /// assert_eq!(row.country_code.as_deref(), Some("AS"));
    /// assert_eq!(row.state_province_code, None, "empty is no value");
    /// ```
    pub fn new(npa: u16) -> OutsideRow {
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

impl From<(u16, Category)> for OutsideRow {
    fn from((npa, category): (u16, Category)) -> OutsideRow {
        OutsideRow::new(npa).category(category)
    }
}

impl From<&NpaRecord> for OutsideRow {
    /// The record's NPA, category, country and primary state.
    fn from(r: &NpaRecord) -> OutsideRow {
        OutsideRow::new(r.npa.get())
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
/// use nanp_lerg::{parse_category_label, Category};
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
        "us-domestic" | "domestic" | "us" => Some(Category::UsDomestic),
        "canadian" | "canada" | "ca" => Some(Category::Canadian),
        "caribbean" => Some(Category::Caribbean),
        "pacific" => Some(Category::Pacific),
        _ => None,
    }
}

/// Lower-case, trimmed, with runs of `-`, `_` and spaces made one `-`.
fn normalize(s: &str) -> String {
    let words: Vec<&str> = s
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-").to_ascii_lowercase()
}

/// Why a row of an outside table could not be compared.
///
/// ```
/// let csv = "code,type\n1201200,us-domestic\n212,long distance\n";
/// let dir = nanp_lerg::Directory::builtin();
/// let report = nanp_lerg::validate_csv(&dir, "t.csv", csv.as_bytes()).unwrap();
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
        npa: u16,
        /// Where it first appears (`line 12` or `item 12`).
        first: String,
    },
}

impl Serialize for RowProblem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why an outside table could not be read at all.
///
/// ```
/// let dir = nanp_lerg::Directory::builtin();
/// let e = nanp_lerg::validate_csv(&dir, "t.csv", "npa,rate\n212,0.01\n".as_bytes()).unwrap_err();
/// assert!(e.to_string().starts_with("t.csv:1: nothing to compare in `npa,rate`"));
/// let e = nanp_lerg::validate_csv(&dir, "t.csv", "npa,code,state\n".as_bytes()).unwrap_err();
/// assert_eq!(e.to_string(), "t.csv:1: columns `npa` and `code` both hold the NPA; keep one");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidateError {
    /// The file could not be read.
    #[error("{file}: cannot read: {message}")]
    Io {
        /// The table, as the caller named it.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The header cannot be read, names no NPA column, no column to compare,
    /// or two columns of one role.
    #[error("{file}:{line}: {problem}")]
    Header {
        /// The table.
        file: String,
        /// The header's line.
        line: u64,
        /// What is wrong.
        problem: String,
    },
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

pub(crate) fn read_table(file: &str, input: impl Read) -> Result<OutsideTable, ValidateError> {
    let csv = LinedCsv::read(input).map_err(|e| ValidateError::Io {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    let header_error = |line, problem| ValidateError::Header {
        file: file.to_owned(),
        line,
        problem,
    };
    let (header, rows) = csv.rows().map_err(|(line, e)| header_error(line, e))?;
    let (roles, ignored_columns) = locate(&header).map_err(|p| header_error(1, p))?;
    let npa_column = roles.npa.unwrap_or(0);

    let mut table = OutsideTable {
        rows: Vec::new(),
        rejected: Vec::new(),
        ignored_columns,
    };
    for (line, record) in rows {
        let record = match record {
            Ok(r) if r.len() == header.len() => r,
            Ok(r) => {
                let problem = RowProblem::FieldCount {
                    found: r.len(),
                    expected: header.len(),
                };
                table.rejected.push((line, problem));
                continue;
            }
            Err(e) => {
                table.rejected.push((line, RowProblem::Csv(e)));
                continue;
            }
        };
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        match read_row(&header, &roles, npa_column, cell) {
            Ok(row) => table.rows.push((line, row)),
            Err(problem) => table.rejected.push((line, problem)),
        }
    }
    Ok(table)
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
        Ok(d) if d.nxx.is_none() => d.npa.get(),
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
        let key = normalize(name).replace('-', "_");
        let (slot, role) = if NPA_COLUMN_NAMES.contains(&key.as_str()) {
            (&mut roles.npa, "the NPA")
        } else if CATEGORY_COLUMN_NAMES.contains(&key.as_str()) {
            (&mut roles.category, "the category")
        } else if COUNTRY_COLUMN_NAMES.contains(&key.as_str()) {
            (&mut roles.country, "the country")
        } else if STATE_COLUMN_NAMES.contains(&key.as_str()) {
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
