//! `nanp compare` and `nanp diff`: the columns and JSON keys of the
//! contract, the cells of hand-made decks, exit codes, where the summary
//! goes, the rules for files the user owns, and ugly input.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::common::{data_path, nanp, nanp_stdin, stderr, stdout};

fn scratch(test: &str) -> PathBuf {
    crate::common::scratch("cli_decks", test)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn sample(name: &str) -> String {
    format!("data/samples/{name}")
}

/// CSV records, header first.
fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const COMPARE_HEADER: [&str; 16] = [
    "code",
    "npa",
    "category",
    "state_province_code",
    "acme_inter",
    "acme_intra",
    "acme_indeterminate",
    "bolt_inter",
    "bolt_intra",
    "bolt_indeterminate",
    "cheapest_inter",
    "spread_inter",
    "cheapest_intra",
    "spread_intra",
    "cheapest_indeterminate",
    "spread_indeterminate",
];

#[test]
fn compare_the_sample_vendors_every_column_and_count() {
    let dir = scratch("compare_samples");
    let (out, json) = (dir.join("out.csv"), dir.join("summary.json"));
    let o = nanp(&[
        "compare",
        &sample("acme.csv"),
        &sample("bolt.csv"),
        "-o",
        s(&out),
        "--summary-json",
        s(&json),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = records(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(rows[0], COMPARE_HEADER);
    assert_eq!(rows.len(), 1 + 23, "one row per code of either deck");
    let find = |code: &str| rows.iter().find(|r| r[0] == code).unwrap().clone();
    // A tie in inter, and a code each vendor wins in another kind.
    assert_eq!(
        find("201200"),
        [
            "201200",
            "201",
            "us-domestic",
            "NJ",
            "0.0042",
            "0.0051",
            "0.0060",
            "0.0042",
            "0.0050",
            "0.0061",
            "tie:acme|bolt",
            "0.0000",
            "bolt",
            "0.0001",
            "acme",
            "0.0001"
        ]
    );
    // acme's NPA-level 1907 against bolt's NPA-NXX codes.
    assert_eq!(
        find("907200")[4..8],
        ["0.0120", "0.0130", "0.0140", "0.0110"]
    );
    assert_eq!(find("907200")[10], "bolt");
    // An NPA-level code only acme lists; a code only bolt lists.
    assert_eq!(
        find("907")[..10],
        [
            "907",
            "907",
            "us-domestic",
            "AK",
            "0.0120",
            "0.0130",
            "0.0140",
            "",
            "",
            ""
        ]
    );
    assert_eq!(find("702200")[4..7], ["", "", ""]);
    assert_eq!(find("702200")[10], "bolt");
    // Toll-free and Caribbean rows say so.
    assert_eq!(find("800555")[1..4], ["800", "toll-free", ""]);
    assert_eq!(find("787200")[1..4], ["787", "caribbean", "PR"]);
    // Sorted by code.
    let codes: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort_by_key(|c| format!("1{c}"));
    assert_eq!(codes, sorted);

    let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "decks",
            "codes_total",
            "codes_in_all",
            "only_in",
            "cheapest",
            "by_category",
            "savings"
        ]
    );
    assert_eq!(v["decks"][0]["name"], "acme");
    assert_eq!(v["decks"][0]["path"], "data/samples/acme.csv");
    assert_eq!(v["decks"][0]["rows"], 19);
    assert_eq!(v["decks"][0]["codes"], 19);
    assert_eq!(v["decks"][1]["name"], "bolt");
    assert_eq!(v["decks"][1]["rows"], 17);
    assert_eq!(v["decks"][1]["rate_columns"][2]["kind"], "indeterminate");
    assert_eq!(v["codes_total"], 23);
    assert_eq!(v["codes_in_all"], 16);
    assert_eq!(v["only_in"], json!({"acme": 6, "bolt": 1}));
    assert_eq!(
        v["cheapest"]["inter"],
        json!({"acme": 11, "bolt": 9, "tie": 3})
    );
    assert_eq!(v["by_category"]["pacific"]["codes"], 1);
    assert_eq!(
        v["by_category"]["pacific"]["cheapest"]["inter"],
        json!({"acme": 0, "bolt": 1, "tie": 0})
    );
    assert_eq!(
        v["savings"]["inter"]["acme"],
        json!({"codes": 16, "average": "0.000525"})
    );

    // With -o the summary is on standard output, for people.
    let text = stdout(&o);
    assert!(
        text.contains("codes: 23 in any deck, 16 matched by every vendor"),
        "{text}"
    );
    assert!(
        text.contains("matched by one vendor alone: acme 6, bolt 1"),
        "{text}"
    );
    assert!(text.contains("acme (data/samples/acme.csv): rows read 19: accepted 19 + rejected 0 + non-NANP 0 (balanced)"), "{text}");
    assert!(
        text.contains("  all                            11        9        3"),
        "{text}"
    );
    assert!(text.contains("acme: 0.000525 over 16 codes"), "{text}");
    assert_eq!(stderr(&o), "");
}

#[test]
fn compare_rows_to_standard_output_put_the_summary_on_standard_error() {
    let o = nanp(&[
        "compare",
        &sample("acme.csv"),
        &sample("bolt.csv"),
        "--names",
        "x,y",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let rows = records(&stdout(&o));
    assert_eq!(rows[0][4], "x_inter");
    assert_eq!(rows[1][10], "tie:x|y");
    assert!(
        stderr(&o).contains("matched by one vendor alone: x 6, y 1"),
        "{}",
        stderr(&o)
    );
    let o = nanp(&[
        "compare",
        &sample("acme.csv"),
        &sample("bolt.csv"),
        "--format",
        "json",
        "-o",
        "/dev/null",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["codes_total"], 23);
}

#[test]
fn compare_mixed_shapes_npa_level_keys_and_a_rejected_date() {
    let dir = scratch("compare_mixed");
    let a = write(
        &dir,
        "a.csv",
        "prefix,inter,effective\n1201,0.0100,2025-07-01\n1201555,0.0050,07/01/2025\n1212555,0.0040,31-JUN-25\n",
    );
    let b = write(
        &dir,
        "b.csv",
        "NPA;NXX;Inter\n201;555;0,0060\n201;556;0,0090\n",
    );
    let c = write(&dir, "c.csv", "npanxx,inter\n201556,0.0090\n");
    let o = nanp(&["compare", s(&a), s(&b), s(&c)]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a row was rejected: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("line 4: unparseable-date: effective date \"31-JUN-25\" in column \"effective\" is not a date"),
        "{}",
        stderr(&o)
    );
    let rows = records(&stdout(&o));
    assert_eq!(
        rows[0],
        [
            "code",
            "npa",
            "category",
            "state_province_code",
            "a_inter",
            "b_inter",
            "c_inter",
            "cheapest_inter",
            "spread_inter"
        ]
    );
    assert_eq!(
        rows[1..],
        [
            [
                "201",
                "201",
                "us-domestic",
                "NJ",
                "0.0100",
                "",
                "",
                "a",
                "0.0000"
            ],
            [
                "201555",
                "201",
                "us-domestic",
                "NJ",
                "0.0050",
                "0.0060",
                "",
                "a",
                "0.0010"
            ],
            [
                "201556",
                "201",
                "us-domestic",
                "NJ",
                "0.0100",
                "0.0090",
                "0.0090",
                "tie:b|c",
                "0.0010"
            ],
        ]
    );
}

#[test]
fn compare_refuses_names_that_cannot_tell_vendors_apart() {
    let acme = sample("acme.csv");
    let o = nanp(&["compare", &acme, &acme]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("two decks are named \"acme\""),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--names"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let o = nanp(&["compare", &acme, &acme, "--names", "a,b", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("codes: 19 in any deck, 19 matched by every vendor"));
    for names in ["a", "a,b,c", "a,tie", "a,a|b"] {
        let o = nanp(&["compare", &acme, &sample("bolt.csv"), "--names", names]);
        assert_eq!(o.status.code(), Some(2), "{names}");
    }
    let o = nanp(&["compare", &acme]);
    assert_eq!(o.status.code(), Some(2), "two decks at least");
}

#[test]
fn compare_ugly_input_utf16_excel_export_stray_quote_and_an_empty_deck() {
    let o = nanp(&[
        "compare",
        &data_path("utf16le_bom.csv"),
        &data_path("excel_semicolons.csv"),
        &data_path("stray_quote.csv"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the stray quote's row is rejected"
    );
    let rows = records(&stdout(&o));
    assert_eq!(
        rows[0][4..7],
        [
            "utf16le_bom_rate",
            "excel_semicolons_rate",
            "stray_quote_rate"
        ]
    );
    let nj = rows.iter().find(|r| r[0] == "201200").unwrap();
    assert_eq!(
        nj[4..9],
        ["0.0050", "0.0100", "0.0010", "stray_quote", "0.0090"]
    );
    let kingston = rows.iter().find(|r| r[0] == "876200").unwrap();
    assert_eq!(kingston[5], "0.1000", "a decimal comma read as one");
    let sao_tome = rows.iter().find(|r| r[0] == "239").unwrap();
    assert_eq!(sao_tome[..4], ["239", "", "non-nanp", ""]);
    assert!(
        stderr(&o).contains("line 11: unterminated-quote"),
        "{}",
        stderr(&o)
    );

    let dir = scratch("compare_empty");
    let empty = write(&dir, "empty.csv", "");
    let o = nanp(&["compare", &sample("acme.csv"), s(&empty)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("empty.csv: no data rows"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_deck_may_come_on_standard_input() {
    let o = nanp_stdin(
        &["compare", "-", &sample("bolt.csv"), "-o", "/dev/null"],
        "prefix,inter,intra,ij\n1201200,0.0041,0.0050,0.0061\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("stdin (-): rows read 1"),
        "{}",
        stdout(&o)
    );
    let o = nanp(&["compare", "-", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("only one deck can be standard input"));
}

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
    assert!(stderr(&o).contains("no/such/deck.csv"), "{}", stderr(&o));
    // Identical decks: nothing changed.
    let o = nanp(&["diff", &new, &new, "--as-of", "2025-07-01"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(records(&stdout(&o)), [DIFF_HEADER]);
    assert!(
        stderr(&o).contains("codes: 19 old, 19 new, 19 unchanged"),
        "{}",
        stderr(&o)
    );
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
    assert!(text.contains("WARNING: 1 rows were rejected"), "{text}");
    assert!(text.contains("no increase takes effect"), "{text}");
}

#[test]
fn an_output_naming_an_input_is_refused_and_nothing_is_written() {
    let dir = scratch("names_an_input");
    let a = write(
        &dir,
        "a.csv",
        &std::fs::read_to_string(sample("acme.csv")).unwrap(),
    );
    let b = write(
        &dir,
        "b.csv",
        &std::fs::read_to_string(sample("bolt.csv")).unwrap(),
    );
    let before = std::fs::read(&b).unwrap();
    for args in [
        vec!["compare", s(&a), s(&b), "-o", s(&b)],
        vec!["compare", s(&a), s(&b), "--summary-json", s(&a)],
        vec!["diff", s(&a), s(&b), "-o", s(&a)],
        vec!["diff", s(&a), s(&b), "--summary-json", s(&b)],
    ] {
        let o = nanp(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("refusing to write over it (nothing written)"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), "");
        assert_eq!(std::fs::read(&b).unwrap(), before);
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.csv", "b.csv"], "no file created");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = scratch("closed_pipe");
    let mut text = String::from("prefix,rate\n");
    for npa in [201, 212, 305, 415] {
        for nxx in 200..1000 {
            for x in 0..10 {
                text.push_str(&format!("1{npa}{nxx}{x},0.0100\n"));
            }
        }
    }
    let a = write(&dir, "a.csv", &text);
    let b = write(&dir, "b.csv", &text.replace("0.0100", "0.0200"));
    for sub in ["compare", "diff"] {
        let command = format!(
            "set -o pipefail; {} {sub} {} {} --as-of 2025-07-01 2>/dev/null | head -n 1; echo \"status ${{PIPESTATUS[0]}}\" >&2",
            env!("CARGO_BIN_EXE_nanp"),
            s(&a),
            s(&b)
        );
        let command = if sub == "compare" {
            command.replace(" --as-of 2025-07-01", "")
        } else {
            command
        };
        let o = std::process::Command::new("bash")
            .args(["-c", &command])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.ends_with("status 0\n"), "{sub}: {err}");
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
    }
}
