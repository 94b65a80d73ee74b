//! `nanp categorize`: every row of a rate deck categorized and accounted for.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use nanp_lerg::ratesheet::{
    Column, Duplicates, Encoding, LeadingOne, OpenError, Options, RateKind, Reader,
};

use crate::error::CliError;
use crate::io::{open_input, print_summary, writers, Outputs};
use crate::{Context, Format};

/// Options of `nanp categorize`.
///
/// Writes each accepted row with `npa,category,country_code,state_province_code`
/// appended (a headerless deck gets a header naming them), and with
/// --exchanges `rate_center,exchange_status,ocn` too, the summary then
/// counting rows in service, not in service and not found, and the share of
/// the in-service codes of each category the deck prices. Every row is
/// accepted, rejected (with line and reason) or non-NANP, and the counts add
/// up. The summary goes to standard output, or to standard error when the
/// rows do. Exits 1 if any row was rejected, 2 if the deck cannot be read.
#[derive(Args)]
pub struct CategorizeArgs {
    /// The deck, or `-` for standard input.
    input: PathBuf,
    /// The dial-prefix column: header name or 1-based index.
    #[arg(long, value_name = "COL", value_parser = column)]
    prefix_col: Option<Column>,
    /// The NPA column, when NPA and NXX are separate: header name or 1-based index.
    #[arg(long, value_name = "COL", value_parser = column)]
    npa_col: Option<Column>,
    /// The NXX column, with --npa-col.
    #[arg(long, value_name = "COL", value_parser = column, requires = "npa_col")]
    nxx_col: Option<Column>,
    /// A rate column (repeat for several); by default, detected.
    #[arg(long = "rate-col", value_name = "COL", value_parser = column)]
    rate_cols: Vec<Column>,
    /// The kind of each rate column, in order: inter, intra, indeterminate
    /// or rate, comma-separated; by default, from the header's names.
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    rate_kinds: Vec<RateKind>,
    /// The effective-date column: header name or 1-based index; by default,
    /// detected. A row whose date is not a date is rejected.
    #[arg(long, value_name = "COL", value_parser = column)]
    date_col: Option<Column>,
    /// The first row is data, not a header.
    #[arg(long, conflicts_with = "header")]
    no_header: bool,
    /// The first row is a header.
    #[arg(long)]
    header: bool,
    /// Whether keys that start with 2-9 carry no country code (`absent`:
    /// `201200` is NPA 201) or are other countries' (`present`: A–Z decks).
    #[arg(long, value_enum, default_value_t = LeadingOneArg::Auto)]
    leading_one: LeadingOneArg,
    /// Field delimiter: a character, or `tab`.
    #[arg(long, value_parser = delimiter)]
    delimiter: Option<u8>,
    /// Rates are written with a decimal comma (`0,0125`); detected by default.
    #[arg(long)]
    decimal_comma: bool,
    /// Text encoding: auto, utf-8, windows-1252 (latin1), utf-16le, utf-16be.
    #[arg(long, value_name = "NAME")]
    encoding: Option<Encoding>,
    /// Reject rows whose key is on an earlier row (by default they are
    /// accepted, counted and named in the summary).
    #[arg(long)]
    reject_duplicates: bool,
    /// With --exchanges: reject rows whose NPA-NXX the exchange files hold
    /// but not in service (`nxx-not-in-service`). By default they are
    /// accepted, counted and named in the summary.
    #[arg(long)]
    reject_not_in_service: bool,
    /// Write the categorized rows here (`-`: standard output, the default).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Write rejected rows here, with line number and reason.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Write the summary here as JSON.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
    /// Format of the printed summary: `table` (for people) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Worker threads, 1 to 256 (default: every core). The output is the
    /// same whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: Option<u16>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LeadingOneArg {
    Auto,
    Present,
    Absent,
}

fn column(s: &str) -> Result<Column, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("column indexes start at 1".to_owned()),
        Ok(n) => Ok(Column::Index(n - 1)),
        Err(_) if s.trim().is_empty() => Err("empty column name".to_owned()),
        Err(_) => Ok(Column::Name(s.to_owned())),
    }
}

pub fn delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() && !matches!(s, "\"" | "\n" | "\r") => {
            Ok(s.as_bytes()[0])
        }
        _ => Err(
            "a delimiter is one ASCII character (not a quote or line break), or `tab`".to_owned(),
        ),
    }
}

/// Rows between progress updates on a terminal.
const PROGRESS_EVERY: u64 = 100_000;

pub fn run(ctx: &Context, args: CategorizeArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    if args.format == Format::Csv {
        return Err(CliError::Usage(
            "categorize writes its rows as CSV; --format sets the summary's: table or json".into(),
        ));
    }
    let options = Options {
        prefix_col: args.prefix_col,
        npa_col: args.npa_col,
        nxx_col: args.nxx_col,
        rate_cols: (!args.rate_cols.is_empty()).then_some(args.rate_cols),
        rate_kinds: (!args.rate_kinds.is_empty()).then_some(args.rate_kinds),
        date_col: args.date_col,
        has_header: match (args.header, args.no_header) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        leading_one: match args.leading_one {
            LeadingOneArg::Auto => LeadingOne::Auto,
            LeadingOneArg::Present => LeadingOne::Present,
            LeadingOneArg::Absent => LeadingOne::Absent,
        },
        delimiter: args.delimiter,
        decimal_comma: args.decimal_comma.then_some(true),
        encoding: args.encoding,
        duplicates: if args.reject_duplicates {
            Duplicates::Reject
        } else {
            Duplicates::Count
        },
        price_non_nanp: false,
    };
    let exchanges = ctx.exchanges()?;
    if args.reject_not_in_service && exchanges.is_none() {
        return Err(CliError::Usage(
            "--reject-not-in-service needs exchange files: --exchanges FILE".into(),
        ));
    }
    // Every output is checked (and refused if it names the input) before
    // the first row is read.
    let mut outputs = Outputs::new(ctx.inputs(&[args.input.as_path()]));
    let mut rows_sink = outputs.create(&args.output, "--output")?;
    let mut rejects_sink = outputs.create_optional(args.rejects.as_deref(), "--rejects")?;
    let mut summary_sink =
        outputs.create_optional(args.summary_json.as_deref(), "--summary-json")?;

    let input = open_input(&args.input)?;
    let name = input.name;
    let mut reader = Reader::new(input.reader, options, &ctx.dir).map_err(|e| match e {
        OpenError::Detect(e) => CliError::Usage(format!("{name}: {e}")),
        other => CliError::Input(format!("{name}: {other}")),
    })?;
    if let Some(exchanges) = &exchanges {
        reader.check_exchanges(exchanges, args.reject_not_in_service);
    }

    let jobs = crate::jobs(args.jobs);
    let (summary, stdout_free) = {
        let w = writers(
            &mut *out,
            &mut rows_sink,
            rejects_sink.as_mut(),
            summary_sink.as_mut(),
        )?;
        let stdout_free = w.stdout_free;
        let terminal = std::io::stderr().is_terminal();
        let mut shown = 0;
        let mut progress = |rows: u64| {
            if terminal && rows / PROGRESS_EVERY > shown {
                shown = rows / PROGRESS_EVERY;
                let _ = write!(std::io::stderr(), "\r{rows} rows read");
            }
        };
        let summary = reader.categorize_all(jobs, w.rows, w.rejects, &mut progress)?;
        if terminal && shown > 0 {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
        if let Some(w) = w.summary {
            serde_json::to_writer_pretty(&mut *w, &summary)?;
            writeln!(w)?;
        }
        (summary, stdout_free)
    };
    if let Some(e) = summary.read_error() {
        // A deck read only in part writes no file: the temporary files go.
        let _ = write!(std::io::stderr(), "{summary}");
        return Err(CliError::Input(format!("{name}:{}: {}", e.line, e.detail)));
    }
    // The figures are worked out (a deck of millions of distinct rates
    // takes a second) before the files are put in place, so that the run
    // ends when they are.
    let mut text = match args.format {
        Format::Json => serde_json::to_string_pretty(&summary)? + "\n",
        _ => summary.to_string(),
    };
    if args.format != Format::Json && summary.rejected() > 0 && args.rejects.is_none() {
        text.push_str("(write every rejected row, with its fields, with --rejects FILE)\n");
    }
    outputs.commit([Some(rows_sink), rejects_sink, summary_sink])?;
    print_summary(out, stdout_free, &text)?;
    Ok(if summary.rejected() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
