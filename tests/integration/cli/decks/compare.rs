//! `nanp compare`: every column and count on the sample vendors, mixed shapes, names, ugly input, standard input.

use serde_json::{json, Value};

use super::{records, s, sample, scratch, write};
use crate::common::{assert_stderr_has, data_path, nanp, nanp_stdin, stderr, stdout};

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
    assert_stderr_has(&o, "matched by one vendor alone: x 6, y 1");
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
    assert_stderr_has(&o, "line 4: unparseable-date: effective date \"31-JUN-25\" in column \"effective\" is not a date");
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
    assert_stderr_has(&o, "two decks are named \"acme\"");
    assert_stderr_has(&o, "--names");
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
    assert_stderr_has(&o, "line 11: unterminated-quote");

    let dir = scratch("compare_empty");
    let empty = write(&dir, "empty.csv", "");
    let o = nanp(&["compare", &sample("acme.csv"), s(&empty)]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "empty.csv: no data rows");
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
