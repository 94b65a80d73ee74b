//! Working out a deck's shape from its first rows: delimiter, header, key
//! columns, leading-1 policy and rate columns.

use serde::Serialize;

use super::rate::Rate;
use super::{Column, KeyColumns, LeadingOne, Options};

/// Rows read ahead to detect the shape; the deck is streamed after them.
pub(crate) const SAMPLE_ROWS: usize = 200;

/// What the reader found out (or was told) about a deck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// The field delimiter, as a character.
    pub delimiter: char,
    /// The header's names, if the deck has one.
    pub header: Option<Vec<String>>,
    /// Which columns hold the dial prefix.
    pub key: KeyColumns,
    /// Whether prefix keys carry the country code 1: `present` (`1201200`,
    /// A–Z decks) or `absent` (`201200`); `auto` for an NPA column, which
    /// takes `907` and `1907` alike.
    pub leading_one: LeadingOne,
    /// The rate columns, 0-based, with their names.
    pub rate_columns: Vec<RateColumn>,
    /// Fields in the header, or in the widest sampled row without one: the
    /// width rows are padded to when written out with columns appended.
    pub columns: usize,
}

/// A column of rates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateColumn {
    /// 0-based index.
    pub index: usize,
    /// The header's name, made unique (`intrastate (column 3)`), or `column N` (1-based).
    pub name: String,
}

/// Why a deck's shape could not be worked out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    /// No column looks like dial prefixes; name it with an option.
    #[error("no column of dial prefixes found in the first {rows} rows; name it (e.g. --prefix-col or --npa-col)")]
    NoKeyColumn {
        /// Rows examined.
        rows: usize,
    },
    /// A column named in the options is not in the header.
    #[error("no column named {0:?} in the header")]
    UnknownColumn(String),
    /// Options that contradict each other.
    #[error("conflicting columns: {0}")]
    Conflict(&'static str),
    /// A column named by header name in a deck without a header.
    #[error("column {0:?} is named, but the deck has no header")]
    NeedsHeader(String),
}

/// Picks the delimiter from the first lines: the candidate that splits them
/// into the same number (above one) of fields most consistently; `,` on ties.
pub(crate) fn sniff_delimiter(head: &[u8]) -> u8 {
    let lines: Vec<&[u8]> = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.trim_ascii().is_empty())
        .take(50)
        .collect();
    // Ties go to the candidate that splits out a field of digits (a dial
    // prefix) on more lines: `USA, New Jersey;1201200;0.01` is `;`-delimited.
    let mut best = (b',', 0usize, 0usize);
    for candidate in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, candidate))
            .collect();
        // Lines agreeing with the most common non-zero count.
        let mut freq = std::collections::HashMap::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            *freq.entry(c).or_insert(0usize) += 1;
        }
        let agree = freq.values().copied().max().unwrap_or(0);
        let digit_fields = lines
            .iter()
            .filter(|l| l.split(|&b| b == candidate).any(is_digits))
            .count();
        if (agree, digit_fields) > (best.1, best.2) {
            best = (candidate, agree, digit_fields);
        }
    }
    best.0
}

fn count_outside_quotes(line: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// A header name reduced for matching: lower case, letters and digits only.
fn norm(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Names of a dial-prefix column, most specific first: the first name found
/// wins, wherever its column is. A country code column is not a key: an
/// A–Z deck's prefix already begins with the country code.
const PREFIX_NAMES: [&str; 11] = [
    "prefix",
    "dialprefix",
    "dialcode",
    "dialingcode",
    "destinationcode",
    "npanxx",
    "npanxxcode",
    "numberprefix",
    "digits",
    "route",
    "code",
];
const NPA_NAMES: [&str; 3] = ["npa", "areacode", "npacode"];
const NXX_NAMES: [&str; 4] = ["nxx", "exchange", "cocode", "nxxcode"];
const RATE_WORDS: [&str; 8] = [
    "rate", "inter", "intra", "indeterm", "price", "cost", "charge", "tariff",
];
/// Words of columns that hold numbers but never rates: billing intervals
/// (`60`, `6/6`), minimum durations, effective dates.
const NOT_RATE_WORDS: [&str; 9] = [
    "interval",
    "increment",
    "duration",
    "minimum",
    "date",
    "effective",
    "period",
    "seconds",
    "center",
];

fn is_key_name(name: &str) -> bool {
    let n = norm(name);
    PREFIX_NAMES.contains(&n.as_str())
        || NPA_NAMES.contains(&n.as_str())
        || NXX_NAMES.contains(&n.as_str())
}

/// Digits, optionally after a `+`, and at most 15 of them (E.164's limit).
pub(crate) fn is_digits(cell: &[u8]) -> bool {
    let cell = cell.trim_ascii();
    let digits = cell.strip_prefix(b"+").unwrap_or(cell);
    !digits.is_empty() && digits.len() <= 15 && digits.iter().all(u8::is_ascii_digit)
}

/// Words of column names a header is recognised by, besides the key names.
const COLUMN_WORDS: [&str; 12] = [
    "destination",
    "description",
    "country",
    "name",
    "region",
    "carrier",
    "zone",
    "lata",
    "state",
    "city",
    "location",
    "network",
];

/// Whether a row is a header: it names a key column; or every cell is a
/// non-empty name (no number), one of them a column word (a rate, a date,
/// a description…), while the rows after it hold digits. Anything else is
/// data: a first row misread as a header would leave the deck unreported.
pub(crate) fn looks_like_header(first: &csv::ByteRecord, rest: &[csv::ByteRecord]) -> bool {
    let names: Vec<String> = first
        .iter()
        .map(|c| norm(&String::from_utf8_lossy(c)))
        .collect();
    if names.iter().any(|n| is_key_name(n)) {
        return true;
    }
    let numeric = |c: &[u8]| is_digits(c) || Rate::parse_field(c).is_ok_and(|r| r.is_some());
    let all_names = first
        .iter()
        .all(|c| !c.trim_ascii().is_empty() && !numeric(c));
    let known = names.iter().any(|n| {
        RATE_WORDS
            .iter()
            .chain(&NOT_RATE_WORDS)
            .chain(&COLUMN_WORDS)
            .any(|w| n.contains(w))
    });
    all_names && known && rest.iter().take(20).any(|r| r.iter().any(is_digits))
}

fn resolve(column: &Column, header: Option<&[String]>) -> Result<usize, DetectError> {
    match column {
        Column::Index(i) => Ok(*i),
        Column::Name(name) => {
            let header = header.ok_or_else(|| DetectError::NeedsHeader(name.clone()))?;
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
                .or_else(|| header.iter().position(|h| norm(h) == norm(name)))
                .ok_or_else(|| DetectError::UnknownColumn(name.clone()))
        }
    }
}

/// The column where at least 90% of the sample's non-empty cells are digits.
fn digit_share(rows: &[csv::ByteRecord], col: usize) -> (usize, usize) {
    let cells = rows
        .iter()
        .filter_map(|r| r.get(col))
        .filter(|c| !c.trim_ascii().is_empty());
    cells.fold((0, 0), |(digits, all), c| {
        (digits + usize::from(is_digits(c)), all + 1)
    })
}

fn is_key_column(rows: &[csv::ByteRecord], col: usize) -> bool {
    let (digits, all) = digit_share(rows, col);
    all > 0 && digits * 10 >= all * 9 && !is_date_column(rows, col)
}

/// A compact date, `YYYYMMDD` with a plausible year, month and day: an
/// effective-date column, never a dial prefix.
fn is_date(cell: &[u8]) -> bool {
    let c = cell.trim_ascii();
    if c.len() != 8 || !c.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |r: std::ops::Range<usize>| c[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (1990..=2099).contains(&n(0..4)) && (1..=12).contains(&n(4..6)) && (1..=31).contains(&n(6..8))
}

fn is_date_column(rows: &[csv::ByteRecord], col: usize) -> bool {
    let cells: Vec<&[u8]> = rows.iter().filter_map(|r| r.get(col)).collect();
    !cells.is_empty() && cells.iter().all(|c| is_date(c))
}

/// (length, first digit) of the column's non-empty cells.
fn key_lengths(rows: &[csv::ByteRecord], col: usize) -> Vec<(usize, u8)> {
    rows.iter()
        .filter_map(|r| r.get(col))
        .filter(|c| !c.trim_ascii().is_empty())
        .map(|c| {
            let c = c.trim_ascii();
            let c = c.strip_prefix(b"+").unwrap_or(c);
            (c.len(), c.first().copied().unwrap_or(0))
        })
        .collect()
}

pub(crate) fn detect_key(
    options: &Options,
    header: Option<&[String]>,
    rows: &[csv::ByteRecord],
) -> Result<KeyColumns, DetectError> {
    match (&options.prefix_col, &options.npa_col, &options.nxx_col) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(DetectError::Conflict(
                "a prefix column, or NPA and NXX columns, not both",
            ))
        }
        (None, None, Some(_)) => {
            return Err(DetectError::Conflict("an NXX column needs an NPA column"))
        }
        _ => {}
    }
    if let Some(col) = &options.prefix_col {
        return Ok(KeyColumns::Prefix(resolve(col, header)?));
    }
    if let Some(npa) = &options.npa_col {
        let npa = resolve(npa, header)?;
        return Ok(match &options.nxx_col {
            Some(nxx) => KeyColumns::Split {
                npa,
                nxx: resolve(nxx, header)?,
            },
            None => KeyColumns::Prefix(npa),
        });
    }
    if let Some(names) = header {
        let normed: Vec<String> = names.iter().map(|h| norm(h)).collect();
        let find = |set: &[&str]| {
            set.iter()
                .find_map(|name| normed.iter().position(|h| h == name))
        };
        match (find(&NPA_NAMES), find(&NXX_NAMES), find(&PREFIX_NAMES)) {
            (Some(npa), Some(nxx), _) => return Ok(KeyColumns::Split { npa, nxx }),
            (_, _, Some(prefix)) => return Ok(KeyColumns::Prefix(prefix)),
            (Some(npa), None, None) => return Ok(KeyColumns::Prefix(npa)),
            _ => {}
        }
    }
    if rows.is_empty() {
        // A deck with no data rows: nothing to detect, nothing to misread.
        return Ok(KeyColumns::Prefix(0));
    }
    let width = rows.iter().map(csv::ByteRecord::len).max().unwrap_or(0);
    let key = (0..width)
        .find(|&c| is_key_column(rows, c))
        .ok_or(DetectError::NoKeyColumn { rows: rows.len() })?;
    // `1907,200`: an NPA (with or without its 1) beside a three-digit NXX,
    // in nine rows of ten (the rest are rejected, not a reason to misread
    // the deck).
    let most = |lengths: Vec<(usize, u8)>, ok: fn(usize, u8) -> bool| {
        let good = lengths
            .iter()
            .filter(|&&(len, first)| ok(len, first))
            .count();
        !lengths.is_empty() && good * 10 >= lengths.len() * 9
    };
    let npa_like = most(key_lengths(rows, key), |len, first| {
        len == 3 || (len == 4 && first == b'1')
    });
    let nxx_like =
        is_key_column(rows, key + 1) && most(key_lengths(rows, key + 1), |len, _| len == 3);
    Ok(if npa_like && nxx_like {
        KeyColumns::Split {
            npa: key,
            nxx: key + 1,
        }
    } else {
        KeyColumns::Prefix(key)
    })
}

/// Keys carry the 1 unless nine in ten of the sampled keys are bare NANP
/// forms: 3, 6 or 10 digits starting 2–9. Empty and malformed keys (rows
/// that will be rejected) do not vote.
pub(crate) fn detect_leading_one(
    options: &Options,
    key: &KeyColumns,
    rows: &[csv::ByteRecord],
) -> LeadingOne {
    let col = match key {
        // An NPA column holds NANP codes only, `907` or `1907` alike: there
        // is no policy to decide.
        KeyColumns::Split { .. } => return LeadingOne::Auto,
        KeyColumns::Prefix(c) => *c,
    };
    if options.leading_one != LeadingOne::Auto {
        return options.leading_one;
    }
    let voters: Vec<(usize, u8)> = rows
        .iter()
        .filter_map(|r| r.get(col))
        .filter(|c| is_digits(c))
        .map(|c| {
            let c = c.trim_ascii();
            (c.len(), c[0])
        })
        .collect();
    let bare = voters
        .iter()
        .filter(|&&(len, first)| matches!(len, 3 | 6 | 10) && (b'2'..=b'9').contains(&first))
        .count();
    if !voters.is_empty() && bare * 10 >= voters.len() * 9 {
        LeadingOne::Absent
    } else {
        LeadingOne::Present
    }
}

fn is_rate_cell(c: &[u8]) -> bool {
    Rate::parse_field(c).is_ok()
}

/// Rate columns: named like rates (and not like intervals, dates or rate
/// centers), or holding decimals (with a point, `$` or exponent somewhere) in
/// at least 90% of their non-empty sample cells.
/// Descriptions, dates and integer columns (billing increments) are not rates.
pub(crate) fn detect_rates(
    options: &Options,
    header: Option<&[String]>,
    key: &KeyColumns,
    rows: &[csv::ByteRecord],
) -> Result<Vec<RateColumn>, DetectError> {
    let keys = match key {
        KeyColumns::Prefix(c) => vec![*c],
        KeyColumns::Split { npa, nxx } => vec![*npa, *nxx],
    };
    let width = header
        .map(<[String]>::len)
        .unwrap_or(0)
        .max(rows.iter().map(csv::ByteRecord::len).max().unwrap_or(0));
    let indexes: Vec<usize> = match &options.rate_cols {
        Some(cols) => cols
            .iter()
            .map(|c| resolve(c, header))
            .collect::<Result<_, _>>()?,
        None => (0..width)
            .filter(|c| !keys.contains(c))
            .filter(|&c| {
                let name = header.and_then(|h| h.get(c)).map(|h| norm(h));
                let has = |words: &[&str]| {
                    name.as_ref()
                        .is_some_and(|n| words.iter().any(|w| n.contains(w)))
                };
                if has(&NOT_RATE_WORDS) {
                    return false;
                }
                let named = has(&RATE_WORDS);
                let cells: Vec<&[u8]> = rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .filter(|v| !v.trim_ascii().is_empty())
                    .collect();
                let rates = cells.iter().filter(|v| is_rate_cell(v)).count();
                let decimal = cells
                    .iter()
                    .any(|v| v.iter().any(|b| matches!(b, b'.' | b'$' | b'e' | b'E')));
                let by_content = !cells.is_empty() && rates * 10 >= cells.len() * 9 && decimal;
                // A column named like a rate is one, however many of its rows
                // are bad: they are rejected, never priced without a rate.
                // (Interval, date and rate-center columns were excluded above.)
                named || by_content
            })
            .collect(),
    };
    let name_of = |c: usize| match header.and_then(|h| h.get(c)) {
        Some(h) if !h.trim().is_empty() => h.trim().to_owned(),
        _ => format!("column {}", c + 1),
    };
    let names: Vec<String> = indexes.iter().map(|&c| name_of(c)).collect();
    Ok(indexes
        .iter()
        .zip(&names)
        .map(|(&index, name)| {
            let repeated = names.iter().filter(|n| *n == name).count() > 1;
            RateColumn {
                index,
                name: if repeated {
                    format!("{name} (column {})", index + 1)
                } else {
                    name.clone()
                },
            }
        })
        .collect())
}
