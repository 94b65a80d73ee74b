//! Reading NANPA's `npa_report.csv`: the file-date line, the header, and
//! one row per code, through the crate's one row reader.

use std::collections::HashMap;
use std::io::Read;

use jiff::civil::Date;
use serde::Serialize;

use crate::names::normalize;
use crate::npa::Npa;
use crate::rows::{sniff_delimiter, Encoding, ReadError, RowReader, TableError, SNIFF_HEAD};

/// One row of NANPA's NPA report: the fields the comparison reads, as the
/// report writes them (trimmed).
///
/// ```
/// let report = "File Date,11/26/2025\n\
///               NPA_ID,type_of_code,ASSIGNABLE,EXPLANATION,RESERVED,ASSIGNED,ASSIGNMENT_DT,USE,LOCATION,COUNTRY,IN_SERVICE,IN_SERVICE_DT,STATUS,PLANNING_LETTERS,NOTES,OVERLAY,OVERLAY_COMPLEX,PARENT_NPA_ID,SERVICE,TIME_ZONE\n\
///               208,General Purpose Code,Yes,,No,Yes,01-Jan-1947,G,ID,US,Y,01-Jan-1947,,490,,Yes,208/986,,,MP\n";
/// let report = nanp_lerg::check::read_npa_report("npa_report.csv", report.as_bytes()).unwrap();
/// let row = &report.rows[0];
/// assert_eq!((row.line, row.npa.get(), row.location.as_str(), row.time_zone.as_str()), (3, 208, "ID", "MP"));
/// assert!(row.in_service && row.geographic);
/// assert_eq!(row.in_service_date, Some(jiff::civil::date(1947, 1, 1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NpaReportRow {
    /// The line the row starts on.
    pub line: u64,
    /// `NPA_ID`.
    pub npa: Npa,
    /// `ASSIGNED` is `Yes` (a report without the column: `IN_SERVICE`).
    pub assigned: bool,
    /// `RESERVED` is `Yes`: set aside (for a planned relief, say).
    pub reserved: bool,
    /// `USE` is `G`: a geographic code (`N` is non-geographic).
    pub geographic: bool,
    /// `LOCATION`: a state's USPS code, a province's name, or a country's
    /// name for the Caribbean (`NJ`, `ONTARIO`, `JAMAICA`).
    pub location: String,
    /// `COUNTRY`: `US`, `CANADA`, or the country's name.
    pub country: String,
    /// `IN_SERVICE` is `Y`.
    pub in_service: bool,
    /// `IN_SERVICE_DT`, when it is a date (`01-JAN-47`, `25-Sep-2025`).
    pub in_service_date: Option<Date>,
    /// `OVERLAY_COMPLEX`: the NPAs of its overlay complex, `/`-joined.
    pub overlay_complex: String,
    /// `PARENT_NPA_ID`: the NPA it was split or overlaid from.
    pub parent_npa: String,
    /// `SERVICE`: a non-geographic code's service (`Toll-Free`).
    pub service: String,
    /// `TIME_ZONE`: the report's zone letters (`E`, `CM`, `AK`, `(UTC-10)`).
    pub time_zone: String,
}

/// A report read: its file date (the first line, `File Date,MM/DD/YYYY`)
/// and its rows, in file order.
///
/// ```
/// let report = "File Date,10/04/2018\n\
///               NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///               201,G,NJ,US,Y,201/551,,E\n";
/// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
/// assert_eq!(report.file_date, Some(jiff::civil::date(2018, 10, 4)));
/// assert_eq!(report.rows.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NpaReport {
    /// The date on the first line, if the file has that line.
    pub file_date: Option<Date>,
    /// Every row, in file order.
    pub rows: Vec<NpaReportRow>,
}

/// A row of the report that cannot be read.
///
/// ```
/// use nanp_lerg::check::{read_npa_report, NpaReportError, NpaReportRowError};
///
/// let report = "NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///               201,G,NJ,US,Y,201/551,,E\n\
///               201,G,NJ,US,Y,201/551,,E\n";
/// let Err(NpaReportError::Rows { rows, .. }) = read_npa_report("r.csv", report.as_bytes()) else { panic!() };
/// assert_eq!(rows[0].0, 3);
/// assert_eq!(rows[0].1.to_string(), "NPA 201 is already on line 2");
/// assert!(matches!(rows[0].1, NpaReportRowError::Duplicate { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NpaReportRowError {
    /// The row is not text a reader can split (a quote that never closes,
    /// a row past the length limit).
    #[error("{0}")]
    Malformed(&'static str),
    /// `NPA_ID` does not hold a code 200–999.
    #[error("NPA_ID {0:?} is not an area code")]
    NotAnNpa(String),
    /// The code is on an earlier row too.
    #[error("NPA {npa} is already on line {first_line}")]
    Duplicate {
        /// The code.
        npa: Npa,
        /// Its first row.
        first_line: u64,
    },
}

/// Why a report cannot be compared.
///
/// ```
/// let e = nanp_lerg::check::read_npa_report("r.csv", "npa,category\n201,us-domestic\n".as_bytes()).unwrap_err();
/// assert!(e.to_string().starts_with("r.csv:1: not a NANPA NPA report: no column NPA_ID, USE,"), "{e}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NpaReportError {
    /// The file cannot be read, is not text, or its header is not the report's.
    #[error(transparent)]
    Table(#[from] TableError),
    /// Rows that cannot be read. The report is refused whole: a code whose
    /// row is lost would be reported as out of service.
    #[error("{file}: {} row(s) cannot be read; the report is not compared, since a lost row would misreport its code:{}", .rows.len(), list(.file, .rows))]
    Rows {
        /// The file.
        file: String,
        /// Each bad row's line and problem.
        rows: Vec<(u64, NpaReportRowError)>,
    },
}

fn list(file: &str, rows: &[(u64, NpaReportRowError)]) -> String {
    rows.iter()
        .map(|(line, e)| format!("\n{file}:{line}: {e}"))
        .collect()
}

/// The columns read, by the report's names.
struct Columns {
    npa: usize,
    assigned: Option<usize>,
    reserved: Option<usize>,
    geographic: usize,
    location: usize,
    country: usize,
    in_service: usize,
    in_service_date: Option<usize>,
    overlay_complex: usize,
    parent_npa: usize,
    service: Option<usize>,
    time_zone: usize,
}

/// The columns a report must have.
const REQUIRED: [&str; 8] = [
    "NPA_ID",
    "USE",
    "LOCATION",
    "COUNTRY",
    "IN_SERVICE",
    "OVERLAY_COMPLEX",
    "PARENT_NPA_ID",
    "TIME_ZONE",
];

impl Columns {
    fn locate(header: &[String]) -> Result<Columns, String> {
        let find = |name: &str| {
            let name = normalize(name);
            header.iter().position(|h| normalize(h) == name)
        };
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|n| find(n).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "not a NANPA NPA report: no column {} (its header starts \
                 NPA_ID,type_of_code,ASSIGNABLE,EXPLANATION,RESERVED,ASSIGNED,…)",
                missing.join(", ")
            ));
        }
        let at = |name: &str| find(name).unwrap_or(usize::MAX);
        Ok(Columns {
            npa: at("NPA_ID"),
            assigned: find("ASSIGNED"),
            reserved: find("RESERVED"),
            geographic: at("USE"),
            location: at("LOCATION"),
            country: at("COUNTRY"),
            in_service: at("IN_SERVICE"),
            in_service_date: find("IN_SERVICE_DT"),
            overlay_complex: at("OVERLAY_COMPLEX"),
            parent_npa: at("PARENT_NPA_ID"),
            service: find("SERVICE"),
            time_zone: at("TIME_ZONE"),
        })
    }
}

fn yes(value: &str) -> bool {
    matches!(value.to_ascii_uppercase().as_str(), "Y" | "YES")
}

/// Reads NANPA's `npa_report.csv`: the first line `File Date,MM/DD/YYYY`
/// (optional), the header (columns found by name, in any order; case and
/// punctuation aside), then one row per code.
///
/// Text in any encoding the crate's reader knows (UTF-8, UTF-16, Windows-1252)
/// and any delimiter it detects is read. Rows shorter than the header are
/// read with the missing fields empty, and extra fields are ignored: public
/// copies of the 2018 and 2020 reports cut some rows short after 17 fields
/// and give others a 33rd. A row that cannot be read at all (a quote that
/// never closes, an `NPA_ID` that is not a code, a code on two rows) makes
/// the whole report refused, every such row named.
///
/// ```
/// let bad = "File Date,11/26/2025\n\
///            NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///            201,G,NJ,US,Y,201/551,,E\n\
///            2O2,G,DC,US,Y,202/771,,E\n";
/// let e = nanp_lerg::check::read_npa_report("r.csv", bad.as_bytes()).unwrap_err();
/// assert!(e.to_string().ends_with("\nr.csv:4: NPA_ID \"2O2\" is not an area code"), "{e}");
/// ```
///
/// # Errors
///
/// [`NpaReportError`]: the file cannot be read or is not a report, or
/// some rows cannot be read.
pub fn read_npa_report(file: &str, input: impl Read) -> Result<NpaReport, NpaReportError> {
    let table_io = |e: std::io::Error| TableError::Io {
        file: file.to_owned(),
        message: e.to_string(),
    };
    let header_error = |line, problem: String| TableError::Header {
        file: file.to_owned(),
        line,
        problem,
    };
    let mut rows = RowReader::new(input, b',', Encoding::Auto).map_err(|e| match e {
        ReadError::Io(e) => table_io(e),
        ReadError::NotText(what) => TableError::NotText {
            file: file.to_owned(),
            what,
        },
    })?;
    let delimiter = sniff_delimiter(rows.peek(SNIFF_HEAD).map_err(table_io)?);
    rows.set_delimiter(delimiter);

    let malformed = "the header is malformed (a quote never closes, or it is too long)";
    let mut file_date = None;
    let columns = loop {
        let Some(row) = rows.next_row().map_err(table_io)? else {
            let problem = "the file is empty: no header".to_owned();
            return Err(header_error(rows.line().max(1), problem).into());
        };
        if row.fault().is_some() {
            return Err(header_error(row.line(), malformed.into()).into());
        }
        let first = row.get(0).unwrap_or("").trim();
        if normalize(first) == "filedate" && file_date.is_none() {
            let value = row.get(1).unwrap_or("").trim();
            let date = crate::date::parse(value).ok_or_else(|| {
                let problem = format!("File Date {value:?} is not a date (MM/DD/YYYY)");
                header_error(row.line(), problem)
            })?;
            file_date = Some(date);
            continue;
        }
        let names: Vec<String> = row.iter().map(|c| c.trim().to_owned()).collect();
        break Columns::locate(&names).map_err(|p| header_error(row.line(), p))?;
    };

    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<Npa, u64> = HashMap::new();
    loop {
        let line = rows.line();
        let row = rows.next_row().map_err(|e| TableError::Io {
            file: file.to_owned(),
            message: format!("line {line}: {e}"),
        })?;
        let Some(row) = row else { break };
        let line = row.line();
        if let Some(fault) = row.fault() {
            bad.push((line, NpaReportRowError::Malformed(fault.message())));
            continue;
        }
        let cell = |i: usize| row.get(i).unwrap_or("").trim();
        let code = cell(columns.npa);
        let npa = match code.parse::<Npa>() {
            Ok(npa) if code.len() == 3 => npa,
            _ => {
                bad.push((line, NpaReportRowError::NotAnNpa(code.to_owned())));
                continue;
            }
        };
        if let Some(&first_line) = seen.get(&npa) {
            bad.push((line, NpaReportRowError::Duplicate { npa, first_line }));
            continue;
        }
        seen.insert(npa, line);
        let optional = |i: Option<usize>| i.map_or("", cell);
        let in_service = yes(cell(columns.in_service));
        out.push(NpaReportRow {
            line,
            npa,
            assigned: columns.assigned.map_or(in_service, |i| yes(cell(i))),
            reserved: yes(optional(columns.reserved)),
            geographic: cell(columns.geographic).eq_ignore_ascii_case("G"),
            location: cell(columns.location).to_owned(),
            country: cell(columns.country).to_owned(),
            in_service,
            in_service_date: crate::date::parse(optional(columns.in_service_date)),
            overlay_complex: cell(columns.overlay_complex).to_owned(),
            parent_npa: cell(columns.parent_npa).to_owned(),
            service: optional(columns.service).to_owned(),
            time_zone: cell(columns.time_zone).to_owned(),
        });
    }
    if !bad.is_empty() {
        return Err(NpaReportError::Rows {
            file: file.to_owned(),
            rows: bad,
        });
    }
    if out.is_empty() {
        let line = rows.line();
        return Err(header_error(line, "no rows after the header".into()).into());
    }
    Ok(NpaReport {
        file_date,
        rows: out,
    })
}
