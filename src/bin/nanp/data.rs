//! `nanp validate`, `export` and `import`: checking an outside table against
//! the dataset, writing the dataset out, and refreshing it from a new export.
//!
//! Domain errors come back as `io::Error`s carrying their message, so that
//! `main` reports every failure to read or write the same way (exit 2).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use nanp_lerg::{import_lerg, validate_csv, Directory, ImportError};

/// Format of `nanp export`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The schema of data/npa.csv plus `state_province_codes`.
    Csv,
    /// An array of records.
    Json,
}

/// `-` is standard input; anything else a file, named in errors.
fn open(path: &Path) -> io::Result<(String, Box<dyn Read>)> {
    if path == Path::new("-") {
        return Ok(("<stdin>".to_owned(), Box::new(io::stdin().lock())));
    }
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| io::Error::new(e.kind(), format!("{name}: {e}")))?;
    Ok((name, Box::new(BufReader::new(file))))
}

pub fn validate(
    dir: &Directory,
    out: &mut impl Write,
    path: &Path,
    json: bool,
    allow_missing: bool,
) -> io::Result<ExitCode> {
    let (name, input) = open(path)?;
    let report = validate_csv(dir, &name, input).map_err(io::Error::other)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{report}")?;
    }
    let ok = if allow_missing {
        report.is_consistent()
    } else {
        report.agrees()
    };
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn export(
    dir: &Directory,
    out: &mut impl Write,
    format: ExportFormat,
    to: Option<&Path>,
) -> io::Result<ExitCode> {
    let write = |w: &mut dyn Write| -> io::Result<()> {
        match format {
            ExportFormat::Csv => dir.write_csv(w),
            ExportFormat::Json => {
                serde_json::to_writer_pretty(&mut *w, dir)?;
                writeln!(w)
            }
        }
    };
    match to {
        None => write(out)?,
        Some(path) => {
            let context =
                |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
            let mut file = BufWriter::new(File::create(path).map_err(context)?);
            write(&mut file)
                .and_then(|()| file.flush())
                .map_err(context)?;
            writeln!(out, "exported {} NPAs to {}", dir.len(), path.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(out: &mut impl Write, path: &Path, to: &Path) -> io::Result<ExitCode> {
    let (name, input) = open(path)?;
    let import = match import_lerg(&name, input) {
        Ok(import) => import,
        Err(ImportError::Rows(errors)) => {
            writeln!(
                out,
                "{name}: {} row error(s); nothing imported",
                errors.len()
            )?;
            for e in errors {
                writeln!(out, "{e}")?;
            }
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(io::Error::other(e)),
    };
    let mut csv = Vec::new();
    import.write_csv(&mut csv)?;
    if to == Path::new("-") {
        // Standard output carries the data; the account goes to standard error.
        eprint!("{name}: {import}");
        out.write_all(&csv)?;
        return Ok(ExitCode::SUCCESS);
    }
    write!(out, "{name}: {import}")?;
    let previous = std::fs::read(to).ok();
    let target = to.display();
    if previous.as_deref() == Some(&csv[..]) {
        // Not rewriting keeps the file's timestamp, so cargo does not rebuild.
        writeln!(out, "{target}: unchanged ({} NPAs)", import.records.len())?;
        return Ok(ExitCode::SUCCESS);
    }
    replace(to, &csv).map_err(|e| io::Error::new(e.kind(), format!("{target}: {e}")))?;
    match previous {
        Some(previous) => writeln!(
            out,
            "{target}: written ({} NPAs); {}",
            import.records.len(),
            changes(&previous, &csv)
        )?,
        None => writeln!(out, "{target}: written ({} NPAs)", import.records.len())?,
    }
    writeln!(
        out,
        "next: cargo build — it re-applies data/fixes.csv and fails on every fix \
         the new data has made stale (data/fixes.csv:<line>: stale fix: …)"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes beside the target and renames, so that a failed write never leaves
/// a half-written dataset.
fn replace(to: &Path, contents: &[u8]) -> io::Result<()> {
    let mut tmp = PathBuf::from(to);
    tmp.set_extension("csv.importing");
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, to).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
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
