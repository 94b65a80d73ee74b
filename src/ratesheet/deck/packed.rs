//! [`PackedRate`] and [`PackedDate`]: a rate in eight bytes and a date in
//! four, so that a million codes with four rates each fit in a few tens of
//! megabytes.

use jiff::civil::Date;

use crate::ratesheet::rate::exact_digits;
use crate::ratesheet::{Rate, SCALE};

/// 10^n for n in 0..=24.
const POW10: [i128; 25] = {
    let mut p = [1i128; 25];
    let mut i = 1;
    while i < 25 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// Bits of the places written (0–24).
const PLACES_BITS: u32 = 5;
/// Digits as written, when they fit in the bits left (`0.0096561` is 96561
/// at 7 places): below 2^58, so the top bit stays free.
const MAX_DIGITS: u64 = 1 << (63 - PLACES_BITS);
const SPILLED: u64 = 1 << 63;

/// A rate, or none: its digits as written and its places in one `u64`;
/// a rate whose digits do not fit (more than 17 significant digits) is
/// kept whole in the deck's spill table, and the `u64` holds its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedRate(u64);

impl PackedRate {
    /// No rate (an empty field, or a kind the deck does not price).
    pub(crate) const NONE: PackedRate = PackedRate(u64::MAX);

    pub(crate) fn pack(rate: Option<Rate>, spill: &mut Vec<Rate>) -> PackedRate {
        let Some(rate) = rate else {
            return PackedRate::NONE;
        };
        let places = u32::from(rate.places()).min(SCALE);
        let units = rate.units();
        if units >= 0 {
            // Nearly always without a 128-bit division (see exact_digits).
            let k = SCALE - places;
            let digits = exact_digits(units.unsigned_abs(), k).or_else(|| {
                let unit = POW10[k as usize];
                (units % unit == 0)
                    .then(|| u64::try_from(units / unit).ok())
                    .flatten()
            });
            if let Some(digits) = digits.filter(|&d| d < MAX_DIGITS) {
                return PackedRate(digits << PLACES_BITS | u64::from(places));
            }
        }
        spill.push(rate);
        PackedRate(SPILLED | (spill.len() - 1) as u64)
    }

    #[inline]
    pub(crate) fn unpack(self, spill: &[Rate]) -> Option<Rate> {
        if self == PackedRate::NONE {
            return None;
        }
        if self.0 & SPILLED != 0 {
            return spill.get((self.0 & !SPILLED) as usize).copied();
        }
        let places = (self.0 & ((1 << PLACES_BITS) - 1)) as u32;
        let digits = i128::from(self.0 >> PLACES_BITS);
        Some(Rate::from_units(
            digits * POW10[(SCALE - places) as usize],
            places as u8,
        ))
    }
}

/// A row's line and its billing increment in four bytes: the line in the
/// low 24 bits (saturating at 16,777,215: a deck that long is reported at
/// that line), the increment's place in the deck's table of distinct
/// increments, plus one, in the high 8 (0 for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedLine(u32);

impl PackedLine {
    const LINE_BITS: u32 = 24;
    const MAX_LINE: u32 = (1 << Self::LINE_BITS) - 1;

    /// `increment` is 0 for none, else its place in the table plus one.
    pub(crate) fn pack(line: u64, increment: u8) -> PackedLine {
        let line = u32::try_from(line).unwrap_or(u32::MAX).min(Self::MAX_LINE);
        PackedLine(u32::from(increment) << Self::LINE_BITS | line)
    }

    pub(crate) fn line(self) -> u64 {
        u64::from(self.0 & Self::MAX_LINE)
    }

    pub(crate) fn increment(self) -> u8 {
        (self.0 >> Self::LINE_BITS) as u8
    }
}

/// A date, or none, in four bytes (an `Option<Date>` takes eight):
/// `(year + 10000) << 9 | month << 5 | day`, and 0 for none (jiff's
/// years are -9999 to 9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedDate(u32);

impl PackedDate {
    pub(crate) fn pack(date: Option<Date>) -> PackedDate {
        PackedDate(date.map_or(0, |d| {
            ((i32::from(d.year()) + 10_000) as u32) << 9 | (d.month() as u32) << 5 | d.day() as u32
        }))
    }

    pub(crate) fn unpack(self) -> Option<Date> {
        if self.0 == 0 {
            return None;
        }
        let year = (self.0 >> 9) as i32 - 10_000;
        Date::new(
            year as i16,
            ((self.0 >> 5) & 0xF) as i8,
            (self.0 & 0x1F) as i8,
        )
        .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_back() {
        for d in [
            Date::MIN,
            Date::MAX,
            jiff::civil::date(2025, 3, 31),
            jiff::civil::date(1947, 1, 1),
        ] {
            assert_eq!(PackedDate::pack(Some(d)).unpack(), Some(d));
        }
        assert_eq!(PackedDate::pack(None).unpack(), None);
    }

    #[test]
    fn every_rate_comes_back_as_written() {
        let mut spill = Vec::new();
        for text in [
            "0",
            "0.0096561",
            "0.0100",
            "0.30000000000000004",
            "100000000000000",
            "0.123456789012345678901234",
            "99999999999999.999999999",
        ] {
            let rate: Rate = text.parse().unwrap();
            let packed = PackedRate::pack(Some(rate), &mut spill);
            let back = packed.unpack(&spill).unwrap();
            assert_eq!(back, rate, "{text}");
            assert_eq!(back.to_string(), text, "{text}");
        }
        assert_eq!(spill.len(), 2, "only the rates with too many digits spill");
        assert_eq!(PackedRate::pack(None, &mut spill).unpack(&spill), None);
    }
}
