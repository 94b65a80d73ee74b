//! Comparing the directory with NANPA's own NPA report (`npa_report.csv`,
//! the administrator's status of every code 200–999): which codes it has in
//! service that the directory lacks, which directory codes it does not have
//! in service, where the location, the country or the time zones disagree,
//! and its overlay complexes.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::classify::Classification;
use crate::directory::Directory;
use crate::npa::Npa;
use crate::record::NpaRecord;
use crate::zone::TimeZoneId;

mod compare;
mod read;

use compare::{letters_of, location_agrees, record_offsets, report_offsets};
pub use read::{read_npa_report, NpaReport, NpaReportError, NpaReportRow, NpaReportRowError};

/// A code the report and the directory see differently, with the two
/// values compared: what the report says, and what the directory says.
///
/// ```
/// let report = "NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///               684,G,GU,US,Y,,,UTC-11\n";
/// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
/// let d = &report.compare(&nanp_lerg::Directory::builtin()).location[0];
/// assert_eq!((d.npa.get(), d.report.as_str()), (684, "GU, US"));
/// assert_eq!(d.directory, "American Samoa, American Samoa (AS, AS)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportDifference {
    /// The code.
    pub npa: Npa,
    /// The report's value (`in service since 2025-09-25, geographic: LA, US`,
    /// `ONTARIO, CANADA`, `E`).
    pub report: String,
    /// The directory's value (`unassigned`, `Ontario, Canada (ON, CA)`, `A`).
    pub directory: String,
}

/// A time-zone disagreement: the report's `TIME_ZONE` letters, the
/// directory's zones in the same notation, and the zones themselves.
///
/// ```
/// // The report gives 907 (Alaska) AK; the Aleutians west of 169.5° W keep Hawaii-Aleutian time.
/// let report = "NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///               907,G,AK,US,Y,,,AK\n";
/// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
/// let d = &report.compare(&nanp_lerg::Directory::builtin()).time_zone[0];
/// assert_eq!((d.report.as_str(), d.directory.as_str()), ("AK", "AK UTC-10"));
/// assert_eq!(d.time_zones, ["America/Anchorage", "America/Juneau", "America/Adak"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeZoneDifference {
    /// The NPA.
    pub npa: Npa,
    /// The report's `TIME_ZONE`, as written (`E`, `CM`, `(UTC-10)`).
    pub report: String,
    /// The standard times of the directory's zones in the report's
    /// notation, the record's order (`PM`, `AK UTC-10`).
    pub directory: String,
    /// The directory's zones.
    pub time_zones: Vec<TimeZoneId>,
}

/// An NPA's overlay complex and parent NPA, as the report gives them.
/// `Display` writes `complex 787/939, parent 809`.
///
/// ```
/// let report = "NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///               787,G,PR,US,Y,787/939,809,A\n";
/// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
/// let o = &report.compare(&nanp_lerg::Directory::builtin()).overlays[0];
/// assert_eq!((o.overlay_complex.as_str(), o.parent_npa.as_str()), ("787/939", "809"));
/// assert_eq!(o.to_string(), "complex 787/939, parent 809");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlay {
    /// The NPA.
    pub npa: Npa,
    /// `OVERLAY_COMPLEX`: every NPA of the complex, `/`-joined (`201/551`).
    pub overlay_complex: String,
    /// `PARENT_NPA_ID`: the NPA it was split or overlaid from.
    pub parent_npa: String,
}

/// The counts of a [`NpaReportComparison`].
///
/// ```
/// let report = "NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///               201,G,NJ,US,Y,201/551,,E\n\
///               221,G,,,N,,,\n";
/// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
/// let s = report.compare(&nanp_lerg::Directory::builtin()).summary;
/// assert_eq!((s.rows, s.compared, s.absent, s.overlays), (2, 1, s.directory - 1, 1));
/// assert_eq!(s.missing + s.not_in_service + s.location + s.time_zone, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct NpaReportSummary {
    /// Rows of the report read.
    pub rows: usize,
    /// The directory's codes, geographic and non-geographic.
    pub directory: usize,
    /// Directory codes with a row in the report.
    pub compared: usize,
    /// Directory codes with no row in the report (a report has one row
    /// per code 200–999; a partial file leaves the others out): not compared.
    pub absent: usize,
    /// Entries of `missing`.
    pub missing: usize,
    /// Entries of `not_in_service`.
    pub not_in_service: usize,
    /// Entries of `location`.
    pub location: usize,
    /// Entries of `time_zone`.
    pub time_zone: usize,
    /// Entries of `overlays` (informational).
    pub overlays: usize,
}

/// What [`NpaReport::compare`] finds. Its JSON keys are `file_date`,
/// `missing`, `not_in_service`, `location`, `time_zone`, `overlays` and
/// `summary`; `Display` writes it for people.
///
/// ```
/// let report = "File Date,11/26/2025\n\
///               NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
///               212,G,NY,US,Y,212/332/646/917,,E\n";
/// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
/// let found = report.compare(&nanp_lerg::Directory::builtin());
/// let json = serde_json::to_value(&found).unwrap();
/// let keys: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
/// assert_eq!(keys, ["file_date", "missing", "not_in_service", "location", "time_zone", "overlays", "summary"]);
/// assert_eq!(json["file_date"], "2025-11-26");
/// assert!(found.to_string().ends_with("summary: 0 missing, 0 not in service, 0 location, 0 time zone; 1 overlays (informational)\n"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NpaReportComparison {
    /// The report's file date.
    pub file_date: Option<Date>,
    /// Codes in service in the report that the directory lacks: geographic
    /// ones it has no record for, non-geographic ones it does not know.
    pub missing: Vec<ReportDifference>,
    /// Directory codes the report has, but not in service (an older report
    /// predates the newer codes), or in service as the other kind.
    pub not_in_service: Vec<ReportDifference>,
    /// Directory NPAs whose location or country the report names otherwise.
    pub location: Vec<ReportDifference>,
    /// Directory NPAs whose time zones' standard times are not the report's
    /// `TIME_ZONE` letters.
    pub time_zone: Vec<TimeZoneDifference>,
    /// The report's overlay complex and parent NPA of each directory NPA
    /// that has either: informational, never a difference.
    pub overlays: Vec<Overlay>,
    /// The counts.
    pub summary: NpaReportSummary,
}

impl fmt::Display for Overlay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.overlay_complex.is_empty() {
            parts.push(format!("complex {}", self.overlay_complex));
        }
        if !self.parent_npa.is_empty() {
            parts.push(format!("parent {}", self.parent_npa));
        }
        f.write_str(&parts.join(", "))
    }
}

impl NpaReportComparison {
    /// Whether nothing differs (overlays are information, not differences).
    ///
    /// ```
    /// let report = "NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
    ///               212,G,NY,US,Y,212/332/646/917,,E\n";
    /// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
    /// let found = report.compare(&nanp_lerg::Directory::builtin());
    /// assert!(found.agrees());
    /// assert_eq!((found.summary.compared, found.summary.absent), (1, 478));
    /// ```
    pub fn agrees(&self) -> bool {
        self.missing.is_empty()
            && self.not_in_service.is_empty()
            && self.location.is_empty()
            && self.time_zone.is_empty()
    }
}

/// What the report says of a row, in a few words.
fn describe_row(row: &NpaReportRow) -> String {
    let kind = if row.geographic {
        format!("geographic: {}, {}", row.location, row.country)
    } else if row.service.is_empty() {
        "non-geographic".to_owned()
    } else {
        format!("non-geographic: {}", row.service)
    };
    match (row.in_service, row.in_service_date) {
        (true, Some(date)) => format!("in service since {date}, {kind}"),
        (true, None) => format!("in service, {kind}"),
        (false, _) => {
            let status = match (row.assigned, row.reserved) {
                (true, _) => "assigned",
                (false, true) => "reserved, not assigned",
                (false, false) => "not assigned",
            };
            format!("not in service ({status})")
        }
    }
}

/// What the directory says of a code, in a few words.
fn describe_ours(c: &Classification<'_>) -> String {
    match c {
        Classification::Geographic(r) => r.location().full().to_string(),
        Classification::NonGeographic(service) => format!("non-geographic: {service}"),
        Classification::Reserved(reason) => format!("reserved: {}", reason.description()),
        Classification::Unassigned | Classification::Invalid => "unassigned".to_owned(),
    }
}

impl NpaReport {
    /// Compares the report with `dir`, code by code.
    ///
    /// - `missing`: a code the report has in service that the directory
    ///   lacks — a geographic one with no record, or a non-geographic one
    ///   the directory does not know.
    /// - `not_in_service`: a directory code (geographic or non-geographic)
    ///   whose row is not in service, or in service as the other kind. A
    ///   report older than a code's start of service lists it here: that is
    ///   the report's age, not an error.
    /// - `location`: `LOCATION` or `COUNTRY` names another place than the
    ///   record (compared by code or by name: `ONTARIO`, `ST. LUCIA`; the
    ///   report files US territories under `US`).
    /// - `time_zone`: the standard offsets of the record's zones on the
    ///   report's date (today, without a file date) are not those its
    ///   `TIME_ZONE` letters name (`E` −5, `C` −6, `M` −7, `P` −8, `A` −4,
    ///   `N` −3:30, `AK` −9, `(UTC-10)`…). Daylight saving time is not
    ///   compared: the letters cannot say it.
    /// - `overlays`: every directory NPA's complex and parent, if any.
    ///
    /// Directory codes without a row are counted as `absent`.
    ///
    /// ```
    /// let report = "File Date,11/26/2025\n\
    ///               NPA_ID,USE,LOCATION,COUNTRY,IN_SERVICE,IN_SERVICE_DT,OVERLAY_COMPLEX,PARENT_NPA_ID,TIME_ZONE\n\
    ///               457,G,LA,US,Y,25-Sep-2025,318/457,318,C\n\
    ///               829,G,DOMINICAN REPUBLIC,DOMINICAN REPUBLIC,Y,01-Jan-2005,809/829/849,809,E\n";
    /// let report = nanp_lerg::check::read_npa_report("r.csv", report.as_bytes()).unwrap();
    /// let found = report.compare(&nanp_lerg::Directory::builtin());
    /// assert_eq!(found.missing[0].report, "in service since 2025-09-25, geographic: LA, US");
    /// assert_eq!(found.missing[0].directory, "unassigned");
    /// // The Dominican Republic keeps Atlantic time all year.
    /// assert_eq!((found.time_zone[0].report.as_str(), found.time_zone[0].directory.as_str()), ("E", "A"));
    /// ```
    pub fn compare(&self, dir: &Directory) -> NpaReportComparison {
        // Today in UTC, not in the host's zone: the answer must not depend on it.
        let today = || {
            let utc = jiff::tz::TimeZone::UTC;
            jiff::Timestamp::now().to_zoned_datetime(utc).date()
        };
        let date = self.file_date.unwrap_or_else(today);
        let mut found = NpaReportComparison {
            file_date: self.file_date,
            missing: Vec::new(),
            not_in_service: Vec::new(),
            location: Vec::new(),
            time_zone: Vec::new(),
            overlays: Vec::new(),
            summary: NpaReportSummary {
                rows: self.rows.len(),
                ..NpaReportSummary::default()
            },
        };
        let mut rows: Vec<Option<&NpaReportRow>> = vec![None; 800];
        for row in &self.rows {
            rows[row.npa.index()] = Some(row);
        }
        for npa in Npa::all() {
            let ours = dir.classify(npa.get());
            let row = rows[npa.index()];
            if ours.is_assigned() {
                found.summary.directory += 1;
                match row {
                    Some(_) => found.summary.compared += 1,
                    None => found.summary.absent += 1,
                }
            }
            let Some(row) = row else { continue };
            let difference = || ReportDifference {
                npa,
                report: describe_row(row),
                directory: describe_ours(&ours),
            };
            match (&ours, row.in_service) {
                (Classification::Geographic(r), true) if row.geographic => {
                    found.compare_record(row, r, date);
                }
                (Classification::NonGeographic(_), true) if !row.geographic => {}
                // In service as a non-geographic code: not the directory's NPA.
                (Classification::Geographic(_), true) => found.not_in_service.push(difference()),
                // In service, and not (as that kind) in the directory.
                (_, true) => found.missing.push(difference()),
                (c, false) if c.is_assigned() => found.not_in_service.push(difference()),
                (_, false) => {}
            }
            if let Classification::Geographic(_) = ours {
                if !row.overlay_complex.is_empty() || !row.parent_npa.is_empty() {
                    found.overlays.push(Overlay {
                        npa,
                        overlay_complex: row.overlay_complex.clone(),
                        parent_npa: row.parent_npa.clone(),
                    });
                }
            }
        }
        let s = &mut found.summary;
        s.missing = found.missing.len();
        s.not_in_service = found.not_in_service.len();
        s.location = found.location.len();
        s.time_zone = found.time_zone.len();
        s.overlays = found.overlays.len();
        found
    }
}

impl NpaReportComparison {
    /// The location and time-zone comparisons of a geographic NPA in service.
    fn compare_record(&mut self, row: &NpaReportRow, r: &NpaRecord, date: Date) {
        if !location_agrees(&row.location, &row.country, r) {
            self.location.push(ReportDifference {
                npa: r.npa,
                report: format!("{}, {}", row.location, row.country),
                directory: r.location().full().to_string(),
            });
        }
        let ours = record_offsets(r, date);
        let theirs = report_offsets(&row.time_zone);
        let agree = match (&ours, &theirs) {
            (Some(ours), Some(theirs)) => {
                ours.iter()
                    .copied()
                    .collect::<std::collections::BTreeSet<_>>()
                    == *theirs
            }
            _ => false,
        };
        if !agree {
            self.time_zone.push(TimeZoneDifference {
                npa: r.npa,
                report: row.time_zone.clone(),
                directory: ours.map_or_else(|| "unknown".to_owned(), |o| letters_of(&o)),
                time_zones: r.time_zones().to_vec(),
            });
        }
    }
}

impl fmt::Display for NpaReportComparison {
    /// The differences by kind, each code on a line with the report's value
    /// and the directory's, then the overlays, then the counts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.summary;
        match self.file_date {
            Some(date) => write!(f, "NPA report of {date}")?,
            None => f.write_str("NPA report (no file date)")?,
        }
        writeln!(
            f,
            ": {} rows; {} of the directory's {} codes compared, {} absent from the report",
            s.rows, s.compared, s.directory, s.absent
        )?;
        let sections: [(&str, &[ReportDifference]); 3] = [
            (
                "missing (in service in the report, not in the directory)",
                &self.missing,
            ),
            (
                "not in service (in the directory, not in service in the report)",
                &self.not_in_service,
            ),
            ("location (the report names another place)", &self.location),
        ];
        for (title, items) in sections {
            if items.is_empty() {
                continue;
            }
            writeln!(f, "\n{title}:")?;
            for d in items {
                writeln!(
                    f,
                    "  {}  report: {}\n       directory: {}",
                    d.npa, d.report, d.directory
                )?;
            }
        }
        if !self.time_zone.is_empty() {
            writeln!(
                f,
                "\ntime zone (the report's letters, and the directory's zones' standard times):"
            )?;
            for d in &self.time_zone {
                let zones: Vec<&str> = d.time_zones.iter().map(|z| z.as_str()).collect();
                // A row cut short gives no letters: say so.
                let report = if d.report.is_empty() {
                    "(none)"
                } else {
                    &d.report
                };
                writeln!(
                    f,
                    "  {}  report: {:<6} directory: {:<6} ({})",
                    d.npa,
                    report,
                    d.directory,
                    zones.join(", ")
                )?;
            }
        }
        if !self.overlays.is_empty() {
            writeln!(f, "\noverlays (information, not differences):")?;
            for o in &self.overlays {
                writeln!(f, "  {}  {o}", o.npa)?;
            }
        }
        writeln!(
            f,
            "\nsummary: {} missing, {} not in service, {} location, {} time zone; {} overlays (informational)",
            s.missing, s.not_in_service, s.location, s.time_zone, s.overlays
        )
    }
}
