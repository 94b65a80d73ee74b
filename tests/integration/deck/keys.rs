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
