//! Exchanges: the real CNAC file code by code, the NANPA and LERG layouts,
//! the cross-check, and every kind of bad file.

use std::collections::BTreeMap;

use jiff::civil::date;
use nanp_lerg::exchange::{Exchanges, Layout, LoadError, ProblemKind, Status};
use nanp_lerg::Directory;

use crate::common::{data_file, data_path};

const CNAC: &str = "exchanges/cnac-co-codes-2024-10-10.csv";
const NANPA_2024: &str = "exchanges/nanpa_utilized_2024.txt";
const NANPA_2014: &str = "exchanges/nanpa_allutlzd_2014.txt";
const LERG: &str = "exchanges/lerg6_extract.csv";

/// Loads `files` of tests/data, named as given.
fn load(files: &[&str]) -> Result<Exchanges, LoadError> {
    let dir = Directory::builtin();
    let mut builder = Exchanges::builder(&dir);
    for f in files {
        builder.read(f, &data_file(f)[..], None);
    }
    builder.build()
}

/// Loads inline files `(name, text)`.
fn load_text(files: &[(&str, &str)]) -> Result<Exchanges, LoadError> {
    let dir = Directory::builtin();
    let mut builder = Exchanges::builder(&dir);
    for (name, text) in files {
        builder.read(name, text.as_bytes(), None);
    }
    builder.build()
}

fn problems(files: &[(&str, &str)]) -> Vec<String> {
    load_text(files)
        .unwrap_err()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The status each CNAC word maps to, as `Status` documents it.
fn cnac_status(words: &str) -> &'static str {
    match words {
        "In Service" => "in-service",
        "Assigned" => "assigned",
        "Available" | "New NPA" => "available",
        "For Special Use" | "Plant Test" | "New NPA Testing" | "Protected" => "reserved",
        "Not Available"
        | "Moratorium on Assignment"
        | "Being Recovered"
        | "Recovered/Aging"
        | "Stranded Code"
        | "Temporarily Unavailable" => "not-available",
        other => panic!("a CNAC status the mapping does not name: {other}"),
    }
}

#[test]
fn every_cnac_row_round_trips_through_get() {
    let exchanges = load(&[CNAC]).unwrap();
    let bytes = data_file(CNAC);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[..]);
    let mut rows = 0;
    for (i, record) in csv.records().enumerate() {
        let r = record.unwrap();
        if i == 0 {
            assert_eq!(&r[7], "2024-10-10", "the date row");
            continue;
        }
        let (npa, nxx): (u16, u16) = (r[0].parse().unwrap(), r[1].parse().unwrap());
        let e = exchanges
            .get(npa, nxx)
            .unwrap_or_else(|| panic!("{npa}-{nxx}"));
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        assert_eq!(e.status.as_str(), cnac_status(&r[2]), "{npa}-{nxx}");
        assert_eq!(e.rate_center.map(str::to_owned), opt(&r[3]), "{npa}-{nxx}");
        assert_eq!(e.state_province_code.map(str::to_owned), opt(&r[4]));
        assert_eq!(e.company.map(str::to_owned), opt(&r[5]), "{npa}-{nxx}");
        assert_eq!(e.ocn.map(str::to_owned), opt(&r[6]), "{npa}-{nxx}");
        assert_eq!((e.block, e.lata, e.effective_date), (None, None, None));
        assert_eq!(e.source, CNAC);
        rows += 1;
    }
    assert_eq!(rows, 44_000);
    assert_eq!(exchanges.len(), 44_000);
    let file = &exchanges.files()[0];
    assert_eq!(file.layout, Layout::Cnac);
    assert_eq!(file.file_date, Some(date(2024, 10, 10)));
    assert_eq!(file.rows, 44_000);
    // A Bell Canada code in Ottawa, and an NXX no file lists.
    let e = exchanges.get(613, 236).unwrap();
    assert_eq!(e.status, Status::InService);
    assert!(exchanges.get(201, 200).is_none());
}

#[test]
fn cnac_cross_check_finds_the_quebec_exchanges_of_ontario_npas() {
    let exchanges = load(&[CNAC]).unwrap();
    let found: Vec<(u64, String)> = exchanges
        .disagreements()
        .iter()
        .map(|d| {
            (
                d.line,
                format!("{}-{} {} {}", d.npa, d.nxx, d.found, d.npa_serves),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (7450, "343-447 QC ON".to_owned()),
            (7686, "343-683 QC ON".to_owned()),
            (7740, "343-737 QC ON".to_owned()),
            (27578, "613-575 QC ON".to_owned()),
            (33966, "753-563 QC ON".to_owned()),
        ]
    );
    assert!(exchanges
        .disagreements()
        .iter()
        .all(|d| d.rate_center == "St-Regis"));
    assert_eq!(
        exchanges.disagreements()[3].to_string(),
        format!("{CNAC}:27578: 613-575 (St-Regis) is in QC, but NPA 613 serves ON")
    );
    // Multi-province NPAs are no disagreement: 902 serves NS and PE.
    assert_eq!(
        exchanges.get(902, 200).unwrap().state_province_code,
        Some("PE")
    );
    assert_eq!(
        exchanges.get(902, 202).unwrap().state_province_code,
        Some("NS")
    );
}

#[test]
fn npa_942_is_loaded_as_its_statuses_say() {
    let exchanges = load(&[CNAC]).unwrap();
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for e in exchanges.iter().filter(|e| e.npa == 942) {
        *counts.entry(e.status.as_str()).or_default() += 1;
        assert_eq!((e.rate_center, e.company, e.ocn), (None, None, None));
    }
    // New NPA 777 (available), For Special Use 12 + Plant Test 2
    // (reserved), Not Available 6 + Moratorium 3 (not available).
    let want = BTreeMap::from([("available", 777), ("not-available", 9), ("reserved", 14)]);
    assert_eq!(counts, want);
    assert_eq!(exchanges.get(942, 958).unwrap().status, Status::Reserved);
}

#[test]
fn nanpa_current_layout() {
    let exchanges = load(&[NANPA_2024]).unwrap();
    let file = &exchanges.files()[0];
    assert_eq!(file.layout, Layout::Nanpa);
    assert_eq!(file.file_date, Some(date(2024, 10, 10)));
    assert_eq!(
        (file.rows, file.comment_lines, file.transcoded_rows),
        (16, 3, 1)
    );
    // Padding trimmed, the quotes around a company with a comma gone.
    let e = exchanges.get(907, 202).unwrap();
    assert_eq!(e.company, Some("SAMPLE WIRELESS, LLC"));
    assert_eq!((e.rate_center, e.ocn), (Some("JUNEAU"), Some("S002")));
    assert_eq!(
        (e.state_province_code, e.status),
        (Some("AK"), Status::InService)
    );
    // `In Service` No: assigned, effective on the date given.
    let e = exchanges.get(907, 204).unwrap();
    assert_eq!(e.status, Status::Assigned);
    assert_eq!(e.effective_date, Some(date(2024, 11, 15)));
    // UA (unavailable: test and special codes) and PR (protected).
    assert_eq!(exchanges.get(907, 555).unwrap().status, Status::Reserved);
    assert_eq!(exchanges.get(201, 976).unwrap().status, Status::Reserved);
    assert_eq!(exchanges.get(907, 555).unwrap().company, None);
    // NANPA's NN is the Northern Mariana Islands (MP).
    assert_eq!(
        exchanges.get(670, 234).unwrap().state_province_code,
        Some("MP")
    );
    // A Latin-1 company read as such.
    assert_eq!(
        exchanges.get(787, 200).unwrap().company,
        Some("SAMPLE TELEFÓNICA DE PUERTO RICO")
    );
    assert!(exchanges.disagreements().is_empty());
}

#[test]
fn nanpa_nine_column_layout_and_the_2020_header() {
    let exchanges = load(&[NANPA_2014]).unwrap();
    let file = &exchanges.files()[0];
    assert_eq!(
        (file.layout, file.file_date, file.rows),
        (Layout::Nanpa, None, 15)
    );
    let e = exchanges.get(201, 203).unwrap();
    assert_eq!(
        (e.rate_center, e.status),
        (Some("HACKENSACK"), Status::InService)
    );
    assert_eq!(e.effective_date, Some(date(1990, 1, 1)));
    assert!(exchanges.get(201, 202).is_none());

    // 2020: `In Service File Updated 03/04/2020` was one cell, and a code
    // effective after the file date is not yet in service.
    let header = "State\tNPA-NXX\tOCN\tCompany\tRateCenter\tEffectiveDate\tUse\tAssignDate\tInitial/Growth\tPooled Code\tIn Service File Updated 03/04/2020\n";
    let text = format!(
        "{header}NJ\t201-200\t9102\tA CO\tJERSEYCITY\t\tAS\t01/01/1990\tI\tN\tY\n\
         NJ\t201-204\t9102\tA CO\tJERSEYCITY\t04/15/2020\tAS\t03/01/2020\tG\tN\t\n\
         NJ\t201-205\t9102\tA CO\tJERSEYCITY\t02/15/2020\tAS\t01/01/2020\tG\tN\t\n"
    );
    let exchanges = load_text(&[("allutlzd.txt", &text)]).unwrap();
    assert_eq!(exchanges.files()[0].file_date, Some(date(2020, 3, 4)));
    assert_eq!(exchanges.get(201, 200).unwrap().status, Status::InService);
    assert_eq!(exchanges.get(201, 204).unwrap().status, Status::Assigned);
    assert_eq!(exchanges.get(201, 205).unwrap().status, Status::InService);
}

#[test]
fn lerg_blocks_refine_their_nxx() {
    let exchanges = load(&[LERG]).unwrap();
    assert_eq!(exchanges.files()[0].layout, Layout::Lerg);
    let whole = exchanges.get(201, 200).unwrap();
    assert_eq!(
        (whole.block, whole.ocn, whole.lata),
        (None, Some("S030"), Some("224"))
    );
    let b3 = exchanges.get_block(201, 200, 3).unwrap();
    assert_eq!((b3.block, b3.ocn), (Some(3), Some("S031")));
    assert_eq!(b3.company, Some("SAMPLE CLEC, INC."));
    assert_eq!(b3.effective_date, Some(date(2019, 3, 15)));
    // Block 5 has no record of its own: the NXX's answer.
    let b5 = exchanges.get_block(201, 200, 5).unwrap();
    assert_eq!((b5.block, b5.ocn), (None, Some("S030")));
    // Block-level answers of an NXX that is not split.
    assert_eq!(
        exchanges.get_block(907, 201, 7).unwrap().rate_center,
        Some("ANCHORAGE")
    );
    // LERG statuses: E (to be established), D (disconnected), M (modified).
    assert_eq!(exchanges.get(671, 202).unwrap().status, Status::Assigned);
    assert_eq!(
        exchanges.get(787, 200).unwrap().status,
        Status::NotAvailable
    );
    assert_eq!(
        exchanges.get_block(201, 200, 9).unwrap().status,
        Status::InService
    );
    // The whole NXX and three blocks, plus five other codes.
    assert_eq!(exchanges.len(), 9);
    let codes: Vec<String> = exchanges
        .iter()
        .map(|e| {
            format!(
                "{}-{}{}",
                e.npa,
                e.nxx,
                e.block.map_or(String::new(), |b| format!("-{b}"))
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            "201-200",
            "201-200-0",
            "201-200-3",
            "201-200-9",
            "212-555",
            "604-555",
            "671-202",
            "787-200",
            "907-201"
        ]
    );
}

#[test]
fn us_and_canada_together_and_blocks_over_another_files_nxx() {
    let blocks = "NPA,NXX,BLOCK_ID,OCN,RC_ABBRE,LOC_STATE\n201,200,4,S099,JERSEYCITY,NJ\n";
    let dir = Directory::builtin();
    let mut builder = Exchanges::builder(&dir);
    builder.read(NANPA_2024, &data_file(NANPA_2024)[..], None);
    builder.read(CNAC, &data_file(CNAC)[..], None);
    builder.read("blocks.csv", blocks.as_bytes(), None);
    let exchanges = builder.build().unwrap();
    assert_eq!(exchanges.len(), 16 + 44_000 + 1);
    assert_eq!(exchanges.get(201, 200).unwrap().source, NANPA_2024);
    let b = exchanges.get_block(201, 200, 4).unwrap();
    assert_eq!((b.ocn, b.source), (Some("S099"), "blocks.csv"));
    assert_eq!(exchanges.get(416, 200).unwrap().source, CNAC);
}

#[test]
fn the_same_code_in_two_files_names_both() {
    let a = "NPA,NXX,OCN\n201,200,1111\n201,201,1111\n";
    let b = "NPA,NXX,OCN\n201,202,2222\n\n201,200,2222\n201,200,2222\n";
    assert_eq!(
        problems(&[("a.csv", a), ("b.csv", b)]),
        [
            "b.csv:4: 201-200 is also on line 2 of a.csv",
            "b.csv:5: 201-200 is also on line 2 of a.csv",
        ]
    );
    let blocks = "NPA,NXX,X,OCN\n201,200,3,1111\n201,200,3,2222\n";
    assert_eq!(
        problems(&[("blocks.csv", blocks)]),
        ["blocks.csv:3: 201-200-3 is also on line 2 of blocks.csv"]
    );
}

#[test]
fn every_bad_row_of_every_file_is_named_and_nothing_loads() {
    let cnac = "\"NPA\",\"CO Code (NXX)\",\"Status\",\"Exchange Area\",\"Province\",\"Company\",\"OCN\",\"Remarks\"\n\
                ,,,,,,,2024-10-10\n\
                613,555,\"In Service\",\"Ottawa-Hull\",\"ON\",\"Bell Canada\",\"8051\",\n\
                613,155,\"In Service\",\"Ottawa-Hull\",\"ON\",\"Bell Canada\",\"8051\",\n\
                201,200,\"In Service\",\"Jersey City\",\"NJ\",\"A CO\",\"9102\",\n\
                61,200,\"Available\",,,,,\n";
    let lerg = "NPA,NXX,BLOCK_ID,EFF_DATE\n\
                800,555,A,\n\
                911,200,A,\n\
                282,200,A,\n\
                201,200,B,\n\
                201,201,A,2024-13-45\n\
                201,202,A,\"2024-01-01\n\
                201,203,A,\n";
    let nanpa = "State\tNPA-NXX\tOCN\tCompany\tRateCenter\tEffectiveDate\tUse\tAssignDate\tInitial/Growth\n\
                 ON\t416-200\t8051\tBELL\tTORONTO\t\tAS\t\tI\n\
                 NJ\t201200\t9102\tA CO\tJERSEYCITY\t\tAS\t\tI\n";
    let deck = "prefix,rate\n1201200,0.01\n";
    let err = load_text(&[
        ("cnac.csv", cnac),
        ("lerg.csv", lerg),
        ("us.txt", nanpa),
        ("deck.csv", deck),
    ])
    .unwrap_err();
    let got: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "cnac.csv:4: NXX \"155\" is not a central office code (three digits, the first 2–9)",
            "cnac.csv:5: NPA 201 is in US, but a cnac file lists codes of Canada only",
            "cnac.csv:6: NPA \"61\" is not an area code (three digits, 200–999)",
            "lerg.csv:2: NPA 800 is toll-free, not a geographic NPA: it has no exchanges",
            "lerg.csv:3: NPA 911 is reserved (n11), not a geographic NPA: it has no exchanges",
            "lerg.csv:4: NPA 282 is not in the directory (an overlay can add it), not a geographic NPA: it has no exchanges",
            "lerg.csv:5: block \"B\" is not a thousands digit 0–9 (or A, or empty, for the whole NXX)",
            "lerg.csv:6: effective date \"2024-13-45\" is not a date",
            "lerg.csv:7: a quoted field never closes",
            "us.txt:2: NPA 416 is in CA, but a nanpa file lists codes of the US and its territories only",
            "us.txt:3: NPA-NXX \"201200\" is not written NPA-NXX (201-200)",
            "deck.csv:1: not an exchange file: the header names neither CNAC's columns (NPA, CO Code (NXX), Status, Exchange Area, Province, …), NANPA's (State, NPA-NXX, OCN, Company, RateCenter, …) nor NPA and NXX columns (found: prefix, rate)",
        ]
    );
    assert!(matches!(err.problems[0].kind, ProblemKind::Nxx(_)));
    assert_eq!(err.problems[0].line, 4);
}

#[test]
fn a_forced_layout_must_match_the_header() {
    let dir = Directory::builtin();
    let mut builder = Exchanges::builder(&dir);
    builder.read("x.csv", "NPA,NXX\n201,200\n".as_bytes(), Some(Layout::Cnac));
    let err = builder.build().unwrap_err();
    assert_eq!(
        err.problems[0].to_string(),
        "x.csv:1: not a cnac exchange file: no column named CO Code (NXX)"
    );
}

#[test]
fn files_that_are_not_tables() {
    let dir = Directory::builtin();
    let mut builder = Exchanges::builder(&dir);
    builder.read("book.xlsx", &b"PK\x03\x04rest of a workbook"[..], None);
    builder.read("empty.csv", &b""[..], None);
    builder.read_path(std::path::Path::new("/nonexistent/cnac.csv"), None);
    let got: Vec<String> = builder
        .build()
        .unwrap_err()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got[0],
        "book.xlsx: this is a ZIP archive, such as an Excel workbook (.xlsx): save it as CSV"
    );
    assert_eq!(got[1], "empty.csv:1: the file is empty: no header");
    assert!(
        got[2].starts_with("/nonexistent/cnac.csv: cannot read: "),
        "{}",
        got[2]
    );
}

#[test]
fn utf16_files_load_like_utf8_ones() {
    let text = "NPA,NXX,OCN,RC_ABBRE,LOC_STATE\r\n613,555,8051,Ottawa-Hull,ON\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = Directory::builtin();
    let mut builder = Exchanges::builder(&dir);
    builder.read("u16.csv", &utf16[..], None);
    let exchanges = builder.build().unwrap();
    assert_eq!(
        exchanges.get(613, 555).unwrap().rate_center,
        Some("Ottawa-Hull")
    );
}

#[test]
fn exchange_json_has_exactly_the_documented_keys() {
    let exchanges = load(&[LERG]).unwrap();
    let json = serde_json::to_value(exchanges.get_block(201, 200, 3).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "npa": 201, "nxx": 200, "block": 3, "status": "in-service",
            "rate_center": "JERSEYCITY", "state_province_code": "NJ",
            "company": "SAMPLE CLEC, INC.", "ocn": "S031", "lata": "224",
            "effective_date": "2019-03-15"
        })
    );
    let cnac = load(&[CNAC]).unwrap();
    let json = serde_json::to_value(cnac.get(942, 200).unwrap()).unwrap();
    assert_eq!(json["status"], "available");
    assert!(json["block"].is_null() && json["lata"].is_null() && json["rate_center"].is_null());
}

#[test]
fn exchanges_are_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Exchanges>();
    let exchanges = std::sync::Arc::new(load(&[CNAC]).unwrap());
    let handles: Vec<_> = [613u16, 416]
        .into_iter()
        .map(|npa| {
            let x = std::sync::Arc::clone(&exchanges);
            std::thread::spawn(move || x.get(npa, 555).map(|e| e.status.as_str().to_owned()))
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().is_some());
    }
}

#[test]
fn load_reads_paths() {
    let dir = Directory::builtin();
    let root = env!("CARGO_MANIFEST_DIR");
    let paths = [format!("{root}/{}", data_path(LERG))];
    let exchanges = Exchanges::load(&paths, &dir).unwrap();
    assert_eq!(exchanges.files()[0].name, paths[0]);
}
