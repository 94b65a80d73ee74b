//! `nanp jurisdiction` and `nanp rate`.

use serde_json::Value;

use crate::common::{assert_stderr_has, nanp, stderr, stdout};

#[test]
fn jurisdiction_prints_the_rule_that_decided() {
    let o = nanp(&["jurisdiction", "+1 201 555 0100", "212-555-0100"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "interstate: the ends are in different states (NJ to NY) [different-states]\n"
    );
    let o = nanp(&[
        "jurisdiction",
        "anonymous",
        "2125550100",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["jurisdiction"].as_str(), v["rule"].as_str()),
        (Some("indeterminate"), Some("ani-withheld"))
    );
    assert!(v["ani_state"].is_null());
    assert_eq!(v["dialed_state"], "NY");
    let o = nanp(&[
        "jurisdiction",
        "4165550100",
        "2125550100",
        "--canadian-ani",
        "indeterminate",
    ]);
    assert!(stdout(&o).starts_with("indeterminate: the calling number is Canadian"));
    let o = nanp(&[
        "jurisdiction",
        "2015550100",
        "2125550100",
        "--state-from-exchange",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("need --exchanges FILE"));
}

const CDRS: &str = "data/samples/cdrs.csv";
const DECK: &str = "data/samples/rating_deck.csv";

#[test]
fn rate_prices_the_sample_records_exactly() {
    let dir = crate::common::scratch("cli_rate", "sample");
    let summary = dir.join("s.json");
    let o = nanp(&[
        "rate",
        CDRS,
        "--deck",
        DECK,
        "--summary-json",
        summary.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    // Five records of the sample cannot be rated, each for its reason.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rated = stdout(&o);
    assert!(rated.starts_with(
        "call_id,start,calling_number,called_number,billsec,trunk,jurisdiction,matched_code,rate_kind,rate,billed_seconds,cost\n\
         1001,2025-07-02 09:00:01,+1 201-555-0100,+1 201-555-0199,61,A,intrastate,201555,intra,0.0050,66,0.0055\n"
    ));
    assert!(rated.contains("\n1019,2025-07-02 09:08:00,2015550100,011 44 161 496 0000,12.25,D,non-domestic,44,inter,0.0200,13,0.004333333333333333333333\n"));
    assert_eq!(rated.lines().count(), 1 + 23);
    let v: Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(
        (
            v["cdrs_read"].as_u64(),
            v["rated"].as_u64(),
            v["rejected"].as_u64()
        ),
        (Some(28), Some(23), Some(5))
    );
    assert_eq!(v["total_cost"], "1.196083333333333333333333");
    assert_eq!(v["billed_seconds"], 5335);
    assert_eq!(
        v["jurisdictions"]["indeterminate"],
        serde_json::json!({"calls": 7, "billed_seconds": 3750, "cost": "0.56205"})
    );
    assert_eq!(v["categories"]["caribbean"]["cost"], "0.3320");
    assert_eq!(
        v["fallbacks"],
        serde_json::json!({"intra->inter": 1, "indeterminate->intra": 4, "indeterminate->inter": 1})
    );
    for reason in [
        "no-match",
        "bad-dialed",
        "dialed-unassigned",
        "bad-duration",
        "missing-field",
    ] {
        assert_eq!(v["rejected_by_reason"][reason], 1, "{reason}");
    }
    assert_eq!(v["deck"]["codes"], 15);
    // The printed summary goes to standard error when the records take standard output.
    let text = stderr(&o);
    assert!(
        text.contains("data/samples/cdrs.csv: records read 28: rated 23 + rejected 5 (balanced)"),
        "{text}"
    );
    assert!(
        text.contains(
            "total cost 1.196083 (5335 billed seconds; the calls' costs summed exactly: 1.196083333333333333333333)"
        ),
        "{text}"
    );
}

#[test]
fn one_job_or_four_write_the_same_files() {
    let dir = crate::common::scratch("cli_rate", "jobs");
    let mut outputs = Vec::new();
    for jobs in ["1", "4"] {
        let out = dir.join(format!("rated{jobs}.csv"));
        let rejects = dir.join(format!("rejects{jobs}.csv"));
        let o = nanp(&[
            "rate",
            CDRS,
            "--deck",
            DECK,
            "--jobs",
            jobs,
            "-o",
            out.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(1));
        outputs.push((
            std::fs::read(out).unwrap(),
            std::fs::read(rejects).unwrap(),
            stdout(&o),
        ));
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn rate_refuses_what_it_cannot_do() {
    // An output naming the deck or the records.
    let o = nanp(&["rate", CDRS, "--deck", DECK, "-o", DECK]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "rating_deck.csv");
    // Records without the columns it needs.
    let o = crate::common::nanp_stdin(&["rate", "-", "--deck", DECK], "a,b\n1,2\n");
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "no calling-number column");
    // A bad increment, a bad job count.
    let o = nanp(&["rate", CDRS, "--deck", DECK, "--increment", "6/0"]);
    assert_eq!(o.status.code(), Some(2));
    let o = nanp(&["rate", CDRS, "--deck", DECK, "--jobs", "0"]);
    assert_eq!(o.status.code(), Some(2));
    // More threads than any machine rates with: refused, not a panic.
    let o = nanp(&["rate", CDRS, "--deck", DECK, "--jobs", "65535"]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "1..=256");
    // The records are the CSV; the summary is a table or JSON.
    let o = nanp(&["rate", CDRS, "--deck", DECK, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_dialed_number_no_call_could_go_to_is_a_bad_argument() {
    for (dialed, says) in [
        ("911", "bad-dialed: 911"),
        ("201555", "bad-dialed: 201555"),
        ("12015550100999", "bad-dialed"),
        ("282-555-0100", "dialed-unassigned: NPA 282 is not assigned"),
    ] {
        let o = nanp(&["jurisdiction", "2015550100", dialed]);
        assert_eq!(o.status.code(), Some(2), "{dialed}");
        assert_stderr_has(&o, says);
    }
    // Toll-free and another country's numbers are priced, not US states.
    for dialed in ["8005550100", "+44 20 7946 0958"] {
        let o = nanp(&["jurisdiction", "2015550100", dialed]);
        assert_eq!(o.status.code(), Some(0), "{dialed}");
        assert_eq!(
            stdout(&o),
            "non-domestic: the dialed number is not in a US state [dialed-not-domestic]\n"
        );
    }
}

#[test]
fn extra_fields_are_rejected_and_empty_ones_cut_so_columns_line_up() {
    let cdrs = "id,ani,dialed,billsec\n\
                1,2015550100,2125550100,60,EXTRA\n\
                2,2015550100,2125550100,60,,\n\
                3,2015550100,2125550100,1,000\n";
    let o = crate::common::nanp_stdin(&["rate", "-", "--deck", DECK], cdrs);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "id,ani,dialed,billsec,jurisdiction,matched_code,rate_kind,rate,billed_seconds,cost",
            "2,2015550100,2125550100,60,interstate,212,inter,0.0120,60,0.0120",
        ]
    );
    // `1,000` is not a duration of one second: the row is too wide.
    assert_stderr_has(&o, "line 2: extra-fields: 5 fields, the header has 4");
    assert_stderr_has(&o, "line 4: extra-fields: 5 fields, the header has 4");
}

#[test]
fn records_with_no_call_or_a_total_past_belief_write_nothing() {
    let dir = crate::common::scratch("cli_rate", "refused");
    let out = dir.join("rated.csv");
    std::fs::write(&out, "earlier\n").unwrap();
    let header_only = dir.join("header.csv");
    std::fs::write(&header_only, "id,ani,dialed,billsec\n").unwrap();
    let o = nanp(&[
        "rate",
        header_only.to_str().unwrap(),
        "--deck",
        DECK,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "no call records");

    // 300 calls of 136 years at 9,999 a minute: each fits, their sum
    // does not.
    let deck = dir.join("deck.csv");
    std::fs::write(&deck, "prefix,rate,increment\n1201,9999.123456,1/1\n").unwrap();
    let mut cdrs = String::from("id,ani,dialed,billsec\n");
    for i in 0..300 {
        cdrs.push_str(&format!("{i},2015550100,2015550100,4294967295\n"));
    }
    let records = dir.join("cdrs.csv");
    std::fs::write(&records, cdrs).unwrap();
    let o = nanp(&[
        "rate",
        records.to_str().unwrap(),
        "--deck",
        deck.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "a total ran past 10^14");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier\n");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_deck_with_rejected_rows_exits_one_though_every_call_is_rated() {
    let dir = crate::common::scratch("cli_rate", "deck_rejects");
    let deck = dir.join("deck.csv");
    std::fs::write(&deck, "prefix,inter\n1201,0.0100\n1213,abc\n").unwrap();
    let o = crate::common::nanp_stdin(
        &["rate", "-", "--deck", deck.to_str().unwrap()],
        "ani,dialed,billsec\n2015550100,2015550199,60\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert_stderr_has(&o, "rated 1 + rejected 0");
    assert_stderr_has(&o, "rejected 1");
}
