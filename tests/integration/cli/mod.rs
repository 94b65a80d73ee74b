//! The `nanp` binary's contract: output formats, exit codes, and the rules
//! for the files a user owns.

mod categorize;
mod data;
mod decks;
mod exchanges;
mod files;
mod npa_report;
mod query;
mod rate;
mod when;
