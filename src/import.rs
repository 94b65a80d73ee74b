//! Converting an enhanced-LERG export (a dump of the 450-NPA table the
//! dataset comes from) into the crate's schema: the first step of a data
//! refresh.
//!
//! The export has one row per NPA, with at least the columns of
//! [`LERG_COLUMNS`], found by name in any order (extra columns such as
//! `created_at` or `notes` are ignored, and listed as ignored). The import
//! keeps the export's values as they are — errors included, since
//! `data/fixes.csv` corrects them and the build names every fix that an
//! upstream correction has made stale — and adds the `category` the
//! exported country implies under the export's own rule: US → `us-domestic`,
//! CA → `canadian`, AS, GU, MP → `pacific`, any other → `caribbean`.
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
use crate::names::normalize;
use crate::npa::Npa;
use crate::record::NpaRecord;
pub use crate::rows::TableError;
use crate::rows::{Fields, Table};
use crate::schema::{
    parse_code, parse_npa, parse_region, DataError, DataErrorKind, DataErrors, Problems,
    NPA_COLUMNS,
};

/// The columns an enhanced-LERG export must have (in any order; matched by
/// letters and digits alone, without regard to case): the first six columns
/// of `data/npa.csv`, and `is_active`.
///
/// ```
/// let e = nanp_lerg::import::import_lerg("x.csv", "npa,country_code\n".as_bytes()).unwrap_err();
/// assert!(e.to_string().starts_with("x.csv:1: missing column(s) `country_name`, `state_province_code`"));
/// ```
pub const LERG_COLUMNS: [&str; 7] = {
    let mut columns = [""; 7];
    let mut i = 0;
    while i < 6 {
        columns[i] = NPA_COLUMNS[i];
        i += 1;
    }
    columns[6] = "is_active";
    columns
};

/// An enhanced-LERG export converted to the schema of `data/npa.csv`.
///
/// ```
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,notes,is_active\n\
///               671,US,United States,GU,Guam,US,kept as exported,true\n\
///               201,US,United States,NJ,New Jersey,US,,true\n\
///               999,US,United States,NJ,New Jersey,US,retired,false\n";
/// let import = nanp_lerg::import::import_lerg("export.csv", export.as_bytes()).unwrap();
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
    /// The active rows, ascending by NPA, with the category their country implies.
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
/// use nanp_lerg::import::SkipReason;
///
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,is_active\n\
///               273,CA,Canada,QC,Quebec,CA,F\n";
/// let import = nanp_lerg::import::import_lerg("x.csv", export.as_bytes()).unwrap();
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
/// assert_eq!(nanp_lerg::import::SkipReason::Inactive.to_string(), "is_active is false (the NPA is retired)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SkipReason {
    /// `is_active` is false: the export marks the NPA retired.
    Inactive,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Inactive => f.write_str("is_active is false (the NPA is retired)"),
        }
    }
}

/// Why an export could not be imported. Nothing is imported on any error.
///
/// ```
/// use nanp_lerg::import::ImportError;
///
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,is_active\n\
///               201,US,United States,NJ,New Jersey,US,true\n\
///               201,US,United States,NJ,New Jersey,US,true\n";
/// let e = nanp_lerg::import::import_lerg("x.csv", export.as_bytes()).unwrap_err();
/// assert!(matches!(&e, ImportError::Rows(errors) if errors[0].line == 3));
/// assert_eq!(e.to_string(), "1 row error(s), nothing imported:\nx.csv:3: NPA 201 is already defined on line 2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The export cannot be read, or its header lacks a needed column or
    /// names one twice.
    #[error("{0}")]
    Table(#[from] TableError),
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

/// The category the export's rule gives a row, from its country.
fn exported_category(country: CountryCode) -> Category {
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
/// use nanp_lerg::import::ImportError;
///
/// let export = "npa,country_code,country_name,state_province_code,state_province_name,region,is_active\n\
///               201,US,United States,NJ,New Jersey,US,true\n\
///               2O2,US,United States,DC,District of Columbia,US,yes\n";
/// let Err(ImportError::Rows(errors)) = nanp_lerg::import::import_lerg("export.csv", export.as_bytes()) else {
///     panic!("a bad row refuses the import");
/// };
/// assert_eq!(errors[0].to_string(), "export.csv:3: field `npa`: \"2O2\" is not an NPA: an NPA is exactly three digits");
/// assert_eq!(errors[1].to_string(), "export.csv:3: field `is_active`: unknown value \"yes\" (expected one of true, false, t, f)");
/// ```
///
/// # Errors
///
/// [`ImportError::Table`] when the export cannot be read or its header
/// lacks a column; [`ImportError::Rows`] with every bad row otherwise.
pub fn import_lerg(file: &str, input: impl Read) -> Result<LergImport, ImportError> {
    let mut table = Table::open(file, input)?;
    let header = std::mem::take(&mut table.header);
    let columns = Columns::locate(&header).map_err(|problem| TableError::Header {
        file: file.to_owned(),
        line: table.header_line,
        problem,
    })?;

    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let mut errors = Vec::new();
    let mut rows = 0;
    let mut first_line: HashMap<Npa, u64> = HashMap::new();
    while let Some(row) = table.next_row(file)? {
        rows += 1;
        let line = row.line();
        let problems = match row.fault() {
            Some(fault) => vec![DataErrorKind::Csv(fault.message().to_owned())],
            None if row.len() != header.len() => vec![DataErrorKind::FieldCount {
                found: row.len(),
                expected: header.len(),
            }],
            None => match columns.convert(row) {
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
        rows,
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
                .position(|c| normalize(c) == normalize(name))
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
    fn convert(&self, row: &Fields) -> Result<Row, Vec<DataErrorKind>> {
        let cell = |column: usize| row.get(self.at[column]).unwrap_or("").trim();
        let mut p = Problems::new();
        let npa = p.parse(cell(0), LERG_COLUMNS[0], parse_npa);
        let active = p.parse(cell(6), LERG_COLUMNS[6], parse_active);
        if let (Some(npa), Some(false)) = (npa, active) {
            return Ok(Row::Inactive(npa));
        }
        let country_code = p.parse(cell(1), LERG_COLUMNS[1], parse_code::<CountryCode>);
        let country_name = p.text(cell(2), LERG_COLUMNS[2]);
        let state = p.parse(cell(3), LERG_COLUMNS[3], parse_code::<SubdivisionCode>);
        let state_name = p.text(cell(4), LERG_COLUMNS[4]);
        let region = p.parse(cell(5), LERG_COLUMNS[5], parse_region);
        let record = (|| {
            Some(NpaRecord {
                npa: npa?,
                country_code: country_code?,
                country_name: country_name?,
                state_province_code: state?,
                state_province_name: state_name?,
                state_province_codes: Cow::Owned(vec![state?]),
                region: region?,
                category: exported_category(country_code?),
                // An export has no zones; data/time_zones.csv gives them.
                time_zones: Cow::Borrowed(&[]),
            })
        })();
        p.finish(record).map(Row::Active)
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
    /// let import = nanp_lerg::import::import_lerg("x.csv", export.as_bytes()).unwrap();
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
    /// let import = nanp_lerg::import::import_lerg("export.csv", export.as_bytes()).unwrap();
    /// assert_eq!(
    ///     import.to_string(),
    ///     "2 rows read: 1 imported, 1 skipped\n\
    ///      skipped line 3 (NPA 202): is_active is false (the NPA is retired)\n"
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
