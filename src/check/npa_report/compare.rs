//! The two comparisons that need a rule: a report's `TIME_ZONE` letters
//! against IANA zones, and its `LOCATION` and `COUNTRY` names against a
//! record's codes and names.

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::Timestamp;

use crate::record::NpaRecord;
use crate::zone::TimeZoneId;

/// The report's letters, by standard offset from UTC in seconds: Eastern,
/// Central, Mountain, Pacific, Atlantic, Newfoundland, Alaska. The report
/// writes the other offsets as `(UTC-10)`, `(UTC+10)` or `UTC-11`.
const LETTERS: [(&str, i32); 7] = [
    ("E", -5 * 3600),
    ("C", -6 * 3600),
    ("M", -7 * 3600),
    ("P", -8 * 3600),
    ("A", -4 * 3600),
    ("N", -(3 * 3600 + 1800)),
    ("AK", -9 * 3600),
];

/// The standard offsets a `TIME_ZONE` value names, or `None` when it names
/// none that can be read (empty, or words only).
///
/// Single letters combine (`CMP` is Central, Mountain and Pacific; `NA`,
/// which the 2018 and 2020 reports give 709 and 879, is Newfoundland and
/// Atlantic); a letter may carry a `T` (`PT/MT only for W Wendover`, the
/// report's 775); `AK` is Alaska; `UTC-10`, with or without parentheses,
/// is that offset. Other words are ignored.
pub(crate) fn report_offsets(value: &str) -> Option<BTreeSet<i32>> {
    let mut offsets = BTreeSet::new();
    let tokens = value
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | ':')))
        .filter(|t| !t.is_empty());
    for token in tokens {
        let token = token.to_ascii_uppercase();
        if let Some(offset) = utc_offset(&token) {
            offsets.insert(offset);
            continue;
        }
        let letters = match token.as_str() {
            "AK" | "AKT" => {
                offsets.insert(-9 * 3600);
                continue;
            }
            t if t.len() == 2 && t.ends_with('T') => &t[..1],
            t => t,
        };
        if letters.chars().all(|c| "ECMPAN".contains(c)) {
            for c in letters.chars() {
                let offset = LETTERS
                    .iter()
                    .find(|(l, _)| l.starts_with(c) && l.len() == 1);
                offsets.extend(offset.map(|(_, o)| *o));
            }
        }
    }
    (!offsets.is_empty()).then_some(offsets)
}

/// `UTC-10`, `UTC+10`, `UTC-3:30`: the offset in seconds.
fn utc_offset(token: &str) -> Option<i32> {
    let rest = token.strip_prefix("UTC")?;
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// An offset in the report's notation: its letter, or `UTC-10`.
pub(crate) fn offset_letters(offset: i32) -> String {
    match LETTERS.iter().find(|(_, o)| *o == offset) {
        Some((letters, _)) => (*letters).to_owned(),
        None => {
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.unsigned_abs() / 60;
            match minutes % 60 {
                0 => format!("UTC{sign}{}", minutes / 60),
                m => format!("UTC{sign}{}:{m:02}", minutes / 60),
            }
        }
    }
}

/// Offsets in the report's notation, in the order given: letters run
/// together (`PM`), anything else apart (`AK UTC-10`).
pub(crate) fn letters_of(offsets: &[i32]) -> String {
    let mut out = String::new();
    let mut last_single = false;
    for (i, &offset) in offsets.iter().enumerate() {
        let text = offset_letters(offset);
        let single = text.len() == 1;
        if i > 0 && !(single && last_single) {
            out.push(' ');
        }
        out.push_str(&text);
        last_single = single;
    }
    out
}

/// A zone's standard offset on `date`: its offset at noon UTC that day, or,
/// if it is on daylight saving time then, at noon UTC on 1 January of that
/// year. The report's letters name standard time.
pub(crate) fn standard_offset(zone: TimeZoneId, date: Date) -> Option<i32> {
    let tz = zone.time_zone().ok()?;
    let noon = |d: Date| -> Option<Timestamp> {
        Some(
            d.at(12, 0, 0, 0)
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .ok()?
                .timestamp(),
        )
    };
    let info = tz.to_offset_info(noon(date)?);
    if !info.dst().is_dst() {
        return Some(info.offset().seconds());
    }
    let january = Date::new(date.year(), 1, 1).ok()?;
    Some(tz.to_offset(noon(january)?).seconds())
}

/// The distinct standard offsets of a record's zones on `date`, in the
/// record's order; `None` if a zone cannot be read.
pub(crate) fn record_offsets(record: &NpaRecord, date: Date) -> Option<Vec<i32>> {
    let mut offsets = Vec::new();
    for &zone in record.time_zones() {
        let offset = standard_offset(zone, date)?;
        if !offsets.contains(&offset) {
            offsets.push(offset);
        }
    }
    Some(offsets)
}

/// Words the reports abbreviate, and the word each stands for: `ST.`
/// (`ST. LUCIA`), and `NW TERR.` in the 2018 and 2020 reports' 867
/// (`YUKON-NW TERR. - NUNAVUT`).
const WORD_ABBREVIATIONS: [(&str, &str); 3] = [
    ("ST", "SAINT"),
    ("NW", "NORTHWEST"),
    ("TERR", "TERRITORIES"),
];

/// A name as a sorted list of words, for comparing the report's spellings
/// with ours: case and punctuation aside, `&` and `and` and `the` dropped,
/// abbreviated words read whole. `ST. VINCENT & GRENADINES` and `Saint
/// Vincent and the Grenadines` are the same words; so are `NOVA SCOTIA -
/// PRINCE EDWARD ISLAND` and `Nova Scotia/Prince Edward Island`.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .filter(|w| w != "AND" && w != "THE")
        .map(
            |w| match WORD_ABBREVIATIONS.iter().find(|(short, _)| *short == w) {
                Some((_, whole)) => (*whole).to_owned(),
                None => w,
            },
        )
        .collect();
    words.sort();
    words
}

/// The report's abbreviations that are no code or name of ours, with the
/// code they stand for: it writes the Commonwealth of the Northern Mariana
/// Islands (670) as `CNMI`, and its 2018 and 2020 reports write the U.S.
/// Virgin Islands (340) as `USVI`.
const ABBREVIATIONS: [(&str, &str); 2] = [("CNMI", "MP"), ("USVI", "VI")];

/// Whether `location`, as words, is one of `names`, or the report's
/// abbreviation of one of `codes`.
fn is_named(location: &[String], names: &[&str], codes: &[&str]) -> bool {
    let abbreviation = ABBREVIATIONS
        .iter()
        .find(|(short, _)| location == [*short])
        .map(|(_, code)| *code);
    abbreviation.is_some_and(|code| codes.contains(&code))
        || names.iter().any(|name| words(name) == location)
}

/// Whether `location` names the record's state or province (its code, its
/// name, all its codes or names for an NPA that serves several) or, for a
/// territory or a country without subdivisions, its country.
fn names_location(location: &str, r: &NpaRecord) -> bool {
    let codes: Vec<&str> = r.state_province_codes.iter().map(|c| c.as_str()).collect();
    let all_codes = codes.join(" ");
    let names = [
        r.state_province_code.as_str(),
        &all_codes,
        &r.state_province_name,
        &r.country_name,
        r.country_code.as_str(),
    ];
    let own = [r.country_code.as_str(), r.state_province_code.as_str()];
    is_named(&words(location), &names, &own)
}

/// Whether `country` names the record's country. The report files the US
/// territories under `US`, with the territory as `LOCATION` (787: `PR`,
/// `US`), where ISO 3166-1 and this crate give each its own code.
fn names_country(country: &str, location: &str, r: &NpaRecord) -> bool {
    let code = r.country_code.as_str();
    let names = [code, &*r.country_name];
    let theirs = words(country);
    if is_named(&theirs, &names, &[code]) {
        return true;
    }
    let territory = code != "US" && is_named(&words(location), &names, &[code]);
    theirs == ["US"] && territory
}

/// Whether the report's `LOCATION` and `COUNTRY` agree with the record.
pub(crate) fn location_agrees(location: &str, country: &str, r: &NpaRecord) -> bool {
    names_location(location, r) && names_country(country, location, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(offsets: &[i32]) -> Option<BTreeSet<i32>> {
        Some(offsets.iter().copied().collect())
    }

    #[test]
    fn every_time_zone_value_the_reports_write() {
        let h = 3600;
        assert_eq!(report_offsets("E"), set(&[-5 * h]));
        assert_eq!(report_offsets("CMP"), set(&[-6 * h, -7 * h, -8 * h]));
        assert_eq!(report_offsets("NA"), set(&[-4 * h, -(3 * h + 1800)]));
        assert_eq!(report_offsets("AK"), set(&[-9 * h]));
        assert_eq!(report_offsets("(UTC-10)"), set(&[-10 * h]));
        assert_eq!(report_offsets("(UTC+10)"), set(&[10 * h]));
        assert_eq!(report_offsets("UTC-11"), set(&[-11 * h]));
        assert_eq!(
            report_offsets("PT/MT only for W Wendover"),
            set(&[-7 * h, -8 * h])
        );
        assert_eq!(report_offsets(""), None);
        assert_eq!(report_offsets("unknown"), None);
    }

    #[test]
    fn offsets_in_the_reports_notation() {
        assert_eq!(letters_of(&[-8 * 3600, -7 * 3600]), "PM");
        assert_eq!(letters_of(&[-9 * 3600, -10 * 3600]), "AK UTC-10");
        assert_eq!(letters_of(&[10 * 3600]), "UTC+10");
        assert_eq!(offset_letters(-(3 * 3600 + 1800)), "N");
        assert_eq!(offset_letters(-(9 * 3600 + 1800)), "UTC-9:30");
    }

    #[test]
    fn names_agree_in_the_reports_spelling() {
        let r = |npa| crate::lookup(npa).unwrap();
        assert!(location_agrees("NJ", "US", r(201)));
        assert!(location_agrees("ONTARIO", "CANADA", r(416)));
        assert!(location_agrees(
            "NOVA SCOTIA - PRINCE EDWARD ISLAND",
            "CANADA",
            r(902)
        ));
        assert!(location_agrees(
            "NORTHWEST TERRITORIES -YUKON - NUNAVUT",
            "CANADA",
            r(867)
        ));
        assert!(location_agrees(
            "ST. VINCENT & GRENADINES",
            "ST. VINCENT & GRENADINES",
            r(784)
        ));
        assert!(location_agrees("ST. LUCIA", "ST.LUCIA", r(758)));
        assert!(location_agrees(
            "ANTIGUA/BARBUDA",
            "ANTIGUA/BARBUDA",
            r(268)
        ));
        assert!(location_agrees("PR", "US", r(787)));
        assert!(location_agrees("CNMI", "US", r(670)));
        assert!(location_agrees("USVI", "US", r(340)));
        assert!(location_agrees(
            "YUKON-NW TERR. - NUNAVUT",
            "CANADA",
            r(867)
        ));
        assert!(
            !location_agrees("GU", "US", r(684)),
            "684 is American Samoa"
        );
        assert!(!location_agrees("NY", "US", r(201)));
        assert!(!location_agrees("NJ", "CANADA", r(201)));
        assert!(
            !location_agrees("NOVA SCOTIA", "CANADA", r(902)),
            "902 serves PE too"
        );
    }
}
