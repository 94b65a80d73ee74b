//! [`Rate`]: a per-minute price, exact to the deck's own decimal places.

use std::fmt;

/// Decimal places every rate is held at internally: exact for any rate a
/// deck writes with up to 24 decimals (a float printed in full,
/// `0.30000000000000004`, has 17).
pub const SCALE: u32 = 24;
const ONE: i128 = 10i128.pow(SCALE);

/// A rate as a deck writes it (`0.0096561`, `$0.01`, `1.2e-3`,
/// `0.30000000000000004`), held exactly: no binary floating point, so sums,
/// minima and medians are exact.
///
/// ```
/// use nanp_lerg::ratesheet::Rate;
///
/// let r: Rate = "$0.0096561".parse().unwrap();
/// assert_eq!(r.to_string(), "0.0096561");
/// assert_eq!("1.2e-3".parse::<Rate>().unwrap().to_string(), "0.0012");
/// let float: Rate = "0.30000000000000004".parse().unwrap();
/// assert_eq!(float.to_string(), "0.30000000000000004");
/// assert!(float > "0.3".parse().unwrap());
/// assert!("N/A".parse::<Rate>().is_err());
/// ```
///
/// Two rates are equal when their values are: `0.01 == 0.0100`, though each
/// displays as written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rate {
    /// The value in units of 10^-24.
    units: i128,
    /// Decimal places as written (after applying any exponent).
    places: u8,
}

impl PartialEq for Rate {
    fn eq(&self, other: &Rate) -> bool {
        self.units == other.units
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
        self.units.cmp(&other.units)
    }
}

impl std::hash::Hash for Rate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.units.hash(state);
    }
}

/// Why a field is not a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RateError {
    /// Not a decimal number.
    #[error("not a rate (expected a decimal such as 0.0125, $0.0125 or 1.25e-2)")]
    NotANumber,
    /// Digits other than zero beyond the 24th decimal place.
    #[error("more than 24 decimal places")]
    TooPrecise,
    /// Larger than any price per minute (10^14).
    #[error("too large to be a rate")]
    TooLarge,
}

impl Rate {
    /// The zero rate.
    pub const ZERO: Rate = Rate {
        units: 0,
        places: 0,
    };

    /// The rate's value in units of 10^-24 ([`SCALE`] decimal places).
    pub const fn units(self) -> i128 {
        self.units
    }

    /// Decimal places as written.
    pub const fn places(self) -> u8 {
        self.places
    }

    /// Builds a rate from a value in units of 10^-24, shown with `places`
    /// decimals (at most 24).
    pub const fn from_units(units: i128, places: u8) -> Rate {
        let places = if places > SCALE as u8 {
            SCALE as u8
        } else {
            places
        };
        Rate { units, places }
    }

    /// `self - other`, exactly, shown with the places of the more precise
    /// of the two; `None` if it overflows.
    ///
    /// ```
    /// use nanp_lerg::ratesheet::Rate;
    ///
    /// let a: Rate = "0.0050".parse().unwrap();
    /// let b: Rate = "0.00425".parse().unwrap();
    /// assert_eq!(a.checked_sub(b).unwrap().to_string(), "0.00075");
    /// assert_eq!(b.checked_sub(a).unwrap().to_string(), "-0.00075");
    /// ```
    pub fn checked_sub(self, other: Rate) -> Option<Rate> {
        Some(Rate {
            units: self.units.checked_sub(other.units)?,
            places: self.places.max(other.places),
        })
    }

    /// Whether the rate is below zero.
    pub const fn is_negative(self) -> bool {
        self.units < 0
    }

    /// The rate as `f64`, for display or plotting; not for arithmetic.
    pub fn to_f64(self) -> f64 {
        self.units as f64 / ONE as f64
    }

    /// Parses a field: `0.01`, `.01`, `1`, `$0.01`, `1.2e-3`, `-0.5`, with
    /// surrounding spaces. `Ok(None)` for an empty field (no rate).
    ///
    /// # Errors
    ///
    /// [`RateError`] when the field is not a number, has nonzero digits past
    /// the 24th decimal place, or is too large.
    #[inline]
    pub fn parse_field(field: &[u8]) -> Result<Option<Rate>, RateError> {
        Rate::parse_with(field, b'.')
    }

    /// Like [`Rate::parse_field`], with `decimal` as the decimal separator
    /// (`b','` for decks written `0,0125`).
    ///
    /// ```
    /// use nanp_lerg::ratesheet::Rate;
    ///
    /// let r = Rate::parse_with(b"0,0125", b',').unwrap().unwrap();
    /// assert_eq!(r, "0.0125".parse().unwrap());
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Rate::parse_field`].
    #[inline]
    pub fn parse_with(field: &[u8], decimal: u8) -> Result<Option<Rate>, RateError> {
        if let Some(rate) = parse_plain(field, decimal) {
            return Ok(Some(rate));
        }
        let field = field.trim_ascii();
        if field.is_empty() {
            return Ok(None);
        }
        parse_bytes(field, decimal).map(Some)
    }
}

/// Powers of ten that fit in an `i128`, up to 10^38.
const POW10: [i128; 39] = {
    let mut p = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// The largest rate: 10^14 per minute.
const MAX_UNITS: i128 = 100_000_000_000_000 * ONE;

/// The form nearly every deck writes, `0.0123` (digits, one point, digits,
/// at most 19 bytes, so the digits fit a `u64`), without the general
/// parser's branches. `None` sends anything else to the general parser.
#[inline]
fn parse_plain(s: &[u8], decimal: u8) -> Option<Rate> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    let mut digits: u64 = 0;
    let mut point = usize::MAX;
    for (i, &b) in s.iter().enumerate() {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            digits = digits * 10 + u64::from(d);
        } else if b == decimal && point == usize::MAX {
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
    if s.len() == usize::from(point != usize::MAX) {
        return None;
    }
    // Within 10^14 a minute exactly when the digits are below 10^(14 +
    // places): checked on the u64, so the i128 product cannot overflow.
    const LIMIT: [u64; 5] = [
        10u64.pow(14),
        10u64.pow(15),
        10u64.pow(16),
        10u64.pow(17),
        10u64.pow(18),
    ];
    if places < 5 && digits > LIMIT[places] {
        return None;
    }
    let units = i128::from(digits) * POW10[SCALE as usize - places];
    Some(Rate {
        units,
        places: places as u8,
    })
}

/// One pass over the bytes: the general form, with sign, `$` and exponent.
fn parse_bytes(s: &[u8], decimal: u8) -> Result<Rate, RateError> {
    let (negative, s) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    let s = s.strip_prefix(b"$").unwrap_or(s);
    let mut digits: i128 = 0;
    let mut count = 0u32;
    let mut significant = 0u32;
    let mut places: i32 = 0;
    let mut seen_point = false;
    let mut exponent = 0;
    for (i, &b) in s.iter().enumerate() {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            count += 1;
            places += i32::from(seen_point);
            if digits == 0 && d == 0 {
                continue;
            }
            // 38 significant digits always fit in an i128.
            significant += 1;
            if significant > 38 {
                return Err(RateError::TooPrecise);
            }
            digits = digits * 10 + i128::from(d);
        } else if b == decimal && !seen_point {
            seen_point = true;
        } else if b == b'e' || b == b'E' {
            exponent = parse_exponent(&s[i + 1..])?;
            break;
        } else {
            return Err(RateError::NotANumber);
        }
    }
    if count == 0 {
        return Err(RateError::NotANumber);
    }
    // value = digits * 10^(exponent - places) = units * 10^-SCALE
    let written = places - exponent;
    let shift = SCALE as i32 - written;
    let units = if shift >= 0 {
        POW10
            .get(shift as usize)
            .and_then(|&m| digits.checked_mul(m))
            .ok_or(RateError::TooLarge)?
    } else {
        // More places than the internal scale: exact only if they are zeros.
        let div = POW10.get((-shift) as usize).copied().unwrap_or(i128::MAX);
        if digits % div != 0 {
            return Err(RateError::TooPrecise);
        }
        digits / div
    };
    if units > MAX_UNITS {
        return Err(RateError::TooLarge);
    }
    Ok(Rate {
        units: if negative { -units } else { units },
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
        return Err(RateError::NotANumber);
    }
    let n = digits
        .iter()
        .fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
    Ok(if negative { -n } else { n })
}

impl std::str::FromStr for Rate {
    type Err = RateError;

    fn from_str(s: &str) -> Result<Rate, RateError> {
        Rate::parse_field(s.as_bytes())?.ok_or(RateError::NotANumber)
    }
}

/// Writes `units` (of 10^-24) with at least `places` decimals and as many
/// more as its value needs. No allocation: comparisons and diffs write
/// millions of rates.
pub(crate) fn write_decimal(f: &mut impl fmt::Write, units: i128, places: u8) -> fmt::Result {
    let mut out = [0u8; 50];
    let len = format_decimal(units, places, &mut out);
    f.write_str(std::str::from_utf8(&out[..len]).map_err(|_| fmt::Error)?)
}

/// Appends `units` as [`write_decimal`] writes them, as bytes: for output
/// written by the million.
#[inline]
pub(crate) fn push_decimal(out: &mut Vec<u8>, units: i128, places: u8) {
    let mut text = [0u8; 50];
    let len = format_decimal(units, places, &mut text);
    out.extend_from_slice(&text[..len]);
}

/// The text of `units` with at least `places` decimals into `out`; its length.
fn format_decimal(units: i128, places: u8, out: &mut [u8; 50]) -> usize {
    let abs = units.unsigned_abs();
    let mut p = usize::from(places.min(SCALE as u8));
    let mut digits = match exact_digits(abs, SCALE - p as u32) {
        Some(d) => u128::from(d),
        None => {
            // The fewest places, at least `places`, that hold the value.
            let mut unit = POW10[SCALE as usize - p] as u128;
            let mut digits = abs / unit;
            while digits * unit != abs {
                p += 1;
                unit /= 10;
                digits = abs / unit;
            }
            digits
        }
    };
    // Least significant first; at least one digit before the point.
    let mut rev = [b'0'; 48];
    let mut n = 0;
    if let Ok(mut d) = u64::try_from(digits) {
        while d > 0 {
            rev[n] = b'0' + (d % 10) as u8;
            d /= 10;
            n += 1;
        }
    } else {
        while digits > 0 {
            rev[n] = b'0' + (digits % 10) as u8;
            digits /= 10;
            n += 1;
        }
    }
    let n = n.max(p + 1);
    // Then in order, with the sign and the point.
    let mut len = 0;
    if units < 0 {
        out[0] = b'-';
        len = 1;
    }
    for (i, &b) in rev[..n].iter().rev().enumerate() {
        if i == n - p {
            out[len] = b'.';
            len += 1;
        }
        out[len] = b;
        len += 1;
    }
    len
}

/// `abs / 10^k` when it is exact and fits a `u64`, without a 128-bit
/// division: 10^k is 2^k 5^k, so the shift is exact and 5^k (at most 5^24)
/// fits a `u64`. A rate as written always divides exactly at its places.
#[inline]
pub(crate) fn exact_digits(abs: u128, k: u32) -> Option<u64> {
    const POW5: [u64; 25] = {
        let mut p = [1u64; 25];
        let mut i = 1;
        while i < 25 {
            p[i] = p[i - 1] * 5;
            i += 1;
        }
        p
    };
    let five = *POW5.get(k as usize)?;
    let shifted = abs >> k;
    if shifted << k != abs {
        return None;
    }
    let shifted = u64::try_from(shifted).ok()?;
    (shifted % five == 0).then(|| shifted / five)
}

/// The mean of `n` values whose units sum to `sum`, rounded half away
/// from zero at `places` decimals (at most [`SCALE`]); `None` for no
/// values or an overflow.
pub(crate) fn mean(sum: i128, n: u64, places: u8) -> Option<Rate> {
    let places = places.min(SCALE as u8);
    let unit = 10i128.pow(SCALE - u32::from(places));
    let denominator = i128::from(n).checked_mul(unit)?;
    if denominator == 0 {
        return None;
    }
    let twice = sum
        .checked_mul(2)?
        .checked_add(sum.signum() * denominator)?;
    Some(Rate::from_units(twice / (2 * denominator) * unit, places))
}

/// `units` written as [`write_decimal`] does, as a `String`.
pub(crate) fn decimal_string(units: i128, places: u8) -> String {
    let mut s = String::new();
    let _ = write_decimal(&mut s, units, places);
    s
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(f, self.units, self.places)
    }
}

impl serde::Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_with_their_places_and_no_more() {
        for (units, places, text) in [
            (0, 0, "0"),
            (0, 4, "0.0000"),
            (ONE / 2, 0, "0.5"),
            (ONE / 2, 3, "0.500"),
            (-75 * 10i128.pow(19), 5, "-0.00075"),
            (1, 0, "0.000000000000000000000001"),
            (MAX_UNITS, 0, "100000000000000"),
            (MAX_UNITS + 1, 2, "100000000000000.000000000000000000000001"),
            (
                i128::MIN + 1,
                0,
                "-170141183460469.231731687303715884105727",
            ),
            (96561 * 10i128.pow(17), 7, "0.0096561"),
        ] {
            assert_eq!(decimal_string(units, places), text, "{units} at {places}");
        }
    }
}
