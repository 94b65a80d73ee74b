//! Decks checked against exchanges: what they say of each row's code, the
//! rows' codes in service, known but not in service, or absent; and how
//! much of the in-service numbering space of each category the deck
//! prices.

use std::collections::BTreeMap;

use serde::Serialize;

use super::summary::extend_examples;
use super::{RejectReason, Row, RowError};
use crate::category::Category;
use crate::exchange::{code_text, Exchange, Exchanges};
use crate::npa::Npa;
use crate::Directory;

/// What the exchanges a [`Reader`](super::Reader) checks against
/// ([`Reader::check_exchanges`](super::Reader::check_exchanges)) say of a
/// row's NPA-NXX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeMatch<'d> {
    /// No exchanges are checked, or the row names no NPA-NXX (an NPA-level
    /// key, a non-geographic or non-NANP row).
    NotChecked,
    /// The code is in none of the loaded files.
    NotFound,
    /// The code's exchange: the thousands block's for an NPA-NXX-X key
    /// when its block was loaded, else the NXX's.
    Found(Exchange<'d>),
}

/// What `exchanges` say of a code, or the rejection of one they hold but
/// not in service when that is a rejection.
#[inline]
pub(crate) fn check(
    exchanges: &Exchanges,
    npa: Npa,
    nxx: u16,
    block: Option<u8>,
    reject_not_in_service: bool,
) -> Result<ExchangeMatch<'_>, RejectReason> {
    let found = match block {
        Some(x) => exchanges.get_block(npa.get(), nxx, x),
        None => exchanges.get(npa.get(), nxx),
    };
    match found {
        None => Ok(ExchangeMatch::NotFound),
        Some(e) if reject_not_in_service && !e.status.is_in_service() => {
            Err(RejectReason::NxxNotInService {
                code: code_text(npa, nxx, block),
                status: e.status.as_str(),
                source_file: e.source.to_owned(),
            })
        }
        Some(e) => Ok(ExchangeMatch::Found(e)),
    }
}

/// Examples kept of not-in-service and not-found codes.
const EXAMPLES: usize = 10;

/// Rows checked against exchanges, by what the exchanges say: every
/// accepted row with an NPA-NXX (or NPA-NXX-X) key of a geographic NPA,
/// and rows rejected as `nxx-not-in-service`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExchangeFigures {
    /// Rows whose code is in service.
    pub in_service: u64,
    /// Rows whose code is known but not in service (assigned, available,
    /// reserved, …).
    pub not_in_service: u64,
    /// Rows whose code is in none of the loaded files.
    pub not_found: u64,
    /// The first not-in-service rows.
    pub first_not_in_service: Vec<CodeExample>,
    /// The first not-found rows.
    pub first_not_found: Vec<CodeExample>,
}

/// A row's code, as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeExample {
    /// The row's line.
    pub line: u64,
    /// The code: `613-555`, or `201-200-3` for a block.
    pub code: String,
    /// The code's status, when it is known.
    pub status: Option<&'static str>,
}

/// How much of a category's in-service numbering space a deck prices.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coverage {
    /// NPA-NXX codes in service in the loaded exchanges.
    pub in_service_codes: u64,
    /// Of them, the codes the deck prices: by its own NPA-NXX (or a block
    /// of it) or by a row for the whole NPA.
    pub priced: u64,
    /// `priced / in_service_codes`, 0 to 1, to four places.
    pub share: f64,
}

impl ExchangeFigures {
    /// Counts a row.
    pub(crate) fn add(&mut self, row: &Result<Row<'_, '_>, RowError>) {
        match row {
            Ok(row) => {
                let (npa, nxx) = match (row.npa, row.nxx) {
                    (Some(npa), Some(nxx)) => (npa, nxx),
                    _ => return,
                };
                let status = match row.exchange {
                    ExchangeMatch::NotChecked => return,
                    ExchangeMatch::Found(e) if e.status.is_in_service() => {
                        self.in_service += 1;
                        return;
                    }
                    ExchangeMatch::Found(e) => Some(e.status.as_str()),
                    ExchangeMatch::NotFound => None,
                };
                self.other(row.line, status, || code_text(npa, nxx, row.block));
            }
            Err(e) => {
                if let RejectReason::NxxNotInService { code, status, .. } = e.reason() {
                    self.other(e.line(), Some(status), || code.clone());
                }
            }
        }
    }

    /// Counts a code not in service (`status`) or not found (`None`),
    /// keeping the first few.
    fn other(&mut self, line: u64, status: Option<&'static str>, code: impl FnOnce() -> String) {
        let (count, examples) = match status {
            Some(_) => (&mut self.not_in_service, &mut self.first_not_in_service),
            None => (&mut self.not_found, &mut self.first_not_found),
        };
        *count += 1;
        if examples.len() < EXAMPLES {
            examples.push(CodeExample {
                line,
                code: code(),
                status,
            });
        }
    }

    /// Adds the figures of the rows that follow these.
    pub(crate) fn merge(&mut self, other: &ExchangeFigures) {
        self.in_service += other.in_service;
        self.not_in_service += other.not_in_service;
        self.not_found += other.not_found;
        extend_examples(&mut self.first_not_in_service, &other.first_not_in_service);
        extend_examples(&mut self.first_not_found, &other.first_not_found);
    }

    /// Rows checked.
    pub fn checked(&self) -> u64 {
        self.in_service + self.not_in_service + self.not_found
    }
}

/// The coverage of each category whose NPAs have in-service codes in
/// `exchanges`; `priced(npa, nxx)` says whether the deck prices a code.
pub(crate) fn coverage(
    exchanges: &Exchanges,
    directory: &Directory,
    priced: impl Fn(u16, u16) -> bool,
) -> BTreeMap<Category, Coverage> {
    let mut counts: BTreeMap<Category, (u64, u64)> = BTreeMap::new();
    for e in exchanges.iter() {
        if e.block.is_some() || !e.status.is_in_service() {
            continue;
        }
        let Some(category) = directory.category(e.npa.get()) else {
            continue;
        };
        let c = counts.entry(category).or_default();
        c.0 += 1;
        c.1 += u64::from(priced(e.npa.get(), e.nxx));
    }
    counts
        .into_iter()
        .map(|(category, (codes, priced))| {
            let share = (priced as f64 / codes as f64 * 10_000.0).round() / 10_000.0;
            let coverage = Coverage {
                in_service_codes: codes,
                priced,
                share,
            };
            (category, coverage)
        })
        .collect()
}
