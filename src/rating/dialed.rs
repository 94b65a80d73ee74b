//! Reading a dialed number as rating does: the prefix to match in a
//! deck, the market it goes to, and whether it can be priced at all.

use super::call::{reject, CallError, CallRejection, Market};
use super::jurisdiction::{Decision, JurisdictionPolicy};
use crate::classify::Classification;
use crate::parse::{parse, ParseError};
use crate::ratesheet::Prefix;

/// A dialed number as [`Rater::rate`](super::Rater::rate) reads it: the prefix to match,
/// where it goes, and its record when it is US domestic.
pub(crate) type Destination<'a> = (
    Prefix,
    Market,
    Option<(crate::Dialed, &'a crate::NpaRecord)>,
);

impl<'a> JurisdictionPolicy<'a> {
    /// Like [`decide`](Self::decide), but a dialed number that no call
    /// could be priced to is an error, as [`Rater::rate`](super::Rater::rate)
    /// finds it: not a complete NANP number nor another country's
    /// (`bad-dialed`), or an NPA that is reserved or unassigned
    /// (`dialed-unassigned`).
    ///
    /// # Examples
    ///
    /// ```
    /// use nanp_lerg::rating::{CallRejection, Jurisdiction, JurisdictionPolicy};
    ///
    /// let policy = JurisdictionPolicy::new();
    /// let d = policy.decide_dialed("2015550100", "+44 20 7946 0958").unwrap();
    /// assert_eq!(d.jurisdiction, Jurisdiction::NonDomestic);
    /// let e = policy.decide_dialed("2015550100", "911").unwrap_err();
    /// assert_eq!(e.reason, CallRejection::BadDialed);
    /// let e = policy.decide_dialed("2015550100", "282-555-0100").unwrap_err();
    /// assert_eq!(e.to_string(), "dialed-unassigned: NPA 282 is not assigned");
    /// ```
    ///
    /// # Errors
    ///
    /// [`CallError`] with [`CallRejection::BadDialed`] or
    /// [`CallRejection::DialedUnassigned`].
    pub fn decide_dialed(&self, ani: &str, dialed: &str) -> Result<Decision<'a>, CallError> {
        let (_, _, to) = self.destination(dialed)?;
        Ok(self.decide_to(ani, to))
    }

    /// The dialed number as a prefix to match, where it goes, and its
    /// record when it is US domestic (for the jurisdiction).
    #[inline]
    pub(crate) fn destination(&self, dialed: &str) -> Result<Destination<'a>, CallError> {
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
                let market = match self.directory.classify(d.npa.get()) {
                    Classification::Geographic(r) => {
                        let to = self.us_domestic(d.npa.get()).map(|r| (d, r));
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
}

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
