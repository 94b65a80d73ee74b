//! [`Summary`]: the figures of a deck, accumulated row by row in memory that
//! does not grow with the rows, nor with the number of distinct rates.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::exchanges::{self, Coverage, ExchangeFigures};
use super::rate::{decimal_string, mean};
use super::tally::Tally;
use super::{
    echo, Destination, Detection, LeadingOne, RateKind, Reader, RejectReason, Row, RowError,
};
use crate::category::Category;
use crate::code::{CountryCode, SubdivisionCode};
use crate::npa::Npa;
use crate::service::Service;

/// Codes 200–999.
const CODES: usize = 800;
/// Words of the NPA-NXX bitset per NPA: 800 NXX codes (200–999), padded to
/// whole words so that no word holds bits of two NPAs.
const NXX_WORDS: usize = 800usize.div_ceil(64);
/// Examples kept of each oddity (duplicate keys, rejected rows, rows
/// spanning lines).
const EXAMPLES: usize = 10;

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

/// The figures of a deck: counts of rows by outcome, category, country and
/// state; distinct NPAs and NPA-NXX codes per category; exact rate
/// statistics; keys seen twice; and the check of a US deck for
/// non-domestic NPAs.
///
/// Feed it every row a [`Reader`] yields with [`Summary::add`], then
/// [`Summary::finish`] with the reader; it keeps `accepted + rejected +
/// non_nanp == rows_read`. Serialize it (or [`Summary::report`]) for JSON;
/// `Display` writes it for people.
///
/// Memory stays flat: per-NPA tables, an NPA-NXX bitset, and rate
/// statistics that keep at most 8,192 distinct rates per column and
/// category in memory before spilling sorted runs to a temporary file with
/// no name (nothing is left behind, even by an interrupted run), so the
/// median stays exact.
#[derive(Debug, Clone)]
pub struct Summary {
    detection: Detection,
    rows_read: u64,
    non_nanp: u64,
    blank_lines: u64,
    transcoded_rows: u64,
    multiline_rows: u64,
    multiline_examples: Vec<(u64, u64)>,
    rejected_by_reason: BTreeMap<&'static str, u64>,
    first_rejected: Vec<RejectedRow>,
    /// The read error that ended the deck early, if one did.
    read_error: Option<RejectedRow>,
    duplicate_keys: u64,
    duplicate_examples: Vec<DuplicateKey>,
    /// Rows per NPA, and what the NPA is.
    npa_rows: Vec<u64>,
    npa_seen: Vec<Option<Seen>>,
    /// One bit per NPA-NXX pair named by an accepted row.
    npanxx: Vec<u64>,
    /// NPAs of rows rejected as reserved or unassigned.
    unknown: Vec<bool>,
    rates: RateTallies,
    /// NPAs priced whole, by a key of the NPA alone.
    npa_level: Vec<bool>,
    /// Rows checked against exchanges, when the reader checked them.
    exchanges: ExchangeFigures,
    /// The in-service codes the deck prices, once the reader is finished
    /// and if it checked exchanges.
    coverage: Option<BTreeMap<Category, Coverage>>,
}

/// A key on two rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateKey {
    /// The key, normalised (`1201200` for a +1 key, however written).
    pub key: String,
    /// The line of the first row with it.
    pub first_line: u64,
    /// The line of the later row.
    pub line: u64,
}

/// A rejected row, as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedRow {
    /// Its line.
    pub line: u64,
    /// The reason's short name.
    pub reason: &'static str,
    /// The reason in words (long values cut).
    pub detail: String,
}

/// Per rate column, per category (in `Category::ALL` order), the rates'
/// statistics.
pub(crate) type RateTallies = Vec<[Tally; 4]>;

/// Adds `later` to `examples` while they are fewer than the ten kept.
pub(super) fn extend_examples<T: Clone>(examples: &mut Vec<T>, later: &[T]) {
    let room = EXAMPLES.saturating_sub(examples.len());
    examples.extend(later.iter().take(room).cloned());
}

/// The category's place in `Category::ALL` (its declaration order).
fn category_index(c: Category) -> usize {
    c as usize
}

impl Summary {
    /// An empty summary of a deck read with `detection`.
    pub fn new(detection: &Detection) -> Summary {
        Summary {
            rates: Summary::rate_tallies(detection, false),
            detection: detection.clone(),
            rows_read: 0,
            non_nanp: 0,
            blank_lines: 0,
            transcoded_rows: 0,
            multiline_rows: 0,
            multiline_examples: Vec::new(),
            rejected_by_reason: BTreeMap::new(),
            first_rejected: Vec::new(),
            read_error: None,
            duplicate_keys: 0,
            duplicate_examples: Vec::new(),
            npa_rows: vec![0; CODES],
            npa_seen: vec![None; CODES],
            npanxx: vec![0; CODES * NXX_WORDS],
            unknown: vec![false; CODES],
            npa_level: vec![false; CODES],
            exchanges: ExchangeFigures::default(),
            coverage: None,
        }
    }

    /// Counts one row, whatever its outcome.
    pub fn add(&mut self, row: &Result<Row<'_, '_>, RowError>) {
        self.rows_read += 1;
        let (line, lines) = match row {
            Ok(row) => (row.line, row.fields.lines()),
            Err(e) => (e.line(), e.lines()),
        };
        if lines > 1 {
            self.multiline_rows += 1;
            if self.multiline_examples.len() < EXAMPLES {
                self.multiline_examples.push((line, line + lines - 1));
            }
        }
        self.exchanges.add(row);
        match row {
            Ok(row) => self.add_row(row),
            Err(e) => {
                *self
                    .rejected_by_reason
                    .entry(e.reason().as_str())
                    .or_default() += 1;
                let rejected = || RejectedRow {
                    line: e.line(),
                    reason: e.reason().as_str(),
                    detail: e.reason().to_string(),
                };
                if self.first_rejected.len() < EXAMPLES {
                    self.first_rejected.push(rejected());
                }
                if let RejectReason::ReadError(_) = e.reason() {
                    self.read_error = Some(rejected());
                }
                if let RejectReason::ReservedNpa { npa, .. } | RejectReason::UnassignedNpa(npa) =
                    *e.reason()
                {
                    self.unknown[npa.index()] = true;
                }
            }
        }
    }

    /// Takes what the reader saw besides rows: blank lines, and rows read as
    /// Windows-1252. Call it once the deck is read.
    ///
    /// When the reader checked exchanges, this is also when the coverage
    /// of their in-service codes is worked out.
    pub fn finish<R: std::io::Read>(&mut self, reader: &Reader<'_, R>) {
        // Added: a deck read in stretches counted each stretch's already.
        self.blank_lines += reader.blank_lines();
        self.transcoded_rows += reader.transcoded_rows();
        if let Some(exchanges) = reader.exchanges() {
            self.coverage = Some(exchanges::coverage(
                exchanges,
                reader.directory(),
                |npa, nxx| {
                    let i = usize::from(npa - 200);
                    let nxx = usize::from(nxx - 200);
                    self.npa_level[i]
                        || self.npanxx[i * NXX_WORDS + nxx / 64] & (1 << (nxx % 64)) != 0
                },
            ));
        }
    }

    /// What checked exchanges say of the rows (all zero when the reader
    /// checked none).
    pub fn exchanges(&self) -> &ExchangeFigures {
        &self.exchanges
    }

    /// Empty rate statistics of a deck read with `detection`; `unbounded`
    /// ones never spill (a stretch's: at most its rows).
    pub(crate) fn rate_tallies(detection: &Detection, unbounded: bool) -> RateTallies {
        let tally = || match unbounded {
            true => Tally::unbounded(),
            false => Tally::default(),
        };
        (0..detection.rate_columns.len())
            .map(|_| std::array::from_fn(|_| tally()))
            .collect()
    }

    /// A summary of a stretch of a deck's rows, to [`Summary::merge`]
    /// into the deck's, counting rates into `rates`.
    pub(crate) fn of_stretch(detection: &Detection, rates: RateTallies) -> Summary {
        Summary {
            rates,
            ..Summary::new(detection)
        }
    }

    /// Takes the rate statistics out, leaving none.
    pub(crate) fn take_rates(&mut self) -> RateTallies {
        std::mem::take(&mut self.rates)
    }

    /// Adds rate statistics of other rows of the deck (in any order).
    pub(crate) fn merge_rates(&mut self, rates: RateTallies) {
        for (tallies, other) in self.rates.iter_mut().zip(rates) {
            for (tally, other) in tallies.iter_mut().zip(other) {
                tally.merge(other);
            }
        }
    }

    /// Adds the figures of `later`, a summary of the rows that follow.
    pub(crate) fn merge(&mut self, mut later: Summary) {
        self.rows_read += later.rows_read;
        self.non_nanp += later.non_nanp;
        self.blank_lines += later.blank_lines;
        self.transcoded_rows += later.transcoded_rows;
        self.multiline_rows += later.multiline_rows;
        extend_examples(&mut self.multiline_examples, &later.multiline_examples);
        for (reason, n) in &later.rejected_by_reason {
            *self.rejected_by_reason.entry(reason).or_default() += n;
        }
        extend_examples(&mut self.first_rejected, &later.first_rejected);
        if self.read_error.is_none() {
            self.read_error.clone_from(&later.read_error);
        }
        self.duplicate_keys += later.duplicate_keys;
        extend_examples(&mut self.duplicate_examples, &later.duplicate_examples);
        for (rows, later) in self.npa_rows.iter_mut().zip(&later.npa_rows) {
            *rows += later;
        }
        for (seen, later) in self.npa_seen.iter_mut().zip(&later.npa_seen) {
            if later.is_some() {
                *seen = *later;
            }
        }
        for (words, later) in self.npanxx.iter_mut().zip(&later.npanxx) {
            *words |= later;
        }
        for (flag, later) in self.unknown.iter_mut().zip(&later.unknown) {
            *flag |= later;
        }
        for (flag, later) in self.npa_level.iter_mut().zip(&later.npa_level) {
            *flag |= later;
        }
        self.merge_rates(later.take_rates());
        self.exchanges.merge(&later.exchanges);
    }

    /// Counts the row on `line` as repeating the key first on `first_line`.
    pub(crate) fn add_duplicate(
        &mut self,
        key: impl FnOnce() -> String,
        first_line: u64,
        line: u64,
    ) {
        self.duplicate_keys += 1;
        if self.duplicate_examples.len() < EXAMPLES {
            self.duplicate_examples.push(DuplicateKey {
                key: key(),
                first_line,
                line,
            });
        }
    }

    /// Counts blank lines and rows read as Windows-1252.
    pub(crate) fn add_reading(&mut self, blank_lines: u64, transcoded_rows: u64) {
        self.blank_lines += blank_lines;
        self.transcoded_rows += transcoded_rows;
    }

    /// The read error that ended the deck before its end, if one did: the
    /// figures are then of the rows before it.
    pub fn read_error(&self) -> Option<&RejectedRow> {
        self.read_error.as_ref()
    }

    fn add_row(&mut self, row: &Row<'_, '_>) {
        if let Some(first_line) = row.duplicate_of {
            let key = || match row.npa {
                Some(_) => format!("1{}", row.key),
                None => row.key.to_owned(),
            };
            self.add_duplicate(key, first_line, row.line);
        }
        let Some(npa) = row.npa else {
            self.non_nanp += 1;
            return;
        };
        let i = npa.index();
        self.npa_rows[i] += 1;
        match row.nxx.and_then(|n| n.checked_sub(200)) {
            Some(nxx) => {
                let nxx = usize::from(nxx);
                self.npanxx[i * NXX_WORDS + nxx / 64] |= 1 << (nxx % 64);
            }
            None => self.npa_level[i] = true,
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
                        tallies[c].add(*rate, row.line);
                    }
                }
            }
            Destination::NonGeographic(service) => {
                self.npa_seen[i] = Some(Seen::NonGeographic(service))
            }
            Destination::NonNanp => {}
        }
    }

    /// Data rows read (not counting the header or blank lines).
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

    /// Rows whose key is on an earlier row.
    pub fn duplicate_keys(&self) -> u64 {
        self.duplicate_keys
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
                    .filter(|(_, t)| !t.is_empty())
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
            blank_lines: self.blank_lines,
            transcoded_rows: self.transcoded_rows,
            multiline_rows: self.multiline_rows,
            multiline_examples: self.multiline_examples.clone(),
            rejected_by_reason: self.rejected_by_reason.clone(),
            first_rejected: self.first_rejected.clone(),
            duplicate_keys: DuplicateKeys {
                rows: self.duplicate_keys,
                first: self.duplicate_examples.clone(),
            },
            categories,
            non_geographic,
            countries,
            states,
            rates,
            us_deck_check: UsDeckCheck { warning, ..check },
            exchanges: self.coverage.as_ref().map(|_| self.exchanges.clone()),
            coverage: self.coverage.clone(),
        }
    }
}

/// Rows whose key is on an earlier row, with the first few.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DuplicateKeys {
    /// Rows repeating an earlier key.
    pub rows: u64,
    /// The first ten, with the line of the key's first row.
    pub first: Vec<DuplicateKey>,
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
    /// Lowest rate, as the deck first writes it.
    pub min: String,
    /// Highest rate, as the deck first writes it.
    pub max: String,
    /// Mean, to two more places than the deck's most precise rate.
    pub mean: String,
    /// Median (the mean of the two middle rates for an even count), with at
    /// least as many places as the deck's least precise rate.
    pub median: String,
    /// Distinct rates.
    pub distinct: usize,
}

impl RateFigures {
    fn of(t: &Tally) -> RateFigures {
        let f = match t.figures() {
            Ok(f) => f,
            Err(e) => {
                let unavailable = format!("unavailable ({e})");
                return RateFigures {
                    rows: 0,
                    min: unavailable.clone(),
                    max: unavailable.clone(),
                    mean: unavailable.clone(),
                    median: unavailable,
                    distinct: 0,
                };
            }
        };
        let twice = f.median_low + f.median_high;
        // Half a unit of the 24th place, rounded away from zero.
        let median = (twice + twice.signum()) / 2;
        // Rounded half away from zero, two places past the deck's most
        // precise rate.
        let mean = match f.sum.and_then(|sum| mean(sum, f.rows, f.max_places + 2)) {
            Some(mean) => mean.to_string(),
            None => "unavailable (the sum overflows)".to_owned(),
        };
        RateFigures {
            rows: f.rows,
            min: f.min.to_string(),
            max: f.max.to_string(),
            mean,
            median: decimal_string(median, f.min_places),
            distinct: f.distinct,
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

/// The +1 check of a US deck: does a deck that is mostly US domestic hide
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Blank lines skipped (empty, white space, or only delimiters).
    pub blank_lines: u64,
    /// Rows that were not UTF-8 and were read as Windows-1252.
    pub transcoded_rows: u64,
    /// Rows spanning several lines (a quoted field holding line breaks).
    pub multiline_rows: u64,
    /// The first ten of them, as (first line, last line).
    pub multiline_examples: Vec<(u64, u64)>,
    /// Rejected rows per reason.
    pub rejected_by_reason: BTreeMap<&'static str, u64>,
    /// The first ten rejected rows.
    pub first_rejected: Vec<RejectedRow>,
    /// Rows whose key is on an earlier row.
    pub duplicate_keys: DuplicateKeys,
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
    /// The +1 check of a US deck.
    pub us_deck_check: UsDeckCheck,
    /// What checked exchanges say of the rows; absent when the reader
    /// checked none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchanges: Option<ExchangeFigures>,
    /// Per category, the share of the exchanges' in-service NPA-NXX codes
    /// the deck prices; absent when the reader checked no exchanges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<BTreeMap<Category, Coverage>>,
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
            "detected: {} text, delimiter {delimiter}, {}, {key}, leading 1 {}{}",
            match d.encoding {
                crate::rows::Encoding::Auto => "UTF-8",
                other => other.as_str(),
            },
            if d.header.is_some() {
                "header"
            } else {
                "no header"
            },
            match d.leading_one {
                LeadingOne::Absent => "absent",
                LeadingOne::Present => "present",
                LeadingOne::Auto => "optional (NPA column)",
            },
            if d.decimal_comma {
                ", decimal comma"
            } else {
                ""
            },
        )?;
        let names: Vec<String> = d
            .rate_columns
            .iter()
            .map(|c| match (c.kind, RateKind::of_name(&c.name)) {
                (Some(k), _) => format!("{} [{k}]", echo(&c.name)),
                (None, Some(k)) => format!("{} [no kind: repeats {k}]", echo(&c.name)),
                (None, None) => format!("{} [no kind]", echo(&c.name)),
            })
            .collect();
        writeln!(
            f,
            "rate columns: {}",
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        )?;
        if let Some(date) = &d.effective_date {
            writeln!(
                f,
                "effective date: {} (column {})",
                echo(&date.name),
                date.index + 1
            )?;
        }
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
        let mut also = Vec::new();
        if self.blank_lines > 0 {
            also.push(format!("{} blank lines skipped", self.blank_lines));
        }
        if self.transcoded_rows > 0 {
            also.push(format!(
                "{} rows read as Windows-1252 (not UTF-8)",
                self.transcoded_rows
            ));
        }
        if !also.is_empty() {
            writeln!(f, "({})", also.join("; "))?;
        }
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
            let shown = self.first_rejected.len() as u64;
            writeln!(
                f,
                "first {}:",
                if shown < self.rejected {
                    format!("{shown} of {}", self.rejected)
                } else {
                    format!("{shown}")
                }
            )?;
            for r in &self.first_rejected {
                writeln!(f, "  line {}: {}: {}", r.line, r.reason, r.detail)?;
            }
        }
        for column in &self.rates {
            writeln!(f, "\n{}:", echo(&column.column))?;
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
        let dups = &self.duplicate_keys;
        if dups.rows > 0 {
            writeln!(
                f,
                "\nWARNING: {} the key of an earlier row:",
                if dups.rows == 1 {
                    "1 row repeats".to_owned()
                } else {
                    format!("{} rows repeat", dups.rows)
                }
            )?;
            for k in &dups.first {
                writeln!(
                    f,
                    "  {} on line {}, first on line {}",
                    k.key, k.line, k.first_line
                )?;
            }
        }
        if self.multiline_rows > 0 {
            let spans: Vec<String> = self
                .multiline_examples
                .iter()
                .map(|(a, b)| format!("{a}-{b}"))
                .collect();
            writeln!(
                f,
                "\nnote: {} rows span several lines (a quoted field holds line breaks): lines {}",
                self.multiline_rows,
                spans.join(", ")
            )?;
        }
        let votes = &d.leading_one_votes;
        if votes.ambiguous {
            writeln!(
                f,
                "\nWARNING: whether keys starting 2-9 carry the country code is ambiguous: of the \
                 sampled keys, {} start with 1, {} look like NANP keys without the 1, {} do not; \
                 read as leading 1 {} (force it with --leading-one)",
                votes.with_one,
                votes.bare_nanp,
                votes.other,
                match d.leading_one {
                    LeadingOne::Absent => "absent",
                    _ => "present",
                }
            )?;
        }
        if let (Some(x), Some(coverage)) = (&self.exchanges, &self.coverage) {
            writeln!(
                f,
                "\nexchanges: of {} rows with an NPA-NXX, in service {} + not in service {} + not found {}",
                x.checked(),
                x.in_service,
                x.not_in_service,
                x.not_found
            )?;
            for (what, examples) in [
                ("not in service", &x.first_not_in_service),
                ("not found", &x.first_not_found),
            ] {
                if !examples.is_empty() {
                    let list: Vec<String> = examples
                        .iter()
                        .map(|e| match e.status {
                            Some(status) => format!("{} ({status}, line {})", e.code, e.line),
                            None => format!("{} (line {})", e.code, e.line),
                        })
                        .collect();
                    writeln!(f, "  first {what}: {}", list.join(", "))?;
                }
            }
            writeln!(f, "coverage of the in-service NPA-NXX codes:")?;
            for (category, c) in coverage {
                writeln!(
                    f,
                    "  {:<12} {:>8} of {:>8} priced ({:.2}%)",
                    category.as_str(),
                    c.priced,
                    c.in_service_codes,
                    c.share * 100.0
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
