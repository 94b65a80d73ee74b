//! An independent cross-check of the dataset against Google's libphonenumber
//! metadata, through the `phonenumber` crate (0.3.10, metadata 9.0.33).
//!
//! libphonenumber assigns every valid +1 number to one region (US, CA, PR,
//! GU, JM, …) from its per-region number patterns. For each of our NPAs we
//! build numbers `+1 NPA NXX 1234` and ask it which regions the valid ones
//! belong to: that set must be exactly our record's `country_code`. NPAs it
//! knows nothing about are listed, with the reason, in
//! [`UNKNOWN_TO_LIBPHONENUMBER`]. The non-geographic codes must have the
//! number type libphonenumber gives them, and the codes we call reserved or
//! unassigned must have no valid numbers there.
//!
//! Cost: a `phonenumber` parse and validation takes a few hundred
//! microseconds in a debug build (regexes behind one shared, locked cache, so
//! threads do not help), and all 450 × 800 NXX take well over a minute. So
//! every NPA is tried with a sample of NXX values ([`sample_nxx`]); an NPA
//! with no valid number in the sample is then tried with every NXX 200–999
//! before being called unknown, so sparse territories (libphonenumber lists
//! only the assigned NXX of, e.g., Montserrat 664) are still found and the
//! unknown list is exhaustive.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use nanp_lerg::{Classification, Service};
use phonenumber::metadata::DATABASE;
use phonenumber::{PhoneNumber, Type};

/// The NXX values tried first for every NPA: 200, 213, 226, … 993 (62 codes,
/// every hundred and every last digit represented).
fn sample_nxx() -> impl Iterator<Item = u16> {
    (200..=999u16).step_by(13)
}

fn all_nxx() -> impl Iterator<Item = u16> {
    200..=999u16
}

/// NPAs of our dataset for which libphonenumber 9.0.33 accepts no number at
/// all (tried with every NXX 200–999), and why. They are recent overlay
/// codes (in service 2023–2025) that the US and CA number patterns of
/// metadata 9.0.33 do not include, even though some came into service before
/// that release. The dataset (the LERG export) lists them, so it keeps them.
/// When the `phonenumber` crate is upgraded to metadata that knows one, this
/// test fails and that entry must be removed.
const UNKNOWN_TO_LIBPHONENUMBER: &[(u16, &str)] = &[
    (
        357,
        "California: overlay of 559 (Fresno, central San Joaquin Valley), in service 26 March 2025",
    ),
    (
        387,
        "Ontario: in the LERG export as an Ontario code; no CA pattern for it in metadata 9.0.33 (overlay parent and in-service date not verified here)",
    ),
    (
        436,
        "Ohio: overlay of 440 (Cleveland suburbs), in service 1 March 2024",
    ),
    (
        621,
        "Texas: overlay of 281/346/713/832 (Houston), in service 23 January 2025",
    ),
    (
        624,
        "New York: overlay of 716 (Buffalo), in service from November 2023",
    ),
    (
        729,
        "Tennessee: overlay of 423 (East Tennessee), assignments from 5 September 2025",
    ),
    (
        837,
        "California: overlay of 530 (northern California), in service 31 January 2025",
    ),
    (
        861,
        "Illinois: overlay of 309 (Peoria, Bloomington, Quad Cities), in service 24 February 2023",
    ),
    (
        924,
        "Minnesota: overlay of 507 (southern Minnesota), assignments from August 2025",
    ),
];

/// Non-geographic codes for which libphonenumber accepts no number, and why.
const NON_GEOGRAPHIC_UNKNOWN_TO_LIBPHONENUMBER: &[(u16, &str)] = &[
    (
        700,
        "interexchange carrier services: carrier-specific, no number plan in libphonenumber",
    ),
    (
        710,
        "US government (GETS): not publicly diallable, no number plan in libphonenumber",
    ),
];

fn number(npa: u16, nxx: u16) -> PhoneNumber {
    let s = format!("+1{npa:03}{nxx:03}1234");
    phonenumber::parse(None, &s).unwrap_or_else(|e| panic!("phonenumber cannot parse {s}: {e}"))
}

/// The region and number type of `+1 npa nxx 1234` if libphonenumber
/// considers it valid.
fn valid(npa: u16, nxx: u16) -> Option<(String, Type)> {
    let n = number(npa, nxx);
    if !phonenumber::is_valid(&n) {
        return None;
    }
    let region = n
        .country()
        .id()
        .map(|id| id.as_ref().to_owned())
        .unwrap_or_else(|| panic!("+1{npa}{nxx}1234 is valid but has no region"));
    Some((region, n.number_type(&DATABASE)))
}

/// The regions of the valid numbers of `npa`: the sample first, every NXX if
/// the sample finds none.
fn regions(npa: u16) -> BTreeSet<String> {
    let scan = |nxxs: &mut dyn Iterator<Item = u16>| -> BTreeSet<String> {
        nxxs.filter_map(|nxx| {
            let n = number(npa, nxx);
            phonenumber::is_valid(&n).then(|| {
                n.country()
                    .id()
                    .map(|id| id.as_ref().to_owned())
                    .unwrap_or_else(|| panic!("+1{npa}{nxx}1234 is valid but has no region"))
            })
        })
        .collect()
    };
    let sampled = scan(&mut sample_nxx());
    if sampled.is_empty() {
        scan(&mut all_nxx())
    } else {
        sampled
    }
}

/// NPA → regions libphonenumber puts its valid numbers in, for all 450
/// records; computed once and shared by the tests.
fn geographic() -> &'static BTreeMap<u16, BTreeSet<String>> {
    static MAP: OnceLock<BTreeMap<u16, BTreeSet<String>>> = OnceLock::new();
    MAP.get_or_init(|| {
        nanp_lerg::records()
            .map(|r| (r.npa.get(), regions(r.npa.get())))
            .collect()
    })
}

#[test]
fn every_npa_libphonenumber_knows_is_in_our_country() {
    let map = geographic();
    assert_eq!(map.len(), 450);
    let mut mismatches = Vec::new();
    for r in nanp_lerg::records() {
        let found = &map[&r.npa.get()];
        if found.is_empty() {
            continue;
        }
        let ours: BTreeSet<String> = [r.country_code.as_str().to_owned()].into();
        if *found != ours {
            mismatches.push(format!(
                "{}: ours {} ({}), libphonenumber {:?}",
                r.npa, r.country_code, r.country_name, found
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "country differs from libphonenumber 9.0.33's region:\n{}",
        mismatches.join("\n")
    );
    let known = map.values().filter(|s| !s.is_empty()).count();
    assert_eq!(known, 450 - UNKNOWN_TO_LIBPHONENUMBER.len());
}

#[test]
fn npas_unknown_to_libphonenumber_are_the_documented_ones() {
    let unknown: Vec<u16> = geographic()
        .iter()
        .filter(|(_, s)| s.is_empty())
        .map(|(&npa, _)| npa)
        .collect();
    let documented: Vec<u16> = UNKNOWN_TO_LIBPHONENUMBER.iter().map(|&(n, _)| n).collect();
    assert_eq!(
        unknown, documented,
        "NPAs libphonenumber 9.0.33 accepts no number of (tried with every NXX)"
    );
    for &(npa, reason) in UNKNOWN_TO_LIBPHONENUMBER {
        let r = nanp_lerg::lookup(npa).expect("a documented unknown NPA is in the dataset");
        assert!(
            reason.starts_with(r.state_province_name.as_ref()),
            "{npa}: reason {reason:?} names another place than {}",
            r.state_province_name
        );
    }
}

/// What libphonenumber must say about the numbers of a non-geographic code:
/// the region and the number types it may give, or `None` where it has no
/// numbers (then the code is in [`NON_GEOGRAPHIC_UNKNOWN_TO_LIBPHONENUMBER`]).
fn expected(service: Service) -> Option<(&'static str, &'static [Type])> {
    match service {
        Service::TollFree => Some(("US", &[Type::TollFree])),
        Service::Premium => Some(("US", &[Type::PremiumRate])),
        Service::PersonalCommunications => Some(("US", &[Type::PersonalNumber])),
        // libphonenumber files 600 as VoIP and 622/633 as personal numbers,
        // all in region CA.
        Service::CanadianNonGeographic => Some(("CA", &[Type::Voip, Type::PersonalNumber])),
        Service::Interexchange | Service::UsGovernment => None,
    }
}

#[test]
fn non_geographic_codes_have_libphonenumber_number_types() {
    let mut problems = Vec::new();
    let mut unknown = Vec::new();
    for g in nanp_lerg::non_geographic() {
        let npa = g.npa.get();
        let found: HashSet<(String, Type)> =
            sample_nxx().filter_map(|nxx| valid(npa, nxx)).collect();
        match expected(g.service) {
            Some((region, types)) => {
                if found.is_empty() {
                    problems.push(format!("{npa} ({}): no valid number", g.service.as_str()));
                }
                for (r, t) in &found {
                    if r != region || !types.contains(t) {
                        problems.push(format!(
                            "{npa} ({}): libphonenumber says {r} {t:?}, expected {region} {types:?}",
                            g.service.as_str()
                        ));
                    }
                }
            }
            None => {
                if found.is_empty() {
                    unknown.push(npa);
                } else {
                    problems.push(format!(
                        "{npa} ({}): expected unknown to libphonenumber, found {found:?}",
                        g.service.as_str()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let documented: Vec<u16> = NON_GEOGRAPHIC_UNKNOWN_TO_LIBPHONENUMBER
        .iter()
        .map(|&(n, _)| n)
        .collect();
    assert_eq!(unknown, documented);
}

#[test]
fn codes_we_call_reserved_or_unassigned_have_no_valid_numbers() {
    // A sample of NXX per code (every 97th): libphonenumber knows no number
    // in any of them. (Checked once with every third NXX, 321 codes: none.)
    let mut known = Vec::new();
    for code in 200..=999u16 {
        let c = nanp_lerg::classify(code);
        if matches!(c, Classification::Reserved(_) | Classification::Unassigned) {
            if let Some(v) = (200..=999u16).step_by(97).find_map(|nxx| valid(code, nxx)) {
                known.push(format!("{code} ({}): libphonenumber has {v:?}", c.kind()));
            }
        }
    }
    assert!(known.is_empty(), "{}", known.join("\n"));
}
