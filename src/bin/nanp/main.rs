//! `nanp`: NANP area-code lookups from the command line.
//!
//! Exit codes: 0 success; 1 some input was not found, rejected or mismatched;
//! 2 usage or I/O error.

#![forbid(unsafe_code)]

mod categorize;
mod data;
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
    /// Categorize every row of a rate deck (US NPA-NXX or A–Z), with a summary.
    ///
    /// Writes each accepted row with `npa,category,country_code,state_province_code`
    /// appended; every row is accepted, rejected (with line and reason) or
    /// non-NANP, and the counts add up. Exits 1 if any row was rejected.
    Categorize(categorize::CategorizeArgs),
    /// The corrections applied to the source export, with their reasons.
    Fixes {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Compare an outside categorization table (CSV) with the dataset.
    ///
    /// Columns are found by name: npa|area_code|areacode|npa_code|code|prefix;
    /// category|billing_category|type|class; country|country_code|cc|iso|iso_country;
    /// state|state_code|province|province_code|state_province|state_province_code|region_code|subdivision.
    /// A table with a country but no category also has the category that
    /// country implies compared. Prints each NPA missing, extra or mismatched
    /// (with the field) and each row that could not be read. Exits 0 when the
    /// table agrees, 1 on any difference, 2 when it cannot be read.
    Validate {
        /// Write the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Accept a table that lacks some NPAs (still exit 1 on anything else).
        #[arg(long)]
        allow_missing: bool,
        /// The table (`-` for standard input).
        file: PathBuf,
    },
    /// Write the whole effective dataset (with any --overlay) as CSV or JSON.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = data::ExportFormat::Csv)]
        format: data::ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Convert an enhanced-LERG export into data/npa.csv (the first step of a refresh).
    ///
    /// Prints the rows imported and each row skipped, with its line and reason.
    /// Then run `cargo build`: it re-applies data/fixes.csv and names every fix
    /// the new export has made stale. Exits 1, writing nothing, if any row
    /// cannot be imported.
    Import {
        /// The export (`-` for standard input).
        file: PathBuf,
        /// Where to write (`-` for standard output).
        #[arg(short, long, value_name = "OUT", default_value = "data/npa.csv")]
        output: PathBuf,
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
        Command::Categorize(args) => categorize::run(&dir, args),
        Command::Validate {
            json,
            allow_missing,
            file,
        } => data::validate(&dir, &mut out, &file, json, allow_missing),
        Command::Export { format, output } => {
            data::export(&dir, &mut out, format, output.as_deref())
        }
        Command::Import { file, output } => data::import(&mut out, &file, &output),
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
