//! `RateDeck`: longest-prefix match beside exact-key hash maps, at two deck
//! sizes; and loading a deck beside streaming it.
//!
//! Lookups (group `deck_lookup`): 4,096 numbers, each an NPA-NXX-X code of
//! the deck with four more digits (`1` + 10 digits + 1, as a CDR's called
//! number is matched), in a fixed shuffled order; per number:
//!
//! - `hashmap_u64_exact` / `hashmap_string_exact`: a std `HashMap` of the
//!   deck's codes (as `u64`, as `String`) asked for the code exactly: the
//!   usual way to price a deck keyed by NPA-NXX-X, which cannot match a
//!   shorter code;
//! - `get_exact`: `RateDeck::get` of the code;
//! - `longest_match`: `RateDeck::longest_match` of the whole number (a
//!   parsed `Prefix`), falling to the longest code it starts with;
//! - `best_match`: the same from the number as text (`&str`).
//!
//! Each at 10,000 and 1,000,000 codes: the time must not grow with the
//! deck (apart from cache misses).
//!
//! Loading (group `deck_load_1m`): the 1,000,000-row deck of
//! `benches/ratesheet.rs`, in memory: `Reader` alone; `Reader` + `Summary`
//! (the reading half of `nanp categorize`); `RateDeck::load`.
//!
//! Run: `cargo bench --bench deck`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nanp_lerg::ratesheet::{Options, Prefix, RateDeck, RateKind, Reader, Summary};
use nanp_lerg::Directory;

/// A deck of `rows` NPA-NXX-X codes spread over every NPA, with the
/// international codes it holds.
fn deck(rows: usize) -> (String, Vec<String>) {
    let npas: Vec<u16> = nanp_lerg::records().map(|r| r.npa.get()).collect();
    let per_npa = rows.div_ceil(npas.len());
    let mut s = String::from("prefix,rate (inter),intrastate,indeterminate,effective\n");
    let mut codes = Vec::with_capacity(rows);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let npa = npas[i / per_npa];
        let j = i % per_npa;
        let code = format!("1{npa}{}{}", 200 + j / 10, j % 10);
        let rate = 10 + (x >> 20) % 2000;
        let _ = writeln!(s, "{code},0.{rate:04},0.{rate:04},0.{rate:04},2025-07-01");
        codes.push(code);
    }
    (s, codes)
}

/// 4,096 numbers: deck codes in a shuffled order, each with four digits more.
fn numbers(codes: &[String]) -> Vec<String> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..4096)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let code = &codes[(x % codes.len() as u64) as usize];
            format!("{code}{:04}", i % 10_000)
        })
        .collect()
}

fn lookup(c: &mut Criterion) {
    let dir = Directory::builtin();
    let mut g = c.benchmark_group("deck_lookup");
    g.throughput(Throughput::Elements(4096));
    for rows in [10_000, 1_000_000] {
        let (text, codes) = deck(rows);
        let deck = RateDeck::load(text.as_bytes(), Options::default(), &dir).unwrap();
        let numbers = numbers(&codes);
        let prefixes: Vec<Prefix> = numbers
            .iter()
            .map(|n| Prefix::dialled(n).unwrap())
            .collect();
        // The code each number was made from: its first eight digits.
        let exact: Vec<&str> = numbers.iter().map(|n| &n[..8]).collect();
        let exact_u64: Vec<u64> = exact.iter().map(|c| c.parse().unwrap()).collect();
        let exact_prefix: Vec<Prefix> = exact.iter().map(|c| Prefix::dialled(c).unwrap()).collect();
        let by_u64: HashMap<u64, usize> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.parse().unwrap(), i))
            .collect();
        let by_string: HashMap<String, usize> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect();

        g.bench_with_input(
            BenchmarkId::new("hashmap_u64_exact", rows),
            &exact_u64,
            |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter_map(|k| by_u64.get(black_box(k)))
                        .sum::<usize>()
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("hashmap_string_exact", rows),
            &exact,
            |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter_map(|k| by_string.get(black_box(*k)))
                        .sum::<usize>()
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("get_exact", rows),
            &exact_prefix,
            |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter_map(|k| deck.get(black_box(*k)))
                        .map(|e| e.line())
                        .sum::<u64>()
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("longest_match", rows),
            &prefixes,
            |b, keys| {
                b.iter(|| {
                    keys.iter()
                        .filter_map(|k| deck.longest_match(black_box(*k)))
                        .filter_map(|e| e.rate(RateKind::Inter))
                        .count()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("best_match", rows), &numbers, |b, keys| {
            b.iter(|| {
                keys.iter()
                    .filter_map(|k| deck.best_match(black_box(k)))
                    .filter_map(|e| e.rate(RateKind::Inter))
                    .count()
            })
        });
    }
    g.finish();
}

fn load(c: &mut Criterion) {
    const ROWS: usize = 1_000_000;
    let dir = Directory::builtin();
    let (text, _) = deck(ROWS);
    let mut g = c.benchmark_group("deck_load_1m");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("reader", |b| {
        b.iter(|| {
            let mut reader =
                Reader::new(black_box(text.as_bytes()), Options::default(), &dir).unwrap();
            let mut accepted = 0usize;
            while let Some(row) = reader.next_row() {
                accepted += usize::from(row.is_ok());
            }
            assert_eq!(accepted, ROWS);
            accepted
        })
    });
    g.bench_function("reader+summary", |b| {
        b.iter(|| {
            let mut reader =
                Reader::new(black_box(text.as_bytes()), Options::default(), &dir).unwrap();
            let mut summary = Summary::new(reader.detection());
            while let Some(row) = reader.next_row() {
                summary.add(&row);
            }
            summary.finish(&reader);
            summary.accepted()
        })
    });
    g.bench_function("rate_deck_load", |b| {
        b.iter(|| {
            let deck =
                RateDeck::load(black_box(text.as_bytes()), Options::default(), &dir).unwrap();
            assert_eq!(deck.len(), ROWS);
            deck.len()
        })
    });
    g.finish();
}

criterion_group!(benches, lookup, load);
criterion_main!(benches);
