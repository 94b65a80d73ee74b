//! Streaming: line numbers, blank lines, quotes, encodings, read errors, and rows that are not whole.

use super::*;

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
    assert_eq!(d.detection.rate_columns, vec![rc(2, "rate", "rate")]);
    assert_eq!(d.lines(), [2, 3, 5], "a quoted newline spans two lines");
    assert_eq!(d.fields[0], strings(&["1201200", "Newark, NJ", "0.0100"]));
    assert_eq!(d.fields[1][1], "New York,\nNY");
    assert_eq!(d.fields[2][1], "Toronto \"ON\"");
    assert_eq!(d.ok(0).rates, rates(&["0.0100"]));
    assert_eq!(d.geo(2).state_province_code, "ON");
    assert_eq!(counts(&d), (3, 3, 0, 0));
}

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

#[test]
fn a_line_of_spaces_is_a_blank_line_not_a_row() {
    let d = read("prefix,rate\n1201200,0.0100\n   \n1212555,0.0200\n");
    assert_eq!(counts(&d), (2, 2, 0, 0));
    assert_eq!(d.rows[1].as_ref().unwrap().line, 4);
    // A line of delimiters (as Excel writes) is blank too, not a row.
    let d = read("prefix,rate\n1201200,0.0100\n,\n,,,,,,\n1212555,0.0200\n");
    assert_eq!(counts(&d), (2, 2, 0, 0));
    assert_eq!(d.rows[1].as_ref().unwrap().line, 5);
    assert_eq!(d.summary.report().blank_lines, 2);
    // A row with a key but empty fields is a row.
    let d = read("prefix,rate\n,0.01\n1201200,0.0100\n");
    assert_eq!(
        d.rows[0].as_ref().unwrap_err().reason(),
        &RejectReason::MissingPrefix
    );
}

#[test]
fn an_empty_or_header_only_deck_has_no_data_rows() {
    for deck in [
        "",
        "\n\n",
        "prefix,rate\n",
        "prefix,rate\n,,\n",
        "destination,rate\n",
        ",,,\n",
    ] {
        let e = Reader::new(deck.as_bytes(), Options::default(), &DIR).err();
        assert!(
            matches!(e, Some(OpenError::Detect(DetectError::NoDataRows))),
            "{deck:?}: {e:?}"
        );
    }
    assert_eq!(DetectError::NoDataRows.to_string(), "no data rows");
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
fn an_unterminated_quote_is_one_rejected_row_and_reading_resumes() {
    // 1,000 data rows; line 11 opens a quote it never closes.
    let bytes = crate::common::data_file("stray_quote.csv");
    let d = read_bytes(&bytes, Options::default());
    assert_eq!(
        counts(&d),
        (1000, 999, 1, 0),
        "rows read are the data lines"
    );
    let e = d.err(9);
    assert_eq!((e.line(), e.lines()), (11, 1));
    assert_eq!(e.reason(), &RejectReason::UnterminatedQuote);
    assert_eq!(e.reason().as_str(), "unterminated-quote");
    assert_eq!(e.fields(), ["USA mobile,1201210,0.01"]);
    assert_eq!(d.ok(10).line, 12, "the next line is the next row");
    assert_eq!(d.lines().last(), Some(&1001));
    assert!(d.summary.balanced());
}

#[test]
fn a_quoted_field_that_closes_may_span_lines_and_is_noted() {
    let d = read("desc,prefix,rate\n\"two\nlines\",1201200,0.01\nx,1201201,0.01\n");
    assert_eq!(counts(&d), (2, 2, 0, 0));
    assert_eq!((d.ok(0).line, d.ok(1).line), (2, 4));
    let r = d.summary.report();
    assert_eq!(
        (r.multiline_rows, r.multiline_examples.clone()),
        (1, vec![(2, 3)])
    );
}

#[test]
fn utf16_decks_are_transcoded() {
    for name in ["utf16le_bom.csv", "utf16be_no_bom.csv"] {
        let d = read_bytes(&crate::common::data_file(name), Options::default());
        let expected = if name.contains("le") {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        assert_eq!(d.detection.encoding, expected, "{name}");
        assert_eq!(counts(&d), (3, 2, 0, 1), "{name}");
        assert_eq!(d.fields[0][0], "Montréal", "{name}");
        assert_eq!(d.geo(0).state_province_code, "QC", "{name}");
        assert_eq!(d.fields[1][0], "São Tomé", "{name}");
    }
}

#[test]
fn windows_1252_rows_are_transcoded_and_counted() {
    let bytes = crate::common::data_file("windows1252.csv");
    let d = read_bytes(&bytes, Options::default());
    assert_eq!(d.detection.encoding, Encoding::Auto);
    assert_eq!(d.fields[0][0], "Montréal");
    assert_eq!(d.fields[2][0], "USA € promo");
    let r = d.summary.report();
    assert_eq!(r.transcoded_rows, 3);
    assert!(d
        .summary
        .to_string()
        .contains("3 rows read as Windows-1252"));
    // Forced UTF-8, such a row is rejected rather than guessed.
    let strict = Options {
        encoding: Some(Encoding::Utf8),
        ..Options::default()
    };
    let mut mixed = b"Destination,Prefix,Rate\r\nUSA,1201200,0.0050\r\n".to_vec();
    mixed.extend_from_slice(&bytes[bytes.iter().position(|&b| b == b'\n').unwrap() + 1..]);
    let d = read_bytes(&mixed, strict);
    assert_eq!(d.ok(0).line, 2, "an ASCII row is UTF-8 anyway");
    assert_eq!(d.err(1).reason(), &RejectReason::InvalidUtf8);
    assert_eq!(d.err(1).reason().as_str(), "invalid-utf8");
    assert_eq!(d.err(1).fields()[0], "Montr\u{FFFD}al", "shown lossily");
}

#[test]
fn workbooks_and_archives_are_refused_by_name() {
    for (bytes, what) in [
        (&b"PK\x03\x04\x14\x00\x06\x00"[..], "xlsx"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", "xls"),
        (b"\x1F\x8B\x08\x00", "gzip"),
    ] {
        let e = Reader::new(bytes, Options::default(), &DIR).err().unwrap();
        assert!(matches!(e, OpenError::NotText(_)), "{what}: {e}");
        assert!(e.to_string().contains(what), "{e}");
    }
}

#[test]
fn rows_of_megabytes_at_the_top_are_read_ahead_only_as_far_as_a_megabyte() {
    // Three rows of 600 KB: detection stops reading ahead past a
    // megabyte, with two of them; the deck is still read whole and right.
    let fat = "x".repeat(600_000);
    let mut deck = String::from("prefix,description,rate\n");
    for nxx in 200..203 {
        deck.push_str(&format!("1201{nxx},{fat},0.0100\n"));
    }
    for nxx in 203..503 {
        deck.push_str(&format!("1201{nxx},short,0.0200\n"));
    }
    let d = read(&deck);
    assert_eq!(
        d.detection.header,
        Some(strings(&["prefix", "description", "rate"]))
    );
    assert_eq!(d.detection.key, KeyColumns::Prefix(0));
    assert_eq!(d.detection.rate_columns, vec![rc(2, "rate", "rate")]);
    assert_eq!(counts(&d), (303, 303, 0, 0));
    assert_eq!(d.fields[1][1].len(), 600_000);
    assert_eq!(d.ok(302).line, 304);
}
