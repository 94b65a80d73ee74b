//! Rate sheets: streaming categorization of decks keyed by dial prefix.
//!
//! A deck is a CSV whose rows are keyed by a dial prefix (`1201200`, that is
//! 1, NPA and NXX; `201200`; or NPA and NXX in two columns, with or without
//! the 1) and carry rates. [`Reader`] works out the deck's shape from its first rows
//! ([`Detection`]; every part can be forced with [`Options`]), then streams
//! it: memory does not grow with the deck. Each data row (any non-blank line
//! that is not the header) comes out exactly once, as one of
//!
//! - accepted: a [`Row`] whose destination is a geographic NPA or a
//!   non-geographic service such as toll-free;
//! - non-NANP: a [`Row`] of an A–Z deck whose prefix is another country's;
//! - rejected: a [`RowError`] with the line and a [`RejectReason`].
//!
//! [`Summary`] accumulates the figures of a deck and keeps the invariant
//! `accepted + rejected + non_nanp == rows_read`.
//!
//! ```
//! use nanp_lerg::ratesheet::{Destination, Options, Reader, Summary};
//! use nanp_lerg::{Category, Directory};
//!
//! let deck = "prefix,rate (inter),intrastate,intrastate,effective\n\
//!             1201200,0.0040,0.0050,0.0060,2025-01-01\n\
//!             1671555,0.1200,0.1200,0.1200,2025-01-01\n\
//!             1800555,0.0000,0.0000,0.0000,2025-01-01\n\
//!             1911555,0.0100,0.0100,0.0100,2025-01-01\n";
//! let dir = Directory::builtin();
//! let mut reader = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap();
//! let mut summary = Summary::new(reader.detection());
//! while let Some(row) = reader.next_row() {
//!     summary.add(&row);
//!     if let Ok(row) = &row {
//!         if let Destination::Geographic(r) = row.destination {
//!             println!("line {}: {} {}", row.line, row.npa.unwrap(), r.category);
//!         }
//!     }
//! }
//! assert_eq!(summary.rows_read(), 4);
//! assert_eq!((summary.accepted(), summary.rejected(), summary.non_nanp()), (3, 1, 0));
//! assert_eq!(summary.category_rows(Category::Pacific), 1); // 671: Guam is not US domestic
//! ```

mod detect;
mod lines;
mod rate;
mod summary;

use std::io::{self, Read};

use serde::Serialize;

use crate::classify::{Classification, Reserved};
use crate::npa::Npa;
use crate::record::NpaRecord;
use crate::service::Service;
use crate::Directory;

pub use detect::{DetectError, Detection, RateColumn};
pub use rate::{Rate, RateError};
pub use summary::{CategoryFigures, RateColumnFigures, RateFigures, Report, Summary, UsDeckCheck};

use detect::SAMPLE_ROWS;
use lines::LineCounter;

/// A column, by header name or 0-based index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A header name, matched without regard to case.
    Name(String),
    /// A 0-based index.
    Index(usize),
}

/// Which columns key a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyColumns {
    /// One column of dial prefixes (`1201200`, `201200`, `1876`, `44`).
    Prefix(usize),
    /// The NPA (`1907` or `907`) and NXX (`200`) in two columns.
    Split {
        /// The NPA's column.
        npa: usize,
        /// The NXX's column.
        nxx: usize,
    },
}

/// Whether prefix keys carry the NANP country code 1. (An NPA column takes
/// `907` and `1907` alike, so the policy does not apply to it; detection
/// reports `auto` there.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadingOne {
    /// Decide from the first rows.
    #[default]
    Auto,
    /// Keys are international: `1` + NPA (+ NXX); others are non-NANP.
    Present,
    /// Keys are NPA (+ NXX) with no country code.
    Absent,
}

/// How to read a deck. Everything left `None` (or `Auto`) is detected.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The dial-prefix column.
    pub prefix_col: Option<Column>,
    /// The NPA column, when NPA and NXX are separate.
    pub npa_col: Option<Column>,
    /// The NXX column, with `npa_col`.
    pub nxx_col: Option<Column>,
    /// The rate columns.
    pub rate_cols: Option<Vec<Column>>,
    /// Whether the first row is a header.
    pub has_header: Option<bool>,
    /// Whether keys carry the 1.
    pub leading_one: LeadingOne,
    /// The field delimiter (`,`, `;`, tab, …).
    pub delimiter: Option<u8>,
}

/// Where a row's calls go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination<'d> {
    /// A geographic NPA.
    Geographic(&'d NpaRecord),
    /// A non-geographic NANP service (toll-free, premium, …).
    NonGeographic(Service),
    /// Not +1: another country's prefix in an A–Z deck.
    NonNanp,
}

/// An accepted or non-NANP row, borrowed from the reader until the next row.
#[derive(Debug, Clone, Copy)]
pub struct Row<'r, 'd> {
    /// The row's 1-based line in the file.
    pub line: u64,
    /// The NPA (`None` for non-NANP).
    pub npa: Option<Npa>,
    /// The NXX, when the key holds one.
    pub nxx: Option<u16>,
    /// Where the calls go.
    pub destination: Destination<'d>,
    /// One entry per [`Detection::rate_columns`]; `None` for an empty field.
    /// Empty for a non-NANP row, whose rates are not read.
    pub rates: &'r [Option<Rate>],
    /// The row's fields as read.
    pub record: &'r csv::ByteRecord,
}

impl Row<'_, '_> {
    /// Whether the row counts as accepted (not non-NANP).
    pub fn is_accepted(&self) -> bool {
        self.destination != Destination::NonNanp
    }
}

/// A rejected row: where, why, and what it held.
///
/// Boxed, as `csv::Error` is, so that the `Result` every row travels in
/// stays small: rejections are rare and rows are many.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {}: {}", .0.line, .0.reason)]
pub struct RowError(Box<Rejection>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rejection {
    line: u64,
    reason: RejectReason,
    fields: Vec<String>,
}

impl RowError {
    /// The row's 1-based line in the file.
    pub fn line(&self) -> u64 {
        self.0.line
    }

    /// Why it was rejected.
    pub fn reason(&self) -> &RejectReason {
        &self.0.reason
    }

    /// The row's fields, as read (lossily decoded if not UTF-8).
    pub fn fields(&self) -> &[String] {
        &self.0.fields
    }
}

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RejectReason {
    /// The key field is empty or absent.
    #[error("no dial prefix")]
    MissingPrefix,
    /// The key is not digits, or has a length no NANP form has.
    #[error("malformed dial prefix {0:?}")]
    MalformedPrefix(String),
    /// A +1 prefix too short to name one NPA (`1`, `120`).
    #[error("+1 prefix {0:?} is too short to name an NPA")]
    IncompletePrefix(String),
    /// The NPA starts with 0 or 1.
    #[error("{0:?} is not an NPA (NPAs start with 2-9)")]
    InvalidNpa(String),
    /// The NXX column is empty.
    #[error("no NXX")]
    MissingNxx,
    /// The NXX is not three digits starting 2-9.
    #[error("{0:?} is not an NXX (three digits starting with 2-9)")]
    InvalidNxx(String),
    /// The NPA is reserved by the numbering plan.
    #[error("NPA {npa} is reserved: {}", .reason.description())]
    ReservedNpa {
        /// The NPA.
        npa: Npa,
        /// Why it is reserved.
        reason: Reserved,
    },
    /// The NPA is not assigned.
    #[error("NPA {0} is not assigned")]
    UnassignedNpa(Npa),
    /// A rate field is not a number.
    #[error("rate {value:?} in column {column:?} is not a number")]
    UnparseableRate {
        /// The rate column's name.
        column: String,
        /// The field.
        value: String,
    },
    /// Reading the deck failed here; nothing after this point was read.
    #[error("read error, the rest of the deck is unread: {0}")]
    ReadError(String),
}

impl RejectReason {
    /// The reason's short name, as summaries count it: `malformed-prefix`,
    /// `incomplete-prefix`, `reserved-npa`, …
    pub fn as_str(&self) -> &'static str {
        match self {
            RejectReason::MissingPrefix => "missing-prefix",
            RejectReason::MalformedPrefix(_) => "malformed-prefix",
            RejectReason::IncompletePrefix(_) => "incomplete-prefix",
            RejectReason::InvalidNpa(_) => "invalid-npa",
            RejectReason::MissingNxx => "missing-nxx",
            RejectReason::InvalidNxx(_) => "invalid-nxx",
            RejectReason::ReservedNpa { .. } => "reserved-npa",
            RejectReason::UnassignedNpa(_) => "unassigned-npa",
            RejectReason::UnparseableRate { .. } => "unparseable-rate",
            RejectReason::ReadError(_) => "read-error",
        }
    }
}

/// Why a deck could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The deck's shape could not be worked out.
    #[error("{0}")]
    Detect(#[from] DetectError),
}

/// A streaming reader of a rate deck; see the [module docs](self).
pub struct Reader<'d, R: Read> {
    csv: csv::Reader<LineCounter<io::Chain<io::Cursor<Vec<u8>>, R>>>,
    directory: &'d Directory,
    detection: Detection,
    /// Rows read ahead for detection, with their lines, not yet handed out.
    pending: std::collections::VecDeque<(u64, csv::ByteRecord)>,
    record: csv::ByteRecord,
    line: u64,
    rates: Vec<Option<Rate>>,
    /// `detection.rate_columns`' indexes, compact for the per-row loop.
    rate_indexes: Vec<usize>,
    done: bool,
}

/// Bytes read ahead to sniff the delimiter.
const HEAD_BYTES: usize = 64 * 1024;

impl<'d, R: Read> Reader<'d, R> {
    /// Opens a deck: reads ahead a little to detect its shape, then streams.
    pub fn new(
        mut input: R,
        options: Options,
        directory: &'d Directory,
    ) -> Result<Self, OpenError> {
        let mut head = Vec::with_capacity(HEAD_BYTES);
        (&mut input)
            .take(HEAD_BYTES as u64)
            .read_to_end(&mut head)?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            head.drain(..3);
        }
        let delimiter = options
            .delimiter
            .unwrap_or_else(|| detect::sniff_delimiter(&head));
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(LineCounter::new(io::Cursor::new(head).chain(input)));

        let mut pending = std::collections::VecDeque::new();
        let mut record = csv::ByteRecord::new();
        while pending.len() < SAMPLE_ROWS {
            match csv.read_byte_record(&mut record) {
                Ok(true) if is_blank(&record) => {}
                Ok(true) => {
                    let line = line_of(&mut csv, &record);
                    pending.push_back((line, record.clone()));
                }
                Ok(false) => break,
                // Byte records read flexibly fail only on I/O.
                Err(e) => return Err(OpenError::Io(io::Error::other(e))),
            }
        }
        let sample: Vec<csv::ByteRecord> = pending.iter().map(|(_, r)| r.clone()).collect();
        let has_header = match options.has_header {
            Some(h) => h,
            None => sample
                .first()
                .is_some_and(|first| detect::looks_like_header(first, &sample[1..])),
        };
        let header: Option<Vec<String>> = match (has_header, sample.first()) {
            (true, Some(h)) => {
                pending.pop_front();
                Some(
                    h.iter()
                        .map(|c| String::from_utf8_lossy(c).trim().to_owned())
                        .collect(),
                )
            }
            _ => None,
        };
        let rows = if has_header && !sample.is_empty() {
            &sample[1..]
        } else {
            &sample[..]
        };
        let key = detect::detect_key(&options, header.as_deref(), rows)?;
        let leading_one = detect::detect_leading_one(&options, &key, rows);
        let rate_columns = detect::detect_rates(&options, header.as_deref(), &key, rows)?;
        let columns = header.as_ref().map_or_else(
            || rows.iter().map(csv::ByteRecord::len).max().unwrap_or(0),
            Vec::len,
        );
        let detection = Detection {
            delimiter: char::from(delimiter),
            columns,
            header,
            key,
            leading_one,
            rate_columns,
        };
        Ok(Reader {
            csv,
            directory,
            rates: Vec::with_capacity(detection.rate_columns.len()),
            rate_indexes: detection.rate_columns.iter().map(|c| c.index).collect(),
            detection,
            pending,
            record,
            line: 0,
            done: false,
        })
    }

    /// What was detected (or forced) about the deck.
    pub fn detection(&self) -> &Detection {
        &self.detection
    }

    /// The next data row: accepted or non-NANP (`Ok`), or rejected (`Err`).
    /// `None` at the end of the deck. No allocation for an accepted row.
    #[allow(clippy::should_implement_trait)]
    pub fn next_row(&mut self) -> Option<Result<Row<'_, 'd>, RowError>> {
        if let Some((line, record)) = self.pending.pop_front() {
            self.line = line;
            self.record = record;
            return Some(self.categorize());
        }
        while !self.done {
            match self.csv.read_byte_record(&mut self.record) {
                // A line of spaces is a blank line, not a row.
                Ok(true) if is_blank(&self.record) => {}
                Ok(true) => {
                    self.line = line_of(&mut self.csv, &self.record);
                    return Some(self.categorize());
                }
                Ok(false) => self.done = true,
                Err(e) => return Some(Err(self.read_failed(e))),
            }
        }
        None
    }

    /// Byte records read flexibly fail only on I/O, after which the stream
    /// cannot go on: the rest of the deck is unread, and the caller must know.
    #[cold]
    fn read_failed(&mut self, e: csv::Error) -> RowError {
        self.done = true;
        self.line = self.csv.get_ref().current_line();
        RowError(Box::new(Rejection {
            line: self.line,
            reason: RejectReason::ReadError(e.to_string()),
            fields: Vec::new(),
        }))
    }

    #[cold]
    fn reject(&self, reason: RejectReason) -> RowError {
        RowError(Box::new(Rejection {
            line: self.line,
            reason,
            fields: self
                .record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect(),
        }))
    }

    #[inline]
    fn categorize(&mut self) -> Result<Row<'_, 'd>, RowError> {
        let key = key_of(&self.record, self.detection.key, self.detection.leading_one);
        let (npa, nxx) = match key {
            Ok(Some(key)) => key,
            // Another country's row is counted, not priced: its rates are
            // not read, so a bad one does not make it a rejection.
            Ok(None) => {
                self.rates.clear();
                return Ok(self.row(None, None, Destination::NonNanp));
            }
            Err(reason) => return Err(self.reject(reason)),
        };
        let destination = match self.directory.classify(npa.get()) {
            Classification::Geographic(record) => Destination::Geographic(record),
            Classification::NonGeographic(service) => Destination::NonGeographic(service),
            Classification::Reserved(reason) => {
                return Err(self.reject(RejectReason::ReservedNpa { npa, reason }))
            }
            Classification::Unassigned | Classification::Invalid => {
                return Err(self.reject(RejectReason::UnassignedNpa(npa)))
            }
        };
        self.rates_then(Some(npa), nxx, destination)
    }

    #[inline]
    fn rates_then(
        &mut self,
        npa: Option<Npa>,
        nxx: Option<u16>,
        destination: Destination<'d>,
    ) -> Result<Row<'_, 'd>, RowError> {
        self.rates.clear();
        for (k, &index) in self.rate_indexes.iter().enumerate() {
            let field = self.record.get(index).unwrap_or(b"");
            match Rate::parse_field(field) {
                Ok(rate) => self.rates.push(rate),
                Err(_) => {
                    let reason = RejectReason::UnparseableRate {
                        column: self.detection.rate_columns[k].name.clone(),
                        value: String::from_utf8_lossy(field).into_owned(),
                    };
                    return Err(self.reject(reason));
                }
            }
        }
        Ok(self.row(npa, nxx, destination))
    }

    fn row(&self, npa: Option<Npa>, nxx: Option<u16>, destination: Destination<'d>) -> Row<'_, 'd> {
        Row {
            line: self.line,
            npa,
            nxx,
            destination,
            rates: &self.rates,
            record: &self.record,
        }
    }
}

/// A line holding nothing but white space (a single field: a line with
/// delimiters is a row, and an empty one is rejected, never skipped).
fn is_blank(record: &csv::ByteRecord) -> bool {
    record.len() == 1 && record[0].trim_ascii().is_empty()
}

fn line_of<R: Read>(csv: &mut csv::Reader<LineCounter<R>>, record: &csv::ByteRecord) -> u64 {
    let byte = record.position().map_or(0, csv::Position::byte);
    csv.get_mut().line_of(byte)
}

/// Digits of a key field: trimmed, an optional leading `+` dropped (it
/// implies the country code follows).
#[inline]
fn digits(field: &[u8]) -> Result<(&[u8], bool), RejectReason> {
    let field = field.trim_ascii();
    if field.is_empty() {
        return Err(RejectReason::MissingPrefix);
    }
    let (plus, d) = match field.strip_prefix(b"+") {
        Some(rest) => (true, rest),
        None => (false, field),
    };
    if d.is_empty() || !d.iter().all(u8::is_ascii_digit) {
        return Err(RejectReason::MalformedPrefix(lossy(field)));
    }
    Ok((d, plus))
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[inline]
fn number(d: &[u8]) -> u16 {
    d.iter().fold(0u16, |n, &b| n * 10 + u16::from(b - b'0'))
}

/// The row's NPA and NXX; `Ok(None)` for another country's prefix.
#[inline]
fn key_of(
    record: &csv::ByteRecord,
    key: KeyColumns,
    leading_one: LeadingOne,
) -> Result<Option<(Npa, Option<u16>)>, RejectReason> {
    let (npa_field, nxx_field) = match key {
        KeyColumns::Prefix(c) => (record.get(c), None),
        KeyColumns::Split { npa, nxx } => (record.get(npa), Some(record.get(nxx))),
    };
    let (d, plus) = digits(npa_field.unwrap_or(b""))?;
    // An NPA column holds only NANP codes: `1907` and `907` are both 907.
    let international = match nxx_field {
        Some(_) => plus || (d.len() == 4 && d[0] == b'1'),
        None => plus || leading_one != LeadingOne::Absent,
    };
    let rest = if international {
        match d.split_first() {
            Some((b'1', rest)) => rest,
            // An NPA column holds NANP codes only: `+44` there is malformed.
            _ if nxx_field.is_some() => return Err(RejectReason::MalformedPrefix(lossy(d))),
            _ => return Ok(None),
        }
    } else {
        d
    };
    if rest.len() < 3 {
        return Err(if international {
            RejectReason::IncompletePrefix(lossy(d))
        } else {
            RejectReason::MalformedPrefix(lossy(d))
        });
    }
    let nxx_digits = match nxx_field {
        Some(field) => {
            if rest.len() != 3 {
                return Err(RejectReason::MalformedPrefix(lossy(d)));
            }
            let n = field.unwrap_or(b"").trim_ascii();
            if n.is_empty() {
                return Err(RejectReason::MissingNxx);
            }
            if n.len() != 3 || !n.iter().all(u8::is_ascii_digit) {
                return Err(RejectReason::InvalidNxx(lossy(n)));
            }
            Some(n)
        }
        // NPA, NPA + a partial or whole NXX, or a whole number.
        None => match rest.len() {
            3 => None,
            4..=10 => Some(&rest[3..rest.len().min(6)]),
            _ => return Err(RejectReason::MalformedPrefix(lossy(d))),
        },
    };
    let npa =
        Npa::new(number(&rest[..3])).ok_or_else(|| RejectReason::InvalidNpa(lossy(&rest[..3])))?;
    let nxx = match nxx_digits {
        None => None,
        // A partial NXX (`12012`) narrows nothing a rate sheet prices by,
        // but it still cannot start with 0 or 1.
        Some(n) if n.len() < 3 && nxx_field.is_none() && n[0] >= b'2' => None,
        Some(n) if n.len() == 3 && n[0] >= b'2' => Some(number(n)),
        Some(n) => return Err(RejectReason::InvalidNxx(lossy(n))),
    };
    Ok(Some((npa, nxx)))
}

/// An owned accepted or non-NANP row, from [`Reader`]'s `Iterator`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckRow<'d> {
    /// The row's 1-based line in the file.
    pub line: u64,
    /// The NPA (`None` for non-NANP).
    pub npa: Option<Npa>,
    /// The NXX, when the key holds one.
    pub nxx: Option<u16>,
    /// Where the calls go.
    pub destination: Destination<'d>,
    /// One entry per rate column; `None` for an empty field.
    pub rates: Vec<Option<Rate>>,
}

impl<'d, R: Read> Iterator for Reader<'d, R> {
    type Item = Result<DeckRow<'d>, RowError>;

    /// Like [`Reader::next_row`], owning the row (one allocation a row).
    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().map(|r| {
            r.map(|row| DeckRow {
                line: row.line,
                npa: row.npa,
                nxx: row.nxx,
                destination: row.destination,
                rates: row.rates.to_vec(),
            })
        })
    }
}
