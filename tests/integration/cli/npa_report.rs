//! `nanp validate --npa-report`: the sample's differences in each format,
//! the real report's summary, exit codes, and files that are not reports.

use serde_json::Value;

use crate::common::{data_file, data_path, nanp, nanp_in, nanp_stdin, scratch, stderr, stdout};

#[test]
fn the_sample_as_text_lists_one_difference_of_each_kind_and_exits_1() {
    let o = nanp(&[
        "validate",
        "--npa-report",
        &data_path("npa_report_sample.csv"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "NPA report of 2025-11-26: 14 rows; 12 of the directory's 479 codes compared, 467 absent from the report\n\
         \n\
         missing (in service in the report, not in the directory):\n  \
           457  report: in service since 2025-09-25, geographic: LA, US\n       \
                directory: unassigned\n\
         \n\
         not in service (in the directory, not in service in the report):\n  \
           387  report: not in service (reserved, not assigned)\n       \
                directory: Ontario, Canada (ON, CA)\n\
         \n\
         location (the report names another place):\n  \
           684  report: GU, US\n       \
                directory: American Samoa, American Samoa (AS, AS)\n\
         \n\
         time zone (the report's letters, and the directory's zones' standard times):\n  \
           829  report: E      directory: A      (America/Santo_Domingo)\n\
         \n\
         overlays (information, not differences):\n  \
           201  complex 201/551\n  \
           208  complex 208/986\n  \
           212  complex 212/332/646/917\n  \
           416  complex 416/437/647\n  \
           787  complex 787/939, parent 809\n  \
           829  complex 809/829/849, parent 809\n  \
           876  complex 658/876, parent 809\n  \
           902  complex 782/902\n\
         \n\
         summary: 1 missing, 1 not in service, 1 location, 1 time zone; 8 overlays (informational)\n"
    );
}

#[test]
fn the_sample_as_json_and_csv() {
    let o = nanp(&[
        "validate",
        "--npa-report",
        &data_path("npa_report_sample.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "file_date",
            "missing",
            "not_in_service",
            "location",
            "time_zone",
            "overlays",
            "summary"
        ]
    );
    for (key, npa) in [
        ("missing", 457),
        ("not_in_service", 387),
        ("location", 684),
        ("time_zone", 829),
    ] {
        assert_eq!(v[key].as_array().unwrap().len(), 1, "{key}");
        assert_eq!(v[key][0]["npa"], npa, "{key}");
        assert_eq!(v["summary"][key], 1, "{key}");
    }
    assert_eq!(v["location"][0]["report"], "GU, US");
    assert_eq!(v["time_zone"][0]["directory"], "A");
    assert_eq!(v["summary"]["overlays"], 8);

    let o = nanp(&[
        "validate",
        "--npa-report",
        &data_path("npa_report_sample.csv"),
        "--format",
        "csv",
    ]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().take(6).collect();
    assert_eq!(
        lines,
        [
            "kind,npa,report,directory",
            "missing,457,\"in service since 2025-09-25, geographic: LA, US\",unassigned",
            "not_in_service,387,\"not in service (reserved, not assigned)\",\"Ontario, Canada (ON, CA)\"",
            "location,684,\"GU, US\",\"American Samoa, American Samoa (AS, AS)\"",
            "time_zone,829,E,A (America/Santo_Domingo)",
            "overlays,201,complex 201/551,",
        ]
    );
    assert_eq!(text.lines().count(), 1 + 4 + 8);
}

#[test]
fn the_real_report_and_its_summary() {
    let o = nanp(&[
        "validate",
        "--npa-report",
        &data_path("npa_report_2025-11-26.csv"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.starts_with(
        "NPA report of 2025-11-26: 800 rows; 479 of the directory's 479 codes compared, 0 absent from the report\n"
    ));
    assert!(text.ends_with(
        "summary: 3 missing, 1 not in service, 0 location, 16 time zone; 407 overlays (informational)\n"
    ));
}

#[test]
fn a_report_agreeing_with_the_directory_exits_0() {
    let sample = String::from_utf8(data_file("npa_report_sample.csv")).unwrap();
    // Keep the rows that agree: 201, 208 and 212 (and the header lines).
    let agreeing: String = sample.lines().take(5).map(|l| format!("{l}\n")).collect();
    let o = nanp_stdin(&["validate", "--npa-report", "-"], &agreeing);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).ends_with("summary: 0 missing, 0 not in service, 0 location, 0 time zone; 3 overlays (informational)\n"));
}

#[test]
fn utf16_reads_the_same_and_a_stray_quote_refuses_the_report() {
    let dir = scratch("cli_npa_report", "ugly");
    let sample = String::from_utf8(data_file("npa_report_sample.csv")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        sample
            .replace('\n', "\r\n")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(dir.join("utf16.csv"), utf16).unwrap();
    let plain = nanp(&[
        "validate",
        "--npa-report",
        &data_path("npa_report_sample.csv"),
    ]);
    let o = nanp_in(&dir, &["validate", "--npa-report", "utf16.csv"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), stdout(&plain));

    std::fs::write(
        dir.join("quote.csv"),
        sample.replace("\n416,General", "\n416,\"General"),
    )
    .unwrap();
    let o = nanp_in(&dir, &["validate", "--npa-report", "quote.csv"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert_eq!(
        stderr(&o),
        "nanp: quote.csv: 1 row(s) cannot be read; the report is not compared, since a lost row would misreport its code:\n\
         quote.csv:8: a quoted field never closes\n"
    );
}

#[test]
fn usage_errors() {
    for args in [
        &["validate"][..],
        &["validate", "table.csv", "--npa-report", "report.csv"],
        &["validate", "--npa-report", "report.csv", "--allow-missing"],
    ] {
        let o = nanp(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
    let o = nanp(&["validate", "--npa-report", "data/npa.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("nanp: data/npa.csv:1: not a NANPA NPA report: no column NPA_ID")
    );
}
