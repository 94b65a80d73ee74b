//! A whole deck categorized on several threads: [`Reader::categorize_all`].
//!
//! The reading thread cuts the deck into stretches of whole rows
//! (`rows::in_order`); each worker categorizes its stretch into a buffer of
//! output rows, one of rejected rows, the stretch's figures and the keys of
//! its accepted rows. The reading thread takes the stretches back in order:
//! it checks their keys against every earlier key (the one thing a stretch
//! cannot know alone), then writes the buffers and adds the figures. Rates
//! are the exception: their statistics do not depend on the order rows are
//! counted in, so stretches count them into a few shared sets, merged once
//! at the end, and the reading thread never handles them. With
//! `--reject-duplicates` a stretch holding a repeated key is categorized
//! again with those rows rejected, which is rare and costs that stretch
//! only. With one job there is nothing to hand on: the deck is read row
//! by row, on the calling thread.

use std::io::{self, Read, Write};
use std::sync::Mutex;

use super::categorize::Categorizer;
use super::key::{KeyCode, KeyIndex};
use super::summary::RateTallies;
use super::write::{header, push_rejected, CategorizedWriter};
use super::{Duplicates, Reader, RejectReason, RowError, Summary};
use crate::rows::{in_order, Encoding, Fields, RowReader, Stretches};

impl<R: Read> Reader<'_, R> {
    /// Categorizes the rest of the deck on `jobs` threads (1 to 256; with
    /// one, on this thread) and writes it: accepted rows to `rows` as
    /// [`CategorizedWriter`] writes them (header first), rejected rows to
    /// `rejects` (`line,reason,detail`, then the row's fields). `progress`
    /// is told the rows read so far as they go (every few thousand), and
    /// at the end.
    ///
    /// The bytes written and the [`Summary`] returned (finished) are those
    /// of reading the deck with [`Reader::next_row`], whatever `jobs`:
    /// duplicate keys included, which are checked in the deck's order. A
    /// read error ends the deck: [`Summary::read_error`] says where.
    ///
    /// # Examples
    ///
    /// ```
    /// use nanp_lerg::ratesheet::{Options, Reader};
    /// use nanp_lerg::Directory;
    ///
    /// let deck = "prefix,rate\n1201200,0.01\n1671555,0.12\n1201200,0.02\n1555,x\n";
    /// let dir = Directory::builtin();
    /// let reader = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap();
    /// let (mut rows, mut rejects) = (Vec::new(), Vec::new());
    /// let summary = reader.categorize_all(2, &mut rows, Some(&mut rejects), &mut |_| {}).unwrap();
    /// assert_eq!(
    ///     String::from_utf8(rows).unwrap(),
    ///     "prefix,rate,npa,category,country_code,state_province_code\n\
    ///      1201200,0.01,201,us-domestic,US,NJ\n\
    ///      1671555,0.12,671,pacific,GU,GU\n\
    ///      1201200,0.02,201,us-domestic,US,NJ\n"
    /// );
    /// assert!(String::from_utf8(rejects).unwrap().starts_with("line,reason,detail\n5,"));
    /// assert_eq!((summary.rows_read(), summary.rejected(), summary.duplicate_keys()), (4, 1, 1));
    /// ```
    ///
    /// # Errors
    ///
    /// When writing fails, or a thread cannot be started; the outputs are
    /// then incomplete.
    pub fn categorize_all(
        mut self,
        jobs: usize,
        rows: &mut dyn Write,
        mut rejects: Option<&mut dyn Write>,
        progress: &mut dyn FnMut(u64),
    ) -> io::Result<Summary> {
        let exchange_columns = self.exchanges().is_some();
        rows.write_all(&header(self.detection(), exchange_columns))?;
        if let Some(w) = rejects.as_mut() {
            w.write_all(b"line,reason,detail\n")?;
        }
        if jobs <= 1 {
            // Row by row: no stretch to copy, no figures to merge.
            return self.categorize_here(rows, rejects, progress, exchange_columns);
        }
        let work = Work {
            categorizer: &self.categorizer,
            delimiter: self.rows.delimiter(),
            encoding: self.rows.encoding(),
            exchange_columns,
            keep_sources: self.duplicates == Duplicates::Reject,
            tallies: Mutex::new(Vec::new()),
        };
        let mut summary = Summary::new(self.detection());
        let mut merge = Merge {
            keys: std::mem::take(&mut self.keys),
            duplicates: self.duplicates,
            summary: &mut summary,
        };
        let mut write = |done: Done| -> io::Result<()> {
            let done = merge.check_keys(&work, done);
            rows.write_all(&done.out)?;
            if let Some(w) = rejects.as_mut() {
                w.write_all(&done.rejects)?;
            }
            merge.summary.merge(done.summary);
            progress(merge.summary.rows_read());
            Ok(())
        };
        let sample: Vec<Fields> = self.pending.drain(..).collect();
        if !sample.is_empty() {
            write(work.run(Source::Rows(sample), &[]))?;
        }
        in_order(&mut self.rows, &work, jobs, write)?;
        let tallies = work.tallies.into_inner();
        for rates in tallies.unwrap_or_else(|poisoned| poisoned.into_inner()) {
            summary.merge_rates(rates);
        }
        summary.finish(&self);
        Ok(summary)
    }

    /// [`Reader::categorize_all`] on this thread.
    fn categorize_here(
        mut self,
        rows: &mut dyn Write,
        mut rejects: Option<&mut dyn Write>,
        progress: &mut dyn FnMut(u64),
        exchange_columns: bool,
    ) -> io::Result<Summary> {
        let mut summary = Summary::new(self.detection());
        let mut out = CategorizedWriter::headless(rows, self.detection(), exchange_columns);
        let mut rejected = Vec::new();
        while let Some(row) = self.next_row() {
            summary.add(&row);
            match &row {
                Ok(_) => out.write(&row)?,
                Err(e) => {
                    if let Some(w) = rejects.as_mut() {
                        rejected.clear();
                        push_rejected(&mut rejected, e);
                        w.write_all(&rejected)?;
                    }
                }
            }
            if summary.rows_read() % PROGRESS_ROWS == 0 {
                progress(summary.rows_read());
            }
        }
        out.into_inner()?;
        summary.finish(&self);
        if summary.rows_read() % PROGRESS_ROWS != 0 {
            progress(summary.rows_read());
        }
        Ok(summary)
    }
}

/// Rows between calls of `progress` when one thread reads row by row:
/// about what a stretch holds.
const PROGRESS_ROWS: u64 = 8_192;

/// What every worker needs to categorize a stretch.
struct Work<'a, 'd> {
    /// Cloned for each stretch: its buffers are the stretch's own.
    categorizer: &'a Categorizer<'d>,
    delimiter: u8,
    encoding: Encoding,
    exchange_columns: bool,
    /// Keep each stretch's rows, to categorize it again should it hold a
    /// key to reject as a repeat.
    keep_sources: bool,
    /// Rate statistics not in use. A stretch counts its rates into one set
    /// and gives it back, so that only a few sets are filled, each by many
    /// stretches, and merged once at the end: rates are tallied in any
    /// order to the same figures. A stretch that may be categorized again
    /// (`keep_sources`) has its own set instead, which its result carries:
    /// its rates must be counted once.
    tallies: Mutex<Vec<RateTallies>>,
}

/// The rows of a stretch.
enum Source {
    /// Whole rows from `RowReader::next_stretch`, the first on `line`.
    Bytes { line: u64, bytes: Vec<u8> },
    /// Rows already read (the rows read ahead to detect the deck's shape).
    Rows(Vec<Fields>),
}

/// What a stretch of rows came to.
struct Done {
    out: Vec<u8>,
    rejects: Vec<u8>,
    summary: Summary,
    /// The line and key of every accepted or non-NANP row, in order.
    keys: Vec<(u64, KeyCode)>,
    /// The stretch's rows, when they are kept.
    source: Option<Source>,
}

impl Stretches for Work<'_, '_> {
    type Done = Done;

    fn stretch(&self, line: u64, bytes: Vec<u8>) -> Done {
        self.run(Source::Bytes { line, bytes }, &[])
    }

    fn long_row(&self, row: &Fields) -> Done {
        // A row too long to hold is rejected: only its start is kept.
        self.run(Source::Rows(vec![row.clone()]), &[])
    }

    fn read_failed(&self, line: u64, error: io::Error) -> Done {
        let mut done = self.done(0);
        let e = super::read_failed(line, error);
        push_rejected(&mut done.rejects, &e);
        done.summary.add(&Err(e));
        self.finish(done)
    }
}

impl Work<'_, '_> {
    fn done(&self, bytes: usize) -> Done {
        let detection = &self.categorizer.detection;
        let rates = match self.keep_sources {
            true => Summary::rate_tallies(detection, true),
            false => self
                .idle_tallies()
                .pop()
                .unwrap_or_else(|| Summary::rate_tallies(detection, false)),
        };
        Done {
            out: Vec::with_capacity(bytes + bytes / 2),
            rejects: Vec::new(),
            summary: Summary::of_stretch(detection, rates),
            keys: Vec::with_capacity(bytes / 32),
            source: None,
        }
    }

    fn idle_tallies(&self) -> std::sync::MutexGuard<'_, Vec<RateTallies>> {
        self.tallies
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A stretch's rates go back with the tallies they were counted in.
    fn finish(&self, mut done: Done) -> Done {
        if !self.keep_sources {
            let rates = done.summary.take_rates();
            self.idle_tallies().push(rates);
        }
        done
    }

    /// Categorizes every row of `source`, rejecting those on the lines of
    /// `repeats` as repeating the key first on the line beside each.
    fn run(&self, source: Source, repeats: &[(u64, u64)]) -> Done {
        let mut categorizer = self.categorizer.clone();
        let mut done = self.done(match &source {
            Source::Bytes { bytes, .. } => bytes.len(),
            Source::Rows(_) => 0,
        });
        let mut out = CategorizedWriter::headless(
            std::mem::take(&mut done.out),
            &self.categorizer.detection,
            self.exchange_columns,
        );
        done.source = match source {
            Source::Bytes { line, bytes } => {
                let kept = self.keep_sources.then(|| Source::Bytes {
                    line,
                    bytes: bytes.clone(),
                });
                let mut rows = RowReader::resume(bytes, self.delimiter, self.encoding, line);
                // Rows already in memory: reading cannot fail.
                while let Ok(Some(row)) = rows.next_row() {
                    self.row(&mut categorizer, row, repeats, &mut out, &mut done);
                }
                done.summary
                    .add_reading(rows.blank_lines(), rows.transcoded_rows());
                kept
            }
            Source::Rows(rows) => {
                for row in &rows {
                    self.row(&mut categorizer, row, repeats, &mut out, &mut done);
                }
                self.keep_sources.then_some(Source::Rows(rows))
            }
        };
        // Writing to memory cannot fail.
        done.out = out.into_inner().unwrap_or_default();
        self.finish(done)
    }

    /// Categorizes one row into `done`.
    #[inline]
    fn row(
        &self,
        categorizer: &mut Categorizer<'_>,
        fields: &Fields,
        repeats: &[(u64, u64)],
        out: &mut CategorizedWriter<Vec<u8>>,
        done: &mut Done,
    ) {
        let mut row = categorizer.row(fields);
        if let Ok(r) = &row {
            let key = KeyCode::new(r.npa.is_some(), r.key);
            match repeats.binary_search_by_key(&r.line, |&(line, _)| line) {
                Ok(i) => {
                    let reason = RejectReason::DuplicateKey {
                        key: key.text(),
                        first_line: repeats[i].1,
                    };
                    row = Err(RowError::of(fields, reason));
                }
                Err(_) => done.keys.push((r.line, key)),
            }
        }
        done.summary.add(&row);
        match &row {
            // Writing to memory cannot fail.
            Ok(_) => {
                let _ = out.write(&row);
            }
            Err(e) => push_rejected(&mut done.rejects, e),
        }
    }
}

/// The reading thread's side: the keys of every row so far.
struct Merge<'s> {
    keys: KeyIndex,
    duplicates: Duplicates,
    summary: &'s mut Summary,
}

impl Merge<'_> {
    /// Checks the keys of a stretch against every earlier key, counting
    /// repeats, or, when they are rejected, categorizing the stretch again
    /// with them rejected.
    fn check_keys(&mut self, work: &Work<'_, '_>, done: Done) -> Done {
        let mut repeats = Vec::new();
        for &(line, key) in &done.keys {
            let Some(first_line) = self.keys.first_seen(key, line) else {
                continue;
            };
            match self.duplicates {
                Duplicates::Count => self.summary.add_duplicate(|| key.text(), first_line, line),
                Duplicates::Reject => repeats.push((line, first_line)),
            }
        }
        match done.source {
            Some(source) if !repeats.is_empty() => work.run(source, &repeats),
            _ => done,
        }
    }
}
