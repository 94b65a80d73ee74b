//! `nanp diff`: every column and count on the sample versions, exit codes 0, 1 and 2, rejected rows.

use serde_json::{json, Value};

use super::{records, s, sample, scratch, write};
use crate::common::{assert_stderr_has, nanp, stderr, stdout};

const DIFF_HEADER: [&str; 10] = [
    "code",
    "npa",
    "category",
    "state_province_code",
    "change",
    "kind",
    "old_rate",
    "new_rate",
    "delta",
    "effective_date",
];

#[test]
fn diff_the_sample_versions_every_column_and_count() {
    let dir = scratch("diff_samples");
    let (out, json) = (dir.join("changes.csv"), dir.join("summary.json"));
    let o = nanp(&[
        "diff",
        &sample("acme_previous.csv"),
        &sample("acme.csv"),
        "--as-of",
        "2025-07-01",
        "-o",
        s(&out),
        "--summary-json",
        s(&json),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "short-notice increases: {}",
        stderr(&o)
    );
    let rows = records(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(rows[0], DIFF_HEADER);
    assert_eq!(rows.len(), 1 + 17);
    assert_eq!(
        rows[1..4],
        [
            [
                "201200",
                "201",
                "us-domestic",
                "NJ",
                "increase",
                "inter",
                "0.0040",
                "0.0042",
                "0.0002",
                "2025-07-15"
            ],
            [
                "201201",
                "201",
                "us-domestic",
                "NJ",
                "decrease",
                "inter",
                "0.0044",
                "0.0040",
                "-0.0004",
                "2025-07-15"
            ],
            [
                "201202",
                "201",
                "us-domestic",
                "NJ",
                "increase",
                "inter",
                "0.0043",
                "0.0045",
                "0.0002",
                "2025-07-03"
            ],
        ]
    );
    let of = |code: &str| -> Vec<Vec<String>> {
        rows.iter().filter(|r| r[0] == code).cloned().collect()
    };
    assert_eq!(
        of("305200").len(),
        3,
        "split out of 1305 at higher rates: increases"
    );
    assert!(of("305200").iter().all(|r| r[4] == "increase"));
    assert_eq!(of("415200")[0][4..9], ["new", "inter", "", "0.0036", ""]);
    assert_eq!(
        of("617200")[0][4..10],
        ["removed", "inter", "0.0035", "", "", ""]
    );

    let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    for key in [
        "decks",
        "codes_old",
        "codes_new",
        "unchanged",
        "changes",
        "by_category",
        "short_notice",
        "first_short_notice",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(
        (&v["codes_old"], &v["codes_new"], &v["unchanged"]),
        (&json!(18), &json!(19), &json!(11))
    );
    assert_eq!(
        v["changes"],
        json!({"increase": 9, "decrease": 2, "new": 3, "removed": 3})
    );
    assert_eq!(
        v["by_category"],
        json!({
            "us-domestic": {"increase": 6, "decrease": 2, "new": 3, "removed": 3},
            "pacific": {"increase": 3, "decrease": 0, "new": 0, "removed": 0},
        })
    );
    assert_eq!(v["short_notice"], 4);
    assert_eq!(v["first_short_notice"][0]["code"], "201202");
    assert_eq!(v["first_short_notice"][1]["effective_date"], "2025-06-01");
    assert_eq!(v["decks"][0]["path"], "data/samples/acme_previous.csv");
    let text = stdout(&o);
    assert!(
        text.contains("WARNING: 4 increases take effect less than 7 days after 2025-07-01:"),
        "{text}"
    );
    assert!(
        text.contains(
            "201202 (us-domestic) inter: 0.0043 -> 0.0045 (+0.0002), effective 2025-07-03"
        ),
        "{text}"
    );
}

#[test]
fn diff_exit_codes_zero_one_two() {
    let (old, new) = (sample("acme_previous.csv"), sample("acme.csv"));
    // Every increase has its notice if notice is counted from long before.
    let o = nanp(&[
        "diff",
        &old,
        &new,
        "--as-of",
        "2025-01-01",
        "--notice-days",
        "7",
        "-o",
        "/dev/null",
    ]);
    // 671472's new date, 2025-06-01, is more than 7 days after 2025-01-01.
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("no increase takes effect less than 7 days after 2025-01-01"));
    let o = nanp(&[
        "diff",
        &old,
        &new,
        "--as-of",
        "2025-07-01",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = nanp(&[
        "diff",
        &old,
        &new,
        "--as-of",
        "2025-07-01",
        "--notice-days",
        "0",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "retroactive increases still lack notice"
    );
    let o = nanp(&["diff", &old, &new, "--as-of", "July 1st"]);
    assert_eq!(o.status.code(), Some(2));
    let o = nanp(&["diff", &old, "no/such/deck.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "no/such/deck.csv");
    // Identical decks: nothing changed.
    let o = nanp(&["diff", &new, &new, "--as-of", "2025-07-01"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(records(&stdout(&o)), [DIFF_HEADER]);
    assert_stderr_has(&o, "codes: 19 old, 19 new, 19 unchanged");
}

#[test]
fn diff_with_a_rejected_row_warns_and_exits_one() {
    let dir = scratch("diff_rejected");
    let old = write(
        &dir,
        "old.csv",
        "prefix,rate,effective\n1201200,0.0100,2025-06-01\n1201201,0.0100,2025-06-01\n",
    );
    let new = write(
        &dir,
        "new.csv",
        "prefix,rate,effective\n1201200,0.0100,2025-06-01\n1201201,0.0200,next week\n",
    );
    let o = nanp(&[
        "diff",
        s(&old),
        s(&new),
        "--as-of",
        "2025-07-01",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("line 3: unparseable-date"), "{text}");
    assert!(text.contains("WARNING: 1 row was rejected"), "{text}");
    assert!(text.contains("no increase takes effect"), "{text}");
}
