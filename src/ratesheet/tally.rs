//! [`Tally`]: exact statistics of one rate column in one category, in
//! bounded memory.
//!
//! Min, max, sum and count are running values. The median and the count of
//! distinct rates need every rate: they are kept as sorted (rate, count)
//! runs, in memory up to [`DISTINCT_IN_MEMORY`] distinct rates, then
//! spilled to an anonymous temporary file (deleted when the tally is
//! dropped) and merged when the figures are asked for. Memory stays flat
//! however many distinct rates a deck has; if no temporary file can be
//! written, the runs stay in memory, still exact.

use std::cmp::Ordering;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use super::rate::Rate;

/// Rates gathered before they are sorted into the distinct runs.
const PENDING: usize = 8 * 1024;
/// Distinct rates kept in memory before a run is spilled.
pub(crate) const DISTINCT_IN_MEMORY: usize = 32 * 1024;
/// Bytes of one spilled (rate, count) entry.
const ENTRY: usize = 24;

#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) rows: u64,
    pub(crate) sum: i128,
    /// The lowest and highest rates as first written.
    pub(crate) min: Option<Rate>,
    pub(crate) max: Option<Rate>,
    pub(crate) max_places: u8,
    pub(crate) min_places: u8,
    pending: Vec<i128>,
    /// Sorted, one entry per distinct rate.
    distinct: Vec<(i128, u64)>,
    spill: Option<Spill>,
    spill_failed: bool,
    limit: usize,
}

/// Sorted runs written to a temporary file.
#[derive(Debug)]
struct Spill {
    file: tempfile::NamedTempFile,
    /// (byte offset, entries) of each run.
    runs: Vec<(u64, u64)>,
    end: u64,
}

impl Clone for Tally {
    /// A clone holds every rate in memory (a spill file is not shared).
    fn clone(&self) -> Tally {
        let mut all = Vec::new();
        let _ = self.for_each_distinct(|rate, n| all.push((rate, n)));
        Tally {
            rows: self.rows,
            sum: self.sum,
            min: self.min,
            max: self.max,
            max_places: self.max_places,
            min_places: self.min_places,
            pending: Vec::new(),
            distinct: all,
            spill: None,
            spill_failed: false,
            limit: self.limit,
        }
    }
}

impl Tally {
    /// A tally that spills past `limit` distinct rates in memory.
    #[cfg(test)]
    fn with_limit(limit: usize) -> Tally {
        Tally {
            limit,
            ..Tally::default()
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, rate: Rate) {
        if self.rows == 0 {
            self.min_places = rate.places();
        }
        self.rows += 1;
        self.sum += rate.units();
        self.max_places = self.max_places.max(rate.places());
        self.min_places = self.min_places.min(rate.places());
        if self.min.is_none_or(|m| rate < m) {
            self.min = Some(rate);
        }
        if self.max.is_none_or(|m| rate > m) {
            self.max = Some(rate);
        }
        self.pending.push(rate.units());
        if self.pending.len() >= PENDING {
            self.absorb();
        }
    }

    /// Sorts the pending rates into the distinct run, spilling it when full.
    fn absorb(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable();
        let mut merged = Vec::with_capacity(self.distinct.len() + self.pending.len());
        let mut old = self.distinct.iter().copied().peekable();
        let mut new = self
            .pending
            .chunk_by(|a, b| a == b)
            .map(|c| (c[0], c.len() as u64))
            .peekable();
        loop {
            let next = match (old.peek(), new.peek()) {
                (Some(a), Some(b)) => match a.0.cmp(&b.0) {
                    Ordering::Less => old.next(),
                    Ordering::Greater => new.next(),
                    Ordering::Equal => {
                        let (a, b) = (old.next(), new.next());
                        a.zip(b).map(|(a, b)| (a.0, a.1 + b.1))
                    }
                },
                (Some(_), None) => old.next(),
                (None, Some(_)) => new.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        self.pending.clear();
        self.distinct = merged;
        let limit = if self.limit == 0 {
            DISTINCT_IN_MEMORY
        } else {
            self.limit
        };
        if self.distinct.len() > limit && !self.spill_failed && self.write_run().is_err() {
            self.spill_failed = true;
        }
    }

    fn write_run(&mut self) -> io::Result<()> {
        let spill = match &mut self.spill {
            Some(s) => s,
            None => self.spill.insert(Spill {
                file: tempfile::NamedTempFile::new()?,
                runs: Vec::new(),
                end: 0,
            }),
        };
        let mut w = BufWriter::new(spill.file.as_file_mut());
        w.seek(SeekFrom::Start(spill.end))?;
        for &(rate, n) in &self.distinct {
            w.write_all(&rate.to_le_bytes())?;
            w.write_all(&n.to_le_bytes())?;
        }
        w.flush()?;
        let entries = self.distinct.len() as u64;
        spill.runs.push((spill.end, entries));
        spill.end += entries * ENTRY as u64;
        self.distinct.clear();
        Ok(())
    }

    /// Calls `f` with each distinct rate (in units) and its count,
    /// ascending, merging the runs in memory and on disk.
    pub(crate) fn for_each_distinct(&self, mut f: impl FnMut(i128, u64)) -> io::Result<()> {
        let mut pending: Vec<i128> = self.pending.clone();
        pending.sort_unstable();
        let mut sources: Vec<Source<'_>> = vec![
            Box::new(self.distinct.iter().map(|&e| Ok(e))),
            Box::new(
                pending
                    .chunk_by(|a, b| a == b)
                    .map(|c| Ok((c[0], c.len() as u64)))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
        ];
        if let Some(spill) = &self.spill {
            for &(offset, entries) in &spill.runs {
                let mut file = spill.file.reopen()?;
                file.seek(SeekFrom::Start(offset))?;
                sources.push(Box::new(RunReader {
                    file: BufReader::new(file),
                    left: entries,
                }));
            }
        }
        let mut heads: Vec<Option<(i128, u64)>> = Vec::with_capacity(sources.len());
        for s in &mut sources {
            heads.push(s.next().transpose()?);
        }
        loop {
            let Some(low) = heads.iter().flatten().map(|h| h.0).min() else {
                return Ok(());
            };
            let mut count = 0;
            for (head, source) in heads.iter_mut().zip(&mut sources) {
                if let Some((rate, n)) = *head {
                    if rate == low {
                        count += n;
                        *head = source.next().transpose()?;
                    }
                }
            }
            f(low, count);
        }
    }

    /// (distinct rates, the rates at 0-based positions `a` and `b` in
    /// ascending order).
    pub(crate) fn distinct_and_ranks(&self, a: u64, b: u64) -> io::Result<(usize, i128, i128)> {
        let (mut distinct, mut seen) = (0usize, 0u64);
        let (mut at_a, mut at_b) = (0, 0);
        self.for_each_distinct(|rate, n| {
            if (seen..seen + n).contains(&a) {
                at_a = rate;
            }
            if (seen..seen + n).contains(&b) {
                at_b = rate;
            }
            seen += n;
            distinct += 1;
        })?;
        Ok((distinct, at_a, at_b))
    }

    /// Whether any run is on disk.
    #[cfg(test)]
    fn spilled(&self) -> bool {
        self.spill.as_ref().is_some_and(|s| !s.runs.is_empty())
    }
}

/// Distinct rates with their counts, ascending, from memory or a spilled run.
type Source<'a> = Box<dyn Iterator<Item = io::Result<(i128, u64)>> + 'a>;

/// One spilled run, entry by entry.
struct RunReader {
    file: BufReader<std::fs::File>,
    left: u64,
}

impl Iterator for RunReader {
    type Item = io::Result<(i128, u64)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let mut entry = [0u8; ENTRY];
        Some(self.file.read_exact(&mut entry).map(|()| {
            let (rate, n) = entry.split_at(16);
            (
                i128::from_le_bytes(rate.try_into().unwrap_or([0; 16])),
                u64::from_le_bytes(n.try_into().unwrap_or([0; 8])),
            )
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_runs_give_the_same_figures_as_memory() {
        let values: Vec<i128> = (0..50_000).map(|i| (i * 7919) % 20_011).collect();
        let mut small = Tally::with_limit(1000);
        let mut big = Tally::with_limit(usize::MAX);
        for &v in &values {
            small.add(Rate::from_units(v, 4));
            big.add(Rate::from_units(v, 4));
        }
        small.absorb();
        assert!(small.spilled());
        let n = values.len() as u64;
        let figures = |t: &Tally| t.distinct_and_ranks(n / 2 - 1, n / 2).unwrap();
        let mut sorted = values.clone();
        sorted.sort_unstable();
        let distinct = {
            let mut d = sorted.clone();
            d.dedup();
            d.len()
        };
        let expected = (distinct, sorted[n as usize / 2 - 1], sorted[n as usize / 2]);
        assert_eq!(figures(&small), expected);
        assert_eq!(figures(&big), expected);
        assert_eq!(figures(&small.clone()), expected);
    }
}
