//! Dial string to region: the crate's `parse` + `lookup` beside the
//! `phonenumber` crate (libphonenumber metadata 9.0.33), in one criterion
//! group over the same 16 formatted +1 numbers.
//!
//! - `nanp_lerg::parse+lookup`: parse the dial string, look its NPA up, read
//!   the record's country code (the crate's full path).
//! - `nanp_lerg::parse`: the parse alone.
//! - `phonenumber::parse+region`: `phonenumber::parse` (with no default
//!   region for `+1 …` strings, region US for the others, as a caller who
//!   knows the file holds NANP numbers would), then `number.country().id()`,
//!   libphonenumber's answer to "which region is this +1 number".
//! - `phonenumber::parse`: its parse alone.
//!
//! Before timing, both libraries must agree on the region of every number
//! (a correctness check, not a timing).
//!
//! Run: `cargo bench --bench parse` (add `-- --warm-up-time 1
//! --measurement-time 3` for a quick run).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use phonenumber::country::Id;

/// Realistic formatted numbers in the forms rate sheets and CDRs hold, from
/// the US, Canada, the Caribbean and the Pacific; all valid for
/// libphonenumber too.
const NUMBERS: [&str; 16] = [
    "+1 (670) 234-5678",
    "1-212-555-0100",
    "16702345678",
    "1.438.555.0199",
    "(876) 555 1234",
    "+1 671 555 0100",
    "+1-787-555-0123",
    "2025550143",
    "+12125550100",
    "1 (416) 555-0199",
    "(604) 555.0123",
    "+1.684.633.1234",
    "1-809-555-0101",
    "305 555 0123",
    "+1 (441) 295-1234",
    "1 868 625 1234",
];

/// The default region `phonenumber` gets: none where the string carries +1.
fn hint(s: &str) -> Option<Id> {
    if s.starts_with('+') {
        None
    } else {
        Some(Id::US)
    }
}

fn ours(s: &str) -> Option<&'static str> {
    let dialed = nanp_lerg::parse(s).ok()?;
    nanp_lerg::lookup(dialed.npa.get()).map(|r| r.country_code.as_str())
}

fn parse(c: &mut Criterion) {
    // Both libraries give every number the same region (not a timing).
    for s in NUMBERS {
        let n = phonenumber::parse(hint(s), s)
            .unwrap_or_else(|e| panic!("phonenumber cannot parse {s:?}: {e}"));
        assert!(phonenumber::is_valid(&n), "{s:?} invalid for phonenumber");
        let theirs = n.country().id().map(|id| id.as_ref().to_owned());
        assert_eq!(ours(s), theirs.as_deref(), "{s:?}");
    }

    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(NUMBERS.len() as u64));

    g.bench_function("nanp_lerg::parse+lookup", |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &s in black_box(&NUMBERS) {
                if let Some(code) = ours(s) {
                    sum += u32::from(code.as_bytes()[0]);
                }
            }
            sum
        })
    });
    g.bench_function("nanp_lerg::parse", |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &s in black_box(&NUMBERS) {
                if let Ok(d) = nanp_lerg::parse(s) {
                    sum += u32::from(d.npa.get());
                }
            }
            sum
        })
    });
    g.bench_function("phonenumber::parse+region", |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &s in black_box(&NUMBERS) {
                if let Ok(n) = phonenumber::parse(hint(s), s) {
                    if let Some(id) = n.country().id() {
                        sum += u32::from(id.as_ref().as_bytes()[0]);
                    }
                }
            }
            sum
        })
    });
    g.bench_function("phonenumber::parse", |b| {
        b.iter(|| {
            let mut sum = 0u32;
            for &s in black_box(&NUMBERS) {
                if let Ok(n) = phonenumber::parse(hint(s), s) {
                    sum += u32::from(n.country().code());
                }
            }
            sum
        })
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
