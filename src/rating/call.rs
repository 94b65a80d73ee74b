//! One call rated: its jurisdiction, the deck's code and rate for it, the
//! seconds billed and the cost.

use std::fmt;

use serde::Serialize;

use super::bill::duration_millis;
use super::jurisdiction::{Decision, Jurisdiction, JurisdictionPolicy};
use crate::names::named_enum;
use crate::ratesheet::{Increment, Prefix, Rate, RateDeck, RateKind, SCALE};

named_enum! {
    /// A rate taken in place of the one a jurisdiction calls for, because
    /// the matched code has none: indeterminate traffic is commonly billed
    /// at the intrastate rate, and both fall back to the interstate one.
    pub enum Fallback ("fallback") {
        /// Intrastate call, no intrastate rate: the interstate one.
        IntraToInter = "intra->inter",
        /// Indeterminate call, no indeterminate rate: the intrastate one.
        IndeterminateToIntra = "indeterminate->intra",
        /// Indeterminate call, neither indeterminate nor intrastate rate:
        /// the interstate one.
        IndeterminateToInter = "indeterminate->inter",
    }
}

named_enum! {
    /// Where a dialed number goes, as rating summaries group calls: the
    /// four billing categories, a non-geographic NANP service, or another
    /// country.
    pub enum Market ("market") {
        /// A US state or DC.
        UsDomestic = "us-domestic",
        /// Canada.
        Canadian = "canadian",
        /// The Caribbean, Bermuda, Puerto Rico and the US Virgin Islands.
        Caribbean = "caribbean",
        /// Guam, the Northern Mariana Islands, American Samoa.
        Pacific = "pacific",
        /// A non-geographic NANP code (toll-free, premium, 5XX, …).
        NonGeographic = "non-geographic",
        /// Not +1.
        NonNanp = "non-nanp",
    }
}

named_enum! {
    /// Why a call could not be rated.
    pub enum CallRejection ("call rejection") {
        /// The row has fewer fields than the calling, dialed and duration
        /// columns need.
        MissingField = "missing-field",
        /// The row has more non-empty fields than the header has columns:
        /// its fields would not line up with the header's.
        ExtraFields = "extra-fields",
        /// The dialed number is not a complete NANP number nor an
        /// international one (`+44…`, `011 44…`, or twelve digits or more).
        BadDialed = "bad-dialed",
        /// The dialed number's NPA is reserved or not assigned.
        DialedUnassigned = "dialed-unassigned",
        /// The duration is not whole or decimal seconds nor `H:MM:SS`.
        BadDuration = "bad-duration",
        /// No code of the deck starts the dialed number.
        NoMatch = "no-match",
        /// The matched code has no rate for the call's jurisdiction, even
        /// after the fallbacks.
        NoRate = "no-rate",
        /// The cost is past what 128 bits of 10^-24 hold (a rate or a
        /// duration that cannot be real).
        CostOverflow = "cost-overflow",
        /// A quoted field never closes (the row is its first line).
        UnterminatedQuote = "unterminated-quote",
        /// The row is longer than the reader holds.
        RowTooLong = "row-too-long",
        /// The row is not UTF-8, with `utf-8` forced.
        InvalidUtf8 = "invalid-utf8",
    }
}

/// A call that could not be rated: why, and the value at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    /// Why.
    pub reason: CallRejection,
    /// The value at fault, or what is missing.
    pub detail: String,
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason, self.detail)
    }
}

impl std::error::Error for CallError {}

pub(super) fn reject(reason: CallRejection, detail: impl Into<String>) -> CallError {
    CallError {
        reason,
        detail: detail.into(),
    }
}

/// A rated call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RatedCall<'a> {
    /// The call's jurisdiction, and the rule that decided it.
    pub decision: Decision<'a>,
    /// Where the call went.
    pub market: Market,
    /// The deck's code that matched (the longest that starts the number).
    pub matched: Prefix,
    /// The kind of rate the call paid.
    pub kind: RateKind,
    /// The fallback taken, when the jurisdiction's own rate was missing.
    pub fallback: Option<Fallback>,
    /// The rate per minute.
    pub rate: Rate,
    /// The increment billed in.
    pub increment: Increment,
    /// The seconds billed.
    pub billed_seconds: u64,
    /// `rate × billed_seconds / 60`.
    pub cost: Rate,
}

/// Rates calls against a [`RateDeck`]: the jurisdiction by a
/// [`JurisdictionPolicy`], the code by longest-prefix match, the rate by
/// jurisdiction with the documented fallbacks, the seconds by increment,
/// the cost exactly.
///
/// Which rate a call pays: interstate → `inter`; intrastate → `intra`,
/// else `inter`; indeterminate → `indeterminate`, else `intra`, else
/// `inter`; non-domestic → `inter`. A deck with one rate column (kind
/// `rate`) prices every call with it. The increment is the matched row's,
/// when the deck has increment columns, else the rater's (default `6/6`).
///
/// The cost is `rate × billed seconds / 60` in units of 10^-24: exact
/// whenever it has at most 24 decimal places (always, for increments of
/// six seconds), else rounded half away from zero at the 24th;
/// [`Rater::cost_places`] rounds each call to fewer places, as an invoice
/// does.
///
/// # Examples
///
/// ```
/// use nanp_lerg::ratesheet::{Options, RateDeck, RateKind};
/// use nanp_lerg::rating::{Fallback, Jurisdiction, Rater};
/// use nanp_lerg::Directory;
///
/// let dir = Directory::builtin();
/// let deck = "prefix,inter,intra\n1212,0.0100,\n1201,0.0100,0.0060\n";
/// let deck = RateDeck::load(deck.as_bytes(), Options::default(), &dir).unwrap();
/// let rater = Rater::new(&deck);
///
/// // New Jersey to New Jersey, 61 seconds in 6/6: 66 seconds at 0.0060.
/// let call = rater.rate("2015550100", "2015550199", "61").unwrap();
/// assert_eq!(call.decision.jurisdiction, Jurisdiction::Intrastate);
/// assert_eq!((call.kind, call.billed_seconds), (RateKind::Intra, 66));
/// assert_eq!(call.cost.to_string(), "0.0066");
///
/// // New Jersey to New York: 212 has no intrastate rate, but this is
/// // interstate anyway; within New York it falls back.
/// let call = rater.rate("2015550100", "12125550100", "0:00:30").unwrap();
/// assert_eq!((call.kind, call.fallback), (RateKind::Inter, None));
/// let call = rater.rate("9175550100", "12125550100", "30").unwrap();
/// assert_eq!(call.fallback, Some(Fallback::IntraToInter));
///
/// let e = rater.rate("2015550100", "3055550100", "30").unwrap_err();
/// assert_eq!(e.to_string(), "no-match: no code of the deck starts 13055550100");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Rater<'a> {
    deck: &'a RateDeck<'a>,
    policy: JurisdictionPolicy<'a>,
    increment: Increment,
    cost_places: Option<u8>,
    single_rate: bool,
}

impl<'a> Rater<'a> {
    /// Rates against `deck`, with the default [`JurisdictionPolicy`] over
    /// the deck's directory and the `6/6` increment.
    pub fn new(deck: &'a RateDeck<'a>) -> Rater<'a> {
        Rater {
            deck,
            policy: JurisdictionPolicy::new().directory(deck.directory()),
            increment: Increment::default(),
            cost_places: None,
            single_rate: deck.kinds() == [RateKind::Rate],
        }
    }

    /// Decides jurisdictions with `policy`.
    pub fn policy(self, policy: JurisdictionPolicy<'a>) -> Rater<'a> {
        Rater { policy, ..self }
    }

    /// Bills in `increment` where the deck gives none.
    pub fn increment(self, increment: Increment) -> Rater<'a> {
        Rater { increment, ..self }
    }

    /// Rounds each call's cost half away from zero to `places` decimals
    /// (at most 24); `None`, the default, keeps all 24.
    pub fn cost_places(self, places: Option<u8>) -> Rater<'a> {
        Rater {
            cost_places: places.map(|p| p.min(SCALE as u8)),
            ..self
        }
    }

    /// The deck.
    pub fn deck(&self) -> &'a RateDeck<'a> {
        self.deck
    }

    /// Rates one call from `ani` to `dialed` lasting `duration` (as a CDR
    /// writes them; see [`duration_millis`](super::duration_millis)).
    ///
    /// # Errors
    ///
    /// [`CallError`], with a [`CallRejection`] and the value at fault.
    pub fn rate(
        &self,
        ani: &str,
        dialed: &str,
        duration: &str,
    ) -> Result<RatedCall<'a>, CallError> {
        let millis = duration_millis(duration)
            .ok_or_else(|| reject(CallRejection::BadDuration, duration.trim()))?;
        let (prefix, market, to) = self.policy.destination(dialed)?;
        let decision = self.policy.decide_to(ani, to);
        let entry = self.deck.longest_match(prefix).ok_or_else(|| {
            reject(
                CallRejection::NoMatch,
                format!("no code of the deck starts {}", prefix.international()),
            )
        })?;
        let (kind, fallback, rate) = self
            .choose(decision.jurisdiction, |k| entry.rate(k))
            .ok_or_else(|| {
                reject(
                    CallRejection::NoRate,
                    format!(
                        "code {} has no {} rate",
                        entry.prefix(),
                        decision.jurisdiction
                    ),
                )
            })?;
        let increment = entry.increment().unwrap_or(self.increment);
        let billed_seconds = increment.billed_seconds(millis);
        let cost = cost(rate, billed_seconds, self.cost_places).ok_or_else(|| {
            reject(
                CallRejection::CostOverflow,
                format!("{rate} a minute for {billed_seconds} seconds"),
            )
        })?;
        Ok(RatedCall {
            decision,
            market,
            matched: entry.prefix(),
            kind,
            fallback,
            rate,
            increment,
            billed_seconds,
            cost,
        })
    }

    /// The kind of rate a jurisdiction pays, the fallback taken, and the
    /// rate, from `rate_of` (the matched code's rates).
    #[inline]
    fn choose(
        &self,
        j: Jurisdiction,
        rate_of: impl Fn(RateKind) -> Option<Rate>,
    ) -> Option<(RateKind, Option<Fallback>, Rate)> {
        if self.single_rate {
            return rate_of(RateKind::Rate).map(|r| (RateKind::Rate, None, r));
        }
        let try_kind = |kind, fallback| rate_of(kind).map(|r| (kind, fallback, r));
        match j {
            Jurisdiction::Interstate | Jurisdiction::NonDomestic => try_kind(RateKind::Inter, None),
            Jurisdiction::Intrastate => try_kind(RateKind::Intra, None)
                .or_else(|| try_kind(RateKind::Inter, Some(Fallback::IntraToInter))),
            Jurisdiction::Indeterminate => try_kind(RateKind::Indeterminate, None)
                .or_else(|| try_kind(RateKind::Intra, Some(Fallback::IndeterminateToIntra)))
                .or_else(|| try_kind(RateKind::Inter, Some(Fallback::IndeterminateToInter))),
        }
    }
}

impl Market {
    pub(super) fn of(category: crate::Category) -> Market {
        match category {
            crate::Category::UsDomestic => Market::UsDomestic,
            crate::Category::Canadian => Market::Canadian,
            crate::Category::Caribbean => Market::Caribbean,
            crate::Category::Pacific => Market::Pacific,
        }
    }
}

/// `rate × seconds / 60`, rounded half away from zero at `places`
/// decimals (24 when `None`), shown with at least the rate's places.
#[inline]
pub(crate) fn cost(rate: Rate, seconds: u64, places: Option<u8>) -> Option<Rate> {
    let total = rate.units().checked_mul(i128::from(seconds))?;
    let unit = match places {
        Some(p) => 10i128.pow(SCALE - u32::from(p)),
        None => 1,
    };
    let denominator = 60 * unit;
    let rounded = (total + total.signum() * (denominator / 2)) / denominator * unit;
    let shown = match places {
        Some(p) => p,
        None => rate.places(),
    };
    Some(Rate::from_units(rounded, shown))
}
