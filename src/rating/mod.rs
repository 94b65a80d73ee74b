//! Rating calls: the jurisdiction of a call, and what it costs against a
//! rate deck.
//!
//! US termination is priced by jurisdiction: one destination code carries
//! an interstate, an intrastate and an indeterminate rate, and which one a
//! call pays depends on where it came from. [`jurisdiction`] decides it
//! from the calling and dialed numbers by explicit rules
//! ([`JurisdictionPolicy`], each rule a [`Rule`]). [`Rater`] prices one
//! call against a [`RateDeck`](crate::ratesheet::RateDeck): the
//! jurisdiction, the deck's longest code for the dialed number, the rate
//! by jurisdiction with documented fallbacks ([`Fallback`]), the seconds
//! billed by increment, the cost exactly. [`rate_records`] does it for a
//! whole file of call records (CDRs) on as many threads as asked, every
//! record rated or rejected with its line, the output in input order, the
//! totals in a [`RatingSummary`].
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
//!
//! A file of call records:
//!
//! ```
//! use nanp_lerg::ratesheet::{Options, RateDeck};
//! use nanp_lerg::rating::{rate_records, CdrOptions, Jurisdiction, Rater};
//! use nanp_lerg::Directory;
//!
//! let dir = Directory::builtin();
//! let deck = "prefix,inter,intra\n1201,0.0100,0.0060\n1212,0.0120,0.0080\n";
//! let deck = RateDeck::load(deck.as_bytes(), Options::default(), &dir).unwrap();
//! let cdrs = "ani,dialed,billsec\n2015550100,12015550199,61\n2015550100,12125550100,30\n\
//!             anonymous,13055550100,30\n";
//! let options = CdrOptions { jobs: 2, ..CdrOptions::default() };
//! let mut out = Vec::new();
//! let summary =
//!     rate_records(cdrs.as_bytes(), &Rater::new(&deck), &options, &mut out, None).unwrap();
//!
//! // Two rated, one rejected (the deck has no code for 305), with its line.
//! assert_eq!((summary.cdrs_read(), summary.rated(), summary.rejected()), (3, 2, 1));
//! assert_eq!(summary.first_rejected()[0].line, 4);
//! // 66 seconds within New Jersey at 0.0060, 30 to New York at 0.0120.
//! assert_eq!(summary.jurisdiction(Jurisdiction::Intrastate).cost().to_string(), "0.0066");
//! assert_eq!(summary.total().cost().to_string(), "0.0126");
//! let out = String::from_utf8(out).unwrap();
//! assert_eq!(
//!     out.lines().nth(1),
//!     Some("2015550100,12015550199,61,intrastate,201,intra,0.0060,66,0.0066")
//! );
//! ```

mod bill;
mod call;
mod cdr;
mod dialed;
mod jurisdiction;
mod run;
mod summary;

pub use bill::duration_millis;
pub use call::{CallError, CallRejection, Fallback, Market, RatedCall, Rater};
pub use cdr::{CdrColumn, CdrColumns, CdrColumnsError, ANI_NAMES, DIALED_NAMES, DURATION_NAMES};
pub use jurisdiction::{jurisdiction, Decision, Jurisdiction, JurisdictionPolicy, Rule};
pub use run::{rate_records, CdrOptions, RunError, RATED_COLUMNS};
pub use summary::{RatingSummary, RejectedCall, Totals};
