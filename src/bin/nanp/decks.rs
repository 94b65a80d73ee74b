//! What `nanp compare` and `nanp diff` share: loading whole decks, each
//! deck's account of its rows, and the columns that say what a code is.

use std::fmt::{Display, Write as _};
use std::io;
use std::path::{Path, PathBuf};

use nanp_lerg::ratesheet::{
    Destination, IncrementColumns, OpenError, Options, Prefix, Rate, RateDeck,
};
use nanp_lerg::Directory;
use serde::Serialize;

use crate::error::CliError;
use crate::io::{open_input, writers, Outputs, Sink, STDIO};
use crate::Format;

/// A deck loaded whole, with the name and path it is reported under.
pub struct Loaded<'d> {
    pub name: String,
    pub path: String,
    pub deck: RateDeck<'d>,
}

/// Loads `paths` (at most one `-`), in parallel: each on its own thread.
pub fn load<'d>(
    paths: &[PathBuf],
    names: Vec<String>,
    dir: &'d Directory,
) -> Result<Vec<Loaded<'d>>, CliError> {
    if paths.iter().filter(|p| *p == Path::new(STDIO)).count() > 1 {
        return Err(CliError::Usage(
            "only one deck can be standard input (-)".into(),
        ));
    }
    let loaded: Vec<Result<RateDeck<'d>, CliError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .iter()
            .map(|path| scope.spawn(move || load_one(path, dir)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a deck's loading thread panicked"))
            .collect()
    });
    let mut decks = Vec::with_capacity(paths.len());
    for ((deck, path), name) in loaded.into_iter().zip(paths).zip(names) {
        decks.push(Loaded {
            name,
            path: path.display().to_string(),
            deck: deck?,
        });
    }
    Ok(decks)
}

fn load_one<'d>(path: &Path, dir: &'d Directory) -> Result<RateDeck<'d>, CliError> {
    let input = open_input(path)?;
    let name = input.name;
    RateDeck::load(input.reader, Options::default(), dir).map_err(|e| match e {
        OpenError::Detect(e) => CliError::Usage(format!("{name}: {e}")),
        other => CliError::Input(format!("{name}: {other}")),
    })
}

/// A deck's name from its path: the file's stem (`stdin` for `-`).
pub fn stem(path: &Path) -> String {
    if path == Path::new(STDIO) {
        return "stdin".to_owned();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A deck as the summary JSON lists it.
#[derive(Serialize)]
pub struct DeckJson<'a> {
    name: &'a str,
    path: &'a str,
    rows: u64,
    codes: usize,
    accepted: u64,
    rejected: u64,
    non_nanp: u64,
    /// Rows whose code is on an earlier row (the first row wins).
    duplicates_not_held: u64,
    rate_columns: &'a [nanp_lerg::ratesheet::RateColumn],
    effective_date: Option<&'a nanp_lerg::ratesheet::DateColumn>,
    rejected_by_reason: std::collections::BTreeMap<&'static str, u64>,
    first_rejected: Vec<nanp_lerg::ratesheet::RejectedRow>,
}

impl<'a> DeckJson<'a> {
    pub fn of(l: &'a Loaded<'_>) -> DeckJson<'a> {
        let s = l.deck.summary();
        let report = s.report();
        DeckJson {
            name: &l.name,
            path: &l.path,
            rows: s.rows_read(),
            codes: l.deck.len(),
            accepted: s.accepted(),
            rejected: s.rejected(),
            non_nanp: s.non_nanp(),
            duplicates_not_held: l.deck.duplicates(),
            rate_columns: &l.deck.detection().rate_columns,
            effective_date: l.deck.detection().effective_date.as_ref(),
            rejected_by_reason: report.rejected_by_reason,
            first_rejected: report.first_rejected,
        }
    }
}

/// Rejected rows listed per deck in the printed account.
const REJECTS_SHOWN: usize = 5;

/// Each deck's account of its rows, for people: counts that add up, the
/// codes held, which column became which kind, the first rejected rows.
pub fn account(decks: &[Loaded<'_>]) -> String {
    let mut out = String::new();
    for l in decks {
        let s = l.deck.summary();
        let d = l.deck.detection();
        let _ =
            writeln!(
            out,
            "{} ({}): rows read {}: accepted {} + rejected {} + non-NANP {} ({}); {} codes held",
            l.name,
            l.path,
            s.rows_read(),
            s.accepted(),
            s.rejected(),
            s.non_nanp(),
            if s.balanced() { "balanced" } else { "NOT BALANCED" },
            l.deck.len(),
        );
        let columns: Vec<String> = d
            .rate_columns
            .iter()
            .map(|c| match c.kind {
                Some(k) => format!("{} [{k}]", c.name),
                None => format!("{} [not compared: no kind]", c.name),
            })
            .collect();
        let date = d
            .effective_date
            .as_ref()
            .map_or_else(|| "none".to_owned(), |c| c.name.clone());
        let increment = match &d.increment {
            None => "none".to_owned(),
            Some(IncrementColumns::Whole(c)) => d.column_name(*c),
            Some(IncrementColumns::Periods { first, next }) => {
                format!("{} / {}", d.column_name(*first), d.column_name(*next))
            }
        };
        let _ = writeln!(
            out,
            "  rate columns: {}; effective date: {date}; increments: {increment}",
            columns.join(", ")
        );
        if l.deck.duplicates() > 0 {
            let _ = writeln!(
                out,
                "  {} rows repeat an earlier row's code: the first row of each code is held",
                l.deck.duplicates()
            );
        }
        let report = s.report();
        for r in report.first_rejected.iter().take(REJECTS_SHOWN) {
            let _ = writeln!(out, "  line {}: {}: {}", r.line, r.reason, r.detail);
        }
        if s.rejected() > REJECTS_SHOWN as u64 {
            let _ = writeln!(
                out,
                "  … {} more rejected rows (nanp categorize --rejects FILE lists them all)",
                s.rejected() - REJECTS_SHOWN as u64
            );
        }
    }
    out
}

/// Appends `code,npa,category,state_province_code` for a code.
pub fn push_code(line: &mut String, prefix: Prefix, destination: Destination<'_>) {
    let _ = write!(line, "{prefix},");
    if let Some(npa) = prefix.npa() {
        let _ = write!(line, "{npa}");
    }
    line.push(',');
    line.push_str(destination.category_name());
    line.push(',');
    if let Destination::Geographic(r) = destination {
        line.push_str(r.state_province_code.as_str());
    }
}

/// Rows of any deck rejected.
pub fn rejected(decks: &[Loaded<'_>]) -> u64 {
    decks.iter().map(|l| l.deck.summary().rejected()).sum()
}

/// Rates as text, remembered: a deck has few distinct rates and a
/// comparison writes millions, so each is formatted once (a direct-mapped
/// table: a rate whose slot another took is formatted again).
pub struct RateText {
    slots: Vec<Option<(Rate, String)>>,
}

impl RateText {
    const BITS: u32 = 12;

    pub fn new() -> RateText {
        RateText {
            slots: vec![None; 1 << Self::BITS],
        }
    }

    /// Appends `rate` as the deck wrote it (its places kept).
    pub fn push(&mut self, line: &mut String, rate: Rate) {
        let units = rate.units();
        let mixed = (units as u64) ^ ((units >> 64) as u64) ^ u64::from(rate.places());
        let slot = (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::BITS)) as usize;
        match &mut self.slots[slot] {
            Some((r, text)) if r.units() == units && r.places() == rate.places() => {
                line.push_str(text);
            }
            other => {
                let text = rate.to_string();
                line.push_str(&text);
                *other = Some((rate, text));
            }
        }
    }
}

/// The summary JSON of `compare` and `diff`: the decks, then the figures.
#[derive(Serialize)]
struct SummaryJson<'a, F> {
    decks: Vec<DeckJson<'a>>,
    #[serde(flatten)]
    figures: &'a F,
}

/// Writes the rows (`write_rows` counts each into `figures`) to the
/// `--output` sink, then the summary JSON to the `--summary-json` sink if
/// asked, and commits the outputs. Whether standard output is still free
/// for the human summary.
pub fn write_outputs<F: Serialize + Display>(
    out: &mut dyn io::Write,
    outputs: Outputs,
    mut rows_sink: Sink,
    mut summary_sink: Option<Sink>,
    loaded: &[Loaded<'_>],
    figures: &mut F,
    write_rows: impl FnOnce(&mut F, &mut dyn io::Write) -> Result<(), CliError>,
) -> Result<bool, CliError> {
    let stdout_free = {
        let w = writers(out, &mut rows_sink, None, summary_sink.as_mut())?;
        write_rows(figures, w.rows)?;
        if let Some(s) = w.summary {
            s.write_all(summary(Format::Json, loaded, &*figures)?.as_bytes())?;
        }
        w.stdout_free
    };
    outputs.commit([Some(rows_sink), summary_sink])?;
    Ok(stdout_free)
}

/// The human summary (each deck's account, then the figures) or, with
/// `--format json`, the summary JSON.
pub fn summary<F: Serialize + Display>(
    format: Format,
    loaded: &[Loaded<'_>],
    figures: &F,
) -> Result<String, CliError> {
    Ok(match format {
        Format::Json => {
            let json = SummaryJson {
                decks: loaded.iter().map(DeckJson::of).collect(),
                figures,
            };
            serde_json::to_string_pretty(&json)? + "\n"
        }
        _ => format!("{}\n{figures}", account(loaded)),
    })
}
