//! The `nanp` binary's contract: output formats and exit codes.

use std::process::Output;

use serde_json::Value;

use crate::common::{assert_stderr_has, nanp, nanp_stdin, stdout};

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn lookup_json_geographic_has_the_contract_fields() {
    let o = nanp(&["lookup", "--format", "json", "+1 (671) 555-0100"]);
    assert_eq!(o.status.code(), Some(0));
    let v = &json_lines(&o)[0];
    for key in [
        "input",
        "npa",
        "kind",
        "country_code",
        "country_name",
        "state_province_code",
        "state_province_name",
        "region",
        "category",
        "display_location",
        "full_location",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["input"], "+1 (671) 555-0100");
    assert_eq!(v["npa"], 671);
    assert!(v["npa"].is_u64(), "npa is a JSON number");
    assert_eq!(v["kind"], "geographic");
    assert_eq!(v["country_code"], "GU");
    assert_eq!(v["country_name"], "Guam");
    assert_eq!(v["state_province_code"], "GU");
    assert_eq!(v["region"], "Pacific");
    assert_eq!(v["category"], "pacific");
    assert_eq!(v["display_location"], "Guam, Guam");
    assert_eq!(v["full_location"], "Guam, Guam (GU, GU)");
}

#[test]
fn lookup_json_every_kind() {
    let o = nanp(&[
        "lookup",
        "--format",
        "json",
        "800",
        "1900",
        "710",
        "911",
        "282",
        "+44 20 7946 0958",
        "abc",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "unassigned, reserved and invalid inputs make exit 1"
    );
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 7, "one object per input");

    assert_eq!(keys(&lines[0]), ["input", "kind", "npa", "service"]);
    assert_eq!(
        (
            lines[0]["npa"].as_u64(),
            &lines[0]["kind"],
            &lines[0]["service"]
        ),
        (Some(800), &"non-geographic".into(), &"toll-free".into())
    );
    assert_eq!(lines[1]["service"], "premium");
    assert_eq!(lines[1]["npa"], 900);
    assert_eq!(lines[2]["service"], "us-government");

    assert_eq!(lines[3]["kind"], "reserved");
    assert_eq!(lines[3]["npa"], 911);
    assert_eq!(lines[3]["reason"], "n11");

    assert_eq!(keys(&lines[4]), ["input", "kind", "npa"]);
    assert_eq!(lines[4]["kind"], "unassigned");

    assert_eq!(keys(&lines[5]), ["error", "input", "kind"]);
    assert_eq!(lines[5]["kind"], "invalid");
    assert_eq!(lines[5]["error"], "country code +44 is not the NANP's +1");
    assert_eq!(lines[6]["error"], "unexpected character 'a' at byte 0");
}

#[test]
fn lookup_exit_codes() {
    assert_eq!(
        nanp(&["lookup", "670", "1-671-234-5678", "438", "800"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(nanp(&["lookup", "670", "299"]).status.code(), Some(1));
    assert_eq!(nanp(&["lookup", "--bogus", "670"]).status.code(), Some(2));
    assert_eq!(nanp(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        nanp(&["list", "--category", "martian"]).status.code(),
        Some(2)
    );
}

#[test]
fn lookup_text_names_the_location_and_category() {
    let o = nanp(&["lookup", "670", "902", "abc"]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "670: NPA 670, Northern Mariana Islands, Northern Mariana Islands (MP, MP), pacific, Pacific/Saipan",
            "902: NPA 902, Nova Scotia/Prince Edward Island, Canada (NS/PE, CA), canadian, America/Halifax",
            "abc: invalid: unexpected character 'a' at byte 0",
        ]
    );
}

#[test]
fn lookup_reads_standard_input_without_arguments() {
    let o = nanp_stdin(
        &["lookup", "--format", "json"],
        "16702345678\n\n1876 555 0100\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2, "blank lines are skipped");
    assert_eq!(lines[1]["country_code"], "JM");
    assert_eq!(lines[1]["category"], "caribbean");
}

#[test]
fn lookup_answers_standard_input_as_it_arrives() {
    // An endless stream: answered line by line, and ended by the reader.
    let command = format!(
        "yes +1-671-555-0100 | timeout 60 {} lookup | head -n 2; echo \"status ${{PIPESTATUS[1]}}\" >&2",
        env!("CARGO_BIN_EXE_nanp")
    );
    let o = std::process::Command::new("bash")
        .args(["-c", &command])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.ends_with("status 0\n"), "{err}");
    assert_eq!(
        stdout(&o),
        "+1-671-555-0100: NPA 671, Guam, Guam (GU, GU), pacific, Pacific/Guam\n".repeat(2)
    );
    // UTF-16 with its byte-order mark, a line at a time.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "438\r\n\r\n670\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let o = nanp_stdin(&["lookup"], utf16);
    assert_eq!(
        stdout(&o),
        "438: NPA 438, Quebec, Canada (QC, CA), canadian, America/Toronto\n\
         670: NPA 670, Northern Mariana Islands, Northern Mariana Islands (MP, MP), pacific, Pacific/Saipan\n"
    );
}

#[test]
fn list_filters_by_category_and_country() {
    let o = nanp(&["list", "--category", "pacific", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let npas: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(npas, ["670", "671", "684"]);

    let o = nanp(&["list", "--country", "pr", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let npas: Vec<u64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["npa"].as_u64().unwrap())
        .collect();
    assert_eq!(npas, [787, 939]);
    assert_eq!(v[0]["country_name"], "Puerto Rico");

    let o = nanp(&["list", "--country", "CA", "--category", "canadian"]);
    assert_eq!(
        stdout(&o).lines().count(),
        1 + 56,
        "header and the 56 Canadian NPAs"
    );
}

#[test]
fn list_csv_quotes_and_lists_served_provinces() {
    let o = nanp(&["list", "--format", "csv"]);
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 451);
    assert!(text.lines().any(|l| l
        == "867,CA,Canada,NT,Northwest Territories/Nunavut/Yukon,CA,canadian,NT;NU;YT,\
             America/Whitehorse;America/Edmonton;America/Winnipeg;America/Toronto"));
}

#[test]
fn stats_json_counts() {
    let o = nanp(&["stats", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["records"], 450);
    assert_eq!(v["per_category"]["pacific"], 3);
    assert_eq!(v["per_country"]["PR"], 2);
    assert_eq!(v["per_country"]["CA"], 56);
}

#[test]
fn fixes_lists_every_correction_with_its_reason() {
    let o = nanp(&["fixes", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let fixes = v.as_array().unwrap();
    assert_eq!(fixes.len(), nanp_lerg::fixes().len());
    assert_eq!(
        (&fixes[0]["npa"], &fixes[0]["field"], &fixes[0]["to"]),
        (&670.into(), &"country_code".into(), &"MP".into())
    );
    assert!(fixes
        .iter()
        .all(|f| !f["reason"].as_str().unwrap().is_empty()));
}

#[test]
fn lookup_and_stats_as_csv() {
    let o = nanp(&["lookup", "--format", "csv", "671", "800", "911", "abc"]);
    assert_eq!(o.status.code(), Some(1), "911 and abc are not found");
    assert_eq!(
        stdout(&o),
        "input,npa,kind,country_code,country_name,state_province_code,state_province_name,region,category,time_zones,service,reason\n\
         671,671,geographic,GU,Guam,GU,Guam,Pacific,pacific,Pacific/Guam,,\n\
         800,800,non-geographic,,,,,,,,toll-free,\n\
         911,911,reserved,,,,,,,,,n11\n\
         abc,,invalid,,,,,,,,,\n"
    );
    let o = nanp(&["stats", "--format", "csv"]);
    let text = stdout(&o);
    assert!(
        text.starts_with("group,name,count\ntotal,geographic,450\n"),
        "{text}"
    );
    assert!(text.contains("\ncategory,pacific,3\n"), "{text}");
    assert!(text.contains("\ncountry,GU,1\n"), "{text}");
}

#[test]
fn lookup_reads_every_stdin_line_past_one_that_is_not_text_and_utf16_too() {
    let o = nanp_stdin(&["lookup"], b"201\n\xe9\n671\n");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.starts_with("201: NPA 201, New Jersey"), "{out}");
    assert!(out.contains("671: NPA 671, Guam"), "{out}");
    assert_stderr_has(&o, "<stdin>:2: not UTF-8 text");

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "201\r\n671\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let o = nanp_stdin(&["lookup"], utf16);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 2);
    assert!(stdout(&o).contains("671: NPA 671, Guam"));
}
