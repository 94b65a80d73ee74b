//! The summary: counts, distinct NPAs and NPA-NXX codes, exact rate statistics in bounded memory, and its JSON.

use super::*;

/// A deck worked out by hand; see `hand_checked_summary`.
const HAND_DECK: &str = "\
prefix,rate
1201200,0.0100
1201200,0.0200
1201201,0.0300
1212555,0.0500
1212,
1416200,0.0200
1876200,0.1000
1671200,0.2000
1800555,0.0000
1911555,0.0100
12O1200,0.0100
44,0.0062
";

/// (min, max, mean, median) of one column's figures.
fn figures(f: &RateFigures) -> (&str, &str, &str, &str) {
    (&f.min, &f.max, &f.mean, &f.median)
}

#[test]
fn hand_checked_summary() {
    let d = read(HAND_DECK);
    let s = &d.summary;
    // 12 data rows: 9 accepted (5 US, 1 CA, 1 JM, 1 GU, 1 toll-free),
    // 2 rejected (911 reserved, 12O1200 malformed), 1 non-NANP (44).
    assert_eq!(counts(&d), (12, 9, 2, 1));
    assert_eq!(s.category_rows(Category::UsDomestic), 5);
    assert_eq!(s.category_rows(Category::Canadian), 1);
    assert_eq!(s.category_rows(Category::Caribbean), 1);
    assert_eq!(s.category_rows(Category::Pacific), 1);

    let r = s.report();
    assert_eq!(
        (r.rows_read, r.accepted, r.rejected, r.non_nanp, r.balanced),
        (12, 9, 2, 1, true)
    );
    assert_eq!(
        r.rejected_by_reason,
        BTreeMap::from([("malformed-prefix", 1), ("reserved-npa", 1)])
    );
    let fig = |rows, npas, npanxx| CategoryFigures { rows, npas, npanxx };
    assert_eq!(
        r.categories,
        BTreeMap::from([
            // 201-200 twice counts once; 1212 has no NXX.
            (Category::UsDomestic, fig(5, 2, 3)),
            (Category::Canadian, fig(1, 1, 1)),
            (Category::Caribbean, fig(1, 1, 1)),
            (Category::Pacific, fig(1, 1, 1)),
        ])
    );
    assert_eq!(r.non_geographic, BTreeMap::from([(Service::TollFree, 1)]));
    let countries: BTreeMap<&str, u64> =
        r.countries.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    assert_eq!(
        countries,
        BTreeMap::from([("CA", 1), ("GU", 1), ("JM", 1), ("US", 5)])
    );
    let states: BTreeMap<&str, u64> = r.states.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    assert_eq!(
        states,
        BTreeMap::from([
            ("CA-ON", 1),
            ("GU-GU", 1),
            ("JM-JM", 1),
            ("US-NJ", 3),
            ("US-NY", 2)
        ])
    );

    assert_eq!(r.rates.len(), 1);
    assert_eq!(r.rates[0].column, "rate");
    let figures = |rows, min: &str, max: &str, mean: &str, median: &str, distinct| RateFigures {
        rows,
        min: min.to_owned(),
        max: max.to_owned(),
        mean: mean.to_owned(),
        median: median.to_owned(),
        distinct,
    };
    assert_eq!(
        r.rates[0].categories,
        BTreeMap::from([
            // 0.0100 0.0200 0.0300 0.0500 (the empty rate is no rate):
            // median (0.02 + 0.03) / 2, mean 0.11 / 4.
            (
                Category::UsDomestic,
                figures(4, "0.0100", "0.0500", "0.027500", "0.0250", 4)
            ),
            (
                Category::Canadian,
                figures(1, "0.0200", "0.0200", "0.020000", "0.0200", 1)
            ),
            (
                Category::Caribbean,
                figures(1, "0.1000", "0.1000", "0.100000", "0.1000", 1)
            ),
            (
                Category::Pacific,
                figures(1, "0.2000", "0.2000", "0.200000", "0.2000", 1)
            ),
        ])
    );

    let check = &r.us_deck_check;
    assert!(check.us_deck, "5 of 8 geographic rows are US domestic");
    assert!(check.warning);
    assert_eq!(check.caribbean_npas, [876]);
    assert_eq!(check.pacific_npas, [671]);
    assert_eq!(check.unknown_npas, [911]);

    let text = s.to_string();
    assert!(text.contains("balanced"), "{text}");
    assert!(!text.contains("NOT BALANCED"), "{text}");
    assert!(text.contains("WARNING"), "{text}");
}

#[test]
fn summary_json_shape() {
    let d = read(HAND_DECK);
    let v = serde_json::to_value(&d.summary).unwrap();
    for key in crate::common::SUMMARY_KEYS {
        assert!(v.get(key).is_some(), "{key} missing from {v}");
    }
    assert_eq!(v["rows_read"], 12);
    assert_eq!(v["accepted"], 9);
    assert_eq!(v["rejected"], 2);
    assert_eq!(v["non_nanp"], 1);
    assert_eq!(
        v["rejected_by_reason"],
        serde_json::json!({"malformed-prefix": 1, "reserved-npa": 1})
    );
    let categories = v["categories"].as_object().unwrap();
    let mut names: Vec<&str> = categories.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["canadian", "caribbean", "pacific", "us-domestic"]);
    for (name, figures) in categories {
        let mut keys: Vec<&str> = figures
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["npanxx", "npas", "rows"], "{name}");
    }
    assert_eq!(
        v["categories"]["us-domestic"],
        serde_json::json!({"rows": 5, "npas": 2, "npanxx": 3})
    );
    assert_eq!(v["non_geographic"], serde_json::json!({"toll-free": 1}));
    assert_eq!(
        v["countries"],
        serde_json::json!({"US": 5, "CA": 1, "JM": 1, "GU": 1})
    );
    assert_eq!(v["states"]["US-NJ"], 3);
    assert_eq!(v["us_deck_check"]["pacific_npas"], serde_json::json!([671]));
    // Rates as the deck writes them: strings, never binary floats.
    assert_eq!(
        v["rates"][0]["categories"]["us-domestic"]["median"],
        "0.0250"
    );
    // The same figures as the report.
    assert_eq!(v, serde_json::to_value(d.summary.report()).unwrap());
}

#[test]
fn summary_with_no_rows_and_an_empty_category() {
    let reader = Reader::new(
        "prefix,rate\n1201200,0.01\n".as_bytes(),
        Options::default(),
        &DIR,
    )
    .unwrap();
    let r = Summary::new(reader.detection()).report();
    assert_eq!(
        (r.rows_read, r.accepted, r.rejected, r.non_nanp),
        (0, 0, 0, 0)
    );
    assert!(r.balanced);
    assert_eq!(r.categories.len(), 4, "every category, even empty");
    assert_eq!(r.categories[&Category::Pacific], CategoryFigures::default());
    assert!(!r.us_deck_check.us_deck);
    assert!(!r.us_deck_check.warning);
    assert!(r.rates[0].categories.is_empty());
}

#[test]
fn us_deck_check_needs_a_mostly_domestic_deck() {
    // Mostly Caribbean: not a US deck, no warning.
    let d = read("prefix,rate\n1876200,0.1000\n1809200,0.1000\n1201200,0.0100\n");
    let check = d.summary.report().us_deck_check;
    assert!(!check.us_deck);
    assert!(!check.warning);
    assert_eq!(check.caribbean_npas, [809, 876]);
    // Purely domestic: a US deck, nothing to warn of.
    let d = read("prefix,rate\n1201200,0.0100\n1212555,0.0100\n");
    let check = d.summary.report().us_deck_check;
    assert!(check.us_deck);
    assert!(!check.warning);
}

#[test]
fn rate_statistics_round_and_keep_the_decks_precision() {
    // Seven 0.0000 and one 0.0001: mean 0.0000125, at 6 places 0.000013
    // (half away from zero); median 0.0000.
    let mut deck = String::from("prefix,rate\n");
    for _ in 0..7 {
        deck.push_str("1201200,0.0000\n");
    }
    deck.push_str("1201201,0.0001\n");
    let r = read(&deck).summary.report();
    let us = &r.rates[0].categories[&Category::UsDomestic];
    assert_eq!(figures(us), ("0.0000", "0.0001", "0.000013", "0.0000"));
    assert_eq!((us.rows, us.distinct), (8, 2));

    // Mixed precision: min and max as the deck writes them, the mean at two
    // places past the most precise rate, the median with at least the
    // places of the least precise; an odd count's median is its middle rate.
    let r = read("prefix,rate\n1201200,0.01\n1201201,0.0150\n1201202,0.5\n")
        .summary
        .report();
    let us = &r.rates[0].categories[&Category::UsDomestic];
    assert_eq!(figures(us), ("0.01", "0.5", "0.175000", "0.015"));
}

#[test]
fn npa_nxx_counts_stay_with_their_npa_at_the_top_of_the_nxx_range() {
    // 684 (Pacific) and 268 (Caribbean) at NXX 997 and 975: the bitset must
    // not lend these bits to the NPA after them.
    let d = read("prefix,rate\n1684997,0.10\n1268975,0.10\n1201999,0.01\n1202200,0.01\n");
    let r = d.summary.report();
    assert_eq!(r.categories[&Category::Pacific].npanxx, 1);
    assert_eq!(r.categories[&Category::Caribbean].npanxx, 1);
    assert_eq!(r.categories[&Category::UsDomestic].npanxx, 2);
}
