//! What the reader works out from the first rows (delimiter, encoding, header, key and rate columns, leading 1, decimal comma) and how options override it.

use super::*;

#[test]
fn utf8_bom_is_not_part_of_the_first_header_name() {
    let d = read("\u{feff}prefix,rate\n1201200,0.0100\n1212555,0.0200\n");
    assert_eq!(d.detection.header, Some(strings(&["prefix", "rate"])));
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.lines(), [2, 3]);
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn utf8_bom_on_a_headerless_deck_does_not_spoil_the_first_key() {
    let d = read("\u{feff}1201200,0.0100\n1212555,0.0200\n");
    assert_eq!(d.detection.header, None);
    assert_eq!(d.lines(), [1, 2]);
    assert_eq!(d.ok(0).npa, Some(npa(201)));
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn semicolon_and_tab_delimiters_are_detected() {
    let d = read("npanxx;inter;intra;\n\"201200\";0.0040;\"0.0050\";\n907555;0.0100;0.0110;\n");
    assert_eq!(d.detection.delimiter, ';');
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.detection.leading_one, LeadingOne::Absent);
    assert_eq!(
        d.detection.rate_columns,
        vec![rc(1, "inter", "inter"), rc(2, "intra", "intra")]
    );
    assert_eq!(d.ok(0).rates, rates(&["0.0040", "0.0050"]));
    assert_eq!(counts(&d), (2, 2, 0, 0));

    let d = read("USA - AK\t1907\t200\t0.0096\nUSA - NJ\t1201\t555\t0.0040\n");
    assert_eq!(d.detection.delimiter, '\t');
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 1, nxx: 2 });
    assert_eq!(d.detection.rate_columns, vec![rc(3, "column 4", "rate")]);
    assert_eq!(d.geo(0).state_province_code, "AK");
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn trailing_delimiters_add_no_rate_column() {
    let d = read("prefix,rate,\n1201200,0.0100,\n1212555,0.0200,\n");
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.detection.rate_columns, vec![rc(1, "rate", "rate")]);
    assert_eq!(d.fields[0], strings(&["1201200", "0.0100", ""]));
    assert_eq!(d.ok(1).rates, rates(&["0.0200"]));
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn effective_dates_are_neither_rates_nor_keys() {
    // Headerless, the dates after the rate, in several forms in one column.
    let d = read(
        "1201200,0.0100,2025-07-01\n\
         1212555,0.0200,07/01/2025\n\
         1416200,0.0300,7/1/25\n\
         1876200,0.0400,20250701\n\
         1671200,0.0500,2025-07-01 00:00:00\n\
         1787200,0.0600,01.07.2025\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.detection.rate_columns, vec![rc(1, "column 2", "rate")]);
    assert_eq!(counts(&d), (6, 6, 0, 0));

    // A date column before the key, with and without a header.
    let d = read(
        "2025-07-01,1201200,0.0100\n\
         07/01/2025,1212555,0.0200\n\
         2025.07.01,1416200,0.0300\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(d.detection.rate_columns, vec![rc(2, "column 3", "rate")]);
    assert_eq!(counts(&d), (3, 3, 0, 0));

    let d = read(
        "effective,prefix,rate,end date\n\
         20250701,1201200,0.0100,20251231\n\
         20250701,1212555,0.0200,2025-12-31\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(d.detection.rate_columns, vec![rc(2, "rate", "rate")]);
    assert_eq!(d.ok(1).rates, rates(&["0.0200"]));
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]

fn a_column_named_rate_stays_a_rate_column_in_a_small_deck() {
    let d = read(
        "prefix,rate\n\
         1201200,0.0100\n\
         1212555,0.0200\n\
         1416200,0.0300\n\
         1907200,n/a\n",
    );
    assert_eq!(d.detection.rate_columns, vec![rc(1, "rate", "rate")]);
    assert_eq!(
        d.err(3).reason(),
        &RejectReason::UnparseableRate {
            column: "rate".to_owned(),
            value: "n/a".to_owned(),
            error: RateError::NotANumber,
        }
    );
    assert_eq!(counts(&d), (4, 3, 1, 0));
}

const TWO_CODES: &str = "\
country code,prefix,rate
1,1201200,0.0100
44,447,0.0200
1,1876200,0.0300
";

#[test]
fn prefix_col_by_name_and_by_index() {
    for col in [
        Column::Name("prefix".to_owned()),
        Column::Name(" PREFIX ".to_owned()),
        Column::Index(1),
    ] {
        let d = read_with(
            TWO_CODES,
            Options {
                prefix_col: Some(col.clone()),
                ..Options::default()
            },
        );
        assert_eq!(d.detection.key, KeyColumns::Prefix(1), "{col:?}");
        // Keys with the 1 beside `447`: an international deck, in which 447
        // is the United Kingdom's mobile prefix, not NPA 447 (Illinois); a
        // split vote, and said to be one.
        assert_eq!(d.detection.leading_one, LeadingOne::Present);
        assert_eq!(d.detection.leading_one_votes, votes(2, 1, 0, true));
        assert_eq!(d.ok(0).npa, Some(npa(201)));
        assert_eq!(d.ok(1).destination, Destination::NonNanp);
        assert_eq!(d.geo(2).category, Category::Caribbean);
        assert_eq!(counts(&d), (3, 2, 0, 1), "{col:?}");
    }
}

#[test]
fn unknown_or_headerless_column_names_fail_to_open() {
    let unknown = Reader::new(
        TWO_CODES.as_bytes(),
        Options {
            prefix_col: Some(Column::Name("dial".to_owned())),
            ..Options::default()
        },
        &DIR,
    );
    let e = unknown.err().expect("no such column");
    assert!(e.to_string().contains("dial"), "{e}");
    let headerless = Reader::new(
        "1201200,0.0100\n".as_bytes(),
        Options {
            prefix_col: Some(Column::Name("prefix".to_owned())),
            ..Options::default()
        },
        &DIR,
    );
    assert!(headerless.is_err(), "a name needs a header");
}

#[test]
fn npa_col_and_nxx_col_override_detection() {
    // NPA and NXX not side by side: detection alone sees an NPA-only deck.
    let deck = "907,AK,200,0.0100\n201,NJ,555,0.0200\n876,JM,200,0.0300\n";
    let auto = read(deck);
    assert_eq!(auto.detection.key, KeyColumns::Prefix(0));
    assert_eq!(auto.ok(0).nxx, None);

    let d = read_with(
        deck,
        Options {
            npa_col: Some(Column::Index(0)),
            nxx_col: Some(Column::Index(2)),
            ..Options::default()
        },
    );
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 0, nxx: 2 });
    assert_eq!(d.detection.leading_one, LeadingOne::Auto);
    assert_eq!((d.ok(0).npa, d.ok(0).nxx), (Some(npa(907)), Some(200)));
    assert_eq!((d.ok(1).npa, d.ok(1).nxx), (Some(npa(201)), Some(555)));
    assert_eq!(d.geo(2).category, Category::Caribbean);
    assert_eq!(counts(&d), (3, 3, 0, 0));

    // By name, in a deck with a header.
    let d = read_with(
        "area,state,exchange code,rate\n907,AK,200,0.0100\n201,NJ,555,0.0200\n",
        Options {
            npa_col: Some(Column::Name("area".to_owned())),
            nxx_col: Some(Column::Name("exchange code".to_owned())),
            ..Options::default()
        },
    );
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 0, nxx: 2 });
    assert_eq!(d.detection.rate_columns, vec![rc(3, "rate", "rate")]);
    assert_eq!((d.ok(1).npa, d.ok(1).nxx), (Some(npa(201)), Some(555)));
}

#[test]
fn npa_and_nxx_header_names_are_detected() {
    let d = read("npa,nxx,rate\n201,200,0.0100\n907,555,0.0200\n");
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 0, nxx: 1 });
    assert_eq!(d.detection.leading_one, LeadingOne::Auto);
    assert_eq!((d.ok(1).npa, d.ok(1).nxx), (Some(npa(907)), Some(555)));
}

#[test]
fn has_header_forced_off_makes_the_first_row_data() {
    let deck = "USA - NJ,1201200,0.0100\nUSA - NY,1212555,0.0200\nUSA - AK,1907200,0.0300\n";
    let d = read_with(
        deck,
        Options {
            has_header: Some(false),
            ..Options::default()
        },
    );
    assert_eq!(d.detection.header, None);
    assert_eq!(d.lines(), [1, 2, 3]);
    assert_eq!(counts(&d), (3, 3, 0, 0));

    // Forced off, a header-like first row is a (rejected) data row.
    let d = read_with(
        "prefix,rate\n1201200,0.0100\n",
        Options {
            has_header: Some(false),
            prefix_col: Some(Column::Index(0)),
            ..Options::default()
        },
    );
    assert_eq!(d.detection.header, None);
    assert_eq!(
        d.err(0).reason(),
        &RejectReason::MalformedPrefix("prefix".to_owned())
    );
    assert_eq!(d.err(0).line(), 1);
    assert_eq!(counts(&d), (2, 1, 1, 0));
}

#[test]
fn has_header_forced_on_takes_a_numeric_looking_first_row_as_the_header() {
    let deck = "desc,1,rate\nNJ,1201200,0.0100\nNY,1212555,0.0200\n";
    let auto = read(deck);
    assert_eq!(
        auto.detection.header, None,
        "a cell of digits: not a header"
    );
    assert_eq!(
        auto.err(0).reason(),
        &RejectReason::IncompletePrefix("1".to_owned())
    );

    let d = read_with(
        deck,
        Options {
            has_header: Some(true),
            ..Options::default()
        },
    );
    assert_eq!(d.detection.header, Some(strings(&["desc", "1", "rate"])));
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(d.lines(), [2, 3]);
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]

fn a_headerless_first_row_with_no_prefix_is_data_not_a_header() {
    // The first row has a rate but lost its prefix: it is a data row to be
    // rejected, not a header to be dropped from the count.
    let d = read(
        "USA - NJ,,0.0100\n\
         USA - NY,1212555,0.0200\n\
         USA - AK,1907200,0.0300\n",
    );
    assert_eq!(d.detection.header, None);
    assert_eq!(d.summary.rows_read(), 3);
    assert_eq!(d.err(0).reason(), &RejectReason::MissingPrefix);
    assert_eq!(d.err(0).line(), 1);
}

#[test]
fn leading_one_forced() {
    let deck = "201200,0.0100\n907555,0.0200\n";
    assert_eq!(read(deck).detection.leading_one, LeadingOne::Absent);
    let d = read_with(
        deck,
        Options {
            leading_one: LeadingOne::Present,
            ..Options::default()
        },
    );
    assert_eq!(d.detection.leading_one, LeadingOne::Present);
    // Forced international, `201200` is country code 2…, not +1.
    assert_eq!(d.ok(0).destination, Destination::NonNanp);
    assert_eq!(counts(&d), (2, 0, 0, 2));

    let deck = "1201200,0.0100\n1907555,0.0200\n";
    assert_eq!(read(deck).detection.leading_one, LeadingOne::Present);
    let d = read_with(
        deck,
        Options {
            leading_one: LeadingOne::Absent,
            ..Options::default()
        },
    );
    assert_eq!(d.detection.leading_one, LeadingOne::Absent);
    // No NPA starts with 1: a leading 1 is the country code whatever the
    // policy, so forcing `absent` loses nothing.
    assert_eq!(d.ok(0).npa, Some(npa(201)));
    assert_eq!(d.ok(0).key, "201200");
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn delimiter_forced() {
    // Every description holds one comma: `,` and `;` tie on consistency.
    let deck = "USA, New Jersey;1201200;0.0100\nUSA, New York;1212555;0.0200\n";
    let d = read_with(
        deck,
        Options {
            delimiter: Some(b';'),
            ..Options::default()
        },
    );
    assert_eq!(d.detection.delimiter, ';');
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(
        d.fields[0],
        strings(&["USA, New Jersey", "1201200", "0.0100"])
    );
    assert_eq!(counts(&d), (2, 2, 0, 0));

    // Forcing `,` on a `;` deck: one field a row, so no key column.
    let forced = Reader::new(
        "npanxx;rate\n201200;0.0100\n".as_bytes(),
        Options {
            delimiter: Some(b','),
            ..Options::default()
        },
        &DIR,
    );
    assert!(
        matches!(
            forced,
            Err(OpenError::Detect(DetectError::NoKeyColumn { rows: 2 }))
        ),
        "{:?}",
        forced.err()
    );
}

#[test]

fn a_compact_date_before_the_prefix_is_not_the_key() {
    let d = read(
        "20250701,1201200,0.0100\n\
         20250701,1212555,0.0200\n\
         20250815,1876200,0.1000\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(counts(&d), (3, 3, 0, 0));
}

#[test]
fn rate_cols_forced() {
    let d = read_with(
        "prefix,billing,price a,price b\n1201200,60,0.0100,0.0200\n",
        Options {
            rate_cols: Some(vec![Column::Name("price b".to_owned()), Column::Index(1)]),
            ..Options::default()
        },
    );
    assert_eq!(
        d.detection.rate_columns,
        vec![rc(3, "price b", ""), rc(1, "billing", "")]
    );
    assert_eq!(d.ok(0).rates, rates(&["0.0200", "60"]));
}

#[test]
fn a_delimiter_tie_goes_to_the_one_that_splits_out_the_prefix() {
    let d = read("USA, New Jersey;1201200;0.0100\nUSA, New York;1212555;0.0200\n");
    assert_eq!(d.detection.delimiter, ';');
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn a_first_row_without_numbers_is_data_unless_it_names_columns() {
    // No column word, no number: data, and rejected, not a silent header.
    let deck = format!(
        "USA - NJ,N/A,N/A\n{}",
        "USA - NY,1212555,0.0200\n".repeat(9)
    );
    let d = read(&deck);
    assert_eq!(d.detection.header, None);
    assert_eq!(d.summary.rows_read(), 10);
    assert_eq!(d.rows[0].as_ref().unwrap_err().line(), 1);
    // A line of delimiters first is blank, as a spreadsheet writes it.
    let d = read(",,\nUSA,1201200,0.0100\n");
    assert_eq!(d.detection.header, None);
    assert_eq!(counts(&d), (1, 1, 0, 0));
    assert_eq!(d.summary.report().blank_lines, 1);
    // Real names are a header.
    let d = read("Destination,Code,Rate\nUSA,1201200,0.0100\n");
    assert!(d.detection.header.is_some());
    assert_eq!(counts(&d), (1, 1, 0, 0));
    // So are names in words no list holds, as many as the rows' fields.
    let d = read(
        "Ziel;Vorwahl;Preis;Gueltig ab\n\
         USA;1201200;0,0100;01.07.2025\n\
         Guam;1671555;0,1200;01.07.2025\n",
    );
    assert_eq!(
        d.detection.header,
        Some(strings(&["Ziel", "Vorwahl", "Preis", "Gueltig ab"]))
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(counts(&d), (2, 2, 0, 0));
    assert_eq!(d.geo(1).category, Category::Pacific);
    // A line of text above a deck is not a header: it is a rejected row.
    let d = read("Tarife ab Juli\nUSA,1201200,0.0100\nUSA,1201201,0.0100\n");
    assert_eq!(d.detection.header, None);
    assert_eq!(counts(&d), (3, 2, 1, 0));
}

#[test]
fn a_column_named_rate_is_a_rate_column_however_bad_its_rows() {
    let d = read("prefix,rate\n1201200,N/A\n1212555,N/A\n1416200,0.01\n");
    assert_eq!(d.detection.rate_columns, [rc(1, "rate", "rate")]);
    assert_eq!(counts(&d), (3, 1, 2, 0));
    // A rate center is not a rate.
    let d = read("prefix,rate center,rate\n1201200,NEWARK,0.01\n");
    assert_eq!(d.detection.rate_columns, [rc(2, "rate", "rate")]);
}

#[test]
fn an_excel_semicolon_export_reads_whole() {
    let d = read_bytes(
        &crate::common::data_file("excel_semicolons.csv"),
        Options::default(),
    );
    assert_eq!(d.detection.delimiter, ';');
    assert!(d.detection.decimal_comma);
    assert_eq!(d.detection.rate_columns, [rc(2, "Rate", "rate")]);
    assert_eq!(counts(&d), (3, 3, 0, 0), "lines of `;;;;` are blank");
    assert_eq!(d.summary.report().blank_lines, 3);
    assert_eq!(d.ok(1).rates, rates(&["0.0200"]));
    assert_eq!(d.lines(), [2, 4, 7]);
}

#[test]
fn extra_fields_are_rejected_and_make_no_rate_column() {
    // The second data row has a field the header does not name.
    let d = read("prefix,rate\n1201200,0.0100\n1201201,0.0200,0.9999\n1201202,0.0300,,\n");
    assert_eq!(
        d.detection.rate_columns,
        [rc(1, "rate", "rate")],
        "no phantom column"
    );
    assert_eq!(
        d.err(1).reason(),
        &RejectReason::ExtraFields {
            found: 3,
            expected: 2
        }
    );
    assert_eq!(d.err(1).reason().as_str(), "extra-fields");
    assert_eq!(
        d.ok(2).rates,
        rates(&["0.0300"]),
        "empty trailing fields are no extra"
    );
    assert_eq!(d.summary.report().rates.len(), 1);
}

#[test]
fn options_that_cannot_be_right_are_errors() {
    let deck = "a,b,c,d,e\n1201200,0.01,x,y,z\n";
    let open = |o: Options| Reader::new(deck.as_bytes(), o, &DIR).err();
    let e = open(Options {
        prefix_col: Some(Column::Index(98)),
        ..Options::default()
    });
    assert!(
        matches!(
            e,
            Some(OpenError::Detect(DetectError::NoSuchColumn {
                column: 99,
                columns: 5
            }))
        ),
        "{e:?}"
    );
    let e = open(Options {
        npa_col: Some(Column::Index(0)),
        nxx_col: Some(Column::Index(0)),
        ..Options::default()
    });
    assert!(
        matches!(e, Some(OpenError::Detect(DetectError::Conflict(_)))),
        "{e:?}"
    );
    let e = open(Options {
        prefix_col: Some(Column::Index(0)),
        rate_cols: Some(vec![Column::Index(0)]),
        ..Options::default()
    });
    assert!(
        matches!(e, Some(OpenError::Detect(DetectError::Conflict(_)))),
        "{e:?}"
    );
}

#[test]
fn json_numbers_columns_from_one() {
    let d = read("desc,prefix,rate\nUSA,1201200,0.01\n");
    let v = serde_json::to_value(&d.summary).unwrap();
    assert_eq!(v["detection"]["key"], serde_json::json!({"prefix": 2}));
    assert_eq!(v["detection"]["rate_columns"][0]["column"], 3);
    let d = read("npa,nxx,rate\n201,200,0.01\n");
    let v = serde_json::to_value(&d.summary).unwrap();
    assert_eq!(
        v["detection"]["key"],
        serde_json::json!({"npa": 1, "nxx": 2})
    );
}
