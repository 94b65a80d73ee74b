//! [`Summary`]: the figures of a deck, accumulated row by row in memory that
//! does not grow with the rows.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::rate::write_decimal;
use super::{Destination, Detection, RejectReason, Row, RowError};
use crate::category::Category;
use crate::code::{CountryCode, SubdivisionCode};
use crate::npa::Npa;
use crate::service::Service;

/// Codes 200–999.
const CODES: usize = 800;
/// Words of the NPA-NXX bitset per NPA: 800 NXX codes (200–999), padded to
/// whole words so that no word holds bits of two NPAs.
const NXX_WORDS: usize = 800usize.div_ceil(64);

/// What the summary remembers of an NPA the deck names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Geographic {
        country: CountryCode,
        state: SubdivisionCode,
        category: Category,
    },
    NonGeographic(Service),
}

/// Exact figures of one rate column within one category. Memory grows with
/// the number of distinct rates, never with the rows.
#[derive(Debug, Clone, Default)]
struct RateTally {
    rows: u64,
    sum: i128,
    places: u8,
    distinct: HashMap<i64, u64, BuildHasherDefault<IntHasher>>,
}

/// A multiplicative hash for `i64` keys: rates are not attacker-chosen keys
/// worth SipHash's cost, and this map is updated once per row.
#[derive(Default)]
struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = (n as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
}

/// The figures of a deck: counts of rows by outcome, category, country and
/// state; distinct NPAs and NPA-NXX codes per category; exact rate
/// statistics; and the check of a US deck for non-domestic NPAs.
///
/// Feed it every row a [`super::Reader`] yields with [`Summary::add`]; it
/// keeps `accepted + rejected + non_nanp == rows_read`. Serialize it (or
/// [`Summary::report`]) for JSON; `Display` writes it for people.
#[derive(Debug, Clone)]
pub struct Summary {
    detection: Detection,
    rows_read: u64,
    non_nanp: u64,
    rejected_by_reason: BTreeMap<&'static str, u64>,
    /// Rows per NPA, and what the NPA is.
    npa_rows: Vec<u64>,
    npa_seen: Vec<Option<Seen>>,
    /// One bit per NPA-NXX pair named by an accepted row.
    npanxx: Vec<u64>,
    /// NPAs of rows rejected as reserved or unassigned.
    unknown: Vec<bool>,
    /// Per rate column, per category (in `Category::ALL` order).
    rates: Vec<[RateTally; 4]>,
}

fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

impl Summary {
    /// An empty summary of a deck read with `detection`.
    pub fn new(detection: &Detection) -> Summary {
        Summary {
            rates: vec![Default::default(); detection.rate_columns.len()],
            detection: detection.clone(),
            rows_read: 0,
            non_nanp: 0,
            rejected_by_reason: BTreeMap::new(),
            npa_rows: vec![0; CODES],
            npa_seen: vec![None; CODES],
            npanxx: vec![0; CODES * NXX_WORDS],
            unknown: vec![false; CODES],
        }
    }

    /// Counts one row, whatever its outcome.
    pub fn add(&mut self, row: &Result<Row<'_, '_>, RowError>) {
        self.rows_read += 1;
        match row {
            Ok(row) => self.add_row(row),
            Err(e) => {
                *self
                    .rejected_by_reason
                    .entry(e.reason().as_str())
                    .or_default() += 1;
                if let RejectReason::ReservedNpa { npa, .. } | RejectReason::UnassignedNpa(npa) =
                    *e.reason()
                {
                    self.unknown[npa.index()] = true;
                }
            }
        }
    }

    fn add_row(&mut self, row: &Row<'_, '_>) {
        let Some(npa) = row.npa else {
            self.non_nanp += 1;
            return;
        };
        let i = npa.index();
        self.npa_rows[i] += 1;
        if let Some(nxx) = row.nxx.and_then(|n| n.checked_sub(200)) {
            let nxx = usize::from(nxx);
            self.npanxx[i * NXX_WORDS + nxx / 64] |= 1 << (nxx % 64);
        }
        match row.destination {
            Destination::Geographic(r) => {
                self.npa_seen[i] = Some(Seen::Geographic {
                    country: r.country_code,
                    state: r.state_province_code,
                    category: r.category,
                });
                let c = category_index(r.category);
                for (tallies, rate) in self.rates.iter_mut().zip(row.rates) {
                    if let Some(rate) = rate {
                        let t = &mut tallies[c];
                        t.rows += 1;
                        t.sum += i128::from(rate.pico());
                        t.places = t.places.max(rate.places());
                        *t.distinct.entry(rate.pico()).or_default() += 1;
                    }
                }
            }
            Destination::NonGeographic(service) => {
                self.npa_seen[i] = Some(Seen::NonGeographic(service))
            }
            Destination::NonNanp => {}
        }
    }

    /// Data rows read (not counting the header).
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Rows rejected.
    pub fn rejected(&self) -> u64 {
        self.rejected_by_reason.values().sum()
    }

    /// Rows of other countries (A–Z decks).
    pub fn non_nanp(&self) -> u64 {
        self.non_nanp
    }

    /// Rows accepted: a geographic NPA or a non-geographic service.
    pub fn accepted(&self) -> u64 {
        self.npa_rows.iter().sum()
    }

    /// Rows of geographic NPAs in `category`.
    pub fn category_rows(&self, category: Category) -> u64 {
        self.npa_seen
            .iter()
            .zip(&self.npa_rows)
            .filter(|(seen, _)| matches!(seen, Some(Seen::Geographic { category: c, .. }) if *c == category))
            .map(|(_, rows)| rows)
            .sum()
    }

    /// Whether every row read was counted exactly once.
    pub fn balanced(&self) -> bool {
        self.accepted() + self.rejected() + self.non_nanp == self.rows_read
    }

    /// The figures, ready to serialize or print.
    pub fn report(&self) -> Report {
        let mut categories: BTreeMap<Category, CategoryFigures> = Category::ALL
            .iter()
            .map(|c| (*c, CategoryFigures::default()))
            .collect();
        let mut non_geographic = BTreeMap::new();
        let mut countries = BTreeMap::new();
        let mut states = BTreeMap::new();
        let mut by_category: BTreeMap<Category, Vec<u16>> = BTreeMap::new();
        for npa in Npa::all() {
            let i = npa.index();
            let rows = self.npa_rows[i];
            let npanxx = self.npanxx[i * NXX_WORDS..(i + 1) * NXX_WORDS]
                .iter()
                .map(|w| u64::from(w.count_ones()))
                .sum::<u64>();
            match self.npa_seen[i] {
                Some(Seen::Geographic {
                    country,
                    state,
                    category,
                }) => {
                    let f = categories.entry(category).or_default();
                    f.rows += rows;
                    f.npas += 1;
                    f.npanxx += npanxx;
                    *countries.entry(country).or_insert(0) += rows;
                    *states.entry(format!("{country}-{state}")).or_insert(0) += rows;
                    by_category.entry(category).or_default().push(npa.get());
                }
                Some(Seen::NonGeographic(service)) => {
                    *non_geographic.entry(service).or_insert(0) += rows;
                }
                None => {}
            }
        }
        let rates = self
            .detection
            .rate_columns
            .iter()
            .zip(&self.rates)
            .map(|(column, tallies)| RateColumnFigures {
                column: column.name.clone(),
                categories: Category::ALL
                    .iter()
                    .zip(tallies)
                    .filter(|(_, t)| t.rows > 0)
                    .map(|(c, t)| (*c, RateFigures::of(t)))
                    .collect(),
            })
            .collect();
        let geographic: u64 = categories.values().map(|f| f.rows).sum();
        let domestic = categories[&Category::UsDomestic].rows;
        let us_deck = geographic > 0 && domestic * 2 > geographic;
        let take = |c: Category| by_category.get(&c).cloned().unwrap_or_default();
        let unknown: Vec<u16> = Npa::all()
            .filter(|n| self.unknown[n.index()])
            .map(Npa::get)
            .collect();
        let check = UsDeckCheck {
            us_deck,
            caribbean_npas: take(Category::Caribbean),
            pacific_npas: take(Category::Pacific),
            unknown_npas: unknown,
            warning: false,
        };
        let warning = us_deck
            && !(check.caribbean_npas.is_empty()
                && check.pacific_npas.is_empty()
                && check.unknown_npas.is_empty());
        Report {
            detection: self.detection.clone(),
            rows_read: self.rows_read,
            accepted: self.accepted(),
            rejected: self.rejected(),
            non_nanp: self.non_nanp,
            balanced: self.balanced(),
            rejected_by_reason: self.rejected_by_reason.clone(),
            categories,
            non_geographic,
            countries,
            states,
            rates,
            us_deck_check: UsDeckCheck { warning, ..check },
        }
    }
}

/// Rows, distinct NPAs and distinct NPA-NXX codes of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CategoryFigures {
    /// Accepted rows.
    pub rows: u64,
    /// Distinct NPAs.
    pub npas: u64,
    /// Distinct NPA-NXX codes (rows keyed by NPA alone add none).
    pub npanxx: u64,
}

/// Exact statistics of one rate column within one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateFigures {
    /// Rows with a rate in this column.
    pub rows: u64,
    /// Lowest rate.
    pub min: String,
    /// Highest rate.
    pub max: String,
    /// Mean, to two more places than the deck writes.
    pub mean: String,
    /// Median (the mean of the two middle rates for an even count).
    pub median: String,
    /// Distinct rates.
    pub distinct: usize,
}

impl RateFigures {
    fn of(t: &RateTally) -> RateFigures {
        let mut sorted: Vec<(i64, u64)> = t.distinct.iter().map(|(r, n)| (*r, *n)).collect();
        sorted.sort_unstable();
        let at = |k: u64| -> i64 {
            let mut seen = 0;
            for &(rate, n) in &sorted {
                seen += n;
                if seen > k {
                    return rate;
                }
            }
            sorted.last().map_or(0, |s| s.0)
        };
        let median2 = if t.rows % 2 == 1 {
            2 * i128::from(at(t.rows / 2))
        } else {
            i128::from(at(t.rows / 2 - 1)) + i128::from(at(t.rows / 2))
        };
        let mean_places = (t.places + 2).min(12);
        let unit = 10i128.pow(12 - u32::from(mean_places));
        // Round half away from zero at the mean's last place.
        let denominator = i128::from(t.rows) * unit;
        let mean = (2 * t.sum + t.sum.signum() * denominator) / (2 * denominator) * unit;
        let text = |pico: i128, places: u8| {
            let mut s = String::new();
            let _ = write_decimal(&mut s, pico, places);
            s
        };
        RateFigures {
            rows: t.rows,
            min: text(i128::from(sorted.first().map_or(0, |s| s.0)), t.places),
            max: text(i128::from(sorted.last().map_or(0, |s| s.0)), t.places),
            mean: text(mean, mean_places),
            // Half a unit of the 12th place, rounded away from zero.
            median: text((median2 + median2.signum()) / 2, t.places),
            distinct: sorted.len(),
        }
    }
}

/// The rate statistics of one rate column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateColumnFigures {
    /// The column's name.
    pub column: String,
    /// Per category with rates in this column.
    pub categories: BTreeMap<Category, RateFigures>,
}

/// The old app's +1 analysis: does a deck that is mostly US domestic hide
/// Caribbean, Pacific or unknown NPAs (priced as domestic, they lose money)?
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsDeckCheck {
    /// More than half the deck's geographic rows are US domestic.
    pub us_deck: bool,
    /// A US deck that names any NPA below.
    pub warning: bool,
    /// Caribbean NPAs in the deck.
    pub caribbean_npas: Vec<u16>,
    /// Pacific NPAs in the deck.
    pub pacific_npas: Vec<u16>,
    /// Reserved or unassigned NPAs in rejected rows.
    pub unknown_npas: Vec<u16>,
}

/// The figures of a deck; see [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// What was detected about the deck.
    pub detection: Detection,
    /// Data rows read.
    pub rows_read: u64,
    /// Accepted rows.
    pub accepted: u64,
    /// Rejected rows.
    pub rejected: u64,
    /// Non-NANP rows.
    pub non_nanp: u64,
    /// `accepted + rejected + non_nanp == rows_read`.
    pub balanced: bool,
    /// Rejected rows per reason.
    pub rejected_by_reason: BTreeMap<&'static str, u64>,
    /// Per category, every category present.
    pub categories: BTreeMap<Category, CategoryFigures>,
    /// Rows per non-geographic service.
    pub non_geographic: BTreeMap<Service, u64>,
    /// Rows per country or territory.
    pub countries: BTreeMap<CountryCode, u64>,
    /// Rows per state or province, as `US-NJ`.
    pub states: BTreeMap<String, u64>,
    /// Per rate column (in the deck's order), per category with rates.
    pub rates: Vec<RateColumnFigures>,
    /// The +1 analysis.
    pub us_deck_check: UsDeckCheck,
}

impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report().serialize(s)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.report(), f)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.detection;
        let delimiter = match d.delimiter {
            '\t' => "tab".to_owned(),
            c => format!("'{c}'"),
        };
        let key = match d.key {
            super::KeyColumns::Prefix(c) => format!("prefix in column {}", c + 1),
            super::KeyColumns::Split { npa, nxx } => {
                format!("NPA in column {}, NXX in column {}", npa + 1, nxx + 1)
            }
        };
        writeln!(
            f,
            "detected: delimiter {delimiter}, {}, {key}, leading 1 {}",
            if d.header.is_some() {
                "header"
            } else {
                "no header"
            },
            match d.leading_one {
                super::LeadingOne::Absent => "absent",
                super::LeadingOne::Present => "present",
                super::LeadingOne::Auto => "optional (NPA column)",
            },
        )?;
        let names: Vec<&str> = d.rate_columns.iter().map(|c| c.name.as_str()).collect();
        writeln!(
            f,
            "rate columns: {}",
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        )?;
        writeln!(
            f,
            "rows read {}: accepted {} + rejected {} + non-NANP {} ({})",
            self.rows_read,
            self.accepted,
            self.rejected,
            self.non_nanp,
            if self.balanced {
                "balanced"
            } else {
                "NOT BALANCED"
            }
        )?;
        writeln!(
            f,
            "\n{:<14} {:>10} {:>6} {:>9}",
            "category", "rows", "NPAs", "NPA-NXX"
        )?;
        for (c, fig) in &self.categories {
            writeln!(
                f,
                "{:<14} {:>10} {:>6} {:>9}",
                c.as_str(),
                fig.rows,
                fig.npas,
                fig.npanxx
            )?;
        }
        for (s, n) in &self.non_geographic {
            writeln!(f, "{:<14} {:>10}", s.as_str(), n)?;
        }
        if !self.rejected_by_reason.is_empty() {
            writeln!(f, "\nrejected:")?;
            for (reason, n) in &self.rejected_by_reason {
                writeln!(f, "  {reason:<18} {n:>8}")?;
            }
        }
        for column in &self.rates {
            writeln!(f, "\n{}:", column.column)?;
            for (c, r) in &column.categories {
                writeln!(
                    f,
                    "  {:<12} min {} max {} mean {} median {} ({} rows, {} distinct)",
                    c.as_str(),
                    r.min,
                    r.max,
                    r.mean,
                    r.median,
                    r.rows,
                    r.distinct
                )?;
            }
        }
        let check = &self.us_deck_check;
        if check.warning {
            writeln!(
                f,
                "\nWARNING: this US deck contains non-domestic or unknown NPAs:"
            )?;
            let list = |v: &[u16]| v.iter().map(u16::to_string).collect::<Vec<_>>().join(" ");
            if !check.caribbean_npas.is_empty() {
                writeln!(f, "  caribbean: {}", list(&check.caribbean_npas))?;
            }
            if !check.pacific_npas.is_empty() {
                writeln!(f, "  pacific:   {}", list(&check.pacific_npas))?;
            }
            if !check.unknown_npas.is_empty() {
                writeln!(f, "  unknown:   {}", list(&check.unknown_npas))?;
            }
        }
        Ok(())
    }
}
