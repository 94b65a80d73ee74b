//! [`Rate`]: a per-minute price, exact to the deck's own decimal places.

use std::fmt;

/// Decimal places every rate is held at internally: exact for any rate a
/// deck writes with up to 12 decimals.
const SCALE: u32 = 12;
const ONE: i64 = 10i64.pow(SCALE);

/// A rate as a deck writes it (`0.0096561`, `$0.01`, `1.2e-3`), held exactly:
/// no binary floating point, so sums, minima and medians are exact.
///
/// ```
/// use nanp_lerg::ratesheet::Rate;
///
/// let r: Rate = "$0.0096561".parse().unwrap();
/// assert_eq!(r.to_string(), "0.0096561");
/// assert_eq!("1.2e-3".parse::<Rate>().unwrap().to_string(), "0.0012");
/// assert!("N/A".parse::<Rate>().is_err());
/// ```
///
/// Two rates are equal when their values are: `0.01 == 0.0100`, though each
/// displays as written.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    /// The value in units of 10^-12.
    pico: i64,
    /// Decimal places as written (after applying any exponent).
    places: u8,
}

impl PartialEq for Rate {
    fn eq(&self, other: &Rate) -> bool {
        self.pico == other.pico
    }
}

impl Eq for Rate {}

impl PartialOrd for Rate {
    fn partial_cmp(&self, other: &Rate) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rate {
    fn cmp(&self, other: &Rate) -> std::cmp::Ordering {
        self.pico.cmp(&other.pico)
    }
}

impl std::hash::Hash for Rate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.pico.hash(state);
    }
}

/// Why a field is not a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a rate (expected a decimal such as 0.0125, $0.0125 or 1.25e-2)")]
pub struct RateError;

impl Rate {
    /// The rate's value in units of 10^-12.
    pub const fn pico(self) -> i64 {
        self.pico
    }

    /// Decimal places as written.
    pub const fn places(self) -> u8 {
        self.places
    }

    /// Builds a rate from a value in units of 10^-12, shown with `places` decimals.
    pub const fn from_pico(pico: i64, places: u8) -> Rate {
        Rate { pico, places }
    }

    /// The rate as `f64`, for display or plotting; not for arithmetic.
    pub fn to_f64(self) -> f64 {
        self.pico as f64 / ONE as f64
    }

    /// Parses a field: `0.01`, `.01`, `1`, `$0.01`, `1.2e-3`, `-0.5`, with
    /// surrounding spaces. `Ok(None)` for an empty field (no rate).
    #[inline]
    pub fn parse_field(field: &[u8]) -> Result<Option<Rate>, RateError> {
        if let Some(rate) = parse_plain(field) {
            return Ok(Some(rate));
        }
        let field = field.trim_ascii();
        if field.is_empty() {
            return Ok(None);
        }
        parse_bytes(field).map(Some)
    }
}

/// Powers of ten that fit in a `u64`.
const POW10: [u64; 20] = {
    let mut p = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// The form nearly every deck writes, `0.0123` (digits, one point, digits,
/// at most 12 decimals and 18 digits), without the general parser's
/// branches. `None` sends anything else to the general parser.
#[inline]
fn parse_plain(s: &[u8]) -> Option<Rate> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    let mut digits: u64 = 0;
    let mut point = usize::MAX;
    for (i, &b) in s.iter().enumerate() {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            digits = digits * 10 + u64::from(d);
        } else if b == b'.' && point == usize::MAX {
            point = i;
        } else {
            return None;
        }
    }
    let places = if point == usize::MAX {
        0
    } else {
        s.len() - point - 1
    };
    if places > SCALE as usize || s.len() == usize::from(point != usize::MAX) {
        return None;
    }
    let pico = digits.checked_mul(POW10[SCALE as usize - places])?;
    Some(Rate {
        pico: i64::try_from(pico).ok()?,
        places: places as u8,
    })
}

/// One pass over the bytes: the general form, with sign, `$` and exponent.
#[inline]
fn parse_bytes(s: &[u8]) -> Result<Rate, RateError> {
    let (negative, s) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    let s = s.strip_prefix(b"$").unwrap_or(s);
    let mut digits: u64 = 0;
    let mut count = 0u32;
    let mut places: i32 = 0;
    let mut seen_point = false;
    let mut exponent = 0;
    for (i, &b) in s.iter().enumerate() {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            // 19 digits always fit in a u64.
            if count == 19 {
                return Err(RateError);
            }
            digits = digits * 10 + u64::from(d);
            count += 1;
            places += i32::from(seen_point);
        } else if b == b'.' && !seen_point {
            seen_point = true;
        } else if b == b'e' || b == b'E' {
            exponent = parse_exponent(&s[i + 1..])?;
            break;
        } else {
            return Err(RateError);
        }
    }
    if count == 0 {
        return Err(RateError);
    }
    // value = digits * 10^(exponent - places) = pico * 10^-SCALE
    let written = places - exponent;
    let shift = SCALE as i32 - written;
    let pico = if shift >= 0 {
        POW10
            .get(shift as usize)
            .and_then(|&m| digits.checked_mul(m))
    } else {
        // More places than the internal scale: exact only if they are zeros.
        POW10
            .get((-shift) as usize)
            .and_then(|&div| (digits % div == 0).then(|| digits / div))
    }
    .and_then(|p| i64::try_from(p).ok())
    .ok_or(RateError)?;
    Ok(Rate {
        pico: if negative { -pico } else { pico },
        places: written.clamp(0, SCALE as i32) as u8,
    })
}

fn parse_exponent(s: &[u8]) -> Result<i32, RateError> {
    let (negative, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() || digits.len() > 3 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(RateError);
    }
    let n = digits
        .iter()
        .fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
    Ok(if negative { -n } else { n })
}

impl std::str::FromStr for Rate {
    type Err = RateError;

    fn from_str(s: &str) -> Result<Rate, RateError> {
        Rate::parse_field(s.as_bytes())?.ok_or(RateError)
    }
}

/// Writes `pico` (units of 10^-12) with at least `places` decimals and as
/// many more as its value needs.
pub(crate) fn write_decimal(f: &mut impl fmt::Write, pico: i128, places: u8) -> fmt::Result {
    let one = i128::from(ONE);
    if pico < 0 {
        f.write_char('-')?;
    }
    let abs = pico.unsigned_abs();
    let (int, frac) = (abs / one as u128, abs % one as u128);
    write!(f, "{int}")?;
    let mut digits = format!("{frac:012}");
    while digits.len() > usize::from(places) && digits.ends_with('0') {
        digits.pop();
    }
    if !digits.is_empty() {
        write!(f, ".{digits}")?;
    }
    Ok(())
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(f, i128::from(self.pico), self.places)
    }
}

impl serde::Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
