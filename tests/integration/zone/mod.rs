//! Time zones: every NPA's zones are real, the NPAs that span zones list
//! each, they agree with libphonenumber's map except where `data/README.md`
//! says why not, and the data files' errors name their lines. The calling
//! window has a module of its own.

mod data_errors;
mod window;

use std::collections::{BTreeMap, BTreeSet};

use nanp_lerg::zone::TimeZoneId;

/// An NPA's zones, as names.
fn zones(npa: u16) -> Vec<&'static str> {
    let record = nanp_lerg::lookup(npa).unwrap_or_else(|| panic!("{npa} is geographic"));
    record.time_zones().iter().map(|z| z.as_str()).collect()
}

#[test]
fn every_npa_has_a_zone_and_every_zone_is_one_jiff_reads_from_its_bundled_database() {
    let mut distinct = BTreeSet::new();
    for r in nanp_lerg::records() {
        assert!(!r.time_zones().is_empty(), "{} has no zone", r.npa);
        let unique: BTreeSet<TimeZoneId> = r.time_zones().iter().copied().collect();
        assert_eq!(
            unique.len(),
            r.time_zones().len(),
            "{} repeats a zone",
            r.npa
        );
        distinct.extend(unique);
    }
    assert_eq!(distinct.len(), 42);
    for zone in distinct {
        let tz = jiff::tz::TimeZone::get(zone.as_str())
            .unwrap_or_else(|e| panic!("{zone}: jiff cannot read it: {e}"));
        assert_eq!(tz.iana_name(), Some(zone.as_str()));
        // Every zone of the NANP is west of Greenwich but Guam's and Saipan's.
        let offset = tz
            .to_offset("2025-01-15T12:00:00Z".parse().unwrap())
            .seconds();
        let east = ["Pacific/Guam", "Pacific/Saipan"].contains(&zone.as_str());
        assert_eq!(offset > 0, east, "{zone} at {offset} s");
    }
}

#[test]
fn npas_that_span_zones_list_each_zone() {
    let cases: [(u16, &[&str]); 12] = [
        // Idaho: the south Mountain, the panhandle Pacific.
        (
            208,
            &["America/Boise", "America/Los_Angeles", "America/Denver"],
        ),
        // Western Kentucky Central, the Elizabethtown area Eastern.
        (270, &["America/Chicago", "America/New_York"]),
        // Nebraska: Grand Island Central, the Panhandle Mountain.
        (308, &["America/Chicago", "America/Denver"]),
        (
            605,
            &[
                "America/Chicago",
                "America/Denver",
                "America/North_Dakota/Center",
            ],
        ),
        // The Florida Panhandle: Pensacola Central, Tallahassee Eastern.
        (850, &["America/Chicago", "America/New_York"]),
        (915, &["America/Denver", "America/Chicago"]),
        (931, &["America/Chicago", "America/New_York"]),
        // Northern Arizona, and the Navajo Nation on daylight saving time.
        (928, &["America/Phoenix", "America/Denver"]),
        (
            867,
            &[
                "America/Whitehorse",
                "America/Edmonton",
                "America/Winnipeg",
                "America/Toronto",
            ],
        ),
        (
            907,
            &["America/Anchorage", "America/Juneau", "America/Adak"],
        ),
        (418, &["America/Toronto", "America/Halifax"]),
        (709, &["America/St_Johns", "America/Halifax"]),
    ];
    for (npa, want) in cases {
        assert_eq!(zones(npa), want, "{npa}");
    }
    let multi = nanp_lerg::records()
        .filter(|r| r.time_zones().len() > 1)
        .count();
    assert_eq!(multi, 38);
}

#[test]
fn arizona_keeps_standard_time_but_the_navajo_nation_in_928_does_not() {
    for npa in [480, 520, 602, 623] {
        assert_eq!(zones(npa), ["America/Phoenix"], "{npa}");
    }
    let july = "2025-07-01T12:00:00Z".parse().unwrap();
    let offset = |zone: &str| {
        let tz = jiff::tz::TimeZone::get(zone).unwrap();
        tz.to_offset(july).seconds() / 3600
    };
    assert_eq!(offset("America/Phoenix"), -7, "MST in July");
    assert_eq!(offset("America/Denver"), -6, "MDT in July");
}

#[test]
fn single_zone_facts_of_the_territories_and_the_caribbean() {
    let cases = [
        (671, "Pacific/Guam"),
        (670, "Pacific/Saipan"),
        (684, "Pacific/Pago_Pago"),
        (808, "Pacific/Honolulu"),
        (787, "America/Puerto_Rico"),
        (809, "America/Santo_Domingo"),
        (829, "America/Santo_Domingo"),
        (474, "America/Regina"),
        (689, "America/New_York"),
        (441, "Atlantic/Bermuda"),
    ];
    for (npa, zone) in cases {
        assert_eq!(zones(npa), [zone], "{npa}");
    }
}

/// The table of `data/README.md` listing where the sources disagree: each
/// NPA, with whom ("libphonenumber", "NANPA" or "both").
pub(crate) fn documented_disagreements() -> BTreeMap<u16, String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/README.md"))
        .expect("data/README.md");
    let header = "| NPA | libphonenumber 9.0.43 | NANPA 11/26/2025 | `time_zones.csv` | differs from | decision |";
    let start = readme
        .find(header)
        .expect("the disagreement table in data/README.md");
    readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("| "))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let npa = cells[0].trim_start_matches("| ").parse().expect("an NPA");
            (npa, cells[4].to_owned())
        })
        .collect()
}

/// The documented NPAs whose zones differ from `source`'s.
pub(crate) fn documented(source: &str) -> BTreeSet<u16> {
    documented_disagreements()
        .into_iter()
        .filter(|(_, with)| with == source || with == "both")
        .map(|(npa, _)| npa)
        .collect()
}

/// `tests/data/libphonenumber_time_zones.csv`: the zones libphonenumber
/// 9.0.43's map gives each NPA (none for the NPAs it lacks).
fn libphonenumber() -> BTreeMap<u16, BTreeSet<String>> {
    let text =
        String::from_utf8(crate::common::data_file("libphonenumber_time_zones.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let (npa, zones) = l.split_once(',').unwrap();
            let zones = zones
                .split(';')
                .filter(|z| !z.is_empty())
                .map(str::to_owned)
                .collect();
            (npa.parse().unwrap(), zones)
        })
        .collect()
}

#[test]
fn every_npa_agrees_with_libphonenumber_except_the_documented_disagreements() {
    let theirs = libphonenumber();
    assert_eq!(theirs.len(), 450, "one row per NPA");
    let mut differ = BTreeSet::new();
    for r in nanp_lerg::records() {
        let ours: BTreeSet<String> = r
            .time_zones()
            .iter()
            .map(|z| z.as_str().to_owned())
            .collect();
        let npa = r.npa.get();
        if theirs.get(&npa) != Some(&ours) {
            differ.insert(npa);
        }
    }
    // A new disagreement, or a documented one that is gone, fails here.
    assert_eq!(differ, documented("libphonenumber"));
    assert_eq!(differ.len(), 27);
    // The nine NPAs libphonenumber 9.0.43 lacks are among them.
    let lacking: BTreeSet<u16> = theirs
        .iter()
        .filter(|(_, z)| z.is_empty())
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(
        lacking,
        [357, 387, 436, 621, 624, 729, 837, 861, 924].into()
    );
    assert!(lacking.is_subset(&differ));
}

#[test]
fn every_decided_row_of_the_data_is_in_the_documented_table_and_no_other() {
    let dataset = nanp_lerg::schema::Dataset::load_dir(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data")),
        "data",
    )
    .unwrap();
    let decided: BTreeSet<u16> = dataset
        .time_zones
        .iter()
        .filter(|row| row.source.starts_with("decided: "))
        .map(|row| row.npa.get())
        .collect();
    let documented: BTreeSet<u16> = documented_disagreements().into_keys().collect();
    assert_eq!(decided, documented);
    assert_eq!(decided.len(), 32);
    for row in &dataset.time_zones {
        let s = &row.source;
        assert!(
            s == "libphonenumber+nanpa" || s.starts_with("decided: "),
            "{}: {s}",
            row.npa
        );
    }
}
