//! Rows the reader rejects ([`RowError`], [`RejectReason`]) and decks it
//! cannot open ([`OpenError`]).

use std::io;

use super::{DetectError, Fields, RateError, MAX_ROW_BYTES};
use crate::classify::Reserved;
use crate::npa::Npa;
use crate::rows::ReadError;

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
    lines: u64,
    reason: RejectReason,
    fields: Vec<String>,
}

impl RowError {
    /// The rejection of the row on `line`, spanning `lines`, holding `fields`.
    #[cold]
    pub(crate) fn new(
        line: u64,
        lines: u64,
        reason: RejectReason,
        fields: Vec<String>,
    ) -> RowError {
        RowError(Box::new(Rejection {
            line,
            lines,
            reason,
            fields,
        }))
    }

    /// The rejection of `row`, with its fields.
    #[cold]
    pub(crate) fn of(row: &Fields, reason: RejectReason) -> RowError {
        RowError::new(
            row.line(),
            row.lines(),
            reason,
            row.iter().map(str::to_owned).collect(),
        )
    }

    /// The row's 1-based line in the file.
    pub fn line(&self) -> u64 {
        self.0.line
    }

    /// How many lines the row spans.
    pub fn lines(&self) -> u64 {
        self.0.lines
    }

    /// Why it was rejected.
    pub fn reason(&self) -> &RejectReason {
        &self.0.reason
    }

    /// The row's fields, as read (a row whose quote never closes: its
    /// first line; an over-long row: its first bytes).
    pub fn fields(&self) -> &[String] {
        &self.0.fields
    }
}

/// Why a row was rejected. Values quoted in messages are cut after 40
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RejectReason {
    /// The key field is empty or absent.
    #[error("no dial prefix")]
    MissingPrefix,
    /// The key is not a dial string, starts with 0, or has a length no NANP
    /// form has.
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
    /// The NXX is not three digits (or four, with the thousands digit)
    /// starting with 2-9.
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
    #[error("rate {value:?} in column {column:?}: {error}")]
    UnparseableRate {
        /// The rate column's name.
        column: String,
        /// The field.
        value: String,
        /// What is wrong with it.
        error: RateError,
    },
    /// A rate below zero.
    #[error("rate {value:?} in column {column:?} is negative")]
    NegativeRate {
        /// The rate column's name.
        column: String,
        /// The field.
        value: String,
    },
    /// The effective date is not empty and not a date in a form
    /// [`Options::date_col`](super::Options::date_col) lists, or not a day of the calendar.
    #[error("effective date {value:?} in column {column:?} is not a date")]
    UnparseableDate {
        /// The date column's name.
        column: String,
        /// The field.
        value: String,
    },
    /// The billing increment is not empty and not one (`6/6`, `60`, or
    /// whole seconds in period columns, each at least 1).
    #[error(
        "billing increment {value:?} in column {column:?} is not one (write 6/6, 60/60, 30/6)"
    )]
    UnparseableIncrement {
        /// The increment column's name.
        column: String,
        /// The field.
        value: String,
    },
    /// More non-empty fields than the header (or the widest sampled row):
    /// the row's columns cannot be trusted to be the header's.
    #[error("{found} fields, the deck has {expected} columns")]
    ExtraFields {
        /// Fields up to the last non-empty one.
        found: usize,
        /// The deck's columns.
        expected: usize,
    },
    /// A quoted field that never closes; the row is its first line.
    #[error("a quoted field never closes (the row is this line alone)")]
    UnterminatedQuote,
    /// A row longer than [`MAX_ROW_BYTES`].
    #[error("the row is longer than {} bytes", MAX_ROW_BYTES)]
    RowTooLong,
    /// Not valid UTF-8, with `utf-8` forced.
    #[error("the row is not valid UTF-8")]
    InvalidUtf8,
    /// The key is on an earlier row, with [`Duplicates::Reject`](super::Duplicates::Reject).
    #[error("the key {key} is already on line {first_line}")]
    DuplicateKey {
        /// The normalised key.
        key: String,
        /// The line of its first row.
        first_line: u64,
    },
    /// The NPA-NXX is in the checked exchanges but not in service, with
    /// [`Reader::check_exchanges`](super::Reader::check_exchanges)'s
    /// `reject_not_in_service`.
    #[error("{code} is {status}, not in service ({source_file})")]
    NxxNotInService {
        /// The code: `613-555`, or `201-200-3` for a block.
        code: String,
        /// Its status (`available`, `assigned`, …).
        status: &'static str,
        /// The exchange file that says so.
        source_file: String,
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
            RejectReason::NegativeRate { .. } => "negative-rate",
            RejectReason::UnparseableDate { .. } => "unparseable-date",
            RejectReason::UnparseableIncrement { .. } => "unparseable-increment",
            RejectReason::ExtraFields { .. } => "extra-fields",
            RejectReason::UnterminatedQuote => "unterminated-quote",
            RejectReason::RowTooLong => "row-too-long",
            RejectReason::InvalidUtf8 => "invalid-utf8",
            RejectReason::DuplicateKey { .. } => "duplicate-key",
            RejectReason::NxxNotInService { .. } => "nxx-not-in-service",
            RejectReason::ReadError(_) => "read-error",
        }
    }
}

/// Why a deck could not be opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The file is not a text table (a workbook, an archive, binary data).
    #[error("this is {0}")]
    NotText(&'static str),
    /// The deck's shape could not be worked out, or it has no data rows.
    #[error("{0}")]
    Detect(#[from] DetectError),
}

impl From<ReadError> for OpenError {
    fn from(e: ReadError) -> OpenError {
        match e {
            ReadError::Io(e) => OpenError::Io(e),
            ReadError::NotText(what) => OpenError::NotText(what),
        }
    }
}
