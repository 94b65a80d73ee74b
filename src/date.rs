//! Calendar dates as numbering files and rate decks write them.
//!
//! One parser for every date the crate reads: exchange files' effective
//! dates, rate decks' effective dates, the NPA report's assignment dates.
//! Each source has its habit (`2025-03-31`, `03/31/2025`, `3/31/25`,
//! `31-MAR-25`), and a deck exported from a spreadsheet may carry a time of
//! day after the date; all come out as a [`jiff::civil::Date`].

use jiff::civil::Date;

/// Two-digit years: `00`–`46` are 2000–2046 and `47`–`99` are 1947–1999.
///
/// The pivot is fixed, not relative to today, so a file reads the same
/// every year; 1947 is the year the NANP's first area codes were assigned,
/// so no date in its files precedes it (the NPA report writes the original
/// codes' dates as `01-JAN-47`).
const PIVOT: i16 = 47;

const MONTHS: [&str; 12] = [
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];

/// The date a cell holds, or `None` when it is not a date in one of the
/// accepted forms or not a day of the calendar (`2025-02-30`).
///
/// Accepted: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`,
/// `M/D/YYYY`, `M/D/YY`, `M-D-YYYY`, `D.M.YYYY`, `D.M.YY`, `D-MON-YY`,
/// `D-MON-YYYY` (month names in any case, also with spaces: `31 Mar
/// 2025`), each optionally followed by a time of day after a space or `T`
/// (`2025-03-31 00:00:00`, `2025-03-31T00:00:00Z`), which is ignored.
/// Surrounding spaces are ignored. Slashed dates are month first, the North
/// American order; dotted ones day first, the European order (the only one
/// written with dots).
pub(crate) fn parse(cell: &str) -> Option<Date> {
    let cell = cell.trim();
    // A time of day after the date is an export's habit, not information.
    let date = match cell.find(':') {
        Some(colon) => cell[..colon]
            .rfind([' ', 'T'])
            .map(|at| cell[..at].trim_end())?,
        None => cell,
    };
    let (y, m, d) = if let Some((y, m, d)) = split3(date, '-') {
        match month_name(m) {
            Some(m) => (year(d)?, m, number(y)?),
            None if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
            None => (year(d)?, number(y)?, number(m)?),
        }
    } else if let Some((a, b, c)) = split3(date, '/') {
        if a.len() == 4 {
            (number(a)?, number(b)?, number(c)?)
        } else {
            (year(c)?, number(a)?, number(b)?)
        }
    } else if let Some((a, b, c)) = split3(date, '.') {
        // Dots are Europe's habit, where the day comes first.
        if a.len() == 4 {
            (number(a)?, number(b)?, number(c)?)
        } else {
            (year(c)?, number(b)?, number(a)?)
        }
    } else if let Some((d, m, y)) = split3(date, ' ') {
        (year(y)?, month_name(m)?, number(d)?)
    } else if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        (
            number(&date[..4])?,
            number(&date[4..6])?,
            number(&date[6..])?,
        )
    } else {
        return None;
    };
    let (m, d) = (i8::try_from(m).ok()?, i8::try_from(d).ok()?);
    Date::new(y, m, d).ok()
}

/// `a<sep>b<sep>c`, each part non-empty.
fn split3(s: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut parts = s.split(sep).filter(|p| !p.is_empty() || sep != ' ');
    let parts = (parts.next()?, parts.next()?, parts.next()?, parts.next());
    match parts {
        (a, b, c, None) if !a.is_empty() && !b.is_empty() && !c.is_empty() => Some((a, b, c)),
        _ => None,
    }
}

/// One to four ASCII digits.
fn number(s: &str) -> Option<i16> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A four-digit year, or a two-digit one read with [`PIVOT`].
fn year(s: &str) -> Option<i16> {
    let n = number(s)?;
    match s.len() {
        4 => Some(n),
        2 if n < PIVOT => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    }
}

/// A month's name or its three-letter abbreviation, in any case.
fn month_name(s: &str) -> Option<i16> {
    let at = MONTHS.iter().position(|m| {
        m.eq_ignore_ascii_case(s) || (s.len() == 3 && m[..3].eq_ignore_ascii_case(s))
    })?;
    Some(at as i16 + 1)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use jiff::civil::date;

    #[test]
    fn every_form_a_source_writes() {
        let want = date(2025, 3, 31);
        for cell in [
            "2025-03-31",
            "2025/03/31",
            "20250331",
            "03/31/2025",
            "3/31/2025",
            "3/31/25",
            "03-31-2025",
            "31-MAR-25",
            "31-Mar-2025",
            "31 March 2025",
            " 2025-03-31 ",
            "2025-03-31 00:00:00",
            "2025-03-31T00:00:00Z",
            "3/31/2025 0:00",
            "31-MAR-25 10:30",
            "31.03.2025",
            "31.3.2025",
            "31.03.25",
            "2025.03.31",
            "31.03.2025 00:00",
        ] {
            assert_eq!(parse(cell), Some(want), "{cell:?}");
        }
        assert_eq!(parse("31-OCT-25 00:00"), Some(date(2025, 10, 31)));
        // Day first with dots: 1 July, not 7 January.
        assert_eq!(parse("01.07.2025"), Some(date(2025, 7, 1)));
        for cell in ["1-Sep-2025", "1 September 2025", "01-SEP-25"] {
            assert_eq!(parse(cell), Some(date(2025, 9, 1)), "{cell:?}");
        }
    }

    #[test]
    fn two_digit_years_pivot_at_the_nanp_founding() {
        assert_eq!(parse("01-JAN-47"), Some(date(1947, 1, 1)));
        assert_eq!(parse("15-JAN-95"), Some(date(1995, 1, 15)));
        assert_eq!(parse("1/1/46"), Some(date(2046, 1, 1)));
        assert_eq!(parse("1/1/00"), Some(date(2000, 1, 1)));
    }

    #[test]
    fn not_dates() {
        for cell in [
            "",
            "2025-02-30",
            "13/01/2025",
            "31/03/2025",
            "2025-3",
            "tomorrow",
            "31-FOO-25",
            "1/1/1",
            "1/1/123",
            "2025-03-31-01",
            "0.05",
            "1.2.3",
            "03.31.2025",
            "2025033",
            "31-MARX-25",
            "12:00",
        ] {
            assert_eq!(parse(cell), None, "{cell:?}");
        }
    }
}
