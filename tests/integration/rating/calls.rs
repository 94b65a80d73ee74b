//! Calls rated one by one: each fallback, each increment scheme, each
//! market, exact costs, every rejection.

use nanp_lerg::ratesheet::{Increment, Options, Rate, RateDeck, RateKind};
use nanp_lerg::rating::{CallRejection, Fallback, Jurisdiction, Market, Rater};
use nanp_lerg::Directory;

static DIR: Directory = Directory::builtin();

fn deck(text: &str) -> RateDeck<'static> {
    RateDeck::load(text.as_bytes(), Options::default(), &DIR).unwrap()
}

/// NJ (201) with all three rates; NY (212) inter only; FL (305) inter and
/// intra; Canada, Guam, the Dominican Republic, toll-free, the UK.
const DECK: &str = "prefix,inter,intra,indeterminate\n\
                    1201,0.0100,0.0060,0.0080\n\
                    1212,0.0120,,\n\
                    1305,0.0090,0.0070,\n\
                    1416,0.0080,0.0080,0.0080\n\
                    1671,0.1500,0.1500,0.1500\n\
                    1809,0.1100,0.1100,0.1100\n\
                    1800,0.0000,0.0000,0.0000\n\
                    44,0.0200,,\n\
                    4420,0.0150,,\n";

fn rate(s: &str) -> Rate {
    s.parse().unwrap()
}

#[test]
fn each_jurisdiction_pays_its_rate_or_falls_back() {
    let deck = deck(DECK);
    let rater = Rater::new(&deck);
    // (ANI, dialed) → (jurisdiction, kind, fallback, rate)
    let cases = [
        // NJ → NJ: intrastate, its own rate.
        (
            "2015550100",
            "2015550199",
            Jurisdiction::Intrastate,
            RateKind::Intra,
            None,
            "0.0060",
        ),
        // NY → NJ: interstate.
        (
            "2125550100",
            "2015550199",
            Jurisdiction::Interstate,
            RateKind::Inter,
            None,
            "0.0100",
        ),
        // NY → NY: 212 has no intrastate rate.
        (
            "9175550100",
            "2125550100",
            Jurisdiction::Intrastate,
            RateKind::Inter,
            Some(Fallback::IntraToInter),
            "0.0120",
        ),
        // Withheld → NJ: indeterminate, its own rate.
        (
            "anonymous",
            "2015550100",
            Jurisdiction::Indeterminate,
            RateKind::Indeterminate,
            None,
            "0.0080",
        ),
        // Withheld → FL: no indeterminate rate, the intrastate one.
        (
            "",
            "3055550100",
            Jurisdiction::Indeterminate,
            RateKind::Intra,
            Some(Fallback::IndeterminateToIntra),
            "0.0070",
        ),
        // Toll-free ANI → NY: neither indeterminate nor intrastate.
        (
            "8005550100",
            "2125550100",
            Jurisdiction::Indeterminate,
            RateKind::Inter,
            Some(Fallback::IndeterminateToInter),
            "0.0120",
        ),
        // Canadian ANI → NJ: interstate by default.
        (
            "4165550100",
            "2015550100",
            Jurisdiction::Interstate,
            RateKind::Inter,
            None,
            "0.0100",
        ),
        // PR ANI → NJ: indeterminate by default.
        (
            "7875550100",
            "2015550100",
            Jurisdiction::Indeterminate,
            RateKind::Indeterminate,
            None,
            "0.0080",
        ),
        // Non-NANP ANI → NJ.
        (
            "+442079460958",
            "2015550100",
            Jurisdiction::Indeterminate,
            RateKind::Indeterminate,
            None,
            "0.0080",
        ),
    ];
    for (ani, dialed, j, kind, fallback, r) in cases {
        let call = rater.rate(ani, dialed, "60").unwrap();
        assert_eq!(
            (
                call.decision.jurisdiction,
                call.kind,
                call.fallback,
                call.rate
            ),
            (j, kind, fallback, rate(r)),
            "{ani} -> {dialed}"
        );
        assert_eq!(call.market, Market::UsDomestic);
    }
}

#[test]
fn destinations_that_are_not_us_domestic_pay_the_interstate_rate() {
    let deck = deck(DECK);
    let rater = Rater::new(&deck);
    let cases = [
        ("4165550100", Market::Canadian, "416", "0.0080"),
        ("16714720000", Market::Pacific, "671", "0.1500"),
        ("+1 809 555 0100", Market::Caribbean, "809", "0.1100"),
        ("8005550100", Market::NonGeographic, "800", "0.0000"),
        ("+44 20 7946 0958", Market::NonNanp, "4420", "0.0150"),
        ("011 44 161 555 0100", Market::NonNanp, "44", "0.0200"),
        ("442079460958", Market::NonNanp, "4420", "0.0150"),
    ];
    for (dialed, market, matched, r) in cases {
        let call = rater.rate("2015550100", dialed, "60").unwrap();
        assert_eq!(
            call.decision.jurisdiction,
            Jurisdiction::NonDomestic,
            "{dialed}"
        );
        assert_eq!(
            (call.market, call.matched.to_string()),
            (market, matched.to_owned()),
            "{dialed}"
        );
        assert_eq!(
            (call.kind, call.rate),
            (RateKind::Inter, rate(r)),
            "{dialed}"
        );
    }
}

#[test]
fn every_increment_scheme_on_the_durations_that_matter() {
    let deck = deck(DECK);
    let durations = ["0", "1", "5", "6", "7", "59", "60", "61"];
    let schemes: [(&str, [u64; 8]); 4] = [
        ("60/60", [0, 60, 60, 60, 60, 60, 60, 120]),
        ("6/6", [0, 6, 6, 6, 12, 60, 60, 66]),
        ("30/6", [0, 30, 30, 30, 30, 60, 60, 66]),
        ("1/1", [0, 1, 5, 6, 7, 59, 60, 61]),
    ];
    for (scheme, want) in schemes {
        let increment: Increment = scheme.parse().unwrap();
        let rater = Rater::new(&deck).increment(increment);
        let billed: Vec<u64> = durations
            .iter()
            .map(|d| {
                rater
                    .rate("2125550100", "2015550100", d)
                    .unwrap()
                    .billed_seconds
            })
            .collect();
        assert_eq!(billed, want, "{scheme}");
        // The cost is the rate for the billed minutes: 0.0100 a minute,
        // exact to 24 places (rounded half up at the 24th).
        for (d, secs) in durations.iter().zip(want) {
            let call = rater.rate("2125550100", "2015550100", d).unwrap();
            let units = (rate("0.0100").units() * secs as i128 + 30) / 60;
            assert_eq!(call.cost, Rate::from_units(units, 4), "{scheme} {d}");
        }
    }
    // Durations as CDRs write them.
    let rater = Rater::new(&deck);
    for (d, secs) in [
        ("0:01:01", 66),
        ("1:01", 66),
        ("6.0", 6),
        ("6.001", 12),
        ("0.0", 0),
    ] {
        assert_eq!(
            rater
                .rate("2125550100", "2015550100", d)
                .unwrap()
                .billed_seconds,
            secs,
            "{d}"
        );
    }
}

#[test]
fn costs_are_exact_and_round_only_when_asked() {
    let deck = deck("prefix,rate\n1201,0.0100\n");
    let per_second = Rater::new(&deck).increment("1/1".parse().unwrap());
    // One billed second of a cent a minute: 1/6000 of a dollar, which has
    // no end in decimal: exact to 24 places, rounded half away from zero.
    let call = per_second.rate("2125550100", "2015550100", "1").unwrap();
    assert_eq!(call.kind, RateKind::Rate);
    assert_eq!(call.cost.to_string(), "0.000166666666666666666667");
    // Rounded to six places, as an invoice does.
    let invoice = per_second.cost_places(Some(6));
    assert_eq!(
        invoice
            .rate("2125550100", "2015550100", "1")
            .unwrap()
            .cost
            .to_string(),
        "0.000167"
    );
    assert_eq!(
        invoice
            .rate("2125550100", "2015550100", "7")
            .unwrap()
            .cost
            .to_string(),
        "0.001167"
    );
    // Six-second increments are exact at the rate's own places.
    let six = Rater::new(&deck);
    assert_eq!(
        six.rate("2125550100", "2015550100", "61")
            .unwrap()
            .cost
            .to_string(),
        "0.0110"
    );
}

#[test]
fn the_deck_gives_each_code_its_increment() {
    let periods = deck(
        "prefix,inter,intra,min_inc,add_inc\n\
         1201,0.0100,0.0060,30,6\n\
         1212,0.0120,0.0120,,\n\
         52,0.0300,,60,60\n",
    );
    let rater = Rater::new(&periods).increment("1/1".parse().unwrap());
    let call = rater.rate("2125550100", "2015550100", "31").unwrap();
    assert_eq!(
        (call.increment.to_string(), call.billed_seconds),
        ("30/6".to_owned(), 36)
    );
    // No increment on the row: the rater's.
    let call = rater.rate("2015550100", "2125550100", "31").unwrap();
    assert_eq!(
        (call.increment.to_string(), call.billed_seconds),
        ("1/1".to_owned(), 31)
    );
    let call = rater.rate("2015550100", "+52 55 5555 0100", "61").unwrap();
    assert_eq!(call.billed_seconds, 120);
    // A deck row with an increment that is not one is a rejected row.
    let bad = deck("prefix,rate,increment\n1201,0.01,6/0\n1212,0.01,60\n");
    assert_eq!(bad.len(), 1);
    assert_eq!(
        bad.summary().report().rejected_by_reason["unparseable-increment"],
        1
    );
}

#[test]
fn every_rejection_says_why() {
    let deck = deck(DECK);
    let rater = Rater::new(&deck);
    let cases = [
        (
            "2015550100",
            "3125550100",
            "60",
            CallRejection::NoMatch,
            "no code of the deck starts 13125550100",
        ),
        (
            "2015550100",
            "201555",
            "60",
            CallRejection::BadDialed,
            "201555",
        ),
        (
            "2015550100",
            "5550100",
            "60",
            CallRejection::BadDialed,
            "5550100",
        ),
        (
            "2015550100",
            "hello",
            "60",
            CallRejection::BadDialed,
            "hello",
        ),
        (
            "2015550100",
            "2825550100",
            "60",
            CallRejection::DialedUnassigned,
            "NPA 282 is not assigned",
        ),
        (
            "2015550100",
            "9115550100",
            "60",
            CallRejection::DialedUnassigned,
            "NPA 911 is not assigned",
        ),
        (
            "2015550100",
            "2015550100",
            "-5",
            CallRejection::BadDuration,
            "-5",
        ),
        (
            "2015550100",
            "2015550100",
            "",
            CallRejection::BadDuration,
            "",
        ),
        (
            "2015550100",
            "2015550100",
            "1:75",
            CallRejection::BadDuration,
            "1:75",
        ),
    ];
    for (ani, dialed, duration, reason, detail) in cases {
        let e = rater.rate(ani, dialed, duration).unwrap_err();
        assert_eq!(
            (e.reason, e.detail.as_str()),
            (reason, detail),
            "{dialed} {duration}"
        );
    }
    // A code with no rate for the jurisdiction, even after fallbacks.
    let intra_only = RateDeck::load(
        "prefix,intra\n1201,0.0060\n".as_bytes(),
        Options::default(),
        &DIR,
    )
    .unwrap();
    let e = Rater::new(&intra_only)
        .rate("2125550100", "2015550100", "60")
        .unwrap_err();
    assert_eq!(
        (e.reason, e.detail.as_str()),
        (CallRejection::NoRate, "code 201 has no interstate rate")
    );
}
