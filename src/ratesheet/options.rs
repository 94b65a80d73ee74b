//! [`Options`]: how to read a deck, each part left to detection or forced.

use serde::{Serialize, Serializer};

use super::RateKind;
use crate::rows::Encoding;

/// A column, by header name or 0-based index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A header name, matched without regard to case, spaces or punctuation.
    Name(String),
    /// A 0-based index.
    Index(usize),
}

/// Which columns key a row. Serialized with 1-based column numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyColumns {
    /// One column of dial prefixes (`1201200`, `201200`, `1876`, `44`).
    Prefix(usize),
    /// The NPA (`1907` or `907`) and NXX (`200`) in two columns.
    Split {
        /// The NPA's column.
        npa: usize,
        /// The NXX's column.
        nxx: usize,
    },
}

impl Serialize for KeyColumns {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match *self {
            KeyColumns::Prefix(c) => m.serialize_entry("prefix", &(c + 1))?,
            KeyColumns::Split { npa, nxx } => {
                m.serialize_entry("npa", &(npa + 1))?;
                m.serialize_entry("nxx", &(nxx + 1))?;
            }
        }
        m.end()
    }
}

/// Whether prefix keys that start with 2–9 are bare NANP keys. (A key that
/// starts with 1 is +1 whatever this says; an NPA column takes `907` and
/// `1907` alike, so the policy does not apply to it and detection reports
/// `auto` there.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadingOne {
    /// Decide from the first rows.
    #[default]
    Auto,
    /// Keys are international: `1` + NPA (+ NXX) for the NANP; a key that
    /// starts with 2–9 is another country's.
    Present,
    /// Keys are NPA (+ NXX) with no country code.
    Absent,
}

/// What to do with a key seen on an earlier row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Duplicates {
    /// Accept the row; count it and name it in the summary.
    #[default]
    Count,
    /// Reject the later rows (`duplicate-key`), keeping the first.
    Reject,
}

/// How to read a deck. Everything left `None` (or `Auto`) is detected.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The dial-prefix column.
    pub prefix_col: Option<Column>,
    /// The NPA column, when NPA and NXX are separate.
    pub npa_col: Option<Column>,
    /// The NXX column, with `npa_col`.
    pub nxx_col: Option<Column>,
    /// The rate columns.
    pub rate_cols: Option<Vec<Column>>,
    /// The kind of each rate column, in order (as many as there are rate
    /// columns, no kind twice). By default a column is the kind its header
    /// name says ([`RateKind::of_name`]), and a later column naming a kind
    /// already taken (`intrastate,intrastate`) has none; a headerless deck's
    /// three rate columns are inter, intra and indeterminate in that order;
    /// a deck's only rate column naming no jurisdiction is `rate`.
    pub rate_kinds: Option<Vec<RateKind>>,
    /// The effective-date column; by default found by name (`effective`,
    /// `effective_date`, `eff_date`, `date`, …) or, without a header, as a
    /// column of dates. Dates are read in the forms decks write
    /// (`2025-03-31`, `2025/03/31`, `20250331`, `03/31/2025`, `3/31/25`,
    /// `03-31-2025`, `31.03.2025` (dots: day first), `31-MAR-25`,
    /// `31 March 2025`, each optionally followed by a time of day);
    /// two-digit years `47`–`99` are 1947–1999 and
    /// `00`–`46` are 2000–2046. A row whose date is none of these is
    /// rejected (`unparseable-date`); an empty one has no date.
    pub date_col: Option<Column>,
    /// Whether the first row is a header.
    pub has_header: Option<bool>,
    /// Whether keys that start with 2–9 carry no country code.
    pub leading_one: LeadingOne,
    /// The field delimiter (`,`, `;`, tab, …).
    pub delimiter: Option<u8>,
    /// Whether rates are written with a decimal comma (`0,0125`).
    pub decimal_comma: Option<bool>,
    /// The text encoding (`Auto`: detected).
    pub encoding: Option<Encoding>,
    /// What to do with a key seen before.
    pub duplicates: Duplicates,
    /// Read other countries' rates and dates too, rejecting a bad one as
    /// for a +1 row. Off by default: categorizing a deck counts another
    /// country's rows without pricing them. A [`RateDeck`](super::RateDeck) prices them.
    pub price_non_nanp: bool,
}
