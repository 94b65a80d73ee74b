//! The four deck forms end to end: (a) header and 1NPANXX prefixes, (b) headerless NPA and NXX columns, (c) six-digit NPA-NXX, (d) A–Z.

use super::*;

#[test]
fn format_a_prefix_header_with_a_repeated_name() {
    let d = read(
        "prefix,rate (inter),intrastate,intrastate,effective\n\
         1201200,0.0040,0.0050,0.0060,2025-01-01\n\
         1671555,0.1200,0.1300,0.1400,01/15/2025\n\
         1800555,0.0000,0.0000,0.0000,1/1/25\n\
         1416200,0.0100,0.0110,0.0120,2025-01-01 00:00:00\n",
    );
    assert_eq!(
        d.detection,
        Detection {
            columns: 5,
            encoding: Encoding::Auto,
            delimiter: ',',
            decimal_comma: false,
            header: Some(strings(&[
                "prefix",
                "rate (inter)",
                "intrastate",
                "intrastate",
                "effective"
            ])),
            key: KeyColumns::Prefix(0),
            leading_one: LeadingOne::Present,
            leading_one_votes: votes(4, 0, 0, false),
            rate_columns: vec![
                rc(1, "rate (inter)", "inter"),
                rc(2, "intrastate (column 3)", "intra"),
                rc(3, "intrastate (column 4)", ""),
            ],
            effective_date: Some(DateColumn {
                index: 4,
                name: "effective".to_owned(),
            }),
            increment: None,
        }
    );
    let names: Vec<&str> = d
        .detection
        .rate_columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "rate column names are unique");

    assert_eq!(d.lines(), [2, 3, 4, 5]);
    let nj = d.ok(0);
    assert_eq!((nj.npa, nj.nxx), (Some(npa(201)), Some(200)));
    assert_eq!(d.geo(0).state_province_code, "NJ");
    assert_eq!(d.geo(0).category, Category::UsDomestic);
    assert_eq!(nj.rates, rates(&["0.0040", "0.0050", "0.0060"]));
    assert_eq!(d.geo(1).category, Category::Pacific);
    assert_eq!(d.geo(1).country_code, "GU");
    assert_eq!(d.ok(1).nxx, Some(555));
    assert_eq!(
        d.ok(2).destination,
        Destination::NonGeographic(Service::TollFree)
    );
    assert_eq!(d.ok(2).npa, Some(npa(800)));
    assert_eq!(d.geo(3).category, Category::Canadian);
    assert_eq!(d.geo(3).state_province_code, "ON");
    assert_eq!(d.ok(3).rates, rates(&["0.0100", "0.0110", "0.0120"]));
    assert_eq!(counts(&d), (4, 4, 0, 0));
    assert_eq!(
        d.fields[0],
        strings(&["1201200", "0.0040", "0.0050", "0.0060", "2025-01-01"])
    );
}

#[test]
fn format_b_headerless_npa_nxx_starting_with_a_blank_line() {
    let d = read(
        "\n\
         USA - AK,1907,200,0.0096561,0.0096561,0.0096561\n\
         USA - NJ,1201,555,0.0040,0.0041,0.0042\n\
         CANADA - ON,1416,200,0.0050,0.0051,0.0052\n",
    );
    assert_eq!(
        d.detection,
        Detection {
            columns: 6,
            encoding: Encoding::Auto,
            delimiter: ',',
            decimal_comma: false,
            header: None,
            key: KeyColumns::Split { npa: 1, nxx: 2 },
            leading_one: LeadingOne::Auto,
            leading_one_votes: LeadingOneVotes::default(),
            rate_columns: vec![
                rc(3, "column 4", "inter"),
                rc(4, "column 5", "intra"),
                rc(5, "column 6", "indeterminate"),
            ],
            effective_date: None,
            increment: None,
        }
    );
    assert_eq!(d.lines(), [2, 3, 4], "the first data row is on line 2");
    assert_eq!((d.ok(0).npa, d.ok(0).nxx), (Some(npa(907)), Some(200)));
    assert_eq!(d.geo(0).state_province_code, "AK");
    assert_eq!(
        d.ok(0).rates,
        rates(&["0.0096561", "0.0096561", "0.0096561"])
    );
    assert_eq!(d.ok(0).rates[0].unwrap().to_string(), "0.0096561");
    assert_eq!((d.ok(1).npa, d.ok(1).nxx), (Some(npa(201)), Some(555)));
    assert_eq!(d.geo(2).category, Category::Canadian);
    assert_eq!(counts(&d), (3, 3, 0, 0));
}

#[test]
fn format_c_six_digit_npanxx_without_the_one() {
    let d = read(
        "npanxx,inter,intra,indeterm\n\
         201200,0.0040,0.0050,0.0060\n\
         907555,0.0100,0.0110,0.0120\n\
         876200,0.1000,0.1100,0.1200\n",
    );
    assert_eq!(
        d.detection,
        Detection {
            columns: 4,
            encoding: Encoding::Auto,
            delimiter: ',',
            decimal_comma: false,
            header: Some(strings(&["npanxx", "inter", "intra", "indeterm"])),
            key: KeyColumns::Prefix(0),
            leading_one: LeadingOne::Absent,
            leading_one_votes: votes(0, 3, 0, false),
            rate_columns: vec![
                rc(1, "inter", "inter"),
                rc(2, "intra", "intra"),
                rc(3, "indeterm", "indeterminate"),
            ],
            effective_date: None,
            increment: None,
        }
    );
    assert_eq!(d.lines(), [2, 3, 4]);
    assert_eq!((d.ok(0).npa, d.ok(0).nxx), (Some(npa(201)), Some(200)));
    assert_eq!((d.ok(1).npa, d.ok(1).nxx), (Some(npa(907)), Some(555)));
    assert_eq!(d.geo(2).category, Category::Caribbean);
    assert_eq!(d.geo(2).country_code, "JM");
    assert_eq!(counts(&d), (3, 3, 0, 0));
}

#[test]

fn format_c_deck_with_one_missing_prefix_is_still_a_six_digit_deck() {
    // A single row without its key among the first rows must not turn the
    // whole NPA-NXX deck into "non-NANP" rows.
    let d = read(
        "npanxx,inter,intra,indeterm\n\
         201200,0.0040,0.0050,0.0060\n\
         ,0.0100,0.0110,0.0120\n\
         876200,0.1000,0.1100,0.1200\n",
    );
    assert_eq!(d.detection.leading_one, LeadingOne::Absent);
    assert_eq!(
        d.reasons(),
        [None, Some(RejectReason::MissingPrefix), None],
        "rows: {:?}",
        d.rows
    );
    assert_eq!(counts(&d), (3, 2, 1, 0));
}

#[test]
fn format_d_a_to_z_mixes_other_countries_and_short_plus_one_prefixes() {
    let d = read(
        "Afghanistan- Mobile - AWCC,9370,0.1255\n\
         United Kingdom,44,0.0062\n\
         Mexico,52,0.0151\n\
         Jamaica,1876,0.1704\n\
         Dominican Republic,1809,0.0862\n\
         Guam,1671,0.1190\n\
         USA,1,0.0045\n\
         USA - partial,120,0.0045\n\
         USA - New Jersey,1201,0.0045\n",
    );
    assert_eq!(
        d.detection,
        Detection {
            columns: 3,
            encoding: Encoding::Auto,
            delimiter: ',',
            decimal_comma: false,
            header: None,
            key: KeyColumns::Prefix(1),
            leading_one: LeadingOne::Present,
            leading_one_votes: votes(6, 0, 3, false),
            rate_columns: vec![rc(2, "column 3", "rate")],
            effective_date: None,
            increment: None,
        }
    );
    assert_eq!(d.lines(), (1..=9).collect::<Vec<u64>>());
    for i in 0..3 {
        let row = d.ok(i);
        assert_eq!(row.destination, Destination::NonNanp, "row {i}");
        assert_eq!(row.npa, None);
        assert_eq!(row.nxx, None);
    }
    // Another country's rates are not read: it is counted, not priced.
    assert!(d.ok(0).rates.is_empty());
    assert_eq!(
        (
            d.geo(3).npa.get(),
            d.geo(3).category,
            d.geo(3).country_code.as_str()
        ),
        (876, Category::Caribbean, "JM")
    );
    assert_eq!(
        (
            d.geo(4).npa.get(),
            d.geo(4).category,
            d.geo(4).country_code.as_str()
        ),
        (809, Category::Caribbean, "DO")
    );
    assert_eq!(
        (
            d.geo(5).npa.get(),
            d.geo(5).category,
            d.geo(5).country_code.as_str()
        ),
        (671, Category::Pacific, "GU")
    );
    for i in 3..6 {
        assert_eq!(d.ok(i).nxx, None, "a 1+NPA prefix names no NXX");
    }
    assert_eq!(
        d.err(6).reason(),
        &RejectReason::IncompletePrefix("1".to_owned())
    );
    assert_eq!(d.err(6).line(), 7);
    assert_eq!(
        d.err(7).reason(),
        &RejectReason::IncompletePrefix("120".to_owned())
    );
    assert_eq!(d.err(7).line(), 8);
    assert_eq!(
        d.err(7).fields(),
        strings(&["USA - partial", "120", "0.0045"])
    );
    assert_eq!(d.geo(8).state_province_code, "NJ");
    assert_eq!(counts(&d), (9, 4, 2, 3));
    let report = d.summary.report();
    assert_eq!(report.rejected_by_reason.get("incomplete-prefix"), Some(&2));
}

#[test]

fn a_to_z_header_with_country_code_and_prefix_keys_on_the_prefix() {
    let d = read(
        "Country,Country Code,Prefix,Rate\n\
         USA,1,1201,0.0100\n\
         United Kingdom,44,447,0.0200\n\
         Jamaica,1,1876,0.1000\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(2));
    assert_eq!(counts(&d), (3, 2, 0, 1));
}
