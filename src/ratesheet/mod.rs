//! Rate decks: streaming categorization of decks keyed by dial prefix, and
//! whole decks in memory to compare vendors and diff versions.
//!
//! A deck is a delimited text file whose rows are keyed by a dial prefix
//! (`1201200`, that is 1, NPA and NXX; `201200`; `2012001`, an NPA-NXX-X
//! thousands block; `1 201 200`; or NPA and NXX in two columns, with or
//! without the 1) and carry rates. [`Reader`] works out the deck's shape
//! from its first rows ([`Detection`]; every part can be forced with
//! [`Options`]), then streams it: memory does not grow with the deck.
//! [`Reader::categorize_all`] categorizes and writes the rest of a deck on
//! several threads, with the bytes and figures of reading it row by row.
//!
//! # Every row is accounted for
//!
//! A data row is any line that is not blank (empty, white space, or only
//! delimiters, as a spreadsheet writes them) and not the header. Each comes
//! out exactly once, as one of
//!
//! - accepted: a [`Row`] whose destination is a geographic NPA or a
//!   non-geographic service such as toll-free;
//! - non-NANP: a [`Row`] whose prefix starts with another country's code
//!   (an A–Z deck's `44`);
//! - rejected: a [`RowError`] with the line and a [`RejectReason`].
//!
//! [`Summary`] accumulates the figures of a deck and keeps the invariant
//! `accepted + rejected + non_nanp == rows_read`.
//!
//! # Formats
//!
//! | form | example | detected as |
//! | --- | --- | --- |
//! | (a) header, 1 + NPA + NXX | `prefix,rate (inter),intrastate,intrastate,effective` / `1201200,…` | header; prefix column |
//! | (b) headerless, NPA and NXX apart | `USA - AK,1907,200,0.0096561,0.0096561,0.0096561` | no header; NPA column 2, NXX column 3 |
//! | (c) six-digit NPA-NXX | `npanxx,inter,intra,indeterm` / `201200,…` | leading 1 absent |
//! | (d) A–Z, headerless | `Afghanistan- Mobile - AWCC,9370,0.1255` | prefix column; non-+1 rows counted as non-NANP |
//!
//! The key's width is read per row: a deck may mix `201200` and `2012001`,
//! or `1201200` and `12012001`. A key that starts with 1 is +1 whatever the
//! deck; whether one that starts with 2–9 is a bare NANP key or another
//! country's code is decided once, from the sampled keys
//! ([`Detection::leading_one_votes`]), and a split vote is reported.
//! Delimiters (`,`, `;`, tab, `|`), the encoding (UTF-8, UTF-16 with or
//! without a byte-order mark, Windows-1252 rows), a decimal comma
//! (`0,0125`) and the header are detected too; so are each rate column's
//! [`RateKind`] (inter, intra, indeterminate, or a deck's one `rate`) and
//! the effective-date column, whose dates are read in every form decks
//! write (a row whose date is not one is rejected).
//!
//! # Decks in memory: compare and diff
//!
//! [`RateDeck`] loads a whole deck through the reader (every row still
//! accounted for) and finds any number's rate by longest-prefix match
//! ([`RateDeck::best_match`]), each code's rates by [`RateKind`]. On it,
//! [`Comparison`] lines up vendors' decks code by code (the cheapest vendor
//! of each kind, the spread, [`ComparisonSummary`]) and [`Diff`] sets a
//! deck against its last version (increases, decreases, new and removed
//! rates, and the increases with less [`Notice`] than a contract asks,
//! [`DiffSummary`]). Both take each deck's rate for a code as its
//! longest-prefix match, so decks of different shapes line up.
//!
//! # Examples
//!
//! ```
//! use nanp_lerg::ratesheet::{Destination, Options, Reader, Summary};
//! use nanp_lerg::{Category, Directory};
//!
//! let deck = "prefix,rate (inter),intrastate,intrastate,effective\n\
//!             1201200,0.0040,0.0050,0.0060,2025-01-01\n\
//!             12012001,0.0041,0.0051,0.0061,2025-01-01\n\
//!             1671555,0.1200,0.1200,0.1200,2025-01-01\n\
//!             1800555,0.0000,0.0000,0.0000,2025-01-01\n\
//!             1911555,0.0100,0.0100,0.0100,2025-01-01\n";
//! let dir = Directory::builtin();
//! let mut reader = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap();
//! let mut summary = Summary::new(reader.detection());
//! while let Some(row) = reader.next_row() {
//!     summary.add(&row);
//!     if let Ok(row) = &row {
//!         if let Destination::Geographic(r) = row.destination {
//!             println!("line {}: {} {}", row.line, row.npa.unwrap(), r.category);
//!         }
//!     }
//! }
//! assert_eq!(summary.rows_read(), 5);
//! assert_eq!((summary.accepted(), summary.rejected(), summary.non_nanp()), (4, 1, 0));
//! assert_eq!(summary.category_rows(Category::Pacific), 1); // 671: Guam is not US domestic
//! ```
//!
//! # Errors
//!
//! [`Reader::new`] fails ([`OpenError`]) only when the deck cannot be read
//! as a table at all: a read error, a file that is not text (a workbook, an
//! archive), no data row, no column of dial prefixes, or options that name
//! columns the deck does not have. Everything else is a rejected row:
//!
//! ```
//! use nanp_lerg::ratesheet::{Options, Reader, RejectReason};
//! use nanp_lerg::Directory;
//!
//! let deck = "desc,prefix,rate\n\
//!             \"USA mobile,1201210,0.01\n\
//!             USA,1201200,-0.01\n\
//!             USA,1201202,0.01\n";
//! let dir = Directory::builtin();
//! let rows: Vec<_> = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap().collect();
//! let e = rows[0].as_ref().unwrap_err();
//! assert_eq!((e.line(), e.reason().as_str()), (2, "unterminated-quote"));
//! let e = rows[1].as_ref().unwrap_err();
//! assert_eq!((e.line(), e.reason().as_str()), (3, "negative-rate"));
//! assert_eq!(rows[2].as_ref().unwrap().line, 4);
//! ```

mod categorize;
mod compare;
mod deck;
mod destination;
mod detect;
mod diff;
mod exchanges;
mod increment;
mod key;
mod kind;
mod options;
mod parallel;
mod prefix;
mod rate;
mod reject;
mod summary;
mod tally;
mod write;

use std::collections::VecDeque;
use std::io::{self, Read};

use crate::exchange::Exchanges;
use crate::npa::Npa;
use crate::rows::RowReader;
use crate::Directory;
use jiff::civil::Date;

pub use crate::rows::{Encoding, Fields, MAX_ROW_BYTES};
pub use compare::{
    Cheapest, Codes, CompareError, ComparedCode, Comparison, ComparisonSummary, VendorSet,
    MAX_VENDORS,
};
pub use deck::{DeckEntry, RateDeck};
pub use destination::Destination;
pub(crate) use destination::{group_name, DESTINATION_GROUPS};
pub use detect::{DateColumn, DetectError, Detection, LeadingOneVotes, RateColumn};
pub use diff::{Change, CodeDiff, Diff, DiffCodes, DiffSummary, Notice, RateChange, ShortNotice};
pub use exchanges::{CodeExample, Coverage, ExchangeFigures, ExchangeMatch};
pub use increment::{
    Increment, IncrementColumns, IncrementError, FIRST_PERIOD_NAMES, INCREMENT_NAMES,
    NEXT_PERIOD_NAMES,
};
pub use kind::RateKind;
pub use options::{Column, Duplicates, KeyColumns, LeadingOne, Options};
pub use prefix::Prefix;
pub use rate::{Rate, RateError, SCALE};
pub use reject::{OpenError, RejectReason, RowError};
pub use summary::{
    CategoryFigures, DuplicateKey, DuplicateKeys, RateColumnFigures, RateFigures, RejectedRow,
    Report, Summary, UsDeckCheck,
};
pub use write::{CategorizedWriter, APPENDED_COLUMNS, EXCHANGE_COLUMNS};

pub(crate) use key::echo;
pub(crate) use rate::push_decimal;
pub(crate) use write::{push_field, push_record, push_rejected_record};

use categorize::Categorizer;
use detect::{SAMPLE_BYTES, SAMPLE_ROWS};
use key::{KeyCode, KeyIndex};

/// An accepted or non-NANP row, borrowed from the reader until the next row.
#[derive(Debug, Clone, Copy)]
pub struct Row<'r, 'd> {
    /// The row's 1-based line in the file.
    pub line: u64,
    /// The destination code, normalised: the digits after the country code
    /// for the NANP (`201200` for `1201200` or `1 201 200`), the digits as
    /// dialled for another country (`44` for `+44`).
    pub key: &'r str,
    /// The NPA (`None` for non-NANP).
    pub npa: Option<Npa>,
    /// The NXX, when the key holds one.
    pub nxx: Option<u16>,
    /// The thousands digit (NPA-NXX-X), when the key holds one.
    pub block: Option<u8>,
    /// Where the calls go.
    pub destination: Destination<'d>,
    /// One entry per [`Detection::rate_columns`]; `None` for an empty field.
    /// Empty for a non-NANP row, whose rates are not read (unless
    /// [`Options::price_non_nanp`]).
    pub rates: &'r [Option<Rate>],
    /// The effective date, when the deck has a date column and the field is
    /// not empty (read as rates are).
    pub effective: Option<Date>,
    /// The billing increment, when the deck has increment columns and the
    /// fields are not empty (read as rates are).
    pub increment: Option<Increment>,
    /// The line of an earlier row with the same key, if there is one.
    pub duplicate_of: Option<u64>,
    /// What the checked exchanges say of the row's NPA-NXX.
    pub exchange: ExchangeMatch<'d>,
    /// The row's fields as read (UTF-8).
    pub fields: &'r Fields,
}

impl Row<'_, '_> {
    /// Whether the row counts as accepted (not non-NANP).
    pub fn is_accepted(&self) -> bool {
        self.destination != Destination::NonNanp
    }
}

/// A streaming reader of a rate deck; see the [module docs](self).
pub struct Reader<'d, R: Read> {
    rows: RowReader<R>,
    /// Rows read ahead for detection, not yet handed out.
    pending: VecDeque<Fields>,
    /// The row being handed out, when it came from `pending`.
    current: Fields,
    categorizer: Categorizer<'d>,
    keys: KeyIndex,
    duplicates: Duplicates,
    done: bool,
}

impl<'d, R: Read> Reader<'d, R> {
    /// Opens a deck: reads ahead a little to detect its shape, then streams.
    ///
    /// # Errors
    ///
    /// See [`OpenError`].
    pub fn new(input: R, options: Options, directory: &'d Directory) -> Result<Self, OpenError> {
        let mut rows = RowReader::new(input, b',', options.encoding.unwrap_or(Encoding::Auto))?;
        let delimiter = match options.delimiter {
            Some(d) => d,
            None => crate::rows::sniff_delimiter(rows.peek(crate::rows::SNIFF_HEAD)?),
        };
        rows.set_delimiter(delimiter);
        let mut pending = VecDeque::new();
        let mut sampled = 0;
        while pending.len() < SAMPLE_ROWS && sampled < SAMPLE_BYTES {
            match rows.next_row()? {
                Some(row) => {
                    sampled += row.byte_len();
                    pending.push_back(row.clone());
                }
                None => break,
            }
        }
        // Rows that are not whole (a stray quote, an over-long row) say
        // nothing about the deck's shape.
        let sample: Vec<Fields> = pending
            .iter()
            .filter(|r| r.fault().is_none())
            .cloned()
            .collect();
        let has_header = match options.has_header {
            Some(h) => h,
            None => sample
                .first()
                .is_some_and(|first| detect::looks_like_header(first, &sample[1..])),
        };
        let header: Option<Vec<String>> = if has_header {
            // The header is the first row, whole or not.
            pending
                .pop_front()
                .map(|h| h.iter().map(|c| c.trim().to_owned()).collect())
        } else {
            None
        };
        // Nothing, or one row of names and no number: a header alone.
        let header_alone =
            header.is_none() && pending.len() == 1 && !pending[0].iter().any(detect::is_digits);
        if pending.is_empty() || header_alone {
            return Err(DetectError::NoDataRows.into());
        }
        let data: &[Fields] = match (&header, sample.first()) {
            (Some(_), Some(first)) if pending.front() != Some(first) => &sample[1..],
            _ => &sample[..],
        };
        let key = detect::detect_key(&options, header.as_deref(), data)?;
        let (leading_one, leading_one_votes) =
            detect::detect_leading_one(&options, &key, data, directory);
        let keys = match key {
            KeyColumns::Prefix(c) => vec![c],
            KeyColumns::Split { npa, nxx } => vec![npa, nxx],
        };
        let decimal_comma = detect::detect_decimal_comma(&options, &keys, data);
        let decimal = if decimal_comma { b',' } else { b'.' };
        let mut rate_columns =
            detect::detect_rates(&options, header.as_deref(), &key, data, decimal)?;
        kind::assign(
            &mut rate_columns,
            header.is_some(),
            options.rate_kinds.as_deref(),
        )?;
        let taken: Vec<usize> = keys
            .iter()
            .copied()
            .chain(rate_columns.iter().map(|c| c.index))
            .collect();
        let effective_date = detect::detect_date(&options, header.as_deref(), &taken, data)?;
        let mut taken = taken;
        taken.extend(effective_date.as_ref().map(|d| d.index));
        let increment = IncrementColumns::detect(header.as_deref(), &taken);
        let detection = Detection {
            encoding: rows.encoding(),
            delimiter: char::from(delimiter),
            decimal_comma,
            columns: detect::width(header.as_deref(), data),
            header,
            key,
            leading_one,
            leading_one_votes,
            rate_columns,
            effective_date,
            increment,
        };
        Ok(Reader {
            rows,
            pending,
            current: Fields::default(),
            categorizer: Categorizer::new(detection, directory, options.price_non_nanp),
            keys: KeyIndex::default(),
            duplicates: options.duplicates,
            done: false,
        })
    }

    /// Checks every accepted row's NPA-NXX (or NPA-NXX-X) against
    /// `exchanges` from now on: [`Row::exchange`] says what they hold, and
    /// with `reject_not_in_service` a code they hold but not in service is
    /// rejected ([`RejectReason::NxxNotInService`]). A code they do not
    /// hold is never rejected: the files loaded may not cover its NPA.
    ///
    /// # Examples
    ///
    /// ```
    /// use nanp_lerg::exchange::Exchanges;
    /// use nanp_lerg::ratesheet::{ExchangeMatch, Options, Reader};
    /// use nanp_lerg::Directory;
    ///
    /// let dir = Directory::builtin();
    /// let mut builder = Exchanges::builder(&dir);
    /// builder.read("x.csv", "NPA,NXX,status,OCN\n613,555,in service,8051\n613,556,available,\n".as_bytes(), None);
    /// let exchanges = builder.build().unwrap();
    ///
    /// let deck = "npanxx,rate\n613555,0.01\n613556,0.01\n613557,0.01\n";
    /// let mut reader = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap();
    /// reader.check_exchanges(&exchanges, true);
    /// let row = reader.next_row().unwrap().unwrap();
    /// assert!(matches!(row.exchange, ExchangeMatch::Found(e) if e.ocn == Some("8051")));
    /// let e = reader.next_row().unwrap().unwrap_err();
    /// assert_eq!(e.reason().to_string(), "613-556 is available, not in service (x.csv)");
    /// let row = reader.next_row().unwrap().unwrap();
    /// assert_eq!(row.exchange, ExchangeMatch::NotFound);
    /// ```
    pub fn check_exchanges(&mut self, exchanges: &'d Exchanges, reject_not_in_service: bool) {
        self.categorizer.exchanges = Some(exchanges);
        self.categorizer.reject_not_in_service = reject_not_in_service;
    }

    /// The directory rows are categorized with.
    pub fn directory(&self) -> &'d Directory {
        self.categorizer.directory
    }

    /// The exchanges rows are checked against, if any.
    pub fn exchanges(&self) -> Option<&'d Exchanges> {
        self.categorizer.exchanges
    }

    /// What was detected (or forced) about the deck.
    pub fn detection(&self) -> &Detection {
        &self.categorizer.detection
    }

    /// Blank lines skipped so far (empty, white space, or only delimiters).
    pub fn blank_lines(&self) -> u64 {
        self.rows.blank_lines()
    }

    /// Rows so far that were not UTF-8 and were read as Windows-1252.
    pub fn transcoded_rows(&self) -> u64 {
        self.rows.transcoded_rows()
    }

    /// The next data row: accepted or non-NANP (`Ok`), or rejected (`Err`).
    /// `None` at the end of the deck. No allocation for an accepted row.
    #[allow(clippy::should_implement_trait)]
    pub fn next_row(&mut self) -> Option<Result<Row<'_, 'd>, RowError>> {
        let from_pending = match self.pending.pop_front() {
            Some(row) => {
                self.current = row;
                true
            }
            None if self.done => return None,
            None => match self.rows.next_row() {
                Ok(Some(_)) => false,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                // The rest of the deck is unread: nothing follows this.
                Err(e) => {
                    self.done = true;
                    return Some(Err(read_failed(self.rows.line(), e)));
                }
            },
        };
        let fields = if from_pending {
            &self.current
        } else {
            self.rows.current()
        };
        let mut row = match self.categorizer.row(fields) {
            Ok(row) => row,
            Err(e) => return Some(Err(e)),
        };
        let key = KeyCode::new(row.npa.is_some(), row.key);
        if let Some(first_line) = self.keys.first_seen(key, row.line) {
            if self.duplicates == Duplicates::Reject {
                let reason = RejectReason::DuplicateKey {
                    key: key.text(),
                    first_line,
                };
                return Some(Err(RowError::of(fields, reason)));
            }
            row.duplicate_of = Some(first_line);
        }
        Some(Ok(row))
    }
}

/// The rejection that ends a deck whose reading failed on `line`.
#[cold]
fn read_failed(line: u64, e: io::Error) -> RowError {
    RowError::new(line, 1, RejectReason::ReadError(e.to_string()), Vec::new())
}

/// An owned accepted or non-NANP row, from [`Reader`]'s `Iterator`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckRow<'d> {
    /// The row's 1-based line in the file.
    pub line: u64,
    /// The normalised destination code; see [`Row::key`].
    pub key: String,
    /// The NPA (`None` for non-NANP).
    pub npa: Option<Npa>,
    /// The NXX, when the key holds one.
    pub nxx: Option<u16>,
    /// The thousands digit, when the key holds one.
    pub block: Option<u8>,
    /// Where the calls go.
    pub destination: Destination<'d>,
    /// One entry per rate column; `None` for an empty field.
    pub rates: Vec<Option<Rate>>,
    /// The effective date; see [`Row::effective`].
    pub effective: Option<Date>,
    /// The billing increment; see [`Row::increment`].
    pub increment: Option<Increment>,
    /// The line of an earlier row with the same key, if there is one.
    pub duplicate_of: Option<u64>,
    /// What the checked exchanges say of the row's NPA-NXX.
    pub exchange: ExchangeMatch<'d>,
}

impl<'d> From<&Row<'_, 'd>> for DeckRow<'d> {
    fn from(row: &Row<'_, 'd>) -> DeckRow<'d> {
        DeckRow {
            line: row.line,
            key: row.key.to_owned(),
            npa: row.npa,
            nxx: row.nxx,
            block: row.block,
            destination: row.destination,
            rates: row.rates.to_vec(),
            effective: row.effective,
            increment: row.increment,
            duplicate_of: row.duplicate_of,
            exchange: row.exchange,
        }
    }
}

impl<'d, R: Read> Iterator for Reader<'d, R> {
    type Item = Result<DeckRow<'d>, RowError>;

    /// Like [`Reader::next_row`], owning the row (one allocation a row).
    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().map(|r| r.map(|row| DeckRow::from(&row)))
    }
}
