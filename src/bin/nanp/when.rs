//! `nanp when`: the local time at each number, and whether a call may be
//! placed now (or at `--at`).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Args;
use serde_json::{json, Map, Value};

use nanp_lerg::zone::jiff::Timestamp;
use nanp_lerg::zone::{CallingWindow, CallingWindowError, Verdict, Window};

use crate::error::CliError;
use crate::query::csv_line;
use crate::{Context, Format};

/// Options of `nanp when`.
///
/// For each number: the local time in each time zone of its area code, and
/// the verdict: `allowed` (inside the window in every zone), `forbidden`
/// (in none) or `ambiguous` (the area code spans zones and the instant is
/// inside the window in some only). With no NUMBER, reads one per line
/// from standard input. Local times come from the time-zone database
/// bundled into this binary, not the host's. Exits 0 when every number got
/// a verdict, 1 when some could not be answered (not a NANP number, not a
/// geographic area code), 2 on a usage error.
#[derive(Args)]
pub struct WhenArgs {
    /// The instant, in RFC 3339 with an offset or Z (2025-03-09T13:30:00Z,
    /// 2025-03-09T09:30:00-04:00). Default: now.
    #[arg(long, value_name = "RFC3339", value_parser = instant)]
    at: Option<Timestamp>,
    /// The local hours when a call may be placed, both ends included; it
    /// may not wrap midnight.
    #[arg(long, value_name = "HH:MM-HH:MM", default_value = "08:00-21:00")]
    window: Window,
    /// Output format: text lines, CSV (one row per number and zone), or one
    /// JSON object per number and line.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Numbers or area codes, in any NANP form (+1 212 555 0100, 2125550100, 212).
    numbers: Vec<String>,
}

fn instant(text: &str) -> Result<Timestamp, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "{text:?} is not an instant: write it in RFC 3339 with an offset or Z, \
             e.g. 2025-03-09T13:30:00Z or 2025-03-09T09:30:00-04:00"
        )
    })
}

fn now() -> Result<Timestamp, CliError> {
    Timestamp::from_second(Timestamp::now().as_second())
        .map_err(|e| CliError::Input(format!("the clock: {e}")))
}

const CSV_COLUMNS: [&str; 8] = [
    "input",
    "npa",
    "verdict",
    "zone",
    "local_time",
    "abbreviation",
    "allowed",
    "error",
];

pub fn run(ctx: &Context, args: WhenArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    // Now, to the second: a verdict does not turn on a fraction of one.
    let at = args.at.map_or_else(now, Ok)?;
    let window = args.window;
    match args.format {
        Format::Table => writeln!(out, "at {at}, window {window} local time")?,
        Format::Csv => csv_line(out, CSV_COLUMNS)?,
        Format::Json => {}
    }
    let mut all_answered = true;
    let mut one = |out: &mut dyn Write, input: &str| -> Result<(), CliError> {
        let answer = ctx.dir.calling_window(input, at, window);
        all_answered &= answer.is_ok();
        match args.format {
            Format::Table => write_text(out, input, &answer),
            Format::Csv => write_csv(out, input, &answer),
            Format::Json => {
                serde_json::to_writer(&mut *out, &to_json(input, &answer, at, window))?;
                writeln!(out)?;
                Ok(())
            }
        }
    };
    if args.numbers.is_empty() {
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| CliError::io("<stdin>", e))?;
            if !line.trim().is_empty() {
                one(out, line.trim())?;
            }
        }
    } else {
        for input in &args.numbers {
            one(out, input)?;
        }
    }
    Ok(if all_answered {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `212: allowed: America/New_York 2025-03-09 08:30 EDT`; for an ambiguous
/// verdict each zone says whether it is inside the window.
fn write_text(
    out: &mut dyn Write,
    input: &str,
    answer: &Result<CallingWindow, CallingWindowError>,
) -> Result<(), CliError> {
    let w = match answer {
        Ok(w) => w,
        Err(e) => {
            writeln!(out, "{input}: no answer: {e}")?;
            return Ok(());
        }
    };
    let ambiguous = w.verdict == Verdict::Ambiguous;
    let zones: Vec<String> = w
        .local
        .iter()
        .map(|l| match (ambiguous, l.allowed) {
            (false, _) => l.to_string(),
            (true, true) => format!("{l} (inside)"),
            (true, false) => format!("{l} (outside)"),
        })
        .collect();
    writeln!(out, "{input}: {}: {}", w.verdict, zones.join(", "))?;
    Ok(())
}

fn write_csv(
    out: &mut dyn Write,
    input: &str,
    answer: &Result<CallingWindow, CallingWindowError>,
) -> Result<(), CliError> {
    match answer {
        Ok(w) => {
            let npa = w.npa.to_string();
            for l in &w.local {
                let (time, abbreviation) = (l.rfc3339(), l.abbreviation());
                let allowed = if l.allowed { "true" } else { "false" };
                csv_line(
                    out,
                    [
                        input,
                        &npa,
                        w.verdict.as_str(),
                        l.zone.as_str(),
                        &time,
                        &abbreviation,
                        allowed,
                        "",
                    ],
                )?;
            }
        }
        Err(e) => {
            let npa = error_npa(e).unwrap_or_default();
            csv_line(out, [input, &npa, "", "", "", "", "", &e.to_string()])?;
        }
    }
    Ok(())
}

/// The NPA an error is about, when the input had one.
fn error_npa(e: &CallingWindowError) -> Option<String> {
    match e {
        CallingWindowError::NotGeographic { npa, .. } | CallingWindowError::NoTimeZones(npa) => {
            Some(npa.to_string())
        }
        _ => None,
    }
}

/// One number as JSON: `input` first, then the answer's fields (`npa`,
/// `at`, `window`, `verdict`, `local`), or `error`.
fn to_json(
    input: &str,
    answer: &Result<CallingWindow, CallingWindowError>,
    at: Timestamp,
    window: Window,
) -> Value {
    let mut v = Map::new();
    v.insert("input".into(), json!(input));
    match answer {
        Ok(w) => {
            if let Ok(Value::Object(fields)) = serde_json::to_value(w) {
                v.extend(fields);
            }
        }
        Err(e) => {
            if let Some(npa) = error_npa(e) {
                v.insert("npa".into(), json!(npa.parse::<u16>().ok()));
            }
            v.insert("at".into(), json!(at.to_string()));
            v.insert("window".into(), json!(window.to_string()));
            v.insert("error".into(), json!(e.to_string()));
        }
    }
    Value::Object(v)
}
