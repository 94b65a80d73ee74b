//! [`RateDeck`]: a whole deck in memory, each code with its rates by kind,
//! found by longest-prefix match.

mod index;
mod packed;

use std::io::{self, Read};

use jiff::civil::Date;

use super::{
    Destination, DetectError, Detection, Increment, OpenError, Options, Prefix, Rate, RateKind,
    Reader, RejectReason, Summary,
};
use crate::{Classification, Directory};
use index::PrefixIndex;
use packed::{PackedDate, PackedLine, PackedRate};

/// One code as the deck holds it: 48 bytes.
#[derive(Debug, Clone, Copy)]
struct Entry {
    prefix: Prefix,
    /// Indexed by [`RateKind::index`].
    rates: [PackedRate; 4],
    effective: PackedDate,
    /// The line of the row it came from, and its billing increment.
    line: PackedLine,
}

/// A rate deck loaded whole: every code (normalized as [`Prefix`]) with
/// its rates by [`RateKind`], effective date and line, found by exact code
/// or by longest-prefix match in time that does not grow with the deck.
///
/// Loading reads the deck through [`Reader`], so every row is accepted,
/// rejected (with its line and reason) or non-NANP, and [`RateDeck::summary`]
/// has the counts, which add up. Other countries' rows (an A–Z deck's) are
/// priced too, their codes kept as dialled. A rate column's kind comes from
/// the reader's detection ([`Options::rate_kinds`] has the rule); a column
/// without one is not held. A key on two rows is held once: **the first row
/// wins**, and the later ones are counted ([`RateDeck::duplicates`]); with
/// [`Duplicates::Reject`](super::Duplicates::Reject) they are rejected rows
/// instead.
///
/// # Memory
///
/// 48 bytes a code (its prefix, four rates of eight bytes, date and line),
/// plus 1.1 MB for the index of every NPA-NXX-X if the deck has any, and 8
/// bytes a code not keyed by 1 + NPA, NPA-NXX or NPA-NXX-X: a
/// million-row NPA-NXX-X deck holds about 52 MB ([`RateDeck::heap_bytes`]).
///
/// # Examples
///
/// ```
/// use nanp_lerg::ratesheet::{Options, Prefix, RateDeck, RateKind};
/// use nanp_lerg::Directory;
///
/// let deck = "prefix,inter,intra,effective\n\
///             1201,0.0100,0.0200,2025-07-01\n\
///             1201555,0.0050,0.0060,7/1/25\n\
///             44,0.0062,,2025-07-01\n";
/// let dir = Directory::builtin();
/// let deck = RateDeck::load(deck.as_bytes(), Options::default(), &dir).unwrap();
/// assert_eq!(deck.len(), 3);
/// assert_eq!(deck.kinds(), [RateKind::Inter, RateKind::Intra]);
///
/// // The longest code the number starts with wins.
/// let m = deck.best_match("+1 201-555-0100").unwrap();
/// assert_eq!(m.prefix().to_string(), "201555");
/// assert_eq!(m.rate(RateKind::Inter).unwrap().to_string(), "0.0050");
/// assert_eq!(m.effective(), Some(jiff::civil::date(2025, 7, 1)));
/// let m = deck.best_match("12012000100").unwrap();
/// assert_eq!(m.prefix().to_string(), "201");
/// assert_eq!(m.rate(RateKind::Intra).unwrap().to_string(), "0.0200");
/// assert_eq!(deck.best_match("442079460958").unwrap().line(), 4);
/// assert!(deck.best_match("12125550100").is_none());
///
/// // Every row is accounted for.
/// let s = deck.summary();
/// assert_eq!((s.rows_read(), s.accepted(), s.non_nanp(), s.rejected()), (3, 2, 1, 0));
/// ```
///
/// # Errors
///
/// [`RateDeck::load`] fails as [`Reader::new`] does, when the deck is not
/// a table at all; when no rate column has a kind
/// ([`DetectError::NoRateKind`]); and when reading fails part way
/// ([`OpenError::Io`], naming the line): a deck read in part is not held.
#[derive(Debug)]
pub struct RateDeck<'d> {
    directory: &'d Directory,
    detection: Detection,
    summary: Summary,
    kinds: Vec<RateKind>,
    duplicates: u64,
    /// Grouped as [`index::group`] says, each group sorted.
    entries: Vec<Entry>,
    /// Rates too long to pack.
    spill: Vec<Rate>,
    /// The distinct billing increments of the deck's rows, at most 255.
    increments: Vec<Increment>,
    index: PrefixIndex,
}

impl<'d> RateDeck<'d> {
    /// Reads a whole deck; see the [type docs](RateDeck). `options` are the
    /// reader's, with [`Options::price_non_nanp`] always on.
    ///
    /// # Errors
    ///
    /// See the [type docs](RateDeck#errors).
    pub fn load<R: Read>(
        input: R,
        mut options: Options,
        directory: &'d Directory,
    ) -> Result<RateDeck<'d>, OpenError> {
        options.price_non_nanp = true;
        let mut reader = Reader::new(input, options, directory)?;
        let detection = reader.detection().clone();
        // Where each kind's rate is in a row's rates.
        let columns: Vec<(usize, RateKind)> = detection
            .rate_columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, c.kind?)))
            .collect();
        if columns.is_empty() {
            return Err(DetectError::NoRateKind {
                columns: detection.rate_columns.len(),
            }
            .into());
        }
        let mut kinds: Vec<RateKind> = columns.iter().map(|&(_, k)| k).collect();
        kinds.sort_unstable();
        let mut summary = Summary::new(&detection);
        let mut entries = Vec::new();
        let mut spill = Vec::new();
        let mut increments: Vec<Increment> = Vec::new();
        let mut duplicates = 0;
        while let Some(row) = reader.next_row() {
            summary.add(&row);
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    if let RejectReason::ReadError(message) = e.reason() {
                        let message = format!("line {}: {message}", e.line());
                        return Err(OpenError::Io(io::Error::other(message)));
                    }
                    continue;
                }
            };
            if row.duplicate_of.is_some() {
                duplicates += 1;
                continue;
            }
            let Some(prefix) = Prefix::from_key(row.npa.is_some(), row.key) else {
                continue;
            };
            let mut rates = [PackedRate::NONE; 4];
            for &(i, kind) in &columns {
                rates[kind.index()] = PackedRate::pack(row.rates[i], &mut spill);
            }
            let increment = match row.increment {
                None => 0,
                Some(inc) => match increments.iter().position(|i| *i == inc) {
                    Some(at) => at + 1,
                    None if increments.len() < usize::from(u8::MAX) => {
                        increments.push(inc);
                        increments.len()
                    }
                    None => {
                        let message = format!(
                            "line {}: more than {} distinct billing increments",
                            row.line,
                            u8::MAX
                        );
                        return Err(OpenError::Io(io::Error::other(message)));
                    }
                },
            };
            entries.push(Entry {
                prefix,
                rates,
                effective: PackedDate::pack(row.effective),
                line: PackedLine::pack(row.line, increment as u8),
            });
        }
        summary.finish(&reader);
        sort(&mut entries);
        entries.shrink_to_fit();
        let index = PrefixIndex::new(&entries);
        Ok(RateDeck {
            directory,
            detection,
            summary,
            kinds,
            duplicates,
            entries,
            spill,
            increments,
            index,
        })
    }

    /// Codes held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no code is held (every row was rejected).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The kinds of rate the deck holds, in [`RateKind::ALL`] order.
    pub fn kinds(&self) -> &[RateKind] {
        &self.kinds
    }

    /// Whether the deck holds rates of `kind`.
    pub fn has_kind(&self, kind: RateKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// What the reader detected, including which rate column became which
    /// kind ([`Detection::rate_columns`]).
    pub fn detection(&self) -> &Detection {
        &self.detection
    }

    /// The deck's figures: every row read, accepted, rejected or non-NANP.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Rows not held because their code is on an earlier row (the first
    /// row of a code wins).
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// The directory the deck was categorized with.
    pub fn directory(&self) -> &'d Directory {
        self.directory
    }

    /// Where calls to `prefix` go, by the deck's directory: `None` for a +1
    /// code whose NPA is not in service (a deck never holds one).
    pub fn destination(&self, prefix: Prefix) -> Option<Destination<'d>> {
        if !prefix.is_nanp() {
            return Some(Destination::NonNanp);
        }
        match self.directory.classify(prefix.npa()?.get()) {
            Classification::Geographic(r) => Some(Destination::Geographic(r)),
            Classification::NonGeographic(s) => Some(Destination::NonGeographic(s)),
            _ => None,
        }
    }

    /// The code `prefix` exactly.
    pub fn get(&self, prefix: Prefix) -> Option<DeckEntry<'_>> {
        let i = self.index.get(&self.entries, prefix)?;
        Some(self.entry(i))
    }

    /// The longest code of the deck that `prefix` starts with (`prefix`
    /// itself if the deck has it).
    pub fn longest_match(&self, prefix: Prefix) -> Option<DeckEntry<'_>> {
        let i = self.index.longest(&self.entries, prefix)?;
        Some(self.entry(i))
    }

    /// The longest code of the deck that the dialled `number` starts with:
    /// its digits as [`Prefix::dialled`] reads them (internationally, so a
    /// +1 number starts with its 1: `12015550100`; `2015550100` is dialled
    /// to +20, Egypt). `None` when no code matches or `number` is not a
    /// dial string of at most 15 digits.
    ///
    /// At most one probe per key length the deck has, each a constant-time
    /// lookup: the time does not grow with the deck.
    ///
    /// # Examples
    ///
    /// ```
    /// use nanp_lerg::ratesheet::{Options, RateDeck, RateKind};
    /// use nanp_lerg::Directory;
    ///
    /// let dir = Directory::builtin();
    /// let deck = "npa,nxx,inter,intra\n201,555,0.0050,0.0060\n907,200,0.0120,0.0130\n";
    /// let deck = RateDeck::load(deck.as_bytes(), Options::default(), &dir).unwrap();
    /// let m = deck.best_match("1 (201) 555-0100").unwrap();
    /// assert_eq!(m.prefix().international(), "1201555");
    /// assert_eq!(m.rate(RateKind::Intra).unwrap().to_string(), "0.0060");
    /// assert!(deck.best_match("12015560100").is_none(), "no code of 201-556");
    /// assert!(deck.best_match("not a number").is_none());
    /// ```
    pub fn best_match(&self, number: &str) -> Option<DeckEntry<'_>> {
        self.longest_match(Prefix::dialled(number)?)
    }

    /// Every code, in [`Prefix`] order.
    pub fn iter(&self) -> impl Iterator<Item = DeckEntry<'_>> + '_ {
        Merge::new(&self.entries, self.index.groups(self.entries.len())).map(move |i| self.entry(i))
    }

    /// Bytes the deck's codes and index hold on the heap (its summary
    /// aside, which is small and flat).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.spill.capacity() * std::mem::size_of::<Rate>()
            + self.index.bytes()
            + self.kinds.capacity()
    }

    fn entry(&self, i: usize) -> DeckEntry<'_> {
        DeckEntry {
            entry: &self.entries[i],
            spill: &self.spill,
            increments: &self.increments,
        }
    }
}

/// Orders entries by group (see [`index::group`]), then by prefix. A deck
/// is usually sorted, or nearly (a sorted deck with a few rows appended):
/// the sorted run is found, the rest sorted and merged into it from the
/// back, with no copy of the run.
fn sort(entries: &mut Vec<Entry>) {
    let key = |e: &Entry| ((index::group(e.prefix) as u64) << 60) | e.prefix.packed();
    let run = entries
        .windows(2)
        .position(|w| key(&w[0]) > key(&w[1]))
        .map_or(entries.len(), |i| i + 1);
    if run == entries.len() {
        return;
    }
    // Past an eighth out of order, sorting in place costs no memory.
    if (entries.len() - run) * 8 > entries.len() {
        entries.sort_unstable_by_key(key);
        return;
    }
    let mut tail = entries.split_off(run);
    tail.sort_unstable_by_key(key);
    // Merge from the back into the space after the run.
    let (mut i, mut j) = (run, tail.len());
    entries.extend_from_slice(&tail);
    let mut k = entries.len();
    while j > 0 {
        k -= 1;
        if i > 0 && key(&entries[i - 1]) > key(&tail[j - 1]) {
            entries[k] = entries[i - 1];
            i -= 1;
        } else {
            entries[k] = tail[j - 1];
            j -= 1;
        }
    }
}

/// One code of a [`RateDeck`]: its prefix, its rate of each kind, its
/// effective date and the line it came from.
#[derive(Debug, Clone, Copy)]
pub struct DeckEntry<'a> {
    entry: &'a Entry,
    spill: &'a [Rate],
    increments: &'a [Increment],
}

impl DeckEntry<'_> {
    /// The code.
    pub fn prefix(&self) -> Prefix {
        self.entry.prefix
    }

    /// The rate of `kind`: `None` when the deck has no such kind or the
    /// row's field was empty.
    #[inline]
    pub fn rate(&self, kind: RateKind) -> Option<Rate> {
        self.entry.rates[kind.index()].unpack(self.spill)
    }

    /// Every kind's rate, indexed by [`RateKind::index`].
    pub fn rates(&self) -> [Option<Rate>; 4] {
        RateKind::ALL.map(|k| self.rate(k))
    }

    /// The effective date, if the row had one.
    pub fn effective(&self) -> Option<Date> {
        self.entry.effective.unpack()
    }

    /// The row's 1-based line in the file.
    pub fn line(&self) -> u64 {
        self.entry.line.line()
    }

    /// The row's billing increment, when the deck has increment columns
    /// ([`Detection::increment`]) and the row gave one.
    #[inline]
    pub fn increment(&self) -> Option<Increment> {
        let at = self.entry.line.increment();
        (at > 0).then(|| self.increments[usize::from(at) - 1])
    }
}

/// Entry indexes in prefix order: a merge of the sorted groups.
struct Merge<'a> {
    entries: &'a [Entry],
    /// Each group's next entry and end.
    cursors: [(usize, usize); 4],
}

impl<'a> Merge<'a> {
    fn new(entries: &'a [Entry], groups: [(usize, usize); 4]) -> Merge<'a> {
        Merge {
            entries,
            cursors: groups,
        }
    }
}

impl Iterator for Merge<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let (g, _) = self
            .cursors
            .iter()
            .enumerate()
            .filter(|(_, (next, end))| next < end)
            .min_by_key(|(_, (next, _))| self.entries[*next].prefix)?;
        let i = self.cursors[g].0;
        self.cursors[g].0 += 1;
        Some(i)
    }
}

// The memory the type docs state.
const _: () = assert!(std::mem::size_of::<Entry>() == 48);

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(digits: &str) -> Entry {
        Entry {
            prefix: Prefix::dialled(digits).unwrap(),
            rates: [PackedRate::NONE; 4],
            effective: PackedDate::pack(None),
            line: packed::PackedLine::pack(0, 0),
        }
    }

    #[test]
    fn a_sorted_run_with_a_tail_is_merged_into_order() {
        let run = [
            "1201", "1212", "1201200", "1201300", "1907555", "12012001", "44",
        ];
        for tail in [
            vec![],
            vec!["1202"],
            vec!["33", "1201250", "1999"],
            vec!["1200"],
        ] {
            let mut entries: Vec<Entry> = run.iter().chain(&tail).map(|d| entry(d)).collect();
            let mut expected = entries.clone();
            expected.sort_by_key(|e| ((index::group(e.prefix) as u64) << 60) | e.prefix.packed());
            sort(&mut entries);
            let got: Vec<Prefix> = entries.iter().map(|e| e.prefix).collect();
            let want: Vec<Prefix> = expected.iter().map(|e| e.prefix).collect();
            assert_eq!(got, want, "tail {tail:?}");
        }
    }
}
