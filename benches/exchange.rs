//! Exchanges: lookup beside a `HashMap` of the same rows, and loading.
//!
//! - `get`: every code of a set, in a fixed shuffled order, through
//!   `Exchanges::get` (two array loads and the record's fields) and through
//!   a std `HashMap<u32, Exchange>` keyed `npa * 1000 + nxx` holding the
//!   very same exchanges, built before timing. Each lookup reads the
//!   status and the OCN's length, so neither can be optimised away. Two
//!   sets: the real CNAC file (44,000 codes, in `tests/data`) and a
//!   synthetic NANPA file of 250,000 codes (`benches/support`).
//! - `load`: building an `Exchanges` from each file's bytes in memory.
//!
//! Run: `cargo bench --bench exchange` (add `-- --warm-up-time 1
//! --measurement-time 3` for a quick run). The heap each set holds is
//! printed before the groups run.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nanp_lerg::exchange::{Exchange, Exchanges};
use nanp_lerg::Directory;

#[path = "support/synthetic_exchanges.rs"]
mod synthetic_exchanges;

const CNAC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/exchanges/cnac-co-codes-2024-10-10.csv"
);

/// Fisher–Yates with xorshift64: the same order on every run and machine.
fn shuffled<T>(mut items: Vec<T>) -> Vec<T> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
    items
}

fn load(name: &str, bytes: &[u8], dir: &Directory) -> Exchanges {
    let mut builder = Exchanges::builder(dir);
    builder.read(name, bytes, None);
    builder.build().expect("the set loads")
}

/// What every contender reads from the exchange it found.
#[inline(always)]
fn touch(e: &Exchange<'_>) -> usize {
    e.ocn.map_or(0, str::len) + usize::from(e.status.is_in_service())
}

fn bench(c: &mut Criterion) {
    let dir = Directory::builtin();
    let cnac = std::fs::read(CNAC).expect("tests/data holds the CNAC file");
    let synthetic = synthetic_exchanges::nanpa_utilized(250_000).into_bytes();
    let sets = [("cnac_44k", &cnac), ("synthetic_250k", &synthetic)];

    for (name, bytes) in sets {
        let exchanges = load(name, bytes, &dir);
        eprintln!(
            "{name}: {} codes, {} bytes on the heap ({:.1} per code)",
            exchanges.len(),
            exchanges.heap_bytes(),
            exchanges.heap_bytes() as f64 / exchanges.len() as f64
        );
        let hash: HashMap<u32, Exchange<'_>> = exchanges
            .iter()
            .map(|e| (u32::from(e.npa.get()) * 1000 + u32::from(e.nxx), e))
            .collect();
        let codes: Vec<(u16, u16)> =
            shuffled(exchanges.iter().map(|e| (e.npa.get(), e.nxx)).collect());
        // Both find the same exchange for every code (not a timing).
        for &(npa, nxx) in &codes {
            let key = u32::from(npa) * 1000 + u32::from(nxx);
            assert_eq!(exchanges.get(npa, nxx).as_ref(), hash.get(&key));
        }

        let mut g = c.benchmark_group(format!("get/{name}"));
        g.throughput(Throughput::Elements(codes.len() as u64));
        g.bench_function("Exchanges::get", |b| {
            b.iter(|| {
                let mut sum = 0;
                for &(npa, nxx) in black_box(codes.as_slice()) {
                    if let Some(e) = exchanges.get(npa, nxx) {
                        sum += touch(&e);
                    }
                }
                sum
            })
        });
        g.bench_function("std_hashmap", |b| {
            b.iter(|| {
                let hash = black_box(&hash);
                let mut sum = 0;
                for &(npa, nxx) in black_box(codes.as_slice()) {
                    if let Some(e) = hash.get(&(u32::from(npa) * 1000 + u32::from(nxx))) {
                        sum += touch(e);
                    }
                }
                sum
            })
        });
        g.finish();
    }

    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    for (name, bytes) in sets {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| load(name, black_box(bytes), &dir).len())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
