//! North American Numbering Plan (NANP) area-code intelligence, embedded.
//!
//! For every +1 area code (NPA) this crate knows its country or territory,
//! state or province, billing category (`us-domestic`, `canadian`,
//! `caribbean`, `pacific`) and IANA time zones, from the 450-NPA enhanced LERG dataset with its
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
//! # The map
//!
//! The crate root holds the everyday API:
//!
//! - [`lookup`], [`category`], [`location`], [`records`]: the compiled
//!   records ([`NpaRecord`]), with no allocation;
//! - [`parse`]: the NPA, NXX and line of any dial string ([`Dialed`]);
//! - [`classify`]: what any three-digit code is ([`Classification`]):
//!   geographic, non-geographic ([`Service`]), [`Reserved`], unassigned;
//! - [`Directory`]: the compiled table plus records added, replaced or
//!   removed at run time, validated as the build validates;
//! - the reference rows: [`country`], [`subdivision`], [`fixes`],
//!   [`non_geographic`].
//!
//! Each other job has a module of its own:
//!
//! | module | job |
//! | --- | --- |
//! | [`ratesheet`] | stream a rate deck: categorize every row, account for every row, summarize it; load decks whole to compare vendors and diff versions |
//! | [`rating`] | the jurisdiction of a call (interstate, intrastate, indeterminate), by explicit rules; the price of a call against a deck, and of a file of call records on every core |
//! | [`exchange`] | the NPA-NXX level: rate center, state or province, carrier and status of every code, from CNAC, NANPA or LERG files |
//! | [`check`] | compare an outside categorization table with the directory, as a diff |
//! | [`import`] | turn an enhanced-LERG export into `data/npa.csv` (a data refresh) |
//! | [`schema`] | the data files' validator, the very code `build.rs` runs |
//! | [`zone`] | each NPA's IANA time zones, and the legal calling window at an instant |
//!
//! # Features
//!
//! - `cli`: the `nanp` command-line tool (`lookup`, `list`, `stats`,
//!   `fixes`, `when`, `categorize`, `compare`, `diff`, `validate`, `export`,
//!   `import`, `exchanges`, `jurisdiction`, `rate`).
//!
//! # Where the data comes from
//!
//! `data/npa.csv` is the 450-NPA export as imported, errors included;
//! `data/fixes.csv` corrects it one field at a time, each fix with a reason a
//! reviewer can check, and the build fails on a fix that no longer applies.
//! `data/README.md` describes every file and every correction. Set
//! `NANP_LERG_DATA_DIR` to a directory holding the six data files (see
//! [`schema::DATA_FILES`]) to compile it instead; a bad row fails the build
//! with `<file>:<line>: <what is wrong>`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod category;
pub mod check;
mod classify;
mod code;
mod date;
mod directory;
pub mod exchange;
mod export;
pub mod import;
mod names;
mod npa;
mod parse;
pub mod ratesheet;
pub mod rating;
mod record;
mod reserved;
mod rows;
pub mod schema;
mod service;
mod stats;
mod table;
pub mod zone;

pub use category::{Category, Region};
pub use classify::{classify, Classification};
pub use code::{CodeError, CountryCode, SubdivisionCode};
pub use directory::{Directory, DirectoryError};
pub use names::UnknownName;
pub use npa::{Npa, NpaError};
pub use parse::{parse, Dialed, ParseError};
pub use record::{Country, Fix, Location, NonGeographic, NpaRecord, Subdivision};
pub use reserved::Reserved;
pub use service::Service;
pub use stats::Stats;
pub use table::{
    category, countries, country, fixes, location, lookup, non_geographic, records, subdivision,
};

// The README's examples run as doctests, so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
