//! `nanp`: NANP area-code lookups from the command line.
//!
//! Exit codes: 0 success; 1 some input was not found (or rejected); 2 usage or
//! I/O error.

#![forbid(unsafe_code)]

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};

use nanp_lerg::{parse, Category, Classification, NpaRecord};

/// NANP area-code intelligence: country, state or province, and billing
/// category for every +1 area code, from a dataset compiled into this binary.
#[derive(Parser)]
#[command(name = "nanp", version, about, long_about = None)]
struct Cli {
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

fn parse_category(s: &str) -> Result<Category, String> {
    s.parse().map_err(|e| format!("{e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Lookup { json, inputs } => lookup(&mut out, json, inputs),
        Command::List {
            category,
            country,
            format,
        } => list(&mut out, category, country, format),
        Command::Stats { json } => stats(&mut out, json),
        Command::Fixes { format } => fixes(&mut out, format),
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

fn lookup(out: &mut impl Write, json: bool, inputs: Vec<String>) -> io::Result<ExitCode> {
    let mut all_found = true;
    let mut one = |out: &mut dyn Write, input: &str| -> io::Result<()> {
        let found = if json {
            serde_json::to_writer(&mut *out, &lookup_json(input))?;
            writeln!(out)?;
            lookup_found(input)
        } else {
            lookup_text(out, input)?
        };
        all_found &= found;
        Ok(())
    };
    if inputs.is_empty() {
        for line in io::stdin().lock().lines() {
            let line = line?;
            if !line.trim().is_empty() {
                one(out, &line)?;
            }
        }
    } else {
        for input in &inputs {
            one(out, input)?;
        }
    }
    Ok(if all_found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn lookup_found(input: &str) -> bool {
    parse(input).is_ok_and(|d| d.npa.classify().is_assigned())
}

fn record_json(r: &NpaRecord) -> Value {
    json!({
        "npa": r.npa,
        "country_code": r.country_code,
        "country_name": r.country_name,
        "state_province_code": r.state_province_code,
        "state_province_codes": r.state_province_codes,
        "state_province_name": r.state_province_name,
        "region": r.region,
        "category": r.category,
    })
}

fn lookup_json(input: &str) -> Value {
    let npa = match parse(input) {
        Ok(d) => d.npa,
        Err(e) => return json!({ "input": input, "kind": "invalid", "error": e.to_string() }),
    };
    let c = npa.classify();
    let mut v = match c {
        Classification::Geographic(r) => {
            let mut v = record_json(r);
            v["display_location"] = json!(r.location().to_string());
            v["full_location"] = json!(r.location().full().to_string());
            v
        }
        Classification::NonGeographic(service) => json!({ "service": service }),
        Classification::Reserved(reason) => {
            json!({ "reason": reason, "description": reason.description() })
        }
        Classification::Unassigned | Classification::Invalid => json!({}),
    };
    v["input"] = json!(input);
    v["npa"] = json!(npa);
    v["kind"] = json!(c.kind());
    v
}

fn lookup_text(out: &mut dyn Write, input: &str) -> io::Result<bool> {
    let npa = match parse(input) {
        Ok(d) => d.npa,
        Err(e) => {
            writeln!(out, "{input}: invalid: {e}")?;
            return Ok(false);
        }
    };
    let c = npa.classify();
    match c {
        Classification::Geographic(r) => writeln!(
            out,
            "{input}: NPA {npa}, {}, {}",
            r.location().full(),
            r.category
        )?,
        Classification::NonGeographic(service) => {
            writeln!(out, "{input}: NPA {npa}, non-geographic, {service}")?
        }
        Classification::Reserved(reason) => writeln!(
            out,
            "{input}: NPA {npa}, reserved: {}",
            reason.description()
        )?,
        Classification::Unassigned => writeln!(out, "{input}: NPA {npa}, unassigned")?,
        Classification::Invalid => writeln!(out, "{input}: invalid")?,
    }
    Ok(c.is_assigned())
}

fn list(
    out: &mut impl Write,
    category: Option<Category>,
    country: Option<String>,
    format: Format,
) -> io::Result<ExitCode> {
    let country = country.map(|c| c.to_ascii_uppercase());
    let selected = nanp_lerg::records().filter(|r| {
        category.is_none_or(|c| r.category == c)
            && country.as_deref().is_none_or(|c| r.country_code == c)
    });
    match format {
        Format::Json => {
            let all: Vec<Value> = selected.map(record_json).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "npa,country_code,country_name,state_province_code,state_province_name,region,category,state_province_codes")?;
            for r in selected {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{}",
                    r.npa,
                    r.country_code,
                    csv_field(&r.country_name),
                    r.state_province_code,
                    csv_field(&r.state_province_name),
                    r.region,
                    r.category,
                    codes(r)
                )?;
            }
        }
        Format::Table => {
            writeln!(
                out,
                "{:<4} {:<3} {:<32} {:<9} {:<36} {:<10} CATEGORY",
                "NPA", "CC", "COUNTRY", "STATE", "STATE NAME", "REGION"
            )?;
            for r in selected {
                writeln!(
                    out,
                    "{:<4} {:<3} {:<32} {:<9} {:<36} {:<10} {}",
                    r.npa,
                    r.country_code,
                    r.country_name,
                    codes(r),
                    r.state_province_name,
                    r.region,
                    r.category
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn codes(r: &NpaRecord) -> String {
    r.state_province_codes
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// Quotes a CSV field when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn stats(out: &mut impl Write, json: bool) -> io::Result<ExitCode> {
    let s = nanp_lerg::stats();
    if json {
        serde_json::to_writer_pretty(&mut *out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "geographic NPAs:     {}", s.records)?;
    writeln!(out, "non-geographic NPAs: {}", s.non_geographic)?;
    writeln!(out, "fixes applied:       {}", s.fixes)?;
    writeln!(out, "\nper category:")?;
    for (c, n) in &s.per_category {
        writeln!(out, "  {:<12} {n:>4}", c.as_str())?;
    }
    writeln!(out, "\nper region:")?;
    for (r, n) in &s.per_region {
        writeln!(out, "  {:<12} {n:>4}", r.as_str())?;
    }
    writeln!(out, "\nper country or territory:")?;
    for (c, n) in &s.per_country {
        let name = nanp_lerg::country(c).map_or("", |c| c.name);
        writeln!(out, "  {c}  {name:<34} {n:>4}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn fixes(out: &mut impl Write, format: Format) -> io::Result<ExitCode> {
    let fixes = nanp_lerg::fixes();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, fixes)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "npa,field,from,to,reason")?;
            for f in fixes {
                writeln!(
                    out,
                    "{},{},{},{},{}",
                    f.npa,
                    f.field,
                    csv_field(f.from),
                    csv_field(f.to),
                    csv_field(f.reason)
                )?;
            }
        }
        Format::Table => {
            for f in fixes {
                writeln!(
                    out,
                    "{} {}: {:?} -> {:?}\n    {}",
                    f.npa, f.field, f.from, f.to, f.reason
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
