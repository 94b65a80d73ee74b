//! `Directory`: run-time records validated as the build validates, seen by
//! every reader; all-or-nothing loading; export round trips; sharing
//! across threads.

use std::borrow::Cow;
use std::sync::{Arc, RwLock};

use nanp_lerg::schema::DataErrorKind;
use nanp_lerg::{
    Category, Classification, Directory, DirectoryError, Npa, NpaRecord, Region, Reserved,
};

/// 273, the newest Quebec overlay, which the shipped data does not have.
fn quebec_273() -> NpaRecord {
    NpaRecord {
        npa: Npa::new(273).unwrap(),
        country_code: "CA".parse().unwrap(),
        country_name: Cow::Borrowed("Canada"),
        state_province_code: "QC".parse().unwrap(),
        state_province_name: Cow::Borrowed("Quebec"),
        state_province_codes: Cow::Owned(vec!["QC".parse().unwrap()]),
        region: Region::Ca,
        category: Category::Canadian,
        time_zones: Cow::Owned(vec!["America/Toronto".parse().unwrap()]),
    }
}

fn with_273() -> Directory {
    let mut dir = Directory::builtin();
    assert_eq!(dir.insert(quebec_273()), Ok(None), "273 is new");
    dir
}

#[test]
fn an_added_npa_is_seen_by_every_reader_of_the_directory() {
    let dir = with_273();

    let r = dir.lookup(273).expect("273 added");
    assert_eq!(
        (r.country_code.as_str(), r.state_province_code.as_str()),
        ("CA", "QC")
    );
    assert_eq!(dir.category(273), Some(Category::Canadian));
    assert_eq!(
        dir.location(273).unwrap().full().to_string(),
        "Quebec, Canada (QC, CA)"
    );
    assert!(
        matches!(dir.classify(273), Classification::Geographic(r) if r.state_province_name == "Quebec")
    );
    let dialed = dir.classify_str("+1 (273) 555-0100").unwrap();
    assert!(matches!(dialed, Classification::Geographic(r) if r.npa.get() == 273));

    let npas: Vec<u16> = dir.records().map(|r| r.npa.get()).collect();
    assert_eq!(npas.len(), 451);
    assert!(npas.windows(2).all(|w| w[0] < w[1]), "still ascending");
    let at = npas.iter().position(|&n| n == 273).unwrap();
    assert_eq!((npas[at - 1], npas[at + 1]), (272, 274));
    assert_eq!(dir.len(), 451);

    let stats = dir.stats();
    assert_eq!(stats.records, 451);
    assert_eq!(stats.per_category[&Category::Canadian], 57);
    assert_eq!(stats.per_country["CA"], 57);
    assert_eq!(stats.per_region[&Region::Ca], 57);

    // The free functions are the compiled table and do not see it.
    assert!(nanp_lerg::lookup(273).is_none());
    assert_eq!(nanp_lerg::classify(273), Classification::Unassigned);
    assert_eq!(nanp_lerg::Directory::builtin().stats().records, 450);
}

#[test]
fn an_inconsistent_record_is_refused_with_every_problem_and_changes_nothing() {
    let mut dir = Directory::builtin();
    let mut bad = quebec_273();
    bad.category = Category::Caribbean;
    bad.state_province_code = "NY".parse().unwrap();
    bad.state_province_codes = Cow::Owned(vec!["NY".parse().unwrap()]);
    let Err(DirectoryError::Invalid { npa, problems }) = dir.insert(bad) else {
        panic!("refused as invalid");
    };
    assert_eq!(npa.get(), 273);
    assert!(problems.iter().any(|p| matches!(
        p,
        DataErrorKind::Inconsistent { field: "category", found, expected, .. }
            if found == "caribbean" && expected == "canadian"
    )));
    assert!(problems.iter().any(|p| matches!(
        p,
        DataErrorKind::UnknownSubdivision { field: "state_province_code", code, .. } if *code == "NY"
    )));
    assert!(dir.is_builtin(), "nothing changed");
    assert!(dir.lookup(273).is_none());
}

#[test]
fn a_category_correction_must_agree_with_the_country() {
    let mut dir = Directory::builtin();

    // Guam billed as US domestic contradicts its country.
    let e = dir
        .update(671, |r| r.category = Category::UsDomestic)
        .expect("671 exists")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "NPA 671 rejected: NPA 671: category is \"us-domestic\", but country GU in countries.csv gives \"pacific\""
    );
    assert_eq!(dir.category(671), Some(Category::Pacific), "unchanged");

    // 273 entered as a US code (consistent, but wrong) ...
    let mut as_us = quebec_273();
    as_us.country_code = "US".parse().unwrap();
    as_us.country_name = "United States".into();
    as_us.state_province_code = "NY".parse().unwrap();
    as_us.state_province_codes = Cow::Owned(vec!["NY".parse().unwrap()]);
    as_us.state_province_name = "New York".into();
    as_us.region = Region::Us;
    as_us.category = Category::UsDomestic;
    dir.insert(as_us).unwrap();

    // ... cannot have its category corrected alone ...
    let alone = dir
        .update(273, |r| r.category = Category::Canadian)
        .unwrap();
    assert!(matches!(alone, Err(DirectoryError::Invalid { .. })));
    assert_eq!(dir.category(273), Some(Category::UsDomestic));

    // ... but can with its country, consistently.
    dir.update(273, |r| *r = quebec_273()).unwrap().unwrap();
    assert_eq!(dir.category(273), Some(Category::Canadian));
    assert_eq!(dir.lookup(273).unwrap().country_code, "CA");

    // An update cannot move a record to another NPA.
    let moved = dir.update(273, |r| r.npa = Npa::new(274).unwrap()).unwrap();
    assert!(matches!(moved, Err(DirectoryError::Invalid { npa, .. }) if npa.get() == 274));
    assert!(dir.update(282, |_| ()).is_none(), "282 has no record");
}

#[test]
fn a_removed_npa_is_gone_from_every_reader_and_can_come_back() {
    let mut dir = Directory::builtin();
    let removed = dir.remove(212).expect("212 exists");
    assert_eq!(removed.state_province_code, "NY");
    assert!(dir.lookup(212).is_none());
    assert_eq!(dir.classify(212), Classification::Unassigned);
    assert!(dir.records().all(|r| r.npa.get() != 212));
    assert_eq!(dir.len(), 449);
    assert_eq!(
        dir.stats().per_country["US"],
        nanp_lerg::Directory::builtin().stats().per_country["US"] - 1
    );
    assert!(dir.remove(212).is_none());

    // A service code has no record to remove: it stays non-geographic.
    assert!(dir.remove(800).is_none());
    assert_eq!(dir.classify(800).kind(), "non-geographic");

    assert_eq!(dir.insert(removed), Ok(None));
    assert_eq!(dir, Directory::builtin(), "the same records again");
    assert!(
        nanp_lerg::lookup(212).is_some(),
        "the compiled table never changes"
    );
}

#[test]
fn reserved_and_service_codes_cannot_become_geographic() {
    let mut dir = Directory::builtin();
    for (code, expected) in [
        (299u16, "reserved"),
        (911, "reserved"),
        (555, "reserved"),
        (800, "non-geographic"),
    ] {
        let mut r = quebec_273();
        r.npa = Npa::new(code).unwrap();
        let e = dir.insert(r).unwrap_err();
        match expected {
            "reserved" => assert!(matches!(e, DirectoryError::Reserved { .. }), "{code}: {e}"),
            _ => assert!(matches!(e, DirectoryError::NonGeographic(_)), "{code}: {e}"),
        }
    }
    assert_eq!(
        dir.classify(299),
        Classification::Reserved(Reserved::Expansion)
    );
    assert!(dir.is_builtin());
}

#[test]
fn loading_a_file_whose_last_row_is_bad_changes_nothing_and_names_that_line() {
    let header = crate::common::npa_header();
    let mut dir = with_273();
    let before = dir.clone();
    // Three good rows, each a real change (two new codes, one replaced
    // record), so that a partial load could not go unnoticed.
    let csv = format!(
        "{header}\n\
         282,CA,Canada,QC,Quebec,CA,canadian\n\
         285,CA,Canada,ON,Ontario,CA,canadian\n\
         273,CA,Canada,ON,Ontario,CA,canadian\n\
         274,CA,Canada,QC,Quebec,CA,pacific\n"
    );
    let errors = dir.load_csv("overlay.csv", csv.as_bytes()).unwrap_err();
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|e| e.file == "overlay.csv" && e.line == 5),
        "{errors:?}"
    );
    assert_eq!(
        errors[0].to_string(),
        "overlay.csv:5: NPA 274: category is \"pacific\", but country CA in countries.csv gives \"canadian\""
    );
    assert_eq!(dir, before, "all or nothing");
    assert!(dir.lookup(282).is_none() && dir.lookup(285).is_none());
    assert_eq!(dir.lookup(273).unwrap().state_province_code, "QC");
    assert_eq!(dir.lookup(274).unwrap().state_province_code, "WI");

    // A malformed last row (a field missing) is refused the same way.
    let csv =
        format!("{header}\n282,CA,Canada,QC,Quebec,CA,canadian\n285,CA,Canada,ON,Ontario,CA\n");
    let errors = dir.load_csv("overlay.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].to_string(), "overlay.csv:3: 6 fields, expected 7");
    assert_eq!(dir, before);

    // The same rows without the bad one load, and count.
    let good = format!("{header}\n282,CA,Canada,QC,Quebec,CA,canadian\n");
    assert_eq!(dir.load_csv("overlay.csv", good.as_bytes()), Ok(1));
    assert_eq!(dir.lookup(282).unwrap().state_province_code, "QC");
    assert_ne!(dir, before);
}

fn csv_of(dir: &Directory) -> String {
    let mut out = Vec::new();
    dir.write_csv(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_csv_export_has_every_record_ascending_and_loads_back_to_the_same_directory() {
    let header = crate::common::npa_header();
    let builtin = Directory::builtin();
    let csv = csv_of(&builtin);
    assert!(!csv.contains('\r'));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 450);
    assert_eq!(
        lines[0],
        format!("{header},state_province_codes,time_zones")
    );
    assert!(lines.contains(
        &"867,CA,Canada,NT,Northwest Territories/Nunavut/Yukon,CA,canadian,NT;NU;YT,\
          America/Whitehorse;America/Edmonton;America/Winnipeg;America/Toronto"
    ));
    assert!(lines.contains(&"671,GU,Guam,GU,Guam,Pacific,pacific,GU,Pacific/Guam"));
    let npas: Vec<u16> = lines[1..].iter().map(|l| l[..3].parse().unwrap()).collect();
    assert!(npas.windows(2).all(|w| w[0] < w[1]));

    let mut loaded = Directory::empty();
    assert_eq!(loaded.load_csv("export.csv", csv.as_bytes()), Ok(450));
    assert_eq!(loaded, builtin);
    assert_eq!(csv_of(&loaded), csv, "a second export is identical");

    // A changed directory round-trips with its changes.
    let mut changed = with_273();
    changed.remove(212);
    let csv = csv_of(&changed);
    let mut loaded = Directory::empty();
    assert_eq!(loaded.load_csv("export.csv", csv.as_bytes()), Ok(450));
    assert_eq!(loaded, changed);
    assert!(loaded.lookup(212).is_none() && loaded.lookup(273).is_some());
    assert_ne!(loaded, builtin);
}

#[test]
fn the_json_export_is_the_array_of_records() {
    let dir = with_273();
    let v = serde_json::to_value(&dir).unwrap();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 451);
    let r = all.iter().find(|r| r["npa"] == 273).unwrap();
    assert_eq!(r["state_province_code"], "QC");
    assert_eq!(r["category"], "canadian");
    assert_eq!(r["state_province_codes"], serde_json::json!(["QC"]));
    let ns = all.iter().find(|r| r["npa"] == 902).unwrap();
    assert_eq!(ns["state_province_codes"], serde_json::json!(["NS", "PE"]));
}

/// Every code's answer, as one comparable string.
fn answers(dir: &Directory) -> Vec<String> {
    (200..=999u16)
        .map(|code| match dir.classify(code) {
            Classification::Geographic(r) => {
                format!(
                    "{code} {} {} {}",
                    r.country_code, r.state_province_code, r.category
                )
            }
            other => format!("{code} {}", other.kind()),
        })
        .collect()
}

#[test]
fn many_threads_reading_one_shared_directory_see_the_same_answers() {
    let dir = Arc::new(with_273());
    let expected = answers(&dir);
    assert!(expected.contains(&"273 CA QC canadian".to_owned()));
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let dir = Arc::clone(&dir);
                s.spawn(move || {
                    let mut seen = Vec::new();
                    for _ in 0..50 {
                        seen = answers(&dir);
                    }
                    (
                        seen,
                        dir.len(),
                        dir.classify_str("1-273-555-0100").unwrap().kind(),
                    )
                })
            })
            .collect();
        for h in handles {
            let (seen, len, kind) = h.join().unwrap();
            assert_eq!(seen, expected);
            assert_eq!((len, kind), (451, "geographic"));
        }
    });
}

#[test]
fn readers_keep_a_consistent_snapshot_while_the_directory_is_swapped() {
    let old = Arc::new(Directory::builtin());
    let new = Arc::new(with_273());
    let current = RwLock::new(Arc::clone(&old));
    std::thread::scope(|s| {
        s.spawn(|| {
            for i in 0..200 {
                let next = if i % 2 == 0 { &new } else { &old };
                *current.write().unwrap() = Arc::clone(next);
            }
        });
        for _ in 0..7 {
            s.spawn(|| {
                for _ in 0..200 {
                    let snapshot = Arc::clone(&current.read().unwrap());
                    // Whichever directory a reader got, it is whole.
                    match snapshot.lookup(273) {
                        Some(r) => {
                            assert_eq!(r.state_province_code, "QC");
                            assert_eq!(snapshot.len(), 451);
                        }
                        None => assert_eq!(snapshot.len(), 450),
                    }
                }
            });
        }
    });
}

#[test]
fn a_directory_is_send_and_sync() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<Directory>();
    shareable::<Arc<Directory>>();
}
