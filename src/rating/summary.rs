//! [`RatingSummary`]: what a run of call records came to, exactly.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::call::{CallError, CallRejection, Fallback, Market, RatedCall};
use super::jurisdiction::Jurisdiction;
use crate::ratesheet::{Rate, SCALE};

/// Rejected calls kept as examples.
const EXAMPLES: usize = 10;

/// Calls, seconds and cost of a group of calls. The cost is exact: the sum
/// of the calls' costs in units of 10^-24.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Calls rated.
    pub calls: u64,
    /// Seconds billed.
    pub billed_seconds: u64,
    /// The cost, in units of 10^-24.
    cost: i128,
    /// The most decimal places a call's cost was shown with.
    places: u8,
}

impl Totals {
    /// The cost, exactly, shown with the most places any call's had.
    pub fn cost(&self) -> Rate {
        Rate::from_units(self.cost, self.places)
    }

    fn add(&mut self, call: &RatedCall<'_>) -> Option<()> {
        self.calls += 1;
        self.billed_seconds = self.billed_seconds.checked_add(call.billed_seconds)?;
        self.cost = self.cost.checked_add(call.cost.units())?;
        self.places = self.places.max(call.cost.places());
        Some(())
    }

    fn merge(&mut self, other: &Totals) -> Option<()> {
        self.calls += other.calls;
        self.billed_seconds = self.billed_seconds.checked_add(other.billed_seconds)?;
        self.cost = self.cost.checked_add(other.cost)?;
        self.places = self.places.max(other.places);
        Some(())
    }
}

impl Serialize for Totals {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("calls", &self.calls)?;
        m.serialize_entry("billed_seconds", &self.billed_seconds)?;
        m.serialize_entry("cost", &self.cost().to_string())?;
        m.end()
    }
}

/// A rejected call, as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedCall {
    /// The record's line.
    pub line: u64,
    /// Why.
    pub reason: CallRejection,
    /// The value at fault.
    pub detail: String,
}

/// The figures of a run of call records: every record read is rated or
/// rejected (`rated + rejected == cdrs_read`); calls, seconds and cost per
/// jurisdiction and per destination market, exact; the fallbacks taken.
///
/// Serialized with the keys `cdrs_read`, `rated`, `rejected`, `balanced`,
/// `blank_lines`, `transcoded_rows`, `rejected_by_reason`,
/// `first_rejected`, `jurisdictions`, `categories` (the markets), `billed_seconds`,
/// `total_cost` (a decimal string) and `fallbacks`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RatingSummary {
    cdrs_read: u64,
    rejected_by_reason: BTreeMap<CallRejection, u64>,
    first_rejected: Vec<RejectedCall>,
    jurisdictions: [Totals; 4],
    markets: [Totals; 6],
    fallbacks: [u64; 3],
    blank_lines: u64,
    transcoded_rows: u64,
    /// A total past 128 bits of 10^-24 (never for real traffic).
    overflow: bool,
}

impl RatingSummary {
    /// Counts a rated call.
    #[inline]
    pub fn add_rated(&mut self, call: &RatedCall<'_>) {
        self.cdrs_read += 1;
        let j = call.decision.jurisdiction as usize;
        let m = call.market as usize;
        let ok = self.jurisdictions[j]
            .add(call)
            .and(self.markets[m].add(call));
        self.overflow |= ok.is_none();
        if let Some(f) = call.fallback {
            self.fallbacks[f as usize] += 1;
        }
    }

    /// Counts a rejected record on `line`.
    pub fn add_rejected(&mut self, line: u64, error: &CallError) {
        self.cdrs_read += 1;
        *self.rejected_by_reason.entry(error.reason).or_default() += 1;
        if self.first_rejected.len() < EXAMPLES {
            self.first_rejected.push(RejectedCall {
                line,
                reason: error.reason,
                detail: crate::ratesheet::echo(&error.detail),
            });
        }
    }

    /// Counts blank lines and rows read as Windows-1252 by a reader.
    pub(crate) fn add_reading(&mut self, blank_lines: u64, transcoded_rows: u64) {
        self.blank_lines += blank_lines;
        self.transcoded_rows += transcoded_rows;
    }

    /// Adds the figures of the records that follow these (order matters
    /// only for the examples kept).
    pub(crate) fn merge(&mut self, other: &RatingSummary) {
        self.cdrs_read += other.cdrs_read;
        for (reason, n) in &other.rejected_by_reason {
            *self.rejected_by_reason.entry(*reason).or_default() += n;
        }
        let room = EXAMPLES.saturating_sub(self.first_rejected.len());
        self.first_rejected
            .extend(other.first_rejected.iter().take(room).cloned());
        for (a, b) in self.jurisdictions.iter_mut().zip(&other.jurisdictions) {
            self.overflow |= a.merge(b).is_none();
        }
        for (a, b) in self.markets.iter_mut().zip(&other.markets) {
            self.overflow |= a.merge(b).is_none();
        }
        for (a, b) in self.fallbacks.iter_mut().zip(other.fallbacks) {
            *a += b;
        }
        self.blank_lines += other.blank_lines;
        self.transcoded_rows += other.transcoded_rows;
        self.overflow |= other.overflow;
    }

    /// Records read (not the header or blank lines).
    pub fn cdrs_read(&self) -> u64 {
        self.cdrs_read
    }

    /// Records rated.
    pub fn rated(&self) -> u64 {
        self.jurisdictions.iter().map(|t| t.calls).sum()
    }

    /// Records rejected.
    pub fn rejected(&self) -> u64 {
        self.rejected_by_reason.values().sum()
    }

    /// Whether every record read was rated or rejected, once.
    pub fn balanced(&self) -> bool {
        self.rated() + self.rejected() == self.cdrs_read
    }

    /// Rejected records per reason.
    pub fn rejected_by_reason(&self) -> &BTreeMap<CallRejection, u64> {
        &self.rejected_by_reason
    }

    /// The first rejected records.
    pub fn first_rejected(&self) -> &[RejectedCall] {
        &self.first_rejected
    }

    /// The calls of a jurisdiction.
    pub fn jurisdiction(&self, j: Jurisdiction) -> Totals {
        self.jurisdictions[j as usize]
    }

    /// The calls to a market.
    pub fn market(&self, m: Market) -> Totals {
        self.markets[m as usize]
    }

    /// Calls that took a fallback.
    pub fn fallbacks(&self, f: Fallback) -> u64 {
        self.fallbacks[f as usize]
    }

    /// Every rated call.
    pub fn total(&self) -> Totals {
        let mut t = Totals::default();
        for j in &self.jurisdictions {
            t.merge(j);
        }
        t
    }

    /// Whether a total ran past what it holds (a cost of more than about
    /// 10^14 in the deck's currency): the totals are then not to be used.
    pub fn overflowed(&self) -> bool {
        self.overflow
    }
}

impl Serialize for RatingSummary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let total = self.total();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("cdrs_read", &self.cdrs_read)?;
        m.serialize_entry("rated", &self.rated())?;
        m.serialize_entry("rejected", &self.rejected())?;
        m.serialize_entry("balanced", &self.balanced())?;
        m.serialize_entry("blank_lines", &self.blank_lines)?;
        m.serialize_entry("transcoded_rows", &self.transcoded_rows)?;
        m.serialize_entry("rejected_by_reason", &self.rejected_by_reason)?;
        m.serialize_entry("first_rejected", &self.first_rejected)?;
        let by_j: BTreeMap<&str, &Totals> = Jurisdiction::ALL
            .iter()
            .map(|j| (j.as_str(), &self.jurisdictions[*j as usize]))
            .collect();
        m.serialize_entry("jurisdictions", &by_j)?;
        let by_m: BTreeMap<&str, &Totals> = Market::ALL
            .iter()
            .map(|k| (k.as_str(), &self.markets[*k as usize]))
            .collect();
        m.serialize_entry("categories", &by_m)?;
        m.serialize_entry("billed_seconds", &total.billed_seconds)?;
        m.serialize_entry("total_cost", &total.cost().to_string())?;
        let fallbacks: BTreeMap<&str, u64> = Fallback::ALL
            .iter()
            .map(|f| (f.as_str(), self.fallbacks[*f as usize]))
            .collect();
        m.serialize_entry("fallbacks", &fallbacks)?;
        if self.overflow {
            m.serialize_entry("overflow", &true)?;
        }
        m.end()
    }
}

impl fmt::Display for RatingSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "records read {}: rated {} + rejected {} ({})",
            self.cdrs_read,
            self.rated(),
            self.rejected(),
            if self.balanced() {
                "balanced"
            } else {
                "NOT BALANCED"
            }
        )?;
        if self.blank_lines > 0 || self.transcoded_rows > 0 {
            writeln!(
                f,
                "blank lines {}, rows read as Windows-1252 {}",
                self.blank_lines, self.transcoded_rows
            )?;
        }
        let table = |f: &mut fmt::Formatter<'_>, title: &str, rows: Vec<(&str, Totals)>| {
            writeln!(
                f,
                "\n{title:<16} {:>12} {:>16} {:>20}",
                "calls", "billed seconds", "cost"
            )?;
            for (name, t) in rows.into_iter().filter(|(_, t)| t.calls > 0) {
                writeln!(
                    f,
                    "{name:<16} {:>12} {:>16} {:>20}",
                    t.calls,
                    t.billed_seconds,
                    rounded(t.cost(), 6)
                )?;
            }
            Ok(())
        };
        table(
            f,
            "jurisdiction",
            Jurisdiction::ALL
                .iter()
                .map(|j| (j.as_str(), self.jurisdiction(*j)))
                .collect(),
        )?;
        table(
            f,
            "category",
            Market::ALL
                .iter()
                .map(|m| (m.as_str(), self.market(*m)))
                .collect(),
        )?;
        let total = self.total();
        writeln!(
            f,
            "\ntotal cost {} ({} billed seconds; the calls' costs summed exactly: {})",
            rounded(total.cost(), 6),
            total.billed_seconds,
            total.cost()
        )?;
        let taken: Vec<String> = Fallback::ALL
            .iter()
            .filter(|fb| self.fallbacks(**fb) > 0)
            .map(|fb| format!("{} {}", fb, self.fallbacks(*fb)))
            .collect();
        if !taken.is_empty() {
            writeln!(f, "fallbacks: {}", taken.join(", "))?;
        }
        if self.rejected() > 0 {
            writeln!(f, "\nrejected:")?;
            for (reason, n) in &self.rejected_by_reason {
                writeln!(f, "  {:<20} {n:>10}", reason.as_str())?;
            }
            writeln!(f, "first rejected:")?;
            for r in &self.first_rejected {
                writeln!(f, "  line {}: {}: {}", r.line, r.reason, r.detail)?;
            }
        }
        if self.overflow {
            writeln!(
                f,
                "\nWARNING: a total ran past 10^14; the totals are not to be used"
            )?;
        }
        Ok(())
    }
}

/// `rate` rounded half away from zero to `places` decimals, for people.
fn rounded(rate: Rate, places: u8) -> String {
    let unit = 10i128.pow(SCALE - u32::from(places));
    let units = rate.units();
    let r = (units + units.signum() * (unit / 2)) / unit * unit;
    Rate::from_units(r, places).to_string()
}
