//! `nanp compare`: vendors' decks code by code, the cheapest of each kind.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use nanp_lerg::ratesheet::{Comparison, ComparisonSummary};

use crate::decks;
use crate::error::CliError;
use crate::io::{print_summary, Outputs};
use crate::{Context, Format};

/// Options of `nanp compare`.
///
/// Writes one row per code of any deck, sorted by code (every +1 code,
/// then other countries'): `code,npa,category,state_province_code`, each
/// vendor's rate of each kind its deck prices (`<vendor>_<kind>`), then for
/// each kind `cheapest_<kind>` (the vendor; `tie:a|b` when rates are equal
/// to the last decimal) and `spread_<kind>` (highest minus lowest). A
/// vendor's rate for a code is its longest-prefix match for it: an NPA-NXX
/// deck, a 1NPANXX deck and an NPA-level deck line up. The summary goes to
/// standard output, or to standard error when the rows do. Exits 1 if any
/// deck had rejected rows, 2 if a deck cannot be read.
#[derive(Args)]
pub struct CompareArgs {
    /// The decks, two or more (`-`: one of them on standard input).
    #[arg(required = true, num_args = 2.., value_name = "DECK")]
    decks: Vec<PathBuf>,
    /// The vendors' names, comma-separated, one per deck (by default the
    /// files' stems).
    #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
    names: Vec<String>,
    /// Write the rows here (`-`: standard output, the default).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Write the summary here as JSON.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
    /// Format of the printed summary: `table` (for people) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(ctx: &Context, args: CompareArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    if args.format == Format::Csv {
        return Err(CliError::Usage(
            "compare writes its rows as CSV; --format sets the summary's: table or json".into(),
        ));
    }
    let names = if args.names.is_empty() {
        args.decks.iter().map(|p| decks::stem(p)).collect()
    } else if args.names.len() == args.decks.len() {
        args.names.clone()
    } else {
        return Err(CliError::Usage(format!(
            "--names gives {} names for {} decks",
            args.names.len(),
            args.decks.len()
        )));
    };
    let inputs: Vec<&std::path::Path> = args.decks.iter().map(PathBuf::as_path).collect();
    let mut outputs = Outputs::new(ctx.inputs(&inputs));
    let rows_sink = outputs.create(&args.output, "--output")?;
    let summary_sink = outputs.create_optional(args.summary_json.as_deref(), "--summary-json")?;

    let loaded = decks::load(&args.decks, names, &ctx.dir)?;
    let vendors = loaded.iter().map(|l| (l.name.clone(), &l.deck)).collect();
    let comparison = Comparison::new(vendors).map_err(|e| {
        CliError::Usage(format!(
            "{e}{}",
            if args.names.is_empty() {
                " (the files' stems name them by default; give --names a,b,…)"
            } else {
                ""
            }
        ))
    })?;
    let mut summary = ComparisonSummary::new(&comparison);
    let stdout_free = decks::write_outputs(
        out,
        outputs,
        rows_sink,
        summary_sink,
        &loaded,
        &mut summary,
        |summary, w| write_rows(&comparison, summary, w),
    )?;

    let text = decks::summary(args.format, &loaded, &summary)?;
    print_summary(out, stdout_free, &text)?;
    Ok(if decks::rejected(&loaded) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the header and every code's row, counting each in `summary`.
fn write_rows(
    comparison: &Comparison<'_, '_>,
    summary: &mut ComparisonSummary,
    w: &mut dyn Write,
) -> Result<(), CliError> {
    // Names were checked: no comma, quote or line break to quote.
    let mut line = comparison.header().join(",");
    line.push('\n');
    w.write_all(line.as_bytes())?;
    let names = comparison.names();
    let mut text = decks::RateText::new();
    let mut codes = comparison.codes();
    while let Some(code) = codes.next_code() {
        summary.add(code);
        line.clear();
        decks::push_code(&mut line, code.prefix(), code.destination());
        for (i, deck) in comparison.decks().iter().enumerate() {
            for &kind in deck.kinds() {
                line.push(',');
                if let Some(rate) = code.rate(i, kind) {
                    text.push(&mut line, rate);
                }
            }
        }
        for &kind in comparison.kinds() {
            line.push(',');
            let cheapest = code.cheapest(kind);
            if let Some(c) = cheapest {
                if c.is_tie() {
                    line.push_str("tie:");
                }
                for (n, v) in c.vendors.iter().enumerate() {
                    if n > 0 {
                        line.push('|');
                    }
                    line.push_str(&names[v]);
                }
            }
            line.push(',');
            if let Some(spread) = code.spread(kind) {
                text.push(&mut line, spread);
            }
        }
        line.push('\n');
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}
