//! Rates: exact decimals in every written form, negative and malformed rates, decimal commas.

use super::*;

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
        vec![rc(1, "inter", "inter"), rc(2, "intra", "intra")]
    );
    assert_eq!(d.ok(0).rates, rates(&["0.01", "0.0012"]));
    assert_eq!(d.ok(0).rates[0].unwrap().units(), 10i128.pow(22));
    assert_eq!(d.ok(0).rates[1].unwrap().units(), 12 * 10i128.pow(20));
    assert_eq!(d.ok(1).rates, vec![None, Some(rate("0.0200"))]);
    assert_eq!(d.ok(2).rates, rates(&["0.0300", "0.01"]));
    assert_eq!(
        d.err(3).reason(),
        &RejectReason::UnparseableRate {
            column: "inter".to_owned(),
            value: "n/a".to_owned(),
            error: RateError::NotANumber,
        }
    );
    assert_eq!(d.err(3).line(), 5);
    assert!(d.err(3).to_string().contains("inter"), "{}", d.err(3));
    assert_eq!(d.err(3).fields(), strings(&["1907200", "n/a", "0.0100"]));
    assert_eq!(counts(&d), (11, 10, 1, 0));
}

#[test]
fn rates_sum_exactly() {
    let (a, b, c) = (rate("0.1"), rate("0.2"), rate("0.3"));
    assert_eq!(a.units() + b.units(), c.units());
    assert_eq!(c.units(), 3 * 10i128.pow(23));
    assert_ne!(0.1f64 + 0.2f64, 0.3f64, "what floats would have done");
}

#[test]
fn rate_forms() {
    let r = rate("1.2e-3");
    assert_eq!(
        (r.units(), r.to_string().as_str()),
        (12 * 10i128.pow(20), "0.0012")
    );
    let r = rate("$0.0096561");
    assert_eq!(
        (r.units(), r.places(), r.to_string().as_str()),
        (96_561 * 10i128.pow(17), 7, "0.0096561")
    );
    let r = rate("-0.5");
    assert_eq!(
        (r.units(), r.to_string().as_str()),
        (-5 * 10i128.pow(23), "-0.5")
    );
    assert!(r.is_negative());
    assert_eq!(rate("-$0.01").units(), -(10i128.pow(22)));
    assert_eq!(rate(".01").units(), 10i128.pow(22));
    assert_eq!(rate("1").to_string(), "1");
    assert_eq!(rate("1E2").units(), 100 * 10i128.pow(24));
    assert_eq!(rate(" 0.0100 ").to_string(), "0.0100");
    assert_eq!(rate("0.000000000001").units(), 10i128.pow(12));
    assert_eq!(
        Rate::from_units(1, 24).to_string(),
        "0.000000000000000000000001"
    );
    assert_eq!(Rate::from_units(10i128.pow(22), 4).to_string(), "0.0100");
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
        "0.30000000000000004",
    ] {
        assert_eq!(rate(s).to_string(), s);
    }
    assert_eq!(rate("0.0100").places(), 4);
    assert_eq!(rate("0.0100").units(), rate("0.01").units());
}

#[test]
fn any_number_of_decimals_is_kept_exactly() {
    // A float printed in full: 17 places, exact, and not 0.3.
    let float = rate("0.30000000000000004");
    assert_eq!(float.units(), 300_000_000_000_000_040_000_000);
    assert!(float > rate("0.3"));
    assert_eq!(rate("0.0096561000001").to_string(), "0.0096561000001");
    assert_eq!(rate("1e-13").units(), 10i128.pow(11));
    assert_eq!(rate("0.000000000000000000000001").units(), 1, "24 places");
    // Trailing zeros past the 24th place change nothing.
    assert_eq!(
        rate("0.10000000000000000000000000000000").units(),
        10i128.pow(23)
    );
    // A nonzero digit past the 24th place cannot be held exactly.
    assert_eq!(
        "0.0000000000000000000000001".parse::<Rate>(),
        Err(RateError::TooPrecise)
    );
}

#[test]
fn negative_rates_are_rejected_by_the_reader() {
    let d = read("prefix,rate\n1201200,-0.0100\n1201201,0.0100\n1201202,-0\n");
    assert_eq!(
        d.err(0).reason(),
        &RejectReason::NegativeRate {
            column: "rate".to_owned(),
            value: "-0.0100".to_owned(),
        }
    );
    assert_eq!(d.err(0).reason().as_str(), "negative-rate");
    assert_eq!(d.ok(1).line, 3);
    assert_eq!(d.ok(2).rates, rates(&["0"]), "minus zero is zero");
    assert_eq!(counts(&d), (3, 2, 1, 0));
}

#[test]
fn decimal_commas_are_detected_or_forced_never_rejected_row_by_row() {
    let deck = "prefix;rate;intra\n1201200;0,0100;0,0110\n1201201;0,0200;0,0210\n1201202;;0,03\n";
    let d = read(deck);
    assert!(d.detection.decimal_comma);
    assert_eq!(d.detection.delimiter, ';');
    assert_eq!(d.ok(0).rates, rates(&["0.0100", "0.0110"]));
    assert_eq!(d.ok(2).rates, rates(&["", "0.03"]));
    assert_eq!(counts(&d), (3, 3, 0, 0));
    let r = d.summary.report();
    assert_eq!(r.rates[0].categories[&Category::UsDomestic].max, "0.0200");
    // Forced, on a deck whose sample holds no decimal at all.
    let forced = Options {
        decimal_comma: Some(true),
        ..Options::default()
    };
    let d = read_with("prefix;rate\n1201200;1\n1201201;0,5\n", forced);
    assert_eq!(d.ok(1).rates, rates(&["0.5"]));
    // A point deck is not misread.
    assert!(!read("prefix,rate\n1201200,0.01\n").detection.decimal_comma);
}

#[test]
fn huge_and_malformed_rates_are_errors() {
    for bad in [
        "99999999999999999999",
        "9999999999999999999",
        "9999999999999999.99",
        "100000000000001",
        "1e999",
        "1e-999",
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
    assert_eq!(rate("9223373").units(), 9_223_373 * 10i128.pow(24));
    assert_eq!(rate("1e7").to_string(), "10000000");
    assert_eq!("1e999".parse::<Rate>(), Err(RateError::TooLarge));
}

#[test]
fn empty_fields_are_no_rate() {
    assert_eq!(Rate::parse_field(b""), Ok(None));
    assert_eq!(Rate::parse_field(b"   "), Ok(None));
    assert_eq!(Rate::parse_field(b" 0.01 "), Ok(Some(rate("0.01"))));
    assert!("".parse::<Rate>().is_err(), "FromStr wants a rate");
}

#[test]
fn rates_are_equal_by_value_and_display_as_written() {
    assert_eq!(rate("0.01"), rate("0.0100"));
    assert_eq!(rate("0.0100").to_string(), "0.0100");
    assert!(rate("0.0099") < rate("0.01"));
}
