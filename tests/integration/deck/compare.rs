//! `Comparison`: vendors' decks lined up by longest-prefix match; every cell and count checked by hand.

use super::*;
use nanp_lerg::ratesheet::{CompareError, Comparison, Prefix, RateDeck, RateKind};
use proptest::prelude::*;

fn load(deck: &str) -> RateDeck<'static> {
    RateDeck::load(deck.as_bytes(), Options::default(), &DIR).expect("the deck loads")
}

/// Vendor a: 1NPANXX prefixes with a repeated intrastate column.
const A: &str = "prefix,rate (inter),intrastate,intrastate\n\
                 1201200,0.0040,0.0050,0.0099\n\
                 1201201,0.0060,0.0050,0.0099\n\
                 1212555,0.0030,0.0035,0.0099\n\
                 1416200,0.0080,0.0085,0.0099\n";
/// Vendor b: NPA and NXX apart, three kinds by name; prices all of 201 at
/// one NPA-level rate besides one NPA-NXX.
const B: &str = "npa,nxx,inter,intra,indeterminate\n\
                 201,,0.0045,0.0050,0.0070\n\
                 201,200,0.0045,0.0050,0.0060\n\
                 907,555,0.0100,0.0110,0.0120\n";

/// Each row's cells as the CLI writes them, from the library's answers.
fn table(cmp: &Comparison<'_, '_>) -> Vec<Vec<String>> {
    let cell = |r: Option<Rate>| r.map(|r| r.to_string()).unwrap_or_default();
    cmp.codes()
        .map(|code| {
            let mut row = vec![
                code.prefix().to_string(),
                code.destination().category_name().to_owned(),
            ];
            for (i, deck) in cmp.decks().iter().enumerate() {
                for &k in deck.kinds() {
                    row.push(cell(code.rate(i, k)));
                }
            }
            for &k in cmp.kinds() {
                row.push(cmp.cheapest_cell(&code, k));
                row.push(cell(code.spread(k)));
            }
            row
        })
        .collect()
}

#[test]
fn mixed_shapes_line_up_by_longest_prefix_match() {
    // b's NPA column row `201,` has no NXX: rejected (missing-nxx); its
    // 201 is priced by a 1201 row in deck c instead.
    let a = load(A);
    let b = load(B);
    assert_eq!(b.summary().rejected(), 1);
    let c = load("prefix,inter\n1201,0.0042\n");
    let cmp = Comparison::new(vec![("a".into(), &a), ("b".into(), &b), ("c".into(), &c)]).unwrap();
    assert_eq!(
        cmp.header(),
        [
            "code",
            "npa",
            "category",
            "state_province_code",
            "a_inter",
            "a_intra",
            "b_inter",
            "b_intra",
            "b_indeterminate",
            "c_inter",
            "cheapest_inter",
            "spread_inter",
            "cheapest_intra",
            "spread_intra",
            "cheapest_indeterminate",
            "spread_indeterminate",
        ]
    );
    let t = table(&cmp);
    let expected: Vec<Vec<&str>> = vec![
        // 201: only c's 1201 covers it.
        vec![
            "201",
            "us-domestic",
            "",
            "",
            "",
            "",
            "",
            "0.0042",
            "c",
            "0.0000",
            "",
            "",
            "",
            "",
        ],
        vec![
            "201200",
            "us-domestic",
            "0.0040",
            "0.0050",
            "0.0045",
            "0.0050",
            "0.0060",
            "0.0042",
            "a",
            "0.0005",
            "tie:a|b",
            "0.0000",
            "b",
            "0.0000",
        ],
        vec![
            "201201",
            "us-domestic",
            "0.0060",
            "0.0050",
            "",
            "",
            "",
            "0.0042",
            "c",
            "0.0018",
            "a",
            "0.0000",
            "",
            "",
        ],
        vec![
            "212555",
            "us-domestic",
            "0.0030",
            "0.0035",
            "",
            "",
            "",
            "",
            "a",
            "0.0000",
            "a",
            "0.0000",
            "",
            "",
        ],
        vec![
            "416200", "canadian", "0.0080", "0.0085", "", "", "", "", "a", "0.0000", "a", "0.0000",
            "", "",
        ],
        vec![
            "907555",
            "us-domestic",
            "",
            "",
            "0.0100",
            "0.0110",
            "0.0120",
            "",
            "b",
            "0.0000",
            "b",
            "0.0000",
            "b",
            "0.0000",
        ],
    ];
    assert_eq!(t, expected);

    let s = cmp.summarize();
    assert_eq!((s.codes_total(), s.codes_in_all()), (6, 1));
    // 212555, 416200 only a; 907555 only b; 201 only c.
    assert_eq!(s.only_in(), [2, 1, 1]);
    // Inter: a wins 201200, 212555, 416200; b 907555; c 201, 201201.
    assert_eq!(
        (0..3)
            .map(|v| s.wins(RateKind::Inter, v))
            .collect::<Vec<_>>(),
        [3, 1, 2]
    );
    assert_eq!(s.ties(RateKind::Inter), 0);
    // Intra: the tie on 201200 counts only as a tie.
    assert_eq!(
        (0..3)
            .map(|v| s.wins(RateKind::Intra, v))
            .collect::<Vec<_>>(),
        [3, 1, 0]
    );
    assert_eq!(s.ties(RateKind::Intra), 1);
    assert_eq!(s.wins(RateKind::Indeterminate, 1), 2);
    assert_eq!(s.category_codes("us-domestic"), 5);
    assert_eq!(s.category_codes("canadian"), 1);
    // Savings in inter: a prices 201200 (0) and 201201 (0.0060-0.0042);
    // b prices 201200 (0.0045-0.0040); c prices 201200 (0.0002) and
    // 201201 (0); 201 and the codes one vendor alone prices do not count.
    let saving = |v| {
        s.average_saving(RateKind::Inter, v)
            .map(|(r, n)| (r.to_string(), n))
    };
    assert_eq!(saving(0), Some(("0.000900".into(), 2)));
    assert_eq!(saving(1), Some(("0.000500".into(), 1)));
    assert_eq!(saving(2), Some(("0.000100".into(), 2)));

    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["codes_total"], 6);
    assert_eq!(v["codes_in_all"], 1);
    assert_eq!(v["only_in"], serde_json::json!({"a": 2, "b": 1, "c": 1}));
    assert_eq!(
        v["cheapest"],
        serde_json::json!({
            "inter": {"a": 3, "b": 1, "c": 2, "tie": 0},
            "intra": {"a": 3, "b": 1, "tie": 1},
            "indeterminate": {"b": 2, "tie": 0},
        })
    );
    assert_eq!(
        v["by_category"]["canadian"],
        serde_json::json!({"codes": 1, "cheapest": {
            "inter": {"a": 1, "b": 0, "c": 0, "tie": 0},
            "intra": {"a": 1, "b": 0, "tie": 0},
            "indeterminate": {"b": 0, "tie": 0},
        }})
    );
    assert_eq!(v["by_category"]["us-domestic"]["codes"], 5);
    assert_eq!(
        v["savings"]["inter"]["a"],
        serde_json::json!({"codes": 2, "average": "0.000900"})
    );
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "codes_total",
            "codes_in_all",
            "only_in",
            "cheapest",
            "by_category",
            "savings"
        ]
    );
}

#[test]
fn npa_level_rows_price_every_code_under_them() {
    let a = load("prefix,rate\n1201,0.0100\n1671,0.1200\n");
    let b = load("prefix,rate\n1201200,0.0090\n1201555,0.0110\n16714720,0.1100\n");
    let cmp = Comparison::new(vec![("a".into(), &a), ("b".into(), &b)]).unwrap();
    let t = table(&cmp);
    let rows: Vec<(&str, &str, &str)> = t
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("201", "0.0100", "a"),
            ("201200", "0.0100", "b"),
            ("201555", "0.0100", "a"),
            ("671", "0.1200", "a"),
            ("6714720", "0.1200", "b"),
        ]
    );
    assert_eq!(t[3][1], "pacific", "671 is Guam: pacific");
    let s = cmp.summarize();
    assert_eq!((s.codes_total(), s.codes_in_all()), (5, 3));
    assert_eq!(s.only_in(), [2, 0]);
}

#[test]
fn other_countries_codes_compare_too_and_come_last() {
    let a = load("Mexico,52,0.0151\nUnited Kingdom,44,0.0062\nUSA,1201,0.0045\n");
    let b = load("United Kingdom - Mobile,447,0.0113\nUnited Kingdom,44,0.0062\nUSA,1201,0.0040\n");
    let cmp = Comparison::new(vec![("a".into(), &a), ("b".into(), &b)]).unwrap();
    let t = table(&cmp);
    let rows: Vec<Vec<&str>> = t
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["201", "us-domestic", "0.0045", "0.0040", "b", "0.0005"],
            vec!["44", "non-nanp", "0.0062", "0.0062", "tie:a|b", "0.0000"],
            vec!["447", "non-nanp", "0.0062", "0.0113", "a", "0.0051"],
            vec!["52", "non-nanp", "0.0151", "", "a", "0.0000"],
        ]
    );
    let s = cmp.summarize();
    assert_eq!(s.category_codes("non-nanp"), 3);
    assert_eq!(s.ties(RateKind::Rate), 1);
}

#[test]
fn equal_to_the_last_decimal_is_a_tie_whatever_the_places() {
    let a = load("prefix,rate\n1201200,0.01\n1201201,0.0100001\n");
    let b = load("prefix,rate\n1201200,0.0100\n1201201,0.0100\n");
    let cmp = Comparison::new(vec![("a".into(), &a), ("b".into(), &b)]).unwrap();
    let t = table(&cmp);
    assert_eq!(t[0][4], "tie:a|b");
    assert_eq!(t[1][4], "b");
    assert_eq!(t[1][5], "0.0000001");
}

#[test]
fn names_must_tell_vendors_apart() {
    let a = load("prefix,rate\n1201200,0.01\n");
    for (names, e) in [
        (["a", "a"], CompareError::DuplicateName("a".into())),
        (["a", "tie"], CompareError::BadName("tie".into())),
        (["a|b", "c"], CompareError::BadName("a|b".into())),
        (["", "c"], CompareError::BadName("".into())),
    ] {
        let vendors = names.iter().map(|n| ((*n).to_owned(), &a)).collect();
        assert_eq!(Comparison::new(vendors).err(), Some(e));
    }
    assert_eq!(Comparison::new(vec![]).err(), Some(CompareError::NoDecks));
}

/// Keys for random decks: +1 codes of several widths over a few NPAs, so
/// that decks overlap and nest.
fn key() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["201", "212", "416", "671"][..]),
        prop::option::of((2u8..4, prop::collection::vec(0u8..3, 0..4))),
    )
        .prop_map(|(npa, rest)| {
            let mut k = format!("1{npa}");
            if let Some((first, more)) = rest {
                k.push(char::from(b'0' + first));
                k.extend(more.iter().map(|d| char::from(b'0' + d)));
            }
            k
        })
}

fn deck_text(rows: &[(String, u16, u16)]) -> String {
    let mut s = String::from("prefix,inter,intra\n");
    for (k, inter, intra) in rows {
        s.push_str(&format!("{k},0.{inter:04},0.{intra:04}\n"));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every code of every deck appears exactly once, in order; each cell
    /// is the vendor's longest-prefix match; the cheapest column is the
    /// minimum of the row and names exactly the vendors at it.
    #[test]
    fn every_code_once_and_the_cheapest_is_the_minimum(
        decks in prop::collection::vec(
            prop::collection::vec((key(), 1u16..40, 1u16..40), 1..25),
            2..5,
        ),
    ) {
        let loaded: Vec<RateDeck<'static>> = decks.iter().map(|d| load(&deck_text(d))).collect();
        let names: Vec<String> = (0..loaded.len()).map(|i| format!("v{i}")).collect();
        let cmp = Comparison::new(names.iter().cloned().zip(loaded.iter()).collect()).unwrap();
        let codes: Vec<_> = cmp.codes().collect();
        let listed: Vec<String> = codes.iter().map(|c| c.prefix().international()).collect();
        let mut all: Vec<String> = decks.iter().flatten().map(|(k, _, _)| k.clone()).collect();
        all.sort();
        all.dedup();
        prop_assert_eq!(&listed, &all, "every code once, in order");
        for code in &codes {
            let number = code.prefix().international();
            for (v, rows) in decks.iter().enumerate() {
                // The vendor's longest key the code starts with; its first row.
                let best = rows
                    .iter()
                    .filter(|(k, _, _)| number.starts_with(k.as_str()))
                    .map(|(k, _, _)| k.len())
                    .max();
                let row = best.and_then(|len| rows.iter().find(|(k, _, _)| k.len() == len && number.starts_with(k.as_str())));
                let expected = row.map(|(_, inter, _)| rate(&format!("0.{inter:04}")));
                prop_assert_eq!(code.rate(v, RateKind::Inter), expected, "{} v{}", number, v);
            }
            let rates: Vec<Option<Rate>> = (0..decks.len()).map(|v| code.rate(v, RateKind::Inter)).collect();
            let min = rates.iter().flatten().min().copied();
            let cheapest = code.cheapest(RateKind::Inter);
            prop_assert_eq!(cheapest.map(|c| c.rate), min);
            if let Some(c) = cheapest {
                let at_min: Vec<usize> = (0..decks.len()).filter(|&v| rates[v] == min).collect();
                prop_assert_eq!(c.vendors.iter().collect::<Vec<_>>(), at_min.clone());
                let cell = cmp.cheapest_cell(code, RateKind::Inter);
                if at_min.len() == 1 {
                    prop_assert_eq!(cell, names[at_min[0]].clone());
                } else {
                    let tied: Vec<&str> = at_min.iter().map(|&v| names[v].as_str()).collect();
                    prop_assert_eq!(cell, format!("tie:{}", tied.join("|")));
                }
                let max = rates.iter().flatten().max().copied().unwrap();
                prop_assert_eq!(code.spread(RateKind::Inter), max.checked_sub(c.rate));
            }
            prop_assert_eq!(code.prefix(), Prefix::dialled(&number).unwrap());
        }
        let s = cmp.summarize();
        prop_assert_eq!(s.codes_total(), all.len() as u64);
        let won: u64 = (0..decks.len()).map(|v| s.wins(RateKind::Inter, v)).sum::<u64>() + s.ties(RateKind::Inter);
        prop_assert_eq!(won, codes.iter().filter(|c| c.cheapest(RateKind::Inter).is_some()).count() as u64);
    }
}
