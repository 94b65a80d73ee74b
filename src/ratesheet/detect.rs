//! Working out a deck's shape from its first rows: delimiter, header, key
//! columns, leading-1 policy, decimal separator and rate columns.

use serde::{Serialize, Serializer};

use super::key::Digits;
use super::rate::Rate;
use super::{Column, KeyColumns, LeadingOne, Options, RateKind};
use crate::names::normalize;
use crate::rows::{Encoding, Fields};
use crate::Directory;

/// Rows read ahead to detect the shape; the deck is streamed after them.
pub(crate) const SAMPLE_ROWS: usize = 200;

/// Bytes of rows read ahead at most (and the row that passes them): rows
/// of megabytes say no more about a deck's shape than short ones, and 200
/// of them must not be held at once.
pub(crate) const SAMPLE_BYTES: usize = 1 << 20;

/// What the reader found out (or was told) about a deck.
///
/// Serialized, column numbers are 1-based, as the CLI and the text summary
/// number them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// The text encoding: `auto` (UTF-8, with any row that is not read as
    /// Windows-1252), or the one found or forced.
    pub encoding: Encoding,
    /// The field delimiter, as a character.
    pub delimiter: char,
    /// Whether rates are written with a decimal comma (`0,0125`).
    pub decimal_comma: bool,
    /// The header's names, if the deck has one.
    pub header: Option<Vec<String>>,
    /// Which columns hold the dial prefix.
    pub key: KeyColumns,
    /// Whether prefix keys that start with 2–9 carry no country code:
    /// `absent` (`201200` is NPA 201, NXX 200) or `present` (A–Z decks:
    /// `20` is Egypt). A key that starts with 1 is +1 either way. `auto` for
    /// an NPA column, which takes `907` and `1907` alike.
    pub leading_one: LeadingOne,
    /// The sampled keys behind the leading-1 decision.
    pub leading_one_votes: LeadingOneVotes,
    /// The rate columns, with their names and kinds.
    pub rate_columns: Vec<RateColumn>,
    /// The effective-date column, if the deck has one: each row's date is
    /// read, and a row whose date is not one is rejected.
    pub effective_date: Option<DateColumn>,
    /// The billing-increment columns, if the header names any (see
    /// [`IncrementColumns`](super::IncrementColumns)): each row's
    /// increment is read, and a row whose increment is not one is rejected.
    pub increment: Option<super::IncrementColumns>,
    /// Fields in the header, or in the widest sampled row without one: a
    /// row with more non-empty fields is rejected (`extra-fields`).
    pub columns: usize,
}

impl Detection {
    /// A column's name: the header's, or `column N` (1-based).
    pub fn column_name(&self, index: usize) -> String {
        match self.header.as_ref().and_then(|h| h.get(index)) {
            Some(h) if !h.trim().is_empty() => h.trim().to_owned(),
            _ => format!("column {}", index + 1),
        }
    }

    /// Whether the leading-1 decision rests on a split vote: bare-looking
    /// NANP keys beside keys that carry the 1, or between half and nine in
    /// ten of the keys that start with 2–9 bare-looking.
    pub fn leading_one_ambiguous(&self) -> bool {
        self.leading_one_votes.ambiguous
    }
}

/// The sampled prefix keys, by what they look like.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LeadingOneVotes {
    /// Keys starting with 1 (+1, either way).
    pub with_one: usize,
    /// Keys starting with 2–9 that read as a bare NANP key: 3, 6, 7 or 10
    /// digits, an assigned NPA, and an NXX starting 2–9 where there is one.
    pub bare_nanp: usize,
    /// Other keys starting with 2–9: another country's prefix, if the 1 is
    /// present.
    pub other: usize,
    /// Whether the vote was split (see [`Detection::leading_one_ambiguous`]).
    pub ambiguous: bool,
}

/// A column of rates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateColumn {
    /// 0-based index (serialized 1-based, as `column`).
    pub index: usize,
    /// The header's name, made unique (`intrastate (column 3)`), or `column N` (1-based).
    pub name: String,
    /// The kind of rate it holds, if the deck says (see
    /// [`Options::rate_kinds`] for the rule); `None` for a column that
    /// names no kind, or a kind an earlier column already has.
    pub kind: Option<RateKind>,
}

impl Serialize for RateColumn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RateColumn", 3)?;
        st.serialize_field("column", &(self.index + 1))?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("kind", &self.kind)?;
        st.end()
    }
}

/// The effective-date column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateColumn {
    /// 0-based index (serialized 1-based, as `column`).
    pub index: usize,
    /// The header's name, or `column N` (1-based).
    pub name: String,
}

impl Serialize for DateColumn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DateColumn", 2)?;
        st.serialize_field("column", &(self.index + 1))?;
        st.serialize_field("name", &self.name)?;
        st.end()
    }
}

/// Why a deck's shape could not be worked out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
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
    /// A column number beyond the deck's columns.
    #[error("there is no column {column}: the deck has {columns}")]
    NoSuchColumn {
        /// The column asked for, 1-based.
        column: usize,
        /// Columns the deck has.
        columns: usize,
    },
    /// Options that contradict each other.
    #[error("conflicting columns: {0}")]
    Conflict(String),
    /// A column named by header name in a deck without a header.
    #[error("column {0:?} is named, but the deck has no header")]
    NeedsHeader(String),
    /// The deck has no data row: empty, or a header alone.
    #[error("no data rows")]
    NoDataRows,
    /// No rate column has a kind, so the deck cannot be priced by kind
    /// (only a [`RateDeck`](super::RateDeck) needs one).
    #[error("none of the deck's {columns} rate columns has a rate kind: name them inter, intra, indeterminate (or give the deck a single rate column)")]
    NoRateKind {
        /// Rate columns found.
        columns: usize,
    },
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
    let n = normalize(name);
    PREFIX_NAMES.contains(&n.as_str())
        || NPA_NAMES.contains(&n.as_str())
        || NXX_NAMES.contains(&n.as_str())
}

/// Digits, optionally after a `+`, and at most 15 of them (E.164's limit).
pub(crate) fn is_digits(cell: &str) -> bool {
    let cell = cell.trim();
    let digits = cell.strip_prefix('+').unwrap_or(cell);
    !digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A dial string in any form `parse` accepts: digits, with separators.
fn is_dial_string(cell: &str) -> bool {
    is_digits(cell)
        || (Digits::read(cell).is_some()
            && cell.trim().bytes().filter(u8::is_ascii_digit).count() >= 3)
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

fn is_number(cell: &str) -> bool {
    let b = cell.as_bytes();
    is_digits(cell)
        || Rate::parse_with(b, b'.').is_ok_and(|r| r.is_some())
        || Rate::parse_with(b, b',').is_ok_and(|r| r.is_some())
}

/// Whether a row is a header: it names a key column; or every cell is a
/// non-empty name (no number), one of them a column word (a rate, a date,
/// a description…), while the rows after it hold digits. Anything else is
/// data: a first row misread as a header would leave the deck unreported.
pub(crate) fn looks_like_header(first: &Fields, rest: &[Fields]) -> bool {
    let names: Vec<String> = first.iter().map(normalize).collect();
    if names.iter().any(|n| is_key_name(n)) {
        return true;
    }
    let all_names = first.iter().all(|c| !c.trim().is_empty() && !is_number(c));
    let known = names.iter().any(|n| {
        RATE_WORDS
            .iter()
            .chain(&NOT_RATE_WORDS)
            .chain(&COLUMN_WORDS)
            .any(|w| n.contains(w))
    });
    // Names in words no list holds (`Ziel;Vorwahl;Preis`) still head a
    // deck when they are as many as the fields of the rows below and none
    // is a value's stand-in (`N/A`): a stray line of text above a deck, or
    // a row of missing values, is not.
    let sample = &rest[..rest.len().min(20)];
    let as_wide = first.len() >= 2
        && sample.iter().filter(|r| r.len() == first.len()).count() * 2 > sample.len();
    let unknown_names = as_wide && !first.iter().any(is_placeholder);
    all_names && (known || unknown_names) && sample.iter().any(|r| r.iter().any(is_digits))
}

/// A cell standing for a missing value: `N/A`, `NA`, `null`, `none`, `-`.
fn is_placeholder(cell: &str) -> bool {
    let letters: String = cell
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(letters.as_str(), "" | "na" | "null" | "none" | "nil")
}

fn resolve(column: &Column, header: Option<&[String]>, width: usize) -> Result<usize, DetectError> {
    match column {
        Column::Index(i) if *i < width => Ok(*i),
        Column::Index(i) => Err(DetectError::NoSuchColumn {
            column: i + 1,
            columns: width,
        }),
        Column::Name(name) => {
            let header = header.ok_or_else(|| DetectError::NeedsHeader(name.clone()))?;
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
                .or_else(|| header.iter().position(|h| normalize(h) == normalize(name)))
                .ok_or_else(|| DetectError::UnknownColumn(name.clone()))
        }
    }
}

/// (cells that are dial strings, non-empty cells) of a column.
fn digit_share(rows: &[Fields], col: usize) -> (usize, usize) {
    let cells = rows
        .iter()
        .filter_map(|r| r.get(col))
        .filter(|c| !c.trim().is_empty());
    cells.fold((0, 0), |(digits, all), c| {
        (digits + usize::from(is_dial_string(c)), all + 1)
    })
}

/// A column where at least 90% of the sample's non-empty cells are dial
/// strings, and not a column of compact dates.
fn is_key_column(rows: &[Fields], col: usize) -> bool {
    let (digits, all) = digit_share(rows, col);
    all > 0 && digits * 10 >= all * 9 && !is_date_column(rows, col)
}

/// A compact date, `YYYYMMDD` with a plausible year, month and day: an
/// effective-date column, never a dial prefix.
fn is_date(cell: &str) -> bool {
    let c = cell.trim().as_bytes();
    if c.len() != 8 || !c.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |r: std::ops::Range<usize>| c[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (1990..=2099).contains(&n(0..4)) && (1..=12).contains(&n(4..6)) && (1..=31).contains(&n(6..8))
}

fn is_date_column(rows: &[Fields], col: usize) -> bool {
    let mut cells = rows.iter().filter_map(|r| r.get(col)).peekable();
    cells.peek().is_some() && cells.all(is_date)
}

/// (digit count, first digit) of the column's non-empty dial strings.
fn key_lengths(rows: &[Fields], col: usize) -> Vec<(usize, u8)> {
    rows.iter()
        .filter_map(|r| r.get(col))
        .filter_map(Digits::read)
        .map(|d| (d.as_bytes().len(), d.as_bytes()[0]))
        .collect()
}

/// The widest row of the sample, or the header.
pub(crate) fn width(header: Option<&[String]>, rows: &[Fields]) -> usize {
    header.map_or_else(
        || rows.iter().map(Fields::len).max().unwrap_or(0),
        <[String]>::len,
    )
}

pub(crate) fn detect_key(
    options: &Options,
    header: Option<&[String]>,
    rows: &[Fields],
) -> Result<KeyColumns, DetectError> {
    let width = width(header, rows);
    match (&options.prefix_col, &options.npa_col, &options.nxx_col) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(DetectError::Conflict(
                "a prefix column, or NPA and NXX columns, not both".into(),
            ))
        }
        (None, None, Some(_)) => {
            return Err(DetectError::Conflict(
                "an NXX column needs an NPA column".into(),
            ))
        }
        _ => {}
    }
    if let Some(col) = &options.prefix_col {
        return Ok(KeyColumns::Prefix(resolve(col, header, width)?));
    }
    if let Some(npa) = &options.npa_col {
        let npa = resolve(npa, header, width)?;
        return match &options.nxx_col {
            Some(nxx) => {
                let nxx = resolve(nxx, header, width)?;
                if nxx == npa {
                    return Err(DetectError::Conflict(format!(
                        "the NPA and NXX columns are both column {}",
                        npa + 1
                    )));
                }
                Ok(KeyColumns::Split { npa, nxx })
            }
            None => Ok(KeyColumns::Prefix(npa)),
        };
    }
    if let Some(names) = header {
        let normed: Vec<String> = names.iter().map(|h| normalize(h)).collect();
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

/// Decides whether prefix keys that start with 2–9 are bare NANP keys
/// (`absent`) or other countries' codes (`present`), from the sampled keys:
///
/// - a key starting with 1 is +1 either way;
/// - a key starting with 2–9 is *bare-looking* when it has 3, 6, 7 or 10
///   digits (NPA, NPA-NXX, NPA-NXX-X, a whole number), its first three are
///   an assigned NPA, and its NXX, if any, starts with 2–9.
///
/// When one sampled key in ten or more starts with 1, the deck is read as
/// international (an A–Z deck lists the NANP as `1…` beside other
/// countries): `present`. Otherwise keys are bare when at least half of
/// those starting 2–9 look bare. The vote is ambiguous, and the summary
/// says so, when the losing reading has a real share: bare-looking keys
/// beside keys with the 1, or between half and nine in ten bare-looking.
/// Reading a foreign key as domestic would misprice it silently, so a split
/// vote with keys carrying the 1 goes to `present`.
pub(crate) fn detect_leading_one(
    options: &Options,
    key: &KeyColumns,
    rows: &[Fields],
    directory: &Directory,
) -> (LeadingOne, LeadingOneVotes) {
    let col = match key {
        // An NPA column holds NANP codes only, `907` or `1907` alike: there
        // is no policy to decide.
        KeyColumns::Split { .. } => return (LeadingOne::Auto, LeadingOneVotes::default()),
        KeyColumns::Prefix(c) => *c,
    };
    let mut votes = LeadingOneVotes::default();
    for d in rows
        .iter()
        .filter_map(|r| r.get(col))
        .filter_map(Digits::read)
    {
        let d = d.as_bytes();
        match d[0] {
            b'1' => votes.with_one += 1,
            b'2'..=b'9' if bare_looking(d, directory) => votes.bare_nanp += 1,
            _ => votes.other += 1,
        }
    }
    let starting_2_9 = votes.bare_nanp + votes.other;
    let all = starting_2_9 + votes.with_one;
    let international = votes.with_one * 10 >= all;
    let mostly_bare = votes.bare_nanp * 10 >= starting_2_9 * 9;
    let half_bare = votes.bare_nanp * 2 >= starting_2_9;
    let decided = if starting_2_9 == 0 || international || !half_bare {
        LeadingOne::Present
    } else {
        LeadingOne::Absent
    };
    votes.ambiguous = votes.bare_nanp > 0
        && if international {
            half_bare
        } else {
            !mostly_bare && half_bare
        };
    if options.leading_one != LeadingOne::Auto {
        votes.ambiguous = false;
        return (options.leading_one, votes);
    }
    (decided, votes)
}

fn bare_looking(d: &[u8], directory: &Directory) -> bool {
    let npa = d[..3.min(d.len())]
        .iter()
        .fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    matches!(d.len(), 3 | 6 | 7 | 10)
        && directory.classify(npa).is_assigned()
        && (d.len() < 6 || d[3] >= b'2')
}

/// Whether rates are written with a decimal comma: some non-key cell reads
/// as `0,0125` and none as `0.0125`.
pub(crate) fn detect_decimal_comma(options: &Options, keys: &[usize], rows: &[Fields]) -> bool {
    if let Some(forced) = options.decimal_comma {
        return forced;
    }
    let (mut comma, mut point) = (0, 0);
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if keys.contains(&i) || is_digits(cell) {
                continue;
            }
            let b = cell.trim().as_bytes();
            if b.contains(&b',') && Rate::parse_with(b, b',').is_ok_and(|r| r.is_some()) {
                comma += 1;
            } else if b.contains(&b'.') && Rate::parse_with(b, b'.').is_ok_and(|r| r.is_some()) {
                point += 1;
            }
        }
    }
    comma > 0 && point == 0
}

/// Rate columns: named like rates (and not like intervals, dates or rate
/// centers), or holding decimals (with a decimal separator, `$` or
/// exponent somewhere) in at least 90% of their non-empty sample cells.
/// Descriptions, dates and integer columns (billing increments) are not
/// rates. With a header, only its columns are candidates: a row's extra
/// fields never make a rate column.
pub(crate) fn detect_rates(
    options: &Options,
    header: Option<&[String]>,
    key: &KeyColumns,
    rows: &[Fields],
    decimal: u8,
) -> Result<Vec<RateColumn>, DetectError> {
    let keys = match key {
        KeyColumns::Prefix(c) => vec![*c],
        KeyColumns::Split { npa, nxx } => vec![*npa, *nxx],
    };
    let width = width(header, rows);
    let indexes: Vec<usize> = match &options.rate_cols {
        Some(cols) => {
            let indexes = cols
                .iter()
                .map(|c| resolve(c, header, width))
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(k) = indexes.iter().find(|i| keys.contains(i)) {
                return Err(DetectError::Conflict(format!(
                    "column {} is both a key and a rate column",
                    k + 1
                )));
            }
            indexes
        }
        None => (0..width)
            .filter(|c| !keys.contains(c))
            .filter(|&c| {
                let name = header.and_then(|h| h.get(c)).map(|h| normalize(h));
                let has = |words: &[&str]| {
                    name.as_ref()
                        .is_some_and(|n| words.iter().any(|w| n.contains(w)))
                };
                if has(&NOT_RATE_WORDS) {
                    return false;
                }
                let named = has(&RATE_WORDS);
                let cells: Vec<&str> = rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .filter(|v| !v.trim().is_empty())
                    .collect();
                let rates = cells
                    .iter()
                    .filter(|v| Rate::parse_with(v.as_bytes(), decimal).is_ok())
                    .count();
                let decimal_written = cells.iter().any(|v| {
                    v.bytes()
                        .any(|b| b == decimal || matches!(b, b'$' | b'e' | b'E'))
                });
                let by_content =
                    !cells.is_empty() && rates * 10 >= cells.len() * 9 && decimal_written;
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
                kind: None,
            }
        })
        .collect())
}

/// Names of an effective-date column besides those with `effective` in
/// them or starting `eff` (`eff_date`, `effdt`), which come first.
const DATE_NAMES: [&str; 4] = ["date", "ratedate", "startdate", "validfrom"];

/// The effective-date column: forced; else, with a header, the first
/// column named for it (`effective`, `effective_date`, `eff_date`, …, then
/// `date`); without one, a column whose sampled cells are dates in nine
/// rows of ten. Never a key or rate column. An `end date` is not one.
pub(crate) fn detect_date(
    options: &Options,
    header: Option<&[String]>,
    taken: &[usize],
    rows: &[Fields],
) -> Result<Option<DateColumn>, DetectError> {
    let width = width(header, rows);
    let name_of = |c: usize| match header.and_then(|h| h.get(c)) {
        Some(h) if !h.trim().is_empty() => h.trim().to_owned(),
        _ => format!("column {}", c + 1),
    };
    if let Some(col) = &options.date_col {
        let index = resolve(col, header, width)?;
        if taken.contains(&index) {
            return Err(DetectError::Conflict(format!(
                "column {} is both a key or rate column and the effective date",
                index + 1
            )));
        }
        return Ok(Some(DateColumn {
            index,
            name: name_of(index),
        }));
    }
    let free = (0..width).filter(|c| !taken.contains(c));
    let index = match header {
        Some(names) => {
            let normed: Vec<String> = names.iter().map(|h| normalize(h)).collect();
            let effective = |c: &usize| {
                let n = &normed[*c];
                n.contains("effective") || n.starts_with("eff")
            };
            let named = |c: &usize| DATE_NAMES.contains(&normed[*c].as_str());
            let free: Vec<usize> = free.filter(|&c| c < normed.len()).collect();
            free.iter()
                .copied()
                .find(effective)
                .or_else(|| free.iter().copied().find(named))
        }
        None => free.into_iter().find(|&c| {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|v| !v.trim().is_empty())
                .collect();
            let dates = cells
                .iter()
                .filter(|v| crate::date::parse(v).is_some())
                .count();
            !cells.is_empty() && dates * 10 >= cells.len() * 9
        }),
    };
    Ok(index.map(|index| DateColumn {
        index,
        name: name_of(index),
    }))
}
