//! The sample decks under data/samples: every row accounted for, against an independent count of lines.

use super::*;

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
    assert_eq!(rejected, crate::common::DECK_A_REJECTS);
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

fn sample_deck(name: &str) -> nanp_lerg::ratesheet::RateDeck<'static> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/samples")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    nanp_lerg::ratesheet::RateDeck::load(&bytes[..], Options::default(), &DIR).unwrap()
}

/// The figures data/README.md states for the compare samples, counted by hand.
#[test]
fn the_compare_samples_give_the_figures_counted_by_hand() {
    use nanp_lerg::ratesheet::{Comparison, RateKind};
    let (acme, bolt) = (sample_deck("acme.csv"), sample_deck("bolt.csv"));
    for (deck, rows) in [(&acme, 19), (&bolt, 17)] {
        let s = deck.summary();
        assert_eq!((s.rows_read(), s.accepted(), s.rejected()), (rows, rows, 0));
        assert_eq!(deck.len() as u64, rows);
    }
    let cmp = Comparison::new(vec![("acme".into(), &acme), ("bolt".into(), &bolt)]).unwrap();
    let s = cmp.summarize();
    assert_eq!((s.codes_total(), s.codes_in_all()), (23, 16));
    assert_eq!(s.only_in(), [6, 1]);
    assert_eq!(
        (
            s.wins(RateKind::Inter, 0),
            s.wins(RateKind::Inter, 1),
            s.ties(RateKind::Inter)
        ),
        (11, 9, 3)
    );
    // bolt's 305201 is priced by acme's NPA-level 1305.
    let row = cmp
        .codes()
        .find(|c| c.prefix().to_string() == "305201")
        .unwrap();
    assert_eq!(row.matched(0).unwrap().to_string(), "305");
    assert_eq!(cmp.cheapest_cell(&row, RateKind::Inter), "bolt");
}

/// The figures data/README.md states for the diff samples, counted by hand.
#[test]
fn the_diff_samples_give_the_figures_counted_by_hand() {
    use nanp_lerg::ratesheet::{Change, Diff, DiffSummary, Notice};
    let (old, new) = (sample_deck("acme_previous.csv"), sample_deck("acme.csv"));
    let notice = Notice {
        as_of: jiff::civil::date(2025, 7, 1),
        days: 7,
    };
    let s = DiffSummary::summarize(&Diff::new(&old, &new), notice);
    assert_eq!((s.codes_old(), s.codes_new(), s.unchanged()), (18, 19, 11));
    assert_eq!(Change::ALL.map(|c| s.count(c)), [9, 2, 3, 3]);
    assert_eq!(s.short_notice(), 4);
    assert_eq!(s.category_count("pacific", Change::Increase), 3);
    let first: Vec<String> = s
        .first_short_notice()
        .iter()
        .map(|n| format!("{} {}", n.code, n.kind))
        .collect();
    assert_eq!(
        first,
        [
            "201202 inter",
            "671472 inter",
            "671472 intra",
            "671472 indeterminate"
        ]
    );
}
