//! A row's key: the dial prefix read in any form `parse` accepts, its width
//! decided per row, and the index that finds a key seen before.

use std::collections::HashMap;

use super::{KeyColumns, LeadingOne, RejectReason};
use crate::npa::Npa;
use crate::rows::Fields;

/// Most digits in a key: E.164's limit.
const MAX_DIGITS: usize = 15;

/// The digits of a key field, as written: separators (space, `-`, `.`,
/// parentheses, tab) dropped, a leading `+` noted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Digits {
    buf: [u8; MAX_DIGITS],
    len: usize,
    plus: bool,
}

impl Digits {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Reads a field's digits; `None` when it holds anything else (or more
    /// than 15 digits, or none).
    pub(crate) fn read(field: &str) -> Option<Digits> {
        let mut d = Digits {
            buf: [0; MAX_DIGITS],
            len: 0,
            plus: false,
        };
        d.plus = scan_digits(field, |b| {
            if d.len == MAX_DIGITS {
                return false;
            }
            d.buf[d.len] = b;
            d.len += 1;
            true
        })?;
        Some(d)
    }
}

/// The rule for the digits of a dial string, the one every key and number
/// is read by: surrounding white space and a leading `+` aside, digits and
/// the separators space, `-`, `.`, parentheses and tab. Hands each digit
/// to `push`, which refuses one past its limit by returning `false`.
/// Whether a `+` led; `None` for anything else in the field, a refused
/// digit, or no digit at all.
#[inline]
pub(crate) fn scan_digits(field: &str, mut push: impl FnMut(u8) -> bool) -> Option<bool> {
    let field = field.trim();
    let (plus, body) = match field.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, field),
    };
    let mut any = false;
    for b in body.bytes() {
        match b {
            b'0'..=b'9' => {
                if !push(b) {
                    return None;
                }
                any = true;
            }
            b' ' | b'-' | b'.' | b'(' | b')' | b'\t' => {}
            _ => return None,
        }
    }
    any.then_some(plus)
}

/// A row's destination code, normalised: for the NANP, the digits after
/// the country code (`201200` for `1201200`, `1 201 200`, `(201) 200`);
/// for another country, the digits as dialled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// A +1 destination.
    Nanp {
        npa: Npa,
        /// The NXX, when the key holds all three of its digits.
        nxx: Option<u16>,
        /// The thousands digit, when the key holds it.
        block: Option<u8>,
    },
    /// Another country's prefix.
    Foreign,
}

/// Appends the digits `tail`: a slice of `text`'s end when the digits are
/// the field as written (a copy with no check), else one by one.
fn push_digits(out: &mut String, text: Option<&str>, tail: &[u8]) {
    match text {
        Some(t) if t.len() >= tail.len() => out.push_str(&t[t.len() - tail.len()..]),
        _ => out.extend(tail.iter().map(|&b| char::from(b))),
    }
}

/// Reads the key of `row`; `digits` receives the normalised code.
#[inline]
pub(crate) fn key_of(
    row: &Fields,
    key: KeyColumns,
    leading_one: LeadingOne,
    digits: &mut String,
) -> Result<Key, RejectReason> {
    digits.clear();
    let (field, nxx_field) = match key {
        KeyColumns::Prefix(c) => (row.get(c), None),
        KeyColumns::Split { npa, nxx } => (row.get(npa), Some(row.get(nxx).unwrap_or(""))),
    };
    let field = field.unwrap_or("");
    let bytes = field.as_bytes();
    // Nearly every key is plain digits: no copy, no separators to drop.
    let parsed;
    let plain =
        !bytes.is_empty() && bytes.len() <= MAX_DIGITS && bytes.iter().all(u8::is_ascii_digit);
    // The field itself, when its digits are all of it: the key is its tail.
    let text = plain.then_some(field);
    let (all, plus) = if plain {
        (bytes, false)
    } else {
        if field.trim().is_empty() {
            return Err(RejectReason::MissingPrefix);
        }
        parsed = Digits::read(field).ok_or_else(|| RejectReason::MalformedPrefix(echo(field)))?;
        (parsed.as_bytes(), parsed.plus)
    };
    let Some(nxx_field) = nxx_field else {
        return prefix_key(all, plus, leading_one, field, text, digits);
    };
    // An NPA column holds NANP codes only: `1907` and `907` are both 907.
    let npa = match all {
        [b'1', rest @ ..] if rest.len() == 3 => rest,
        rest if rest.len() == 3 && !plus => rest,
        _ => return Err(RejectReason::MalformedPrefix(echo(field))),
    };
    let npa = npa_of(npa)?;
    let n = nxx_field.trim();
    if n.is_empty() {
        return Err(RejectReason::MissingNxx);
    }
    let nxx = n.as_bytes();
    if !matches!(nxx.len(), 3 | 4) || !nxx.iter().all(u8::is_ascii_digit) || nxx[0] < b'2' {
        return Err(RejectReason::InvalidNxx(echo(n)));
    }
    push_digits(digits, None, &all[all.len() - 3..]);
    push_digits(digits, Some(n), nxx);
    Ok(Key::Nanp {
        npa,
        nxx: Some(number(&nxx[..3])),
        block: nxx.get(3).map(|b| b - b'0'),
    })
}

fn prefix_key(
    all: &[u8],
    plus: bool,
    leading_one: LeadingOne,
    field: &str,
    text: Option<&str>,
    digits: &mut String,
) -> Result<Key, RejectReason> {
    // A leading 1 is the NANP's country code whatever the deck's policy:
    // no NPA starts with 1. A `+` says a country code follows.
    let rest = match all {
        [b'1', rest @ ..] => rest,
        _ if plus || leading_one == LeadingOne::Present => {
            if all[0] == b'0' {
                return Err(RejectReason::MalformedPrefix(echo(field)));
            }
            push_digits(digits, text, all);
            return Ok(Key::Foreign);
        }
        [b'0', ..] => return Err(RejectReason::MalformedPrefix(echo(field))),
        _ => all,
    };
    let international = rest.len() != all.len();
    if rest.len() < 3 {
        return Err(if international {
            RejectReason::IncompletePrefix(echo(field))
        } else {
            RejectReason::MalformedPrefix(echo(field))
        });
    }
    if rest.len() > 10 {
        return Err(RejectReason::MalformedPrefix(echo(field)));
    }
    let npa = npa_of(&rest[..3])?;
    // A partial NXX narrows nothing a rate sheet prices by, but it still
    // cannot start with 0 or 1.
    if rest.len() > 3 && rest[3] < b'2' {
        let end = rest.len().min(6);
        return Err(RejectReason::InvalidNxx(echo(
            std::str::from_utf8(&rest[3..end]).unwrap_or(""),
        )));
    }
    push_digits(digits, text, rest);
    Ok(Key::Nanp {
        npa,
        nxx: (rest.len() >= 6).then(|| number(&rest[3..6])),
        block: rest.get(6).map(|b| b - b'0'),
    })
}

fn npa_of(d: &[u8]) -> Result<Npa, RejectReason> {
    Npa::new(number(d))
        .ok_or_else(|| RejectReason::InvalidNpa(std::str::from_utf8(d).unwrap_or("").to_owned()))
}

#[inline]
fn number(d: &[u8]) -> u16 {
    d.iter().fold(0u16, |n, &b| n * 10 + u16::from(b - b'0'))
}

/// Longest value echoed in a message: a 5 MB field is not printed whole.
const ECHO_CHARS: usize = 40;

/// `value` for a message: cut after 40 characters, saying how long it was.
pub(crate) fn echo(value: &str) -> String {
    match value.char_indices().nth(ECHO_CHARS) {
        None => value.to_owned(),
        Some((cut, _)) => format!("{}… ({} bytes)", &value[..cut], value.len()),
    }
}

/// Where each key was first seen, in memory bounded by the numbering
/// space and by the keys, never by the rows.
///
/// NPA, NPA-NXX and NPA-NXX-X keys (nearly every US deck) are
/// direct-addressed: a bitset answers "seen?" (100 KB for every NPA-NXX,
/// 1 MB for every NPA-NXX-X: small enough to stay in cache), and the first
/// line of each key is written once beside it and read only for a repeat:
/// per NPA a page of lines for its NXXs, and for NPA-NXX-X keys a block of
/// ten lines per NPA-NXX that has any (about 4 bytes a key). Other keys
/// (partial codes, whole numbers, other countries' prefixes) go in a hash
/// map. Lines are kept as `u32` (a deck of four billion lines saturates
/// them).
#[derive(Debug, Default)]
pub(crate) struct KeyIndex {
    /// A bit per key seen: NPA, NPA-NXX, NPA-NXX-X.
    seen: [Vec<u64>; 3],
    /// First lines of NPA keys.
    npa_lines: Vec<u32>,
    /// Per NPA, first lines of its NPA-NXX keys.
    nxx_lines: Vec<Option<Box<[u32]>>>,
    /// Per NPA, for each NXX, 1 + the index in `block_lines` of its ten.
    block_index: Vec<Option<Box<[u32]>>>,
    block_lines: Vec<[u32; 10]>,
    other: HashMap<KeyCode, u32>,
}

/// A normalised key in one word: its digits' value, their count, and
/// whether it is a +1 key. `12`, `012` and a +1 `12…` stay apart; 15
/// digits need 50 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct KeyCode(u64);

impl KeyCode {
    /// The code of `digits` (the normalised key, ASCII digits only).
    #[inline]
    pub(crate) fn new(nanp: bool, digits: &str) -> KeyCode {
        let d = digits.as_bytes();
        let value = d.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'));
        KeyCode((d.len() as u64) << 56 | u64::from(nanp) << 55 | value)
    }

    fn len(self) -> usize {
        (self.0 >> 56) as usize
    }

    fn nanp(self) -> bool {
        self.0 >> 55 & 1 == 1
    }

    fn value(self) -> u64 {
        self.0 & ((1 << 55) - 1)
    }

    /// The key as a message shows it: `1201200` for a +1 key.
    pub(crate) fn text(self) -> String {
        let digits = match self.len() {
            0 => String::new(),
            len => format!("{:0len$}", self.value()),
        };
        if self.nanp() {
            format!("1{digits}")
        } else {
            digits
        }
    }
}

impl KeyIndex {
    /// Records `key` on `line`; the line it was first seen on, if it was.
    #[inline]
    pub(crate) fn first_seen(&mut self, key: KeyCode, line: u64) -> Option<u64> {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        if !key.nanp() || !matches!(key.len(), 3 | 6 | 7) {
            return self.first_seen_other(key, line);
        }
        // A +1 key's first three digits are a valid NPA, 200–999.
        let value = key.value() as usize;
        let (width, npa, bit) = match key.len() {
            3 => (0, value - 200, value - 200),
            6 => (1, value / 1000 - 200, value - 200_000),
            _ => (2, value / 10_000 - 200, value - 2_000_000),
        };
        let seen = &mut self.seen[width];
        if seen.is_empty() {
            *seen = vec![0; ([800, 800_000, 8_000_000][width] as usize).div_ceil(64)];
        }
        let mask = 1u64 << (bit % 64);
        let repeat = seen[bit / 64] & mask != 0;
        seen[bit / 64] |= mask;
        let slot = self.line_slot(width, npa, bit);
        if repeat {
            Some(u64::from(*slot))
        } else {
            *slot = line;
            None
        }
    }

    /// Where the first line of a direct-addressed key is kept.
    fn line_slot(&mut self, width: usize, npa: usize, bit: usize) -> &mut u32 {
        fn page(pages: &mut Vec<Option<Box<[u32]>>>, npa: usize) -> &mut [u32] {
            if pages.is_empty() {
                pages.resize(800, None);
            }
            pages[npa].get_or_insert_with(|| vec![0; 1000].into_boxed_slice())
        }
        match width {
            0 => {
                if self.npa_lines.is_empty() {
                    self.npa_lines = vec![0; 800];
                }
                &mut self.npa_lines[npa]
            }
            1 => &mut page(&mut self.nxx_lines, npa)[bit % 1000],
            _ => {
                let nxx = bit / 10 % 1000;
                let index = &mut page(&mut self.block_index, npa)[nxx];
                if *index == 0 {
                    self.block_lines.push([0; 10]);
                    *index = self.block_lines.len() as u32;
                }
                &mut self.block_lines[*index as usize - 1][bit % 10]
            }
        }
    }

    fn first_seen_other(&mut self, key: KeyCode, line: u32) -> Option<u64> {
        let slot = self.other.entry(key).or_insert(0);
        if *slot == 0 {
            *slot = line;
            None
        } else {
            Some(u64::from(*slot))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(field: &str, leading_one: LeadingOne) -> Result<(Key, String), RejectReason> {
        let row = Fields::from_fields(1, [field]);
        let mut digits = String::new();
        key_of(&row, KeyColumns::Prefix(0), leading_one, &mut digits).map(|k| (k, digits))
    }

    #[test]
    fn widths_are_decided_per_row() {
        for (field, digits, nxx, block) in [
            ("201200", "201200", Some(200), None),
            ("2012001", "2012001", Some(200), Some(1)),
            ("1201200", "201200", Some(200), None),
            ("12012001", "2012001", Some(200), Some(1)),
            ("1 201 202", "201202", Some(202), None),
            ("1-201-203", "201203", Some(203), None),
            ("(201) 204", "201204", Some(204), None),
            ("201", "201", None, None),
        ] {
            let (k, d) = key(field, LeadingOne::Absent).unwrap();
            assert_eq!(d, digits, "{field}");
            let npa = Npa::new(201).unwrap();
            assert_eq!(k, Key::Nanp { npa, nxx, block }, "{field}");
        }
        assert_eq!(
            key("44", LeadingOne::Present).unwrap(),
            (Key::Foreign, "44".into())
        );
        assert!(matches!(
            key("0044", LeadingOne::Present),
            Err(RejectReason::MalformedPrefix(_))
        ));
    }

    #[test]
    fn the_index_remembers_the_first_line() {
        let mut index = KeyIndex::default();
        let mut seen = |nanp, key, line| index.first_seen(KeyCode::new(nanp, key), line);
        assert_eq!(seen(true, "201200", 2), None);
        assert_eq!(seen(true, "2012001", 3), None);
        assert_eq!(seen(true, "201200", 9), Some(2));
        assert_eq!(seen(true, "201", 10), None);
        assert_eq!(seen(false, "201", 11), None, "+201 is Egypt, not NPA 201");
        assert_eq!(seen(true, "2012001", 12), Some(3));
        assert_eq!(seen(true, "999999", 13), None);
        assert_eq!(seen(true, "9999999", 14), None);
        assert_eq!(seen(false, "0044", 15), None);
        assert_eq!(seen(false, "044", 16), None, "044 is not 0044");
        assert_eq!(seen(false, "0044", 17), Some(15));
        assert_eq!(seen(true, "20120", 18), None);
        assert_eq!(seen(true, "20120", 19), Some(18));
    }

    #[test]
    fn key_codes_say_their_key() {
        assert_eq!(KeyCode::new(true, "201200").text(), "1201200");
        assert_eq!(KeyCode::new(false, "0044").text(), "0044");
        assert_eq!(KeyCode::new(false, "").text(), "");
        assert_eq!(
            KeyCode::new(true, "999999999999999").text(),
            "1999999999999999"
        );
    }

    #[test]
    fn echo_cuts_long_values() {
        let long = "x".repeat(5_000_000);
        let e = echo(&long);
        assert!(e.len() < 80 && e.ends_with("(5000000 bytes)"), "{e}");
        assert_eq!(echo("short"), "short");
    }
}
