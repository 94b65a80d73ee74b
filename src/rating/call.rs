//! One call rated: its jurisdiction, the deck's code and rate for it, the
//! seconds billed and the cost.

use std::fmt;

use serde::Serialize;

use super::bill::duration_millis;
use super::jurisdiction::{Decision, Jurisdiction, JurisdictionPolicy};
use crate::classify::Classification;
use crate::names::named_enum;
use crate::parse::{parse, ParseError};
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

fn reject(reason: CallRejection, detail: impl Into<String>) -> CallError {
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
        let (prefix, market, to) = self.destination(dialed)?;
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

    /// The dialed number as a prefix to match, where it goes, and its
    /// record when it is US domestic (for the jurisdiction).
    #[inline]
    fn destination(&self, dialed: &str) -> Result<Destination<'a>, CallError> {
        let bad = || reject(CallRejection::BadDialed, dialed.trim());
        match parse(dialed) {
            Ok(d) => {
                let (Some(nxx), Some(line)) = (d.nxx, d.line) else {
                    return Err(bad());
                };
                let number = 10_000_000_000
                    + u64::from(d.npa.get()) * 10_000_000
                    + u64::from(nxx) * 10_000
                    + u64::from(line);
                let mut digits = [0u8; 11];
                let mut n = number;
                for b in digits.iter_mut().rev() {
                    *b = b'0' + (n % 10) as u8;
                    n /= 10;
                }
                let prefix = Prefix::from_digits(&digits).ok_or_else(bad)?;
                let directory = self.deck.directory();
                let market = match directory.classify(d.npa.get()) {
                    Classification::Geographic(r) => {
                        let to = self.policy.us_domestic(d.npa.get()).map(|r| (d, r));
                        return Ok((prefix, Market::of(r.category), to));
                    }
                    Classification::NonGeographic(_) => Market::NonGeographic,
                    _ => {
                        return Err(reject(
                            CallRejection::DialedUnassigned,
                            format!("NPA {} is not assigned", d.npa),
                        ))
                    }
                };
                Ok((prefix, market, None))
            }
            Err(e) => {
                let international = international(dialed, &e).ok_or_else(bad)?;
                Ok((international, Market::NonNanp, None))
            }
        }
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
    fn of(category: crate::Category) -> Market {
        match category {
            crate::Category::UsDomestic => Market::UsDomestic,
            crate::Category::Canadian => Market::Canadian,
            crate::Category::Caribbean => Market::Caribbean,
            crate::Category::Pacific => Market::Pacific,
        }
    }
}

/// A dialed number as [`Rater::rate`] reads it: the prefix to match,
/// where it goes, and its record when it is US domestic.
type Destination<'a> = (
    Prefix,
    Market,
    Option<(crate::Dialed, &'a crate::NpaRecord)>,
);

/// Another country's number as dialled from the NANP: `+44 20 …`, `011 44
/// 20 …`, or the E.164 digits with no `+` when there are twelve or more.
fn international(dialed: &str, error: &ParseError) -> Option<Prefix> {
    if let ParseError::NotNanp { .. } = error {
        return Prefix::dialled(dialed);
    }
    let trimmed = dialed.trim();
    if trimmed.starts_with('+') {
        return None;
    }
    let mut digits = [0u8; 18];
    let mut n = 0;
    for b in trimmed.bytes() {
        match b {
            b'0'..=b'9' if n < digits.len() => {
                digits[n] = b;
                n += 1;
            }
            b' ' | b'-' | b'.' | b'(' | b')' => {}
            _ => return None,
        }
    }
    let digits = &digits[..n];
    match digits.strip_prefix(b"011") {
        Some(rest) if !rest.is_empty() && rest[0] != b'1' => Prefix::from_digits(rest),
        _ if n >= 12 && digits[0] != b'0' && digits[0] != b'1' => Prefix::from_digits(digits),
        _ => None,
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
