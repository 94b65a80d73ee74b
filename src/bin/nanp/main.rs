//! `nanp`: NANP area-code lookups from the command line.
//!
//! Exit codes: 0 success; 1 some input was not found, rejected or mismatched;
//! 2 usage or I/O error.

#![forbid(unsafe_code)]

mod query;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use nanp_lerg::{Category, Directory};

/// NANP area-code intelligence: country, state or province, and billing
/// category for every +1 area code, from a dataset compiled into this binary.
#[derive(Parser)]
#[command(name = "nanp", version, about, long_about = None)]
struct Cli {
    /// Apply the records of this CSV (the schema of data/npa.csv) over the
    /// compiled dataset: new NPAs are added, listed ones replaced. A file with
    /// any bad row is refused whole.
    #[arg(long, global = true, value_name = "FILE")]
    overlay: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Look up area codes or dial strings (670, 1670, +1 (670) 234-5678, 16702345678, …).
    ///
    /// With no INPUT, reads one input per line from standard input. Exits 1
    /// when any input is not a geographic or non-geographic code.
    Lookup {
        /// One JSON object per input, one per line.
        #[arg(long)]
        json: bool,
        /// Area codes or dial strings.
        inputs: Vec<String>,
    },
    /// List the geographic NPAs, optionally filtered.
    List {
        /// Only this billing category.
        #[arg(long, value_parser = parse_category)]
        category: Option<Category>,
        /// Only this country or territory (ISO 3166-1 alpha-2, e.g. US, CA, PR, GU).
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Counts per category, region and country.
    Stats {
        /// Write the counts as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// The corrections applied to the source export, with their reasons.
    Fixes {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// Output format of listings.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// CSV with a header.
    Csv,
    /// JSON.
    Json,
}

fn parse_category(s: &str) -> Result<Category, String> {
    s.parse().map_err(|e| format!("{e}"))
}

/// The compiled dataset, with `--overlay` applied.
fn directory(overlay: Option<&PathBuf>) -> Result<Directory, String> {
    let mut dir = Directory::builtin();
    if let Some(path) = overlay {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        dir.load_csv(&path.display().to_string(), io::BufReader::new(file))
            .map_err(|errors| {
                let mut msg = format!("overlay refused, {} error(s):", errors.len());
                for e in errors {
                    msg.push_str(&format!("\n{e}"));
                }
                msg
            })?;
    }
    Ok(dir)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = match directory(cli.overlay.as_ref()) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("nanp: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Lookup { json, inputs } => query::lookup(&dir, &mut out, json, inputs),
        Command::List {
            category,
            country,
            format,
        } => query::list(&dir, &mut out, category, country, format),
        Command::Stats { json } => query::stats(&dir, &mut out, json),
        Command::Fixes { format } => query::fixes(&mut out, format),
    }
    .and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => code,
        // A closed pipe (`nanp list | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nanp: {e}");
            ExitCode::from(2)
        }
    }
}
