//! `nanp categorize`: the sample decks end to end, the output, rejects and
//! JSON files, exit codes, where the summary goes, and `--overlay`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{nanp, nanp_stdin};

fn scratch(test: &str) -> PathBuf {
    crate::common::scratch("cli_categorize", test)
}

const APPENDED: [&str; 4] = ["npa", "category", "country_code", "state_province_code"];

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// CSV records (flexible: rows may differ in length).
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/samples")
        .join(name)
}

/// Non-blank lines of a file, counted without the reader.
fn non_blank_lines(bytes: &[u8]) -> u64 {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
        .count() as u64
}

fn n(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is not a count in {v}"))
}

/// Each sample deck: whether it has a header, its delimiter, and the
/// (line, reason) of every row it must reject, from examples/make_samples.rs.
type Sample = (&'static str, bool, u8, &'static [(u64, &'static str)]);

const SAMPLES: [Sample; 4] = [
    (
        "deck_a_prefix.csv",
        true,
        b',',
        &crate::common::DECK_A_REJECTS,
    ),
    ("deck_b_npa_nxx.csv", false, b',', &[(101, "invalid-nxx")]),
    ("deck_c_npanxx.csv", true, b';', &[(101, "reserved-npa")]),
    (
        "deck_d_a_to_z.csv",
        false,
        b',',
        &[(24, "incomplete-prefix"), (25, "incomplete-prefix")],
    ),
];

#[test]
fn every_sample_deck_end_to_end() {
    for (name, header, delimiter, rejects) in SAMPLES {
        let dir = scratch(&format!("sample_{name}"));
        let (out, rej, json) = (
            dir.join("out.csv"),
            dir.join("rejects.csv"),
            dir.join("summary.json"),
        );
        let deck = sample(name);
        let o = nanp(&[
            "categorize",
            path_str(&deck),
            "-o",
            path_str(&out),
            "--rejects",
            path_str(&rej),
            "--summary-json",
            path_str(&json),
        ]);
        let stdout = text(&o.stdout);
        let stderr = text(&o.stderr);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{name}: rows were rejected\n{stderr}"
        );
        // With -o the summary is for people on stdout, and stderr is quiet.
        assert!(stdout.contains("balanced"), "{name}: {stdout}");
        assert!(!stdout.contains("NOT BALANCED"), "{name}: {stdout}");
        assert!(stdout.contains("detected: "), "{name}: {stdout}");
        assert!(!stderr.contains("balanced"), "{name}: {stderr}");

        // The JSON summary: its counts add up, and to the file's rows.
        let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
        let (rows, accepted, rejected, non_nanp) = (
            n(&v, "rows_read"),
            n(&v, "accepted"),
            n(&v, "rejected"),
            n(&v, "non_nanp"),
        );
        assert_eq!(accepted + rejected + non_nanp, rows, "{name}");
        let bytes = std::fs::read(&deck).unwrap();
        assert_eq!(
            rows,
            non_blank_lines(&bytes) - u64::from(header),
            "{name}: rows read"
        );
        assert_eq!(rejected, rejects.len() as u64, "{name}");
        let by_reason: u64 = v["rejected_by_reason"]
            .as_object()
            .unwrap()
            .values()
            .map(|x| x.as_u64().unwrap())
            .sum();
        assert_eq!(by_reason, rejected, "{name}");
        let geographic: u64 = ["us-domestic", "canadian", "caribbean", "pacific"]
            .iter()
            .map(|c| n(&v["categories"][c], "rows"))
            .sum();
        let non_geographic: u64 = v["non_geographic"]
            .as_object()
            .unwrap()
            .values()
            .map(|x| x.as_u64().unwrap())
            .sum();
        assert_eq!(geographic + non_geographic, accepted, "{name}");
        let countries: u64 = v["countries"]
            .as_object()
            .unwrap()
            .values()
            .map(|x| x.as_u64().unwrap())
            .sum();
        assert_eq!(countries, geographic, "{name}");

        // The rejects file: a header, then one row per rejection, in order.
        let rej = records(&std::fs::read(&rej).unwrap());
        assert_eq!(rej[0], ["line", "reason", "detail"], "{name}");
        let got: Vec<(u64, &str)> = rej[1..]
            .iter()
            .map(|r| (r[0].parse().unwrap(), r[1].as_str()))
            .collect();
        assert_eq!(got, rejects, "{name}");
        for r in &rej[1..] {
            assert!(!r[2].is_empty(), "{name}: a detail for {r:?}");
            assert!(r.len() > 3, "{name}: the row's fields follow: {r:?}");
        }

        // The categorized rows: the input's fields and four more.
        let input = records_with(&bytes, delimiter);
        let input_width = input.iter().map(Vec::len).max().unwrap();
        let out = records(&std::fs::read(&out).unwrap());
        // A header row always: the deck's own names, or `column N`.
        let mut expected: Vec<String> = if header {
            input[0].clone()
        } else {
            (1..=input_width).map(|i| format!("column {i}")).collect()
        };
        expected.extend(APPENDED.iter().map(|s| (*s).to_owned()));
        assert_eq!(
            out[0], expected,
            "{name}: the header with the appended names"
        );
        let data = &out[1..];
        // Every accepted row is written; non-NANP rows are not.
        assert_eq!(data.len() as u64, accepted, "{name}");
        for row in data {
            assert_eq!(row.len(), input_width + 4, "{name}: {row:?}");
            let tail = &row[row.len() - 4..];
            assert_eq!(tail[0].len(), 3, "{name}: npa in {row:?}");
            assert!(
                [
                    "us-domestic",
                    "canadian",
                    "caribbean",
                    "pacific",
                    "toll-free"
                ]
                .contains(&tail[1].as_str()),
                "{name}: category in {row:?}"
            );
            assert!(
                input.iter().any(|r| r[..] == row[..row.len() - 4]),
                "{name}: {row:?} keeps an input row's fields"
            );
        }
    }
}

fn records_with(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn sample_deck_a_special_rows_are_categorized() {
    let dir = scratch("deck_a_special");
    let out = dir.join("out.csv");
    let o = nanp(&[
        "categorize",
        path_str(&sample("deck_a_prefix.csv")),
        "-o",
        path_str(&out),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let rows = records(&std::fs::read(&out).unwrap());
    let find = |key: &str| {
        rows.iter()
            .find(|r| r[0] == key)
            .unwrap_or_else(|| panic!("{key} in the output"))
            .clone()
    };
    assert_eq!(find("1671472")[5..], ["671", "pacific", "GU", "GU"]);
    assert_eq!(find("1787200")[5..], ["787", "caribbean", "PR", "PR"]);
    assert_eq!(find("1800555")[5..], ["800", "toll-free", "", ""]);
    assert_eq!(
        find("1201200")[..],
        [
            "1201200",
            "$0.0045",
            "$0.0050",
            "$0.0055",
            "2025-07-01",
            "201",
            "us-domestic",
            "US",
            "NJ"
        ]
    );
    let summary = text(&o.stdout);
    assert!(summary.contains("WARNING"), "{summary}");
}

#[test]
fn stdin_clean_deck_rows_to_stdout_summary_to_stderr() {
    let deck = "prefix,rate (inter),intrastate,intrastate,effective\r\n\
                1201200,0.0040,0.0050,0.0060,2025-07-01\r\n\
                \r\n\
                1800555,0.0000,0.0000,0.0000,07/01/2025\r\n\
                \"1416200\",\"0.0100\",0.0110,0.0120,7/1/25\r\n";
    let o = nanp_stdin(&["categorize", "-"], deck);
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "a clean deck: {stderr}");
    assert!(stderr.contains("balanced"), "{stderr}");
    assert!(
        stderr.contains("rows read 3: accepted 3 + rejected 0 + non-NANP 0"),
        "{stderr}"
    );
    assert!(
        stderr.contains("detected: UTF-8 text, delimiter ',', header"),
        "{stderr}"
    );
    let rows = records(&o.stdout);
    assert_eq!(
        rows,
        [
            vec![
                "prefix",
                "rate (inter)",
                "intrastate",
                "intrastate",
                "effective",
                "npa",
                "category",
                "country_code",
                "state_province_code"
            ],
            vec![
                "1201200",
                "0.0040",
                "0.0050",
                "0.0060",
                "2025-07-01",
                "201",
                "us-domestic",
                "US",
                "NJ"
            ],
            vec![
                "1800555",
                "0.0000",
                "0.0000",
                "0.0000",
                "07/01/2025",
                "800",
                "toll-free",
                "",
                ""
            ],
            vec!["1416200", "0.0100", "0.0110", "0.0120", "7/1/25", "416", "canadian", "CA", "ON"],
        ]
    );
    assert!(!text(&o.stdout).contains("balanced"));
}

#[test]
fn headerless_deck_gets_a_header_naming_the_appended_columns() {
    let deck = "\nUSA - AK,1907,200,0.0096561,0.0096561,0.0096561\n";
    let o = nanp_stdin(&["categorize", "-"], deck);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        records(&o.stdout),
        [
            [
                "column 1",
                "column 2",
                "column 3",
                "column 4",
                "column 5",
                "column 6",
                "npa",
                "category",
                "country_code",
                "state_province_code"
            ],
            [
                "USA - AK",
                "1907",
                "200",
                "0.0096561",
                "0.0096561",
                "0.0096561",
                "907",
                "us-domestic",
                "US",
                "AK"
            ]
        ]
    );
    let stderr = text(&o.stderr);
    assert!(stderr.contains("no header"), "{stderr}");
    assert!(
        stderr.contains("NPA in column 2, NXX in column 3"),
        "{stderr}"
    );
}

#[test]
fn a_to_z_deck_writes_only_nanp_rows() {
    let deck = "United Kingdom,44,0.0062\nJamaica,1876,0.1704\nUSA,1,0.0045\n";
    let dir = scratch("a_to_z");
    let json = dir.join("s.json");
    let rej = dir.join("r.csv");
    let o = nanp_stdin(
        &[
            "categorize",
            "-",
            "--summary-json",
            path_str(&json),
            "--rejects",
            path_str(&rej),
        ],
        deck,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        records(&o.stdout)[1..],
        [["Jamaica", "1876", "0.1704", "876", "caribbean", "JM", "JM"]]
    );
    let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        (
            n(&v, "rows_read"),
            n(&v, "accepted"),
            n(&v, "rejected"),
            n(&v, "non_nanp")
        ),
        (3, 1, 1, 1)
    );
    assert_eq!(
        records(&std::fs::read(&rej).unwrap()),
        [
            vec!["line", "reason", "detail"],
            vec![
                "3",
                "incomplete-prefix",
                "+1 prefix \"1\" is too short to name an NPA",
                "USA",
                "1",
                "0.0045"
            ],
        ]
    );
}

#[test]
fn rejects_file_lists_line_reason_detail_then_fields() {
    let deck = "prefix,rate\n\
                1201200,0.0100\n\
                \n\
                1911555,0.0200\n\
                12O1200,0.0300\n\
                1201200,n/a\n\
                1201201,0.0100\n\
                1201202,0.0100\n\
                1201203,0.0100\n\
                1201204,0.0100\n\
                1201205,0.0100\n\
                1201206,0.0100\n";
    let dir = scratch("rejects");
    let rej = dir.join("r.csv");
    let out = dir.join("o.csv");
    let o = nanp_stdin(
        &[
            "categorize",
            "-",
            "-o",
            path_str(&out),
            "--rejects",
            path_str(&rej),
        ],
        deck,
    );
    assert_eq!(o.status.code(), Some(1));
    let stdout = text(&o.stdout);
    assert!(
        stdout.contains("balanced"),
        "the summary on stdout with -o: {stdout}"
    );
    assert!(text(&o.stderr).is_empty(), "{}", text(&o.stderr));
    let rows = records(&std::fs::read(&rej).unwrap());
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], ["line", "reason", "detail"]);
    assert_eq!(rows[1][..2], ["4", "reserved-npa"]);
    assert!(rows[1][2].contains("911"), "{:?}", rows[1]);
    assert_eq!(rows[1][3..], ["1911555", "0.0200"]);
    assert_eq!(rows[2][..2], ["5", "malformed-prefix"]);
    assert_eq!(rows[2][3..], ["12O1200", "0.0300"]);
    assert_eq!(rows[3][..2], ["6", "unparseable-rate"]);
    assert!(rows[3][2].contains("n/a"), "{:?}", rows[3]);
    assert_eq!(rows[3][3..], ["1201200", "n/a"]);
    let out = records(&std::fs::read(&out).unwrap());
    assert_eq!(out.len(), 8, "a header and the seven accepted rows");
    assert_eq!(
        out[..2],
        [
            vec![
                "prefix",
                "rate",
                "npa",
                "category",
                "country_code",
                "state_province_code"
            ],
            vec!["1201200", "0.0100", "201", "us-domestic", "US", "NJ"],
        ]
    );
}

#[test]
fn summary_json_has_the_contract_keys() {
    let dir = scratch("json");
    let json = dir.join("s.json");
    let deck = "prefix,rate\n\
                1201200,0.0100\n\
                1201200,0.0200\n\
                1212555,0.0300\n\
                1907200,0.0300\n\
                1907201,0.0300\n\
                1671200,0.1000\n\
                1876200,0.2000\n\
                1416200,0.0100\n\
                1800555,0.0000\n\
                1911555,0.0100\n\
                44,0.0062\n";
    let o = nanp_stdin(
        &["categorize", "-", "--summary-json", path_str(&json)],
        deck,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    for key in crate::common::SUMMARY_KEYS {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(
        (
            n(&v, "rows_read"),
            n(&v, "accepted"),
            n(&v, "rejected"),
            n(&v, "non_nanp")
        ),
        (11, 9, 1, 1)
    );
    assert_eq!(
        v["rejected_by_reason"],
        serde_json::json!({"reserved-npa": 1})
    );
    assert_eq!(
        v["categories"],
        serde_json::json!({
            "us-domestic": {"rows": 5, "npas": 3, "npanxx": 4},
            "canadian": {"rows": 1, "npas": 1, "npanxx": 1},
            "caribbean": {"rows": 1, "npas": 1, "npanxx": 1},
            "pacific": {"rows": 1, "npas": 1, "npanxx": 1},
        })
    );
    assert_eq!(v["non_geographic"], serde_json::json!({"toll-free": 1}));
    assert_eq!(
        v["countries"],
        serde_json::json!({"US": 5, "CA": 1, "JM": 1, "GU": 1})
    );
    // 5 of 8 geographic rows are US domestic: a US deck hiding others.
    assert_eq!(v["us_deck_check"]["us_deck"], true);
    assert_eq!(v["us_deck_check"]["warning"], true);
    assert_eq!(v["us_deck_check"]["pacific_npas"], serde_json::json!([671]));
    assert_eq!(
        v["us_deck_check"]["caribbean_npas"],
        serde_json::json!([876])
    );
    assert_eq!(v["us_deck_check"]["unknown_npas"], serde_json::json!([911]));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let missing = nanp(&["categorize", "/nonexistent/deck.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("/nonexistent/deck.csv"),
        "{}",
        text(&missing.stderr)
    );
    let deck = sample("deck_a_prefix.csv");
    for args in [
        vec!["categorize", "--prefix-col", "0", path_str(&deck)],
        vec!["categorize", "--delimiter", "ab", path_str(&deck)],
        vec!["categorize", "--nxx-col", "2", path_str(&deck)],
        vec!["categorize", "--leading-one", "maybe", path_str(&deck)],
        vec!["categorize"],
        vec!["categorize", "--header", "--no-header", path_str(&deck)],
        vec![
            "--overlay",
            "/nonexistent/overlay.csv",
            "categorize",
            path_str(&deck),
        ],
    ] {
        let o = nanp(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    // A column that is not there: the deck cannot be read as asked.
    let o = nanp(&[
        "categorize",
        "--prefix-col",
        "no such column",
        path_str(&deck),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("no such column"));
    // An output file that cannot be created.
    let o = nanp(&[
        "categorize",
        path_str(&deck),
        "-o",
        "/nonexistent/dir/out.csv",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
}

#[test]
fn options_override_detection() {
    // `--prefix-col` by name and by 1-based index, on a deck whose first
    // digit column is not the key.
    let deck = "id,prefix,rate\n7,1201200,0.0100\n8,1212555,0.0200\n";
    for col in ["prefix", "2"] {
        let o = nanp_stdin(&["categorize", "-", "--prefix-col", col], deck);
        assert_eq!(o.status.code(), Some(0), "{col}: {}", text(&o.stderr));
        let rows = records(&o.stdout);
        assert_eq!(
            rows[1],
            ["7", "1201200", "0.0100", "201", "us-domestic", "US", "NJ"]
        );
        assert!(text(&o.stderr).contains("prefix in column 2"));
    }
    // `--npa-col` and `--nxx-col`, not side by side.
    let deck = "907,AK,200,0.0100\n201,NJ,555,0.0200\n";
    let o = nanp_stdin(
        &["categorize", "-", "--npa-col", "1", "--nxx-col", "3"],
        deck,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("NPA in column 1, NXX in column 3"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        records(&o.stdout)[2][4..],
        ["201", "us-domestic", "US", "NJ"]
    );
    // `--no-header`: the first row is data (and here, rejected).
    let deck = "prefix,rate\n1201200,0.0100\n";
    let o = nanp_stdin(
        &["categorize", "-", "--no-header", "--prefix-col", "1"],
        deck,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("rows read 2: accepted 1 + rejected 1"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        records(&o.stdout)[1..],
        [["1201200", "0.0100", "201", "us-domestic", "US", "NJ"]]
    );
    // `--delimiter tab`.
    let deck = "npanxx\trate\n201200\t0.0100\n";
    let o = nanp_stdin(&["categorize", "-", "--delimiter", "tab"], deck);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("delimiter tab"),
        "{}",
        text(&o.stderr)
    );
    assert!(
        text(&o.stderr).contains("leading 1 absent"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        records(&o.stdout)[1],
        ["201200", "0.0100", "201", "us-domestic", "US", "NJ"]
    );
    // `--leading-one present` on six-digit keys: other countries.
    let o = nanp_stdin(&["categorize", "-", "--leading-one", "present"], deck);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stderr).contains("accepted 0 + rejected 0 + non-NANP 1"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn overlay_adds_an_npa() {
    let dir = scratch("overlay");
    let overlay = dir.join("overlay.csv");
    std::fs::write(
        &overlay,
        crate::common::npa_csv(&[crate::common::QUEBEC_273]),
    )
    .unwrap();
    let deck = "prefix,rate\n1273200,0.0100\n1201200,0.0100\n";

    let without = nanp_stdin(&["categorize", "-"], deck);
    assert_eq!(without.status.code(), Some(1));
    assert!(
        text(&without.stderr).contains("unassigned-npa"),
        "{}",
        text(&without.stderr)
    );

    for args in [
        ["--overlay", path_str(&overlay), "categorize", "-"],
        ["categorize", "-", "--overlay", path_str(&overlay)],
    ] {
        let with = nanp_stdin(&args, deck);
        assert_eq!(
            with.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&with.stderr)
        );
        let rows = records(&with.stdout);
        assert_eq!(
            rows[1],
            ["1273200", "0.0100", "273", "canadian", "CA", "QC"]
        );
        assert_eq!(
            rows[2],
            ["1201200", "0.0100", "201", "us-domestic", "US", "NJ"]
        );
        let stderr = text(&with.stderr);
        assert!(
            stderr.contains("rows read 2: accepted 2 + rejected 0 + non-NANP 0 (balanced)"),
            "{stderr}"
        );
    }
}

#[test]
fn the_default_run_shows_the_first_rejected_rows_and_how_to_get_them_all() {
    let deck = "prefix,rate\n1201200,0.01\n1911555,0.01\n12O1200,0.01\n1201201,n/a\n";
    let o = nanp_stdin(&["categorize", "-", "-o", "/dev/null"], deck);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    for line in [
        "first 3:",
        "  line 3: reserved-npa: NPA 911 is reserved: N11 abbreviated dialing code, never an area code",
        "  line 4: malformed-prefix: malformed dial prefix \"12O1200\"",
        "  line 5: unparseable-rate: rate \"n/a\" in column \"rate\": not a rate (expected a decimal such as 0.0125, $0.0125 or 1.25e-2)",
        "(write every rejected row, with its fields, with --rejects FILE)",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in\n{out}");
    }
}

#[test]
fn no_data_rows_is_an_error_not_a_made_up_detection() {
    let dir = scratch("no_data_rows");
    for (name, deck) in [
        ("empty.csv", ""),
        ("header.csv", "prefix,rate\n"),
        ("blank.csv", "\n,,,\n\n"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, deck).unwrap();
        let o = nanp(&["categorize", path_str(&path)]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert_eq!(
            text(&o.stderr),
            format!("nanp: {}: no data rows\n", path.display())
        );
    }
    let o = nanp_stdin(&["categorize", "-"], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr), "nanp: <stdin>: no data rows\n");
}

#[test]
fn options_that_cannot_be_right_exit_2() {
    let deck = "a,b,c,d,e\n1201200,0.01,x,y,z\n";
    for (args, message) in [
        (
            &["--prefix-col", "99"][..],
            "there is no column 99: the deck has 5",
        ),
        (
            &["--npa-col", "1", "--nxx-col", "1"],
            "the NPA and NXX columns are both column 1",
        ),
        (
            &["--prefix-col", "1", "--rate-col", "1"],
            "column 1 is both a key and a rate column",
        ),
        (&["--encoding", "ebcdic"], "unknown encoding"),
        (&["--delimiter", "\""], "a delimiter is one ASCII character"),
        (&["--format", "csv"], "--format sets the summary's"),
    ] {
        let mut all = vec!["categorize", "-"];
        all.extend(args);
        let o = nanp_stdin(&all, deck);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            text(&o.stderr).contains(message),
            "{args:?}: {}",
            text(&o.stderr)
        );
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn encodings_are_read_and_the_output_is_utf8() {
    for (name, detected) in [
        ("utf16le_bom.csv", "utf-16le text"),
        ("utf16be_no_bom.csv", "utf-16be text"),
        ("windows1252.csv", "UTF-8 text"),
    ] {
        let o = nanp(&["categorize", &crate::common::data_path(name), "-o", "-"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
        let rows = String::from_utf8(o.stdout).expect("the output is UTF-8");
        assert!(
            rows.contains("\nMontréal,1514200,0.0100,514,canadian,CA,QC\n"),
            "{name}: {rows}"
        );
        assert!(
            text(&o.stderr).contains(detected),
            "{name}: {}",
            text(&o.stderr)
        );
    }
    let o = nanp(&[
        "categorize",
        &crate::common::data_path("windows1252.csv"),
        "-o",
        "/dev/null",
    ]);
    assert!(
        text(&o.stdout).contains("(3 rows read as Windows-1252 (not UTF-8))"),
        "{}",
        text(&o.stdout)
    );
    // Forced: every row is Windows-1252, and the summary says so.
    let o = nanp(&[
        "categorize",
        &crate::common::data_path("windows1252.csv"),
        "--encoding",
        "latin1",
        "-o",
        "/dev/null",
    ]);
    assert!(
        text(&o.stdout).contains("detected: windows-1252 text"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn the_reject_duplicates_option_rejects_the_later_rows() {
    let deck = "prefix,rate\n1201200,0.01\n1 201 200,0.02\n";
    let o = nanp_stdin(&["categorize", "-", "-o", "/dev/null"], deck);
    assert_eq!(o.status.code(), Some(0), "counted, not rejected");
    assert!(text(&o.stdout).contains("WARNING: 1 row repeats the key of an earlier row:\n  1201200 on line 3, first on line 2"), "{}", text(&o.stdout));
    let o = nanp_stdin(
        &["categorize", "-", "-o", "/dev/null", "--reject-duplicates"],
        deck,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains("line 3: duplicate-key: the key 1201200 is already on line 2"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn a_deck_with_a_stray_quote_loses_only_that_row() {
    let o = nanp(&[
        "categorize",
        &crate::common::data_path("stray_quote.csv"),
        "-o",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("rows read 1000: accepted 999 + rejected 1 + non-NANP 0 (balanced)"),
        "{out}"
    );
    assert!(out.contains("  line 11: unterminated-quote: a quoted field never closes (the row is this line alone)"), "{out}");
}

#[test]
fn an_unparseable_effective_date_is_rejected_and_kinds_can_be_forced() {
    let deck = "prefix,rate (inter),intrastate,intrastate,effective\n\
                1201200,0.0040,0.0050,0.0060,2025-07-01\n\
                1201201,0.0040,0.0050,0.0060,31/07/2025\n";
    let o = nanp_stdin(&["categorize", "-", "-o", "/dev/null"], deck);
    let summary = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "a row was rejected: {summary}");
    assert!(
        summary.contains("effective date: effective (column 5)"),
        "{summary}"
    );
    assert!(
        summary.contains("line 3: unparseable-date: effective date \"31/07/2025\" in column \"effective\" is not a date"),
        "{summary}"
    );
    assert!(
        summary.contains("intrastate (column 4) [no kind: repeats intra]"),
        "{summary}"
    );

    let o = nanp_stdin(
        &[
            "categorize",
            "-",
            "-o",
            "/dev/null",
            "--rate-kinds",
            "inter,intra,indeterminate",
            "--date-col",
            "1",
        ],
        deck,
    );
    assert_eq!(o.status.code(), Some(2), "the key is not a date column");
    assert!(
        text(&o.stderr).contains("conflicting columns"),
        "{}",
        text(&o.stderr)
    );
    let o = nanp_stdin(
        &[
            "categorize",
            "-",
            "-o",
            "/dev/null",
            "--rate-kinds",
            "inter,intra,indeterminate",
        ],
        deck,
    );
    let summary = text(&o.stdout);
    assert!(
        summary.contains("intrastate (column 4) [indeterminate]"),
        "{summary}"
    );
    let o = nanp_stdin(&["categorize", "-", "--rate-kinds", "inter,bogus"], deck);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("unknown rate kind \"bogus\""),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn every_number_of_jobs_writes_the_same_files() {
    // About 1.6 MB: several stretches. Every 500th row repeats a key from
    // 20,001 rows back, every 700th holds a stray quote.
    let mut deck = String::from("prefix,rate\n");
    for i in 0..60_000u32 {
        let code = match i % 500 {
            7 if i > 20_000 => i - 20_001,
            _ => i,
        };
        let npa = [201, 202, 203, 205, 206, 207, 208, 209][code as usize / 8_000];
        let (nxx, x) = (200 + code / 10 % 800, code % 10);
        let quote = if i % 700 == 3 { "\"" } else { "" };
        deck.push_str(&format!("{quote}1{npa}{nxx}{x},0.{:04}\n", code % 9_973));
    }
    let dir = scratch("every_number_of_jobs_writes_the_same_files");
    let input = dir.join("deck.csv");
    std::fs::write(&input, &deck).unwrap();
    for reject in [false, true] {
        let mut runs = Vec::new();
        for jobs in ["1", "2", "7"] {
            let (out, rejects, json) = (
                dir.join(format!("out{jobs}.csv")),
                dir.join(format!("rejects{jobs}.csv")),
                dir.join(format!("summary{jobs}.json")),
            );
            let mut args = vec![
                "categorize",
                path_str(&input),
                "--jobs",
                jobs,
                "-o",
                path_str(&out),
                "--rejects",
                path_str(&rejects),
                "--summary-json",
                path_str(&json),
            ];
            if reject {
                args.push("--reject-duplicates");
            }
            let o = nanp(&args);
            assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
            let read = |p: &Path| std::fs::read(p).unwrap();
            runs.push((read(&out), read(&rejects), read(&json), o.stdout));
        }
        assert!(runs.iter().all(|r| *r == runs[0]), "reject: {reject}");
        let summary: Value = serde_json::from_slice(&runs[0].2).unwrap();
        let rejected = &summary["rejected_by_reason"];
        assert_eq!(rejected["unterminated-quote"], 86, "{rejected}");
        let repeats = if reject {
            rejected["duplicate-key"].as_u64()
        } else {
            summary["duplicate_keys"]["rows"].as_u64()
        };
        assert_eq!(repeats, Some(80), "{summary}");
    }
    let o = nanp(&["categorize", path_str(&input), "--jobs", "0"]);
    assert_eq!(o.status.code(), Some(2));
}
