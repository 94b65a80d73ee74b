//! The jurisdiction of a call: which of a US destination's rates it pays.

use std::fmt;

use serde::Serialize;

use crate::category::Category;
use crate::classify::Classification;
use crate::exchange::Exchanges;
use crate::names::named_enum;
use crate::parse::{parse, Dialed, ParseError};
use crate::record::NpaRecord;
use crate::Directory;

named_enum! {
    /// The jurisdiction of a call, as US termination is priced.
    ///
    /// ```
    /// use nanp_lerg::rating::{jurisdiction, Jurisdiction};
    ///
    /// // New Jersey to New York; New Jersey to New Jersey.
    /// assert_eq!(jurisdiction("+1 201 555 0100", "212-555-0100"), Jurisdiction::Interstate);
    /// assert_eq!(jurisdiction("2015550100", "19735550100"), Jurisdiction::Intrastate);
    /// // A withheld caller; a call to Guam.
    /// assert_eq!(jurisdiction("anonymous", "2125550100"), Jurisdiction::Indeterminate);
    /// assert_eq!(jurisdiction("2015550100", "16714720000"), Jurisdiction::NonDomestic);
    /// assert_eq!(Jurisdiction::NonDomestic.as_str(), "non-domestic");
    /// ```
    pub enum Jurisdiction ("jurisdiction") {
        /// Between two states (DC counts as one): the interstate rate.
        Interstate = "interstate",
        /// Within one state: the intrastate rate.
        Intrastate = "intrastate",
        /// The caller's state cannot be known: the indeterminate rate.
        Indeterminate = "indeterminate",
        /// The destination is not US domestic: jurisdiction does not apply.
        NonDomestic = "non-domestic",
    }
}

named_enum! {
    /// The rule that decided a call's [`Jurisdiction`], in the order the
    /// rules are tried; [`Rule::reason`] says it in words.
    pub enum Rule ("jurisdiction rule") {
        /// The dialed number is not a US-domestic NPA (Canada, the
        /// Caribbean, the Pacific territories, a non-geographic or
        /// unassigned code, or not NANP at all): US jurisdiction does not
        /// apply.
        DialedNotDomestic = "dialed-not-domestic",
        /// No calling number: empty, or written as withheld (`anonymous`,
        /// `private`, `restricted`, `unavailable`, `unknown`, `withheld`).
        AniWithheld = "ani-withheld",
        /// The calling number is not a complete NANP number (ten digits,
        /// with or without the 1): a calling number names a line.
        AniMalformed = "ani-malformed",
        /// The calling number is another country's (`+44…`).
        AniNotNanp = "ani-not-nanp",
        /// The calling number's NPA is non-geographic (toll-free, 5XX, …):
        /// it has no state.
        AniNonGeographic = "ani-non-geographic",
        /// The calling number's NPA is reserved or unassigned.
        AniUnassigned = "ani-unassigned",
        /// The calling number is Canadian (interstate by default, as common
        /// practice rates it).
        AniCanadian = "ani-canadian",
        /// The calling number is in a US territory (PR, VI, GU, MP, AS):
        /// indeterminate by default.
        AniUsTerritory = "ani-us-territory",
        /// The calling number is in another NANP country (the Caribbean
        /// nations, Bermuda): international, so indeterminate.
        AniOtherCountry = "ani-other-country",
        /// The calling number's NPA-NXX is not in service in the loaded
        /// exchanges (with that policy).
        AniNotInService = "ani-not-in-service",
        /// Both ends in the same state.
        SameState = "same-state",
        /// The ends in different states.
        DifferentStates = "different-states",
    }
}

impl Rule {
    /// The rule in words.
    pub const fn reason(self) -> &'static str {
        match self {
            Rule::DialedNotDomestic => "the dialed number is not in a US state",
            Rule::AniWithheld => "the calling number is withheld or missing",
            Rule::AniMalformed => "the calling number is not a complete number",
            Rule::AniNotNanp => "the calling number is not a NANP number",
            Rule::AniNonGeographic => "the calling number's NPA is non-geographic",
            Rule::AniUnassigned => "the calling number's NPA is reserved or unassigned",
            Rule::AniCanadian => "the calling number is Canadian",
            Rule::AniUsTerritory => "the calling number is in a US territory",
            Rule::AniOtherCountry => "the calling number is in another NANP country",
            Rule::AniNotInService => "the calling number's NPA-NXX is not in service",
            Rule::SameState => "both ends are in the same state",
            Rule::DifferentStates => "the ends are in different states",
        }
    }
}

/// A call's jurisdiction, the rule that decided it, and the states
/// compared (when both ends had one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Decision<'a> {
    /// The jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The rule that decided it.
    pub rule: Rule,
    /// The calling number's state, when it has one.
    pub ani_state: Option<&'a str>,
    /// The dialed number's state, when it is US domestic.
    pub dialed_state: Option<&'a str>,
}

impl fmt::Display for Decision<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.jurisdiction, self.rule.reason())?;
        match (self.ani_state, self.dialed_state) {
            (Some(a), Some(d)) => write!(f, " ({a} to {d})"),
            (None, Some(d)) => write!(f, " (to {d})"),
            _ => Ok(()),
        }
    }
}

/// Words CDRs write for a calling number that is not given.
const WITHHELD: [&str; 7] = [
    "anonymous",
    "private",
    "restricted",
    "unavailable",
    "unknown",
    "withheld",
    "blocked",
];

/// The rules of [`jurisdiction`], with the choices carriers differ on.
///
/// The defaults, each a documented choice:
///
/// - a Canadian calling number makes a call interstate (common practice
///   treats Canada as interstate, "interrated");
/// - a calling number in a US territory (PR, VI, GU, MP, AS) makes it
///   indeterminate;
/// - with [`exchanges`](JurisdictionPolicy::exchanges) loaded, both can
///   also be asked: a calling NPA-NXX not in service makes the call
///   indeterminate, and each end's state is its exchange's (where the
///   files know it) rather than its NPA's.
///
/// # Examples
///
/// ```
/// use nanp_lerg::rating::{Jurisdiction, JurisdictionPolicy, Rule};
///
/// let strict = JurisdictionPolicy::new().canadian_ani(Jurisdiction::Indeterminate);
/// let d = strict.decide("+1 416 555 0100", "2125550100");
/// assert_eq!((d.jurisdiction, d.rule), (Jurisdiction::Indeterminate, Rule::AniCanadian));
/// assert_eq!(d.to_string(), "indeterminate: the calling number is Canadian (to NY)");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct JurisdictionPolicy<'a> {
    pub(super) directory: &'a Directory,
    exchanges: Option<&'a Exchanges>,
    canadian_ani: Jurisdiction,
    territory_ani: Jurisdiction,
    not_in_service_indeterminate: bool,
    state_from_exchange: bool,
}

static BUILTIN: Directory = Directory::builtin();

impl Default for JurisdictionPolicy<'static> {
    fn default() -> Self {
        JurisdictionPolicy::new()
    }
}

impl JurisdictionPolicy<'static> {
    /// The default rules, over the compiled directory.
    pub const fn new() -> JurisdictionPolicy<'static> {
        JurisdictionPolicy {
            directory: &BUILTIN,
            exchanges: None,
            canadian_ani: Jurisdiction::Interstate,
            territory_ani: Jurisdiction::Indeterminate,
            not_in_service_indeterminate: false,
            state_from_exchange: false,
        }
    }
}

impl<'a> JurisdictionPolicy<'a> {
    /// Decides with `directory` (an overlay's records, say) instead of the
    /// compiled one.
    pub fn directory<'b>(self, directory: &'b Directory) -> JurisdictionPolicy<'b>
    where
        'a: 'b,
    {
        JurisdictionPolicy { directory, ..self }
    }

    /// Loads exchanges for the two exchange-level rules (which are off
    /// until asked for).
    pub fn exchanges<'b>(self, exchanges: &'b Exchanges) -> JurisdictionPolicy<'b>
    where
        'a: 'b,
    {
        JurisdictionPolicy {
            exchanges: Some(exchanges),
            ..self
        }
    }

    /// The jurisdiction of a call from a Canadian number (default
    /// interstate).
    pub fn canadian_ani(self, j: Jurisdiction) -> Self {
        JurisdictionPolicy {
            canadian_ani: j,
            ..self
        }
    }

    /// The jurisdiction of a call from a US territory (default
    /// indeterminate).
    pub fn territory_ani(self, j: Jurisdiction) -> Self {
        JurisdictionPolicy {
            territory_ani: j,
            ..self
        }
    }

    /// With exchanges: a calling NPA-NXX that the files hold but not in
    /// service makes the call indeterminate.
    pub fn not_in_service_indeterminate(self, on: bool) -> Self {
        JurisdictionPolicy {
            not_in_service_indeterminate: on,
            ..self
        }
    }

    /// With exchanges: each end's state is its exchange's, where the files
    /// know the NPA-NXX, rather than its NPA's.
    pub fn state_from_exchange(self, on: bool) -> Self {
        JurisdictionPolicy {
            state_from_exchange: on,
            ..self
        }
    }

    /// The jurisdiction of a call from `ani` to `dialed`, any dial-string
    /// form [`parse`] accepts. No allocation.
    #[inline]
    pub fn jurisdiction(&self, ani: &str, dialed: &str) -> Jurisdiction {
        self.decide(ani, dialed).jurisdiction
    }

    /// The jurisdiction, with the rule that decided it.
    pub fn decide(&self, ani: &str, dialed: &str) -> Decision<'a> {
        let to = parse(dialed)
            .ok()
            .and_then(|d| Some((d, self.us_domestic(d.npa.get())?)));
        self.decide_to(ani, to)
    }

    /// [`decide`](Self::decide) for a dialed number already parsed: `to`
    /// is it and its record when it is US domestic.
    #[inline]
    pub(crate) fn decide_to(&self, ani: &str, to: Option<(Dialed, &'a NpaRecord)>) -> Decision<'a> {
        let decision = |jurisdiction, rule, ani_state, dialed_state| Decision {
            jurisdiction,
            rule,
            ani_state,
            dialed_state,
        };
        let Some((to, to_record)) = to else {
            return decision(
                Jurisdiction::NonDomestic,
                Rule::DialedNotDomestic,
                None,
                None,
            );
        };
        let to_state = Some(self.state(&to, to_record));
        let indeterminate = |rule| decision(Jurisdiction::Indeterminate, rule, None, to_state);
        let trimmed = ani.trim();
        if trimmed.is_empty() || WITHHELD.iter().any(|w| trimmed.eq_ignore_ascii_case(w)) {
            return indeterminate(Rule::AniWithheld);
        }
        let from = match parse(trimmed) {
            Ok(from) if from.line.is_some() => from,
            Ok(_) => return indeterminate(Rule::AniMalformed),
            Err(ParseError::NotNanp { .. }) => return indeterminate(Rule::AniNotNanp),
            Err(_) => return indeterminate(Rule::AniMalformed),
        };
        let from_record = match self.directory.classify(from.npa.get()) {
            Classification::Geographic(r) => r,
            Classification::NonGeographic(_) => return indeterminate(Rule::AniNonGeographic),
            _ => return indeterminate(Rule::AniUnassigned),
        };
        match (from_record.category, from_record.country_code.as_str()) {
            (Category::Canadian, _) => {
                return decision(self.canadian_ani, Rule::AniCanadian, None, to_state)
            }
            (_, "PR" | "VI" | "GU" | "MP" | "AS") => {
                return decision(self.territory_ani, Rule::AniUsTerritory, None, to_state)
            }
            (Category::UsDomestic, _) => {}
            _ => return indeterminate(Rule::AniOtherCountry),
        }
        if self.not_in_service_indeterminate {
            if let (Some(exchanges), Some(nxx)) = (self.exchanges, from.nxx) {
                let known = exchanges.get(from.npa.get(), nxx);
                if known.is_some_and(|e| !e.status.is_in_service()) {
                    return indeterminate(Rule::AniNotInService);
                }
            }
        }
        let from_state = Some(self.state(&from, from_record));
        if from_state == to_state {
            decision(
                Jurisdiction::Intrastate,
                Rule::SameState,
                from_state,
                to_state,
            )
        } else {
            decision(
                Jurisdiction::Interstate,
                Rule::DifferentStates,
                from_state,
                to_state,
            )
        }
    }

    /// The record of a US-domestic NPA.
    #[inline]
    pub(crate) fn us_domestic(&self, npa: u16) -> Option<&'a NpaRecord> {
        self.directory
            .lookup(npa)
            .filter(|r| r.category == Category::UsDomestic)
    }

    /// A number's state: its exchange's when asked and known, else its NPA's.
    #[inline]
    fn state(&self, d: &Dialed, record: &'a NpaRecord) -> &'a str {
        if self.state_from_exchange {
            if let (Some(exchanges), Some(nxx)) = (self.exchanges, d.nxx) {
                let state = exchanges
                    .get(d.npa.get(), nxx)
                    .and_then(|e| e.state_province_code);
                if let Some(state) = state {
                    return state;
                }
            }
        }
        record.state_province_code.as_str()
    }
}

/// The jurisdiction of a call from `ani` to `dialed` under the default
/// [`JurisdictionPolicy`] and the compiled directory.
///
/// ```
/// use nanp_lerg::rating::{jurisdiction, Jurisdiction};
///
/// // DC counts as a state: DC to Maryland is interstate.
/// assert_eq!(jurisdiction("202-555-0100", "301-555-0100"), Jurisdiction::Interstate);
/// ```
#[inline]
pub fn jurisdiction(ani: &str, dialed: &str) -> Jurisdiction {
    JurisdictionPolicy::new().jurisdiction(ani, dialed)
}
