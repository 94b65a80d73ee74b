//! Files of call records: every record rated or rejected with its line,
//! exact totals, and the same bytes on one thread or many.

use proptest::prelude::*;

use nanp_lerg::ratesheet::{Options, RateDeck};
use nanp_lerg::rating::{
    rate_records, CallRejection, CdrColumn, CdrOptions, Jurisdiction, Market, Rater, RatingSummary,
    RunError,
};
use nanp_lerg::Directory;

static DIR: Directory = Directory::builtin();

const DECK: &str = "prefix,inter,intra,indeterminate\n\
                    1201,0.0100,0.0060,0.0080\n\
                    1212,0.0120,,\n\
                    1416,0.0080,0.0080,0.0080\n\
                    44,0.0200,,\n";

/// Rates `records` on `jobs` threads: the output, the rejects, the summary.
fn run(records: &str, jobs: usize) -> (String, String, RatingSummary) {
    run_with(
        records,
        CdrOptions {
            jobs,
            ..CdrOptions::default()
        },
    )
}

fn run_with(records: &str, options: CdrOptions) -> (String, String, RatingSummary) {
    let deck = RateDeck::load(DECK.as_bytes(), Options::default(), &DIR).unwrap();
    let rater = Rater::new(&deck);
    let (mut out, mut rejects) = (Vec::new(), Vec::new());
    let summary = rate_records(
        records.as_bytes(),
        &rater,
        &options,
        &mut out,
        Some(&mut rejects),
    )
    .unwrap();
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(rejects).unwrap(),
        summary,
    )
}

#[test]
fn each_record_rated_or_rejected_with_its_line() {
    let records = "id,ani,dnis,duration,note\n\
                   1,2015550100,2015550199,61,same state\n\
                   2,2015550100,2125550100,30,\"two states, quoted\"\n\
                   \n\
                   3,anonymous,2015550100,7,\"a note\nover two lines\"\n\
                   4,2015550100,3055550100,30,no code\n\
                   5,2015550100,4165550100,0,zero length\n\
                   6,2015550100,2015550100\n\
                   7,\"2015550100,2015550100,6,never closes\n\
                   8,2015550100,+44 20 7946 0958,1:00,uk\n";
    let (out, rejects, s) = run(records, 1);
    assert_eq!(
        out,
        "id,ani,dnis,duration,note,jurisdiction,matched_code,rate_kind,rate,billed_seconds,cost\n\
         1,2015550100,2015550199,61,same state,intrastate,201,intra,0.0060,66,0.0066\n\
         2,2015550100,2125550100,30,\"two states, quoted\",interstate,212,inter,0.0120,30,0.0060\n\
         3,anonymous,2015550100,7,\"a note\nover two lines\",indeterminate,201,indeterminate,0.0080,12,0.0016\n\
         5,2015550100,4165550100,0,zero length,non-domestic,416,inter,0.0080,0,0.0000\n\
         8,2015550100,+44 20 7946 0958,1:00,uk,non-domestic,44,inter,0.0200,60,0.0200\n"
    );
    assert_eq!(
        rejects,
        "line,reason,detail\n\
         7,no-match,no code of the deck starts 13055550100,4,2015550100,3055550100,30,no code\n\
         9,missing-field,\"3 fields, 4 needed\",6,2015550100,2015550100\n\
         10,unterminated-quote,a quoted field never closes,7,\"2015550100,2015550100,6,never closes\"\n"
    );
    assert_eq!((s.cdrs_read(), s.rated(), s.rejected()), (8, 5, 3));
    assert!(s.balanced());
    assert_eq!(s.jurisdiction(Jurisdiction::Intrastate).calls, 1);
    assert_eq!(s.market(Market::NonNanp).cost().to_string(), "0.0200");
    assert_eq!(s.total().cost().to_string(), "0.0342");
    assert_eq!(s.total().billed_seconds, 66 + 30 + 12 + 60);
    assert_eq!(s.rejected_by_reason()[&CallRejection::NoMatch], 1);
    let json = serde_json::to_value(&s).unwrap();
    for key in [
        "cdrs_read",
        "rated",
        "rejected",
        "rejected_by_reason",
        "jurisdictions",
        "categories",
        "total_cost",
        "fallbacks",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["total_cost"], "0.0342");
    assert_eq!(json["jurisdictions"]["intrastate"]["cost"], "0.0066");
    assert_eq!(json["categories"]["canadian"]["calls"], 1);
    assert_eq!(json["fallbacks"]["intra->inter"], 0);
    assert_eq!(json["blank_lines"], 1);
}

#[test]
fn one_thread_or_four_the_same_bytes() {
    // Enough records for many stretches, with quoted fields spanning lines
    // and faults along the way.
    let mut records = String::from("ani,dialed,seconds,memo\n");
    for i in 0..60_000u32 {
        let dialed = [
            "2015550100",
            "2125550100",
            "4165550100",
            "3055550100",
            "+442079460958",
        ][i as usize % 5];
        let ani = ["2015550199", "anonymous", "4165550100", ""][i as usize % 4];
        match i % 997 {
            0 => records.push_str(&format!(
                "{ani},{dialed},{},\"spans\nlines {i}\"\n",
                i % 400
            )),
            1 => records.push_str(&format!("{ani},\"{dialed},{},broken\n", i % 400)),
            2 => records.push('\n'),
            _ => records.push_str(&format!("{ani},{dialed},{},m{i}\n", i % 400)),
        }
    }
    let one = run(&records, 1);
    let four = run(&records, 4);
    assert_eq!(one.0, four.0);
    assert_eq!(one.1, four.1);
    assert_eq!(one.2, four.2);
    assert!(one.2.balanced());
    // One record a line but the 61 blank ones; the broken quotes and the
    // quoted line breaks each make one record.
    assert_eq!(one.2.cdrs_read(), 60_000 - 61);
    assert_eq!(
        one.2.rejected_by_reason()[&CallRejection::UnterminatedQuote],
        61
    );
}

#[test]
fn columns_by_name_by_index_and_without_a_header() {
    // Asterisk's CDR writes both duration and billsec: billsec is billed.
    let records = "src,dst,duration,billsec\n2015550100,2015550199,65,61\n";
    let (out, _, _) = run(records, 1);
    assert!(
        out.ends_with(",intrastate,201,intra,0.0060,66,0.0066\n"),
        "{out}"
    );
    let headerless = "x,2015550100,2015550199,61\n";
    let options = CdrOptions {
        ani_col: Some(CdrColumn::Index(1)),
        dialed_col: Some(CdrColumn::Index(2)),
        duration_col: Some(CdrColumn::Index(3)),
        no_header: true,
        jobs: 1,
        ..CdrOptions::default()
    };
    let (out, _, s) = run_with(headerless, options);
    assert_eq!(
        out,
        "x,2015550100,2015550199,61,intrastate,201,intra,0.0060,66,0.0066\n"
    );
    assert_eq!(s.rated(), 1);
    // A file whose columns cannot be found says which and how to name them.
    let deck = RateDeck::load(DECK.as_bytes(), Options::default(), &DIR).unwrap();
    let e = rate_records(
        "caller,seconds\n2015550100,5\n".as_bytes(),
        &Rater::new(&deck),
        &CdrOptions::default(),
        &mut Vec::new(),
        None,
    )
    .unwrap_err();
    assert!(matches!(e, RunError::Columns(_)));
    assert!(
        e.to_string()
            .starts_with("no dialed-number column: the header is \"caller,seconds\""),
        "{e}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the records hold, each is rated or rejected once, and the
    /// lines of the output and rejects add up to them.
    #[test]
    fn rated_and_rejected_make_the_records_read(
        rows in prop::collection::vec(
            (
                prop::sample::select(vec!["2015550100", "anonymous", "", "4165550100", "8005550100", "x"]),
                prop::sample::select(vec!["2015550199", "2125550100", "+442079460958", "3055550100", "201", "\"2015550100"]),
                prop::sample::select(vec!["0", "1", "6.5", "61", "1:02:03", "-1", "abc", ""]),
            ),
            0..60,
        ),
        jobs in 1usize..4,
    ) {
        let mut records = String::from("ani,dialed,duration\n");
        for (a, d, s) in &rows {
            records.push_str(&format!("{a},{d},{s}\n"));
        }
        let (out, rejects, s) = run(&records, jobs);
        prop_assert!(s.balanced());
        prop_assert_eq!(s.rated() + s.rejected(), s.cdrs_read());
        prop_assert_eq!(out.lines().count() as u64 - 1, s.rated());
        let rejected_records = rejects.lines().skip(1).filter(|l| l.split(',').next().is_some_and(|n| n.parse::<u64>().is_ok())).count();
        prop_assert_eq!(rejected_records as u64, s.rejected());
    }
}
