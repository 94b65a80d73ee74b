//! Rate sheets (issue 4, section 4): every deck format, every reject reason,
//! the counting invariant on the sample decks, the summary's figures on a
//! hand-checked deck, and the exact rate arithmetic.

use std::collections::BTreeMap;

use nanp_lerg::ratesheet::{
    CategoryFigures, Column, DeckRow, Destination, DetectError, Detection, KeyColumns, LeadingOne,
    OpenError, Options, Rate, RateColumn, RateFigures, Reader, RejectReason, RowError, Summary,
};
use nanp_lerg::{Category, Directory, Npa, NpaRecord, Reserved, Service};

static DIR: Directory = Directory::builtin();

/// Everything a deck produced, row by row, with the summary of it.
struct Deck {
    detection: Detection,
    rows: Vec<Result<DeckRow<'static>, RowError>>,
    /// Per row (accepted, non-NANP or rejected): its fields as read.
    fields: Vec<Vec<String>>,
    summary: Summary,
}

impl Deck {
    fn ok(&self, i: usize) -> &DeckRow<'static> {
        match &self.rows[i] {
            Ok(row) => row,
            Err(e) => panic!("row {i} rejected: {e}"),
        }
    }

    fn err(&self, i: usize) -> &RowError {
        match &self.rows[i] {
            Ok(row) => panic!("row {i} accepted: {row:?}"),
            Err(e) => e,
        }
    }

    fn geo(&self, i: usize) -> &'static NpaRecord {
        match self.ok(i).destination {
            Destination::Geographic(r) => r,
            d => panic!("row {i} is {d:?}, not geographic"),
        }
    }

    fn lines(&self) -> Vec<u64> {
        self.rows
            .iter()
            .map(|r| match r {
                Ok(row) => row.line,
                Err(e) => e.line(),
            })
            .collect()
    }

    fn reasons(&self) -> Vec<Option<RejectReason>> {
        self.rows
            .iter()
            .map(|r| r.as_ref().err().map(|e| e.reason().clone()))
            .collect()
    }
}

fn read_bytes(deck: &[u8], options: Options) -> Deck {
    let mut reader = Reader::new(deck, options, &DIR).expect("the deck opens");
    let detection = reader.detection().clone();
    let mut summary = Summary::new(&detection);
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    while let Some(row) = reader.next_row() {
        summary.add(&row);
        match row {
            Ok(row) => {
                fields.push(
                    row.record
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                );
                rows.push(Ok(DeckRow {
                    line: row.line,
                    npa: row.npa,
                    nxx: row.nxx,
                    destination: row.destination,
                    rates: row.rates.to_vec(),
                }));
            }
            Err(e) => {
                fields.push(e.fields().to_vec());
                rows.push(Err(e));
            }
        }
    }
    assert_eq!(summary.rows_read(), rows.len() as u64);
    assert!(summary.balanced());
    Deck {
        detection,
        rows,
        fields,
        summary,
    }
}

fn read(deck: &str) -> Deck {
    read_bytes(deck.as_bytes(), Options::default())
}

fn read_with(deck: &str, options: Options) -> Deck {
    read_bytes(deck.as_bytes(), options)
}

fn rate(s: &str) -> Rate {
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} should be a rate: {e}"))
}

fn rates(list: &[&str]) -> Vec<Option<Rate>> {
    list.iter()
        .map(|s| (!s.is_empty()).then(|| rate(s)))
        .collect()
}

fn npa(n: u16) -> Npa {
    Npa::new(n).unwrap()
}

fn rc(index: usize, name: &str) -> RateColumn {
    RateColumn {
        index,
        name: name.to_owned(),
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn counts(d: &Deck) -> (u64, u64, u64, u64) {
    let s = &d.summary;
    (s.rows_read(), s.accepted(), s.rejected(), s.non_nanp())
}

// ---------------------------------------------------------------- formats

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
            delimiter: ',',
            header: Some(strings(&[
                "prefix",
                "rate (inter)",
                "intrastate",
                "intrastate",
                "effective"
            ])),
            key: KeyColumns::Prefix(0),
            leading_one: LeadingOne::Present,
            rate_columns: vec![
                rc(1, "rate (inter)"),
                rc(2, "intrastate (column 3)"),
                rc(3, "intrastate (column 4)"),
            ],
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
            delimiter: ',',
            header: None,
            key: KeyColumns::Split { npa: 1, nxx: 2 },
            leading_one: LeadingOne::Auto,
            rate_columns: vec![rc(3, "column 4"), rc(4, "column 5"), rc(5, "column 6")],
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
            delimiter: ',',
            header: Some(strings(&["npanxx", "inter", "intra", "indeterm"])),
            key: KeyColumns::Prefix(0),
            leading_one: LeadingOne::Absent,
            rate_columns: vec![rc(1, "inter"), rc(2, "intra"), rc(3, "indeterm")],
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
            delimiter: ',',
            header: None,
            key: KeyColumns::Prefix(1),
            leading_one: LeadingOne::Present,
            rate_columns: vec![rc(2, "column 3")],
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

// ------------------------------------------------ the awkward details

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
fn crlf_and_blank_lines_keep_line_numbers_right() {
    let d = read(
        "\u{feff}prefix,rate\r\n\
         1201200,0.0100\r\n\
         \r\n\
         \r\n\
         1212555,0.0200\r\n\
         1911555,0.0300\r\n\
         \r\n\
         1416200,0.0400\r\n",
    );
    assert_eq!(d.detection.header, Some(strings(&["prefix", "rate"])));
    assert_eq!(d.lines(), [2, 5, 6, 8]);
    assert_eq!(d.err(2).line(), 6);
    assert_eq!(d.ok(3).rates, rates(&["0.0400"]));
    assert_eq!(counts(&d), (4, 3, 1, 0));
}

#[test]
fn blank_lines_in_the_middle_keep_line_numbers_right() {
    let d = read(
        "USA - NJ,1201,200,0.0100\n\
         \n\
         USA - NY,1212,555,0.0200\n\
         \n\
         \n\
         USA - XX,1282,555,0.0300\n\
         USA - ON,1416,200,0.0400\n\
         \n",
    );
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 1, nxx: 2 });
    assert_eq!(d.lines(), [1, 3, 6, 7]);
    assert_eq!(d.err(2).reason(), &RejectReason::UnassignedNpa(npa(282)));
    assert_eq!(d.err(2).line(), 6);
}

#[test]
fn quoted_fields_with_delimiters_and_newlines_inside() {
    let d = read(
        "prefix,description,rate\n\
         \"1201200\",\"Newark, NJ\",\"0.0100\"\n\
         1212555,\"New York,\nNY\",0.0200\n\
         \"1416200\",\"Toronto \"\"ON\"\"\",0.0300\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.detection.rate_columns, vec![rc(2, "rate")]);
    assert_eq!(d.lines(), [2, 3, 5], "a quoted newline spans two lines");
    assert_eq!(d.fields[0], strings(&["1201200", "Newark, NJ", "0.0100"]));
    assert_eq!(d.fields[1][1], "New York,\nNY");
    assert_eq!(d.fields[2][1], "Toronto \"ON\"");
    assert_eq!(d.ok(0).rates, rates(&["0.0100"]));
    assert_eq!(d.geo(2).state_province_code, "ON");
    assert_eq!(counts(&d), (3, 3, 0, 0));
}

#[test]
fn trailing_delimiters_add_no_rate_column() {
    let d = read("prefix,rate,\n1201200,0.0100,\n1212555,0.0200,\n");
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.detection.rate_columns, vec![rc(1, "rate")]);
    assert_eq!(d.fields[0], strings(&["1201200", "0.0100", ""]));
    assert_eq!(d.ok(1).rates, rates(&["0.0200"]));
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
        vec![rc(1, "inter"), rc(2, "intra")]
    );
    assert_eq!(d.ok(0).rates, rates(&["0.0040", "0.0050"]));
    assert_eq!(counts(&d), (2, 2, 0, 0));

    let d = read("USA - AK\t1907\t200\t0.0096\nUSA - NJ\t1201\t555\t0.0040\n");
    assert_eq!(d.detection.delimiter, '\t');
    assert_eq!(d.detection.key, KeyColumns::Split { npa: 1, nxx: 2 });
    assert_eq!(d.detection.rate_columns, vec![rc(3, "column 4")]);
    assert_eq!(d.geo(0).state_province_code, "AK");
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn rates_written_with_dollar_exponent_or_left_empty() {
    // Eight more clean rows after them: with one `n/a` in ten rates the
    // column is still detected as a rate column.
    let d = read(
        "prefix,inter,intra\n\
         1201200,$0.01,1.2e-3\n\
         1212555,,0.0200\n\
         1416200, $0.0300 ,1E-2\n\
         1907200,n/a,0.0100\n\
         1201201,0.01,0.01\n\
         1201202,0.01,0.01\n\
         1201203,0.01,0.01\n\
         1201204,0.01,0.01\n\
         1201205,0.01,0.01\n\
         1201206,0.01,0.01\n\
         1201207,0.01,0.01\n",
    );
    assert_eq!(
        d.detection.rate_columns,
        vec![rc(1, "inter"), rc(2, "intra")]
    );
    assert_eq!(d.ok(0).rates, rates(&["0.01", "0.0012"]));
    assert_eq!(d.ok(0).rates[0].unwrap().pico(), 10_000_000_000);
    assert_eq!(d.ok(0).rates[1].unwrap().pico(), 1_200_000_000);
    assert_eq!(d.ok(1).rates, vec![None, Some(rate("0.0200"))]);
    assert_eq!(d.ok(2).rates, rates(&["0.0300", "0.01"]));
    assert_eq!(
        d.err(3).reason(),
        &RejectReason::UnparseableRate {
            column: "inter".to_owned(),
            value: "n/a".to_owned(),
        }
    );
    assert_eq!(d.err(3).line(), 5);
    assert!(d.err(3).to_string().contains("inter"), "{}", d.err(3));
    assert_eq!(d.err(3).fields(), strings(&["1907200", "n/a", "0.0100"]));
    assert_eq!(counts(&d), (11, 10, 1, 0));
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
    assert_eq!(d.detection.rate_columns, vec![rc(1, "rate")]);
    assert_eq!(
        d.err(3).reason(),
        &RejectReason::UnparseableRate {
            column: "rate".to_owned(),
            value: "n/a".to_owned(),
        }
    );
    assert_eq!(counts(&d), (4, 3, 1, 0));
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
    assert_eq!(d.detection.rate_columns, vec![rc(1, "column 2")]);
    assert_eq!(counts(&d), (6, 6, 0, 0));

    // A date column before the key, with and without a header.
    let d = read(
        "2025-07-01,1201200,0.0100\n\
         07/01/2025,1212555,0.0200\n\
         2025.07.01,1416200,0.0300\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(d.detection.rate_columns, vec![rc(2, "column 3")]);
    assert_eq!(counts(&d), (3, 3, 0, 0));

    let d = read(
        "effective,prefix,rate,end date\n\
         20250701,1201200,0.0100,20251231\n\
         20250701,1212555,0.0200,2025-12-31\n",
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(1));
    assert_eq!(d.detection.rate_columns, vec![rc(2, "rate")]);
    assert_eq!(d.ok(1).rates, rates(&["0.0200"]));
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

// ------------------------------------------------- options over detection

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
        assert_eq!(d.detection.leading_one, LeadingOne::Present);
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
    assert_eq!(d.detection.rate_columns, vec![rc(3, "rate")]);
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
    // Without the 1, `1201200` is NPA 120: not an NPA.
    assert_eq!(
        d.err(0).reason(),
        &RejectReason::InvalidNpa("120".to_owned())
    );
    assert_eq!(counts(&d), (2, 0, 2, 0));
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
        vec![rc(3, "price b"), rc(1, "billing")]
    );
    assert_eq!(d.ok(0).rates, rates(&["0.0200", "60"]));
}

// ---------------------------------------------------------- reject reasons

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
         201,2000,0.0100\n\
         201,200,0.0100\n",
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
    assert_eq!(counts(&d), (5, 1, 4, 0));
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

// ------------------------------------------------------ the sample decks

fn samples() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut decks: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("deck_") && n.ends_with(".csv"))
        })
        .collect();
    decks.sort();
    decks
}

/// Non-blank lines, counted without the reader.
fn non_blank_lines(bytes: &[u8]) -> u64 {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
        .count() as u64
}

#[test]
fn every_sample_deck_accounts_for_every_row() {
    let decks = samples();
    let names: Vec<String> = decks
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "deck_a_prefix.csv",
        "deck_b_npa_nxx.csv",
        "deck_c_npanxx.csv",
        "deck_d_a_to_z.csv",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for path in &decks {
        let name = path.file_name().unwrap().to_string_lossy();
        let bytes = std::fs::read(path).unwrap();
        // Whether the deck has a header, known from the generator, not asked
        // of the reader.
        let header: u64 = match &*name {
            "deck_a_prefix.csv" | "deck_c_npanxx.csv" => 1,
            "deck_b_npa_nxx.csv" | "deck_d_a_to_z.csv" => 0,
            // A deck added later: a header is a first line without digits.
            _ => u64::from(
                bytes
                    .split(|&b| b == b'\n')
                    .find(|l| !l.trim_ascii().is_empty())
                    .is_some_and(|l| !l.iter().any(u8::is_ascii_digit)),
            ),
        };
        let d = read_bytes(&bytes, Options::default());
        assert_eq!(
            u64::from(d.detection.header.is_some()),
            header,
            "{name}: header"
        );
        let s = &d.summary;
        assert_eq!(
            s.accepted() + s.rejected() + s.non_nanp(),
            s.rows_read(),
            "{name}"
        );
        assert_eq!(
            s.rows_read(),
            non_blank_lines(&bytes) - header,
            "{name}: rows read"
        );
        let lines = d.lines();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "{name}: {lines:?}");
        let report = s.report();
        assert!(report.balanced);
        assert_eq!(
            report.rejected_by_reason.values().sum::<u64>(),
            report.rejected,
            "{name}"
        );
        let geographic: u64 = report.categories.values().map(|c| c.rows).sum();
        let non_geographic: u64 = report.non_geographic.values().sum();
        assert_eq!(geographic + non_geographic, report.accepted, "{name}");
        assert_eq!(report.countries.values().sum::<u64>(), geographic, "{name}");
        assert_eq!(report.states.values().sum::<u64>(), geographic, "{name}");
    }
}

#[test]
fn sample_deck_a_rejects_its_special_rows_on_their_lines() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/deck_a_prefix.csv");
    let d = read_bytes(&std::fs::read(path).unwrap(), Options::default());
    let rejected: Vec<(u64, &str)> = d
        .rows
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| (e.line(), e.reason().as_str()))
        .collect();
    // The generator writes a header, 188 rows, then its special rows: the
    // ones from line 195 on are each rejected for a different reason.
    assert_eq!(
        rejected,
        [
            (195, "reserved-npa"),
            (196, "reserved-npa"),
            (197, "unassigned-npa"),
            (198, "malformed-prefix"),
            (199, "invalid-nxx"),
            (200, "unparseable-rate"),
            (201, "missing-prefix"),
        ]
    );
    let toll_free = d
        .rows
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .find(|r| r.line == 192)
        .unwrap();
    assert_eq!(
        toll_free.destination,
        Destination::NonGeographic(Service::TollFree)
    );
}

// ------------------------------------------------------------ the summary

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
    for key in [
        "rows_read",
        "accepted",
        "rejected",
        "non_nanp",
        "rejected_by_reason",
        "categories",
        "non_geographic",
        "countries",
    ] {
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
    let d = read("prefix,rate\n");
    assert_eq!(counts(&d), (0, 0, 0, 0));
    let r = d.summary.report();
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
    assert_eq!(
        (
            us.min.as_str(),
            us.max.as_str(),
            us.mean.as_str(),
            us.median.as_str()
        ),
        ("0.0000", "0.0001", "0.000013", "0.0000")
    );
    assert_eq!((us.rows, us.distinct), (8, 2));

    // Mixed precision: shown at the most places the deck writes; an odd
    // count's median is its middle rate.
    let r = read("prefix,rate\n1201200,0.01\n1201201,0.0150\n1201202,0.5\n")
        .summary
        .report();
    let us = &r.rates[0].categories[&Category::UsDomestic];
    assert_eq!(
        (
            us.min.as_str(),
            us.max.as_str(),
            us.mean.as_str(),
            us.median.as_str()
        ),
        ("0.0100", "0.5000", "0.175000", "0.0150")
    );

    // Negative rates (credits) round away from zero too: -0.0000125.
    let mut deck = String::from("prefix,rate\n");
    for _ in 0..7 {
        deck.push_str("1201200,0.0000\n");
    }
    deck.push_str("1201201,-0.0001\n");
    let r = read(&deck).summary.report();
    let us = &r.rates[0].categories[&Category::UsDomestic];
    assert_eq!(
        (us.min.as_str(), us.mean.as_str()),
        ("-0.0001", "-0.000013")
    );
}

// ----------------------------------------------------------------- rates

#[test]
fn rates_sum_exactly() {
    let (a, b, c) = (rate("0.1"), rate("0.2"), rate("0.3"));
    assert_eq!(a.pico() + b.pico(), c.pico());
    assert_eq!(c.pico(), 300_000_000_000);
    assert_ne!(0.1f64 + 0.2f64, 0.3f64, "what floats would have done");
}

#[test]
fn rate_forms() {
    let r = rate("1.2e-3");
    assert_eq!(
        (r.pico(), r.to_string().as_str()),
        (1_200_000_000, "0.0012")
    );
    let r = rate("$0.0096561");
    assert_eq!(
        (r.pico(), r.places(), r.to_string().as_str()),
        (9_656_100_000, 7, "0.0096561")
    );
    let r = rate("-0.5");
    assert_eq!(
        (r.pico(), r.to_string().as_str()),
        (-500_000_000_000, "-0.5")
    );
    assert_eq!(rate("-$0.01").pico(), -10_000_000_000);
    assert_eq!(rate(".01").pico(), 10_000_000_000);
    assert_eq!(rate("1").to_string(), "1");
    assert_eq!(rate("1E2").pico(), 100_000_000_000_000);
    assert_eq!(rate(" 0.0100 ").to_string(), "0.0100");
    assert_eq!(rate("0.000000000001").pico(), 1);
    assert_eq!(Rate::from_pico(1, 12).to_string(), "0.000000000001");
    assert_eq!(Rate::from_pico(10_000_000_000, 4).to_string(), "0.0100");
    assert!(rate("0.0100") < rate("0.02"));
}

#[test]
fn display_keeps_the_written_places() {
    for s in [
        "0.0100",
        "0.10",
        "0.0096561",
        "1.000",
        "0",
        "12.5",
        "0.000000000001",
    ] {
        assert_eq!(rate(s).to_string(), s);
    }
    assert_eq!(rate("0.0100").places(), 4);
    assert_eq!(rate("0.0100").pico(), rate("0.01").pico());
}

#[test]
fn more_than_twelve_decimals_only_as_trailing_zeros() {
    assert!("0.0000000000001".parse::<Rate>().is_err());
    assert!("0.0096561000001".parse::<Rate>().is_err());
    let r = rate("0.1000000000000");
    assert_eq!(r.pico(), 100_000_000_000);
    assert!("1e-13".parse::<Rate>().is_err());
    assert_eq!(rate("10e-13").pico(), 1);
}

#[test]
fn huge_and_malformed_rates_are_errors() {
    for bad in [
        "10000000",
        "99999999999999999999",
        "1e7",
        "1e999",
        "1e-999",
        "9223373",
        "n/a",
        "N/A",
        "free",
        "1.2.3",
        ".",
        "$",
        "-",
        "e5",
        "1e",
        "1e+",
        "0,01",
        "$-0.01",
        "0.01$",
        "1 2",
    ] {
        assert!(bad.parse::<Rate>().is_err(), "{bad:?} parsed");
        assert!(Rate::parse_field(bad.as_bytes()).is_err(), "{bad:?}");
    }
    assert_eq!(rate("9223372").pico(), 9_223_372_000_000_000_000);
}

#[test]
fn empty_fields_are_no_rate() {
    assert_eq!(Rate::parse_field(b""), Ok(None));
    assert_eq!(Rate::parse_field(b"   "), Ok(None));
    assert_eq!(Rate::parse_field(b" 0.01 "), Ok(Some(rate("0.01"))));
    assert!("".parse::<Rate>().is_err(), "FromStr wants a rate");
}

// ------------------------------------------------------ streaming details

/// Hands out its bytes a few at a time, then fails if told to.
struct Trickle<'a> {
    data: &'a [u8],
    chunk: usize,
    fail_at_end: bool,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.data.is_empty() && self.fail_at_end {
            return Err(std::io::Error::other("the disk went away"));
        }
        let n = self.chunk.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn line_numbers_stay_right_past_the_read_ahead() {
    // Far more than the rows and bytes read ahead for detection, with CRLF,
    // blank lines and quoted newlines throughout; the expected line of each
    // row is counted as the deck is written.
    let mut deck = String::from("prefix,description,rate\r\n");
    let mut line = 2u64;
    let mut expected = Vec::new();
    for i in 0..5000u64 {
        if i % 7 == 3 {
            deck.push_str("\r\n");
            line += 1;
        }
        expected.push(line);
        if i % 11 == 5 {
            deck.push_str(&format!(
                "1201{:03},\"two\r\nlines {i}\",0.0100\r\n",
                200 + i % 800
            ));
            line += 2;
        } else if i == 4321 {
            deck.push_str("1911555,\"reserved\",0.0100\r\n");
            line += 1;
        } else {
            deck.push_str(&format!("1212{:03},\"row {i}\",0.0200\r\n", 200 + i % 800));
            line += 1;
        }
    }
    assert!(deck.len() > 64 * 1024);
    let d = read(&deck);
    assert_eq!(d.lines(), expected);
    assert_eq!(d.err(4321).line(), expected[4321]);
    assert_eq!(counts(&d), (5000, 4999, 1, 0));

    // The same, trickled a few bytes at a time.
    for chunk in [1, 3, 4096] {
        let mut reader = Reader::new(
            Trickle {
                data: deck.as_bytes(),
                chunk,
                fail_at_end: false,
            },
            Options::default(),
            &DIR,
        )
        .unwrap();
        let mut lines = Vec::new();
        while let Some(row) = reader.next_row() {
            lines.push(match row {
                Ok(r) => r.line,
                Err(e) => e.line(),
            });
        }
        assert_eq!(lines, expected, "chunks of {chunk}");
    }
}

#[test]
fn an_io_error_mid_deck_is_one_read_error_then_the_end() {
    let mut deck = String::from("prefix,rate\n");
    // Past the 64 KiB read ahead to detect the shape.
    for i in 0..6000 {
        deck.push_str(&format!("1201{},0.0100\n", 200 + i % 800));
    }
    assert!(deck.len() > 64 * 1024);
    let mut reader = Reader::new(
        Trickle {
            data: deck.as_bytes(),
            chunk: 64,
            fail_at_end: true,
        },
        Options::default(),
        &DIR,
    )
    .expect("the error comes after the read-ahead");
    let mut summary = Summary::new(reader.detection());
    let mut last = None;
    while let Some(row) = reader.next_row() {
        summary.add(&row);
        last = Some(row.map(|r| r.line));
    }
    let e = last.unwrap().unwrap_err();
    assert!(
        matches!(e.reason(), RejectReason::ReadError(m) if m.contains("the disk went away")),
        "{e}"
    );
    assert_eq!(e.reason().as_str(), "read-error");
    assert!(e.line() >= 6001, "after the last row read: {}", e.line());
    let (rows, accepted, rejected, non_nanp) = counts_of(&summary);
    assert_eq!(
        (accepted, non_nanp),
        (6000, 0),
        "every row before the error"
    );
    assert_eq!(rows, accepted + rejected);
    assert!(reader.next_row().is_none());

    // Failing within the read-ahead: the deck does not open.
    let opened = Reader::new(
        Trickle {
            data: b"prefix,rate\n1201200,0.0100\n",
            chunk: 5,
            fail_at_end: true,
        },
        Options::default(),
        &DIR,
    );
    assert!(matches!(opened, Err(OpenError::Io(_))));
}

fn counts_of(s: &Summary) -> (u64, u64, u64, u64) {
    (s.rows_read(), s.accepted(), s.rejected(), s.non_nanp())
}

// ------------------------------------------------- edge cases fixed in review

#[test]
fn a_line_of_spaces_is_a_blank_line_not_a_row() {
    let d = read("prefix,rate\n1201200,0.0100\n   \n1212555,0.0200\n");
    assert_eq!(counts(&d), (2, 2, 0, 0));
    assert_eq!(d.rows[1].as_ref().unwrap().line, 4);
    // A line of delimiters is a row, and it is rejected, not skipped.
    let d = read("prefix,rate\n1201200,0.0100\n,\n");
    assert_eq!(counts(&d), (2, 1, 1, 0));
    assert_eq!(
        d.rows[1].as_ref().unwrap_err().reason(),
        &RejectReason::MissingPrefix
    );
}

#[test]
fn an_empty_deck_opens_with_no_rows() {
    let d = read("");
    assert_eq!(counts(&d), (0, 0, 0, 0));
    let d = read("prefix,rate\n");
    assert_eq!(counts(&d), (0, 0, 0, 0));
    assert_eq!(d.detection.rate_columns, [rc(1, "rate")]);
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
fn a_delimiter_tie_goes_to_the_one_that_splits_out_the_prefix() {
    let d = read("USA, New Jersey;1201200;0.0100\nUSA, New York;1212555;0.0200\n");
    assert_eq!(d.detection.delimiter, ';');
    assert_eq!(counts(&d), (2, 2, 0, 0));
}

#[test]
fn rates_are_equal_by_value_and_display_as_written() {
    assert_eq!(rate("0.01"), rate("0.0100"));
    assert_eq!(rate("0.0100").to_string(), "0.0100");
    assert!(rate("0.0099") < rate("0.01"));
}

#[test]
fn a_long_run_of_space_only_lines_is_skipped_without_recursion() {
    let deck = format!(
        "prefix,rate\n1201200,0.0100\n{}1212555,0.0200\n",
        "  \n".repeat(300_000)
    );
    let d = read(&deck);
    assert_eq!(counts(&d), (2, 2, 0, 0));
    assert_eq!(d.rows[1].as_ref().unwrap().line, 300_003);
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

// ------------------------------------------------ second review's findings

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
    // A line of delimiters first is a rejected row too.
    let d = read(",,\nUSA,1201200,0.0100\n");
    assert_eq!(d.detection.header, None);
    assert_eq!(counts(&d), (2, 1, 1, 0));
    // Real names are a header.
    let d = read("Destination,Code,Rate\nUSA,1201200,0.0100\n");
    assert!(d.detection.header.is_some());
    assert_eq!(counts(&d), (1, 1, 0, 0));
}

#[test]
fn a_column_named_rate_is_a_rate_column_however_bad_its_rows() {
    let d = read("prefix,rate\n1201200,N/A\n1212555,N/A\n1416200,0.01\n");
    assert_eq!(d.detection.rate_columns, [rc(1, "rate")]);
    assert_eq!(counts(&d), (3, 1, 2, 0));
    // A rate center is not a rate.
    let d = read("prefix,rate center,rate\n1201200,NEWARK,0.01\n");
    assert_eq!(d.detection.rate_columns, [rc(2, "rate")]);
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
