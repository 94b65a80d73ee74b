//! `RateDeck`: a whole deck in memory: kinds, normalized keys, dates, duplicates, longest-prefix match, memory.

use super::*;
use jiff::civil::date;
use nanp_lerg::ratesheet::{Prefix, RateDeck, RateKind};

fn load(deck: &str) -> RateDeck<'static> {
    RateDeck::load(deck.as_bytes(), Options::default(), &DIR).expect("the deck loads")
}

fn prefix(s: &str) -> Prefix {
    Prefix::dialled(s).unwrap()
}

fn codes(deck: &RateDeck<'_>) -> Vec<String> {
    deck.iter().map(|e| e.prefix().to_string()).collect()
}

#[test]
fn a_prefix_deck_and_a_split_deck_hold_the_same_codes() {
    let prefixed = load(
        "prefix,rate (inter),intrastate,indeterminate\n\
         1201200,0.0040,0.0050,0.0060\n\
         1907555,0.0100,0.0110,0.0120\n",
    );
    let split = load(
        "USA - AK,1907,555,0.0100,0.0110,0.0120\n\
         USA - NJ,201,200,0.0040,0.0050,0.0060\n",
    );
    let bare = load(
        "npanxx,inter,intra,indeterm\n201200,0.0040,0.0050,0.0060\n907555,0.0100,0.0110,0.0120\n",
    );
    for deck in [&prefixed, &split, &bare] {
        assert_eq!(codes(deck), ["201200", "907555"]);
        assert_eq!(
            deck.kinds(),
            [RateKind::Inter, RateKind::Intra, RateKind::Indeterminate]
        );
        let nj = deck.get(prefix("1201200")).unwrap();
        assert_eq!(nj.rate(RateKind::Inter), Some(rate("0.0040")));
        assert_eq!(nj.rate(RateKind::Intra), Some(rate("0.0050")));
        assert_eq!(nj.rate(RateKind::Indeterminate), Some(rate("0.0060")));
        assert_eq!(nj.rate(RateKind::Rate), None);
    }
    // The headerless deck of form (b) takes its kinds by position.
    let kinds: Vec<Option<RateKind>> = split
        .detection()
        .rate_columns
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            Some(RateKind::Inter),
            Some(RateKind::Intra),
            Some(RateKind::Indeterminate)
        ]
    );
}

#[test]
fn with_and_without_the_one_a_code_is_one_code_and_the_first_row_wins() {
    let deck = load(
        "prefix,rate\n\
         1201200,0.0040\n\
         1 201 200,0.0099\n\
         +1-201-200,0.0098\n\
         1201201,0.0050\n",
    );
    assert_eq!(codes(&deck), ["201200", "201201"]);
    assert_eq!(deck.duplicates(), 2);
    let held = deck.get(prefix("1201200")).unwrap();
    assert_eq!(held.rate(RateKind::Rate), Some(rate("0.0040")));
    assert_eq!(held.line(), 2);
    let s = deck.summary();
    assert_eq!((s.rows_read(), s.accepted(), s.rejected()), (4, 4, 0));
    assert_eq!(s.duplicate_keys(), 2);
    // A deck without the 1 holds the same code.
    let bare = load("npanxx,rate\n201200,0.0040\n201201,0.0050\n");
    assert_eq!(codes(&bare), codes(&deck));
    assert_eq!(bare.get(prefix("1201200")).unwrap().prefix(), held.prefix());
    // Beside keys with the 1, a key without it is another country's (the
    // reader's rule): 201200 is then +20, Egypt, not NPA 201.
    let mixed = load("prefix,rate\n1201200,0.0040\n1201201,0.0050\n201200,0.0099\n");
    assert_eq!(codes(&mixed), ["201200", "201201", "201200"]);
    assert_eq!(mixed.iter().last().unwrap().prefix().npa(), None);

    // Rejecting duplicates: the later rows are rejected rows instead.
    let strict = RateDeck::load(
        "prefix,rate\n1201200,0.0040\n1 201 200,0.0099\n".as_bytes(),
        Options {
            duplicates: Duplicates::Reject,
            ..Options::default()
        },
        &DIR,
    )
    .unwrap();
    assert_eq!(strict.len(), 1);
    assert_eq!(strict.duplicates(), 0);
    assert_eq!(strict.summary().rejected(), 1);
    assert_eq!(
        strict.get(prefix("1201200")).unwrap().rate(RateKind::Rate),
        Some(rate("0.0040"))
    );
}

#[test]
fn longest_prefix_match_over_npa_npa_nxx_block_and_partial_keys() {
    let deck = load(
        "prefix,inter\n\
         1201,0.0100\n\
         1201555,0.0050\n\
         12015551,0.0040\n\
         120155,0.0070\n\
         12125550100,0.0900\n",
    );
    let matched = |n: &str| deck.best_match(n).map(|e| e.prefix().to_string());
    assert_eq!(matched("12015551234").as_deref(), Some("2015551"));
    assert_eq!(matched("12015552234").as_deref(), Some("201555"));
    assert_eq!(matched("12015560000").as_deref(), Some("20155"));
    assert_eq!(matched("12012000000").as_deref(), Some("201"));
    assert_eq!(matched("1201").as_deref(), Some("201"));
    assert_eq!(matched("120").as_deref(), None, "shorter than every code");
    assert_eq!(matched("+1 (212) 555-0100").as_deref(), Some("2125550100"));
    assert_eq!(matched("12125550101").as_deref(), None);
    assert_eq!(matched("2015551234").as_deref(), None, "+20 is Egypt");
    assert_eq!(matched("1201555123456789").as_deref(), None, "16 digits");
    assert_eq!(matched("1201 ext 5").as_deref(), None);
    assert_eq!(
        deck.best_match("12015552234")
            .unwrap()
            .rate(RateKind::Inter),
        Some(rate("0.0050"))
    );
    // Exact lookups find only the code itself.
    assert!(deck.get(prefix("1201555")).is_some());
    assert!(deck.get(prefix("12015552")).is_none());
    assert_eq!(
        deck.longest_match(prefix("12015552")).unwrap().prefix(),
        prefix("1201555")
    );
    assert_eq!(
        codes(&deck),
        ["201", "20155", "201555", "2015551", "2125550100"],
        "in the order of their digits"
    );
}

#[test]
fn other_countries_codes_are_kept_as_dialled_and_matched_too() {
    let deck = load(
        "Mexico,52,0.0151\n\
         Mexico - Mobile,521,0.0178\n\
         United Kingdom,44,0.0062\n\
         United Kingdom - Mobile,447,0.0113\n\
         USA - New Jersey,1201,0.0045\n\
         Guam,1671,0.1190\n",
    );
    assert_eq!(deck.kinds(), [RateKind::Rate]);
    assert_eq!(deck.summary().non_nanp(), 4);
    assert_eq!(deck.len(), 6);
    let m = deck.best_match("447700900123").unwrap();
    assert_eq!(m.prefix().to_string(), "447");
    assert_eq!(m.prefix().npa(), None);
    assert_eq!(m.rate(RateKind::Rate), Some(rate("0.0113")));
    assert_eq!(
        deck.best_match("+52 55 1234 5678")
            .unwrap()
            .prefix()
            .to_string(),
        "52"
    );
    assert_eq!(
        deck.best_match("16715550100").unwrap().rate(RateKind::Rate),
        Some(rate("0.1190"))
    );
    // +1 codes first, then other countries', each in digit order.
    assert_eq!(codes(&deck), ["201", "671", "44", "447", "52", "521"]);
}

#[test]
fn effective_dates_are_held_and_an_unparseable_one_is_a_rejected_row() {
    let deck = load(
        "prefix,inter,intra,effective\n\
         1201200,0.0040,0.0050,3/31/25\n\
         1201201,0.0040,0.0050,2025-03-31\n\
         1201202,0.0040,0.0050,31-MAR-25\n\
         1201203,0.0040,0.0050,03/31/2025\n\
         1201204,0.0040,0.0050,31/03/2025\n\
         1201205,0.0040,0.0050,\n",
    );
    for code in ["1201200", "1201201", "1201202", "1201203"] {
        assert_eq!(
            deck.get(prefix(code)).unwrap().effective(),
            Some(date(2025, 3, 31)),
            "{code}"
        );
    }
    assert!(deck.get(prefix("1201204")).is_none(), "rejected, not held");
    assert_eq!(deck.get(prefix("1201205")).unwrap().effective(), None);
    let report = deck.summary().report();
    assert_eq!(report.rejected_by_reason.get("unparseable-date"), Some(&1));
    assert_eq!(report.first_rejected[0].line, 6);
    assert_eq!(deck.len(), 5);
}

#[test]
fn a_repeated_column_name_is_not_held_and_the_detection_says_so() {
    let deck = load(
        "prefix,rate (inter),intrastate,intrastate\n\
         1201200,0.0040,0.0050,0.0060\n",
    );
    assert_eq!(deck.kinds(), [RateKind::Inter, RateKind::Intra]);
    let e = deck.get(prefix("1201200")).unwrap();
    assert_eq!(
        e.rates(),
        [Some(rate("0.0040")), Some(rate("0.0050")), None, None]
    );
    assert_eq!(deck.detection().rate_columns[2].kind, None);
}

#[test]
fn a_deck_with_no_rate_kind_is_refused() {
    let e = RateDeck::load(
        "prefix,price a,price b\n1201200,0.01,0.02\n".as_bytes(),
        Options::default(),
        &DIR,
    )
    .unwrap_err();
    assert!(
        matches!(e, OpenError::Detect(DetectError::NoRateKind { columns: 2 })),
        "{e:?}"
    );
    assert!(e.to_string().contains("none of the deck's 2 rate columns"));
    let e = RateDeck::load("".as_bytes(), Options::default(), &DIR).unwrap_err();
    assert!(
        matches!(e, OpenError::Detect(DetectError::NoDataRows)),
        "{e:?}"
    );
}

#[test]
fn a_read_error_part_way_is_an_error_not_a_partial_deck() {
    struct Failing(Vec<u8>);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0.drain(..n);
            Ok(n)
        }
    }
    let mut deck = b"prefix,rate\n".to_vec();
    for i in 0..10_000 {
        deck.extend_from_slice(format!("1201{:03}{},0.01\n", 200 + i / 10, i % 10).as_bytes());
    }
    let e = RateDeck::load(Failing(deck), Options::default(), &DIR).unwrap_err();
    assert!(matches!(e, OpenError::Io(_)), "{e:?}");
    assert!(e.to_string().contains("disk on fire"), "{e}");
}

#[test]
fn rates_too_precise_to_pack_are_held_exactly() {
    let deck =
        load("prefix,rate\n1201200,0.123456789012345678901234\n1201201,0.30000000000000004\n");
    assert_eq!(
        deck.get(prefix("1201200"))
            .unwrap()
            .rate(RateKind::Rate)
            .unwrap()
            .to_string(),
        "0.123456789012345678901234"
    );
    assert_eq!(
        deck.get(prefix("1201201"))
            .unwrap()
            .rate(RateKind::Rate)
            .unwrap()
            .to_string(),
        "0.30000000000000004"
    );
}

#[test]
fn a_large_npa_nxx_x_deck_is_held_in_at_most_64_bytes_a_code() {
    let npas: Vec<u16> = nanp_lerg::records().map(|r| r.npa.get()).collect();
    let rows = 100_000;
    let mut deck = String::from("prefix,inter,intra,indeterminate,effective\n");
    for i in 0..rows {
        let npa = npas[i / 1000];
        let j = i % 1000;
        deck.push_str(&format!(
            "1{npa}{}{},0.0040,0.0050,0.0060,2025-07-01\n",
            200 + j / 10,
            j % 10
        ));
    }
    let deck = load(&deck);
    assert_eq!(deck.len(), rows);
    let per_code = deck.heap_bytes() / rows;
    assert!(per_code <= 64, "{per_code} bytes a code");
    assert_eq!(
        deck.best_match("12012005555").unwrap().prefix().to_string(),
        "2012005"
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// A key a deck may hold, dialled internationally: 1 + NPA and up to
    /// seven digits more (the NXX starting 2-9), or another country's code.
    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            (
                prop::sample::select(&["201", "212", "907", "671", "800"][..]),
                prop::option::of((2u8..10, prop::collection::vec(0u8..10, 0..7))),
            )
                .prop_map(|(npa, rest)| {
                    let mut k = format!("1{npa}");
                    if let Some((first, more)) = rest {
                        k.push(char::from(b'0' + first));
                        k.extend(more.iter().map(|d| char::from(b'0' + d)));
                    }
                    k
                }),
            (2u8..10, prop::collection::vec(0u8..10, 0..6)).prop_map(|(first, more)| {
                let mut k = String::from(char::from(b'0' + first));
                k.extend(more.iter().map(|d| char::from(b'0' + d)));
                k
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// `best_match` is the longest held code the number starts with,
        /// as a scan of every code finds it; `get` finds exactly the codes.
        #[test]
        fn best_match_is_the_longest_code_the_number_starts_with(
            keys in prop::collection::vec(key(), 1..60),
            tails in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(0u8..10, 0..8)), 1..30),
        ) {
            let mut deck = String::from("prefix,rate\n");
            for (i, k) in keys.iter().enumerate() {
                deck.push_str(&format!("{k},0.{:04}\n", i + 1));
            }
            let options = Options { leading_one: LeadingOne::Present, ..Options::default() };
            let deck = RateDeck::load(deck.as_bytes(), options, &DIR).unwrap();
            let mut held: Vec<&String> = Vec::new();
            for k in &keys {
                if !held.contains(&k) {
                    held.push(k);
                }
            }
            prop_assert_eq!(deck.len(), held.len());
            for k in &held {
                let e = deck.get(Prefix::dialled(k).unwrap()).unwrap();
                prop_assert_eq!(e.prefix().international(), k.as_str());
                // The first row of the code wins.
                let first = keys.iter().position(|x| x == *k).unwrap();
                prop_assert_eq!(e.line(), first as u64 + 2);
            }
            let mut order: Vec<String> = deck.iter().map(|e| e.prefix().international()).collect();
            let sorted = { let mut s = order.clone(); s.sort(); s };
            prop_assert_eq!(&order, &sorted);
            order.dedup();
            prop_assert_eq!(order.len(), held.len());
            for (at, tail) in tails {
                let mut number = (*at.get(&keys)).clone();
                number.extend(tail.iter().map(|d| char::from(b'0' + d)));
                number.truncate(15);
                let expected = held
                    .iter()
                    .filter(|k| number.starts_with(k.as_str()))
                    .max_by_key(|k| k.len())
                    .map(|k| (*k).clone());
                let found = deck.best_match(&number).map(|e| e.prefix().international());
                prop_assert_eq!(found, expected, "number {}", number);
            }
        }
    }
}
