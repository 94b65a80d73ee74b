//! `Diff`: a deck against its previous version, every change and count checked by hand, and the notice rule.

use super::*;
use jiff::civil::date;
use nanp_lerg::ratesheet::{Change, Diff, DiffSummary, Notice, RateDeck, RateKind};

fn load(deck: &str) -> RateDeck<'static> {
    RateDeck::load(deck.as_bytes(), Options::default(), &DIR).expect("the deck loads")
}

const OLD: &str = "prefix,inter,intra,effective\n\
                   1201200,0.0040,0.0050,2025-06-01\n\
                   1201201,0.0040,0.0050,2025-06-01\n\
                   1212555,0.0030,0.0035,2025-06-01\n\
                   1416200,0.0080,,2025-06-01\n\
                   1907,0.0100,0.0110,2025-06-01\n";

/// 201200 up in inter (short notice) and down in intra; 201201 unchanged;
/// 212555 gone; 416200 gains an intra rate; 907555 split out of 907 at a
/// higher inter rate with enough notice; 671200 new.
const NEW: &str = "npanxx,inter,intra,effective\n\
                   201200,0.0045,0.0049,7/3/25\n\
                   201201,0.0040,0.0050,2025-06-01\n\
                   416200,0.0080,0.0090,2025-07-01\n\
                   907,0.0100,0.0110,2025-06-01\n\
                   907555,0.0120,0.0110,15-JUL-25\n\
                   671200,0.1200,0.1200,2025-07-01\n";

fn rows(diff: &Diff<'_, '_>) -> Vec<Vec<String>> {
    let cell = |r: Option<Rate>| r.map(|r| r.to_string()).unwrap_or_default();
    diff.codes()
        .flat_map(|code| {
            code.changes()
                .iter()
                .map(|c| {
                    vec![
                        code.prefix().to_string(),
                        code.destination().category_name().to_owned(),
                        c.change.to_string(),
                        c.kind.to_string(),
                        cell(c.old),
                        cell(c.new),
                        cell(c.delta()),
                        c.effective.map(|d| d.to_string()).unwrap_or_default(),
                    ]
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_change_kind_by_kind() {
    let (old, new) = (load(OLD), load(NEW));
    let diff = Diff::new(&old, &new);
    assert_eq!(diff.kinds(), [RateKind::Inter, RateKind::Intra]);
    let expected: Vec<Vec<&str>> = vec![
        vec![
            "201200",
            "us-domestic",
            "increase",
            "inter",
            "0.0040",
            "0.0045",
            "0.0005",
            "2025-07-03",
        ],
        vec![
            "201200",
            "us-domestic",
            "decrease",
            "intra",
            "0.0050",
            "0.0049",
            "-0.0001",
            "2025-07-03",
        ],
        vec![
            "212555",
            "us-domestic",
            "removed",
            "inter",
            "0.0030",
            "",
            "",
            "",
        ],
        vec![
            "212555",
            "us-domestic",
            "removed",
            "intra",
            "0.0035",
            "",
            "",
            "",
        ],
        vec![
            "416200",
            "canadian",
            "new",
            "intra",
            "",
            "0.0090",
            "",
            "2025-07-01",
        ],
        vec![
            "671200",
            "pacific",
            "new",
            "inter",
            "",
            "0.1200",
            "",
            "2025-07-01",
        ],
        vec![
            "671200",
            "pacific",
            "new",
            "intra",
            "",
            "0.1200",
            "",
            "2025-07-01",
        ],
        vec![
            "907555",
            "us-domestic",
            "increase",
            "inter",
            "0.0100",
            "0.0120",
            "0.0020",
            "2025-07-15",
        ],
    ];
    assert_eq!(rows(&diff), expected);

    let notice = Notice {
        as_of: date(2025, 7, 1),
        days: 7,
    };
    let s = DiffSummary::summarize(&diff, notice);
    assert_eq!((s.codes_old(), s.codes_new()), (5, 6));
    // 201201 and 907 unchanged; 907555's intra is the same as 907's.
    assert_eq!(s.unchanged(), 2);
    assert_eq!(
        Change::ALL.map(|c| s.count(c)),
        [2, 1, 3, 2],
        "increase, decrease, new, removed"
    );
    assert_eq!(s.category_count("pacific", Change::New), 2);
    assert_eq!(s.category_count("us-domestic", Change::Increase), 2);
    assert_eq!(s.category_count("canadian", Change::New), 1);
    // 2025-07-03 is less than 7 days after 2025-07-01; 2025-07-15 is not.
    assert_eq!(s.short_notice(), 1);
    let first = &s.first_short_notice()[0];
    assert_eq!(first.code.to_string(), "201200");
    assert_eq!(first.delta.to_string(), "0.0005");

    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["codes_old"], 5);
    assert_eq!(v["codes_new"], 6);
    assert_eq!(v["unchanged"], 2);
    assert_eq!(
        v["changes"],
        serde_json::json!({"increase": 2, "decrease": 1, "new": 3, "removed": 2})
    );
    assert_eq!(
        v["by_category"]["pacific"],
        serde_json::json!({"increase": 0, "decrease": 0, "new": 2, "removed": 0})
    );
    assert_eq!(v["short_notice"], 1);
    assert_eq!(v["as_of"], "2025-07-01");
    assert_eq!(v["notice_days"], 7);
    assert_eq!(
        v["first_short_notice"][0],
        serde_json::json!({
            "code": "201200", "category": "us-domestic", "kind": "inter",
            "old_rate": "0.0040", "new_rate": "0.0045", "delta": "0.0005",
            "effective_date": "2025-07-03"
        })
    );
}

#[test]
fn notice_is_counted_from_as_of_and_an_undated_increase_has_none() {
    let n = Notice {
        as_of: date(2025, 7, 1),
        days: 7,
    };
    assert!(n.is_short(Some(date(2025, 7, 7))));
    assert!(!n.is_short(Some(date(2025, 7, 8))), "seven days' notice");
    assert!(n.is_short(Some(date(2025, 6, 1))), "retroactive");
    assert!(n.is_short(None), "no date, no notice");
    let zero = Notice { days: 0, ..n };
    assert!(!zero.is_short(Some(date(2025, 7, 1))));
    // More days than the calendar holds: every date is too soon, no panic.
    let endless = Notice {
        days: u32::MAX,
        ..n
    };
    assert!(endless.is_short(Some(date(9999, 12, 31))));

    let old = load("prefix,rate\n1201200,0.0100\n");
    let new = load("prefix,rate\n1201200,0.0200\n");
    let s = DiffSummary::summarize(&Diff::new(&old, &new), n);
    assert_eq!((s.short_notice(), s.undated_increases()), (1, 1));
    assert!(
        s.to_string().contains("1 of them with no effective date"),
        "{s}"
    );
}

#[test]
fn identical_decks_have_no_changes() {
    let (a, b) = (load(OLD), load(OLD));
    let diff = Diff::new(&a, &b);
    assert!(rows(&diff).is_empty());
    let s = DiffSummary::summarize(
        &diff,
        Notice {
            as_of: date(2025, 7, 1),
            days: 7,
        },
    );
    assert_eq!((s.unchanged(), s.short_notice()), (5, 0));
    assert!(s
        .to_string()
        .contains("no increase takes effect less than 7 days after 2025-07-01"));
}

#[test]
fn a_code_whose_new_row_is_rejected_shows_as_removed_and_is_counted_as_rejected() {
    let old = load("prefix,rate,effective\n1201200,0.0100,2025-06-01\n1201201,0.0100,2025-06-01\n");
    let new = load("prefix,rate,effective\n1201200,0.0100,2025-06-01\n1201201,0.0200,soon\n");
    assert_eq!(new.summary().rejected(), 1);
    let diff = Diff::new(&old, &new);
    assert_eq!(rows(&diff)[0][..3], ["201201", "us-domestic", "removed"]);
}
