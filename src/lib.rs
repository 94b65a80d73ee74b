//! North American Numbering Plan (NANP) area-code intelligence, embedded.
//!
//! For every +1 area code (NPA) this crate knows its country or territory,
//! state or province, and billing category (`us-domestic`, `canadian`,
//! `caribbean`, `pacific`), from the 450-NPA enhanced LERG dataset with its
//! known errors corrected (`data/fixes.csv`). The dataset is compiled into the
//! binary at build time: a lookup is one load from an 800-slot table, with no
//! hashing, allocation, lock or I/O.
//!
//! ```
//! use nanp_lerg::{lookup, parse, classify, Category, Classification, Service};
//!
//! // A Guam call is Pacific, not US domestic.
//! let guam = lookup(671).unwrap();
//! assert_eq!(guam.country_code, "GU");
//! assert_eq!(guam.category, Category::Pacific);
//! assert_eq!(guam.location().full().to_string(), "Guam, Guam (GU, GU)");
//!
//! // Any dial string a rate sheet or CDR holds.
//! let npa = parse("+1 (670) 234-5678").unwrap().npa;
//! assert_eq!(nanp_lerg::category(npa.get()), Some(Category::Pacific));
//!
//! // Every three-digit code has an answer.
//! assert_eq!(classify(800), Classification::NonGeographic(Service::TollFree));
//! ```
//!
//! # Modules
//!
//! - [`schema`]: the data files' row types and validation, shared with
//!   `build.rs`, so a data directory can be checked at run time with the very
//!   messages the build prints.
//!
//! Everything else is re-exported at the top level.
//!
//! # Building another dataset
//!
//! Set `NANP_LERG_DATA_DIR` to a directory holding the five data files
//! (see [`schema::DATA_FILES`]) to compile it instead of the shipped `data/`.
//! A bad row fails the build with `<file>:<line>: <what is wrong>`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod category;
mod classify;
mod code;
mod directory;
mod export;
mod import;
mod lined_csv;
mod npa;
mod outside;
mod parse;
pub mod ratesheet;
mod record;
mod report;
mod reserved;
pub mod schema;
mod service;
mod stats;
mod table;
mod validate;

pub use category::{Category, Region, UnknownName};
pub use classify::{classify, Classification};
pub use code::{CodeError, CountryCode, SubdivisionCode};
pub use directory::{Directory, DirectoryError};
pub use export::write_records_csv;
pub use import::{import_lerg, ImportError, LergImport, SkipReason, Skipped, LERG_COLUMNS};
pub use npa::{Npa, NpaError};
pub use outside::{
    parse_category_label, OutsideRow, RowProblem, ValidateError, CATEGORY_COLUMN_NAMES,
    COUNTRY_COLUMN_NAMES, NPA_COLUMN_NAMES, STATE_COLUMN_NAMES,
};
pub use parse::{parse, parse_npa, Dialed, ParseError};
pub use record::{Country, FullLocation, Location, NpaRecord, Subdivision};
pub use report::{
    ComparedField, Extra, Mismatch, NotGeographic, Rejected, ValidationReport, ValidationSummary,
};
pub use reserved::Reserved;
pub use service::{Service, UnknownService};
pub use stats::{stats, Stats};
pub use table::{
    category, countries, country, fixes, location, lookup, non_geographic, records, subdivision,
    Fix, NonGeographic,
};
pub use validate::{check_categorization, validate, validate_csv};

// The README's examples run as doctests, so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
