//! Keys: every dial-string form, widths decided per row, NPA and NXX columns, duplicates, and the reject reasons of keys.

use super::*;

#[test]
fn every_reject_reason_with_its_line_and_fields() {
    let d = read(
        "prefix,rate\n\
         ,0.0100\n\
         12O1200,0.0100\n\
         120,0.0100\n\
         1120555,0.0100\n\
         1201100,0.0100\n\
         1911555,0.0100\n\
         1299555,0.0100\n\
         1282555,0.0100\n\
         1201200,n/a\n\
         1201200,0.0100\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.detection.leading_one, LeadingOne::Present);
    let expected = [
        (2, RejectReason::MissingPrefix, "missing-prefix"),
        (
            3,
            RejectReason::MalformedPrefix("12O1200".to_owned()),
            "malformed-prefix",
        ),
        (
            4,
            RejectReason::IncompletePrefix("120".to_owned()),
            "incomplete-prefix",
        ),
        (5, RejectReason::InvalidNpa("120".to_owned()), "invalid-npa"),
        (6, RejectReason::InvalidNxx("100".to_owned()), "invalid-nxx"),
        (
            7,
            RejectReason::ReservedNpa {
                npa: npa(911),
                reason: Reserved::N11,
            },
            "reserved-npa",
        ),
        (
            8,
            RejectReason::ReservedNpa {
                npa: npa(299),
                reason: Reserved::Expansion,
            },
            "reserved-npa",
        ),
        (9, RejectReason::UnassignedNpa(npa(282)), "unassigned-npa"),
        (
            10,
            RejectReason::UnparseableRate {
                column: "rate".to_owned(),
                value: "n/a".to_owned(),
                error: RateError::NotANumber,
            },
            "unparseable-rate",
        ),
    ];
    for (i, (line, reason, name)) in expected.iter().enumerate() {
        let e = d.err(i);
        assert_eq!(e.line(), *line, "{e}");
        assert_eq!(e.reason(), reason, "line {line}");
        assert_eq!(e.reason().as_str(), *name);
        assert!(e.to_string().starts_with(&format!("line {line}: ")), "{e}");
    }
    assert_eq!(d.err(0).fields(), strings(&["", "0.0100"]));
    assert_eq!(d.err(1).fields(), strings(&["12O1200", "0.0100"]));
    assert_eq!(d.err(8).fields(), strings(&["1201200", "n/a"]));
    assert_eq!(d.ok(9).line, 11);
    assert_eq!(counts(&d), (10, 1, 9, 0));

    let report = d.summary.report();
    let by_reason: BTreeMap<&str, u64> = report.rejected_by_reason.clone();
    assert_eq!(
        by_reason,
        BTreeMap::from([
            ("incomplete-prefix", 1),
            ("invalid-npa", 1),
            ("invalid-nxx", 1),
            ("malformed-prefix", 1),
            ("missing-prefix", 1),
            ("reserved-npa", 2),
            ("unassigned-npa", 1),
            ("unparseable-rate", 1),
        ])
    );
    assert_eq!(report.us_deck_check.unknown_npas, [282, 299, 911]);
}

#[test]
fn split_keys_reject_a_bad_nxx_and_a_missing_one() {
    let d = read(
        "npa,nxx,rate\n\
         201,100,0.0100\n\
         201,2OO,0.0100\n\
         201,,0.0100\n\
         201,20,0.0100\n\
         201,200,0.0100\n\
         201,2001,0.0100\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 0, nxx: 1 });
    assert_eq!(
        d.err(0).reason(),
        &RejectReason::InvalidNxx("100".to_owned())
    );
    assert_eq!(
        d.err(1).reason(),
        &RejectReason::InvalidNxx("2OO".to_owned())
    );
    assert_eq!(d.err(2).reason(), &RejectReason::MissingNxx);
    assert_eq!(d.err(2).line(), 4);
    assert!(matches!(d.err(3).reason(), RejectReason::InvalidNxx(_)));
    assert_eq!(d.ok(4).nxx, Some(200));
    // Four digits are an NXX and its thousands block.
    assert_eq!(
        (d.ok(5).nxx, d.ok(5).block, d.ok(5).key.as_str()),
        (Some(200), Some(1), "2012001")
    );
    assert_eq!(counts(&d), (6, 2, 4, 0));
}

#[test]
fn malformed_prefix_lengths() {
    // Too long for any NANP form: 1 + ten digits is the longest.
    let d = read("prefix,rate\n1201200555501,0.0100\n12012005555,0.0100\n");
    assert!(matches!(
        d.err(0).reason(),
        RejectReason::MalformedPrefix(p) if p == "1201200555501"
    ));
    assert_eq!(d.ok(1).npa, Some(npa(201)));
    assert_eq!(d.ok(1).nxx, Some(200));
}

#[test]
fn non_geographic_rows_are_accepted_with_their_service() {
    let d = read("prefix,rate\n1800555,0.0000\n1888200,0.0000\n1900555,0.5000\n1201200,0.0100\n");
    assert_eq!(
        d.ok(0).destination,
        Destination::NonGeographic(Service::TollFree)
    );
    assert_eq!((d.ok(0).npa, d.ok(0).nxx), (Some(npa(800)), Some(555)));
    assert_eq!(
        d.ok(1).destination,
        Destination::NonGeographic(Service::TollFree)
    );
    assert_eq!(
        d.ok(2).destination,
        Destination::NonGeographic(Service::Premium)
    );
    assert!(d.rows.iter().all(|r| r.is_ok()));
    assert_eq!(counts(&d), (4, 4, 0, 0));
    let report = d.summary.report();
    assert_eq!(
        report.non_geographic,
        BTreeMap::from([(Service::TollFree, 2), (Service::Premium, 1)])
    );
    assert_eq!(report.categories[&Category::UsDomestic].rows, 1);
}

#[test]
fn a_plus_sign_means_the_country_code_follows() {
    let d = read_with(
        "+1201200,0.0100\n+44,0.0200\n201555,0.0300\n",
        Options {
            leading_one: LeadingOne::Absent,
            ..Options::default()
        },
    );
    assert_eq!(d.ok(0).npa, Some(npa(201)));
    assert_eq!(d.ok(1).destination, Destination::NonNanp);
    assert_eq!(d.ok(2).npa, Some(npa(201)));
    assert_eq!(counts(&d), (3, 2, 0, 1));
}

#[test]
fn an_npa_column_may_mix_1907_and_907() {
    let d = read("USA - AK,1907,200,0.0100\nUSA - AK,907,201,0.0100\n");
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 1, nxx: 2 });
    assert_eq!(counts(&d), (2, 2, 0, 0));
    for row in &d.rows {
        assert_eq!(row.as_ref().unwrap().npa, Some(npa(907)));
    }
}

#[test]
fn a_partial_nxx_cannot_start_with_0_or_1() {
    let d = read("prefix,rate\n12012,0.0100\n12011,0.0100\n");
    assert_eq!(d.rows[0].as_ref().unwrap().nxx, None);
    assert_eq!(
        d.rows[1].as_ref().unwrap_err().reason(),
        &RejectReason::InvalidNxx("1".into())
    );
}

#[test]
fn a_non_nanp_plus_in_an_npa_column_is_malformed_not_non_nanp() {
    let d = read("npa,nxx,rate\n+1907,200,0.02\n+44,200,0.02\n+907,200,0.02\n");
    assert_eq!(d.ok(0).npa, Some(npa(907)));
    assert!(matches!(
        d.err(1).reason(),
        RejectReason::MalformedPrefix(_)
    ));
    assert!(matches!(
        d.err(2).reason(),
        RejectReason::MalformedPrefix(_)
    ));
    assert_eq!(counts(&d), (3, 1, 2, 0));
}

#[test]
fn key_width_is_decided_per_row() {
    // NPA-NXX beside NPA-NXX-X, without the 1: every row categorized.
    let d = read_bytes(
        &crate::common::data_file("mixed_widths.csv"),
        Options::default(),
    );
    assert_eq!(d.detection.leading_one, LeadingOne::Absent);
    assert!(!d.detection.leading_one_ambiguous());
    assert_eq!(counts(&d), (6, 6, 0, 0));
    let keys: Vec<(&str, Option<u16>, Option<u8>)> = (0..6)
        .map(|i| (d.ok(i).key.as_str(), d.ok(i).nxx, d.ok(i).block))
        .collect();
    assert_eq!(
        keys,
        [
            ("201200", Some(200), None),
            ("2012001", Some(200), Some(1)),
            ("2012002", Some(200), Some(2)),
            ("212555", Some(555), None),
            ("2125551", Some(555), Some(1)),
            ("907200", Some(200), None),
        ]
    );
    assert_eq!(d.geo(5).state_province_code, "AK");
    // With the 1: 7 and 8 digits side by side, the same codes.
    let d = read_bytes(
        &crate::common::data_file("mixed_widths_with_one.csv"),
        Options::default(),
    );
    assert_eq!(counts(&d), (6, 6, 0, 0));
    assert_eq!(d.ok(1).key, "2012001");
    assert_eq!(
        d.summary.report().categories[&Category::UsDomestic].npanxx,
        3
    );
}

#[test]
fn a_row_is_non_nanp_only_when_its_prefix_starts_with_another_country_code() {
    // An A–Z deck: 44 and 9370 are other countries; 1876 is +1.
    let d = read("Destination,Prefix,Rate\nUK,44,0.01\nAfghanistan,9370,0.1\nJamaica,1876,0.2\nUSA,1201,0.003\n");
    assert_eq!(d.detection.leading_one, LeadingOne::Present);
    assert_eq!(counts(&d), (4, 2, 0, 2));
    // A key starting with 0 is no country code: rejected, not non-NANP.
    let d = read("Destination,Prefix,Rate\nUK,0044,0.01\nJamaica,1876,0.2\n");
    assert!(matches!(
        d.err(0).reason(),
        RejectReason::MalformedPrefix(_)
    ));
    // A bare US deck never sends a row to another country, whatever its width.
    let d = read("npanxx,rate\n201200,0.01\n2012001,0.01\n201,0.02\n2015550100,0.03\n");
    assert_eq!(counts(&d), (4, 4, 0, 0));
}

#[test]
fn a_split_leading_one_vote_is_reported() {
    // Three keys with the 1, three bare-looking: an A–Z reading wins (a
    // foreign key priced as domestic would lose money silently) and the
    // summary says the vote was split.
    let d = read("prefix,rate\n1201200,0.01\n1212555,0.01\n1907200,0.01\n201200,0.01\n212555,0.01\n907200,0.01\n");
    assert_eq!(d.detection.leading_one, LeadingOne::Present);
    assert_eq!(d.detection.leading_one_votes, votes(3, 3, 0, true));
    let text = d.summary.to_string();
    assert!(text.contains("is ambiguous"), "{text}");
    assert!(
        text.contains("3 start with 1, 3 look like NANP keys without the 1"),
        "{text}"
    );
    // Forced, the decision is the user's and nothing is called ambiguous.
    let forced = Options {
        leading_one: LeadingOne::Absent,
        ..Options::default()
    };
    let d = read_with("prefix,rate\n1201200,0.01\n201200,0.01\n", forced);
    assert!(!d.detection.leading_one_ambiguous());
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn prefixes_in_every_dial_string_form_parse_accepts() {
    // With the country code.
    let d =
        read("prefix,rate\n1 201 202,0.01\n1-201-203,0.01\n+1 (201) 205,0.01\n1.201.206,0.01\n");
    assert_eq!(counts(&d), (4, 4, 0, 0));
    let keys: Vec<&str> = (0..4).map(|i| d.ok(i).key.as_str()).collect();
    assert_eq!(keys, ["201202", "201203", "201205", "201206"]);
    // Without it.
    let d = read("prefix,rate\n(201) 204,0.01\n201-207,0.01\n212 555,0.01\n");
    assert_eq!(d.detection.leading_one, LeadingOne::Absent);
    assert_eq!(counts(&d), (3, 3, 0, 0));
    let keys: Vec<&str> = (0..3).map(|i| d.ok(i).key.as_str()).collect();
    assert_eq!(keys, ["201204", "201207", "212555"]);
    // Letters are still no key.
    let d = read("prefix,rate\n1201200,0.01\n1-800-FLOWERS,0.01\n");
    assert!(matches!(
        d.err(1).reason(),
        RejectReason::MalformedPrefix(_)
    ));
}

#[test]
fn duplicate_keys_are_counted_and_named_with_their_first_line() {
    // `1201200` and `201200` are one code; 1201201 twice; 44 twice.
    let deck =
        "prefix,rate\n1201200,0.01\n1201201,0.01\n1 201 200,0.02\n1201201,0.01\n1201202,0.01\n";
    let d = read(deck);
    assert_eq!(counts(&d), (5, 5, 0, 0));
    assert_eq!(d.ok(2).duplicate_of, Some(2));
    assert_eq!(d.ok(3).duplicate_of, Some(3));
    assert_eq!(d.ok(4).duplicate_of, None);
    let r = d.summary.report();
    assert_eq!(r.duplicate_keys.rows, 2);
    let pairs: Vec<(&str, u64, u64)> = r
        .duplicate_keys
        .first
        .iter()
        .map(|k| (k.key.as_str(), k.first_line, k.line))
        .collect();
    assert_eq!(pairs, [("1201200", 2, 4), ("1201201", 3, 5)]);
    let v = serde_json::to_value(&d.summary).unwrap();
    assert_eq!(v["duplicate_keys"]["rows"], 2);
    assert_eq!(v["duplicate_keys"]["first"][0]["first_line"], 2);
    assert!(d
        .summary
        .to_string()
        .contains("1201200 on line 4, first on line 2"));
    // Rejected instead: the later rows, with the line of the first.
    let reject = Options {
        duplicates: Duplicates::Reject,
        ..Options::default()
    };
    let d = read_with(deck, reject);
    assert_eq!(counts(&d), (5, 3, 2, 0));
    assert_eq!(
        d.err(2).reason(),
        &RejectReason::DuplicateKey {
            key: "1201200".to_owned(),
            first_line: 2
        }
    );
    assert_eq!(d.err(2).reason().as_str(), "duplicate-key");
    // Another country's prefix repeated counts too; +1 201 is not +201.
    let d = read("Destination,Prefix,Rate\nEgypt,201,0.1\nUSA,1201,0.01\nEgypt,201,0.1\n");
    assert_eq!(d.summary.report().duplicate_keys.first[0].key, "201");
    assert_eq!(d.summary.duplicate_keys(), 1);
}

#[test]
fn long_values_are_cut_in_messages() {
    let long = "9".repeat(5_000_000);
    let d = read(&format!("prefix,rate\n1{long},0.01\n1201200,x{long}\n"));
    for i in 0..2 {
        let message = d.err(i).to_string();
        assert!(message.len() < 200, "row {i}: {} bytes", message.len());
        assert!(message.contains("(5000001 bytes)"), "{message}");
    }
    // The rejected row's fields are kept whole, for the rejects file.
    assert_eq!(d.err(0).fields()[0].len(), 5_000_001);
    let text = d.summary.to_string();
    assert!(text.len() < 5000, "the summary echoes no 5 MB value");
}
