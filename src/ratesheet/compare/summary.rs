//! [`ComparisonSummary`]: the figures of a comparison, as JSON and for
//! people.

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{ComparedCode, Comparison};
use crate::ratesheet::rate::mean;
use crate::ratesheet::{group_name, Rate, RateKind, DESTINATION_GROUPS};

/// Codes won in one kind: per vendor, and ties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Wins {
    /// Per vendor (0 for a vendor without the kind).
    by_vendor: Vec<u64>,
    ties: u64,
}

/// Vendor's rate minus the lowest, summed over the codes it prices that
/// another vendor prices too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Saving {
    codes: u64,
    /// `None` once the sum overflows.
    sum: Option<i128>,
    places: u8,
}

/// The figures of a [`Comparison`]: codes in any deck and in all, codes
/// matched by one vendor alone, codes won per kind (overall and per
/// category), and the average saving of the cheapest over each vendor.
///
/// Feed it every [`ComparedCode`] with [`ComparisonSummary::add`] (or call
/// [`Comparison::summarize`]). Serialized, it has `codes_total`,
/// `codes_in_all`, `only_in` (`{vendor: n}`), `cheapest` (`{kind: {vendor:
/// n, "tie": n}}`, ties counted only under `tie`), `by_category`
/// (`{category: {"codes": n, "cheapest": {…}}}`) and `savings` (`{kind:
/// {vendor: {"codes": n, "average": "0.0012"}}}`); `Display` writes a
/// table per kind for people.
#[derive(Debug, Clone)]
pub struct ComparisonSummary {
    names: Vec<String>,
    /// Per vendor, its deck's kinds.
    vendor_kinds: Vec<Vec<RateKind>>,
    kinds: Vec<RateKind>,
    codes_total: u64,
    codes_in_all: u64,
    only_in: Vec<u64>,
    /// Per kind (of `kinds`).
    cheapest: Vec<Wins>,
    /// Per destination group: codes, and wins per kind.
    by_category: Vec<(u64, Vec<Wins>)>,
    /// Per kind, per vendor.
    savings: Vec<Vec<Saving>>,
}

impl ComparisonSummary {
    /// Empty figures for `comparison`.
    pub fn new(comparison: &Comparison<'_, '_>) -> ComparisonSummary {
        let n = comparison.names.len();
        let wins = Wins {
            by_vendor: vec![0; n],
            ties: 0,
        };
        let per_kind = vec![wins; comparison.kinds.len()];
        ComparisonSummary {
            names: comparison.names.clone(),
            vendor_kinds: comparison
                .decks
                .iter()
                .map(|d| d.kinds().to_vec())
                .collect(),
            kinds: comparison.kinds.clone(),
            codes_total: 0,
            codes_in_all: 0,
            only_in: vec![0; n],
            cheapest: per_kind.clone(),
            by_category: vec![(0, per_kind); DESTINATION_GROUPS],
            savings: vec![vec![Saving::default(); n]; comparison.kinds.len()],
        }
    }

    /// Counts one code.
    pub fn add(&mut self, code: &ComparedCode<'_, '_>) {
        self.codes_total += 1;
        let vendors = code.vendors();
        if vendors.len() == self.names.len() {
            self.codes_in_all += 1;
        }
        if vendors.len() == 1 {
            if let Some(i) = vendors.iter().next() {
                self.only_in[i] += 1;
            }
        }
        let group = &mut self.by_category[code.destination().group()];
        group.0 += 1;
        for (k, &kind) in self.kinds.iter().enumerate() {
            let Some(cheapest) = code.cheapest(kind) else {
                continue;
            };
            for wins in [&mut self.cheapest[k], &mut group.1[k]] {
                if cheapest.is_tie() {
                    wins.ties += 1;
                } else if let Some(i) = cheapest.vendors.iter().next() {
                    wins.by_vendor[i] += 1;
                }
            }
            let n = self.names.len();
            if (0..n).filter(|&i| code.rate(i, kind).is_some()).count() < 2 {
                continue;
            }
            for (i, rate) in (0..n).filter_map(|i| Some((i, code.rate(i, kind)?))) {
                let s = &mut self.savings[k][i];
                s.codes += 1;
                let start = if s.codes == 1 { Some(0) } else { s.sum };
                s.sum = start.and_then(|sum| sum.checked_add(rate.units() - cheapest.rate.units()));
                s.places = s.places.max(rate.places()).max(cheapest.rate.places());
            }
        }
    }

    /// Codes in any deck.
    pub fn codes_total(&self) -> u64 {
        self.codes_total
    }

    /// Codes every vendor matches.
    pub fn codes_in_all(&self) -> u64 {
        self.codes_in_all
    }

    /// Per vendor, the codes it alone matches.
    pub fn only_in(&self) -> &[u64] {
        &self.only_in
    }

    /// Codes vendor `i` alone is cheapest for in `kind`.
    pub fn wins(&self, kind: RateKind, vendor: usize) -> u64 {
        self.kind_index(kind)
            .and_then(|k| self.cheapest[k].by_vendor.get(vendor).copied())
            .unwrap_or(0)
    }

    /// Codes where several vendors share the lowest rate of `kind`.
    pub fn ties(&self, kind: RateKind) -> u64 {
        self.kind_index(kind).map_or(0, |k| self.cheapest[k].ties)
    }

    /// Codes of a category (a [`Destination::category_name`](crate::ratesheet::Destination::category_name)).
    pub fn category_codes(&self, category: &str) -> u64 {
        self.groups()
            .find(|(name, _)| *name == category)
            .map_or(0, |(_, (codes, _))| *codes)
    }

    /// The average saving of the cheapest over vendor `i` in `kind`: its
    /// rate minus the lowest, over the codes it prices that another vendor
    /// prices too (zero where it is the cheapest), rounded half away from
    /// zero two places past the most precise rate; with the number of
    /// those codes. `None` when there are none.
    pub fn average_saving(&self, kind: RateKind, vendor: usize) -> Option<(Rate, u64)> {
        let s = self.savings.get(self.kind_index(kind)?)?.get(vendor)?;
        Some((mean(s.sum?, s.codes, s.places + 2)?, s.codes))
    }

    fn kind_index(&self, kind: RateKind) -> Option<usize> {
        self.kinds.iter().position(|&k| k == kind)
    }

    /// Destination groups with codes, in order.
    fn groups(&self) -> impl Iterator<Item = (&'static str, &(u64, Vec<Wins>))> {
        self.by_category
            .iter()
            .enumerate()
            .filter(|(_, (codes, _))| *codes > 0)
            .map(|(g, v)| (group_name(g), v))
    }

    /// The vendors that price `kind`, with their places.
    fn pricing(&self, kind: RateKind) -> impl Iterator<Item = (usize, &str)> {
        self.names
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.vendor_kinds[*i].contains(&kind))
            .map(|(i, n)| (i, n.as_str()))
    }
}

/// `{vendor: n, …, "tie": n}` of one kind.
struct WinsJson<'s> {
    summary: &'s ComparisonSummary,
    kind: RateKind,
    wins: &'s Wins,
}

impl Serialize for WinsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (i, name) in self.summary.pricing(self.kind) {
            m.serialize_entry(name, &self.wins.by_vendor[i])?;
        }
        m.serialize_entry("tie", &self.wins.ties)?;
        m.end()
    }
}

/// `{kind: {vendor: n, "tie": n}}`.
struct KindsJson<'s> {
    summary: &'s ComparisonSummary,
    wins: &'s [Wins],
}

impl Serialize for KindsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (kind, wins) in self.summary.kinds.iter().zip(self.wins) {
            let json = WinsJson {
                summary: self.summary,
                kind: *kind,
                wins,
            };
            m.serialize_entry(kind.as_str(), &json)?;
        }
        m.end()
    }
}

struct CategoriesJson<'s>(&'s ComparisonSummary);

impl Serialize for CategoriesJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Category<'s> {
            codes: u64,
            cheapest: KindsJson<'s>,
        }
        let mut m = s.serialize_map(None)?;
        for (name, (codes, wins)) in self.0.groups() {
            let cheapest = KindsJson {
                summary: self.0,
                wins,
            };
            m.serialize_entry(
                name,
                &Category {
                    codes: *codes,
                    cheapest,
                },
            )?;
        }
        m.end()
    }
}

struct SavingsJson<'s>(&'s ComparisonSummary);

impl Serialize for SavingsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Average {
            codes: u64,
            average: Option<Rate>,
        }
        struct PerVendor<'s>(&'s ComparisonSummary, RateKind);
        impl Serialize for PerVendor<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                for (i, name) in self.0.pricing(self.1) {
                    let average = self.0.average_saving(self.1, i);
                    m.serialize_entry(
                        name,
                        &Average {
                            codes: average.map_or(0, |a| a.1),
                            average: average.map(|a| a.0),
                        },
                    )?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(None)?;
        for kind in &self.0.kinds {
            m.serialize_entry(kind.as_str(), &PerVendor(self.0, *kind))?;
        }
        m.end()
    }
}

impl Serialize for ComparisonSummary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("codes_total", &self.codes_total)?;
        m.serialize_entry("codes_in_all", &self.codes_in_all)?;
        let only_in: Vec<(&str, u64)> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(self.only_in.iter().copied())
            .collect();
        m.serialize_entry("only_in", &OrderedMap(&only_in))?;
        m.serialize_entry(
            "cheapest",
            &KindsJson {
                summary: self,
                wins: &self.cheapest,
            },
        )?;
        m.serialize_entry("by_category", &CategoriesJson(self))?;
        m.serialize_entry("savings", &SavingsJson(self))?;
        m.end()
    }
}

/// Pairs serialized as a map, in order.
struct OrderedMap<'s, V>(&'s [(&'s str, V)]);

impl<V: Serialize> Serialize for OrderedMap<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl fmt::Display for ComparisonSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "codes: {} in any deck, {} matched by every vendor",
            self.codes_total, self.codes_in_all
        )?;
        let only: Vec<String> = self
            .names
            .iter()
            .zip(&self.only_in)
            .map(|(n, c)| format!("{n} {c}"))
            .collect();
        writeln!(f, "matched by one vendor alone: {}", only.join(", "))?;
        for (k, &kind) in self.kinds.iter().enumerate() {
            let vendors: Vec<(usize, &str)> = self.pricing(kind).collect();
            writeln!(
                f,
                "\n{kind}: codes won (cheapest alone; tie: several equal)"
            )?;
            let width = vendors
                .iter()
                .map(|(_, n)| n.chars().count())
                .max()
                .unwrap_or(0)
                .max(8);
            write!(f, "  {:<24}", "category")?;
            for (_, name) in &vendors {
                write!(f, " {name:>width$}")?;
            }
            writeln!(f, " {:>width$}", "tie")?;
            let mut row = |label: &str, wins: &Wins| -> fmt::Result {
                write!(f, "  {label:<24}")?;
                for (i, _) in &vendors {
                    write!(f, " {:>width$}", wins.by_vendor[*i])?;
                }
                writeln!(f, " {:>width$}", wins.ties)
            };
            for (name, (_, wins)) in self.groups() {
                row(name, &wins[k])?;
            }
            row("all", &self.cheapest[k])?;
            writeln!(
                f,
                "  average saving of the cheapest over each vendor, on the codes it prices that another vendor prices too:"
            )?;
            for (i, name) in &vendors {
                match self.average_saving(kind, *i) {
                    Some((rate, codes)) => writeln!(
                        f,
                        "    {name}: {rate} over {codes} code{}",
                        if codes == 1 { "" } else { "s" }
                    )?,
                    None => writeln!(f, "    {name}: none (no code priced by another vendor too)")?,
                }
            }
        }
        Ok(())
    }
}
