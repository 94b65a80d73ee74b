//! Jurisdiction and rating, per call.
//!
//! 4,096 calls in a fixed order, their callers and destinations spread over
//! every US and Canadian NPA, with one in forty withheld (`anonymous`) and
//! one in fifty toll-free callers, written as CDRs write them (`1` + ten
//! digits):
//!
//! - group `jurisdiction`: `jurisdiction(ani, dialed)` (the default
//!   policy, parsing both numbers) and `JurisdictionPolicy::decide` (the
//!   same, with the rule that decided it);
//! - group `rate_call`: `Rater::rate` against a 300,000-row NPA-NXX deck
//!   with interstate, intrastate and indeterminate rates: parse, decide,
//!   longest-prefix match, rate choice, increment and exact cost.
//!
//! Before timing, each is run over the calls under a counting allocator,
//! and the bench stops if any allocates: both are allocation-free.
//!
//! Run: `cargo bench --bench rating`.

use std::alloc::System;
use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nanp_lerg::ratesheet::{Options, RateDeck};
use nanp_lerg::rating::{jurisdiction, JurisdictionPolicy, Rater};
use nanp_lerg::{Category, Directory};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// xorshift64: the same calls on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

struct Call {
    ani: String,
    dialed: String,
    duration: String,
}

/// The deck (one NPA-NXX code per row, as `nanp rate` is measured) and
/// 4,096 calls to its codes.
fn deck_and_calls() -> (String, Vec<Call>) {
    let npas: Vec<u16> = nanp_lerg::records()
        .filter(|r| matches!(r.category, Category::UsDomestic | Category::Canadian))
        .map(|r| r.npa.get())
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut deck = String::from("code,inter,intra,indeterminate\n");
    let mut codes = Vec::new();
    for nxx in 200..1000u16 {
        for &npa in &npas {
            if codes.len() < 300_000 {
                codes.push((npa, nxx));
            }
        }
    }
    codes.sort_unstable();
    for &(npa, nxx) in &codes {
        let inter = 20 + rng.below(180);
        let _ = writeln!(
            deck,
            "1{npa}{nxx},0.{inter:04}5,0.{:04}1,0.{:04}7",
            inter - 5,
            inter - 3
        );
    }
    let calls = (0..4096)
        .map(|_| {
            let ani = match rng.below(100) {
                0..=2 => "anonymous".to_owned(),
                3..=4 => format!("1800555{:04}", rng.below(10_000)),
                _ => {
                    let npa = npas[rng.below(npas.len() as u64) as usize];
                    format!("1{npa}{}{:04}", 200 + rng.below(800), rng.below(10_000))
                }
            };
            let (npa, nxx) = codes[rng.below(codes.len() as u64) as usize];
            Call {
                ani,
                dialed: format!("1{npa}{nxx}{:04}", rng.below(10_000)),
                duration: rng.below(1200).to_string(),
            }
        })
        .collect();
    (deck, calls)
}

/// Stops the bench if `f` allocates when run over every call.
fn assert_allocation_free(what: &str, calls: &[Call], f: impl Fn(&Call) -> usize) {
    let region = Region::new(GLOBAL);
    let total: usize = calls.iter().map(&f).sum();
    let allocations = region.change().allocations;
    black_box(total);
    assert_eq!(allocations, 0, "{what} allocated {allocations} times");
    println!("{what}: no allocation over {} calls", calls.len());
}

fn rating(c: &mut Criterion) {
    let dir = Directory::builtin();
    let (deck, calls) = deck_and_calls();
    let deck = RateDeck::load(deck.as_bytes(), Options::default(), &dir).unwrap();
    let policy = JurisdictionPolicy::new();
    let rater = Rater::new(&deck);

    let decide = |c: &Call| jurisdiction(&c.ani, &c.dialed) as usize;
    let decide_rule = |c: &Call| policy.decide(&c.ani, &c.dialed).rule as usize;
    let rate = |c: &Call| {
        rater
            .rate(&c.ani, &c.dialed, &c.duration)
            .map_or(0, |call| call.billed_seconds as usize)
    };
    assert_allocation_free("jurisdiction", &calls, decide);
    assert_allocation_free("JurisdictionPolicy::decide", &calls, decide_rule);
    assert_allocation_free("Rater::rate", &calls, rate);

    let mut g = c.benchmark_group("jurisdiction");
    g.throughput(Throughput::Elements(calls.len() as u64));
    g.bench_function("jurisdiction", |b| {
        b.iter(|| black_box(&calls).iter().map(decide).sum::<usize>())
    });
    g.bench_function("policy_decide", |b| {
        b.iter(|| black_box(&calls).iter().map(decide_rule).sum::<usize>())
    });
    g.finish();

    let mut g = c.benchmark_group("rate_call");
    g.throughput(Throughput::Elements(calls.len() as u64));
    g.bench_function("rater_rate_300k_deck", |b| {
        b.iter(|| black_box(&calls).iter().map(rate).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, rating);
criterion_main!(benches);
