//! `--exchanges` in `lookup` and `categorize`, and `nanp exchanges`.

use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{assert_stderr_has, data_path, nanp, nanp_stdin, scratch, stderr, stdout};

const CNAC: &str = "exchanges/cnac-co-codes-2024-10-10.csv";
const NANPA: &str = "exchanges/nanpa_utilized_2024.txt";
const LERG: &str = "exchanges/lerg6_extract.csv";

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn lookup_json_has_the_exchange_object_with_exactly_its_keys() {
    let cnac = data_path(CNAC);
    let o = nanp(&[
        "lookup",
        "--exchanges",
        &cnac,
        "--format",
        "json",
        "613-575-0100",
        "613-580",
        "201-200-0000",
        "613",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines = json_lines(&stdout(&o));
    let e = &lines[0]["exchange"];
    let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "block",
            "company",
            "effective_date",
            "lata",
            "npa",
            "nxx",
            "ocn",
            "rate_center",
            "state_province_code",
            "status"
        ]
    );
    assert_eq!(e["rate_center"], "St-Regis");
    assert_eq!(e["state_province_code"], "QC");
    assert_eq!(
        (e["status"].as_str(), e["ocn"].as_str()),
        (Some("in-service"), Some("8051"))
    );
    assert!(e["block"].is_null() && e["lata"].is_null() && e["effective_date"].is_null());
    // The NPA's own fields are still there: 613 is an Ontario NPA.
    assert_eq!(lines[0]["state_province_code"], "ON");
    // NPA-NXX without a line number; a US code the Canadian file lacks; a bare NPA.
    assert_eq!(lines[1]["exchange"]["nxx"], 580);
    assert!(lines[2]["exchange"].is_null());
    assert!(lines[3]["exchange"].is_null());
    // Without exchange files, no `exchange` key at all.
    let o = nanp(&["lookup", "--format", "json", "613-575-0100"]);
    assert!(json_lines(&stdout(&o))[0].get("exchange").is_none());
}

#[test]
fn lookup_answers_a_block_when_one_is_loaded() {
    let lerg = data_path(LERG);
    let o = nanp(&[
        "lookup",
        "--exchanges",
        &lerg,
        "--format",
        "json",
        "+1 201 200 3456",
        "+1 201 200 5456",
    ]);
    let lines = json_lines(&stdout(&o));
    assert_eq!(
        (
            lines[0]["exchange"]["block"].as_u64(),
            lines[0]["exchange"]["ocn"].as_str()
        ),
        (Some(3), Some("S031"))
    );
    assert_eq!(lines[0]["exchange"]["effective_date"], "2019-03-15");
    assert!(lines[1]["exchange"]["block"].is_null());
    assert_eq!(lines[1]["exchange"]["ocn"], "S030");
    let o = nanp(&["lookup", "--exchanges", &lerg, "2012003456", "2015550100"]);
    assert_eq!(
        stdout(&o),
        "2012003456: NPA 201, New Jersey, United States (NJ, US), us-domestic, America/New_York; exchange 201-200-3: \
         in-service, JERSEYCITY, NJ, SAMPLE CLEC, INC. (OCN S031)\n\
         2015550100: NPA 201, New Jersey, United States (NJ, US), us-domestic, America/New_York; exchange 201-555: \
         not in the exchange files\n"
    );
    let o = nanp(&[
        "lookup",
        "--exchanges",
        &lerg,
        "--format",
        "csv",
        "2012003456",
    ]);
    let text = stdout(&o);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().ends_with(",nxx,block,exchange_status,rate_center,exchange_state_province_code,company,ocn,lata,effective_date"));
    assert!(lines
        .next()
        .unwrap()
        .ends_with(",200,3,in-service,JERSEYCITY,NJ,\"SAMPLE CLEC, INC.\",S031,224,2019-03-15"));
}

#[test]
fn exchange_files_come_from_the_environment_too() {
    let cnac = format!("{}/tests/data/{CNAC}", env!("CARGO_MANIFEST_DIR"));
    let nanpa = format!("{}/tests/data/{NANPA}", env!("CARGO_MANIFEST_DIR"));
    let list = std::env::join_paths([&cnac, &nanpa]).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_nanp"))
        .args(["lookup", "--format", "json", "6135750100", "2012003456"])
        .env("NANP_EXCHANGES", &list)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let lines = json_lines(&stdout(&o));
    assert_eq!(lines[0]["exchange"]["ocn"], "8051");
    assert_eq!(lines[1]["exchange"]["ocn"], "S030");
    // --exchanges names the files instead.
    let lerg = data_path(LERG);
    let o = Command::new(env!("CARGO_BIN_EXE_nanp"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "lookup",
            "--format",
            "json",
            "--exchanges",
            &lerg,
            "6135750100",
            "2012003456",
        ])
        .env("NANP_EXCHANGES", &list)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let lines = json_lines(&stdout(&o));
    assert!(lines[0]["exchange"].is_null());
    assert_eq!(lines[1]["exchange"]["ocn"], "S031");
}

#[test]
fn a_bad_exchange_file_stops_the_command_with_every_problem() {
    let dir = scratch("cli_exchanges", "bad");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "NPA,NXX,OCN\n613,155,1\n800,555,2\n").unwrap();
    let bad = bad.to_str().unwrap();
    let o = nanp(&["lookup", "--exchanges", bad, "613"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "nanp: exchange files refused, 2 problem(s):\n\
             {bad}:2: NXX \"155\" is not a central office code (three digits, the first 2–9)\n\
             {bad}:3: NPA 800 is toll-free, not a geographic NPA: it has no exchanges\n"
        )
    );
    // `nanp exchanges` lists them too, and exits 1: rows were refused.
    let o = nanp(&["exchanges", bad]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(":3: NPA 800 is toll-free"));
    // A file that cannot be read at all: 2.
    let o = nanp(&["exchanges", "/nonexistent/x.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "/nonexistent/x.csv: cannot read");
    // Nor is a file that is no exchange file at all, or an empty one.
    let o = crate::common::nanp_stdin(&["exchanges", "-"], "a,b\n1,2\n");
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "not an exchange file");
    let o = crate::common::nanp_stdin(&["exchanges", "-"], "");
    assert_eq!(o.status.code(), Some(2));
    let o = nanp(&["exchanges"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn exchanges_summarizes_what_was_loaded() {
    let (cnac, nanpa) = (data_path(CNAC), data_path(NANPA));
    let o = nanp(&["exchanges", &cnac, &nanpa]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with(&format!(
        "{cnac}: cnac layout, file date 2024-10-10, 44000 rows\n\
         {nanpa}: nanpa layout, file date 2024-10-10, 16 rows, 3 comment lines, 1 row(s) read as Windows-1252\n\
         44016 codes (0 thousands blocks) in 63 NPAs"
    )), "{text}");
    assert!(text.contains("  in-service        27583\n"), "{text}");
    assert!(text.contains(&format!(
        "  {cnac}:27578: 613-575 (St-Regis) is in QC, but NPA 613 serves ON\n"
    )));

    let o = nanp(&["exchanges", &cnac, "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["codes"], 44_000);
    assert_eq!(v["npas"], 55);
    assert_eq!(v["files"][0]["file_date"], "2024-10-10");
    assert_eq!(v["files"][0]["layout"], "cnac");
    assert_eq!(v["by_status"]["in-service"], 27_572);
    assert_eq!(v["by_status"]["assigned"], 208);
    assert_eq!(v["by_state_province"]["QC"], 5_957);
    assert_eq!(v["disagreements"].as_array().unwrap().len(), 5);
    assert_eq!(v["disagreements"][0]["line"], 7450);
    assert_eq!(v["disagreements"][0]["npa_serves"], "ON");
}

#[test]
fn exchanges_csv_writes_every_code() {
    let lerg = data_path(LERG);
    let o = nanp(&["exchanges", &lerg, "--format", "csv"]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10);
    assert_eq!(lines[0], "npa,nxx,block,status,rate_center,state_province_code,company,ocn,lata,effective_date,source");
    assert_eq!(
        lines[3],
        format!(
            "201,200,3,in-service,JERSEYCITY,NJ,\"SAMPLE CLEC, INC.\",S031,224,2019-03-15,{lerg}"
        )
    );
    assert_eq!(
        lines[7],
        format!("671,202,,assigned,GUAM,GU,SAMPLE PACIFIC ISLAND TEL,S010,870,2024-11-01,{lerg}")
    );
}

#[test]
fn categorize_with_exchanges_adds_columns_counts_and_coverage() {
    let cnac = data_path(CNAC);
    let deck =
        "npanxx,rate\n613575,0.01\n613555,0.02\n416200,0.01\n201200,0.01\n613,0.05\n6135764,0.01\n";
    let dir = scratch("cli_exchanges", "categorize");
    let summary = dir.join("s.json");
    let summary_arg = summary.to_str().unwrap();
    let o = nanp_stdin(
        &[
            "categorize",
            "-",
            "--exchanges",
            &cnac,
            "--summary-json",
            summary_arg,
        ],
        deck,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "npanxx,rate,npa,category,country_code,state_province_code,rate_center,exchange_status,ocn\n\
         613575,0.01,613,canadian,CA,ON,St-Regis,in-service,8051\n\
         613555,0.02,613,canadian,CA,ON,,reserved,\n\
         416200,0.01,416,canadian,CA,ON,Toronto,in-service,6574\n\
         201200,0.01,201,us-domestic,US,NJ,,,\n\
         613,0.05,613,canadian,CA,ON,,,\n\
         6135764,0.01,613,canadian,CA,ON,Kanata-Stittsville,in-service,2782\n"
    );
    let v: Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    let x = &v["exchanges"];
    assert_eq!(
        (
            x["in_service"].as_u64(),
            x["not_in_service"].as_u64(),
            x["not_found"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    assert_eq!(
        x["first_not_in_service"][0],
        serde_json::json!({"line": 3, "code": "613-555", "status": "reserved"})
    );
    assert_eq!(
        x["first_not_found"][0],
        serde_json::json!({"line": 5, "code": "201-200", "status": null})
    );
    // The 613 row prices every in-service 613 code; 416-200 is one more.
    let in_613 = nanp(&["exchanges", &cnac, "--format", "csv"]);
    let in_service_613 = stdout(&in_613)
        .lines()
        .filter(|l| l.starts_with("613,") && l.contains(",in-service,"))
        .count() as u64;
    let c = &v["coverage"]["canadian"];
    assert_eq!(c["in_service_codes"], 27_572);
    assert_eq!(c["priced"].as_u64(), Some(in_service_613 + 1));
    assert_stderr_has(
        &o,
        "exchanges: of 5 rows with an NPA-NXX, in service 3 + not in service 1 + not found 1",
    );

    // The exchange check as a rejection.
    let o = nanp_stdin(
        &[
            "categorize",
            "-",
            "--exchanges",
            &cnac,
            "--reject-not-in-service",
            "--format",
            "json",
            "-o",
            "/dev/null",
        ],
        deck,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["rejected_by_reason"]["nxx-not-in-service"], 1);
    assert_eq!(
        v["first_rejected"][0]["detail"],
        format!("613-555 is reserved, not in service ({cnac})")
    );
    assert_eq!(v["exchanges"]["not_in_service"], 1);
    assert_eq!(v["rows_read"], 6);
    assert_eq!(v["accepted"], 5);

    // Without exchange files the summary has neither key.
    let o = nanp_stdin(
        &["categorize", "-", "--format", "json", "-o", "/dev/null"],
        deck,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.get("exchanges").is_none() && v.get("coverage").is_none());
    let o = nanp_stdin(&["categorize", "-", "--reject-not-in-service"], deck);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "nanp: --reject-not-in-service needs exchange files: --exchanges FILE\n"
    );
}

#[test]
fn an_output_never_overwrites_an_exchange_file() {
    let dir = scratch("cli_exchanges", "overwrite");
    let x = dir.join("x.csv");
    let text = "NPA,NXX,OCN\n613,555,8051\n";
    std::fs::write(&x, text).unwrap();
    let x = x.to_str().unwrap();
    let o = nanp_stdin(
        &["categorize", "-", "--exchanges", x, "-o", x],
        "npanxx,rate\n613555,0.01\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(x).unwrap(), text);
}
