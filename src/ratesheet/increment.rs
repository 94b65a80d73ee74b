//! Billing increments: the type, and the deck columns that give one per
//! row.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::names::normalize;

/// A billing increment: the first period billed whole, then each next
/// period, in seconds (`60/60`, `6/6`, `30/6`, `1/1`).
///
/// A call of zero length bills nothing; any other call bills at least the
/// first period, then whole next periods:
///
/// ```
/// use nanp_lerg::ratesheet::Increment;
///
/// let six: Increment = "6/6".parse().unwrap();
/// let bills = |ms| six.billed_seconds(ms);
/// assert_eq!([bills(0), bills(1), bills(5_000), bills(6_000), bills(7_000), bills(61_000)], [0, 6, 6, 6, 12, 66]);
/// let thirty_six: Increment = "30/6".parse().unwrap();
/// assert_eq!([thirty_six.billed_seconds(1_000), thirty_six.billed_seconds(31_000)], [30, 36]);
/// assert_eq!("60".parse::<Increment>().unwrap().to_string(), "60/60");
/// assert!("0/6".parse::<Increment>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Increment {
    first: u32,
    next: u32,
}

/// Why a text is not an [`Increment`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a billing increment: write FIRST/NEXT in whole seconds, each at least 1 (6/6, 60/60, 30/6)")]
pub struct IncrementError(String);

impl Increment {
    /// `first/next`, each at least one second.
    ///
    /// # Errors
    ///
    /// When either is zero.
    pub fn new(first: u32, next: u32) -> Result<Increment, IncrementError> {
        if first == 0 || next == 0 {
            return Err(IncrementError(format!("{first}/{next}")));
        }
        Ok(Increment { first, next })
    }

    /// The first period, in seconds.
    pub const fn first(self) -> u32 {
        self.first
    }

    /// Each next period, in seconds.
    pub const fn next(self) -> u32 {
        self.next
    }

    /// The seconds billed for a call of `millis` milliseconds: 0 for a
    /// zero-length call, else the first period and as many next periods
    /// as it takes to cover the call.
    #[inline]
    pub const fn billed_seconds(self, millis: u64) -> u64 {
        if millis == 0 {
            return 0;
        }
        let first = self.first as u64 * 1000;
        if millis <= first {
            return self.first as u64;
        }
        let next = self.next as u64 * 1000;
        self.first as u64 + (millis - first).div_ceil(next) * self.next as u64
    }
}

impl Default for Increment {
    /// `6/6`, the common US wholesale increment.
    fn default() -> Increment {
        Increment { first: 6, next: 6 }
    }
}

/// Whole seconds, at least one digit.
fn seconds(t: &str) -> Option<u32> {
    let t = t.trim();
    if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

impl FromStr for Increment {
    type Err = IncrementError;

    /// `F/N`, or a single `N` for `N/N`.
    fn from_str(s: &str) -> Result<Increment, IncrementError> {
        let err = || IncrementError(s.to_owned());
        let (first, next) = match s.split_once('/') {
            Some((f, n)) => (seconds(f).ok_or_else(err)?, seconds(n).ok_or_else(err)?),
            None => {
                let n = seconds(s).ok_or_else(err)?;
                (n, n)
            }
        };
        Increment::new(first, next).map_err(|_| err())
    }
}

impl fmt::Display for Increment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.first, self.next)
    }
}

impl Serialize for Increment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Names of a column holding a whole increment (`6/6`, or `60` for
/// `60/60`), matched by the one rule for column names.
pub const INCREMENT_NAMES: [&str; 5] = [
    "increment",
    "increments",
    "billing_increment",
    "duration",
    "interval",
];
/// Names of a column holding an increment's first period.
pub const FIRST_PERIOD_NAMES: [&str; 4] =
    ["min_inc", "initial_increment", "first_increment", "initial"];
/// Names of a column holding an increment's next period.
pub const NEXT_PERIOD_NAMES: [&str; 4] = [
    "add_inc",
    "additional_increment",
    "next_increment",
    "additional",
];

/// Where a deck gives each row's billing increment. Serialized with
/// 1-based column numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncrementColumns {
    /// One column (`6/6`, or `60` for `60/60`).
    Whole(usize),
    /// The first period and the next in two columns of whole seconds.
    Periods {
        /// The first period's column.
        first: usize,
        /// The next period's column.
        next: usize,
    },
}

impl Serialize for IncrementColumns {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match *self {
            IncrementColumns::Whole(c) => m.serialize_entry("increment", &(c + 1))?,
            IncrementColumns::Periods { first, next } => {
                m.serialize_entry("first", &(first + 1))?;
                m.serialize_entry("next", &(next + 1))?;
            }
        }
        m.end()
    }
}

impl IncrementColumns {
    /// The columns a header names for increments, among those not
    /// `taken` (keys, rates, the date): two period columns, else a whole one.
    pub(crate) fn detect(header: Option<&[String]>, taken: &[usize]) -> Option<IncrementColumns> {
        let names: Vec<String> = header?.iter().map(|h| normalize(h)).collect();
        let find = |words: &[&str]| {
            let words: Vec<String> = words.iter().map(|w| normalize(w)).collect();
            (0..names.len()).find(|c| !taken.contains(c) && words.contains(&names[*c]))
        };
        match (find(&FIRST_PERIOD_NAMES), find(&NEXT_PERIOD_NAMES)) {
            (Some(first), Some(next)) => Some(IncrementColumns::Periods { first, next }),
            _ => find(&INCREMENT_NAMES).map(IncrementColumns::Whole),
        }
    }

    /// A row's increment: `Ok(None)` when its fields are empty, `Err` with
    /// the column and text of a field that is not one.
    pub(crate) fn read<'a>(
        &self,
        field: impl Fn(usize) -> &'a str,
    ) -> Result<Option<Increment>, (usize, &'a str)> {
        match *self {
            IncrementColumns::Whole(c) => {
                let text = field(c).trim();
                if text.is_empty() {
                    return Ok(None);
                }
                text.parse().map(Some).map_err(|_| (c, text))
            }
            IncrementColumns::Periods { first, next } => {
                let (f, n) = (field(first).trim(), field(next).trim());
                if f.is_empty() && n.is_empty() {
                    return Ok(None);
                }
                let f_secs = seconds(f).ok_or((first, f))?;
                let n_secs = seconds(n).ok_or((next, n))?;
                Increment::new(f_secs, n_secs).map(Some).map_err(|_| {
                    if f_secs == 0 {
                        (first, f)
                    } else {
                        (next, n)
                    }
                })
            }
        }
    }
}
