//! `nanp jurisdiction`.

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
            "total cost 1.196083 (5335 billed seconds; exact: 1.196083333333333333333333)"
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
    // The records are the CSV; the summary is a table or JSON.
    let o = nanp(&["rate", CDRS, "--deck", DECK, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
}
