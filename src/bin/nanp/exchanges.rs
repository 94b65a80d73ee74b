//! `nanp exchanges`: what a set of exchange files holds, and where it
//! disagrees with the dataset.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use nanp_lerg::exchange::{Exchanges, Layout, LoadError, ProblemKind, Status};
use nanp_lerg::Directory;

use crate::error::CliError;
use crate::io::STDIO;
use crate::{Context, Format};

/// Options of `nanp exchanges`.
///
/// Loads the files (and those of --exchanges) and prints what was loaded:
/// rows and file dates per file, codes per status and per state or
/// province, and the rows whose state or province is not one their NPA
/// serves. `--format csv` writes every code instead. Exits 0 when the
/// files load, 1 when a row is refused (every problem is listed), 2 when a
/// file cannot be read.
#[derive(Args)]
pub struct ExchangesArgs {
    /// Output format: the summary for people or as JSON, or every code as CSV.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The exchange files (`-`: standard input).
    files: Vec<PathBuf>,
}

/// Loads `files` (each in `layout`, or the one its header says).
pub fn load(
    dir: &Directory,
    files: &[PathBuf],
    layout: Option<Layout>,
) -> Result<Exchanges, LoadError> {
    let mut builder = Exchanges::builder(dir);
    for file in files {
        if file.as_path() == Path::new(STDIO) {
            builder.read("<stdin>", std::io::stdin().lock(), layout);
        } else {
            builder.read_path(file, layout);
        }
    }
    builder.build()
}

pub fn run(ctx: &Context, args: ExchangesArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut files = args.files;
    files.extend(ctx.exchange_files.iter().cloned());
    if files.is_empty() {
        return Err(CliError::Usage(
            "name the exchange files (or use --exchanges, or set NANP_EXCHANGES)".into(),
        ));
    }
    let exchanges = match load(&ctx.dir, &files, ctx.exchanges_layout) {
        Ok(exchanges) => exchanges,
        Err(e) => return refused(&e),
    };
    match args.format {
        Format::Csv => write_codes(&exchanges, out)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &summary_json(&exchanges))?;
            writeln!(out)?;
        }
        Format::Table => write_summary(&exchanges, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Lists every problem; exit 2 when a file could not be read at all or is
/// not an exchange file (its header), else 1.
fn refused(e: &LoadError) -> Result<ExitCode, CliError> {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "nanp: exchange files refused, {} problem(s):",
        e.problems.len()
    );
    for p in &e.problems {
        let _ = writeln!(err, "{p}");
    }
    let unreadable = e.problems.iter().any(|p| {
        matches!(
            p.kind,
            ProblemKind::Io(_) | ProblemKind::NotText(_) | ProblemKind::Header(_)
        )
    });
    Ok(ExitCode::from(if unreadable { 2 } else { 1 }))
}

/// Codes per status, per state or province, and per NPA.
struct Counts {
    statuses: BTreeMap<&'static str, u64>,
    unknown: BTreeMap<String, u64>,
    states: BTreeMap<String, u64>,
    npas: BTreeMap<u16, u64>,
    blocks: u64,
}

fn counts(exchanges: &Exchanges) -> Counts {
    let mut c = Counts {
        statuses: BTreeMap::new(),
        unknown: BTreeMap::new(),
        states: BTreeMap::new(),
        npas: BTreeMap::new(),
        blocks: 0,
    };
    for e in exchanges.iter() {
        *c.statuses.entry(e.status.as_str()).or_default() += 1;
        if let Status::Unknown(words) = e.status {
            *c.unknown.entry(words.to_owned()).or_default() += 1;
        }
        let state = e.state_province_code.unwrap_or("(none)");
        *c.states.entry(state.to_owned()).or_default() += 1;
        *c.npas.entry(e.npa.get()).or_default() += 1;
        c.blocks += u64::from(e.block.is_some());
    }
    c
}

fn summary_json(exchanges: &Exchanges) -> serde_json::Value {
    let c = counts(exchanges);
    json!({
        "files": exchanges.files(),
        "codes": exchanges.len(),
        "blocks": c.blocks,
        "npas": c.npas.len(),
        "by_status": c.statuses,
        "unknown_statuses": c.unknown,
        "by_state_province": c.states,
        "disagreements": exchanges.disagreements(),
        "heap_bytes": exchanges.heap_bytes(),
    })
}

fn write_summary(exchanges: &Exchanges, out: &mut dyn Write) -> Result<(), CliError> {
    let c = counts(exchanges);
    for f in exchanges.files() {
        let date = f
            .file_date
            .map_or("no file date".to_owned(), |d| format!("file date {d}"));
        write!(
            out,
            "{}: {} layout, {date}, {} rows",
            f.name, f.layout, f.rows
        )?;
        for (n, what) in [
            (f.blank_lines, "blank lines"),
            (f.comment_lines, "comment lines"),
            (f.transcoded_rows, "row(s) read as Windows-1252"),
        ] {
            if n > 0 {
                write!(out, ", {n} {what}")?;
            }
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} codes ({} thousands blocks) in {} NPAs, {:.1} MB in memory",
        exchanges.len(),
        c.blocks,
        c.npas.len(),
        exchanges.heap_bytes() as f64 / 1e6
    )?;
    writeln!(out, "\nby status:")?;
    for (status, n) in &c.statuses {
        writeln!(out, "  {status:<14} {n:>8}")?;
    }
    for (words, n) in &c.unknown {
        writeln!(out, "    {words:?}: {n}")?;
    }
    writeln!(out, "\nby state or province:")?;
    let states: Vec<String> = c.states.iter().map(|(s, n)| format!("{s} {n}")).collect();
    for chunk in states.chunks(8) {
        writeln!(out, "  {}", chunk.join(", "))?;
    }
    let d = exchanges.disagreements();
    if d.is_empty() {
        writeln!(out, "\nevery state or province is one its NPA serves")?;
    } else {
        writeln!(
            out,
            "\n{} row(s) in a state or province their NPA does not serve:",
            d.len()
        )?;
        for d in d {
            writeln!(out, "  {d}")?;
        }
    }
    Ok(())
}

/// Every code as CSV, in NPA, NXX, block order.
fn write_codes(exchanges: &Exchanges, out: &mut dyn Write) -> Result<(), CliError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record([
        "npa",
        "nxx",
        "block",
        "status",
        "rate_center",
        "state_province_code",
        "company",
        "ocn",
        "lata",
        "effective_date",
        "source",
    ])?;
    for e in exchanges.iter() {
        let date = e.effective_date.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([
            e.npa.to_string().as_str(),
            &format!("{:03}", e.nxx),
            &e.block.map(|b| b.to_string()).unwrap_or_default(),
            e.status.as_str(),
            e.rate_center.unwrap_or(""),
            e.state_province_code.unwrap_or(""),
            e.company.unwrap_or(""),
            e.ocn.unwrap_or(""),
            e.lata.unwrap_or(""),
            &date,
            e.source,
        ])?;
    }
    w.flush()?;
    Ok(())
}
