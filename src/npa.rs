//! The [`Npa`] type: a numbering plan area code that is valid by construction.
//!
//! Shared with `build.rs` (included there with `#[path]`), so it depends on
//! nothing but `std`, `serde` and `thiserror`.

use std::fmt;
use std::str::FromStr;

/// A NANP numbering plan area code (area code): three digits, the first 2–9.
///
/// An `Npa` can only hold such a code, so functions that take one never have
/// to check it again. Whether the code is in service is a separate question,
/// answered by [`crate::classify`].
///
/// ```
/// use nanp_lerg::Npa;
///
/// let npa: Npa = "670".parse().unwrap();
/// assert_eq!(npa.get(), 670);
/// assert_eq!(Npa::new(199), None);
/// assert!("067".parse::<Npa>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Npa(u16);

impl Npa {
    /// The smallest valid code, 200.
    pub const MIN: Npa = Npa(200);
    /// The largest valid code, 999.
    pub const MAX: Npa = Npa(999);

    /// `Some` when `code` is in 200–999 (the `[2-9]XX` pattern), else `None`.
    pub const fn new(code: u16) -> Option<Npa> {
        if code >= 200 && code <= 999 {
            Some(Npa(code))
        } else {
            None
        }
    }

    /// The code as a number, 200–999.
    pub const fn get(self) -> u16 {
        self.0
    }

    /// Builds an `Npa` in a generated table. Only ever evaluated in a
    /// `static` initializer, where an invalid code is a compile error.
    #[allow(dead_code)]
    pub(crate) const fn from_table(code: u16) -> Npa {
        match Npa::new(code) {
            Some(npa) => npa,
            None => panic!("generated table holds an invalid NPA"),
        }
    }

    /// The code's index in a table of every valid code (0 for 200, 799 for 999).
    pub const fn index(self) -> usize {
        (self.0 - 200) as usize
    }

    /// Every valid code, 200 through 999, ascending.
    pub fn all() -> impl DoubleEndedIterator<Item = Npa> + ExactSizeIterator {
        (200..=999).map(Npa)
    }
}

impl fmt::Display for Npa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Npa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Npa({})", self.0)
    }
}

/// An NPA equals the number it holds: `npa == 671`.
impl PartialEq<u16> for Npa {
    fn eq(&self, other: &u16) -> bool {
        self.0 == *other
    }
}

impl From<Npa> for u16 {
    fn from(npa: Npa) -> u16 {
        npa.0
    }
}

impl TryFrom<u16> for Npa {
    type Error = NpaError;

    fn try_from(code: u16) -> Result<Npa, NpaError> {
        Npa::new(code).ok_or(NpaError::OutOfRange(code))
    }
}

/// Why a value is not an [`Npa`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NpaError {
    /// Not exactly three ASCII digits.
    #[error("an NPA is exactly three digits")]
    NotThreeDigits,
    /// Three digits, but the first is 0 or 1, which NANP area codes never start with.
    #[error("an NPA cannot start with {0} (the first digit is 2-9)")]
    LeadingDigit(char),
    /// A number outside 200–999.
    #[error("{0} is not an NPA (200-999)")]
    OutOfRange(u16),
}

impl FromStr for Npa {
    type Err = NpaError;

    /// Parses exactly three digits, `[2-9]XX`. For dial strings such as
    /// `+1 (670) 234-5678` use [`crate::parse`].
    fn from_str(s: &str) -> Result<Npa, NpaError> {
        let b = s.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_digit) {
            return Err(NpaError::NotThreeDigits);
        }
        if b[0] < b'2' {
            return Err(NpaError::LeadingDigit(b[0] as char));
        }
        let code = b.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        Ok(Npa(code))
    }
}

impl serde::Serialize for Npa {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}
