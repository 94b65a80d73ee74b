//! Facts about the compiled dataset, checked through the public API and
//! against the crate's own `data/` files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use nanp_lerg::schema::Field;
use nanp_lerg::{
    country, fixes, location, lookup, records, subdivision, Category, NpaRecord, Region, Reserved,
};

fn data_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file)
}

/// The rows of a data file as column name -> value maps, in file order.
fn raw_rows(file: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(data_path(file)).expect("data file opens");
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed CSV row");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn rec(npa: u16) -> &'static NpaRecord {
    lookup(npa).unwrap_or_else(|| panic!("NPA {npa} is in the dataset"))
}

fn codes(r: &NpaRecord) -> Vec<&str> {
    r.state_province_codes.iter().map(|c| c.as_str()).collect()
}

/// A record's current value of `field`, written as `fixes.csv` writes it.
fn value(r: &NpaRecord, field: Field) -> String {
    match field {
        Field::CountryCode => r.country_code.to_string(),
        Field::CountryName => r.country_name.to_string(),
        Field::StateProvinceCode => r.state_province_code.to_string(),
        Field::StateProvinceName => r.state_province_name.to_string(),
        Field::StateProvinceCodes => codes(r).join(";"),
        Field::Region => r.region.to_string(),
        Field::Category => r.category.to_string(),
    }
}

/// The raw `npa.csv` value of `field`; `state_province_codes` is not a
/// column and starts as the primary code alone.
fn raw_value(row: &HashMap<String, String>, field: Field) -> String {
    let column = match field {
        Field::StateProvinceCodes => "state_province_code",
        f => f.as_str(),
    };
    row.get(column)
        .unwrap_or_else(|| panic!("npa.csv has column {column}"))
        .clone()
}

/// Every two-letter upper-case code.
fn all_two_letter_codes() -> impl Iterator<Item = String> {
    (b'A'..=b'Z').flat_map(|a| (b'A'..=b'Z').map(move |b| String::from_utf8(vec![a, b]).unwrap()))
}

// ---------------------------------------------------------------------------
// records() and lookup()

#[test]
fn records_are_450_strictly_ascending_and_unique() {
    let all: Vec<&NpaRecord> = records().collect();
    assert_eq!(all.len(), 450);
    assert_eq!(records().len(), 450, "ExactSizeIterator reports 450");
    for pair in all.windows(2) {
        assert!(
            pair[0].npa < pair[1].npa,
            "records not strictly ascending: {} then {}",
            pair[0].npa,
            pair[1].npa
        );
    }
    let unique: HashSet<u16> = all.iter().map(|r| r.npa.get()).collect();
    assert_eq!(unique.len(), 450);
    assert_eq!(all.first().unwrap().npa.get(), 201);
}

#[test]
fn lookup_returns_the_same_record_for_every_npa() {
    for r in records() {
        let found = lookup(r.npa.get()).unwrap_or_else(|| panic!("lookup({}) is None", r.npa));
        assert!(
            std::ptr::eq(found, r),
            "lookup({}) returned a different record",
            r.npa
        );
        assert_eq!(found, r);
        assert_eq!(nanp_lerg::category(r.npa.get()), Some(r.category));
        assert_eq!(
            location(r.npa.get()).unwrap().record(),
            r,
            "location({}) locates its record",
            r.npa
        );
    }
}

#[test]
fn lookup_of_any_other_code_is_none() {
    let present: HashSet<u16> = records().map(|r| r.npa.get()).collect();
    let mut absent = 0;
    for code in 0..=1100u16 {
        if !present.contains(&code) {
            absent += 1;
            assert!(lookup(code).is_none(), "lookup({code}) should be None");
            assert!(nanp_lerg::category(code).is_none());
            assert!(location(code).is_none());
        }
    }
    assert_eq!(absent, 1101 - 450);
    for code in [1101, 9999, u16::MAX, 800, 900, 555, 911] {
        assert!(lookup(code).is_none(), "lookup({code}) should be None");
    }
}

// ---------------------------------------------------------------------------
// Specific NPAs

#[test]
fn pacific_npas() {
    let cases = [
        (670, "MP", "Northern Mariana Islands"),
        (671, "GU", "Guam"),
        (684, "AS", "American Samoa"),
    ];
    for (npa, code, name) in cases {
        let r = rec(npa);
        assert_eq!(r.npa.get(), npa);
        assert_eq!(r.country_code, code, "{npa} country_code");
        assert_eq!(r.country_name, name, "{npa} country_name");
        assert_eq!(r.state_province_code, code, "{npa} state_province_code");
        assert_eq!(codes(r), [code], "{npa} state_province_codes");
        assert_eq!(r.state_province_name, name, "{npa} state_province_name");
        assert_eq!(r.region, Region::Pacific, "{npa} region");
        assert_eq!(r.category, Category::Pacific, "{npa} category");
        assert_eq!(nanp_lerg::category(npa), Some(Category::Pacific));
    }
    let pacific: Vec<u16> = records()
        .filter(|r| r.category == Category::Pacific)
        .map(|r| r.npa.get())
        .collect();
    assert_eq!(pacific, [670, 671, 684]);
}

#[test]
fn location_strings() {
    let guam = location(671).unwrap();
    assert_eq!(guam.to_string(), "Guam, Guam");
    assert_eq!(guam.full().to_string(), "Guam, Guam (GU, GU)");

    assert_eq!(
        location(670).unwrap().full().to_string(),
        "Northern Mariana Islands, Northern Mariana Islands (MP, MP)"
    );
    assert_eq!(
        location(201).unwrap().full().to_string(),
        "New Jersey, United States (NJ, US)"
    );
    assert_eq!(location(438).unwrap().to_string(), "Quebec, Canada");
    assert_eq!(
        location(340).unwrap().full().to_string(),
        "U.S. Virgin Islands, U.S. Virgin Islands (VI, VI)"
    );
    assert_eq!(
        location(902).unwrap().full().to_string(),
        "Nova Scotia/Prince Edward Island, Canada (NS/PE, CA)"
    );
    assert_eq!(
        location(902).unwrap().to_string(),
        "Nova Scotia/Prince Edward Island, Canada"
    );
    assert_eq!(
        location(867).unwrap().full().to_string(),
        "Northwest Territories/Nunavut/Yukon, Canada (NT/NU/YT, CA)"
    );
}

#[test]
fn mainland_examples() {
    let r = rec(438);
    assert_eq!(r.country_code, "CA");
    assert_eq!(r.country_name, "Canada");
    assert_eq!(r.state_province_code, "QC");
    assert_eq!(r.state_province_name, "Quebec");
    assert_eq!(r.region, Region::Ca);
    assert_eq!(r.category, Category::Canadian);

    let r = rec(212);
    assert_eq!(r.country_code, "US");
    assert_eq!(r.state_province_code, "NY");
    assert_eq!(r.state_province_name, "New York");
    assert_eq!(r.region, Region::Us);
    assert_eq!(r.category, Category::UsDomestic);

    for npa in [202, 771] {
        let r = rec(npa);
        assert_eq!(r.country_code, "US", "{npa}");
        assert_eq!(r.state_province_code, "DC", "{npa}");
        assert_eq!(r.state_province_name, "District of Columbia", "{npa}");
        assert_eq!(r.category, Category::UsDomestic, "{npa}");
    }
}

#[test]
fn territories_are_their_own_countries_and_caribbean() {
    let cases = [
        (340, "VI", "U.S. Virgin Islands"),
        (787, "PR", "Puerto Rico"),
        (939, "PR", "Puerto Rico"),
    ];
    for (npa, code, name) in cases {
        let r = rec(npa);
        assert_eq!(r.country_code, code, "{npa}");
        assert_eq!(r.country_name, name, "{npa}");
        assert_eq!(r.state_province_code, code, "{npa}");
        assert_eq!(r.state_province_name, name, "{npa}");
        assert_eq!(r.region, Region::Caribbean, "{npa}");
        assert_eq!(r.category, Category::Caribbean, "{npa}");
    }
}

#[test]
fn non_iso_codes_and_misspellings_are_fixed() {
    let cases = [
        (246, "BB", "Barbados"),
        (268, "AG", "Antigua and Barbuda"),
        (284, "VG", "British Virgin Islands"),
        (345, "KY", "Cayman Islands"),
        (809, "DO", "Dominican Republic"),
        (868, "TT", "Trinidad and Tobago"),
        (721, "SX", "Sint Maarten"),
        (649, "TC", "Turks and Caicos Islands"),
        (758, "LC", "Saint Lucia"),
        (784, "VC", "Saint Vincent and the Grenadines"),
        (869, "KN", "Saint Kitts and Nevis"),
    ];
    for (npa, code, name) in cases {
        let r = rec(npa);
        assert_eq!(r.country_code, code, "{npa} country_code");
        assert_eq!(r.state_province_code, code, "{npa} state_province_code");
        assert_eq!(codes(r), [code], "{npa} state_province_codes");
        assert_eq!(r.country_name, name, "{npa} country_name");
        assert_eq!(r.state_province_name, name, "{npa} state_province_name");
        assert_eq!(r.category, Category::Caribbean, "{npa}");
    }
}

#[test]
fn multi_province_npas() {
    let r = rec(867);
    assert_eq!(codes(r), ["NT", "NU", "YT"]);
    assert_eq!(r.state_province_code, "NT");
    assert_eq!(r.state_province_name, "Northwest Territories/Nunavut/Yukon");
    for code in ["NT", "NU", "YT"] {
        assert!(r.serves(code), "867 serves {code}");
    }
    assert!(!r.serves("BC") && !r.serves("yt") && !r.serves(""));

    for npa in [902, 782] {
        let r = rec(npa);
        assert_eq!(codes(r), ["NS", "PE"], "{npa}");
        assert_eq!(r.state_province_code, "NS", "{npa}");
        assert_eq!(
            r.state_province_name, "Nova Scotia/Prince Edward Island",
            "{npa}"
        );
        assert!(r.serves("NS") && r.serves("PE") && !r.serves("NB"), "{npa}");
        assert_eq!(r.category, Category::Canadian, "{npa}");
    }

    // Only these three serve more than one subdivision.
    let multi: Vec<u16> = records()
        .filter(|r| r.state_province_codes.len() > 1)
        .map(|r| r.npa.get())
        .collect();
    assert_eq!(multi, [782, 867, 902]);
}

// ---------------------------------------------------------------------------
// Rules every record obeys

#[test]
fn us_and_canadian_subdivisions_come_from_the_api() {
    let us: Vec<String> = all_two_letter_codes()
        .filter(|c| subdivision("US", c).is_some())
        .collect();
    assert_eq!(us.len(), 51, "50 states and DC: {us:?}");
    assert!(us.iter().any(|c| c == "DC"));
    for territory in ["PR", "VI", "GU", "MP", "AS"] {
        assert!(
            subdivision("US", territory).is_none(),
            "{territory} is not a US subdivision here"
        );
    }
    let ca = all_two_letter_codes()
        .filter(|c| subdivision("CA", c).is_some())
        .count();
    assert_eq!(ca, 13, "10 provinces and 3 territories");
    assert_eq!(subdivision("CA", "YT").unwrap().name, "Yukon");
    assert!(subdivision("GU", "GU").is_none());
    assert!(subdivision("US", "N").is_none());
    assert!(subdivision("USA", "NJ").is_none());
}

#[test]
fn category_rule_holds_for_every_record() {
    for r in records() {
        let cc = r.country_code.as_str();
        let (category, region) = match cc {
            "US" => (Category::UsDomestic, Region::Us),
            "CA" => (Category::Canadian, Region::Ca),
            "GU" | "MP" | "AS" => (Category::Pacific, Region::Pacific),
            _ => (Category::Caribbean, Region::Caribbean),
        };
        assert_eq!(r.category, category, "NPA {} ({cc}) category", r.npa);
        assert_eq!(r.region, region, "NPA {} ({cc}) region", r.npa);

        let c = country(cc).unwrap_or_else(|| panic!("NPA {}: country {cc} listed", r.npa));
        assert_eq!(r.country_name, c.name, "NPA {} country_name", r.npa);
        assert_eq!(c.code, cc);
        assert_eq!(c.category, r.category, "NPA {}", r.npa);
        assert_eq!(c.region, r.region, "NPA {}", r.npa);

        assert_eq!(
            r.state_province_codes.first(),
            Some(&r.state_province_code),
            "NPA {}: primary comes first",
            r.npa
        );
        match cc {
            "US" | "CA" => {
                let names: Vec<&str> = r
                    .state_province_codes
                    .iter()
                    .map(|s| {
                        subdivision(cc, s.as_str())
                            .unwrap_or_else(|| {
                                panic!("NPA {}: {s} is not a subdivision of {cc}", r.npa)
                            })
                            .name
                            .as_ref()
                    })
                    .collect();
                assert_eq!(
                    r.state_province_name,
                    names.join("/"),
                    "NPA {} state_province_name",
                    r.npa
                );
            }
            _ => {
                // A territory or country of its own: its code and name.
                assert_eq!(codes(r), [cc], "NPA {}", r.npa);
                assert_eq!(r.state_province_name, c.name, "NPA {}", r.npa);
            }
        }
    }
}

#[test]
fn no_geographic_npa_is_reserved() {
    for r in records() {
        assert_eq!(
            Reserved::of(r.npa),
            None,
            "NPA {} is reserved by the NANP rules",
            r.npa
        );
    }
}

// ---------------------------------------------------------------------------
// Fixes

#[test]
fn every_fix_is_applied() {
    let mut last: BTreeMap<(u16, Field), &str> = BTreeMap::new();
    for f in fixes() {
        last.insert((f.npa.get(), f.field), &f.to);
    }
    assert!(!last.is_empty());
    for ((npa, field), to) in last {
        assert_eq!(value(rec(npa), field), to, "NPA {npa} field {field}");
    }
}

#[test]
fn fixes_have_reasons_and_pacific_comes_first() {
    assert_eq!(fixes().len(), 46);
    for (i, f) in fixes().iter().enumerate() {
        assert!(!f.reason.trim().is_empty(), "fix {i} has no reason");
        assert_ne!(f.from, f.to, "fix {i} changes nothing");
    }
    let mut order: Vec<u16> = Vec::new();
    for f in fixes() {
        if !order.contains(&f.npa.get()) {
            order.push(f.npa.get());
        }
    }
    assert_eq!(order[..3], [670, 671, 684]);
    let first = &fixes()[0];
    assert_eq!(
        (first.npa.get(), first.field, &*first.from, &*first.to),
        (670, Field::CountryCode, "US", "MP")
    );
    // Every Pacific fix precedes every other fix.
    let last_pacific = fixes()
        .iter()
        .rposition(|f| [670, 671, 684].contains(&f.npa.get()))
        .unwrap();
    let first_other = fixes()
        .iter()
        .position(|f| ![670, 671, 684].contains(&f.npa.get()))
        .unwrap();
    assert!(last_pacific < first_other);
}

#[test]
fn fixes_are_the_rows_of_fixes_csv_in_order() {
    let rows = raw_rows("fixes.csv");
    assert_eq!(rows.len(), fixes().len());
    for (i, (row, f)) in rows.iter().zip(fixes()).enumerate() {
        // The header is line 1; fixes.csv has no blank line.
        let line = i + 2;
        assert_eq!(row["npa"], f.npa.to_string(), "line {line}");
        assert_eq!(row["field"], f.field.as_str(), "line {line}");
        assert_eq!(row["from"], f.from, "line {line}");
        assert_eq!(row["to"], f.to, "line {line}");
        assert_eq!(row["reason"], f.reason, "line {line}");
    }
}

#[test]
fn raw_file_has_450_rows_with_the_same_npas() {
    let rows = raw_rows("npa.csv");
    assert_eq!(rows.len(), 450);
    let raw: BTreeSet<u16> = rows.iter().map(|r| r["npa"].parse().unwrap()).collect();
    let compiled: BTreeSet<u16> = records().map(|r| r.npa.get()).collect();
    assert_eq!(raw, compiled);
}

#[test]
fn fields_no_fix_touches_are_as_imported() {
    let touched: HashSet<(u16, Field)> = fixes().iter().map(|f| (f.npa.get(), f.field)).collect();
    let mut compared = 0;
    for row in raw_rows("npa.csv") {
        let npa: u16 = row["npa"].parse().unwrap();
        let r = rec(npa);
        for field in Field::ALL {
            if touched.contains(&(npa, field)) {
                continue;
            }
            let expected = match field {
                // Not a column: it follows the primary code unless a fix lists more.
                Field::StateProvinceCodes => value(r, Field::StateProvinceCode),
                _ => raw_value(&row, field),
            };
            assert_eq!(value(r, field), expected, "NPA {npa} field {field}");
            compared += 1;
        }
    }
    assert_eq!(compared, 450 * Field::ALL.len() - fixes().len());
}

/// Replays the fixes over the raw export, independently of the build: each
/// fix's `from` must be the value at that point, and the end result must be
/// the compiled table, field for field.
#[test]
fn replaying_the_fixes_over_the_raw_file_gives_the_compiled_records() {
    let mut state: BTreeMap<u16, BTreeMap<Field, String>> = raw_rows("npa.csv")
        .iter()
        .map(|row| {
            let npa: u16 = row["npa"].parse().unwrap();
            let fields = Field::ALL.iter().map(|&f| (f, raw_value(row, f))).collect();
            (npa, fields)
        })
        .collect();
    for (i, f) in fixes().iter().enumerate() {
        let fields = state.get_mut(&f.npa.get()).expect("fix names a raw NPA");
        assert_eq!(
            fields[&f.field],
            f.from,
            "fixes.csv:{}: `from` is the value at that point",
            i + 2
        );
        fields.insert(f.field, f.to.to_string());
        if f.field == Field::StateProvinceCode && !fields[&Field::StateProvinceCodes].contains(';')
        {
            fields.insert(Field::StateProvinceCodes, f.to.to_string());
        }
    }
    for r in records() {
        for field in Field::ALL {
            assert_eq!(
                value(r, field),
                state[&r.npa.get()][&field],
                "NPA {} field {field}",
                r.npa
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Directory::stats()

#[test]
fn stats_counts() {
    let s = nanp_lerg::Directory::builtin().stats();
    assert_eq!(s.records, 450);
    assert_eq!(s.per_category.values().sum::<usize>(), 450);
    assert_eq!(s.per_region.values().sum::<usize>(), 450);
    assert_eq!(s.per_country.values().sum::<usize>(), 450);
    assert_eq!(s.per_category.len(), 4, "every category present");
    assert_eq!(s.per_category[&Category::Pacific], 3);
    for c in Category::ALL {
        assert_eq!(
            s.per_category[&c],
            records().filter(|r| r.category == c).count(),
            "{c}"
        );
    }
    let us = records().filter(|r| r.country_code == "US").count();
    assert_eq!(s.per_country["US"], us);
    assert_eq!(s.per_category[&Category::UsDomestic], us);
    let ca = records().filter(|r| r.country_code == "CA").count();
    assert_eq!(s.per_country["CA"], ca);
    assert_eq!(s.per_category[&Category::Canadian], ca);
    assert_eq!(s.per_country["GU"], 1);
    assert_eq!(s.per_country["PR"], 2);
    assert_eq!(s.per_country["DO"], 3);
    assert_eq!(s.per_region[&Region::Pacific], 3);
    assert_eq!(s.fixes, fixes().len());
    assert_eq!(s.non_geographic, nanp_lerg::non_geographic().len());
    assert_eq!(s.non_geographic, raw_rows("non_geographic.csv").len());
}
