//! NPA lookup: the crate's direct-address table beside the alternatives, in
//! one criterion group, over the same shuffled sequence of all 450 NPAs.
//!
//! - `nanp_lerg::lookup`: slot NPA − 200 of an 800-slot table built at
//!   compile time (what the crate ships).
//! - `array`: the floor, a `[Option<&NpaRecord>; 800]` built at run time and
//!   indexed the same way.
//! - `phf_map`: a compile-time `phf::Map<u16, u16>` (NPA → record index), from
//!   `build.rs` (`OUT_DIR/bench_phf.rs`).
//! - `std_hashmap`: `std::collections::HashMap<u16, &NpaRecord>` (SipHash)
//!   built at run time.
//! - `btreemap`: `BTreeMap<u16, &NpaRecord>` built at run time.
//!
//! Maps and arrays are built before timing. Each iteration looks up all 450
//! NPAs in a fixed pseudo-random order and sums a field of every record, so
//! neither the lookups nor the loads can be optimised away.
//!
//! A second group, `classify`, times `nanp_lerg::classify` over all 800 codes
//! 200–999, shuffled the same way.
//!
//! Run: `cargo bench --bench lookup` (add `-- --warm-up-time 1
//! --measurement-time 3` for a quick run).

use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nanp_lerg::{Classification, NpaRecord};

include!(concat!(env!("OUT_DIR"), "/bench_phf.rs"));

/// Fisher–Yates with xorshift64: the same order on every run and machine.
fn shuffled<T>(mut items: Vec<T>) -> Vec<T> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    items
}

/// What every contender reads from the record it found.
#[inline(always)]
fn touch(r: &NpaRecord) -> u32 {
    u32::from(r.npa.get())
}

fn lookup(c: &mut Criterion) {
    let records: &'static [NpaRecord] = nanp_lerg::records().as_slice();
    let npas: Vec<u16> = shuffled(records.iter().map(|r| r.npa.get()).collect());
    assert_eq!(npas.len(), 450);

    let mut array: [Option<&'static NpaRecord>; 800] = [None; 800];
    for r in records {
        array[usize::from(r.npa.get() - 200)] = Some(r);
    }
    let hash: HashMap<u16, &'static NpaRecord> = records.iter().map(|r| (r.npa.get(), r)).collect();
    let btree: BTreeMap<u16, &'static NpaRecord> =
        records.iter().map(|r| (r.npa.get(), r)).collect();

    // Every contender finds the same record for every NPA (not a timing).
    for &npa in &npas {
        let ours = nanp_lerg::lookup(npa).expect("every listed NPA is found");
        let phf = &records[usize::from(*PHF_BY_NPA.get(&npa).expect("in phf"))];
        assert!(std::ptr::eq(ours, phf));
        assert!(std::ptr::eq(ours, array[usize::from(npa - 200)].unwrap()));
        assert!(std::ptr::eq(ours, hash[&npa]));
        assert!(std::ptr::eq(ours, btree[&npa]));
    }

    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Elements(npas.len() as u64));

    g.bench_function("nanp_lerg::lookup", |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &npa in black_box(npas.as_slice()) {
                if let Some(r) = nanp_lerg::lookup(npa) {
                    sum += touch(r);
                }
            }
            sum
        })
    });
    g.bench_function("array", |b| {
        b.iter(|| {
            let array = black_box(&array);
            let mut sum = 0u32;
            for &npa in black_box(npas.as_slice()) {
                if let Some(Some(r)) = array.get(usize::from(npa.wrapping_sub(200))) {
                    sum += touch(r);
                }
            }
            sum
        })
    });
    g.bench_function("phf_map", |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &npa in black_box(npas.as_slice()) {
                if let Some(&i) = PHF_BY_NPA.get(&npa) {
                    sum += touch(&records[usize::from(i)]);
                }
            }
            sum
        })
    });
    g.bench_function("std_hashmap", |b| {
        b.iter(|| {
            let hash = black_box(&hash);
            let mut sum = 0u32;
            for &npa in black_box(npas.as_slice()) {
                if let Some(r) = hash.get(&npa) {
                    sum += touch(r);
                }
            }
            sum
        })
    });
    g.bench_function("btreemap", |b| {
        b.iter(|| {
            let btree = black_box(&btree);
            let mut sum = 0u32;
            for &npa in black_box(npas.as_slice()) {
                if let Some(r) = btree.get(&npa) {
                    sum += touch(r);
                }
            }
            sum
        })
    });
    g.finish();
}

fn classify(c: &mut Criterion) {
    let codes: Vec<u16> = shuffled((200..=999).collect());
    let mut g = c.benchmark_group("classify");
    g.throughput(Throughput::Elements(codes.len() as u64));
    g.bench_function("nanp_lerg::classify", |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &code in black_box(codes.as_slice()) {
                sum += match nanp_lerg::classify(code) {
                    Classification::Geographic(r) => touch(r),
                    Classification::NonGeographic(s) => s as u32,
                    Classification::Reserved(r) => r as u32 + 16,
                    Classification::Unassigned => 32,
                    Classification::Invalid => 64,
                };
            }
            sum
        })
    });
    g.finish();
}

criterion_group!(benches, lookup, classify);
criterion_main!(benches);
