//! Converting an enhanced-LERG export (the source app's table dump) into the
//! crate's schema: the first step of a data refresh.
//!
//! The export has one row per NPA, with at least the columns of
//! [`LERG_COLUMNS`], found by name in any order (extra columns such as
//! `created_at` or `notes` are ignored, and listed as ignored). The import
//! keeps the export's values as they are — errors included, since
//! `data/fixes.csv` corrects them and the build names every fix that an
//! upstream correction has made stale — and adds the `category` the source
//! app gave from the exported country: US → `us-domestic`, CA → `canadian`,
//! AS, GU, MP → `pacific`, any other → `caribbean`.
//!
//! Every row is accounted for: imported; skipped with its reason (a row whose
//! `is_active` is false); or reported as an error with its line, in which
//! case nothing is imported.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Read, Write};

use serde::Serialize;

use crate::category::Category;
use crate::code::{CountryCode, SubdivisionCode};
use crate::lined_csv::LinedCsv;
use crate::npa::Npa;
use crate::record::NpaRecord;
use crate::schema::{parse_code, parse_npa, parse_region, DataError, DataErrorKind, DataErrors};

/// The columns an enhanced-LERG export must have (in any order; matched
/// case-insensitively, surrounding spaces ignored).
///
/// ```
/// let e = nanp_lerg::import_lerg("x.csv", "npa,country_code\n".as_bytes()).unwrap_err();
/// assert!(e.to_string().starts_with("x.csv:1: missing column(s) `country_name`, `state_province_code`"));
/// ```
pub const LERG_COLUMNS: [&str; 7] = [
    "npa",
    "country_code",
    "country_name",
    "state_province_code",
    "state_province_name",
    "region",
    "is_active",
];

/// An enhanced-LERG export converted to the schema of `data/npa.csv`.
///
/// ```
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,notes,is_active\n\
///               671,US,United States,GU,Guam,US,kept as exported,true\n\
///               201,US,United States,NJ,New Jersey,US,,true\n\
///               999,US,United States,NJ,New Jersey,US,retired,false\n";
/// let import = nanp_lerg::import_lerg("export.csv", export.as_bytes()).unwrap();
/// assert_eq!(import.records.len(), 2);
/// assert_eq!(import.records[0].npa.get(), 201, "ascending");
/// assert_eq!(import.skipped[0].line, 4);
/// assert_eq!(import.ignored_columns, ["notes"]);
///
/// let mut csv = Vec::new();
/// import.write_csv(&mut csv).unwrap();
/// assert_eq!(
///     String::from_utf8(csv).unwrap(),
///     "npa,country_code,country_name,state_province_code,state_province_name,region,category\n\
///      201,US,United States,NJ,New Jersey,US,us-domestic\n\
///      671,US,United States,GU,Guam,US,us-domestic\n"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LergImport {
    /// The active rows, ascending by NPA, with the source app's category.
    pub records: Vec<NpaRecord>,
    /// The rows left out, each with its line and reason.
    pub skipped: Vec<Skipped>,
    /// Columns of the export that the crate's schema has no place for.
    pub ignored_columns: Vec<String>,
    /// Data rows read: `records.len() + skipped.len()`.
    pub rows: usize,
}

/// A row of the export left out of the import.
///
/// ```
/// use nanp_lerg::SkipReason;
///
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,is_active\n\
///               273,CA,Canada,QC,Quebec,CA,F\n";
/// let import = nanp_lerg::import_lerg("x.csv", export.as_bytes()).unwrap();
/// let s = &import.skipped[0];
/// assert_eq!((s.line, s.npa.get(), s.reason), (2, 273, SkipReason::Inactive));
/// assert!(import.records.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Its line in the export.
    pub line: u64,
    /// Its NPA.
    pub npa: Npa,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// Why a row of the export was left out.
///
/// ```
/// assert_eq!(nanp_lerg::SkipReason::Inactive.to_string(), "is_active is false (retired in the source app)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SkipReason {
    /// `is_active` is false: the source app had retired the NPA.
    Inactive,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Inactive => f.write_str("is_active is false (retired in the source app)"),
        }
    }
}

/// Why an export could not be imported. Nothing is imported on any error.
///
/// ```
/// use nanp_lerg::ImportError;
///
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,is_active\n\
///               201,US,United States,NJ,New Jersey,US,true\n\
///               201,US,United States,NJ,New Jersey,US,true\n";
/// let e = nanp_lerg::import_lerg("x.csv", export.as_bytes()).unwrap_err();
/// assert!(matches!(&e, ImportError::Rows(errors) if errors[0].line == 3));
/// assert_eq!(e.to_string(), "1 row error(s), nothing imported:\nx.csv:3: NPA 201 is already defined on line 2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The export could not be read.
    #[error("{file}: cannot read: {message}")]
    Io {
        /// The export, as the caller named it.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The header is not CSV, lacks a needed column, or names one twice.
    #[error("{file}:{line}: {problem}")]
    Header {
        /// The export.
        file: String,
        /// The header's line.
        line: u64,
        /// What is wrong with it.
        problem: String,
    },
    /// Some rows cannot be imported; each is named with its line.
    #[error("{} row error(s), nothing imported:\n{}", .0.len(), lines(.0))]
    Rows(DataErrors),
}

fn lines(errors: &[DataError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The category the source app gave a row, from its exported country.
fn source_app_category(country: CountryCode) -> Category {
    match country.as_str() {
        "US" => Category::UsDomestic,
        "CA" => Category::Canadian,
        "AS" | "GU" | "MP" => Category::Pacific,
        _ => Category::Caribbean,
    }
}

/// Converts an enhanced-LERG export, named `file` in messages; see
/// [`LergImport`]. Values are trimmed of surrounding spaces; `is_active` is
/// `true` or `false` (or PostgreSQL's `t` / `f`), in any case.
///
/// ```
/// use nanp_lerg::ImportError;
///
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,is_active\n\
///               201,US,United States,NJ,New Jersey,US,true\n\
///               2O2,US,United States,DC,District of Columbia,US,yes\n";
/// let Err(ImportError::Rows(errors)) = nanp_lerg::import_lerg("export.csv", export.as_bytes()) else {
///     panic!("a bad row refuses the import");
/// };
/// assert_eq!(errors[0].to_string(), "export.csv:3: field `npa`: \"2O2\" is not an NPA: an NPA is exactly three digits");
/// assert_eq!(errors[1].to_string(), "export.csv:3: field `is_active`: unknown value \"yes\" (expected one of true, false, t, f)");
/// ```
pub fn import_lerg(file: &str, input: impl Read) -> Result<LergImport, ImportError> {
    let csv = LinedCsv::read(input).map_err(|e| ImportError::Io {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    let header_error = |line, problem| ImportError::Header {
        file: file.to_owned(),
        line,
        problem,
    };
    let (header, rows) = csv.rows().map_err(|(line, e)| header_error(line, e))?;
    let columns = Columns::locate(&header).map_err(|p| header_error(1, p))?;

    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let mut errors = Vec::new();
    let mut first_line: HashMap<Npa, u64> = HashMap::new();
    for (line, row) in &rows {
        let line = *line;
        let problems = match row {
            Err(e) => vec![DataErrorKind::Csv(e.clone())],
            Ok(row) if row.len() != header.len() => vec![DataErrorKind::FieldCount {
                found: row.len(),
                expected: header.len(),
            }],
            Ok(row) => match columns.convert(row) {
                Ok(Row::Active(record)) => match first_line.get(&record.npa) {
                    Some(&first) => vec![DataErrorKind::Duplicate {
                        key: format!("NPA {}", record.npa),
                        first_line: first,
                    }],
                    None => {
                        first_line.insert(record.npa, line);
                        records.push(record);
                        continue;
                    }
                },
                Ok(Row::Inactive(npa)) => {
                    skipped.push(Skipped {
                        line,
                        npa,
                        reason: SkipReason::Inactive,
                    });
                    continue;
                }
                Err(problems) => problems,
            },
        };
        errors.extend(problems.into_iter().map(|kind| DataError {
            file: file.to_owned(),
            line,
            kind,
        }));
    }
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    records.sort_by_key(|r| r.npa);
    Ok(LergImport {
        records,
        skipped,
        ignored_columns: columns.ignored,
        rows: rows.len(),
    })
}

/// A row converted: a record, or the NPA of an inactive row.
enum Row {
    Active(NpaRecord),
    Inactive(Npa),
}

/// Where each needed column is in the export's header.
struct Columns {
    at: [usize; LERG_COLUMNS.len()],
    ignored: Vec<String>,
}

impl Columns {
    fn locate(header: &[String]) -> Result<Columns, String> {
        let mut at = [usize::MAX; LERG_COLUMNS.len()];
        let mut ignored = Vec::new();
        for (i, name) in header.iter().enumerate() {
            match LERG_COLUMNS
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name))
            {
                Some(c) if at[c] != usize::MAX => {
                    return Err(format!("column `{}` appears twice", LERG_COLUMNS[c]))
                }
                Some(c) => at[c] = i,
                None => ignored.push(name.clone()),
            }
        }
        let missing: Vec<&str> = LERG_COLUMNS
            .iter()
            .zip(at)
            .filter(|(_, i)| *i == usize::MAX)
            .map(|(c, _)| *c)
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "missing column(s) `{}`; an enhanced-LERG export has `{}`",
                missing.join("`, `"),
                LERG_COLUMNS.join(",")
            ));
        }
        Ok(Columns { at, ignored })
    }

    /// Converts one row, collecting every problem. An inactive row needs
    /// only a readable NPA: it is skipped, so its other fields do not matter.
    fn convert(&self, row: &csv::StringRecord) -> Result<Row, Vec<DataErrorKind>> {
        let mut cells = Cells {
            row,
            at: &self.at,
            problems: Vec::new(),
        };
        let npa = cells.get(0, parse_npa);
        let active = cells.get(6, parse_active);
        if let (Some(npa), Some(false)) = (npa, active) {
            return Ok(Row::Inactive(npa));
        }
        let country_code = cells.get(1, parse_code::<CountryCode>);
        let country_name = cells.get(2, |_, v| Ok(v.to_owned()));
        let state = cells.get(3, parse_code::<SubdivisionCode>);
        let state_name = cells.get(4, |_, v| Ok(v.to_owned()));
        let region = cells.get(5, parse_region);
        let record = (|| {
            Some(NpaRecord {
                npa: npa?,
                country_code: country_code?,
                country_name: Cow::Owned(country_name?),
                state_province_code: state?,
                state_province_name: Cow::Owned(state_name?),
                state_province_codes: Cow::Owned(vec![state?]),
                region: region?,
                category: source_app_category(country_code?),
            })
        })();
        match record {
            Some(record) if cells.problems.is_empty() => Ok(Row::Active(record)),
            _ => Err(cells.problems),
        }
    }
}

/// The cells of one row, read by column with every problem kept.
struct Cells<'r> {
    row: &'r csv::StringRecord,
    at: &'r [usize; LERG_COLUMNS.len()],
    problems: Vec<DataErrorKind>,
}

impl Cells<'_> {
    fn get<T>(
        &mut self,
        column: usize,
        parse: impl FnOnce(&'static str, &str) -> Result<T, DataErrorKind>,
    ) -> Option<T> {
        let field = LERG_COLUMNS[column];
        let value = self.row.get(self.at[column]).unwrap_or("").trim();
        let parsed = if value.is_empty() {
            Err(DataErrorKind::Empty { field })
        } else {
            parse(field, value)
        };
        parsed.map_err(|e| self.problems.push(e)).ok()
    }
}

fn parse_active(field: &'static str, value: &str) -> Result<bool, DataErrorKind> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "t" => Ok(true),
        "false" | "f" => Ok(false),
        _ => Err(DataErrorKind::UnknownValue {
            field,
            value: value.to_owned(),
            expected: "true, false, t, f",
        }),
    }
}

impl LergImport {
    /// Writes the records as `data/npa.csv` holds them: its header, rows
    /// ascending by NPA, LF line endings, quotes only where a field needs them.
    ///
    /// ```
    /// let export = "is_active,npa,country_code,country_name,state_province_code,state_province_name,region\n\
    ///               t,345,KY,Cayman Islands,CQ,\"Cayman Islands, The\",Caribbean\n";
    /// let import = nanp_lerg::import_lerg("x.csv", export.as_bytes()).unwrap();
    /// let mut csv = Vec::new();
    /// import.write_csv(&mut csv).unwrap();
    /// assert!(String::from_utf8(csv).unwrap().ends_with("\n345,KY,Cayman Islands,CQ,\"Cayman Islands, The\",Caribbean,caribbean\n"));
    /// ```
    pub fn write_csv(&self, out: impl Write) -> io::Result<()> {
        crate::export::write_records(out, &self.records, false)
    }
}

impl fmt::Display for LergImport {
    /// What the import did: counts, each skipped row, the ignored columns.
    ///
    /// ```
    /// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,is_active\n\
    ///               201,US,United States,NJ,New Jersey,US,true\n\
    ///               202,US,United States,DC,District of Columbia,US,false\n";
    /// let import = nanp_lerg::import_lerg("export.csv", export.as_bytes()).unwrap();
    /// assert_eq!(
    ///     import.to_string(),
    ///     "2 rows read: 1 imported, 1 skipped\n\
    ///      skipped line 3 (NPA 202): is_active is false (retired in the source app)\n"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} rows read: {} imported, {} skipped",
            self.rows,
            self.records.len(),
            self.skipped.len()
        )?;
        for s in &self.skipped {
            writeln!(f, "skipped line {} (NPA {}): {}", s.line, s.npa, s.reason)?;
        }
        if !self.ignored_columns.is_empty() {
            writeln!(f, "ignored columns: {}", self.ignored_columns.join(", "))?;
        }
        Ok(())
    }
}
