//! Rate-deck categorization beside a bare `csv` read of the same deck.
//!
//! The deck is synthetic, 1,000,000 rows in form (a) (`1201200,rate,rate,rate,date`),
//! built in memory before timing. Contenders, in one group:
//!
//! - `csv_byte_records`: the floor: `csv::Reader::read_byte_record` over every row.
//! - `categorize`: `ratesheet::Reader::next_row`, which parses the key, looks
//!   up the NPA, parses every rate and accounts for the row.
//! - `categorize+summary`: the same, feeding a `Summary` (what `nanp categorize` does).
//!
//! Run: `cargo bench --bench ratesheet`.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nanp_lerg::ratesheet::{Options, Reader, Summary};
use nanp_lerg::Directory;

const ROWS: usize = 1_000_000;

/// A deck of `ROWS` rows over every NPA, with varied NXXs and rates.
fn deck() -> String {
    let npas: Vec<u16> = nanp_lerg::records().map(|r| r.npa.get()).collect();
    let mut s = String::from("prefix,rate (inter),intrastate,indeterminate,effective\n");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..ROWS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let npa = npas[i % npas.len()];
        let nxx = 200 + x % 800;
        let rate = 10 + (x >> 20) % 2000;
        let _ = writeln!(
            s,
            "1{npa}{nxx},0.{rate:04},0.{rate:04},0.{rate:04},2025-07-01"
        );
    }
    s
}

fn bench(c: &mut Criterion) {
    let deck = deck();
    let dir = Directory::builtin();
    let mut g = c.benchmark_group("ratesheet_1m_rows");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(deck.len() as u64));

    g.bench_function("csv_byte_records", |b| {
        b.iter(|| {
            let mut reader = csv::Reader::from_reader(black_box(deck.as_bytes()));
            let mut record = csv::ByteRecord::new();
            let mut fields = 0usize;
            while reader.read_byte_record(&mut record).unwrap() {
                fields += record.len();
            }
            fields
        })
    });
    g.bench_function("categorize", |b| {
        b.iter(|| {
            let mut reader =
                Reader::new(black_box(deck.as_bytes()), Options::default(), &dir).unwrap();
            let mut accepted = 0usize;
            while let Some(row) = reader.next_row() {
                accepted += usize::from(row.is_ok());
            }
            assert_eq!(accepted, ROWS);
            accepted
        })
    });
    g.bench_function("categorize+summary", |b| {
        b.iter(|| {
            let mut reader =
                Reader::new(black_box(deck.as_bytes()), Options::default(), &dir).unwrap();
            let mut summary = Summary::new(reader.detection());
            while let Some(row) = reader.next_row() {
                summary.add(&row);
            }
            assert_eq!(summary.accepted(), ROWS as u64);
            summary.rows_read()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
