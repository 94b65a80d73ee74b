//! The integration tests, one binary with a module per area (shared helpers
//! in `common`). The CLI's tests need the `cli` feature.

mod build_script;
mod check;
mod classify;
#[cfg(feature = "cli")]
mod cli;
mod common;
mod crosscheck;
mod dataset;
mod deck;
mod directory;
mod exchange;
mod import;
mod npa_report;
mod parse;
mod rating;
mod schema;
mod zone;
