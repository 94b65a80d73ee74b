//! `nanp rate`: call records priced against a deck; and `nanp
//! jurisdiction`: the jurisdiction of one call and the rule that decided it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use serde_json::json;

use nanp_lerg::exchange::Exchanges;
use nanp_lerg::ratesheet::{Encoding, Increment};
use nanp_lerg::rating::{
    rate_records, CdrColumn, CdrOptions, Jurisdiction, JurisdictionPolicy, Rater, RatingSummary,
    RunError,
};

use crate::decks::{self, DeckJson};
use crate::error::CliError;
use crate::io::{open_input, print_summary, writers, Outputs};
use crate::{Context, Format};

/// Options of `nanp rate`.
///
/// Rates every call record: its jurisdiction (from the calling and dialed
/// numbers), the deck's longest code that starts the dialed number, the
/// rate that jurisdiction pays (intrastate falls back to interstate;
/// indeterminate to intrastate, then interstate), the seconds billed in
/// the row's increment (the deck's increment columns, else --increment)
/// and the cost, exactly. Writes each record with
/// `jurisdiction,matched_code,rate_kind,rate,billed_seconds,cost`
/// appended; every record is rated or rejected (with line and reason), and
/// the counts add up. Columns are found by header name: calling number
/// ani|cli|calling|from|src|caller, dialed number
/// dnis|dialed|called|to|dst|destination, duration in seconds
/// billsec|duration|seconds|secs (whole or decimal seconds, or H:MM:SS).
/// Exits 1 if any record was rejected, 2 if the file or the deck cannot be
/// read.
#[derive(Args)]
pub struct RateArgs {
    /// The call records (`-` for standard input).
    input: PathBuf,
    /// The rate deck to price against.
    #[arg(long, value_name = "DECK")]
    deck: PathBuf,
    /// Write the rated records here (`-`: standard output, the default).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Write rejected records here, with line, reason and detail.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Write the summary here as JSON.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
    /// The billing increment where the deck gives none: FIRST/NEXT seconds.
    #[arg(long, value_name = "F/N", default_value = "6/6")]
    increment: Increment,
    /// Round each call's cost to this many decimals (by default every
    /// cost is exact to 24 places).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=24))]
    cost_places: Option<u8>,
    /// Worker threads, 1 to 256 (default: every core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: Option<u16>,
    /// The calling-number column: header name or 1-based index.
    #[arg(long, value_name = "COL", value_parser = column)]
    ani_col: Option<CdrColumn>,
    /// The dialed-number column.
    #[arg(long, value_name = "COL", value_parser = column)]
    dialed_col: Option<CdrColumn>,
    /// The duration column (seconds).
    #[arg(long, value_name = "COL", value_parser = column)]
    duration_col: Option<CdrColumn>,
    /// The file has no header (name the three columns by index).
    #[arg(long)]
    no_header: bool,
    /// Field delimiter: a character, or `tab`.
    #[arg(long, value_parser = crate::categorize::delimiter)]
    delimiter: Option<u8>,
    /// Text encoding: auto, utf-8, windows-1252 (latin1), utf-16le, utf-16be.
    #[arg(long, value_name = "NAME")]
    encoding: Option<Encoding>,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Format of the printed summary: `table` (for people) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn column(s: &str) -> Result<CdrColumn, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("column indexes start at 1".to_owned()),
        Ok(n) => Ok(CdrColumn::Index(n - 1)),
        Err(_) if s.trim().is_empty() => Err("empty column name".to_owned()),
        Err(_) => Ok(CdrColumn::Name(s.to_owned())),
    }
}

/// The summary JSON: the deck's account, then the records' figures.
#[derive(Serialize)]
struct SummaryJson<'a> {
    deck: DeckJson<'a>,
    #[serde(flatten)]
    figures: &'a RatingSummary,
}

pub fn rate(ctx: &Context, args: RateArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    if args.format == Format::Csv {
        return Err(CliError::Usage(
            "rate writes its records as CSV; --format sets the summary's: table or json".into(),
        ));
    }
    let exchanges = ctx.exchanges()?;
    let inputs = [args.input.as_path(), args.deck.as_path()];
    let mut outputs = Outputs::new(ctx.inputs(&inputs));
    let mut rows_sink = outputs.create(&args.output, "--output")?;
    let mut rejects_sink = outputs.create_optional(args.rejects.as_deref(), "--rejects")?;
    let mut summary_sink =
        outputs.create_optional(args.summary_json.as_deref(), "--summary-json")?;

    let loaded = decks::load(
        std::slice::from_ref(&args.deck),
        vec![decks::stem(&args.deck)],
        &ctx.dir,
    )?;
    let deck = &loaded[0];
    let rater = Rater::new(&deck.deck)
        .policy(args.policy.policy(ctx, exchanges.as_ref())?)
        .increment(args.increment)
        .cost_places(args.cost_places);
    let jobs = crate::jobs(args.jobs);
    let options = CdrOptions {
        ani_col: args.ani_col,
        dialed_col: args.dialed_col,
        duration_col: args.duration_col,
        delimiter: args.delimiter,
        encoding: args.encoding,
        no_header: args.no_header,
        jobs,
    };
    let input = open_input(&args.input)?;
    let name = input.name;
    let (summary, stdout_free) = {
        let w = writers(
            &mut *out,
            &mut rows_sink,
            rejects_sink.as_mut(),
            summary_sink.as_mut(),
        )?;
        let stdout_free = w.stdout_free;
        let summary = rate_records(input.reader, &rater, &options, w.rows, w.rejects).map_err(
            |e| match e {
                RunError::Io(e) => CliError::from(e),
                RunError::Columns(e) => CliError::Usage(format!("{name}: {e}")),
                other => CliError::Input(format!("{name}: {other}")),
            },
        )?;
        // Refused before any output file is put in place.
        if summary.cdrs_read() == 0 {
            return Err(CliError::Input(format!("{name}: no call records")));
        }
        if summary.overflowed() {
            return Err(CliError::Input(format!(
                "{name}: a total ran past 10^14 in the deck's currency, which no real traffic \
                 reaches: a rate or a duration cannot be right"
            )));
        }
        if let Some(w) = w.summary {
            let json = SummaryJson {
                deck: DeckJson::of(deck),
                figures: &summary,
            };
            serde_json::to_writer_pretty(&mut *w, &json)?;
            writeln!(w)?;
        }
        (summary, stdout_free)
    };
    outputs.commit([Some(rows_sink), rejects_sink, summary_sink])?;

    let mut text = match args.format {
        Format::Json => {
            let json = SummaryJson {
                deck: DeckJson::of(deck),
                figures: &summary,
            };
            serde_json::to_string_pretty(&json)? + "\n"
        }
        _ => format!("{}\n{name}: {summary}", decks::account(&loaded)),
    };
    if args.format != Format::Json && summary.rejected() > 0 && args.rejects.is_none() {
        text.push_str("(write every rejected record, with its fields, with --rejects FILE)\n");
    }
    print_summary(out, stdout_free, &text)?;
    Ok(if summary.rejected() > 0 || decks::rejected(&loaded) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The jurisdiction rules' options, shared by the commands that decide.
#[derive(Args)]
pub struct PolicyArgs {
    /// The jurisdiction of a call from a Canadian number.
    #[arg(long, value_name = "J", default_value = "interstate")]
    canadian_ani: Jurisdiction,
    /// The jurisdiction of a call from a US territory (PR, VI, GU, MP, AS).
    #[arg(long, value_name = "J", default_value = "indeterminate")]
    territory_ani: Jurisdiction,
    /// With --exchanges: a calling NPA-NXX the files hold but not in
    /// service makes the call indeterminate.
    #[arg(long)]
    ani_not_in_service_indeterminate: bool,
    /// With --exchanges: each end's state is its exchange's, where the
    /// files know it, rather than its NPA's.
    #[arg(long)]
    state_from_exchange: bool,
}

impl PolicyArgs {
    /// The policy these options ask for, over `ctx`'s directory and
    /// `exchanges`.
    pub fn policy<'a>(
        &self,
        ctx: &'a Context,
        exchanges: Option<&'a Exchanges>,
    ) -> Result<JurisdictionPolicy<'a>, CliError> {
        let needs_exchanges = self.ani_not_in_service_indeterminate || self.state_from_exchange;
        if needs_exchanges && exchanges.is_none() {
            return Err(CliError::Usage(
                "--ani-not-in-service-indeterminate and --state-from-exchange need --exchanges FILE"
                    .into(),
            ));
        }
        let mut policy = JurisdictionPolicy::new()
            .directory(&ctx.dir)
            .canadian_ani(self.canadian_ani)
            .territory_ani(self.territory_ani)
            .not_in_service_indeterminate(self.ani_not_in_service_indeterminate)
            .state_from_exchange(self.state_from_exchange);
        if let Some(exchanges) = exchanges {
            policy = policy.exchanges(exchanges);
        }
        Ok(policy)
    }
}

/// Options of `nanp jurisdiction`.
///
/// Prints the jurisdiction of a call from ANI to DIALED (any dial-string
/// form; an empty or `anonymous` ANI is withheld) and the rule that
/// decided it.
#[derive(Args)]
pub struct JurisdictionArgs {
    /// The calling number.
    ani: String,
    /// The dialed number.
    dialed: String,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Output format: a line for people, CSV or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn jurisdiction(
    ctx: &Context,
    args: JurisdictionArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let exchanges = ctx.exchanges()?;
    let policy = args.policy.policy(ctx, exchanges.as_ref())?;
    // A dialed number no call could be priced to is a bad argument.
    let d = policy
        .decide_dialed(&args.ani, &args.dialed)
        .map_err(|e| CliError::Usage(format!("dialed number {:?}: {e}", args.dialed)))?;
    match args.format {
        Format::Json => {
            let v = json!({
                "ani": args.ani,
                "dialed": args.dialed,
                "jurisdiction": d.jurisdiction,
                "rule": d.rule,
                "reason": d.rule.reason(),
                "ani_state": d.ani_state,
                "dialed_state": d.dialed_state,
            });
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "jurisdiction,rule,ani_state,dialed_state")?;
            writeln!(
                out,
                "{},{},{},{}",
                d.jurisdiction,
                d.rule,
                d.ani_state.unwrap_or(""),
                d.dialed_state.unwrap_or("")
            )?;
        }
        Format::Table => writeln!(out, "{d} [{}]", d.rule)?,
    }
    Ok(ExitCode::SUCCESS)
}
