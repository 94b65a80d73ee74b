//! `nanp categorize`: every row of a rate deck categorized and accounted for.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use nanp_lerg::ratesheet::{
    Column, Destination, LeadingOne, Options, Reader, RejectReason, Row, RowError, Summary,
};
use nanp_lerg::Directory;

/// Options of `nanp categorize`.
#[derive(Args)]
pub struct CategorizeArgs {
    /// The deck, or `-` for standard input.
    input: String,
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
    /// The first row is data, not a header.
    #[arg(long, conflicts_with = "header")]
    no_header: bool,
    /// The first row is a header.
    #[arg(long)]
    header: bool,
    /// Whether keys carry the country code 1.
    #[arg(long, value_enum, default_value_t = LeadingOneArg::Auto)]
    leading_one: LeadingOneArg,
    /// Field delimiter: a character, or `tab`.
    #[arg(long, value_parser = delimiter)]
    delimiter: Option<u8>,
    /// Write the categorized rows here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write rejected rows here, with line number and reason.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Write the summary here as JSON.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
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

fn delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err("a delimiter is one ASCII character, or `tab`".to_owned()),
    }
}

/// Columns appended to every categorized row.
const APPENDED: [&str; 4] = ["npa", "category", "country_code", "state_province_code"];

/// Rows between progress updates on a terminal.
const PROGRESS_EVERY: u64 = 100_000;

pub fn run(dir: &Directory, args: CategorizeArgs) -> io::Result<ExitCode> {
    let options = Options {
        prefix_col: args.prefix_col,
        npa_col: args.npa_col,
        nxx_col: args.nxx_col,
        rate_cols: (!args.rate_cols.is_empty()).then_some(args.rate_cols),
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
    };
    let input: Box<dyn Read> = if args.input == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(&args.input).map_err(|e| with_path(e, &args.input))?)
    };
    let mut reader = Reader::new(io::BufReader::with_capacity(1 << 16, input), options, dir)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", args.input)))?;

    let rows_to_stdout = args.output.is_none();
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).map_err(|e| with_path(e, path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(BufWriter::new(out));
    let mut rejects = match &args.rejects {
        Some(path) => {
            let file = File::create(path).map_err(|e| with_path(e, path.display()))?;
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(BufWriter::new(file));
            // The rejected row's own fields follow these three columns.
            w.write_record(["line", "reason", "detail"])?;
            Some(w)
        }
        None => None,
    };
    if let Some(header) = &reader.detection().header {
        out.write_record(header.iter().map(String::as_str).chain(APPENDED))?;
    }

    let mut summary = Summary::new(reader.detection());
    let columns = reader.detection().columns;
    let progress = io::stderr().is_terminal();
    let mut npa_text = String::with_capacity(3);
    let mut read_error = None;
    while let Some(row) = reader.next_row() {
        summary.add(&row);
        match &row {
            Ok(row) => write_row(&mut out, row, columns, &mut npa_text)?,
            Err(e) => {
                if let Some(w) = rejects.as_mut() {
                    write_reject(w, e)?;
                }
                if let RejectReason::ReadError(message) = e.reason() {
                    read_error = Some(format!("{}:{}: {message}", args.input, e.line()));
                }
            }
        }
        if progress && summary.rows_read() % PROGRESS_EVERY == 0 {
            eprint!("\r{} rows read", summary.rows_read());
        }
    }
    if progress && summary.rows_read() >= PROGRESS_EVERY {
        eprint!("\r\x1b[K");
    }
    out.flush()?;
    if let Some(mut w) = rejects {
        w.flush()?;
    }
    if let Some(path) = &args.summary_json {
        let file = File::create(path).map_err(|e| with_path(e, path.display()))?;
        let mut w = BufWriter::new(file);
        serde_json::to_writer_pretty(&mut w, &summary)?;
        writeln!(w)?;
        w.flush()?;
    }
    let text = summary.to_string();
    if rows_to_stdout {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
    if let Some(message) = read_error {
        return Err(io::Error::other(message));
    }
    Ok(if summary.rejected() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes a row's fields, padded to `columns` so the appended columns line
/// up under the header (trailing empty fields beyond it are dropped; other
/// fields never are), then the appended columns.
fn write_row<W: Write>(
    out: &mut csv::Writer<W>,
    row: &Row<'_, '_>,
    columns: usize,
    npa: &mut String,
) -> io::Result<()> {
    let (category, country, state) = match row.destination {
        Destination::Geographic(r) => (
            r.category.as_str(),
            r.country_code.as_str(),
            r.state_province_code.as_str(),
        ),
        Destination::NonGeographic(service) => (service.as_str(), "", ""),
        // Another country's row: counted in the summary, not categorized.
        Destination::NonNanp => return Ok(()),
    };
    npa.clear();
    if let Some(n) = row.npa {
        use std::fmt::Write as _;
        let _ = write!(npa, "{n}");
    }
    let fields = row.record.len();
    let kept = (columns..fields)
        .rev()
        .find(|&i| !row.record[i].is_empty())
        .map_or(columns.min(fields), |last| last + 1);
    for field in row.record.iter().take(kept) {
        out.write_field(field)?;
    }
    for _ in kept..columns {
        out.write_field(b"")?;
    }
    out.write_field(npa.as_bytes())?;
    out.write_field(category)?;
    out.write_field(country)?;
    out.write_field(state)?;
    out.write_record(None::<&[u8]>)?;
    Ok(())
}

fn write_reject<W: Write>(w: &mut csv::Writer<W>, e: &RowError) -> io::Result<()> {
    w.write_field(e.line().to_string())?;
    w.write_field(e.reason().as_str())?;
    w.write_field(e.reason().to_string())?;
    for field in e.fields() {
        w.write_field(field)?;
    }
    w.write_record(None::<&[u8]>)?;
    Ok(())
}

fn with_path(e: io::Error, path: impl std::fmt::Display) -> io::Error {
    io::Error::new(e.kind(), format!("{path}: {e}"))
}
