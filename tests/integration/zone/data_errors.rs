//! `time_zones.csv` gone wrong: each problem named with its file and line,
//! the way the build names it.

use nanp_lerg::schema::{read_time_zones, DataErrorKind};
use nanp_lerg::zone::{UnknownTimeZone, TZDB_VERSION};
use nanp_lerg::Npa;

use crate::schema::{line_of, TempData};

fn errors(body: &str) -> Vec<String> {
    let csv = format!("npa,time_zones,source\n{body}");
    read_time_zones("data/time_zones.csv", csv.as_bytes())
        .expect_err("the file has errors")
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_zone_the_database_does_not_name_is_reported_with_its_line() {
    let e =
        errors("201,America/New_York,ok\n212,America/New_Yrok,typo\n718,america/new_york,case\n");
    assert_eq!(e.len(), 2);
    assert!(
        e[0].starts_with(
            "data/time_zones.csv:3: field `time_zones`: \"America/New_Yrok\" is not a time zone of the IANA time-zone database (tzdata 20"
        ),
        "{}",
        e[0]
    );
    assert_eq!(
        e[1],
        "data/time_zones.csv:4: field `time_zones`: \"america/new_york\" is spelled America/New_York in the IANA time-zone database"
    );
}

#[test]
fn empty_repeated_and_duplicate_rows_are_reported() {
    let e = errors(
        "201,,empty\n\
         202,America/New_York;America/New_York,twice\n\
         203,America/New_York;,trailing separator\n\
         204,America/Winnipeg,\n\
         204,America/Winnipeg,again\n",
    );
    assert_eq!(
        e,
        [
            "data/time_zones.csv:2: field `time_zones` is empty",
            "data/time_zones.csv:3: field `time_zones`: America/New_York is listed twice",
            &format!("data/time_zones.csv:4: field `time_zones`: \"\" is not a time zone of the IANA time-zone database (tzdata {TZDB_VERSION}); names are like America/New_York"),
            "data/time_zones.csv:5: field `source` is empty",
            "data/time_zones.csv:6: NPA 204 is already defined on line 5",
        ]
    );
}

#[test]
fn an_npa_without_a_row_and_a_row_without_an_npa_fail_the_dataset() {
    let t = TempData::new("zones-missing");
    t.delete_line("time_zones.csv", "850,");
    t.append("time_zones.csv", "282,America/Chicago,an NPA npa.csv lacks");
    let errors = t.errors();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let npa_line = line_of("npa.csv", "850,");
    // The appended row is the file's last line.
    let zone_line = t.read("time_zones.csv").lines().count();
    assert_eq!(
        text,
        [
            format!("data/npa.csv:{npa_line}: NPA 850 has no row in time_zones.csv; every geographic NPA needs its time zones"),
            format!("data/time_zones.csv:{zone_line}: time zones for NPA 282: no such NPA in npa.csv"),
        ]
    );
    assert!(
        matches!(errors[0].kind, DataErrorKind::NoTimeZones { npa } if npa == Npa::new(850).unwrap())
    );
}

#[test]
fn an_unknown_zone_in_the_shipped_file_is_reported_at_its_line() {
    let t = TempData::new("zones-unknown");
    t.replace(
        "time_zones.csv",
        "928,America/Phoenix;America/Denver,",
        "928,America/Phoenix;America/Navajo,",
    );
    let errors = t.errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "data/time_zones.csv");
    assert_eq!(errors[0].line, line_of("time_zones.csv", "928,"));
    assert!(matches!(
        &errors[0].kind,
        DataErrorKind::TimeZone { field: "time_zones", error: UnknownTimeZone::Unknown(name) } if name == "America/Navajo"
    ));
}
