//! Line numbers for a streamed CSV.
//!
//! The `csv` reader reports a record's byte offset, but its own line count is
//! taken before it skips the previous row's terminator, so it runs short after
//! CRLF endings and blank lines. [`LineCounter`] sits under the reader, notes
//! each run of line terminators as bytes pass, and turns a record's start
//! offset into the line a person sees in an editor. It keeps only the runs the
//! reader has read ahead of the current record, so memory stays flat.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A maximal run of `\r`/`\n` bytes, `[start, end)`, ending `newlines`
/// lines: each `\n`, `\r\n` or lone `\r` ends one.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u64,
    end: u64,
    newlines: u64,
    last_cr: bool,
}

/// A reader that counts lines as the bytes go through it.
#[derive(Debug)]
pub(crate) struct LineCounter<R> {
    inner: R,
    offset: u64,
    runs: VecDeque<Run>,
    open: Option<Run>,
    passed: u64,
}

impl<R: Read> LineCounter<R> {
    pub(crate) fn new(inner: R) -> Self {
        LineCounter {
            inner,
            offset: 0,
            runs: VecDeque::new(),
            open: None,
            passed: 0,
        }
    }

    /// The 1-based line of the record whose scan began at `byte`. Calls must
    /// come in increasing `byte` order, as records are read.
    pub(crate) fn line_of(&mut self, byte: u64) -> u64 {
        while let Some(run) = self.runs.front() {
            if run.end > byte {
                break;
            }
            self.passed += run.newlines;
            self.runs.pop_front();
        }
        let containing = self
            .runs
            .front()
            .or(self.open.as_ref())
            .filter(|run| run.start <= byte && byte < run.end);
        // A record that begins inside a run of terminators starts after it.
        self.passed + containing.map_or(0, |run| run.newlines) + 1
    }

    /// The line the reader has got to: after every terminator read so far.
    pub(crate) fn current_line(&self) -> u64 {
        let ahead: u64 = self
            .runs
            .iter()
            .chain(&self.open)
            .map(|run| run.newlines)
            .sum();
        self.passed + ahead + 1
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        let mut next = 0;
        // Terminators are sparse: jump between them rather than test every byte.
        for i in memchr::memchr2_iter(b'\n', b'\r', chunk) {
            let at = self.offset + i as u64;
            if i > next {
                if let Some(run) = self.open.take() {
                    self.runs.push_back(run);
                }
            }
            let b = chunk[i];
            let run = self.open.get_or_insert(Run {
                start: at,
                end: at,
                newlines: 0,
                last_cr: false,
            });
            run.end = at + 1;
            // The `\n` of a CRLF ends the line its `\r` already counted.
            run.newlines += u64::from(!(b == b'\n' && run.last_cr));
            run.last_cr = b == b'\r';
            next = i + 1;
        }
        if n > next {
            if let Some(run) = self.open.take() {
                self.runs.push_back(run);
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(data: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCounter::new(data.as_bytes()));
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let byte = record.position().unwrap().byte();
            lines.push(reader.get_mut().line_of(byte));
        }
        lines
    }

    #[test]
    fn lf_crlf_blank_lines_and_quoted_newlines() {
        assert_eq!(lines_of("a\nb\nc\n"), [1, 2, 3]);
        assert_eq!(lines_of("a\r\nb\r\nc\r\n"), [1, 2, 3]);
        assert_eq!(lines_of("\na\n\n\nb\r\n\r\nc"), [2, 5, 7]);
        assert_eq!(lines_of("\"x\ny\",1\nz,2\n"), [1, 3]);
        assert_eq!(
            lines_of("a\rb\r\rc"),
            [1, 2, 4],
            "a lone CR ends a line too"
        );
    }
}
