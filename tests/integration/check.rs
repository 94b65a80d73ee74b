//! Checking outside categorizations (`nanp_lerg::check`): agreement, each
//! kind of difference, flexible columns, rows that cannot be read, and the
//! legacy sample.

use std::collections::BTreeSet;

use nanp_lerg::check::{
    check_categorization, validate, validate_csv, ComparedField, NotGeographic, OutsideRow,
    RowProblem, TableError, ValidationReport,
};
use nanp_lerg::{assert_categorization, Category, Directory, Npa, Reserved, Service};

use crate::common::{npa_csv, our_table, QUEBEC_273};

fn check(csv: &str) -> ValidationReport {
    validate_csv(&Directory::builtin(), "table.csv", csv.as_bytes()).expect("readable table")
}

fn mismatches(report: &ValidationReport) -> Vec<(u16, ComparedField, &str, &str)> {
    report
        .mismatches
        .iter()
        .map(|m| (m.npa.get(), m.field, m.theirs.as_str(), m.ours.as_str()))
        .collect()
}

#[test]
fn a_table_equal_to_ours_agrees() {
    let report = check(&our_table("npa,category,country,state", |_| {}));
    assert!(report.agrees(), "{report}");
    let s = report.summary;
    assert_eq!((s.rows, s.ours, s.compared, s.agree), (450, 450, 450, 450));
    assert_eq!(
        report.fields,
        [
            ComparedField::CountryCode,
            ComparedField::StateProvinceCode,
            ComparedField::Category
        ]
    );
    assert_eq!(
        report.to_string(),
        "table.csv agrees with nanp-lerg (450 NPAs)\n  \
         fields compared: country_code, state_province_code, category\n\n\
         summary: 450 rows; 450 agree, 0 mismatched, 0 extra, 0 rejected; 0 missing\n"
    );
}

#[test]
fn our_own_export_agrees_and_its_extra_columns_are_listed_as_ignored() {
    let dir = Directory::builtin();
    let mut csv = Vec::new();
    dir.write_csv(&mut csv).unwrap();
    let report = validate_csv(&dir, "export.csv", csv.as_slice()).unwrap();
    assert!(report.agrees(), "{report}");
    assert_eq!(
        report.ignored_columns,
        [
            "country_name",
            "state_province_name",
            "region",
            "state_province_codes",
            "time_zones"
        ]
    );
}

#[test]
fn a_wrong_category_is_a_mismatch_naming_the_npa_field_and_both_values() {
    let report = check(&our_table("npa,category,country,state", |lines| {
        let guam = lines.iter_mut().find(|l| l.starts_with("671,")).unwrap();
        *guam = "671,us-domestic,GU,GU".to_owned();
    }));
    assert!(!report.agrees());
    assert_eq!(
        mismatches(&report),
        [(671, ComparedField::Category, "us-domestic", "pacific")]
    );
    let line = 2 + nanp_lerg::records()
        .position(|r| r.npa.get() == 671)
        .unwrap() as u64;
    assert_eq!(report.mismatches[0].line, line);
    assert_eq!((report.summary.agree, report.summary.mismatched), (449, 1));
    let text = report.to_string();
    assert!(text.starts_with("table.csv differs from nanp-lerg (450 NPAs)\n"));
    assert!(
        text.contains(&format!(
            "\n  671  line {line}  category  us-domestic  pacific\n"
        )),
        "{text}"
    );
}

#[test]
fn a_table_missing_438_reports_it_missing_with_our_record() {
    let report = check(&our_table("npa,category,country,state", |lines| {
        lines.retain(|l| !l.starts_with("438,"))
    }));
    assert!(!report.agrees());
    assert!(report.is_consistent(), "what it lists agrees");
    let missing: Vec<u16> = report.missing.iter().map(|r| r.npa.get()).collect();
    assert_eq!(missing, [438]);
    assert_eq!(report.missing[0].state_province_code, "QC");
    assert_eq!(
        (
            report.summary.rows,
            report.summary.compared,
            report.summary.missing
        ),
        (449, 449, 1)
    );
    assert!(report.to_string().contains(
        "missing: 1 NPA that nanp-lerg has and the table lacks\n  438  canadian     Quebec, Canada (QC, CA)\n"
    ));
}

#[test]
fn extra_codes_are_reported_with_what_they_are_instead() {
    let report = check(&our_table("npa,category,country,state", |lines| {
        lines.push("800,us-domestic,US,NY".to_owned());
        lines.push("299,us-domestic,US,NY".to_owned());
        lines.push("282,us-domestic,US,NY".to_owned());
    }));
    let extra: Vec<(u16, u64, NotGeographic)> = report
        .extra
        .iter()
        .map(|e| (e.npa.get(), e.line, e.ours))
        .collect();
    assert_eq!(
        extra,
        [
            (
                800,
                452,
                NotGeographic::NonGeographic {
                    service: Service::TollFree
                }
            ),
            (
                299,
                453,
                NotGeographic::Reserved {
                    reason: Reserved::Expansion
                }
            ),
            (282, 454, NotGeographic::Unassigned),
        ]
    );
    assert_eq!(
        (
            report.summary.rows,
            report.summary.compared,
            report.summary.extra
        ),
        (453, 450, 3)
    );
    let text = report.to_string();
    assert!(
        text.contains("  800  line 452  non-geographic (toll-free)\n"),
        "{text}"
    );
    assert!(text.contains(
        "  299  line 453  reserved: N9X code, reserved for expansion of the numbering plan\n"
    ));
}

#[test]
fn column_names_and_category_labels_are_read_flexibly() {
    let csv = " Area Code ,Billing-Category,ISO,Province,Rate\n\
               \" 1671 \",Pacific,gu,gu,0.10\n\
               +1 212,US Domestic,US,ny,0.01\n\
               213,us_domestic,US,CA,0.01\n\
               214,domestic,US,TX,0.01\n\
               438,Canada,CA,QC,0.02\n\
               867,canadian,CA,YT,0.05\n\
               902,CA,CA,NS/PE,0.02\n\
               876,CARIBBEAN,JM,JM,0.20\n";
    let report = check(csv);
    assert!(report.is_consistent(), "{report}");
    assert_eq!(report.summary.agree, 8);
    assert_eq!(report.ignored_columns, ["Rate"]);

    // A spreadsheet's byte-order mark does not hide the first column.
    let report = check("\u{feff}NPA,Type\n671,pacific\n");
    assert_eq!(report.summary.agree, 1);
    assert!(report.ignored_columns.is_empty());
}

#[test]
fn a_legacy_table_without_category_has_the_category_its_country_implies_compared() {
    let csv = "npa,country,state\n671,US,GU\n670,MP,MP\n212,US,NY\n209,XX,CA\n";
    let report = check(csv);
    assert_eq!(
        mismatches(&report),
        [
            (671, ComparedField::CountryCode, "US", "GU"),
            (
                671,
                ComparedField::CategoryImpliedByCountry,
                "us-domestic",
                "pacific"
            ),
            // A country outside the NANP implies no category; the country
            // mismatch says what is wrong.
            (209, ComparedField::CountryCode, "XX", "US"),
        ]
    );
    assert!(report
        .fields
        .contains(&ComparedField::CategoryImpliedByCountry));

    // With a category column, the table's own category is compared instead.
    let report = check("npa,category,country\n671,us-domestic,US\n");
    assert_eq!(
        mismatches(&report),
        [
            (671, ComparedField::CountryCode, "US", "GU"),
            (671, ComparedField::Category, "us-domestic", "pacific"),
        ]
    );
}

#[test]
fn a_multi_province_npa_agrees_with_any_province_it_serves() {
    let report = check("npa,state\n902,PE\n867,NU\n782,NS;PE\n902,NB\n");
    assert_eq!(report.summary.agree, 3);
    assert_eq!(report.rejected.len(), 1, "902 twice");
    let report = check("npa,state\n902,NB\n");
    assert_eq!(
        mismatches(&report),
        [(902, ComparedField::StateProvinceCode, "NB", "NS;PE")]
    );
}

#[test]
fn rows_that_cannot_be_read_are_reported_with_their_lines_never_dropped() {
    let csv = "npa,category\n\
               212,us-domestic\n\
               2l2,us-domestic\n\
               213,long distance\n\
               212,us-domestic\n\
               1201200,us-domestic\n\
               ,us-domestic\n\
               214,us-domestic,extra\n\
               \n\
               215,us-domestic\n";
    let report = check(csv);
    let rejected: Vec<(u64, String)> = report
        .rejected
        .iter()
        .map(|r| (r.line, r.problem.to_string()))
        .collect();
    assert_eq!(
        rejected,
        [
            (
                3,
                "column `npa`: \"2l2\" is not an area code: unexpected character 'l' at byte 1"
                    .to_owned()
            ),
            (
                4,
                "column `category`: unknown category \"long distance\" (expected us-domestic, canadian, caribbean or pacific)"
                    .to_owned()
            ),
            (5, "NPA 212 is already on line 2".to_owned()),
            (
                6,
                "column `npa`: \"1201200\" holds more than an area code".to_owned()
            ),
            (7, "column `npa`: no NPA".to_owned()),
            (8, "3 fields, the header has 2".to_owned()),
        ]
    );
    assert!(matches!(
        report.rejected[2].problem,
        RowProblem::Duplicate { npa, .. } if npa.get() == 212
    ));
    let s = report.summary;
    assert_eq!((s.rows, s.compared, s.rejected, s.extra), (8, 2, 6, 0));
    assert_eq!(s.rows, s.compared + s.extra + s.rejected);
    assert_eq!(s.ours, s.compared + s.missing);
    assert!(report
        .to_string()
        .contains("rejected: 6 rows that could not be compared\n  line 3: column `npa`"));
}

#[test]
fn a_header_without_an_npa_column_or_anything_to_compare_is_an_error() {
    let dir = Directory::builtin();
    let err = |csv: &str| validate_csv(&dir, "t.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(
        err("area,category\n212,us-domestic\n").to_string(),
        "t.csv:1: no NPA column in `area,category`; name it one of npa, area_code, areacode, npa_code, code, prefix"
    );
    assert!(err("npa,rate\n212,0.01\n")
        .to_string()
        .starts_with("t.csv:1: nothing to compare in `npa,rate`"));
    assert_eq!(
        err("npa,country,cc\n").to_string(),
        "t.csv:1: columns `country` and `cc` both hold the country; keep one"
    );

    struct Broken;
    impl std::io::Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    assert_eq!(
        validate_csv(&dir, "t.csv", Broken).unwrap_err(),
        TableError::Io {
            file: "t.csv".into(),
            message: "disk on fire".into()
        }
    );
}

#[test]
fn the_legacy_sample_shows_the_ten_missing_npas_and_every_correction() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/samples/legacy_lerg_codes.csv"
    );
    let file = std::fs::File::open(path).unwrap();
    let report = validate_csv(&Directory::builtin(), "legacy.csv", file).unwrap();

    let missing: Vec<u16> = report.missing.iter().map(|r| r.npa.get()).collect();
    assert_eq!(missing, [357, 387, 436, 438, 621, 624, 729, 837, 861, 924]);
    use ComparedField::{
        CategoryImpliedByCountry as Implied, CountryCode as Cc, StateProvinceCode as St,
    };
    assert_eq!(
        mismatches(&report),
        [
            (246, St, "BD", "BB"),
            (268, St, "AN", "AG"),
            (284, St, "BV", "VG"),
            (340, Cc, "US", "VI"),
            (340, Implied, "us-domestic", "caribbean"),
            (345, St, "CQ", "KY"),
            (670, Cc, "US", "MP"),
            (670, St, "NN", "MP"),
            (670, Implied, "us-domestic", "pacific"),
            (671, Cc, "US", "GU"),
            (671, Implied, "us-domestic", "pacific"),
            (684, Cc, "US", "AS"),
            (684, Implied, "us-domestic", "pacific"),
            (787, Cc, "US", "PR"),
            (787, Implied, "us-domestic", "caribbean"),
            (809, St, "DR", "DO"),
            (939, Cc, "US", "PR"),
            (939, Implied, "us-domestic", "caribbean"),
        ]
    );
    let s = report.summary;
    assert_eq!(
        (
            s.rows,
            s.compared,
            s.agree,
            s.mismatched,
            s.extra,
            s.rejected,
            s.missing
        ),
        (440, 440, 429, 11, 0, 0, 10)
    );
    assert!(report.to_string().ends_with(
        "summary: 440 rows; 429 agree, 11 mismatched, 0 extra, 0 rejected; 10 missing\n"
    ));
}

#[test]
fn the_legacy_sample_is_the_raw_data_less_ten_npas() {
    let root = env!("CARGO_MANIFEST_DIR");
    let raw = nanp_lerg::schema::read_npa(
        "data/npa.csv",
        std::fs::File::open(format!("{root}/data/npa.csv")).unwrap(),
    )
    .unwrap();
    let sample =
        std::fs::read_to_string(format!("{root}/data/samples/legacy_lerg_codes.csv")).unwrap();
    let mut lines = sample.lines();
    assert_eq!(lines.next(), Some("npa,country,state"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 440);
    let expected: Vec<String> = raw
        .iter()
        .filter(|r| ![357, 387, 436, 438, 621, 624, 729, 837, 861, 924].contains(&r.npa.get()))
        .map(|r| format!("{},{},{}", r.npa, r.country_code, r.state_province_code))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn validation_through_a_changed_directory_sees_its_changes() {
    let mut dir = Directory::builtin();
    let overlay = npa_csv(&[QUEBEC_273]);
    dir.load_csv("overlay.csv", overlay.as_bytes()).unwrap();
    let ours: Vec<OutsideRow> = nanp_lerg::records().map(OutsideRow::from).collect();
    let report = validate(&dir, ours.clone());
    assert_eq!(report.missing.len(), 1);
    assert_eq!(report.missing[0].npa.get(), 273);

    let mut with_273 = ours;
    with_273.push(OutsideRow::new(Npa::new(273).unwrap()).category(Category::Canadian));
    assert!(check_categorization(&dir, with_273.clone()).is_ok());
    assert_categorization!(&dir, with_273);
}

#[test]
fn iterator_rows_are_checked_and_placed_by_position() {
    let report = validate(
        &Directory::builtin(),
        [(1212, Category::UsDomestic), (212, Category::Canadian)],
    );
    assert_eq!(report.rejected[0].line, 1);
    assert_eq!(report.rejected[0].problem, RowProblem::OutOfRange(1212));
    assert_eq!(report.mismatches[0].line, 2);
    let text = report.to_string();
    assert!(text.starts_with("the table differs from nanp-lerg"));
    assert!(
        text.contains("  item 1: 1212 is not an NPA (200-999)\n"),
        "{text}"
    );
    assert!(
        text.contains("  212  item 2  category  canadian   us-domestic\n"),
        "{text}"
    );
}

#[test]
fn the_assertion_macro_panics_with_the_readable_diff() {
    let mut mine: Vec<OutsideRow> = nanp_lerg::records().map(OutsideRow::from).collect();
    mine.retain(|r| r.npa.get() != 438);
    let panic = std::panic::catch_unwind(|| assert_categorization!(mine.clone())).unwrap_err();
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(message.starts_with(
        "the categorization differs from nanp-lerg's:\nthe table differs from nanp-lerg (450 NPAs)\n"
    ));
    assert!(
        message.contains("\n  438  canadian     Quebec, Canada (QC, CA)\n"),
        "{message}"
    );
}

#[test]
fn the_report_serializes_for_machines() {
    let report = check("npa,country,state\n671,US,GU\n800,US,NY\n");
    let v = serde_json::to_value(&report).unwrap();
    assert_eq!(v["source"], "table.csv");
    assert_eq!(v["summary"]["mismatched"], 1);
    assert_eq!(v["summary"]["missing"], 449);
    assert_eq!(v["mismatches"][1]["field"], "category_implied_by_country");
    assert_eq!(v["mismatches"][1]["ours"], "pacific");
    assert_eq!(v["extra"][0]["ours"]["kind"], "non-geographic");
    assert_eq!(v["extra"][0]["ours"]["service"], "toll-free");
    let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "source",
            "fields",
            "ignored_columns",
            "summary",
            "missing",
            "extra",
            "mismatches",
            "rejected"
        ])
    );
}
