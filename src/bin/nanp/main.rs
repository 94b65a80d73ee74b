//! `nanp`: NANP area-code intelligence from the command line.
//!
//! Exit codes: 0 success; 1 some input was not found, rejected or mismatched;
//! 2 usage or I/O error.

#![forbid(unsafe_code)]

mod categorize;
mod compare;
mod data;
mod decks;
mod diff;
mod error;
mod exchanges;
mod io;
mod query;
mod rate;
mod when;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use nanp_lerg::exchange::{Exchanges, Layout};
use nanp_lerg::Directory;

use crate::error::CliError;

/// NANP area-code intelligence: country, state or province, and billing
/// category for every +1 area code, from a dataset compiled into this binary.
///
/// Every command writes for people by default and takes `--format csv` or
/// `--format json` for machines; `-` is standard input for an input and
/// standard output for an output. Exit codes: 0 success; 1 some input not
/// found, rejected or mismatched; 2 usage or I/O error.
#[derive(Parser)]
#[command(name = "nanp", version, about, long_about = None)]
struct Cli {
    /// Apply the records of this CSV (the schema of data/npa.csv) over the
    /// compiled dataset: new NPAs are added, listed ones replaced. A file with
    /// any bad row is refused whole, with every problem listed.
    #[arg(long, global = true, value_name = "FILE")]
    overlay: Option<PathBuf>,

    /// Load this NPA-NXX exchange file (CNAC CO code status, NANPA utilized
    /// codes, or a LERG-style extract; repeat for several) for `lookup`,
    /// `categorize`, `exchanges`, and the jurisdiction options of `rate` and
    /// `jurisdiction`. Default: the files listed in
    /// NANP_EXCHANGES (separated as in PATH). A file with any bad row is
    /// refused, with every problem listed.
    #[arg(long = "exchanges", global = true, value_name = "FILE")]
    exchanges: Vec<PathBuf>,

    /// The exchange files' layout when their headers do not say it: cnac,
    /// nanpa or lerg.
    #[arg(long, global = true, value_name = "LAYOUT")]
    exchanges_layout: Option<Layout>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Look up area codes or dial strings (670, 1670, +1 (670) 234-5678, 16702345678, …).
    Lookup(query::LookupArgs),
    /// List the geographic NPAs, optionally filtered.
    List(query::ListArgs),
    /// Counts per category, region and country.
    Stats(query::StatsArgs),
    /// The corrections applied to the source export, with their reasons.
    Fixes(query::FixesArgs),
    /// The local time at each number, and whether a call may be placed now or --at.
    When(when::WhenArgs),
    /// Categorize every row of a rate deck (US NPA-NXX or A–Z), with a summary.
    Categorize(categorize::CategorizeArgs),
    /// Compare vendors' decks code by code: the cheapest of each rate kind.
    Compare(compare::CompareArgs),
    /// Diff a deck against its previous version: changes, and short-notice increases.
    Diff(diff::DiffArgs),
    /// Compare an outside categorization table (CSV) with the dataset.
    Validate(data::ValidateArgs),
    /// Write the whole effective dataset (with any --overlay).
    Export(data::ExportArgs),
    /// Convert an enhanced-LERG export into data/npa.csv (the first step of a refresh).
    Import(data::ImportArgs),
    /// Load NPA-NXX exchange files and summarize them, with their
    /// disagreements with the dataset.
    Exchanges(exchanges::ExchangesArgs),
    /// Price call records against a rate deck: jurisdiction, rate, billed
    /// seconds and cost of every call, exactly, on every core.
    Rate(rate::RateArgs),
    /// The jurisdiction of a call (interstate, intrastate, indeterminate,
    /// non-domestic) and the rule that decided it.
    Jurisdiction(rate::JurisdictionArgs),
}

/// How a command writes what it reports: for people, or for machines.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// CSV with a header.
    Csv,
    /// JSON.
    Json,
}

/// What every command runs with: the directory, the overlay file it came
/// from and the exchange files named (inputs no output may overwrite).
pub struct Context {
    pub dir: Directory,
    pub overlay: Option<PathBuf>,
    pub exchange_files: Vec<PathBuf>,
    pub exchanges_layout: Option<Layout>,
}

impl Context {
    /// The files a command reads: its own inputs, the overlay and the
    /// exchange files.
    pub fn inputs<'a>(&'a self, own: &'a [&'a Path]) -> impl Iterator<Item = &'a Path> + 'a {
        own.iter()
            .copied()
            .chain(self.overlay.as_deref())
            .chain(self.exchange_files.iter().map(PathBuf::as_path))
    }

    /// The exchanges of `--exchanges` (or NANP_EXCHANGES), loaded now:
    /// only the commands that use them pay for them.
    pub fn exchanges(&self) -> Result<Option<Exchanges>, CliError> {
        if self.exchange_files.is_empty() {
            return Ok(None);
        }
        exchanges::load(&self.dir, &self.exchange_files, self.exchanges_layout)
            .map(Some)
            .map_err(|e| {
                let mut msg = format!("exchange files refused, {} problem(s):", e.problems.len());
                for p in &e.problems {
                    msg.push_str(&format!("\n{p}"));
                }
                CliError::Input(msg)
            })
    }
}

/// Worker threads: `--jobs` if given, else every core.
pub fn jobs(asked: Option<u16>) -> usize {
    match asked {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// The exchange files NANP_EXCHANGES lists, when `--exchanges` names none.
fn exchange_files(named: Vec<PathBuf>) -> Vec<PathBuf> {
    if !named.is_empty() {
        return named;
    }
    match std::env::var_os("NANP_EXCHANGES") {
        Some(list) => std::env::split_paths(&list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        None => Vec::new(),
    }
}

/// The compiled dataset, with `--overlay` applied.
fn directory(overlay: Option<&Path>) -> Result<Directory, CliError> {
    let mut dir = Directory::builtin();
    if let Some(path) = overlay {
        let input = io::open_input(path)?;
        dir.load_csv(&input.name, input.reader).map_err(|errors| {
            let mut msg = format!("overlay refused, {} error(s):", errors.len());
            for e in errors {
                msg.push_str(&format!("\n{e}"));
            }
            CliError::Input(msg)
        })?;
    }
    Ok(dir)
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let ctx = Context {
        dir: directory(cli.overlay.as_deref())?,
        overlay: cli.overlay,
        exchange_files: exchange_files(cli.exchanges),
        exchanges_layout: cli.exchanges_layout,
    };
    match cli.command {
        Command::Lookup(args) => query::lookup(&ctx, args, out),
        Command::List(args) => query::list(&ctx, args, out),
        Command::Stats(args) => query::stats(&ctx, args, out),
        Command::Fixes(args) => query::fixes(&ctx, args, out),
        Command::When(args) => when::run(&ctx, args, out),
        Command::Categorize(args) => categorize::run(&ctx, args, out),
        Command::Compare(args) => compare::run(&ctx, args, out),
        Command::Diff(args) => diff::run(&ctx, args, out),
        Command::Validate(args) => data::validate(&ctx, args, out),
        Command::Export(args) => data::export(&ctx, args, out),
        Command::Import(args) => data::import(&ctx, args, out),
        Command::Exchanges(args) => exchanges::run(&ctx, args, out),
        Command::Rate(args) => rate::rate(&ctx, args, out),
        Command::Jurisdiction(args) => rate::jurisdiction(&ctx, args, out),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP): no temporary output file is
    // left beside the user's files, and any earlier file stays as it was.
    // Without the handler the run still stops; only the clean-up is lost.
    let _ = ctrlc::set_handler(|| {
        io::remove_partials();
        std::process::exit(130);
    });
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(io::Stdout::new(stdout.lock()));
    let result =
        run(cli, &mut out).and_then(|code| out.flush().map(|()| code).map_err(CliError::from));
    match result {
        Ok(code) => code,
        // A closed pipe (`nanp list | head`) is the reader's choice, not a failure.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "nanp: {e}");
            ExitCode::from(2)
        }
    }
}
