//! Rating a file of call records, on as many threads as asked, with the
//! output in input order.
//!
//! One thread reads: it finds where rows end (exactly as the row reader
//! does, quoted fields spanning lines included) without splitting them,
//! and hands stretches of about a megabyte of whole rows, each with the
//! line it starts on, to the workers; it also writes each stretch's
//! results, in order, as they come back. Workers read their stretch's
//! rows, rate them and write the output rows into a buffer. A bounded
//! number of stretches is in flight, so memory does not grow with the
//! file; one thread or many, the output is the same bytes.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::call::{CallError, CallRejection, RatedCall, Rater};
use super::cdr::{CdrColumn, CdrColumns, CdrColumnsError};
use super::summary::RatingSummary;
use crate::ratesheet::{echo, push_decimal, push_field, push_record};
use crate::rows::{
    sniff_delimiter, Encoding, Fault, Fields, ReadError, RowReader, StretchEnd, SNIFF_HEAD,
};

/// Bytes of whole rows a worker gets at a time.
const STRETCH: usize = 1 << 20;

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
struct Done {
    seq: u64,
    out: Vec<u8>,
    rejects: Vec<u8>,
    summary: RatingSummary,
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

    let encoding = rows.encoding();
    let work = Work {
        rater,
        columns,
        width,
        delimiter,
        encoding,
    };
    let mut write = |done: Done, summary: &mut RatingSummary| -> io::Result<()> {
        out.write_all(&done.out)?;
        if let Some(w) = rejects.as_mut() {
            w.write_all(&done.rejects)?;
        }
        summary.merge(&done.summary);
        Ok(())
    };
    let mut pieces = Splitter {
        rows,
        seq: 0,
        pending: None,
    };
    let jobs = options.jobs.clamp(1, 256);
    if jobs == 1 {
        while let Some(piece) = pieces.next(&work)? {
            let done = match piece {
                Piece::Rows { seq, line, bytes } => work.stretch(seq, line, bytes),
                Piece::Done(done) => *done,
            };
            write(done, &mut summary)?;
        }
        return Ok(summary);
    }

    std::thread::scope(|scope| -> Result<RatingSummary, RunError> {
        let (work_tx, work_rx) = mpsc::channel::<(u64, u64, Vec<u8>)>();
        // `Err`: a worker panicked; the reader stops instead of waiting
        // for its stretch forever, and the scope passes the panic on.
        let (done_tx, done_rx) = mpsc::channel::<Result<Done, ()>>();
        let work_rx = Arc::new(Mutex::new(work_rx));
        for _ in 0..jobs {
            let (rx, tx, work) = (Arc::clone(&work_rx), done_tx.clone(), &work);
            // A thread the system will not give is an error, not a panic.
            std::thread::Builder::new().spawn_scoped(scope, move || loop {
                // The lock is held only to take the next stretch.
                let next = rx.lock().map(|rx| rx.recv());
                let Ok(Ok((seq, line, bytes))) = next else {
                    return;
                };
                let stretch = || work.stretch(seq, line, bytes);
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(stretch)) {
                    Ok(done) => {
                        if tx.send(Ok(done)).is_err() {
                            return;
                        }
                    }
                    Err(panic) => {
                        let _ = tx.send(Err(()));
                        std::panic::resume_unwind(panic);
                    }
                }
            })?;
        }
        drop(done_tx);
        let stopped = || io::Error::other("a rating thread stopped");
        coordinate(
            2 * jobs as u64,
            || pieces.next(&work),
            |stretch| work_tx.send(stretch).map_err(|_| stopped()),
            || {
                done_rx
                    .recv()
                    .map_err(|_| ())
                    .and_then(|r| r)
                    .map_err(|()| stopped())
            },
            |done| write(done, &mut summary),
        )?;
        drop(work_tx);
        Ok(summary)
    })
}

/// The reading thread's loop: takes pieces from `next` while fewer than
/// `in_flight` are unwritten, gives stretches of rows to the workers
/// (`send`), takes their results (`recv`) and writes every result in
/// input order. It waits for a worker only while one holds a stretch, so
/// results that come back in any order never leave it waiting for
/// nothing.
fn coordinate(
    in_flight: u64,
    mut next: impl FnMut() -> io::Result<Option<Piece>>,
    mut send: impl FnMut((u64, u64, Vec<u8>)) -> io::Result<()>,
    mut recv: impl FnMut() -> io::Result<Done>,
    mut write: impl FnMut(Done) -> io::Result<()>,
) -> io::Result<()> {
    // Results that came back ahead of their turn.
    let mut early: BTreeMap<u64, Done> = BTreeMap::new();
    // Pieces taken from `next`, the next to write, stretches with workers.
    let (mut taken, mut next_out, mut with_workers) = (0u64, 0u64, 0u64);
    let mut reading = true;
    loop {
        while reading && taken - next_out < in_flight {
            match next()? {
                Some(Piece::Rows { seq, line, bytes }) => {
                    send((seq, line, bytes))?;
                    with_workers += 1;
                    taken += 1;
                }
                Some(Piece::Done(done)) => {
                    early.insert(done.seq, *done);
                    taken += 1;
                }
                None => reading = false,
            }
        }
        while let Some(done) = early.remove(&next_out) {
            write(done)?;
            next_out += 1;
        }
        if with_workers > 0 {
            let done = recv()?;
            with_workers -= 1;
            early.insert(done.seq, done);
        } else if !reading {
            // Nothing with the workers and nothing left to read: every
            // piece taken has been written.
            debug_assert!(early.is_empty() && next_out == taken);
            return Ok(());
        }
    }
}

/// What the reading thread hands on: a stretch of rows for a worker, or
/// the result of a row it dealt with itself (one too long to hold).
enum Piece {
    Rows { seq: u64, line: u64, bytes: Vec<u8> },
    Done(Box<Done>),
}

/// Cuts the records into numbered pieces, in order.
struct Splitter<R> {
    rows: RowReader<R>,
    /// The next piece's number.
    seq: u64,
    /// A too-long row's result, to hand on after the rows before it.
    pending: Option<Box<Done>>,
}

impl<R: Read> Splitter<R> {
    fn next(&mut self, work: &Work<'_, '_>) -> io::Result<Option<Piece>> {
        if let Some(done) = self.pending.take() {
            return Ok(Some(Piece::Done(done)));
        }
        let line = self.rows.line();
        let mut bytes = Vec::with_capacity(STRETCH + 4096);
        let end = self.rows.next_stretch(STRETCH, &mut bytes)?;
        let rows = (!bytes.is_empty()).then(|| {
            self.seq += 1;
            Piece::Rows {
                seq: self.seq - 1,
                line,
                bytes,
            }
        });
        if end != StretchEnd::TooLong {
            return Ok(rows);
        }
        let mut done = Box::new(work.empty(self.seq));
        self.seq += 1;
        work.row(self.rows.current(), &mut done);
        match rows {
            Some(rows) => {
                self.pending = Some(done);
                Ok(Some(rows))
            }
            None => Ok(Some(Piece::Done(done))),
        }
    }
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

impl Work<'_, '_> {
    fn empty(&self, seq: u64) -> Done {
        Done {
            seq,
            out: Vec::new(),
            rejects: Vec::new(),
            summary: RatingSummary::default(),
        }
    }

    /// Rates every row of a stretch.
    fn stretch(&self, seq: u64, line: u64, bytes: Vec<u8>) -> Done {
        let mut done = self.empty(seq);
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
    out.extend_from_slice(row.line().to_string().as_bytes());
    out.push(b',');
    out.extend_from_slice(e.reason.as_str().as_bytes());
    out.push(b',');
    push_field(out, echo(&e.detail).as_bytes());
    for field in row.iter() {
        out.push(b',');
        push_field(out, field.as_bytes());
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(seq: u64) -> Done {
        Done {
            seq,
            out: format!("{seq};").into_bytes(),
            rejects: Vec::new(),
            summary: RatingSummary::default(),
        }
    }

    /// Runs `coordinate` over `pieces` (a stretch of rows, or a result the
    /// reader made itself) with workers that finish the stretch given
    /// last first: the first of a window comes back after all the others.
    fn run(pieces: &[bool], in_flight: u64) -> String {
        let mut source = pieces.iter().enumerate().map(|(seq, &rows)| {
            let seq = seq as u64;
            if rows {
                Piece::Rows {
                    seq,
                    line: 1,
                    bytes: Vec::new(),
                }
            } else {
                Piece::Done(Box::new(done(seq)))
            }
        });
        let queue = std::cell::RefCell::new(Vec::new());
        let mut written = String::new();
        coordinate(
            in_flight,
            || Ok(source.next()),
            |(seq, _, _)| {
                queue.borrow_mut().push(seq);
                Ok(())
            },
            || {
                let seq = queue.borrow_mut().pop();
                seq.map(done)
                    .ok_or_else(|| io::Error::other("waited with no stretch out"))
            },
            |d| {
                written.push_str(std::str::from_utf8(&d.out).unwrap());
                Ok(())
            },
        )
        .unwrap();
        written
    }

    #[test]
    fn results_in_any_order_are_written_in_input_order_without_waiting_for_nothing() {
        // Four stretches out, the first back last: once it is in, all four
        // are written and nothing is with the workers. Waiting for a
        // result then would wait forever.
        assert_eq!(run(&[true; 9], 4), "0;1;2;3;4;5;6;7;8;");
        // A row the reader rated itself (too long to hand on) among them.
        let pieces = [true, true, false, true, false, false, true];
        assert_eq!(run(&pieces, 2), "0;1;2;3;4;5;6;");
        assert_eq!(run(&pieces, 1), "0;1;2;3;4;5;6;");
        assert_eq!(run(&[], 4), "");
    }
}
