//! The direct-addressed table behind [`Exchanges`](super::Exchanges).
//!
//! The layout Perl's Number::Phone uses for its NPA-NXX data: a 4-byte
//! slot per NPA-NXX holds the index of a deduplicated record, so a lookup
//! is a couple of array loads, with no hashing and no allocation. Slots
//! come in pages of 800 (NXX 200–999), one page per NPA present, found
//! through an 800-entry page table; a split NXX's slot points instead at
//! a row of eleven record indexes (the whole NXX, then blocks 0–9).
//! Strings are interned: a rate center or a company is stored once.
//! Records are deduplicated as they come, so loading holds no more than
//! the result and the maps that deduplicate it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use jiff::civil::Date;

use super::status::Status;

/// Slots per page: NXX 200–999.
const PAGE: usize = 800;
/// A page table entry for an NPA with no page.
const NO_PAGE: u32 = u32::MAX;
/// A slot's flag: the rest is a row of `blocks`.
const SPLIT: u32 = 1 << 31;
/// A row of `blocks`: the whole NXX, then blocks 0–9.
const ROW: usize = 11;

/// Statuses in their stored order; a stored status past them is an
/// unknown one, the rest its words' string id.
const KNOWN: [Status<'static>; 5] = [
    Status::InService,
    Status::Assigned,
    Status::Available,
    Status::Reserved,
    Status::NotAvailable,
];

/// One deduplicated record: everything about a code but the code itself,
/// in 32 bytes (string ids, a packed date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Record {
    status: u32,
    pub rate_center: u32,
    pub state: u32,
    pub company: u32,
    pub ocn: u32,
    pub lata: u32,
    /// `yyyymmdd`, 0 for none.
    effective: u32,
    /// The file it came from, an index into the loaded files.
    pub file: u16,
}

/// The multiply-rotate hash of rustc's `FxHasher`: loading hashes every
/// string of every row, and SipHash's protection against chosen
/// collisions buys nothing for a file the user chose to load.
#[derive(Debug, Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A code's file and line, while loading.
pub(crate) type Origin = (u16, u64);

/// The table, and while loading the maps that deduplicate it.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pages: Vec<u32>,
    slots: Vec<u32>,
    blocks: Vec<[u32; ROW]>,
    records: Vec<Record>,
    strings: Vec<Box<str>>,
    /// Loading only: each string's id, each record's index, and where
    /// each slot's (and block's) code came from.
    interned: FxMap<Box<str>, u32>,
    ids: FxMap<Record, u32>,
    origins: Vec<Origin>,
    block_origins: Vec<[Origin; ROW]>,
}

/// What a slot answers: a record index (whole NXX), or a split NXX's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Empty,
    Record(u32),
    Split(u32),
}

impl Record {
    pub(crate) fn new(status: u32, effective: Option<Date>, file: u16) -> Record {
        Record {
            status,
            rate_center: 0,
            state: 0,
            company: 0,
            ocn: 0,
            lata: 0,
            effective: effective.map_or(0, |d| {
                // Dates the parser gives are years 1000–9999.
                d.year() as u32 * 10_000 + d.month() as u32 * 100 + d.day() as u32
            }),
            file,
        }
    }

    pub(crate) fn effective(&self) -> Option<Date> {
        let e = self.effective;
        (e != 0)
            .then(|| Date::new((e / 10_000) as i16, (e / 100 % 100) as i8, (e % 100) as i8))?
            .ok()
    }
}

impl Store {
    pub(crate) fn new() -> Store {
        let mut store = Store {
            pages: vec![NO_PAGE; 800],
            ..Store::default()
        };
        store.intern(""); // id 0: no value
        store
    }

    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.interned.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.interned.insert(s.into(), id);
        id
    }

    /// How a status is stored (an unknown one's words interned).
    pub(crate) fn status_code(&mut self, status: Status<'_>) -> u32 {
        match KNOWN.iter().position(|k| *k == status) {
            Some(at) => at as u32,
            None => KNOWN.len() as u32 + self.intern(status.as_words()),
        }
    }

    /// The status a record stores.
    #[inline]
    pub(crate) fn status(&self, record: &Record) -> Status<'_> {
        match KNOWN.get(record.status as usize) {
            Some(known) => *known,
            None => Status::Unknown(self.str(record.status - KNOWN.len() as u32)),
        }
    }

    /// The string an id names.
    #[inline]
    pub(crate) fn str(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    #[inline]
    pub(crate) fn record(&self, id: u32) -> &Record {
        &self.records[id as usize]
    }

    /// The slot of `npa`-`nxx`, if its NPA has a page and `nxx` is 200–999.
    #[inline]
    fn slot_index(&self, npa: u16, nxx: u16) -> Option<usize> {
        let page = *self.pages.get(usize::from(npa).wrapping_sub(200))?;
        let nxx = usize::from(nxx).wrapping_sub(200);
        (page != NO_PAGE && nxx < PAGE).then(|| page as usize * PAGE + nxx)
    }

    #[inline]
    pub(crate) fn slot(&self, npa: u16, nxx: u16) -> Slot {
        match self.slot_index(npa, nxx).map(|i| self.slots[i]) {
            None | Some(0) => Slot::Empty,
            Some(s) if s & SPLIT != 0 => Slot::Split(s & !SPLIT),
            Some(s) => Slot::Record(s - 1),
        }
    }

    /// A split NXX's record for `block` (0–9), or for the whole NXX (`None`).
    #[inline]
    pub(crate) fn block(&self, row: u32, block: Option<u8>) -> Option<u32> {
        let at = block.map_or(0, |b| usize::from(b) + 1);
        match self.blocks[row as usize].get(at) {
            Some(&r) if r != 0 => Some(r - 1),
            _ => None,
        }
    }

    /// Stores `record` for `npa`-`nxx` (and `block`), from `origin`; `Err`
    /// with the origin of the code already there. A block over a whole
    /// NXX (or the reverse) splits the NXX: no conflict.
    pub(crate) fn insert(
        &mut self,
        npa: u16,
        nxx: u16,
        block: Option<u8>,
        record: Record,
        origin: Origin,
    ) -> Result<(), Origin> {
        let page_at = usize::from(npa) - 200;
        if self.pages[page_at] == NO_PAGE {
            self.pages[page_at] = (self.slots.len() / PAGE) as u32;
            self.slots.resize(self.slots.len() + PAGE, 0);
            self.origins.resize(self.slots.len(), (0, 0));
        }
        let at = self
            .slot_index(npa, nxx)
            .expect("a page exists and NXX is 200–999");
        let cell = block.map_or(0, |b| usize::from(b) + 1);
        let slot = self.slots[at];
        if slot & SPLIT != 0 {
            let row = (slot & !SPLIT) as usize;
            if self.blocks[row][cell] != 0 {
                return Err(self.block_origins[row][cell]);
            }
            self.blocks[row][cell] = self.id(record) + 1;
            self.block_origins[row][cell] = origin;
            return Ok(());
        }
        match (slot, block) {
            (0, None) => {
                self.slots[at] = self.id(record) + 1;
                self.origins[at] = origin;
            }
            (_, None) => return Err(self.origins[at]),
            (whole, Some(_)) => {
                // The NXX splits: its whole record (if any) leads the row.
                let mut row = [0; ROW];
                let mut row_origins = [(0, 0); ROW];
                (row[0], row_origins[0]) = (whole, self.origins[at]);
                (row[cell], row_origins[cell]) = (self.id(record) + 1, origin);
                self.slots[at] = SPLIT | self.blocks.len() as u32;
                self.blocks.push(row);
                self.block_origins.push(row_origins);
            }
        }
        Ok(())
    }

    /// The index of `record`, stored once.
    fn id(&mut self, record: Record) -> u32 {
        let next = self.records.len() as u32;
        let id = *self.ids.entry(record).or_insert(next);
        if id == next {
            self.records.push(record);
        }
        id
    }

    /// Drops what only loading needed.
    pub(crate) fn finish(&mut self) {
        self.interned = FxMap::default();
        self.ids = FxMap::default();
        self.origins = Vec::new();
        self.block_origins = Vec::new();
        self.records.shrink_to_fit();
        self.slots.shrink_to_fit();
        self.blocks.shrink_to_fit();
        self.strings.shrink_to_fit();
    }

    /// Every code present, in order: `(npa, nxx, block, record)`.
    pub(crate) fn codes(&self) -> impl Iterator<Item = (u16, u16, Option<u8>, u32)> + '_ {
        self.pages
            .iter()
            .enumerate()
            .filter(|(_, &p)| p != NO_PAGE)
            .flat_map(move |(npa_at, &page)| {
                let npa = npa_at as u16 + 200;
                let page = &self.slots[page as usize * PAGE..][..PAGE];
                page.iter().enumerate().flat_map(move |(nxx_at, &s)| {
                    let nxx = nxx_at as u16 + 200;
                    let row: [u32; ROW] = match s {
                        0 => [0; ROW],
                        s if s & SPLIT != 0 => self.blocks[(s & !SPLIT) as usize],
                        s => {
                            let mut row = [0; ROW];
                            row[0] = s;
                            row
                        }
                    };
                    (0..ROW as u8).filter_map(move |at| {
                        let r = row[usize::from(at)];
                        (r != 0).then(|| (npa, nxx, at.checked_sub(1), r - 1))
                    })
                })
            })
    }

    /// Bytes held on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.pages.capacity() * 4
            + self.slots.capacity() * 4
            + self.blocks.capacity() * size_of::<[u32; ROW]>()
            + self.records.capacity() * size_of::<Record>()
            + self.strings.capacity() * size_of::<Box<str>>()
            + self.strings.iter().map(|s| s.len()).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Record>(), 32);
    }

    #[test]
    fn dates_pack_and_unpack() {
        let d = jiff::civil::date(2024, 11, 15);
        assert_eq!(Record::new(0, Some(d), 0).effective(), Some(d));
        assert_eq!(Record::new(0, None, 0).effective(), None);
    }
}
