//! `classify`: every kind of three-digit code, with concrete codes, and a
//! census of 200–999 against the data files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use nanp_lerg::{
    classify, lookup, non_geographic, Category, Classification, Npa, Reserved, Service,
};

/// The rows of `data/non_geographic.csv`: (npa, service, source).
fn non_geographic_csv() -> Vec<(u16, Service, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/non_geographic.csv");
    let mut reader = csv::Reader::from_path(path).expect("non_geographic.csv opens");
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["npa", "service", "source"]
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed row");
            let npa: u16 = r[0].parse().expect("numeric NPA");
            let service: Service = r[1].parse().expect("known service");
            (npa, service, r[2].to_owned())
        })
        .collect()
}

#[test]
fn geographic() {
    match classify(671) {
        Classification::Geographic(r) => {
            assert_eq!(r.npa.get(), 671);
            assert_eq!(r.country_code, "GU");
            assert_eq!(r.category, Category::Pacific);
            assert!(std::ptr::eq(r, lookup(671).unwrap()));
        }
        other => panic!("671 is geographic, got {other:?}"),
    }
    for code in [201, 212, 438, 670, 684, 787, 867, 876, 902, 989] {
        match classify(code) {
            Classification::Geographic(r) => assert_eq!(r.npa.get(), code),
            other => panic!("{code} is geographic, got {other:?}"),
        }
    }
    assert_eq!(classify(671).kind(), "geographic");
    assert!(classify(671).is_assigned());
    assert_eq!(Npa::new(671).unwrap().classify(), classify(671));
}

#[test]
fn every_code_of_non_geographic_csv_is_non_geographic_with_its_service() {
    let rows = non_geographic_csv();
    assert!(!rows.is_empty());
    for (npa, service, _) in &rows {
        assert_eq!(
            classify(*npa),
            Classification::NonGeographic(*service),
            "{npa}"
        );
        assert!(lookup(*npa).is_none(), "{npa} has no geographic record");
    }
    // The library's table is the file, ascending.
    let mut sorted = rows.clone();
    sorted.sort_by_key(|r| r.0);
    let table: Vec<(u16, Service, String)> = non_geographic()
        .iter()
        .map(|g| (g.npa.get(), g.service, g.source.to_string()))
        .collect();
    assert_eq!(table, sorted);
}

#[test]
fn non_geographic_services() {
    for code in [800, 833, 844, 855, 866, 877, 888] {
        assert_eq!(
            classify(code),
            Classification::NonGeographic(Service::TollFree),
            "{code}"
        );
    }
    let cases = [
        (900, Service::Premium),
        (600, Service::CanadianNonGeographic),
        (622, Service::CanadianNonGeographic),
        (633, Service::CanadianNonGeographic),
        (700, Service::Interexchange),
        (710, Service::UsGovernment),
        (500, Service::PersonalCommunications),
        (521, Service::PersonalCommunications),
        (588, Service::PersonalCommunications),
    ];
    for (code, service) in cases {
        assert_eq!(
            classify(code),
            Classification::NonGeographic(service),
            "{code}"
        );
    }
    assert_eq!(classify(800).kind(), "non-geographic");
    assert!(classify(800).is_assigned());
    assert_eq!(Service::TollFree.to_string(), "toll-free");
    assert_eq!(
        "us-government".parse::<Service>(),
        Ok(Service::UsGovernment)
    );
    assert!("tollfree".parse::<Service>().is_err());
}

#[test]
fn reserved_n11() {
    for code in [211, 311, 411, 511, 611, 711, 811, 911] {
        assert_eq!(
            classify(code),
            Classification::Reserved(Reserved::N11),
            "{code}"
        );
    }
    assert_eq!(classify(911).kind(), "reserved");
    assert!(!classify(911).is_assigned());
    assert_eq!(Reserved::N11.as_str(), "n11");
    assert_eq!(Reserved::N11.to_string(), "n11");
}

#[test]
fn reserved_expansion() {
    for code in [290, 299, 395, 595, 890, 990, 999] {
        assert_eq!(
            classify(code),
            Classification::Reserved(Reserved::Expansion),
            "{code}"
        );
    }
    // Every N9X: 80 codes.
    let n9x = (200..=999u16)
        .filter(|c| classify(*c) == Classification::Reserved(Reserved::Expansion))
        .collect::<Vec<_>>();
    assert_eq!(n9x.len(), 80);
    assert!(n9x.iter().all(|c| c / 10 % 10 == 9));
    assert_eq!(Reserved::Expansion.as_str(), "expansion");
}

#[test]
fn reserved_unanticipated() {
    for code in (370..=379).chain(960..=969) {
        assert_eq!(
            classify(code),
            Classification::Reserved(Reserved::Unanticipated),
            "{code}"
        );
    }
    assert_eq!(Reserved::Unanticipated.as_str(), "unanticipated");
}

#[test]
fn reserved_toll_free_expansion() {
    for code in std::iter::once(822).chain(880..=887).chain([889]) {
        assert_eq!(
            classify(code),
            Classification::Reserved(Reserved::TollFreeExpansion),
            "{code}"
        );
    }
    assert_eq!(Reserved::TollFreeExpansion.as_str(), "toll-free-expansion");
}

#[test]
fn reserved_easily_recognizable() {
    for code in [222, 333, 555, 200, 455, 777] {
        assert_eq!(
            classify(code),
            Classification::Reserved(Reserved::EasilyRecognizable),
            "{code}"
        );
    }
    assert_eq!(Reserved::EasilyRecognizable.as_str(), "easily-recognizable");
}

#[test]
fn the_dataset_wins_over_the_rules() {
    // 888 and 533 are ERCs by the rule, but assigned services in the data.
    assert_eq!(
        Reserved::of(Npa::new(888).unwrap()),
        Some(Reserved::EasilyRecognizable)
    );
    assert_eq!(
        classify(888),
        Classification::NonGeographic(Service::TollFree)
    );
    assert_eq!(
        Reserved::of(Npa::new(533).unwrap()),
        Some(Reserved::EasilyRecognizable)
    );
    assert_eq!(
        classify(533),
        Classification::NonGeographic(Service::PersonalCommunications)
    );
}

#[test]
fn reserved_descriptions_are_sentences() {
    let all = [
        Reserved::N11,
        Reserved::Expansion,
        Reserved::Unanticipated,
        Reserved::EasilyRecognizable,
        Reserved::TollFreeExpansion,
    ];
    for r in all {
        assert!(!r.description().is_empty(), "{r}");
    }
    assert_eq!(
        Reserved::N11.description(),
        "N11 abbreviated dialing code, never an area code"
    );
}

#[test]
fn unassigned() {
    for code in [221, 282, 456, 535, 987] {
        assert_eq!(classify(code), Classification::Unassigned, "{code}");
        assert!(lookup(code).is_none());
        assert_eq!(Reserved::of(Npa::new(code).unwrap()), None);
    }
    assert_eq!(classify(282).kind(), "unassigned");
    assert!(!classify(282).is_assigned());
}

#[test]
fn invalid() {
    for code in [0, 1, 99, 100, 199, 1000, 1001, 9999, u16::MAX] {
        assert_eq!(classify(code), Classification::Invalid, "{code}");
    }
    assert_eq!(classify(0).kind(), "invalid");
    assert!(!classify(199).is_assigned());
    // The edges of the valid range are not invalid.
    assert_ne!(classify(200), Classification::Invalid);
    assert_ne!(classify(999), Classification::Invalid);
}

#[test]
fn census_of_200_to_999() {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for code in 200..=999u16 {
        let c = classify(code);
        *kinds.entry(c.kind()).or_default() += 1;
        match c {
            Classification::Geographic(r) => assert_eq!(r.npa.get(), code),
            Classification::Reserved(r) => {
                assert_eq!(Reserved::of(Npa::new(code).unwrap()), Some(r), "{code}");
                *reasons.entry(r.as_str()).or_default() += 1;
            }
            Classification::Unassigned => {
                assert_eq!(Reserved::of(Npa::new(code).unwrap()), None, "{code}")
            }
            Classification::NonGeographic(_) => {}
            Classification::Invalid => panic!("{code} is a valid code"),
        }
    }
    assert_eq!(kinds["geographic"], 450);
    assert_eq!(kinds["non-geographic"], non_geographic_csv().len());
    assert_eq!(kinds["non-geographic"], 29);
    assert_eq!(kinds["reserved"], 160);
    assert_eq!(kinds["unassigned"], 161);
    assert!(!kinds.contains_key("invalid"));
    assert_eq!(kinds.values().sum::<usize>(), 800);

    let expected: BTreeMap<&str, usize> = [
        ("n11", 8),
        ("expansion", 80),
        ("unanticipated", 20),
        ("toll-free-expansion", 10),
        ("easily-recognizable", 42),
    ]
    .into_iter()
    .collect();
    assert_eq!(reasons, expected);
}
