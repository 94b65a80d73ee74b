//! Decks checked against exchanges: what each row carries, the rejection,
//! and the coverage the summary works out.

use nanp_lerg::exchange::{Exchanges, Status};
use nanp_lerg::ratesheet::{ExchangeMatch, Options, Reader, Summary};
use nanp_lerg::{Category, Directory};

use crate::common::data_file;

fn lerg(dir: &Directory) -> Exchanges {
    let mut builder = Exchanges::builder(dir);
    builder.read(
        "lerg.csv",
        &data_file("exchanges/lerg6_extract.csv")[..],
        None,
    );
    builder.build().unwrap()
}

#[test]
fn each_row_carries_what_the_exchanges_say_of_its_code() {
    let dir = Directory::builtin();
    let exchanges = lerg(&dir);
    let deck = "prefix,rate\n12012003,0.01\n12012005,0.01\n1201200,0.01\n1201,0.02\n1800555,0\n1201555,0.01\n1671202,0.1\n";
    let mut reader = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap();
    reader.check_exchanges(&exchanges, false);
    let mut seen = Vec::new();
    while let Some(row) = reader.next_row() {
        let row = row.unwrap();
        seen.push(match row.exchange {
            ExchangeMatch::Found(e) => format!("{:?} {}", e.block, e.ocn.unwrap()),
            other => format!("{other:?}"),
        });
    }
    assert_eq!(
        seen,
        [
            "Some(3) S031", // the block's own record
            "None S030",    // block 5 has none: the NXX's
            "None S030",
            "NotChecked", // an NPA-level key
            "NotChecked", // toll-free
            "NotFound",
            "None S010", // assigned, not in service: accepted unless asked
        ]
    );
}

#[test]
fn not_in_service_rejections_and_coverage() {
    let dir = Directory::builtin();
    let exchanges = lerg(&dir);
    let deck = "prefix,rate\n1671202,0.1\n1787200,0.1\n1907201,0.02\n1212,0.01\n";
    let mut reader = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap();
    reader.check_exchanges(&exchanges, true);
    let mut summary = Summary::new(reader.detection());
    let mut reasons = Vec::new();
    while let Some(row) = reader.next_row() {
        if let Err(e) = &row {
            reasons.push((e.line(), e.reason().to_string()));
        }
        summary.add(&row);
    }
    summary.finish(&reader);
    assert_eq!(
        reasons,
        [
            (
                2,
                "671-202 is assigned, not in service (lerg.csv)".to_owned()
            ),
            (
                3,
                "787-200 is not-available, not in service (lerg.csv)".to_owned()
            ),
        ]
    );
    let report = summary.report();
    assert!(report.balanced);
    let x = report.exchanges.unwrap();
    assert_eq!((x.in_service, x.not_in_service, x.not_found), (1, 2, 0));
    assert_eq!(
        x.first_not_in_service[1].status,
        Some(Status::NotAvailable.as_str())
    );
    // In service in the file: 201-200, 907-201, 212-555, 604-555. The deck
    // prices 907-201 and, by its 1212 row, 212-555.
    let coverage = report.coverage.unwrap();
    let us = coverage[&Category::UsDomestic];
    assert_eq!((us.in_service_codes, us.priced, us.share), (3, 2, 0.6667));
    assert_eq!(coverage[&Category::Canadian].priced, 0);
    assert!(!coverage.contains_key(&Category::Pacific));
}
