//! `parse` and `Npa::from_str`: every accepted form and every error.

use nanp_lerg::{parse, Dialed, Npa, NpaError, ParseError};

/// (npa, nxx, line) of a string that must parse.
fn parts(input: &str) -> (u16, Option<u16>, Option<u16>) {
    let d = parse(input).unwrap_or_else(|e| panic!("{input:?} should parse: {e}"));
    (d.npa.get(), d.nxx, d.line)
}

#[test]
fn npa_only_forms() {
    for input in [
        "670", "1670", "+1670", "+1 670", "1-670", "(670)", "+1 (670)",
    ] {
        assert_eq!(parts(input), (670, None, None), "{input:?}");
    }
    assert_eq!(parts("201"), (201, None, None));
    assert_eq!(parts("999"), (999, None, None));
    assert_eq!(parts("1200"), (200, None, None));
}

#[test]
fn npa_nxx_forms() {
    for input in [
        "670234",
        "1670234",
        "+1670234",
        "670-234",
        "1 670 234",
        "(670) 234",
    ] {
        assert_eq!(parts(input), (670, Some(234), None), "{input:?}");
    }
}

#[test]
fn full_number_forms() {
    for input in [
        "+1 (670) 234-5678",
        "1-670-234-5678",
        "1.670.234.5678",
        "16702345678",
        "+16702345678",
        "6702345678",
        "(670) 234-5678",
        "670.234.5678",
        "1 670 234 5678",
        "1\t670\t234\t5678",
    ] {
        assert_eq!(parts(input), (670, Some(234), Some(5678)), "{input:?}");
    }
    // The line keeps its leading zeros as a number.
    assert_eq!(parts("670 234 0001"), (670, Some(234), Some(1)));
    assert_eq!(parts("1-212-555-0100"), (212, Some(555), Some(100)));
}

#[test]
fn surrounding_white_space_is_ignored() {
    for input in [
        " 670",
        "670 ",
        "\t670\n",
        "\r\n 670 \r\n",
        "\n\t+1 (670) 234-5678\t\n",
        "  16702345678  ",
    ] {
        let d = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(d.npa.get(), 670, "{input:?}");
    }
    assert_eq!(parts("\t1670234\n"), (670, Some(234), None));
    assert_eq!(
        parts(" \t+1 (670) 234-5678\n"),
        (670, Some(234), Some(5678))
    );
}

#[test]
fn dialed_display_is_the_rate_sheet_key() {
    assert_eq!(
        parse("+1 (670) 234-5678").unwrap().to_string(),
        "16702345678"
    );
    assert_eq!(parse("6702345678").unwrap().to_string(), "16702345678");
    assert_eq!(parse("670").unwrap().to_string(), "1670");
    assert_eq!(parse("1670").unwrap().to_string(), "1670");
    assert_eq!(parse("670-234").unwrap().to_string(), "1670234");
    assert_eq!(parse("670 234 0001").unwrap().to_string(), "16702340001");
    let d: Dialed = "1-671-555-0100".parse().unwrap();
    assert_eq!(d.to_string(), "16715550100");
    assert_eq!(d, parse("16715550100").unwrap());
}

#[test]
fn parse_gives_the_npa_of_any_form() {
    let npa = |s: &str| parse(s).map(|d| d.npa);
    assert_eq!(npa("1-671-555-0100").unwrap().get(), 671);
    assert_eq!(npa("+1 (670) 234-5678").unwrap().get(), 670);
    assert_eq!(npa(" 684 ").unwrap(), Npa::new(684).unwrap());
    assert_eq!(npa("170"), Err(ParseError::NpaLeadingDigit { digit: '1' }));
    assert_eq!(npa(""), Err(ParseError::Empty));
}

// ---------------------------------------------------------------------------
// Errors

#[test]
fn empty() {
    for input in ["", "   ", "\t", "\n", " \t\r\n "] {
        assert_eq!(parse(input), Err(ParseError::Empty), "{input:?}");
    }
}

#[test]
fn invalid_character_reports_its_byte_offset_in_the_input() {
    let cases: [(&str, char, usize); 9] = [
        ("670x", 'x', 3),
        (" 67a", 'a', 3),
        ("  670 23x", 'x', 8),
        ("a670", 'a', 0),
        ("670\n234", '\n', 3),
        ("++1670", '+', 1),
        ("670+", '+', 3),
        ("1/670", '/', 1),
        ("67é", 'é', 2),
    ];
    for (input, ch, position) in cases {
        assert_eq!(
            parse(input),
            Err(ParseError::InvalidCharacter { ch, position }),
            "{input:?}"
        );
    }
    // Leading white space of several bytes still counts in bytes.
    assert_eq!(
        parse("\u{3000}670x"),
        Err(ParseError::InvalidCharacter {
            ch: 'x',
            position: 6
        })
    );
    // A multi-byte offender after a multi-byte one.
    assert_eq!(
        parse("é"),
        Err(ParseError::InvalidCharacter {
            ch: 'é',
            position: 0
        })
    );
    // Non-ASCII digits are not digits.
    assert_eq!(
        parse("٦٧٠"),
        Err(ParseError::InvalidCharacter {
            ch: '٦',
            position: 0
        })
    );
}

#[test]
fn no_digits() {
    for input in ["()-", "+", " - ", "(.)", "+ ()"] {
        assert_eq!(parse(input), Err(ParseError::NoDigits), "{input:?}");
    }
}

#[test]
fn not_nanp() {
    assert_eq!(
        parse("+44 20 7946 0958"),
        Err(ParseError::NotNanp { country_code: 44 })
    );
    assert_eq!(
        parse("+52 55 1234 5678"),
        Err(ParseError::NotNanp { country_code: 52 })
    );
    assert_eq!(
        parse("+7 495 123-45-67"),
        Err(ParseError::NotNanp { country_code: 7 })
    );
    // Without a separator: at most three digits.
    assert_eq!(
        parse("+442079460958"),
        Err(ParseError::NotNanp { country_code: 442 })
    );
    // Without a `+`, a leading 4 is just a digit of the NPA.
    assert_eq!(parts("442 279"), (442, Some(279), None));
}

#[test]
fn too_short() {
    assert_eq!(parse("67"), Err(ParseError::TooShort { digits: 2 }));
    assert_eq!(parse("1"), Err(ParseError::TooShort { digits: 1 }));
    assert_eq!(parse("+1"), Err(ParseError::TooShort { digits: 0 }));
    assert_eq!(parse("+1 67"), Err(ParseError::TooShort { digits: 2 }));
    assert_eq!(parse("(6)"), Err(ParseError::TooShort { digits: 1 }));
}

#[test]
fn too_long() {
    assert_eq!(
        parse("167023456789"),
        Err(ParseError::TooLong { digits: 12 })
    );
    assert_eq!(
        parse("+1 670 234 56789"),
        Err(ParseError::TooLong { digits: 12 })
    );
    assert_eq!(
        parse("670234567890"),
        Err(ParseError::TooLong { digits: 12 })
    );
    let twenty = "67023456786702345678";
    assert_eq!(parse(twenty), Err(ParseError::TooLong { digits: 20 }));
    // Very long input is counted, not truncated or overflowed.
    let long = "6".repeat(10_000);
    assert_eq!(parse(&long), Err(ParseError::TooLong { digits: 10_000 }));
}

#[test]
fn length_is_no_nanp_form() {
    assert_eq!(parse("67023"), Err(ParseError::Length { digits: 5 }));
    assert_eq!(parse("67023456"), Err(ParseError::Length { digits: 8 }));
    assert_eq!(parse("670234567"), Err(ParseError::Length { digits: 9 }));
    assert_eq!(parse("0670"), Err(ParseError::Length { digits: 4 }));
    assert_eq!(parse("2670"), Err(ParseError::Length { digits: 4 }));
    assert_eq!(parse("6702345"), Err(ParseError::Length { digits: 7 }));
    assert_eq!(parse("26702345678"), Err(ParseError::Length { digits: 11 }));
    // Only one leading 1 is the country code.
    assert_eq!(parse("11670"), Err(ParseError::Length { digits: 5 }));
    // After `+1`, the rest is counted.
    assert_eq!(parse("+1 6702"), Err(ParseError::Length { digits: 4 }));
}

#[test]
fn npa_leading_digit() {
    let cases = [
        ("170", '1'),
        ("070", '0'),
        ("0701234567", '0'),
        ("+1 070 234 5678", '0'),
        ("1170", '1'),
        ("1-170-234-5678", '1'),
        ("1702345678", '1'),
        ("070234", '0'),
    ];
    for (input, digit) in cases {
        assert_eq!(
            parse(input),
            Err(ParseError::NpaLeadingDigit { digit }),
            "{input:?}"
        );
    }
}

/// A leading 1 is the country code only when it leaves a whole form: ten
/// digits starting with 1 are an NPA starting with 1 (one digit short of
/// `1` + ten), and other counts are reported as written.
#[test]
fn a_leading_one_is_stripped_only_when_it_leaves_a_whole_form() {
    assert_eq!(
        parse("1 670 234 567"),
        Err(ParseError::NpaLeadingDigit { digit: '1' })
    );
    assert_eq!(parse("16702345"), Err(ParseError::Length { digits: 8 }));
    assert_eq!(parse("16702"), Err(ParseError::Length { digits: 5 }));
}

#[test]
fn nxx_leading_digit() {
    assert_eq!(
        parse("670 134 5678"),
        Err(ParseError::NxxLeadingDigit { digit: '1' })
    );
    assert_eq!(
        parse("1-670-034-5678"),
        Err(ParseError::NxxLeadingDigit { digit: '0' })
    );
    assert_eq!(
        parse("670134"),
        Err(ParseError::NxxLeadingDigit { digit: '1' })
    );
    assert_eq!(
        parse("+1670034"),
        Err(ParseError::NxxLeadingDigit { digit: '0' })
    );
}

#[test]
fn error_messages_say_what_was_wrong() {
    let msg = |input: &str| parse(input).unwrap_err().to_string();
    assert_eq!(msg(""), "empty input");
    assert_eq!(msg("670x"), "unexpected character 'x' at byte 3");
    assert_eq!(msg("()-"), "no digits");
    assert_eq!(
        msg("+44 20 7946 0958"),
        "country code +44 is not the NANP's +1"
    );
    assert_eq!(
        msg("67"),
        "too short: 2 digit(s) after any leading 1, an NPA needs 3"
    );
    assert_eq!(
        msg("167023456789"),
        "too long: 12 digits, a NANP number has at most 11 (1 + 10)"
    );
    assert_eq!(
        msg("67023"),
        "5 digits after any country code: expected 3 (NPA), 6 (NPA+NXX) or 10 (NPA+NXX+line)"
    );
    assert_eq!(
        msg("170"),
        "the NPA cannot start with 1 (NANP area codes start with 2-9)"
    );
    assert_eq!(
        msg("670 134 5678"),
        "the NXX cannot start with 1 (NANP central office codes start with 2-9)"
    );
}

// ---------------------------------------------------------------------------
// Npa

#[test]
fn npa_from_str() {
    assert_eq!("670".parse::<Npa>().unwrap().get(), 670);
    assert_eq!("200".parse::<Npa>().unwrap(), Npa::MIN);
    assert_eq!("999".parse::<Npa>().unwrap(), Npa::MAX);

    for input in [
        "", "67", "6700", " 670", "670 ", "67a", "+670", "١٢٣", "6 7",
    ] {
        assert_eq!(
            input.parse::<Npa>(),
            Err(NpaError::NotThreeDigits),
            "{input:?}"
        );
    }
    assert_eq!("067".parse::<Npa>(), Err(NpaError::LeadingDigit('0')));
    assert_eq!("170".parse::<Npa>(), Err(NpaError::LeadingDigit('1')));
    assert_eq!("000".parse::<Npa>(), Err(NpaError::LeadingDigit('0')));

    assert_eq!(
        NpaError::NotThreeDigits.to_string(),
        "an NPA is exactly three digits"
    );
    assert_eq!(
        NpaError::LeadingDigit('1').to_string(),
        "an NPA cannot start with 1 (the first digit is 2-9)"
    );
}

#[test]
fn npa_new_and_try_from() {
    assert_eq!(Npa::new(199), None);
    assert_eq!(Npa::new(1000), None);
    assert_eq!(Npa::new(0), None);
    assert_eq!(Npa::new(200).unwrap().get(), 200);
    assert_eq!(Npa::new(999).unwrap().get(), 999);
    assert_eq!(Npa::try_from(670).unwrap().get(), 670);
    assert_eq!(Npa::try_from(1000), Err(NpaError::OutOfRange(1000)));
    assert_eq!(
        NpaError::OutOfRange(1000).to_string(),
        "1000 is not an NPA (200-999)"
    );
    assert_eq!(Npa::new(670).unwrap().to_string(), "670");
    assert_eq!(format!("{:?}", Npa::new(670).unwrap()), "Npa(670)");
    assert_eq!(u16::from(Npa::new(684).unwrap()), 684);
    assert_eq!(Npa::all().len(), 800);
    assert_eq!(Npa::all().next(), Some(Npa::MIN));
    assert_eq!(Npa::all().next_back(), Some(Npa::MAX));
    assert_eq!(Npa::new(670).unwrap().index(), 470);
}

/// The country code of `+ 44 …` or `+(44) …` is 44, but the parser only
/// collects digits before the first separator after `+`, so it reports
/// "country code +0 is not the NANP's +1".
#[test]

fn not_nanp_country_code_after_a_separator() {
    assert_eq!(
        parse("+ 44 20 7946 0958"),
        Err(ParseError::NotNanp { country_code: 44 })
    );
    assert_eq!(
        parse("+(44) 20 7946 0958"),
        Err(ParseError::NotNanp { country_code: 44 })
    );
}
