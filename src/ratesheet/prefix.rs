//! [`Prefix`]: a deck's code as a value, in the international digit space
//! where longest-prefix matching happens.

use std::fmt;

use super::key::scan_digits;

use crate::npa::Npa;

/// Most digits in a prefix: E.164's limit.
const MAX: u32 = 15;

/// 10^n for n in 0..=15.
const POW10: [u64; 16] = {
    let mut p = [1u64; 16];
    let mut i = 1;
    while i < 16 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// A destination code: the digits a call dials to reach it, with the
/// country code (`1201200` for NPA 201, NXX 200; `44` for the United
/// Kingdom), at most 15 of them.
///
/// `Display` writes the code as decks are normalized ([`Row::key`]): the
/// digits after the `1` for a +1 code (`201200`), the digits as dialled for
/// another country's (`44`). Prefixes order as their dialled digits do
/// (`1201` < `1201200` < `12012001` < `1201201` < `44`): every +1 code
/// first, each followed by the longer codes it is a prefix of.
///
/// ```
/// use nanp_lerg::ratesheet::Prefix;
///
/// let p = Prefix::dialled("+1 (201) 200").unwrap();
/// assert_eq!(p.to_string(), "201200");
/// assert_eq!(p.international(), "1201200");
/// assert_eq!((p.npa().map(|n| n.get()), p.nxx()), (Some(201), Some(200)));
/// assert!(Prefix::dialled("1201").unwrap().is_prefix_of(p));
/// assert!(Prefix::dialled("1201").unwrap() < p);
/// assert_eq!(Prefix::dialled("44").unwrap().npa(), None);
/// assert_eq!(Prefix::dialled("12O1"), None);
/// ```
///
/// [`Row::key`]: super::Row::key
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Prefix(
    /// The digits as a 15-digit number padded with zeros on the right,
    /// shifted left four bits, with the digit count in the low four bits:
    /// ordering the numbers orders the digit strings.
    u64,
);

impl Prefix {
    /// The prefix of `number`'s digits: dialled internationally, so a +1
    /// number starts with its 1 (`12015550100`, `+1 201-555-0100`); spaces,
    /// `-`, `.`, parentheses and a leading `+` are ignored. `None` when it
    /// holds anything else, no digit, or more than 15.
    pub fn dialled(number: &str) -> Option<Prefix> {
        // The reader's rule for a key's digits, in one pass.
        let (mut value, mut len) = (0u64, 0usize);
        scan_digits(number, |b| {
            if len == MAX as usize {
                return false;
            }
            value = value * 10 + u64::from(b - b'0');
            len += 1;
            true
        })?;
        Some(Prefix(
            (value * POW10[MAX as usize - len]) << 4 | len as u64,
        ))
    }

    /// From ASCII digits, 1 to 15 of them.
    pub(crate) fn from_digits(digits: &[u8]) -> Option<Prefix> {
        if digits.is_empty() || digits.len() > MAX as usize {
            return None;
        }
        let mut value = 0u64;
        for &b in digits {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            value = value * 10 + u64::from(d);
        }
        let len = digits.len();
        Some(Prefix(
            (value * POW10[MAX as usize - len]) << 4 | len as u64,
        ))
    }

    /// A reader's normalized key: with `nanp`, the digits after the 1.
    pub(crate) fn from_key(nanp: bool, key: &str) -> Option<Prefix> {
        if !nanp {
            return Prefix::from_digits(key.as_bytes());
        }
        let mut digits = [b'1'; MAX as usize];
        let key = key.as_bytes();
        if key.len() >= MAX as usize {
            return None;
        }
        digits[1..=key.len()].copy_from_slice(key);
        Prefix::from_digits(&digits[..=key.len()])
    }

    /// How many digits are dialled (with the country code).
    pub const fn dialled_len(self) -> usize {
        (self.0 & 0xF) as usize
    }

    /// The padded digits.
    const fn value(self) -> u64 {
        self.0 >> 4
    }

    /// The `i`th digit dialled (0-based).
    const fn digit(self, i: usize) -> u8 {
        (self.value() / POW10[MAX as usize - 1 - i] % 10) as u8
    }

    /// Whether the code is +1: its first digit is the NANP's country code.
    pub const fn is_nanp(self) -> bool {
        // The first of 15 padded digits is 1.
        let v = self.value();
        v >= POW10[14] && v < 2 * POW10[14]
    }

    /// The NPA of a +1 code (`None` for another country's).
    pub fn npa(self) -> Option<Npa> {
        if !self.is_nanp() || self.dialled_len() < 4 {
            return None;
        }
        Npa::new((self.value() / POW10[11] % 1000) as u16)
    }

    /// The NXX of a +1 code that holds all three of its digits.
    pub fn nxx(self) -> Option<u16> {
        (self.is_nanp() && self.dialled_len() >= 7).then(|| (self.value() / POW10[8] % 1000) as u16)
    }

    /// The first `len` digits (all of them if there are fewer).
    pub const fn truncate(self, len: usize) -> Prefix {
        if len >= self.dialled_len() || len == 0 {
            return self;
        }
        let unit = POW10[MAX as usize - len];
        Prefix((self.value() / unit * unit) << 4 | len as u64)
    }

    /// Whether a call dialling `other` dials these digits first (a prefix
    /// is a prefix of itself).
    pub const fn is_prefix_of(self, other: Prefix) -> bool {
        self.dialled_len() <= other.dialled_len() && other.truncate(self.dialled_len()).0 == self.0
    }

    /// The digits as dialled, with the country code (`1201200`, `44`).
    pub fn international(self) -> String {
        let mut s = String::with_capacity(self.dialled_len());
        self.write_digits(&mut s, 0).expect("writing to a String");
        s
    }

    fn write_digits(self, f: &mut impl fmt::Write, from: usize) -> fmt::Result {
        for i in from..self.dialled_len() {
            f.write_char(char::from(b'0' + self.digit(i)))?;
        }
        Ok(())
    }

    /// Appends the normalized code, as `Display` writes it: for output
    /// written by the million.
    pub(crate) fn push_normalized(self, out: &mut Vec<u8>) {
        let len = self.dialled_len();
        let mut n = self.value() / POW10[MAX as usize - len];
        let mut digits = [0u8; MAX as usize];
        for d in digits[..len].iter_mut().rev() {
            *d = b'0' + (n % 10) as u8;
            n /= 10;
        }
        out.extend_from_slice(&digits[usize::from(self.is_nanp())..len]);
    }

    /// The packed value (ordered as the prefixes are), for the deck's index.
    pub(crate) const fn packed(self) -> u64 {
        self.0
    }

    /// The digits as a 15-digit number, padded with zeros on the right.
    pub(crate) const fn padded(self) -> u64 {
        self.value()
    }
}

impl fmt::Display for Prefix {
    /// The normalized code: the digits after the 1 for +1, else as dialled.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_digits(f, usize::from(self.is_nanp()))
    }
}

impl fmt::Debug for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Prefix(+{})", self.international())
    }
}

impl serde::Serialize for Prefix {
    /// As `Display`: the normalized code.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Prefix {
        Prefix::dialled(s).unwrap()
    }

    #[test]
    fn order_is_the_order_of_the_digit_strings() {
        let mut v = vec![
            p("44"),
            p("1201201"),
            p("12012001"),
            p("1201200"),
            p("1201"),
            p("447"),
            p("1"),
            p("999999999999999"),
            p("12"),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(|p| p.international()).collect();
        assert_eq!(
            s,
            [
                "1",
                "12",
                "1201",
                "1201200",
                "12012001",
                "1201201",
                "44",
                "447",
                "999999999999999"
            ]
        );
    }

    #[test]
    fn parts_and_truncation() {
        let x = p("12012001");
        assert_eq!(x.to_string(), "2012001");
        assert_eq!(x.truncate(4), p("1201"));
        assert_eq!(x.truncate(7).to_string(), "201200");
        assert_eq!(x.truncate(20), x);
        assert!(p("1201").is_prefix_of(x));
        assert!(!p("1202").is_prefix_of(x));
        assert!(!x.is_prefix_of(p("1201")));
        assert_eq!(p("1201").nxx(), None);
        assert_eq!(p("120").npa(), None);
        assert_eq!(p("44").to_string(), "44");
        assert_eq!(p("44").padded(), 440_000_000_000_000);
        assert_eq!(Prefix::from_key(true, "201200"), Some(p("1201200")));
        assert_eq!(Prefix::from_key(false, "201"), Some(p("201")));
        assert_eq!(Prefix::dialled("1234567890123456"), None, "16 digits");
        assert_eq!(Prefix::dialled(""), None);
    }
}
