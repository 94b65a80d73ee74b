//! Rating a file of call records, on as many threads as asked, with the
//! output in input order.
//!
//! One thread reads and hands stretches of whole rows to the workers
//! (`rows::in_order`); each worker rates its stretch's rows into buffers
//! of output rows, rejects and figures, which the reading thread writes in
//! input order. One thread or many, the output is the same bytes.

use std::io::{self, Read, Write};

use super::call::{CallError, CallRejection, RatedCall, Rater};
use super::cdr::{CdrColumn, CdrColumns, CdrColumnsError};
use super::summary::RatingSummary;
use crate::ratesheet::{echo, push_decimal, push_field, push_record, push_rejected_record};
use crate::rows::{
    in_order, sniff_delimiter, Encoding, Fault, Fields, ReadError, RowReader, Stretches, SNIFF_HEAD,
};

/// Columns appended to every rated record.
pub const RATED_COLUMNS: [&str; 6] = [
    "jurisdiction",
    "matched_code",
    "rate_kind",
    "rate",
    "billed_seconds",
    "cost",
];

/// How to read a file of call records.
#[derive(Debug, Clone, Default)]
pub struct CdrOptions {
    /// The calling number's column; found by header name when `None`.
    pub ani_col: Option<CdrColumn>,
    /// The dialed number's column.
    pub dialed_col: Option<CdrColumn>,
    /// The duration's column.
    pub duration_col: Option<CdrColumn>,
    /// The field delimiter; sniffed when `None`.
    pub delimiter: Option<u8>,
    /// The text encoding; detected when `None`.
    pub encoding: Option<Encoding>,
    /// The file has no header: the three columns must be given by index.
    pub no_header: bool,
    /// Worker threads (at least one; more than 256 are 256).
    pub jobs: usize,
}

/// Why a file of call records could not be rated at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The file is not text (a workbook, an archive).
    #[error("this is {0}")]
    NotText(&'static str),
    /// The file is empty.
    #[error("the file is empty: no header and no records")]
    Empty,
    /// The columns could not be found.
    #[error("{0}")]
    Columns(#[from] CdrColumnsError),
}

/// What a stretch of rows came to.
#[derive(Default)]
struct Done {
    out: Vec<u8>,
    rejects: Vec<u8>,
    summary: RatingSummary,
    /// Reading failed here: the run stops.
    read_error: Option<io::Error>,
}

/// Rates every record of `input` with `rater`: each rated record is
/// written to `out` (its fields, then [`RATED_COLUMNS`]), each rejected
/// one to `rejects` (`line,reason,detail` then its fields), and the
/// summary returned. The header goes first in both.
///
/// # Errors
///
/// [`RunError`] when the file cannot be read as records at all, or reading
/// or writing fails (the outputs are then incomplete).
pub fn rate_records<R: Read>(
    input: R,
    rater: &Rater<'_>,
    options: &CdrOptions,
    out: &mut dyn Write,
    mut rejects: Option<&mut dyn Write>,
) -> Result<RatingSummary, RunError> {
    let mut rows = RowReader::new(input, b',', options.encoding.unwrap_or(Encoding::Auto))
        .map_err(|e| match e {
            ReadError::Io(e) => RunError::Io(e),
            ReadError::NotText(what) => RunError::NotText(what),
        })?;
    let delimiter = match options.delimiter {
        Some(d) => d,
        None => sniff_delimiter(rows.peek(SNIFF_HEAD)?),
    };
    rows.set_delimiter(delimiter);
    let mut summary = RatingSummary::default();

    let header: Vec<String> = if options.no_header {
        Vec::new()
    } else {
        match rows.next_row()? {
            Some(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
            None => return Err(RunError::Empty),
        }
    };
    let columns = CdrColumns::find(
        &header,
        options.ani_col.as_ref(),
        options.dialed_col.as_ref(),
        options.duration_col.as_ref(),
    )?;
    let width = header.len();
    if !options.no_header {
        let mut line = Vec::new();
        push_record(
            &mut line,
            header.iter().map(String::as_str).chain(RATED_COLUMNS),
        );
        out.write_all(&line)?;
    }
    if let Some(w) = rejects.as_mut() {
        w.write_all(b"line,reason,detail\n")?;
    }

    let work = Work {
        rater,
        columns,
        width,
        delimiter,
        encoding: rows.encoding(),
    };
    in_order(&mut rows, &work, options.jobs, |done: Done| {
        if let Some(e) = done.read_error {
            return Err(e);
        }
        out.write_all(&done.out)?;
        if let Some(w) = rejects.as_mut() {
            w.write_all(&done.rejects)?;
        }
        summary.merge(&done.summary);
        Ok(())
    })?;
    Ok(summary)
}

/// What every worker needs to rate a stretch.
struct Work<'r, 'd> {
    rater: &'r Rater<'d>,
    columns: CdrColumns,
    /// The header's width, for padding short rows in the output.
    width: usize,
    delimiter: u8,
    encoding: Encoding,
}

impl Stretches for Work<'_, '_> {
    type Done = Done;

    fn stretch(&self, line: u64, bytes: Vec<u8>) -> Done {
        let mut done = Done::default();
        done.out.reserve(bytes.len() + bytes.len() / 2);
        let mut rows = RowReader::resume(bytes, self.delimiter, self.encoding, line);
        // Rows already in memory: reading cannot fail.
        while let Ok(Some(row)) = rows.next_row() {
            self.row(row, &mut done);
        }
        done.summary
            .add_reading(rows.blank_lines(), rows.transcoded_rows());
        done
    }

    fn long_row(&self, row: &Fields) -> Done {
        let mut done = Done::default();
        self.row(row, &mut done);
        done
    }

    fn read_failed(&self, _line: u64, error: io::Error) -> Done {
        Done {
            read_error: Some(error),
            ..Done::default()
        }
    }
}

impl Work<'_, '_> {
    /// Rates one row into `done`.
    #[inline]
    fn row(&self, row: &Fields, done: &mut Done) {
        let result = match row.fault() {
            Some(fault) => Err(CallError {
                reason: match fault {
                    Fault::UnterminatedQuote => CallRejection::UnterminatedQuote,
                    Fault::TooLong => CallRejection::RowTooLong,
                    Fault::InvalidUtf8 => CallRejection::InvalidUtf8,
                },
                detail: fault.message().to_owned(),
            }),
            None if row.len() < self.columns.needed() => Err(CallError {
                reason: CallRejection::MissingField,
                detail: format!("{} fields, {} needed", row.len(), self.columns.needed()),
            }),
            // Empty fields past the header's last (a trailing comma) hold
            // nothing: the row is written without them.
            None if self.width > 0
                && (self.width..row.len()).any(|i| !row.get(i).unwrap_or("").trim().is_empty()) =>
            {
                Err(CallError {
                    reason: CallRejection::ExtraFields,
                    detail: format!("{} fields, the header has {}", row.len(), self.width),
                })
            }
            None => {
                let field = |i| row.get(i).unwrap_or("");
                self.rater.rate(
                    field(self.columns.ani),
                    field(self.columns.dialed),
                    field(self.columns.duration),
                )
            }
        };
        match result {
            Ok(call) => {
                done.summary.add_rated(&call);
                self.write_rated(row, &call, &mut done.out);
            }
            Err(e) => {
                done.summary.add_rejected(row.line(), &e);
                write_rejected(row, &e, &mut done.rejects);
            }
        }
    }

    fn write_rated(&self, row: &Fields, call: &RatedCall<'_>, out: &mut Vec<u8>) {
        match row.verbatim() {
            Some(text) if self.delimiter == b',' && row.len() == self.width => {
                out.extend_from_slice(text.as_bytes());
            }
            _ => {
                // Short rows padded, and empty fields past the header cut,
                // so that the rated columns line up with the header's.
                let width = if self.width == 0 {
                    row.len()
                } else {
                    self.width
                };
                for i in 0..width {
                    if i > 0 {
                        out.push(b',');
                    }
                    push_field(out, row.get(i).unwrap_or("").as_bytes());
                }
            }
        }
        let d = call;
        out.push(b',');
        out.extend_from_slice(d.decision.jurisdiction.as_str().as_bytes());
        out.push(b',');
        d.matched.push_normalized(out);
        out.push(b',');
        out.extend_from_slice(d.kind.as_str().as_bytes());
        out.push(b',');
        push_decimal(out, d.rate.units(), d.rate.places());
        out.push(b',');
        push_u64(out, d.billed_seconds);
        out.push(b',');
        push_decimal(out, d.cost.units(), d.cost.places());
        out.push(b'\n');
    }
}

/// Appends `n` in decimal.
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn write_rejected(row: &Fields, e: &CallError, out: &mut Vec<u8>) {
    let detail = echo(&e.detail);
    push_rejected_record(out, row.line(), e.reason.as_str(), &detail, row.iter());
}
