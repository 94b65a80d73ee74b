//! `nanp validate`, `export` and `import`: checking an outside table against
//! the dataset, writing the dataset out, and refreshing it from a new export.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use nanp_lerg::check::validate_csv;
use nanp_lerg::check::{read_npa_report, NpaReportComparison, ValidationReport};
use nanp_lerg::import::{import_lerg, ImportError};

use crate::error::CliError;
use crate::io::{open_input, Outputs, Sink};
use crate::query::write_records;
use crate::{Context, Format};

/// Options of `nanp validate`.
///
/// Columns are found by name (case, spaces and punctuation aside):
/// npa|area_code|areacode|npa_code|code|prefix;
/// category|billing_category|type|class; country|country_code|cc|iso|iso_country;
/// state|state_code|province|province_code|state_province|state_province_code|region_code|subdivision.
/// The delimiter (`,`, `;`, tab, `|`) and the encoding are detected. A table
/// with a country but no category also has the category that country
/// implies compared. Prints each NPA missing, extra or mismatched (with the
/// field) and each row that could not be read. Exits 0 when the table
/// agrees, 1 on any difference, 2 when it cannot be read.
///
/// With --npa-report, compares NANPA's NPA report (npa_report.csv) instead:
/// codes in service there that the dataset lacks (missing), dataset codes
/// it does not have in service (not_in_service; an older report predates
/// newer codes), location or country (location) and time-zone (time_zone)
/// disagreements, and its overlay complexes and parent NPAs (overlays,
/// information only). Exits 1 when anything but overlays differs.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["file", "npa_report"])))]
pub struct ValidateArgs {
    /// Output format: the diff for people, the report as JSON, or one CSV
    /// row per difference (`kind,npa,line,field,theirs,ours`).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Accept a table that lacks some NPAs, and leave them out of the report
    /// (still exit 1 on anything else).
    #[arg(long, conflicts_with = "npa_report")]
    allow_missing: bool,
    /// NANPA's NPA report (npa_report.csv; `-` for standard input) to
    /// compare with the dataset, in place of a table.
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    npa_report: Option<PathBuf>,
    /// The table (`-` for standard input).
    file: Option<PathBuf>,
}

pub fn validate(
    ctx: &Context,
    args: ValidateArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    if let Some(report) = &args.npa_report {
        return validate_npa_report(ctx, report, args.format, out);
    }
    let Some(file) = &args.file else {
        return Err(CliError::Usage("give a table, or --npa-report FILE".into()));
    };
    let input = open_input(file)?;
    let mut report = validate_csv(&ctx.dir, &input.name, input.reader)
        .map_err(|e| CliError::Input(e.to_string()))?;
    let ok = if args.allow_missing {
        report.is_consistent()
    } else {
        report.agrees()
    };
    if args.allow_missing {
        // Counted in the summary line, not listed.
        report.missing.clear();
    }
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        Format::Csv => write_differences(&report, out)?,
        Format::Table => write!(out, "{report}")?,
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `validate --npa-report`: the comparison as text, JSON, or one CSV row
/// per entry (`kind,npa,report,directory`).
fn validate_npa_report(
    ctx: &Context,
    path: &std::path::Path,
    format: Format,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let input = open_input(path)?;
    let report =
        read_npa_report(&input.name, input.reader).map_err(|e| CliError::Input(e.to_string()))?;
    let found = report.compare(&ctx.dir);
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &found)?;
            writeln!(out)?;
        }
        Format::Csv => write_report_entries(&found, out)?,
        Format::Table => write!(out, "{found}")?,
    }
    Ok(if found.agrees() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One CSV row per entry: `kind,npa,report,directory`; an overlay's
/// `report` is its complex and parent.
fn write_report_entries(found: &NpaReportComparison, out: &mut dyn Write) -> Result<(), CliError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(["kind", "npa", "report", "directory"])?;
    let kinds = [
        ("missing", &found.missing),
        ("not_in_service", &found.not_in_service),
        ("location", &found.location),
    ];
    for (kind, items) in kinds {
        for d in items {
            w.write_record([kind, &d.npa.to_string(), &d.report, &d.directory])?;
        }
    }
    for d in &found.time_zone {
        let zones: Vec<&str> = d.time_zones.iter().map(|z| z.as_str()).collect();
        let ours = format!("{} ({})", d.directory, zones.join(";"));
        w.write_record(["time_zone", &d.npa.to_string(), &d.report, &ours])?;
    }
    for o in &found.overlays {
        w.write_record(["overlays", &o.npa.to_string(), &o.to_string(), ""])?;
    }
    w.flush()?;
    Ok(())
}

/// One CSV row per difference: `kind,npa,line,field,theirs,ours`.
fn write_differences(report: &ValidationReport, out: &mut dyn Write) -> Result<(), CliError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(["kind", "npa", "line", "field", "theirs", "ours"])?;
    for r in &report.missing {
        let npa = r.npa.to_string();
        w.write_record(["missing", &npa, "", "", "", r.category.as_str()])?;
    }
    for e in &report.extra {
        let (npa, line, ours) = (e.npa.to_string(), e.line.to_string(), e.ours.to_string());
        w.write_record(["extra", &npa, &line, "", "", &ours])?;
    }
    for m in &report.mismatches {
        let (npa, line) = (m.npa.to_string(), m.line.to_string());
        w.write_record([
            "mismatch",
            &npa,
            &line,
            m.field.as_str(),
            &m.theirs,
            &m.ours,
        ])?;
    }
    for r in &report.rejected {
        let (line, problem) = (r.line.to_string(), r.problem.to_string());
        w.write_record(["rejected", "", &line, "", &problem, ""])?;
    }
    w.flush()?;
    Ok(())
}

/// Options of `nanp export`.
#[derive(Args)]
pub struct ExportArgs {
    /// Output format: CSV (the schema of data/npa.csv plus
    /// `state_province_codes`, which `--overlay` reads back), JSON, or a table.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write to this file (`-`: standard output, the default).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
}

pub fn export(ctx: &Context, args: ExportArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut outputs = Outputs::new(ctx.inputs(&[]));
    let mut sink = outputs.create(&args.output, "--output")?;
    write_records(ctx.dir.records(), args.format, sink.writer(&mut Some(out))?)?;
    let to_file = !sink.is_stdout();
    outputs.commit([Some(sink)])?;
    if to_file {
        let _ = writeln!(
            std::io::stderr(),
            "exported {} NPAs to {}",
            ctx.dir.len(),
            args.output.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Options of `nanp import`.
///
/// Prints the rows imported and each row skipped, with its line and reason.
/// Then run `cargo build`: it re-applies data/fixes.csv and names every fix
/// the new export has made stale. Exits 1, writing nothing, if any row
/// cannot be imported.
#[derive(Args)]
pub struct ImportArgs {
    /// Output format of the account of the import (the data written is
    /// always the CSV of data/npa.csv).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The export (`-` for standard input).
    file: PathBuf,
    /// Where to write (`-` for standard output).
    #[arg(short, long, value_name = "OUT", default_value = "data/npa.csv")]
    output: PathBuf,
}

pub fn import(ctx: &Context, args: ImportArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut outputs = Outputs::new(ctx.inputs(&[args.file.as_path()]));
    let mut sink = outputs.create(&args.output, "--output")?;
    let input = open_input(&args.file)?;
    let name = input.name;
    // With the data on standard output, the account goes to standard error.
    let mut stderr = std::io::stderr();
    let account: &mut dyn Write = if sink.is_stdout() {
        &mut stderr
    } else {
        &mut *out
    };
    let import = match import_lerg(&name, input.reader) {
        Ok(import) => import,
        Err(ImportError::Rows(errors)) => {
            writeln!(
                account,
                "{name}: {} row error(s); nothing imported",
                errors.len()
            )?;
            for e in errors {
                writeln!(account, "{e}")?;
            }
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(CliError::Input(e.to_string())),
    };
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *account, &import)?;
            writeln!(account)?;
        }
        _ => write!(account, "{name}: {import}")?,
    }
    let mut csv = Vec::new();
    import.write_csv(&mut csv)?;
    if let Sink::Stdout = sink {
        out.write_all(&csv)?;
        return Ok(ExitCode::SUCCESS);
    }
    let target = args.output.display();
    let previous = std::fs::read(&args.output).ok();
    if previous.as_deref() == Some(&csv[..]) {
        // Not rewriting keeps the file's timestamp, so cargo does not rebuild;
        // the temporary file is dropped.
        writeln!(
            account,
            "{target}: unchanged ({} NPAs)",
            import.records.len()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    sink.writer(&mut None)?.write_all(&csv)?;
    outputs.commit([Some(sink)])?;
    match previous {
        Some(previous) => writeln!(
            account,
            "{target}: written ({} NPAs); {}",
            import.records.len(),
            changes(&previous, &csv)
        )?,
        None => writeln!(account, "{target}: written ({} NPAs)", import.records.len())?,
    }
    writeln!(
        account,
        "next: cargo build — it re-applies data/fixes.csv and fails on every fix \
         the new data has made stale (data/fixes.csv:<line>: stale fix: …)"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Which NPAs were added, removed or changed, comparing the rows of two
/// files by their first field.
fn changes(before: &[u8], after: &[u8]) -> String {
    fn rows(data: &[u8]) -> BTreeMap<String, String> {
        String::from_utf8_lossy(data)
            .lines()
            .skip(1)
            .map(|l| (l.split(',').next().unwrap_or("").to_owned(), l.to_owned()))
            .collect()
    }
    let (before, after) = (rows(before), rows(after));
    let list = |npas: Vec<&String>| {
        let n = npas.len();
        let names: Vec<&str> = npas.into_iter().map(String::as_str).collect();
        if n == 0 {
            "0".to_owned()
        } else {
            format!("{n} ({})", names.join(" "))
        }
    };
    let added = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let removed = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let changed = after
        .iter()
        .filter(|(k, v)| before.get(*k).is_some_and(|b| b != *v))
        .map(|(k, _)| k)
        .collect();
    format!(
        "changed {}, added {}, removed {}",
        list(changed),
        list(added),
        list(removed)
    )
}
