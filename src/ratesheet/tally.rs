//! [`Tally`]: exact statistics of one rate column in one category, in
//! bounded memory.
//!
//! Every distinct rate is counted, with the places it was first written
//! with (on the earliest line: tallies of a deck's stretches, filled in any
//! order, merge to the same figures), in a small open-addressing table; every figure (rows, min, max,
//! mean, median, distinct rates) is derived from the counts when asked for.
//! Past [`DISTINCT_IN_MEMORY`] distinct rates, the table is written out as a
//! sorted run to a temporary file with no name (the system deletes it
//! when the tally is dropped or the process ends, however it ends) and
//! emptied, and the runs are merged when the figures are asked
//! for. Memory stays flat however many distinct rates a deck has; if no
//! temporary file can be written, the counts stay in memory, still exact.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use super::rate::Rate;

/// Distinct rates counted in memory before a run is spilled: a table small
/// enough to stay in cache, since every row of a column updates it.
pub(crate) const DISTINCT_IN_MEMORY: usize = 8 * 1024;
/// Bytes of one spilled entry: rate (16), count (8), first (8).
const ENTRY: usize = 32;
/// Bytes each run's reader holds while the runs are merged: small, so that
/// even thousands of runs (tens of millions of distinct rates) merge in a
/// few megabytes.
const RUN_BUFFER: usize = 40 * ENTRY;

/// One distinct rate: its value in units, its rows, and where it was first
/// written ([`First`]).
pub(crate) type Distinct = (i128, u64, First);

/// The line a rate was first written on and its places, in one word, the
/// line in the high bits: the smaller of two is the earlier.
pub(crate) type First = u64;

fn first(line: u64, places: u8) -> First {
    line.min(u64::MAX >> 8) << 8 | u64::from(places)
}

fn places_of(first: First) -> u8 {
    first as u8
}

#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Open addressing with linear probing; a slot with count 0 is free.
    rates: Vec<i128>,
    counts: Vec<u64>,
    first: Vec<First>,
    len: usize,
    spill: Option<Spill>,
    /// The runs of tallies merged into this one, read where they are.
    adopted: Vec<Spill>,
    spill_failed: bool,
    limit: usize,
}

/// Sorted runs written to a temporary file.
#[derive(Debug)]
struct Spill {
    /// Nameless: the system deletes it when the process ends, however it
    /// ends (an interrupted run leaves nothing behind).
    file: std::fs::File,
    /// (byte offset, entries) of each run.
    runs: Vec<(u64, u64)>,
    end: u64,
}

impl Clone for Tally {
    /// A clone holds every rate in memory (a spill file is not shared).
    fn clone(&self) -> Tally {
        let mut all = Tally::unbounded();
        let _ = self.for_each_distinct(|(rate, n, first)| all.insert(rate, n, first));
        all.limit = self.limit;
        all
    }
}

#[inline]
fn slot_of(rate: i128, mask: usize) -> usize {
    let folded = (rate as u64) ^ ((rate >> 64) as u64).rotate_left(32);
    (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20) as usize & mask
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

    /// A tally that never spills: the figures of a stretch of rows, whose
    /// distinct rates are at most its rows.
    pub(crate) fn unbounded() -> Tally {
        Tally {
            limit: usize::MAX,
            ..Tally::default()
        }
    }

    /// Counts `rate`, written on `line`.
    #[inline]
    pub(crate) fn add(&mut self, rate: Rate, line: u64) {
        self.insert(rate.units(), 1, first(line, rate.places()));
        self.spill_if_full();
    }

    /// Adds the counts of `other`, a tally of other rows of the deck: a
    /// rate in both keeps the places of its earlier line. Its runs on disk
    /// become this tally's, read where they are when the figures are.
    pub(crate) fn merge(&mut self, mut other: Tally) {
        self.adopted.extend(other.spill.take());
        self.adopted.append(&mut other.adopted);
        for (i, &n) in other.counts.iter().enumerate() {
            if n > 0 {
                self.insert(other.rates[i], n, other.first[i]);
                self.spill_if_full();
            }
        }
    }

    #[inline]
    fn spill_if_full(&mut self) {
        let limit = if self.limit == 0 {
            DISTINCT_IN_MEMORY
        } else {
            self.limit
        };
        if self.len > limit {
            self.spill();
        }
    }

    #[cold]
    fn spill(&mut self) {
        if !self.spill_failed && self.write_run().is_err() {
            self.spill_failed = true;
        }
    }

    #[inline]
    fn insert(&mut self, rate: i128, n: u64, first: First) {
        if self.len * 2 >= self.rates.len() {
            self.grow();
        }
        let mask = self.rates.len() - 1;
        let mut i = slot_of(rate, mask);
        loop {
            if self.counts[i] == 0 {
                self.rates[i] = rate;
                self.counts[i] = n;
                self.first[i] = first;
                self.len += 1;
                return;
            }
            if self.rates[i] == rate {
                self.counts[i] += n;
                self.first[i] = self.first[i].min(first);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let capacity = (self.rates.len() * 2).max(64);
        let (spill, adopted) = (self.spill.take(), std::mem::take(&mut self.adopted));
        let old = std::mem::replace(
            self,
            Tally {
                rates: vec![0; capacity],
                counts: vec![0; capacity],
                first: vec![0; capacity],
                len: 0,
                spill,
                adopted,
                spill_failed: self.spill_failed,
                limit: self.limit,
            },
        );
        for (i, &n) in old.counts.iter().enumerate() {
            if n > 0 {
                self.insert(old.rates[i], n, old.first[i]);
            }
        }
    }

    /// The in-memory counts, ascending by rate.
    fn sorted(&self) -> Vec<Distinct> {
        let mut run: Vec<Distinct> = (0..self.counts.len())
            .filter(|&i| self.counts[i] > 0)
            .map(|i| (self.rates[i], self.counts[i], self.first[i]))
            .collect();
        run.sort_unstable_by_key(|d| d.0);
        run
    }

    fn write_run(&mut self) -> io::Result<()> {
        let run = self.sorted();
        let spill = match &mut self.spill {
            Some(s) => s,
            None => self.spill.insert(Spill {
                file: tempfile::tempfile()?,
                runs: Vec::new(),
                end: 0,
            }),
        };
        let mut w = BufWriter::new(&mut spill.file);
        w.seek(SeekFrom::Start(spill.end))?;
        for &(rate, n, first) in &run {
            w.write_all(&rate.to_le_bytes())?;
            w.write_all(&n.to_le_bytes())?;
            w.write_all(&first.to_le_bytes())?;
        }
        w.flush()?;
        drop(w);
        let entries = run.len() as u64;
        spill.runs.push((spill.end, entries));
        spill.end += entries * ENTRY as u64;
        self.counts.iter_mut().for_each(|n| *n = 0);
        self.len = 0;
        Ok(())
    }

    /// Calls `f` with each distinct rate, ascending, merging the counts in
    /// memory and the runs on disk (a rate in several keeps the places of
    /// its earliest line).
    pub(crate) fn for_each_distinct(&self, f: impl FnMut(Distinct)) -> io::Result<()> {
        let mut sources: Vec<Source<'_>> = self
            .spill
            .iter()
            .chain(&self.adopted)
            .flat_map(runs_of)
            .collect();
        sources.push(Box::new(self.sorted().into_iter().map(Ok)));
        merge(sources, f)
    }

    /// The figures of the column: everything in one pass over the distinct
    /// rates (two for the median, which needs the count first).
    pub(crate) fn figures(&self) -> io::Result<Figures> {
        let mut fig = Figures::default();
        let mut sum: Option<i128> = Some(0);
        self.for_each_distinct(|(rate, n, first)| {
            let places = places_of(first);
            if fig.rows == 0 {
                fig.min = Rate::from_units(rate, places);
                fig.min_places = places;
            }
            fig.max = Rate::from_units(rate, places);
            fig.rows += n;
            fig.distinct += 1;
            fig.max_places = fig.max_places.max(places);
            fig.min_places = fig.min_places.min(places);
            sum = match (sum, rate.checked_mul(i128::from(n))) {
                (Some(s), Some(add)) => s.checked_add(add),
                _ => None,
            };
        })?;
        fig.sum = sum;
        if fig.rows > 0 {
            let (a, b) = if fig.rows % 2 == 1 {
                (fig.rows / 2, fig.rows / 2)
            } else {
                (fig.rows / 2 - 1, fig.rows / 2)
            };
            let mut seen = 0u64;
            self.for_each_distinct(|(rate, n, _)| {
                if (seen..seen + n).contains(&a) {
                    fig.median_low = rate;
                }
                if (seen..seen + n).contains(&b) {
                    fig.median_high = rate;
                }
                seen += n;
            })?;
        }
        Ok(fig)
    }

    /// Whether any run is on disk.
    #[cfg(test)]
    fn spilled(&self) -> bool {
        self.spill
            .iter()
            .chain(&self.adopted)
            .any(|s| !s.runs.is_empty())
    }

    /// Rows counted (no spill: for a quick check).
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0 && self.spill.is_none() && self.adopted.is_empty()
    }
}

/// What a tally's distinct rates give.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Figures {
    pub(crate) rows: u64,
    pub(crate) distinct: usize,
    /// The lowest and highest rates, as first written.
    pub(crate) min: Rate,
    pub(crate) max: Rate,
    pub(crate) min_places: u8,
    pub(crate) max_places: u8,
    /// `None` past the range of an `i128` of units.
    pub(crate) sum: Option<i128>,
    /// The two middle rates (the same one for an odd count).
    pub(crate) median_low: i128,
    pub(crate) median_high: i128,
}

/// Distinct rates, ascending, from memory or a spilled run.
type Source<'a> = Box<dyn Iterator<Item = io::Result<Distinct>> + 'a>;

/// A reader of each run on disk, all through one handle of the file.
fn runs_of(spill: &Spill) -> impl Iterator<Item = Source<'_>> {
    spill.runs.iter().map(|&(offset, entries)| -> Source<'_> {
        Box::new(RunReader {
            file: &spill.file,
            offset,
            left: entries,
            buf: Vec::new(),
            at: 0,
        })
    })
}

/// A k-way merge of ascending sources: each distinct rate once, its counts
/// summed, with the earliest of its firsts.
fn merge(mut sources: Vec<Source<'_>>, mut f: impl FnMut(Distinct)) -> io::Result<()> {
    let mut heap = BinaryHeap::with_capacity(sources.len());
    for (i, s) in sources.iter_mut().enumerate() {
        if let Some((rate, n, first)) = s.next().transpose()? {
            heap.push(Reverse((rate, i, n, first)));
        }
    }
    let mut current: Option<Distinct> = None;
    while let Some(Reverse((rate, i, n, first))) = heap.pop() {
        current = match current {
            Some((r, count, earliest)) if r == rate => Some((r, count + n, earliest.min(first))),
            Some(done) => {
                f(done);
                Some((rate, n, first))
            }
            None => Some((rate, n, first)),
        };
        if let Some((rate, n, first)) = sources[i].next().transpose()? {
            heap.push(Reverse((rate, i, n, first)));
        }
    }
    if let Some(done) = current {
        f(done);
    }
    Ok(())
}

/// One spilled run, entry by entry, read a few entries at a time at its
/// own offset.
struct RunReader<'a> {
    file: &'a std::fs::File,
    offset: u64,
    left: u64,
    buf: Vec<u8>,
    at: usize,
}

impl RunReader<'_> {
    fn refill(&mut self) -> io::Result<()> {
        let want = (RUN_BUFFER as u64).min(self.left * ENTRY as u64) as usize;
        self.buf.resize(want, 0);
        read_exact_at(self.file, &mut self.buf, self.offset)?;
        self.offset += want as u64;
        self.at = 0;
        Ok(())
    }
}

/// Reads `buf.len()` bytes at `offset`. Runs are read one refill at a
/// time, so moving the one handle's position is safe.
fn read_exact_at(mut file: &std::fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

impl Iterator for RunReader<'_> {
    type Item = io::Result<Distinct>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        if self.at == self.buf.len() {
            if let Err(e) = self.refill() {
                self.left = 0;
                return Some(Err(e));
            }
        }
        self.left -= 1;
        let entry = &self.buf[self.at..self.at + ENTRY];
        self.at += ENTRY;
        let mut rate = [0u8; 16];
        let (mut n, mut first) = ([0u8; 8], [0u8; 8]);
        rate.copy_from_slice(&entry[..16]);
        n.copy_from_slice(&entry[16..24]);
        first.copy_from_slice(&entry[24..32]);
        Some(Ok((
            i128::from_le_bytes(rate),
            u64::from_le_bytes(n),
            u64::from_le_bytes(first),
        )))
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
        for (line, &v) in (1..).zip(&values) {
            small.add(Rate::from_units(v, 4), line);
            big.add(Rate::from_units(v, 4), line);
        }
        assert!(small.spilled());
        let mut sorted = values.clone();
        sorted.sort_unstable();
        let n = sorted.len();
        let distinct = {
            let mut d = sorted.clone();
            d.dedup();
            d.len()
        };
        for t in [&small, &big, &small.clone()] {
            let f = t.figures().unwrap();
            assert_eq!(f.rows, n as u64);
            assert_eq!(f.distinct, distinct);
            assert_eq!(
                (f.median_low, f.median_high),
                (sorted[n / 2 - 1], sorted[n / 2])
            );
            assert_eq!((f.min.units(), f.max.units()), (sorted[0], sorted[n - 1]));
            assert_eq!(f.sum, Some(sorted.iter().sum()));
        }
    }

    #[test]
    fn tallies_of_stretches_merged_in_any_order_give_the_figures_of_one() {
        // Each rate is written with four places, and again later with six:
        // the four, written first, must win whatever the order of merging.
        let values: Vec<(u64, Rate)> = (0..30_000u64)
            .map(|i| {
                let units = i128::from((i * 7919) % 12_007);
                let places = if i < 15_000 { 4 } else { 6 };
                (i + 2, Rate::from_units(units, places))
            })
            .collect();
        let mut whole = Tally::with_limit(500);
        for &(line, rate) in &values {
            whole.add(rate, line);
        }
        // Stretches of 4,000 rows, each spilling past 700 distinct rates.
        let parts = || -> Vec<Tally> {
            values
                .chunks(4_000)
                .map(|stretch| {
                    let mut part = Tally::with_limit(700);
                    for &(line, rate) in stretch {
                        part.add(rate, line);
                    }
                    part
                })
                .collect()
        };
        let expected = whole.figures().unwrap();
        assert_eq!(expected.max_places, 4, "the first places are kept");
        let orders = [
            [0, 1, 2, 3, 4, 5, 6, 7],
            [7, 6, 5, 4, 3, 2, 1, 0],
            [3, 7, 0, 5, 1, 6, 2, 4],
        ];
        for order in orders {
            // Runs on disk adopted, and everything in memory.
            for mut merged in [Tally::with_limit(500), Tally::unbounded()] {
                let mut parts: Vec<Option<Tally>> = parts().into_iter().map(Some).collect();
                for i in order {
                    merged.merge(parts[i].take().unwrap());
                }
                assert!(merged.spilled());
                assert_eq!(merged.figures().unwrap(), expected, "{order:?}");
            }
            let mut in_memory = Tally::unbounded();
            for i in order {
                let mut part = Tally::unbounded();
                for &(line, rate) in &values[i * 4_000..((i + 1) * 4_000).min(values.len())] {
                    part.add(rate, line);
                }
                in_memory.merge(part);
            }
            assert!(!in_memory.spilled());
            assert_eq!(in_memory.figures().unwrap(), expected, "{order:?}");
        }
    }

    #[test]
    fn a_rate_keeps_the_places_it_was_first_written_with() {
        let mut t = Tally::default();
        t.add("0.00956".parse().unwrap(), 2);
        t.add("0.009560".parse().unwrap(), 3);
        t.add("0.0200".parse().unwrap(), 4);
        let f = t.figures().unwrap();
        assert_eq!(
            (f.min.to_string(), f.max.to_string()),
            ("0.00956".into(), "0.0200".into())
        );
        assert_eq!((f.min_places, f.max_places), (4, 5));
    }

    #[test]
    fn a_sum_past_the_range_of_units_is_no_mean_not_a_panic() {
        let mut t = Tally::default();
        let huge: Rate = "99999999999999".parse().unwrap();
        t.add(huge, 2);
        t.add(huge, 3);
        assert_eq!(t.figures().unwrap().sum, None);
    }
}
