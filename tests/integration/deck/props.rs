//! Property tests of the rate-sheet reader: whatever the bytes, no panic, and
//! every row read is counted exactly once, on a line that makes sense.

use nanp_lerg::ratesheet::{
    CategorizedWriter, Column, Destination, Encoding, LeadingOne, Options, Reader, Summary,
};
use nanp_lerg::Directory;
use proptest::prelude::*;

static DIR: Directory = Directory::builtin();

/// What reading a deck gave, when it opened.
struct Outcome {
    lines: Vec<u64>,
    accepted: u64,
    rejected: u64,
    non_nanp: u64,
    had_header: bool,
    summary: Summary,
}

fn run(input: &[u8], options: Options) -> Option<Outcome> {
    let mut reader = Reader::new(input, options, &DIR).ok()?;
    let detection = reader.detection().clone();
    let mut summary = Summary::new(&detection);
    let (mut lines, mut accepted, mut rejected, mut non_nanp) = (Vec::new(), 0, 0, 0);
    while let Some(row) = reader.next_row() {
        summary.add(&row);
        match &row {
            Ok(row) => {
                lines.push(row.line);
                if row.destination == Destination::NonNanp {
                    assert!(!row.is_accepted());
                    assert_eq!(row.npa, None);
                    non_nanp += 1;
                } else {
                    assert!(row.is_accepted());
                    assert!(row.npa.is_some());
                    accepted += 1;
                }
                // Every rate column is read for a +1 row; another country's
                // rates are not read at all.
                let expected = if row.is_accepted() {
                    detection.rate_columns.len()
                } else {
                    0
                };
                assert_eq!(row.rates.len(), expected);
            }
            Err(e) => {
                lines.push(e.line());
                // Every accessor and message works.
                let _ = (e.reason().as_str(), e.fields().len(), e.to_string());
                rejected += 1;
            }
        }
    }
    assert!(reader.next_row().is_none(), "the end stays the end");
    // Everything the summary writes, for any input.
    let _ = summary.to_string();
    let _ = serde_json::to_string(&summary).unwrap();
    Some(Outcome {
        lines,
        accepted,
        rejected,
        non_nanp,
        had_header: detection.header.is_some(),
        summary,
    })
}

/// Hands out its bytes a few at a time.
struct Trickle<'a> {
    data: &'a [u8],
    chunk: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.chunk.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Line terminators as a person counts them: `\n`, `\r\n` or a lone `\r`.
fn physical_lines(input: &[u8]) -> u64 {
    let mut n = 1;
    for (i, &b) in input.iter().enumerate() {
        if b == b'\n' && i > 0 && input[i - 1] == b'\r' {
            continue;
        }
        if b == b'\n' || b == b'\r' {
            n += 1;
        }
    }
    n
}

fn check(input: &[u8], options: Options) -> Result<(), TestCaseError> {
    let Some(out) = run(input, options) else {
        return Ok(());
    };
    let s = &out.summary;
    prop_assert_eq!(s.rows_read(), out.lines.len() as u64);
    prop_assert_eq!(s.accepted() + s.rejected() + s.non_nanp(), s.rows_read());
    prop_assert!(s.balanced());
    prop_assert_eq!(
        (s.accepted(), s.rejected(), s.non_nanp()),
        (out.accepted, out.rejected, out.non_nanp)
    );
    let report = s.report();
    prop_assert_eq!(
        report.rejected_by_reason.values().sum::<u64>(),
        report.rejected
    );
    let first_data_line = if out.had_header { 2 } else { 1 };
    let last = physical_lines(input);
    for w in out.lines.windows(2) {
        prop_assert!(w[0] < w[1], "lines go forward: {:?}", out.lines);
    }
    for &line in &out.lines {
        prop_assert!(line >= first_data_line, "line {} in {:?}", line, out.lines);
        prop_assert!(line <= last, "line {} of {}", line, last);
    }
    Ok(())
}

/// The rows in `input` by the reader's documented rules, written out
/// independently: a row ends at a line break (`\n`, `\r\n`, `\r`) outside
/// quotes; a `"` at the start of a field opens a quote, `""` inside is a
/// quote, and a quote spanning lines must close with a `"` followed by the
/// delimiter, a line break or the end, or else the row is its first line
/// alone. A row whose fields are all empty or ASCII white space is blank.
fn model_rows(input: &[u8], delimiter: u8) -> u64 {
    let first_line_end = |from: usize| {
        let mut j = from;
        while j < input.len() && input[j] != b'\n' && input[j] != b'\r' {
            j += 1;
        }
        let next = if j < input.len() && input[j] == b'\r' && input.get(j + 1) == Some(&b'\n') {
            j + 2
        } else {
            (j + 1).min(input.len().max(j + 1))
        };
        (j, next)
    };
    let mut rows = 0;
    let mut pos = 0;
    while pos < input.len() {
        let mut i = pos;
        let mut field_start = true;
        let mut open: Option<usize> = None;
        let mut unterminated = false;
        let (end, next) = loop {
            let Some(&c) = input.get(i) else {
                if open.is_some() {
                    unterminated = true;
                    break first_line_end(pos);
                }
                break (input.len(), input.len());
            };
            match open {
                None if c == b'"' && field_start => {
                    open = Some(i);
                    field_start = false;
                    i += 1;
                }
                None if c == b'\n' => break (i, i + 1),
                None if c == b'\r' => {
                    break (
                        i,
                        if input.get(i + 1) == Some(&b'\n') {
                            i + 2
                        } else {
                            i + 1
                        },
                    )
                }
                None => {
                    field_start = c == delimiter;
                    i += 1;
                }
                Some(from) if c == b'"' => {
                    if input.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    let spans = input[from..i].iter().any(|&b| b == b'\n' || b == b'\r');
                    let after = input.get(i + 1).copied();
                    let closes = matches!(after, None | Some(b'\n') | Some(b'\r'))
                        || after == Some(delimiter);
                    if spans && !closes {
                        unterminated = true;
                        break first_line_end(pos);
                    }
                    open = None;
                    i += 1;
                }
                Some(_) => i += 1,
            }
        };
        if unterminated || !model_blank(&input[pos..end], delimiter) {
            rows += 1;
        }
        pos = next.max(pos + 1).min(input.len().max(pos + 1));
    }
    rows
}

/// Whether a whole row's fields are all empty or ASCII white space: its
/// bytes, quotes that open or close fields aside, are delimiters and white
/// space (a `""` inside quotes is a quote, not blank).
fn model_blank(row: &[u8], delimiter: u8) -> bool {
    let mut i = 0;
    let mut field_start = true;
    while i < row.len() {
        let c = row[i];
        if c == b'"' && field_start {
            // The quoted part, to its closing quote.
            i += 1;
            loop {
                match row.get(i) {
                    None => return true,
                    Some(b'"') if row.get(i + 1) == Some(&b'"') => return false,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b) if b.is_ascii_whitespace() => i += 1,
                    Some(_) => return false,
                }
            }
            field_start = false;
            continue;
        }
        if c == delimiter {
            field_start = true;
        } else if c.is_ascii_whitespace() {
            field_start = false;
        } else {
            return false;
        }
        i += 1;
    }
    true
}

/// Pieces real decks are made of, and pieces that break them.
const TOKENS: &[&str] = &[
    "1",
    "12",
    "120",
    "1201",
    "1201200",
    "201200",
    "1876",
    "1671",
    "1800555",
    "1911555",
    "12O1200",
    "44",
    "9370",
    "+1",
    "+44",
    "907",
    "200",
    "2OO",
    "0.0100",
    "$0.01",
    "1.2e-3",
    "1e999",
    "n/a",
    "-0.5",
    "2025-07-01",
    "7/1/25",
    "prefix",
    "npanxx",
    "npa",
    "nxx",
    "rate",
    "intrastate",
    "USA - AK",
    ",",
    ",",
    ",",
    ";",
    "\t",
    "|",
    "\"",
    "\"\"",
    "\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{feff}",
    "0",
    "9",
    "5",
    ".",
    "e",
];

fn csvish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120)
        .prop_map(|tokens| tokens.concat().into_bytes())
}

const GOOD_KEYS: &[&str] = &[
    "1201200",
    "1212555",
    "1907200",
    "1416200",
    "1876200",
    "1671200",
    "1800555",
    "1201",
    "1876",
    "44",
    "9370",
    "+1201200",
    " 1201200 ",
];
const BAD_KEYS: &[&str] = &[
    "1911555", "1282555", "1201100", "1120555", "12O1200", "120", "1", "", "201200", "907555",
];
const GOOD_RATES: &[&str] = &[
    "0.0100",
    "0.0200",
    "$0.01",
    "1.2e-3",
    "",
    "0.5",
    "0.0096561",
];
const BAD_RATES: &[&str] = &["n/a", "-0.01", "1e999", "0,01"];
const DESCRIPTIONS: &[&str] = &["USA - NJ", "Jamaica", "\"Newark, NJ\"", ""];
const DATES: &[&str] = &["2025-07-01", "7/1/25", "07/01/2025", ""];

/// Rows of a plausible deck, all of one layout (a description first or not,
/// a key, one or two rates, a date last or not), mostly good and sometimes
/// bad; a plausible header or none; now and then a blank line.
fn decklike() -> impl Strategy<Value = Vec<u8>> {
    let row = (
        prop::sample::select(DESCRIPTIONS),
        prop_oneof![
            6 => prop::sample::select(GOOD_KEYS),
            1 => prop::sample::select(BAD_KEYS),
        ],
        prop::collection::vec(
            prop_oneof![
                9 => prop::sample::select(GOOD_RATES),
                1 => prop::sample::select(BAD_RATES),
            ],
            2,
        ),
        prop::sample::select(DATES),
        prop::bool::weighted(0.1),
    );
    (
        prop::sample::select(&["", "prefix,rate\n", "\u{feff}code,rate\n", "\n"][..]),
        any::<(bool, bool, bool)>(),
        prop::collection::vec(row, 0..40),
        prop::sample::select(&["\n", "\r\n"][..]),
    )
        .prop_map(|(header, (desc, two_rates, date), rows, end)| {
            let mut s = header.to_owned();
            for (d, key, rates, when, blank) in rows {
                let mut fields = Vec::new();
                if desc {
                    fields.push(d);
                }
                fields.push(key);
                fields.extend(&rates[..if two_rates { 2 } else { 1 }]);
                if date {
                    fields.push(when);
                }
                s.push_str(&fields.join(","));
                s.push_str(end);
                if blank {
                    s.push_str(end);
                }
            }
            s.into_bytes()
        })
}

fn options() -> impl Strategy<Value = Options> {
    (
        prop::option::of(any::<bool>()),
        prop::sample::select(&[LeadingOne::Auto, LeadingOne::Present, LeadingOne::Absent][..]),
        prop::option::of(prop::sample::select(
            &[b',', b';', b'\t', b'"', b'\n', 0u8][..],
        )),
        prop::option::of(0usize..4),
        prop::option::of(prop::sample::select(&["prefix", "npa", "rate", "nope"][..])),
    )
        .prop_map(|(has_header, leading_one, delimiter, index, name)| {
            let mut o = Options {
                has_header,
                leading_one,
                delimiter,
                ..Options::default()
            };
            match (index, name) {
                (Some(i), _) if i % 2 == 0 => o.prefix_col = Some(Column::Index(i)),
                (Some(i), _) => {
                    o.npa_col = Some(Column::Index(i));
                    o.nxx_col = Some(Column::Index(i + 1));
                }
                (None, Some(n)) => o.prefix_col = Some(Column::Name(n.to_owned())),
                (None, None) => {}
            }
            o
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_and_always_balance(input in prop::collection::vec(any::<u8>(), 0..1024)) {
        check(&input, Options::default())?;
    }

    #[test]
    fn csvish_text_never_panics_and_always_balances(input in csvish()) {
        check(&input, Options::default())?;
    }

    #[test]
    fn decklike_text_balances_under_any_options(
        input in decklike(),
        options in prop_oneof![Just(Options::default()), options()],
    ) {
        check(&input, options)?;
    }

    /// Without quotes, each line that is not blank (white space and
    /// delimiters only) is one record: the reader must hand out every one of
    /// them but the header.
    #[test]
    fn nothing_is_dropped(input in decklike()) {
        prop_assume!(!input.contains(&b'"'));
        let Some(out) = run(&input, Options::default()) else {
            return Ok(());
        };
        let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&input);
        let records = body
            .split(|&b| b == b'\n' || b == b'\r')
            .filter(|l| l.iter().any(|&b| !b.is_ascii_whitespace() && b != b','))
            .count() as u64;
        prop_assert_eq!(out.summary.rows_read() + u64::from(out.had_header), records);
    }

    /// Whatever the bytes, the rows read are the lines an editor shows that
    /// are not blank, a quoted field spanning lines counting as one only if
    /// its quote closes (see `model_rows`), and the summary balances.
    #[test]
    fn rows_read_are_the_lines_outside_quotes_that_close(input in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..1024),
        csvish(),
    ]) {
        let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&input);
        let Ok(reader) = Reader::new(&input[..], Options::default(), &DIR) else {
            return Ok(());
        };
        let detection = reader.detection().clone();
        // UTF-16 is transcoded before rows are split: the model reads bytes.
        prop_assume!(detection.encoding == Encoding::Auto);
        drop(reader);
        let out = run(&input, Options::default()).unwrap();
        let delimiter = detection.delimiter as u8;
        prop_assert_eq!(
            out.summary.rows_read() + u64::from(out.had_header),
            model_rows(body, delimiter)
        );
        prop_assert!(out.summary.balanced());
    }

    /// The owning iterator sees the same rows as `next_row`.
    #[test]
    fn iterator_agrees_with_next_row(input in csvish()) {
        let Ok(reader) = Reader::new(&input[..], Options::default(), &DIR) else {
            return Ok(());
        };
        let lines: Vec<u64> = reader
            .map(|r| match r {
                Ok(row) => row.line,
                Err(e) => e.line(),
            })
            .collect();
        let out = run(&input, Options::default()).unwrap();
        prop_assert_eq!(lines, out.lines);
    }
}

proptest! {
    // Each case reads over 64 KiB: fewer of them.
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Bytes arriving a few at a time change nothing, and the line numbers
    /// stay right past the bytes read ahead for detection: the deck comes
    /// after more than 64 KiB of blank lines, then in chunks of a few bytes.
    #[test]
    fn chunked_input_past_the_read_ahead_reads_the_same(
        input in decklike(),
        chunk in 1usize..8,
        crlf in any::<bool>(),
    ) {
        let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&input).to_vec();
        let Some(whole) = run(&input, Options::default()) else {
            return Ok(());
        };
        // More than the 64 KiB read ahead, whichever the line ending.
        let blanks = 66_000u64;
        let pad: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut padded = pad.repeat(blanks as usize);
        padded.extend_from_slice(&input);
        let trickle = Trickle { data: &padded, chunk };
        let reader = Reader::new(trickle, Options::default(), &DIR).unwrap();
        let lines: Vec<u64> = reader
            .map(|r| match r {
                Ok(row) => row.line,
                Err(e) => e.line(),
            })
            .collect();
        let expected: Vec<u64> = whole.lines.iter().map(|l| l + blanks).collect();
        prop_assert_eq!(lines, expected);
    }
}

/// The rows written and the summary of reading `input` row by row.
fn one_by_one(input: &[u8]) -> Option<(Vec<u8>, String)> {
    let mut reader = Reader::new(input, Options::default(), &DIR).ok()?;
    let mut summary = Summary::new(reader.detection());
    let mut out = CategorizedWriter::new(Vec::new(), reader.detection()).unwrap();
    while let Some(row) = reader.next_row() {
        summary.add(&row);
        out.write(&row).unwrap();
    }
    summary.finish(&reader);
    Some((
        out.into_inner().unwrap(),
        serde_json::to_string(&summary).unwrap(),
    ))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// On several threads, the same rows and figures as row by row, with
    /// the rows read ahead for detection (200) ending anywhere: the input
    /// is repeated past them, so the rest is read in stretches from
    /// wherever the read-ahead stopped, inside a quote or not.
    #[test]
    fn several_threads_read_what_one_reader_reads(input in decklike(), times in 1usize..60) {
        let input = input.repeat(times);
        let Some(expected) = one_by_one(&input) else {
            return Ok(());
        };
        for jobs in [1, 2] {
            let reader = Reader::new(&input[..], Options::default(), &DIR).unwrap();
            let mut out = Vec::new();
            let summary = reader.categorize_all(jobs, &mut out, None, &mut |_| {}).unwrap();
            prop_assert_eq!(&out, &expected.0);
            prop_assert_eq!(&serde_json::to_string(&summary).unwrap(), &expected.1);
        }
    }
}
