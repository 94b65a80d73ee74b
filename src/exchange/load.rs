//! Reading exchange files into an [`Exchanges`]: every row loaded or a
//! problem, checked against the directory and against the other rows.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::layout::{Columns, Entry, Layout};
use super::store::{Record, Store};
use super::{Disagreement, Exchanges, LoadError, Problem, ProblemKind, SourceFile};
use crate::classify::Classification;
use crate::record::NpaRecord;
use crate::rows::{sniff_delimiter, Encoding, ReadError, RowReader, SNIFF_HEAD};
use crate::Directory;

/// Reads exchange files into a new [`Exchanges`]; see the
/// [module docs](super) for the layouts and the checks.
///
/// Problems are collected across every file read, and [`Builder::build`]
/// refuses the whole set if there is any.
///
/// # Examples
///
/// ```
/// use nanp_lerg::exchange::{Exchanges, Layout};
/// use nanp_lerg::Directory;
///
/// let nanpa = "State\tNPA-NXX\tOCN\tCompany\tRateCenter\tEffectiveDate\tUse\tAssignDate\tInitial/Growth\n\
///              NJ\t201-200\t9102\tVERIZON NEW JERSEY, INC.\tJERSEYCITY\t\tAS\t01/01/1990\tI\n\
///              NJ\t201-1OO\t9102\tVERIZON NEW JERSEY, INC.\tJERSEYCITY\t\tAS\t\tI\n";
/// let dir = Directory::builtin();
/// let mut builder = Exchanges::builder(&dir);
/// builder.read("allutlzd.txt", nanpa.as_bytes(), Some(Layout::Nanpa));
/// let err = builder.build().unwrap_err();
/// assert_eq!(
///     err.problems[0].to_string(),
///     "allutlzd.txt:3: NXX \"1OO\" is not a central office code (three digits, the first 2–9)"
/// );
/// ```
pub struct Builder<'d> {
    directory: &'d Directory,
    store: Store,
    /// Codes loaded (whole NXXs and blocks).
    codes: usize,
    files: Vec<SourceFile>,
    problems: Vec<Problem>,
    disagreements: Vec<Disagreement>,
}

/// The countries a NANPA file covers: the US and its territories.
const NANPA_COUNTRIES: [&str; 6] = ["US", "PR", "VI", "GU", "AS", "MP"];

/// State codes sources write that the directory spells otherwise:
/// NANPA writes `NN` for the Northern Mariana Islands (ISO 3166: `MP`).
const STATE_ALIASES: [(&str, &str); 1] = [("NN", "MP")];

impl<'d> Builder<'d> {
    pub(crate) fn new(directory: &'d Directory) -> Builder<'d> {
        Builder {
            directory,
            store: Store::new(),
            codes: 0,
            files: Vec::new(),
            problems: Vec::new(),
            disagreements: Vec::new(),
        }
    }

    /// Reads the file at `path`, in `layout` or the one its header says.
    pub fn read_path(&mut self, path: &Path, layout: Option<Layout>) -> &mut Self {
        let name = path.display().to_string();
        match File::open(path) {
            Ok(file) => self.read(&name, BufReader::with_capacity(1 << 16, file), layout),
            Err(e) => {
                self.problem(&name, 0, ProblemKind::Io(e.to_string()));
                self
            }
        }
    }

    /// Reads `input`, named `name` in messages, in `layout` or the one its
    /// header says. Problems are kept for [`Builder::build`].
    pub fn read(&mut self, name: &str, input: impl Read, layout: Option<Layout>) -> &mut Self {
        if let Err(kind) = self.read_rows(name, input, layout) {
            self.problem(name, 0, kind);
        }
        self
    }

    /// The exchanges read, or every problem found.
    ///
    /// # Errors
    ///
    /// [`LoadError`] when any row or file had a problem.
    pub fn build(mut self) -> Result<Exchanges, LoadError> {
        if !self.problems.is_empty() {
            return Err(LoadError {
                problems: self.problems,
            });
        }
        self.store.finish();
        Ok(Exchanges {
            store: self.store,
            files: self.files,
            disagreements: self.disagreements,
            codes: self.codes,
        })
    }

    fn problem(&mut self, file: &str, line: u64, kind: ProblemKind) {
        self.problems.push(Problem {
            file: file.to_owned(),
            line,
            kind,
        });
    }

    /// Reads one file; `Err` for a problem with the file as a whole.
    fn read_rows(
        &mut self,
        name: &str,
        input: impl Read,
        forced: Option<Layout>,
    ) -> Result<(), ProblemKind> {
        let Ok(file_id) = u16::try_from(self.files.len()) else {
            return Err(ProblemKind::Io("too many files (65,536 at most)".into()));
        };
        let mut rows = RowReader::new(input, b',', Encoding::Auto).map_err(|e| match e {
            ReadError::Io(e) => ProblemKind::Io(e.to_string()),
            ReadError::NotText(what) => ProblemKind::NotText(what),
        })?;
        let head = rows
            .peek(SNIFF_HEAD)
            .map_err(|e| ProblemKind::Io(e.to_string()))?;
        let delimiter = sniff_delimiter(skip_comments(head));
        rows.set_delimiter(delimiter);
        let io = |e: std::io::Error| ProblemKind::Io(e.to_string());

        let mut comment_lines = 0;
        let columns = loop {
            let Some(row) = rows.next_row().map_err(io)? else {
                let kind = ProblemKind::Header("the file is empty: no header".into());
                self.problem(name, rows.line(), kind);
                return Ok(());
            };
            if row.get(0).is_some_and(|c| c.trim_start().starts_with('#')) {
                comment_lines += row.lines();
                continue;
            }
            let line = row.line();
            let header: Vec<String> = row.iter().map(|c| c.trim().to_owned()).collect();
            match Columns::of(&header, forced) {
                Ok(columns) => break columns,
                Err(problem) => {
                    self.problem(name, line, ProblemKind::Header(problem));
                    return Ok(());
                }
            }
        };
        let mut file = SourceFile {
            name: name.to_owned(),
            layout: columns.layout,
            file_date: columns.file_date,
            rows: 0,
            blank_lines: 0,
            comment_lines,
            transcoded_rows: 0,
        };
        let mut first = true;
        while let Some(row) = rows.next_row().map_err(io)? {
            let line = row.line();
            if let Some(fault) = row.fault() {
                self.problem(name, line, ProblemKind::Malformed(fault.message().into()));
                continue;
            }
            if std::mem::take(&mut first) {
                if let Some(date) = columns.date_row(row) {
                    file.file_date = Some(date);
                    continue;
                }
            }
            match columns.entry(row, file.file_date) {
                Ok(entry) => {
                    if self.add(name, file_id, columns.layout, line, &entry) {
                        file.rows += 1;
                    }
                }
                Err(kind) => self.problem(name, line, kind),
            }
        }
        file.blank_lines = rows.blank_lines();
        file.transcoded_rows = rows.transcoded_rows();
        self.files.push(file);
        Ok(())
    }

    /// Checks `entry` and stores it; `false` (with a problem kept) when it
    /// cannot be loaded.
    fn add(&mut self, name: &str, file: u16, layout: Layout, line: u64, entry: &Entry<'_>) -> bool {
        let record = match self.directory.classify(entry.npa.get()) {
            Classification::Geographic(record) => record,
            other => {
                let is = match other {
                    Classification::NonGeographic(service) => service.to_string(),
                    Classification::Reserved(reason) => format!("reserved ({reason})"),
                    _ => "not in the directory (an overlay can add it)".to_owned(),
                };
                let npa = entry.npa;
                self.problem(name, line, ProblemKind::NotGeographic { npa, is });
                return false;
            }
        };
        if let Some(covers) = uncovered(record, layout) {
            let kind = ProblemKind::Country {
                npa: entry.npa,
                country: record.country_code.to_string(),
                layout,
                covers,
            };
            self.problem(name, line, kind);
            return false;
        }
        let state = STATE_ALIASES
            .iter()
            .find(|(alias, _)| entry.state.eq_ignore_ascii_case(alias))
            .map_or(entry.state, |(_, code)| code);
        let status = self.store.status_code(entry.status);
        let mut stored = Record::new(status, entry.effective, file);
        stored.rate_center = self.store.intern(entry.rate_center);
        stored.state = self.store.intern(state);
        stored.company = self.store.intern(entry.company);
        stored.ocn = self.store.intern(entry.ocn);
        stored.lata = self.store.intern(entry.lata);
        let (npa, nxx) = (entry.npa.get(), entry.nxx);
        if let Err((other_file, other_line)) =
            self.store
                .insert(npa, nxx, entry.block, stored, (file, line))
        {
            let kind = ProblemKind::Duplicate {
                code: super::code_text(entry.npa, nxx, entry.block),
                file: self.file_name(other_file, name).to_owned(),
                line: other_line,
            };
            self.problem(name, line, kind);
            return false;
        }
        self.codes += 1;
        if !state.is_empty() && !record.serves(state) {
            self.disagreements.push(Disagreement {
                file: name.to_owned(),
                line,
                npa: entry.npa,
                nxx,
                block: entry.block,
                found: state.to_owned(),
                npa_serves: record.state_province_list(),
                rate_center: entry.rate_center.to_owned(),
            });
        }
        true
    }

    fn file_name<'a>(&'a self, file: u16, current: &'a str) -> &'a str {
        self.files
            .get(usize::from(file))
            .map_or(current, |f| f.name.as_str())
    }
}

/// What `layout` covers, when `record`'s country is not part of it.
fn uncovered(record: &NpaRecord, layout: Layout) -> Option<&'static str> {
    let country = record.country_code.as_str();
    match layout {
        Layout::Cnac if country != "CA" => Some("Canada"),
        Layout::Nanpa if !NANPA_COUNTRIES.contains(&country) => Some("the US and its territories"),
        _ => None,
    }
}

/// The head of a file past its `#` comment lines, so that a comment's
/// commas do not pick the delimiter.
fn skip_comments(head: &[u8]) -> &[u8] {
    let mut rest = head;
    while rest.first() == Some(&b'#') {
        match memchr::memchr(b'\n', rest) {
            Some(at) => rest = &rest[at + 1..],
            None => return &[],
        }
    }
    rest
}
