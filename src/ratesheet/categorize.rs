//! [`Categorizer`]: one row of a deck read for its key, destination, rates,
//! date, increment and exchange. Everything but the duplicate check, which
//! needs the rows before it: rows can be categorized apart, on any thread.

use super::{
    echo, exchanges, key, Destination, Detection, ExchangeMatch, Increment, Rate, RejectReason,
    Row, RowError,
};
use crate::classify::Classification;
use crate::exchange::Exchanges;
use crate::rows::{Fault, Fields};
use crate::Directory;
use jiff::civil::Date;

/// What categorizing a row needs, with buffers reused from row to row.
#[derive(Debug, Clone)]
pub(crate) struct Categorizer<'d> {
    pub(crate) detection: Detection,
    pub(crate) directory: &'d Directory,
    pub(crate) exchanges: Option<&'d Exchanges>,
    pub(crate) reject_not_in_service: bool,
    price_non_nanp: bool,
    decimal: u8,
    /// `detection.rate_columns`' indexes, compact for the per-row loop.
    rate_indexes: Vec<usize>,
    rates: Vec<Option<Rate>>,
    key: String,
    /// Date fields read lately, with their dates: a deck's dates repeat,
    /// in a few forms at most.
    date_cache: DateCache,
}

impl<'d> Categorizer<'d> {
    pub(crate) fn new(
        detection: Detection,
        directory: &'d Directory,
        price_non_nanp: bool,
    ) -> Categorizer<'d> {
        Categorizer {
            rate_indexes: detection.rate_columns.iter().map(|c| c.index).collect(),
            rates: Vec::with_capacity(detection.rate_columns.len()),
            decimal: if detection.decimal_comma { b',' } else { b'.' },
            detection,
            directory,
            exchanges: None,
            reject_not_in_service: false,
            price_non_nanp,
            key: String::with_capacity(15),
            date_cache: DateCache::default(),
        }
    }

    /// Categorizes `row`: accepted or non-NANP, never marked a duplicate
    /// (`duplicate_of` is `None`), or rejected.
    #[inline]
    pub(crate) fn row<'a>(&'a mut self, row: &'a Fields) -> Result<Row<'a, 'd>, RowError> {
        if let Some(fault) = row.fault() {
            return Err(RowError::of(
                row,
                match fault {
                    Fault::UnterminatedQuote => RejectReason::UnterminatedQuote,
                    Fault::TooLong => RejectReason::RowTooLong,
                    Fault::InvalidUtf8 => RejectReason::InvalidUtf8,
                },
            ));
        }
        let columns = self.detection.columns;
        if row.len() > columns {
            if let Some(last) = (columns..row.len())
                .rev()
                .find(|&i| !row.get(i).unwrap_or("").trim().is_empty())
            {
                let reason = RejectReason::ExtraFields {
                    found: last + 1,
                    expected: columns,
                };
                return Err(RowError::of(row, reason));
            }
        }
        let key = key::key_of(
            row,
            self.detection.key,
            self.detection.leading_one,
            &mut self.key,
        );
        let (npa, nxx, block) = match key {
            Ok(key::Key::Nanp { npa, nxx, block }) => (npa, nxx, block),
            // Another country's row is counted, not priced: its rates are
            // not read, so a bad one does not make it a rejection.
            Ok(key::Key::Foreign) => {
                self.rates.clear();
                let (mut effective, mut increment) = (None, None);
                if self.price_non_nanp {
                    self.read_rates(row)?;
                    effective = self.read_date(row)?;
                    increment = self.read_increment(row)?;
                }
                return Ok(Row {
                    line: row.line(),
                    key: &self.key,
                    npa: None,
                    nxx: None,
                    block: None,
                    destination: Destination::NonNanp,
                    rates: &self.rates,
                    effective,
                    increment,
                    duplicate_of: None,
                    exchange: ExchangeMatch::NotChecked,
                    fields: row,
                });
            }
            Err(reason) => return Err(RowError::of(row, reason)),
        };
        let destination = match self.directory.classify(npa.get()) {
            Classification::Geographic(record) => Destination::Geographic(record),
            Classification::NonGeographic(service) => Destination::NonGeographic(service),
            Classification::Reserved(reason) => {
                return Err(RowError::of(row, RejectReason::ReservedNpa { npa, reason }))
            }
            Classification::Unassigned | Classification::Invalid => {
                return Err(RowError::of(row, RejectReason::UnassignedNpa(npa)))
            }
        };
        self.read_rates(row)?;
        let effective = self.read_date(row)?;
        let increment = self.read_increment(row)?;
        let exchange = match (self.exchanges, nxx, destination) {
            (Some(exchanges), Some(nxx), Destination::Geographic(_)) => {
                let code = exchanges::check(exchanges, npa, nxx, block, self.reject_not_in_service);
                code.map_err(|reason| RowError::of(row, reason))?
            }
            _ => ExchangeMatch::NotChecked,
        };
        Ok(Row {
            line: row.line(),
            key: &self.key,
            npa: Some(npa),
            nxx,
            block,
            destination,
            rates: &self.rates,
            effective,
            increment,
            duplicate_of: None,
            exchange,
            fields: row,
        })
    }

    #[inline]
    fn read_rates(&mut self, row: &Fields) -> Result<(), RowError> {
        self.rates.clear();
        for (k, &index) in self.rate_indexes.iter().enumerate() {
            let field = row.get_bytes(index).unwrap_or(b"");
            let reason = match Rate::parse_with(field, self.decimal) {
                Ok(Some(rate)) if rate.is_negative() => RejectReason::NegativeRate {
                    column: self.detection.rate_columns[k].name.clone(),
                    value: echo(row.get(index).unwrap_or("")),
                },
                Ok(rate) => {
                    self.rates.push(rate);
                    continue;
                }
                Err(error) => RejectReason::UnparseableRate {
                    column: self.detection.rate_columns[k].name.clone(),
                    value: echo(row.get(index).unwrap_or("")),
                    error,
                },
            };
            return Err(RowError::of(row, reason));
        }
        Ok(())
    }

    /// The effective date, if the deck has a date column.
    #[inline]
    fn read_date(&mut self, row: &Fields) -> Result<Option<Date>, RowError> {
        let Some(column) = &self.detection.effective_date else {
            return Ok(None);
        };
        let field = row.get_bytes(column.index).unwrap_or(b"").trim_ascii();
        if field.is_empty() {
            return Ok(None);
        }
        if let Some(date) = self.date_cache.get(field) {
            return Ok(Some(date));
        }
        let Some(date) = std::str::from_utf8(field).ok().and_then(crate::date::parse) else {
            let reason = RejectReason::UnparseableDate {
                column: column.name.clone(),
                value: echo(row.get(column.index).unwrap_or("")),
            };
            return Err(RowError::of(row, reason));
        };
        self.date_cache.put(field, date);
        Ok(Some(date))
    }

    /// The billing increment, if the deck has increment columns.
    #[inline]
    fn read_increment(&self, row: &Fields) -> Result<Option<Increment>, RowError> {
        let Some(columns) = &self.detection.increment else {
            return Ok(None);
        };
        columns
            .read(|c| row.get(c).unwrap_or(""))
            .map_err(|(column, value)| {
                let reason = RejectReason::UnparseableIncrement {
                    column: self.detection.column_name(column),
                    value: echo(value),
                };
                RowError::of(row, reason)
            })
    }
}

/// The last few date fields read, with their dates.
#[derive(Debug, Clone, Default)]
struct DateCache {
    entries: Vec<(Vec<u8>, Date)>,
    next: usize,
}

impl DateCache {
    const SIZE: usize = 8;

    #[inline]
    fn get(&self, field: &[u8]) -> Option<Date> {
        self.entries
            .iter()
            .find(|(f, _)| f.as_slice() == field)
            .map(|&(_, d)| d)
    }

    fn put(&mut self, field: &[u8], date: Date) {
        if self.entries.len() < Self::SIZE {
            self.entries.push((field.to_vec(), date));
        } else {
            self.entries[self.next] = (field.to_vec(), date);
            self.next = (self.next + 1) % Self::SIZE;
        }
    }
}
