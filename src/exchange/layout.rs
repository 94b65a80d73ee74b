//! The three layouts of exchange files, told apart by their headers, and
//! one row of any of them read into an [`Entry`].

use jiff::civil::Date;

use super::status::Status;
use super::ProblemKind;
use crate::names::{named_enum, normalize};
use crate::npa::Npa;
use crate::rows::Fields;

named_enum! {
    /// The layout of an exchange file; [`Builder::read`](super::Builder::read)
    /// tells them apart by their headers, or is told.
    pub enum Layout ("exchange file layout") {
        /// CNAC's CO Code Status file (`COCodeStatus_ALL.csv`): every
        /// Canadian NPA-NXX with its status, exchange area, province,
        /// company and OCN; a row `,,,,,,,YYYY-MM-DD` gives the file date.
        Cnac = "cnac",
        /// NANPA's Central Office Code Assignment Records, utilized codes
        /// (`CoCodeAssignment_Utilized_AllStates_Public.txt`, formerly
        /// `allutlzd.txt`): tab-separated, `NPA-NXX` written `201-200`,
        /// the file date in the header (`File Updated mm/dd/yyyy`).
        Nanpa = "nanpa",
        /// A carrier's LERG 6-style extract: named columns, blocks allowed.
        Lerg = "lerg",
    }
}

/// Column names accepted in a LERG-style extract, matched by the one rule
/// for column names (letters and digits, any case: `RC_ABBRE`,
/// `rc abbre` and `RcAbbre` are one name).
pub(crate) mod lerg_names {
    /// The NPA (required).
    pub const NPA: &[&str] = &["NPA"];
    /// The NXX (required).
    pub const NXX: &[&str] = &["NXX"];
    /// The thousands digit: `A` or empty for the whole NXX.
    pub const BLOCK: &[&str] = &["BLOCK_ID", "X", "block", "thousands_block"];
    /// The LATA.
    pub const LATA: &[&str] = &["LATA"];
    /// The operating company number.
    pub const OCN: &[&str] = &["OCN", "AOCN"];
    /// The rate center.
    pub const RATE_CENTER: &[&str] = &["RC_ABBRE", "rate_center", "ratecenter", "RC_NAME"];
    /// The state or province.
    pub const STATE: &[&str] = &["LOC_STATE", "state", "province", "RC_STATE"];
    /// The company.
    pub const COMPANY: &[&str] = &["company", "carrier", "OCN_NAME"];
    /// The status.
    pub const STATUS: &[&str] = &["status"];
    /// The effective date.
    pub const EFFECTIVE: &[&str] = &["EFF_DATE", "effective_date", "effective"];
}

/// Where each field is in a file of some layout.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub layout: Layout,
    /// NPA and NXX apart, or NANPA's one `NPA-NXX` column.
    pub code: Code,
    pub block: Option<usize>,
    pub status: Option<usize>,
    pub rate_center: Option<usize>,
    pub state: Option<usize>,
    pub company: Option<usize>,
    pub ocn: Option<usize>,
    pub lata: Option<usize>,
    pub effective: Option<usize>,
    /// NANPA's `In Service` column.
    pub in_service: Option<usize>,
    /// The file date a NANPA header carries.
    pub file_date: Option<Date>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Code {
    Split { npa: usize, nxx: usize },
    Joined(usize),
}

/// One row, read and checked on its own (the loader checks it against the
/// directory and the other rows).
#[derive(Debug)]
pub(crate) struct Entry<'r> {
    pub npa: Npa,
    pub nxx: u16,
    pub block: Option<u8>,
    pub status: Status<'r>,
    pub rate_center: &'r str,
    pub state: &'r str,
    pub company: &'r str,
    pub ocn: &'r str,
    pub lata: &'r str,
    pub effective: Option<Date>,
}

impl Columns {
    /// The layout `header` is written in (or the forced one), with its
    /// columns; `Err` says why the header is none of them.
    pub(crate) fn of(header: &[String], forced: Option<Layout>) -> Result<Columns, String> {
        let names: Vec<String> = header.iter().map(|h| normalize(h)).collect();
        let find = |wanted: &[&str]| {
            let wanted: Vec<String> = wanted.iter().map(|w| normalize(w)).collect();
            names.iter().position(|n| wanted.contains(n))
        };
        let layout = match forced {
            Some(layout) => layout,
            None if find(&["CO Code (NXX)"]).is_some() && find(&["Exchange Area"]).is_some() => {
                Layout::Cnac
            }
            None if find(&["NPA-NXX"]).is_some() && find(&["RateCenter"]).is_some() => {
                Layout::Nanpa
            }
            None if find(lerg_names::NPA).is_some() && find(lerg_names::NXX).is_some() => {
                Layout::Lerg
            }
            None => {
                return Err(format!(
                    "not an exchange file: the header names neither CNAC's columns \
                     (NPA, CO Code (NXX), Status, Exchange Area, Province, …), NANPA's \
                     (State, NPA-NXX, OCN, Company, RateCenter, …) nor NPA and NXX columns \
                     (found: {})",
                    header.join(", ")
                ))
            }
        };
        let need = |names: &[&str]| {
            find(names).ok_or_else(|| {
                format!(
                    "not a {layout} exchange file: no column named {}",
                    names.join(" or ")
                )
            })
        };
        let columns = match layout {
            Layout::Cnac => Columns {
                layout,
                code: Code::Split {
                    npa: need(&["NPA"])?,
                    nxx: need(&["CO Code (NXX)"])?,
                },
                block: None,
                status: Some(need(&["Status"])?),
                rate_center: find(&["Exchange Area"]),
                state: find(&["Province"]),
                company: find(&["Company"]),
                ocn: find(&["OCN"]),
                lata: None,
                effective: None,
                in_service: None,
                file_date: None,
            },
            Layout::Nanpa => {
                // The 2020 files wrote `In Service File Updated 03/04/2020`
                // as one cell; today's write `In Service` and then
                // `File Updated mm/dd/yyyy`.
                let starts = |prefix: &str| names.iter().position(|n| n.starts_with(prefix));
                let file_date = header.iter().find_map(|h| {
                    let at = h.find("File Updated")?;
                    crate::date::parse(&h[at + "File Updated".len()..])
                });
                Columns {
                    layout,
                    code: Code::Joined(need(&["NPA-NXX"])?),
                    block: None,
                    status: Some(need(&["Use"])?),
                    rate_center: find(&["RateCenter"]),
                    state: find(&["State"]),
                    company: find(&["Company"]),
                    ocn: find(&["OCN"]),
                    lata: None,
                    effective: find(&["EffectiveDate"]),
                    in_service: find(&["In Service"]).or_else(|| starts("inservicefileupdated")),
                    file_date,
                }
            }
            Layout::Lerg => Columns {
                layout,
                code: Code::Split {
                    npa: need(lerg_names::NPA)?,
                    nxx: need(lerg_names::NXX)?,
                },
                block: find(lerg_names::BLOCK),
                status: find(lerg_names::STATUS),
                rate_center: find(lerg_names::RATE_CENTER),
                state: find(lerg_names::STATE),
                company: find(lerg_names::COMPANY),
                ocn: find(lerg_names::OCN),
                lata: find(lerg_names::LATA),
                effective: find(lerg_names::EFFECTIVE),
                in_service: None,
                file_date: None,
            },
        };
        Ok(columns)
    }

    /// CNAC's date row: no NPA, no NXX, and a date as its last cell.
    pub(crate) fn date_row(&self, row: &Fields) -> Option<Date> {
        let Code::Split { npa, nxx } = self.code else {
            return None;
        };
        if self.layout != Layout::Cnac || !cell(row, Some(npa)).is_empty() {
            return None;
        }
        if !cell(row, Some(nxx)).is_empty() {
            return None;
        }
        let last = row.iter().filter(|c| !c.trim().is_empty()).last()?;
        crate::date::parse(last)
    }

    /// Reads one row. `file_date` is the file's date when known (a NANPA
    /// code effective after it is assigned, not yet in service).
    pub(crate) fn entry<'r>(
        &self,
        row: &'r Fields,
        file_date: Option<Date>,
    ) -> Result<Entry<'r>, ProblemKind> {
        let (npa, nxx) = match self.code {
            Code::Split { npa, nxx } => (cell(row, Some(npa)), cell(row, Some(nxx))),
            Code::Joined(at) => {
                let code = cell(row, Some(at));
                match code.split_once('-') {
                    Some((npa, nxx)) => (npa.trim(), nxx.trim()),
                    None => return Err(ProblemKind::Code(code.to_owned())),
                }
            }
        };
        let npa = three_digits(npa)
            .and_then(Npa::new)
            .ok_or_else(|| ProblemKind::Npa(npa.to_owned()))?;
        let nxx = three_digits(nxx)
            .filter(|n| *n >= 200)
            .ok_or_else(|| ProblemKind::Nxx(nxx.to_owned()))?;
        let block = match cell(row, self.block) {
            "" | "A" | "a" => None,
            b if b.len() == 1 && b.as_bytes()[0].is_ascii_digit() => Some(b.as_bytes()[0] - b'0'),
            b => return Err(ProblemKind::Block(b.to_owned())),
        };
        let effective = match cell(row, self.effective) {
            "" => None,
            d => Some(crate::date::parse(d).ok_or_else(|| ProblemKind::Date(d.to_owned()))?),
        };
        let words = cell(row, self.status);
        let mut status = Status::from_words(self.layout, words).unwrap_or(Status::Unknown(words));
        if self.layout == Layout::Nanpa && status == Status::InService {
            let not_yet = match cell(row, self.in_service).to_ascii_uppercase().as_str() {
                "N" | "NO" => true,
                "Y" | "YES" => false,
                _ => matches!((effective, file_date), (Some(e), Some(f)) if e > f),
            };
            if not_yet {
                status = Status::Assigned;
            }
        }
        Ok(Entry {
            npa,
            nxx,
            block,
            status,
            rate_center: cell(row, self.rate_center),
            state: cell(row, self.state),
            company: unquote(cell(row, self.company)),
            ocn: cell(row, self.ocn),
            lata: cell(row, self.lata),
            effective,
        })
    }
}

/// A cell, trimmed (NANPA pads its cells with spaces); empty when absent.
fn cell(row: &Fields, at: Option<usize>) -> &str {
    at.and_then(|i| row.get(i)).map_or("", str::trim)
}

/// NANPA quotes a company with a comma inside its padding, where a CSV
/// reader leaves the quotes: `"SAMPLE WIRELESS, LLC"`.
fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .map_or(s, str::trim)
}

fn three_digits(s: &str) -> Option<u16> {
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}
