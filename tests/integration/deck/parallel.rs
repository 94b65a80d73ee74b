//! A deck categorized on several threads (`Reader::categorize_all`) writes
//! the bytes, and sums up the figures, of one reader reading it row by row.

use std::io::Read;

use nanp_lerg::exchange::Exchanges;
use nanp_lerg::ratesheet::{CategorizedWriter, MAX_ROW_BYTES};

use super::*;

/// What a run wrote: rows, rejects, and the summary as JSON.
#[derive(Debug, PartialEq)]
struct Written {
    rows: String,
    rejects: String,
    summary: String,
}

fn open<R: Read>(
    deck: R,
    options: Options,
    exchanges: Option<&'static Exchanges>,
) -> Reader<'static, R> {
    let mut reader = Reader::new(deck, options, &DIR).expect("the deck opens");
    if let Some(exchanges) = exchanges {
        reader.check_exchanges(exchanges, true);
    }
    reader
}

/// Row by row, with the `csv` crate writing the rejects.
fn one_by_one(deck: impl Read, options: Options, exchanges: Option<&'static Exchanges>) -> Written {
    let mut reader = open(deck, options, exchanges);
    let mut summary = Summary::new(reader.detection());
    let mut out = match exchanges {
        Some(_) => CategorizedWriter::with_exchange_columns(Vec::new(), reader.detection()),
        None => CategorizedWriter::new(Vec::new(), reader.detection()),
    }
    .unwrap();
    let mut rejects = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    rejects.write_record(["line", "reason", "detail"]).unwrap();
    while let Some(row) = reader.next_row() {
        summary.add(&row);
        out.write(&row).unwrap();
        if let Err(e) = &row {
            let head = [
                e.line().to_string(),
                e.reason().as_str().to_owned(),
                e.reason().to_string(),
            ];
            rejects.write_record(head.iter().chain(e.fields())).unwrap();
        }
    }
    summary.finish(&reader);
    Written {
        rows: String::from_utf8(out.into_inner().unwrap()).unwrap(),
        rejects: String::from_utf8(rejects.into_inner().unwrap()).unwrap(),
        summary: serde_json::to_string_pretty(&summary).unwrap(),
    }
}

fn all_at_once(
    deck: impl Read,
    options: Options,
    exchanges: Option<&'static Exchanges>,
    jobs: usize,
) -> Written {
    let reader = open(deck, options, exchanges);
    let (mut rows, mut rejects) = (Vec::new(), Vec::new());
    let mut seen = Vec::new();
    let summary = reader
        .categorize_all(jobs, &mut rows, Some(&mut rejects), &mut |n| seen.push(n))
        .unwrap();
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "progress never goes back"
    );
    assert_eq!(seen.last().copied().unwrap_or(0), summary.rows_read());
    Written {
        rows: String::from_utf8(rows).unwrap(),
        rejects: String::from_utf8(rejects).unwrap(),
        summary: serde_json::to_string_pretty(&summary).unwrap(),
    }
}

/// A deck of several megabytes (several stretches) holding every kind of
/// row: keys of three widths, repeats near and a stretch or more apart,
/// rows spanning lines, stray quotes, blank and delimiter-only lines,
/// Windows-1252 bytes, bad rates and dates, unassigned and foreign codes,
/// and one row too long to hold.
fn ugly_deck(rows: usize, long_row_at: Option<usize>) -> Vec<u8> {
    let npas = [201u16, 212, 416, 613, 343, 671, 809, 800, 907, 999];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut deck = b"prefix,description,inter,intra,effective\n".to_vec();
    let mut keys: Vec<String> = Vec::new();
    for i in 0..rows {
        let r = next();
        let npa = npas[(r % npas.len() as u64) as usize];
        let nxx = 200 + (r >> 8) % 800;
        let key = match (r >> 20) % 3 {
            0 => format!("1{npa}{nxx}"),
            1 => format!("{npa}{nxx}{}", (r >> 24) % 10),
            _ => format!("{npa}{nxx}"),
        };
        let key = match i % 997 {
            // A repeat of a key from far back: another stretch.
            13 if keys.len() > 40_000 => keys[keys.len() - 40_000].clone(),
            14 if !keys.is_empty() => keys[keys.len() - 1].clone(),
            _ => key,
        };
        keys.push(key.clone());
        let rate = format!("0.{:04}", (r >> 32) % 10_000);
        let line = match i % 211 {
            3 => format!("\"{key},stray quote,{rate},{rate},2025-01-01\n"),
            5 => format!("{key},\"spans\ntwo lines\",{rate},{rate},2025-01-01\n"),
            7 => "\n,,,,\n".to_owned(),
            11 => format!("{key},neg,-{rate},{rate},2025-01-01\n"),
            17 => format!("{key},bad date,{rate},{rate},2025-13-45\n"),
            19 => format!("44{nxx},UK,{rate},{rate},2025-01-01\n"),
            23 => format!("{key},extra,{rate},{rate},2025-01-01,x\n"),
            29 => format!("{key},\"quoted, \"\"comma\"\"\",{rate},{rate},2025-02-01\n"),
            // The same rates written with more places: the figures keep
            // the places each rate was first written with.
            31 | 37 => format!("{key},,{rate}00,{rate}0,2025-01-01\n"),
            _ => format!("{key},,{rate},{rate},2025-01-01\n"),
        };
        deck.extend_from_slice(line.as_bytes());
        if i % 389 == 0 {
            // Windows-1252 é, not UTF-8.
            deck.extend_from_slice(format!("{key},caf").as_bytes());
            deck.extend_from_slice(format!("\u{e9},{rate},,\n").as_bytes());
            deck.extend_from_slice(format!("{key},caf").as_bytes());
            deck.push(0xe9);
            deck.extend_from_slice(format!(",{rate},,\n").as_bytes());
        }
        if long_row_at == Some(i) {
            deck.extend_from_slice(b"1201200,");
            deck.resize(deck.len() + MAX_ROW_BYTES + 10, b'x');
            deck.extend_from_slice(b",0.01,0.01,2025-01-01\n");
        }
    }
    deck
}

fn assert_same(deck: &[u8], options: impl Fn() -> Options, exchanges: Option<&'static Exchanges>) {
    let expected = one_by_one(deck, options(), exchanges);
    for jobs in [1, 2, 5] {
        let got = all_at_once(deck, options(), exchanges, jobs);
        assert!(got.rows == expected.rows, "rows differ with {jobs} jobs");
        assert!(
            got.rejects == expected.rejects,
            "rejects differ with {jobs} jobs"
        );
        assert_eq!(got.summary, expected.summary, "summary with {jobs} jobs");
    }
}

#[test]
fn several_threads_write_what_one_reader_writes() {
    let deck = ugly_deck(120_000, Some(70_000));
    assert!(deck.len() > 3 * 1024 * 1024 + MAX_ROW_BYTES);
    assert_same(&deck, Options::default, None);
    // The deck holds what it should: repeats across stretches, every kind
    // of rejection, rows spanning lines, transcoded rows.
    let summary: serde_json::Value =
        serde_json::from_str(&all_at_once(&deck[..], Options::default(), None, 2).summary).unwrap();
    let reasons = &summary["rejected_by_reason"];
    for reason in [
        "unterminated-quote",
        "negative-rate",
        "unparseable-date",
        "extra-fields",
        "row-too-long",
        "reserved-npa",
    ] {
        assert!(reasons[reason].as_u64() > Some(0), "{reason}: {reasons}");
    }
    assert!(summary["duplicate_keys"]["rows"].as_u64() > Some(100));
    assert!(summary["multiline_rows"].as_u64() > Some(100));
    assert!(summary["transcoded_rows"].as_u64() > Some(100));
    assert!(summary["blank_lines"].as_u64() > Some(100));
    assert!(summary["non_nanp"].as_u64() > Some(100));
}

#[test]
fn rejected_repeats_are_the_rows_one_reader_rejects() {
    let deck = ugly_deck(60_000, None);
    let options = || Options {
        duplicates: Duplicates::Reject,
        ..Options::default()
    };
    assert_same(&deck, options, None);
    let got = all_at_once(&deck[..], options(), None, 3);
    // Repeats of the row before, and of a row 40,000 rows back.
    let repeats = got.rejects.matches(",duplicate-key,").count();
    assert!(repeats > 100, "{repeats}");
}

#[test]
fn exchanges_are_checked_the_same_on_every_thread() {
    static CNAC: std::sync::OnceLock<Exchanges> = std::sync::OnceLock::new();
    let exchanges = CNAC.get_or_init(|| {
        let mut builder = Exchanges::builder(&DIR);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/exchanges/cnac-co-codes-2024-10-10.csv");
        builder.read_path(&path, None);
        builder.build().expect("CNAC's file loads")
    });
    let deck = ugly_deck(40_000, None);
    assert_same(&deck, Options::default, Some(exchanges));
    let got = all_at_once(&deck[..], Options::default(), Some(exchanges), 2);
    assert!(got.rejects.contains(",nxx-not-in-service,"));
    assert!(got
        .rows
        .lines()
        .next()
        .unwrap()
        .ends_with(",rate_center,exchange_status,ocn"));
}

/// Hands out a deck, then fails.
struct Failing(std::io::Cursor<Vec<u8>>);

impl Read for Failing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(std::io::Error::other("the disk went away")),
            n => Ok(n),
        }
    }
}

#[test]
fn a_read_error_ends_the_deck_after_every_row_before_it() {
    let deck = ugly_deck(50_000, None);
    let failing = || Failing(std::io::Cursor::new(deck.clone()));
    let expected = one_by_one(failing(), Options::default(), None);
    for jobs in [1, 2] {
        let got = all_at_once(failing(), Options::default(), None, jobs);
        assert!(got == expected, "{jobs} jobs");
    }
    let reader = Reader::new(failing(), Options::default(), &DIR).unwrap();
    let summary = reader
        .categorize_all(2, &mut std::io::sink(), None, &mut |_| {})
        .unwrap();
    let e = summary.read_error().expect("the read error is reported");
    assert_eq!(e.reason, "read-error");
    assert!(e.detail.contains("the disk went away"), "{}", e.detail);
    // Every row before it was read: the deck's last row ends its last line.
    assert!(summary.rows_read() >= 50_000 && summary.balanced());
    assert_eq!(
        e.line,
        deck.iter().filter(|&&b| b == b'\n').count() as u64 + 1
    );
}
