//! Rate kinds from column names (or position, or options) and effective dates: read in every form, an unparseable one rejected.

use super::*;
use jiff::civil::date;
use nanp_lerg::ratesheet::RateKind;

#[test]
fn kinds_follow_header_names_and_a_repeated_name_takes_none() {
    let d = read(
        "prefix,rate (inter),intrastate,intrastate,effective\n\
         1201200,0.0040,0.0050,0.0060,2025-01-01\n",
    );
    let kinds: Vec<Option<RateKind>> = d.detection.rate_columns.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Some(RateKind::Inter), Some(RateKind::Intra), None]);
    let text = d.summary.to_string();
    assert!(
        text.contains(
            "rate columns: rate (inter) [inter], intrastate (column 3) [intra], \
             intrastate (column 4) [no kind: repeats intra]"
        ),
        "{text}"
    );
    let v = serde_json::to_value(&d.summary).unwrap();
    assert_eq!(v["detection"]["rate_columns"][0]["kind"], "inter");
    assert_eq!(
        v["detection"]["rate_columns"][2]["kind"],
        serde_json::Value::Null
    );
}

#[test]
fn every_name_a_deck_writes_for_each_kind() {
    let d = read(
        "npanxx,Interstate Rate,IntrastateRate,indetermRate\n\
         201200,0.0040,0.0050,0.0060\n",
    );
    let kinds: Vec<Option<RateKind>> = d.detection.rate_columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            Some(RateKind::Inter),
            Some(RateKind::Intra),
            Some(RateKind::Indeterminate)
        ]
    );
    let d = read("code,inter,ij\n1201200,0.0040,0.0060\n");
    let kinds: Vec<Option<RateKind>> = d.detection.rate_columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [Some(RateKind::Inter), Some(RateKind::Indeterminate)]
    );
}

#[test]
fn forced_kinds_win_and_must_fit_the_columns() {
    let deck = "prefix,rate (inter),intrastate,intrastate\n1201200,0.0040,0.0050,0.0060\n";
    let d = read_with(
        deck,
        Options {
            rate_kinds: Some(vec![
                RateKind::Inter,
                RateKind::Intra,
                RateKind::Indeterminate,
            ]),
            ..Options::default()
        },
    );
    assert_eq!(
        d.detection.rate_columns[2],
        rc(3, "intrastate (column 4)", "indeterminate")
    );
    for kinds in [
        vec![RateKind::Inter, RateKind::Intra],
        vec![RateKind::Inter, RateKind::Intra, RateKind::Inter],
    ] {
        let e = Reader::new(
            deck.as_bytes(),
            Options {
                rate_kinds: Some(kinds.clone()),
                ..Options::default()
            },
            &DIR,
        )
        .err();
        assert!(
            matches!(e, Some(OpenError::Detect(DetectError::Conflict(_)))),
            "{kinds:?}: {e:?}"
        );
    }
}

#[test]
fn effective_dates_in_every_form_a_deck_writes() {
    let d = read(
        "prefix,rate,effective\n\
         1201200,0.0100,3/31/25\n\
         1201201,0.0100,2025-03-31\n\
         1201202,0.0100,31-MAR-25\n\
         1201203,0.0100,03/31/2025\n\
         1201204,0.0100,2025-03-31 00:00:00\n\
         1201205,0.0100,\n",
    );
    assert_eq!(
        d.detection.effective_date,
        Some(DateColumn {
            index: 2,
            name: "effective".to_owned()
        })
    );
    for i in 0..5 {
        assert_eq!(d.ok(i).effective, Some(date(2025, 3, 31)), "row {i}");
    }
    assert_eq!(d.ok(5).effective, None, "an empty date is no date");
    assert_eq!(counts(&d), (6, 6, 0, 0));
}

#[test]
fn an_unparseable_date_is_a_rejected_row_with_its_line() {
    let d = read(
        "prefix,rate,eff_date\n\
         1201200,0.0100,2025-07-01\n\
         1201201,0.0100,2025-02-30\n\
         1201202,0.0100,soon\n\
         1201203,0.0100,2025-07-01\n",
    );
    assert_eq!(d.detection.effective_date.as_ref().unwrap().index, 2);
    assert_eq!(
        d.err(1).reason(),
        &RejectReason::UnparseableDate {
            column: "eff_date".to_owned(),
            value: "2025-02-30".to_owned(),
        }
    );
    assert_eq!((d.err(1).line(), d.err(2).line()), (3, 4));
    assert_eq!(d.err(2).reason().as_str(), "unparseable-date");
    assert_eq!(d.ok(3).effective, Some(date(2025, 7, 1)));
    assert_eq!(counts(&d), (4, 2, 2, 0));
}

#[test]
fn the_date_column_is_found_by_name_never_an_end_date() {
    let d = read(
        "prefix,rate,end date,Effective Date (MM/DD/YYYY)\n\
         1201200,0.0100,garbage,7/1/25\n",
    );
    assert_eq!(d.detection.effective_date.as_ref().unwrap().index, 3);
    assert_eq!(d.ok(0).effective, Some(date(2025, 7, 1)));
    let d = read("prefix,rate,date\n1201200,0.0100,7/1/25\n");
    assert_eq!(d.detection.effective_date.as_ref().unwrap().index, 2);
    let d = read("prefix,rate,end date\n1201200,0.0100,7/1/25\n");
    assert_eq!(d.detection.effective_date, None);
    assert_eq!(d.ok(0).effective, None);
}

#[test]
fn headerless_a_column_of_dates_is_the_date_column() {
    let d = read(
        "1201200,0.0100,2025-07-01\n\
         1212555,0.0200,07/01/2025\n\
         1416200,0.0300,7/1/25\n",
    );
    assert_eq!(
        d.detection.effective_date,
        Some(DateColumn {
            index: 2,
            name: "column 3".to_owned()
        })
    );
    assert_eq!(d.ok(2).effective, Some(date(2025, 7, 1)));
}

#[test]
fn a_forced_date_column_is_read_and_may_not_be_a_rate() {
    let deck = "prefix,rate,when\n1201200,0.0100,7/1/25\n1201201,0.0100,tomorrow\n";
    let d = read_with(
        deck,
        Options {
            date_col: Some(Column::Name("when".to_owned())),
            ..Options::default()
        },
    );
    assert_eq!(d.ok(0).effective, Some(date(2025, 7, 1)));
    assert_eq!(d.err(1).reason().as_str(), "unparseable-date");
    let e = Reader::new(
        deck.as_bytes(),
        Options {
            date_col: Some(Column::Index(1)),
            ..Options::default()
        },
        &DIR,
    )
    .err();
    assert!(
        matches!(e, Some(OpenError::Detect(DetectError::Conflict(_)))),
        "{e:?}"
    );
}

#[test]
fn other_countries_rows_are_priced_only_when_asked() {
    let deck =
        "country,prefix,rate\nMexico,52,0.0151\nUnited Kingdom,44,n/a\nUSA - NJ,1201,0.0045\n";
    let counted = read(deck);
    assert!(counted.ok(1).rates.is_empty());
    assert_eq!(counts(&counted), (3, 1, 0, 2));
    let priced = read_with(
        deck,
        Options {
            price_non_nanp: true,
            ..Options::default()
        },
    );
    assert_eq!(priced.ok(0).rates, rates(&["0.0151"]));
    assert_eq!(priced.ok(0).destination, Destination::NonNanp);
    assert_eq!(priced.err(1).reason().as_str(), "unparseable-rate");
    assert_eq!(counts(&priced), (3, 1, 1, 1));
}
