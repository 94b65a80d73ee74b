//! `nanp diff`: a deck against its previous version, and the increases
//! that arrive with too little notice.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use jiff::civil::Date;

use nanp_lerg::ratesheet::{Diff, DiffSummary, Notice};

use crate::decks;
use crate::error::CliError;
use crate::io::{print_summary, Outputs};
use crate::{Context, Format};

/// Options of `nanp diff`.
///
/// Writes one row per code and kind whose rate changed, or that appeared or
/// disappeared: `code,npa,category,state_province_code,change,kind,
/// old_rate,new_rate,delta,effective_date`, `change` one of increase,
/// decrease, new, removed. Each deck's rate for a code is its
/// longest-prefix match, as in `nanp compare`. The summary counts changes
/// per category and lists the increases taking effect less than
/// --notice-days after --as-of (or with no effective date). Exits 1 when
/// there are such increases, or rows rejected in either deck (a rejected
/// row's change cannot be known); 2 if a deck cannot be read.
#[derive(Args)]
pub struct DiffArgs {
    /// The previous version of the deck (`-`: standard input).
    old: PathBuf,
    /// The new version.
    new: PathBuf,
    /// Write the changes here (`-`: standard output, the default).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Write the summary here as JSON.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
    /// The day notice is counted from, as YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// Days of notice an increase needs.
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    notice_days: u32,
    /// Format of the printed summary: `table` (for people) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Today as a UTC civil date: the bundled time zone database only, so the
/// answer does not depend on the host's zoneinfo or local zone.
fn today() -> Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

pub fn run(ctx: &Context, args: DiffArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    if args.format == Format::Csv {
        return Err(CliError::Usage(
            "diff writes its rows as CSV; --format sets the summary's: table or json".into(),
        ));
    }
    let notice = Notice {
        as_of: args.as_of.unwrap_or_else(today),
        days: args.notice_days,
    };
    let paths = [args.old.clone(), args.new.clone()];
    let inputs: Vec<&std::path::Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut outputs = Outputs::new(ctx.inputs(&inputs));
    let rows_sink = outputs.create(&args.output, "--output")?;
    let summary_sink = outputs.create_optional(args.summary_json.as_deref(), "--summary-json")?;

    let loaded = decks::load(&paths, vec!["old".into(), "new".into()], &ctx.dir)?;
    let diff = Diff::new(&loaded[0].deck, &loaded[1].deck);
    let mut summary = DiffSummary::new(&diff, notice);
    let stdout_free = decks::write_outputs(
        out,
        outputs,
        rows_sink,
        summary_sink,
        &loaded,
        &mut summary,
        |summary, w| write_rows(&diff, summary, w),
    )?;

    let rejected = decks::rejected(&loaded);
    let mut text = decks::summary(args.format, &loaded, &summary)?;
    if args.format != Format::Json && rejected > 0 {
        text.push_str(&format!(
            "\nWARNING: {} rejected: a code of a rejected row may show as removed, \
             or priced by a shorter code, and its change is not known\n",
            if rejected == 1 {
                "1 row was".to_owned()
            } else {
                format!("{rejected} rows were")
            }
        ));
    }
    print_summary(out, stdout_free, &text)?;
    Ok(if summary.short_notice() > 0 || rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the header and a row per changed code and kind, counting every
/// code in `summary`.
fn write_rows(
    diff: &Diff<'_, '_>,
    summary: &mut DiffSummary,
    w: &mut dyn Write,
) -> Result<(), CliError> {
    w.write_all(
        b"code,npa,category,state_province_code,change,kind,old_rate,new_rate,delta,effective_date\n",
    )?;
    let mut line = String::new();
    let mut text = decks::RateText::new();
    for code in diff.codes() {
        summary.add(&code);
        for c in code.changes() {
            line.clear();
            decks::push_code(&mut line, code.prefix(), code.destination());
            let _ = write!(line, ",{},{},", c.change, c.kind);
            for rate in [c.old, c.new, c.delta()] {
                if let Some(rate) = rate {
                    text.push(&mut line, rate);
                }
                line.push(',');
            }
            if let Some(date) = c.effective {
                let _ = write!(line, "{date}");
            }
            line.push('\n');
            w.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}
