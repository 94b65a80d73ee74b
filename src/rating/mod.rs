//! Rating calls: the jurisdiction of a call, and what it costs against a
//! rate deck.
//!
//! US termination is priced by jurisdiction: one destination code carries
//! an interstate, an intrastate and an indeterminate rate, and which one a
//! call pays depends on where it came from. [`jurisdiction`] decides it
//! from the calling and dialed numbers by explicit rules
//! ([`JurisdictionPolicy`], each rule a [`Rule`]).
//!
//! # Examples
//!
//! ```
//! use nanp_lerg::rating::{Jurisdiction, JurisdictionPolicy, Rule};
//!
//! let policy = JurisdictionPolicy::new();
//! let d = policy.decide("+1 (201) 555-0100", "+1 (212) 555-0100");
//! assert_eq!((d.jurisdiction, d.rule), (Jurisdiction::Interstate, Rule::DifferentStates));
//! assert_eq!(d.to_string(), "interstate: the ends are in different states (NJ to NY)");
//! ```

mod bill;
mod call;
mod cdr;
mod jurisdiction;
mod run;
mod summary;

pub use bill::duration_millis;
pub use call::{CallError, CallRejection, Fallback, Market, RatedCall, Rater};
pub use cdr::{CdrColumn, CdrColumns, CdrColumnsError, ANI_NAMES, DIALED_NAMES, DURATION_NAMES};
pub use jurisdiction::{jurisdiction, Decision, Jurisdiction, JurisdictionPolicy, Rule};
pub use run::{rate_records, CdrOptions, RunError, RATED_COLUMNS};
pub use summary::{RatingSummary, RejectedCall, Totals};
