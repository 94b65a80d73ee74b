//! [`PrefixIndex`]: which entry holds a prefix, in time that does not grow
//! with the deck.
//!
//! Nearly every key of a US deck is 1 + NPA, 1 + NPA-NXX or 1 + NPA-NXX-X.
//! Those three widths are direct-addressed over the numbering space (800,
//! 800,000 and 8,000,000 slots) by a bitset with a running count per
//! 64-bit word: a key's entry is the count of keys before its slot, one
//! load and one popcount, in 1.1 bits a slot (1.1 MB for every NPA-NXX-X)
//! and no memory per key. Every other key (another country's, a partial
//! NXX, a whole number) goes in an open-addressing table of entry indexes
//! (8 bytes a key). The deck keeps its entries grouped by width in that
//! order, each group sorted, so that a width's running count is its index
//! into its group.

use super::Entry;
use crate::ratesheet::Prefix;

/// Dialled lengths of the direct-addressed +1 widths, and their slots.
const WIDTHS: [(usize, usize); 3] = [(4, 800), (7, 800_000), (8, 8_000_000)];

/// Which of the four groups a prefix's entry is in: 0–2 the +1 widths of
/// [`WIDTHS`], 3 every other key.
pub(super) fn group(p: Prefix) -> usize {
    if p.is_nanp() {
        if let Some(g) = WIDTHS.iter().position(|&(len, _)| len == p.dialled_len()) {
            return g;
        }
    }
    3
}

/// The group and slot of a +1 prefix of a direct width, from its padded
/// digits (`1 NPA [NXX [X]]` then zeros to 15 digits): slots are numbered
/// from NPA 200. Constant divisors only: this is every lookup's first step.
#[inline]
fn slot(padded: u64, len: usize) -> Option<(usize, usize)> {
    // The digits after the leading 1, and how many of them.
    let (group, rest) = match len {
        4 => (0, padded / 100_000_000_000 - 1_000),
        7 => (1, padded / 100_000_000 - 1_000_000),
        8 => (2, padded / 10_000_000 - 10_000_000),
        _ => return None,
    };
    let first = [200, 200_000, 2_000_000][group];
    (rest >= first).then(|| (group, (rest - first) as usize))
}

/// A bitset over a width's slots, with the keys counted before each word.
#[derive(Debug, Default)]
struct Ranked {
    bits: Vec<u64>,
    before: Vec<u32>,
}

impl Ranked {
    fn new(slots: usize, keys: impl Iterator<Item = usize>) -> Ranked {
        let mut bits = vec![0u64; slots.div_ceil(64)];
        for s in keys {
            bits[s / 64] |= 1 << (s % 64);
        }
        let mut before = Vec::with_capacity(bits.len());
        let mut n = 0u32;
        for w in &bits {
            before.push(n);
            n += w.count_ones();
        }
        Ranked { bits, before }
    }

    #[inline]
    fn rank(&self, slot: usize) -> Option<u32> {
        let word = *self.bits.get(slot / 64)?;
        let bit = 1u64 << (slot % 64);
        (word & bit != 0).then(|| self.before[slot / 64] + (word & (bit - 1)).count_ones())
    }

    fn bytes(&self) -> usize {
        self.bits.capacity() * 8 + self.before.capacity() * 4
    }
}

/// Entry indexes of the keys that are not direct-addressed.
#[derive(Debug, Default)]
struct Table {
    /// `u32::MAX` for an empty slot; a power of two long.
    slots: Vec<u32>,
}

impl Table {
    fn hash(p: Prefix, bits: u32) -> usize {
        (p.packed().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    fn new(entries: &[Entry], base: usize) -> Table {
        if entries.len() == base {
            return Table::default();
        }
        let n = entries.len() - base;
        // At most half full.
        let size = (2 * n).next_power_of_two().max(4);
        let bits = size.trailing_zeros();
        let mut slots = vec![u32::MAX; size];
        for (i, e) in entries.iter().enumerate().skip(base) {
            let mut s = Table::hash(e.prefix, bits);
            while slots[s] != u32::MAX {
                s = (s + 1) & (size - 1);
            }
            slots[s] = i as u32;
        }
        Table { slots }
    }

    #[inline]
    fn find(&self, entries: &[Entry], p: Prefix) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut s = Table::hash(p, self.slots.len().trailing_zeros());
        loop {
            let i = *self.slots.get(s)?;
            if i == u32::MAX {
                return None;
            }
            if entries[i as usize].prefix == p {
                return Some(i as usize);
            }
            s = (s + 1) & mask;
        }
    }
}

/// See the module docs.
#[derive(Debug, Default)]
pub(super) struct PrefixIndex {
    widths: [Ranked; 3],
    /// Each group's first entry.
    base: [usize; 4],
    other: Table,
    /// Bit `n` set: some +1 key has `n` digits dialled.
    nanp_lengths: u16,
    /// Bit `n` set: some other country's key has `n` digits.
    other_lengths: u16,
}

impl PrefixIndex {
    /// Indexes `entries`, grouped by [`group`] in order and sorted within.
    pub(super) fn new(entries: &[Entry]) -> PrefixIndex {
        let base: [usize; 4] =
            std::array::from_fn(|g| entries.partition_point(|e| group(e.prefix) < g));
        let mut index = PrefixIndex {
            base,
            ..PrefixIndex::default()
        };
        for (g, &(_, slots)) in WIDTHS.iter().enumerate() {
            let group = &entries[base[g]..base[g + 1]];
            if !group.is_empty() {
                let keys = group
                    .iter()
                    .filter_map(|e| slot(e.prefix.padded(), e.prefix.dialled_len()))
                    .map(|(_, s)| s);
                index.widths[g] = Ranked::new(slots, keys);
            }
        }
        index.other = Table::new(entries, base[3]);
        for e in entries {
            let bit = 1u16 << e.prefix.dialled_len();
            if e.prefix.is_nanp() {
                index.nanp_lengths |= bit;
            } else {
                index.other_lengths |= bit;
            }
        }
        index
    }

    /// The entry whose prefix is `p`.
    #[inline]
    pub(super) fn get(&self, entries: &[Entry], p: Prefix) -> Option<usize> {
        if p.is_nanp() {
            if let Some((g, s)) = slot(p.padded(), p.dialled_len()) {
                return self.widths[g].rank(s).map(|r| self.base[g] + r as usize);
            }
        }
        self.other.find(entries, p)
    }

    /// The entry whose prefix is the longest one of `p`'s: at most one
    /// probe per key length the deck has.
    #[inline]
    pub(super) fn longest(&self, entries: &[Entry], p: Prefix) -> Option<usize> {
        let lengths = if p.is_nanp() {
            self.nanp_lengths
        } else {
            self.other_lengths
        };
        // Only the lengths the deck has, at most `p`'s own.
        let mut candidates = lengths & (u16::MAX >> (15 - p.dialled_len()));
        while candidates != 0 {
            let len = 15 - candidates.leading_zeros() as usize;
            candidates &= !(1 << len);
            if let Some(i) = self.get(entries, p.truncate(len)) {
                return Some(i);
            }
        }
        None
    }

    /// Each group's range of entries: start and end.
    pub(super) fn groups(&self, len: usize) -> [(usize, usize); 4] {
        std::array::from_fn(|g| (self.base[g], if g == 3 { len } else { self.base[g + 1] }))
    }

    /// Bytes held on the heap.
    pub(super) fn bytes(&self) -> usize {
        self.widths.iter().map(Ranked::bytes).sum::<usize>() + self.other.slots.capacity() * 4
    }
}
