//! Every jurisdiction rule on hand-made calls.

use nanp_lerg::exchange::Exchanges;
use nanp_lerg::rating::{jurisdiction, Jurisdiction, JurisdictionPolicy, Rule};
use nanp_lerg::Directory;

use Jurisdiction::{Indeterminate, Interstate, Intrastate, NonDomestic};

/// (ANI, dialed) → (jurisdiction, rule) under the default policy.
fn decided(ani: &str, dialed: &str) -> (Jurisdiction, Rule) {
    let d = JurisdictionPolicy::new().decide(ani, dialed);
    assert_eq!(jurisdiction(ani, dialed), d.jurisdiction);
    (d.jurisdiction, d.rule)
}

#[test]
fn the_states_of_two_us_numbers_decide() {
    // New Jersey (201, 973) and New York (212).
    assert_eq!(
        decided("2015550100", "9735550100"),
        (Intrastate, Rule::SameState)
    );
    assert_eq!(
        decided("+1 201 555 0100", "1-212-555-0100"),
        (Interstate, Rule::DifferentStates)
    );
    // DC is a state of its own: DC (202) to Maryland (301), and within DC.
    assert_eq!(
        decided("2025550100", "3015550100"),
        (Interstate, Rule::DifferentStates)
    );
    assert_eq!(
        decided("(202) 555-0100", "202.555.0199"),
        (Intrastate, Rule::SameState)
    );
    // Every form parse accepts, on both ends.
    assert_eq!(
        decided("12015550100", "+19735550100"),
        (Intrastate, Rule::SameState)
    );
    let d = JurisdictionPolicy::new().decide("2015550100", "2125550100");
    assert_eq!((d.ani_state, d.dialed_state), (Some("NJ"), Some("NY")));
}

#[test]
fn a_destination_that_is_not_us_domestic_has_no_jurisdiction() {
    for dialed in [
        "4165550100",    // Toronto
        "8765550100",    // Jamaica
        "7875550100",    // Puerto Rico: a US territory, priced apart
        "6714720000",    // Guam
        "8005550100",    // toll-free
        "2825550100",    // unassigned
        "+442079460958", // not NANP
        "not a number",
    ] {
        assert_eq!(
            decided("2015550100", dialed),
            (NonDomestic, Rule::DialedNotDomestic),
            "{dialed}"
        );
    }
}

#[test]
fn a_calling_number_without_a_state_is_indeterminate() {
    let cases = [
        ("", Rule::AniWithheld),
        ("   ", Rule::AniWithheld),
        ("anonymous", Rule::AniWithheld),
        ("Anonymous", Rule::AniWithheld),
        ("RESTRICTED", Rule::AniWithheld),
        ("+44 20 7946 0958", Rule::AniNotNanp),
        ("abc", Rule::AniMalformed),
        ("555", Rule::AniMalformed),
        ("201", Rule::AniMalformed),
        ("201555", Rule::AniMalformed),
        ("8005550100", Rule::AniNonGeographic),
        ("5005550100", Rule::AniNonGeographic),
        ("2825550100", Rule::AniUnassigned),
        ("9115550100", Rule::AniUnassigned),
        ("7875550100", Rule::AniUsTerritory),
        ("3405550100", Rule::AniUsTerritory),
        ("6715550100", Rule::AniUsTerritory),
        ("8765550100", Rule::AniOtherCountry),
        ("4415550100", Rule::AniOtherCountry),
    ];
    for (ani, rule) in cases {
        assert_eq!(decided(ani, "2125550100"), (Indeterminate, rule), "{ani:?}");
    }
}

#[test]
fn canadian_callers_are_interstate_by_default() {
    assert_eq!(
        decided("4165550100", "2125550100"),
        (Interstate, Rule::AniCanadian)
    );
    assert_eq!(
        decided("+1 604 555 0100", "2065550100"),
        (Interstate, Rule::AniCanadian)
    );
}

#[test]
fn the_policy_options_change_what_they_say() {
    let policy = JurisdictionPolicy::new()
        .canadian_ani(Indeterminate)
        .territory_ani(Interstate);
    assert_eq!(
        policy.jurisdiction("4165550100", "2125550100"),
        Indeterminate
    );
    assert_eq!(policy.jurisdiction("7875550100", "2125550100"), Interstate);
    // An overlay that moves an NPA moves the answer.
    let mut dir = Directory::builtin();
    dir.update(201, |r| {
        r.state_province_code = "NY".parse().unwrap();
        r.state_province_name = "New York".into();
        r.state_province_codes = vec![r.state_province_code].into();
    })
    .unwrap()
    .unwrap();
    let policy = JurisdictionPolicy::new().directory(&dir);
    assert_eq!(policy.jurisdiction("2015550100", "2125550100"), Intrastate);
}

#[test]
fn exchange_level_rules_when_exchanges_are_loaded() {
    let dir = Directory::builtin();
    let mut builder = Exchanges::builder(&dir);
    // 201-555 is not in service; 201-556 sits across the state line.
    let lerg = "NPA,NXX,status,LOC_STATE,OCN\n\
                201,555,available,NJ,\n\
                201,556,,NY,1234\n\
                212,200,,NY,9104\n";
    builder.read("x.csv", lerg.as_bytes(), None);
    let exchanges = builder.build().unwrap();

    let base = JurisdictionPolicy::new().exchanges(&exchanges);
    // Off until asked for.
    assert_eq!(base.jurisdiction("2015550100", "2125550100"), Interstate);
    assert_eq!(base.jurisdiction("2015560100", "2122000100"), Interstate);

    let not_in_service = base.not_in_service_indeterminate(true);
    let d = not_in_service.decide("2015550100", "2125550100");
    assert_eq!(
        (d.jurisdiction, d.rule),
        (Indeterminate, Rule::AniNotInService)
    );
    // A code the files do not hold is not "not in service".
    assert_eq!(
        not_in_service.jurisdiction("2015570100", "2125550100"),
        Interstate
    );

    let by_exchange = base.state_from_exchange(true);
    let d = by_exchange.decide("2015560100", "2122000100");
    assert_eq!((d.jurisdiction, d.ani_state), (Intrastate, Some("NY")));
    // An NPA-NXX the files do not hold keeps its NPA's state.
    assert_eq!(
        by_exchange.jurisdiction("2015570100", "2122000100"),
        Interstate
    );
}
