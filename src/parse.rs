//! [`parse`]: the NPA (and NXX and line, where present) of any dial string a
//! rate sheet or CDR holds.

use std::fmt;
use std::str::FromStr;

use crate::npa::Npa;

/// Most digits a NANP dial string can hold: 1 + NPA + NXX + line.
const MAX_DIGITS: usize = 11;

/// A parsed NANP dial string: its NPA, and its NXX and line number when the
/// input held them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dialed {
    /// The area code.
    pub npa: Npa,
    /// The central office code (the next three digits), if present.
    pub nxx: Option<u16>,
    /// The line number (the last four digits), if present.
    pub line: Option<u16>,
}

impl fmt::Display for Dialed {
    /// Writes the digits in the rate-sheet key form: `1` + NPA (+ NXX (+ line)).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1{}", self.npa)?;
        if let Some(nxx) = self.nxx {
            write!(f, "{nxx:03}")?;
        }
        if let Some(line) = self.line {
            write!(f, "{line:04}")?;
        }
        Ok(())
    }
}

/// Why a string is not a NANP dial string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Nothing but white space.
    #[error("empty input")]
    Empty,
    /// A character that is neither a digit nor a separator (space, `-`, `.`, `(`, `)`, a leading `+`).
    #[error("unexpected character {ch:?} at byte {position}")]
    InvalidCharacter {
        /// The character.
        ch: char,
        /// Its byte offset in the input.
        position: usize,
    },
    /// Separators but no digits.
    #[error("no digits")]
    NoDigits,
    /// A `+` country code other than 1: not a NANP number.
    #[error("country code +{country_code} is not the NANP's +1")]
    NotNanp {
        /// The digits after `+`, up to the first separator (at most three).
        country_code: u16,
    },
    /// Fewer than the three digits of an NPA.
    #[error("too short: {digits} digit(s) after any leading 1, an NPA needs 3")]
    TooShort {
        /// Digits found, after any leading 1.
        digits: usize,
    },
    /// More than `1` + ten digits.
    #[error("too long: {digits} digits, a NANP number has at most 11 (1 + 10)")]
    TooLong {
        /// Digits found.
        digits: usize,
    },
    /// A digit count that is no NANP form (the count as written, any 1 included).
    #[error(
        "{digits} digits after any country code: expected 3 (NPA), 6 (NPA+NXX) or 10 (NPA+NXX+line)"
    )]
    Length {
        /// Digits found, after the country code 1 when there was one
        /// (`+1`, or a 1 that leaves 3, 6 or 10 digits).
        digits: usize,
    },
    /// The NPA starts with 0 or 1.
    #[error("the NPA cannot start with {digit} (NANP area codes start with 2-9)")]
    NpaLeadingDigit {
        /// The digit.
        digit: char,
    },
    /// The NXX starts with 0 or 1.
    #[error("the NXX cannot start with {digit} (NANP central office codes start with 2-9)")]
    NxxLeadingDigit {
        /// The digit.
        digit: char,
    },
}

/// Parses a NANP dial string in any of the forms rate sheets and CDRs use.
///
/// Accepted: `670`, `1670`, `670234`, `1670234`, `6702345678`,
/// `16702345678`, `+16702345678`, `+1 (670) 234-5678`, `1-670-234-5678`,
/// `1.670.234.5678`, with any surrounding white space. A leading `1` is the
/// country code when it leaves 3, 6 or 10 digits. No allocation.
///
/// ```
/// use nanp_lerg::{parse, ParseError};
///
/// let d = parse("+1 (670) 234-5678").unwrap();
/// assert_eq!((d.npa.get(), d.nxx, d.line), (670, Some(234), Some(5678)));
/// assert_eq!(parse("1670234").unwrap().nxx, Some(234));
/// assert_eq!(parse("+44 20 7946 0958"), Err(ParseError::NotNanp { country_code: 44 }));
/// assert_eq!(parse("0670"), Err(ParseError::Length { digits: 4 }));
/// assert_eq!(parse("170"), Err(ParseError::NpaLeadingDigit { digit: '1' }));
/// ```
pub fn parse(input: &str) -> Result<Dialed, ParseError> {
    let mut digits = [0u8; MAX_DIGITS];
    let mut count = 0usize;
    let mut plus = false;
    // Digits after `+` up to the first separator: the country code as written.
    let mut country_code: u16 = 0;
    let mut in_country_code = false;
    let start = input.len() - input.trim_start().len();
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    for (i, ch) in trimmed.char_indices() {
        match ch {
            '0'..='9' => {
                if count < MAX_DIGITS {
                    digits[count] = ch as u8 - b'0';
                }
                count += 1;
                if in_country_code && count <= 3 {
                    country_code = country_code * 10 + u16::from(ch as u8 - b'0');
                }
            }
            '+' if i == 0 => {
                plus = true;
                in_country_code = true;
            }
            // The country code ends at the first separator after its digits.
            ' ' | '-' | '.' | '(' | ')' | '\t' => in_country_code &= count == 0,
            _ => {
                return Err(ParseError::InvalidCharacter {
                    ch,
                    position: start + i,
                })
            }
        }
    }
    if count == 0 {
        return Err(ParseError::NoDigits);
    }
    if plus && digits[0] != 1 {
        return Err(ParseError::NotNanp { country_code });
    }
    if count > MAX_DIGITS {
        return Err(ParseError::TooLong { digits: count });
    }
    let mut d = &digits[..count];
    // After `+`, the 1 was checked above; without it, a leading 1 is the
    // country code only when it leaves a whole NANP form.
    if plus || (d[0] == 1 && matches!(count, 4 | 7 | 11)) {
        d = &d[1..];
    }
    let number = |ds: &[u8]| ds.iter().fold(0u16, |n, &x| n * 10 + u16::from(x));
    let (nxx, line) = match d.len() {
        0..=2 => return Err(ParseError::TooShort { digits: d.len() }),
        3 => (None, None),
        6 => (Some(&d[3..6]), None),
        10 => (Some(&d[3..6]), Some(number(&d[6..10]))),
        n => return Err(ParseError::Length { digits: n }),
    };
    if d[0] < 2 {
        return Err(ParseError::NpaLeadingDigit {
            digit: char::from(b'0' + d[0]),
        });
    }
    if let Some(nxx) = nxx {
        if nxx[0] < 2 {
            return Err(ParseError::NxxLeadingDigit {
                digit: char::from(b'0' + nxx[0]),
            });
        }
    }
    match Npa::new(number(&d[..3])) {
        Some(npa) => Ok(Dialed {
            npa,
            nxx: nxx.map(number),
            line,
        }),
        None => Err(ParseError::NpaLeadingDigit {
            digit: char::from(b'0' + d[0]),
        }),
    }
}

impl FromStr for Dialed {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Dialed, ParseError> {
        parse(s)
    }
}
