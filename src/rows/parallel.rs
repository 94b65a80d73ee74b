//! Rows handled on several threads, with the results in input order.
//!
//! One thread reads: it finds where rows end (exactly as
//! [`RowReader::next_row`] does, quoted fields spanning lines included)
//! without splitting them, and hands stretches of about 256 KB of whole
//! rows, each with the line it starts on, to the workers; it also takes
//! each stretch's result back, in order, as they come. A bounded number of
//! stretches is in flight, so memory does not grow with the file; one
//! thread or many, the results come in the same order with the same
//! contents.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::{Fields, RowReader, StretchEnd};

/// Bytes of whole rows a worker gets at a time.
const STRETCH: usize = 1 << 18;

/// The work done on a file's rows, a stretch at a time.
pub(crate) trait Stretches: Sync {
    /// What a stretch of rows comes to.
    type Done: Send;

    /// Handles every row of `bytes` (whole rows, from
    /// [`RowReader::next_stretch`]; read them with [`RowReader::resume`]),
    /// the first on `line`.
    fn stretch(&self, line: u64, bytes: Vec<u8>) -> Self::Done;

    /// Handles a row too long to hand on (it holds only its start and its
    /// fault).
    fn long_row(&self, row: &Fields) -> Self::Done;

    /// What a read error on `line` comes to; nothing is read after it.
    fn read_failed(&self, line: u64, error: io::Error) -> Self::Done;
}

/// Hands the rest of `rows` to `work` on `jobs` threads (1 to 256; with one,
/// on this thread), and gives every result to `write`, in input order.
///
/// # Errors
///
/// What `write` returns, or an error when a thread cannot be started or a
/// worker stopped (its panic then goes on).
pub(crate) fn in_order<R: Read, S: Stretches>(
    rows: &mut RowReader<R>,
    work: &S,
    jobs: usize,
    mut write: impl FnMut(S::Done) -> io::Result<()>,
) -> io::Result<()> {
    let mut pieces = Splitter {
        rows,
        seq: 0,
        pending: None,
        failed: false,
    };
    let jobs = jobs.clamp(1, 256);
    if jobs == 1 {
        while let Some((_, piece)) = pieces.next(work) {
            write(match piece {
                Piece::Rows { line, bytes } => work.stretch(line, bytes),
                Piece::Done(done) => done,
            })?;
        }
        return Ok(());
    }

    std::thread::scope(|scope| {
        let (work_tx, work_rx) = mpsc::channel::<(u64, u64, Vec<u8>)>();
        // `Err`: a worker panicked; the reader stops instead of waiting
        // for its stretch forever, and the scope passes the panic on.
        let (done_tx, done_rx) = mpsc::channel::<Result<(u64, S::Done), ()>>();
        let work_rx = Arc::new(Mutex::new(work_rx));
        for _ in 0..jobs {
            let (rx, tx) = (Arc::clone(&work_rx), done_tx.clone());
            // A thread the system will not give is an error, not a panic.
            std::thread::Builder::new().spawn_scoped(scope, move || loop {
                // The lock is held only to take the next stretch.
                let next = rx.lock().map(|rx| rx.recv());
                let Ok(Ok((seq, line, bytes))) = next else {
                    return;
                };
                let stretch = || work.stretch(line, bytes);
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(stretch)) {
                    Ok(done) => {
                        if tx.send(Ok((seq, done))).is_err() {
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
        let stopped = || io::Error::other("a worker thread stopped");
        let result = coordinate(
            2 * jobs as u64,
            || pieces.next(work),
            |seq, line, bytes| work_tx.send((seq, line, bytes)).map_err(|_| stopped()),
            || {
                done_rx
                    .recv()
                    .map_err(|_| ())
                    .and_then(|r| r)
                    .map_err(|()| stopped())
            },
            &mut write,
        );
        drop(work_tx);
        result
    })
}

/// The reading thread's loop: takes pieces from `next` while fewer than
/// `in_flight` are unwritten, gives stretches of rows to the workers
/// (`send`), takes their results (`recv`) and writes every result in
/// input order. It waits for a worker only while one holds a stretch, so
/// results that come back in any order never leave it waiting for
/// nothing.
fn coordinate<D>(
    in_flight: u64,
    mut next: impl FnMut() -> Option<(u64, Piece<D>)>,
    mut send: impl FnMut(u64, u64, Vec<u8>) -> io::Result<()>,
    mut recv: impl FnMut() -> io::Result<(u64, D)>,
    mut write: impl FnMut(D) -> io::Result<()>,
) -> io::Result<()> {
    // Results that came back ahead of their turn.
    let mut early: BTreeMap<u64, D> = BTreeMap::new();
    // Pieces taken from `next`, the next to write, stretches with workers.
    let (mut taken, mut next_out, mut with_workers) = (0u64, 0u64, 0u64);
    let mut reading = true;
    loop {
        while reading && taken - next_out < in_flight {
            match next() {
                Some((seq, Piece::Rows { line, bytes })) => {
                    send(seq, line, bytes)?;
                    with_workers += 1;
                    taken += 1;
                }
                Some((seq, Piece::Done(done))) => {
                    early.insert(seq, done);
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
            let (seq, done) = recv()?;
            with_workers -= 1;
            early.insert(seq, done);
        } else if !reading {
            // Nothing with the workers and nothing left to read: every
            // piece taken has been written.
            debug_assert!(early.is_empty() && next_out == taken);
            return Ok(());
        }
    }
}

/// What the reading thread hands on: a stretch of rows for a worker, or
/// a result it made itself (a row too long to hold, a read error).
enum Piece<D> {
    Rows { line: u64, bytes: Vec<u8> },
    Done(D),
}

/// Cuts the rows into numbered pieces, in order.
struct Splitter<'a, R, D> {
    rows: &'a mut RowReader<R>,
    /// The next piece's number.
    seq: u64,
    /// A result made here, to hand on after the rows before it.
    pending: Option<D>,
    /// Reading failed: nothing more is read.
    failed: bool,
}

impl<R: Read, D> Splitter<'_, R, D> {
    fn next<S: Stretches<Done = D>>(&mut self, work: &S) -> Option<(u64, Piece<D>)> {
        if let Some(done) = self.pending.take() {
            return Some(self.numbered(Piece::Done(done)));
        }
        if self.failed {
            return None;
        }
        let line = self.rows.line();
        let mut bytes = Vec::with_capacity(STRETCH + 4096);
        let done = match self.rows.next_stretch(STRETCH, &mut bytes) {
            Ok(StretchEnd::TooLong) => Some(work.long_row(self.rows.current())),
            Ok(_) => None,
            Err(e) => {
                self.failed = true;
                Some(work.read_failed(self.rows.line(), e))
            }
        };
        let rows = (!bytes.is_empty()).then_some(Piece::Rows { line, bytes });
        match (rows, done) {
            (Some(rows), done) => {
                self.pending = done;
                Some(self.numbered(rows))
            }
            (None, Some(done)) => Some(self.numbered(Piece::Done(done))),
            (None, None) => None,
        }
    }

    fn numbered(&mut self, piece: Piece<D>) -> (u64, Piece<D>) {
        self.seq += 1;
        (self.seq - 1, piece)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `coordinate` over `pieces` (a stretch of rows, or a result the
    /// reader made itself) with workers that finish the stretch given
    /// last first: the first of a window comes back after all the others.
    fn run(pieces: &[bool], in_flight: u64) -> String {
        let mut source = pieces.iter().enumerate().map(|(seq, &rows)| {
            let seq = seq as u64;
            let piece = if rows {
                Piece::Rows {
                    line: 1,
                    bytes: Vec::new(),
                }
            } else {
                Piece::Done(format!("{seq};"))
            };
            (seq, piece)
        });
        let queue = std::cell::RefCell::new(Vec::new());
        let mut written = String::new();
        coordinate(
            in_flight,
            || source.next(),
            |seq, _, _| {
                queue.borrow_mut().push(seq);
                Ok(())
            },
            || {
                let seq = queue.borrow_mut().pop();
                seq.map(|seq| (seq, format!("{seq};")))
                    .ok_or_else(|| io::Error::other("waited with no stretch out"))
            },
            |d| {
                written.push_str(&d);
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
        // A row the reader handled itself (too long to hand on) among them.
        let pieces = [true, true, false, true, false, false, true];
        assert_eq!(run(&pieces, 2), "0;1;2;3;4;5;6;");
        assert_eq!(run(&pieces, 1), "0;1;2;3;4;5;6;");
        assert_eq!(run(&[], 4), "");
    }
}
