//! Rate-deck categorization beside a bare `csv` read and write of the same
//! deck, in one run.
//!
//! The deck is synthetic, 1,000,000 rows in form (a)
//! (`12012000,rate,rate,rate,date`: unique NPA-NXX-X keys in ascending
//! order, as decks are sorted), built in memory before timing. Contenders,
//! in one group:
//!
//! - `csv_read_write`: the floor: `csv::Reader::read_byte_record` and
//!   `csv::Writer::write_byte_record` of every row, written through a
//!   `BufWriter` to `io::sink()` as the CLI writes through one to its file.
//! - `csv_read`: the read alone.
//! - `categorize`: `ratesheet::Reader::next_row`: the key parsed in any
//!   form, its width read, the NPA classified, every rate parsed exactly,
//!   duplicate keys tracked.
//! - `categorize+summary+write`: the same row by row, feeding a `Summary`,
//!   and a `CategorizedWriter` writing every row with its category
//!   appended: one thread.
//! - `categorize_all/N`: what `nanp categorize --jobs N` does:
//!   `Reader::categorize_all`, the same work and the same bytes, the rows
//!   categorized on N worker threads while this one reads, checks the
//!   duplicate keys and writes.
//!
//! Run: `cargo bench --bench ratesheet`. The ratio the README states is
//! `csv_read_write` time / `categorize_all` time, at one job and at every
//! core.

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{self, BufWriter};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nanp_lerg::ratesheet::{CategorizedWriter, Options, Reader, Summary};
use nanp_lerg::Directory;

const ROWS: usize = 1_000_000;

/// A deck of `ROWS` rows over every NPA: each NPA's first NPA-NXX-X keys,
/// with varied rates.
fn deck() -> String {
    let npas: Vec<u16> = nanp_lerg::records().map(|r| r.npa.get()).collect();
    let per_npa = ROWS.div_ceil(npas.len());
    let mut s = String::from("prefix,rate (inter),intrastate,indeterminate,effective\n");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..ROWS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let npa = npas[i / per_npa];
        let j = i % per_npa;
        let rate = 10 + (x >> 20) % 2000;
        let _ = writeln!(
            s,
            "1{npa}{}{},0.{rate:04},0.{rate:04},0.{rate:04},2025-07-01",
            200 + j / 10,
            j % 10
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

    g.bench_function("csv_read_write", |b| {
        b.iter(|| {
            let mut reader = csv::Reader::from_reader(black_box(deck.as_bytes()));
            let mut writer = csv::Writer::from_writer(BufWriter::new(io::sink()));
            let mut record = csv::ByteRecord::new();
            let mut rows = 0usize;
            while reader.read_byte_record(&mut record).unwrap() {
                writer.write_byte_record(&record).unwrap();
                rows += 1;
            }
            writer.flush().unwrap();
            rows
        })
    });
    g.bench_function("csv_read", |b| {
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
    g.bench_function("categorize+summary+write", |b| {
        b.iter(|| {
            let mut reader =
                Reader::new(black_box(deck.as_bytes()), Options::default(), &dir).unwrap();
            let mut summary = Summary::new(reader.detection());
            let out = BufWriter::new(io::sink());
            let mut writer = CategorizedWriter::new(out, reader.detection()).unwrap();
            while let Some(row) = reader.next_row() {
                summary.add(&row);
                writer.write(&row).unwrap();
            }
            summary.finish(&reader);
            assert_eq!(summary.accepted(), ROWS as u64);
            writer.into_inner().unwrap();
            summary.report().rows_read
        })
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for jobs in [1, cores] {
        g.bench_function(format!("categorize_all/{jobs}"), |b| {
            b.iter(|| {
                let reader =
                    Reader::new(black_box(deck.as_bytes()), Options::default(), &dir).unwrap();
                let mut out = BufWriter::new(io::sink());
                let summary = reader
                    .categorize_all(jobs, &mut out, None, &mut |_| {})
                    .unwrap();
                assert_eq!(summary.accepted(), ROWS as u64);
                summary.report().rows_read
            })
        });
        if cores == 1 {
            break;
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
