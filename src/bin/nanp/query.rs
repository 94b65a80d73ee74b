//! `nanp lookup`, `list`, `stats` and `fixes`: questions about the dataset.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Args;
use serde_json::{json, Map, Value};

use nanp_lerg::exchange::{Exchange, Exchanges};
use nanp_lerg::{parse, Category, Classification, Directory, NpaRecord};

use crate::error::CliError;
use crate::{Context, Format};

/// Options of `nanp lookup`.
///
/// With no INPUT, reads one input per line from standard input. With
/// --exchanges, a dial string's NPA-NXX is looked up too: the thousands
/// block's exchange when one is loaded, else the NXX's (JSON key
/// `exchange`, `null` when the files do not hold the code). Exits 1 when
/// any input is not a geographic or non-geographic code.
#[derive(Args)]
pub struct LookupArgs {
    /// Output format: text lines, CSV, or one JSON object per input and line.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Area codes or dial strings.
    inputs: Vec<String>,
}

/// Columns of `lookup --format csv`: the input, its NPA and kind, the
/// record's fields and time zones (`;`-joined), and what a non-geographic
/// or reserved code carries; with exchanges, the exchange's fields (a
/// state or province as `exchange_state_province_code`, the status as
/// `exchange_status`).
fn lookup_columns(exchanges: bool) -> Vec<&'static str> {
    let record = &nanp_lerg::schema::NPA_COLUMNS[1..];
    let mut columns = vec!["input", "npa", "kind"];
    columns.extend(record);
    columns.extend(["time_zones", "service", "reason"]);
    if exchanges {
        columns.extend(EXCHANGE_CSV.iter().map(|(column, _)| *column));
    }
    columns
}

/// `lookup --format csv`'s exchange columns, and the key of each in the
/// exchange's JSON.
const EXCHANGE_CSV: [(&str, &str); 9] = [
    ("nxx", "nxx"),
    ("block", "block"),
    ("exchange_status", "status"),
    ("rate_center", "rate_center"),
    ("exchange_state_province_code", "state_province_code"),
    ("company", "company"),
    ("ocn", "ocn"),
    ("lata", "lata"),
    ("effective_date", "effective_date"),
];

/// The exchange of a dial string's NPA-NXX: its block's when the string
/// has a line number and the block was loaded.
fn exchange_of<'x>(exchanges: &'x Exchanges, input: &str) -> Option<Exchange<'x>> {
    let d = parse(input).ok()?;
    let nxx = d.nxx?;
    match d.line {
        Some(line) => exchanges.get_block(d.npa.get(), nxx, (line / 1000) as u8),
        None => exchanges.get(d.npa.get(), nxx),
    }
}

pub fn lookup(ctx: &Context, args: LookupArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let dir = &ctx.dir;
    let exchanges = ctx.exchanges()?;
    let exchanges = exchanges.as_ref();
    let npa_columns = lookup_columns(false);
    if args.format == Format::Csv {
        csv_line(out, lookup_columns(exchanges.is_some()))?;
    }
    let mut all_found = true;
    let mut one = |out: &mut dyn Write, input: &str| -> Result<(), CliError> {
        match args.format {
            Format::Json => {
                serde_json::to_writer(&mut *out, &lookup_json(dir, exchanges, input))?;
                writeln!(out)?;
            }
            Format::Csv => {
                let v = lookup_json(dir, exchanges, input);
                let cell = |v: &Value| match v {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    // A list (the time zones) as its column in data files writes it.
                    Value::Array(items) => {
                        let items: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                        items.join(";")
                    }
                    other => other.to_string(),
                };
                let mut cells: Vec<String> = npa_columns.iter().map(|c| cell(&v[*c])).collect();
                if exchanges.is_some() {
                    cells.extend(
                        EXCHANGE_CSV
                            .iter()
                            .map(|(_, key)| cell(&v["exchange"][*key])),
                    );
                }
                csv_line(out, cells)?;
            }
            Format::Table => lookup_text(dir, exchanges, out, input)?,
        }
        all_found &= dir.classify_str(input).is_ok_and(|c| c.is_assigned());
        Ok(())
    };
    let mut not_text = false;
    if args.inputs.is_empty() {
        // Answered as they come: typed lines at once, and an endless
        // stream (`yes 201 | nanp lookup | head`) in bounded memory.
        let typed = std::io::stdin().is_terminal();
        each_stdin_line(|n, line| {
            match line {
                Ok(line) if line.trim().is_empty() => {}
                Ok(line) => one(out, line)?,
                // Not a number in any form: said, counted as not found.
                Err(()) => {
                    eprintln!("nanp: <stdin>:{n}: not UTF-8 text");
                    not_text = true;
                }
            }
            if typed {
                out.flush()?;
            }
            Ok(())
        })?;
    } else {
        for input in &args.inputs {
            one(out, input)?;
        }
    }
    Ok(if all_found && !not_text {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Calls `f` with each line of standard input (numbered from 1) as it
/// arrives: UTF-8 (a byte-order mark skipped), or UTF-16 when the input
/// starts with a byte-order mark; a line that is not text is an `Err`, and
/// the lines after it are still read.
fn each_stdin_line(
    mut f: impl FnMut(u64, Result<&str, ()>) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let failed = |e| CliError::io("<stdin>", e);
    // Three bytes say the encoding (fewer: the input is that short).
    let mut head = Vec::with_capacity(3);
    while head.len() < 3 {
        let buf = input.fill_buf().map_err(failed)?;
        if buf.is_empty() {
            break;
        }
        let take = buf.len().min(3 - head.len());
        head.extend_from_slice(&buf[..take]);
        input.consume(take);
    }
    // UTF-16: whether big-endian.
    let utf16 = match head.as_slice() {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    };
    let skip = match (utf16, head.as_slice()) {
        (Some(_), _) => 2,
        (None, [0xEF, 0xBB, 0xBF]) => 3,
        _ => 0,
    };
    let mut input = BufReader::new(std::io::Cursor::new(head.split_off(skip)).chain(input));
    let mut n = 0;
    let Some(big_endian) = utf16 else {
        let mut line = Vec::new();
        while input.read_until(b'\n', &mut line).map_err(failed)? > 0 {
            n += 1;
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            f(n, std::str::from_utf8(text).map_err(|_| ()))?;
            line.clear();
        }
        return Ok(());
    };
    // UTF-16: code units to the end of each line, decoded (a unit that is
    // no character becomes U+FFFD, as the rest of the input is still read).
    let mut units: Vec<u16> = Vec::new();
    loop {
        let mut pair = [0u8; 2];
        let got = match input.read_exact(&mut pair) {
            Ok(()) if big_endian => Some(u16::from_be_bytes(pair)),
            Ok(()) => Some(u16::from_le_bytes(pair)),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => None,
            Err(e) => return Err(failed(e)),
        };
        if got.is_some_and(|u| u != u16::from(b'\n')) {
            units.extend(got);
            continue;
        }
        if got.is_some() || !units.is_empty() {
            n += 1;
            if units.last() == Some(&u16::from(b'\r')) {
                units.pop();
            }
            let text: String = char::decode_utf16(units.drain(..))
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            f(n, Ok(&text))?;
        }
        if got.is_none() {
            return Ok(());
        }
    }
}

/// Writes one CSV record, quoted as needed.
pub fn csv_line<I: IntoIterator<Item = T>, T: AsRef<[u8]>>(
    out: &mut dyn Write,
    fields: I,
) -> Result<(), CliError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(fields)?;
    w.flush()?;
    Ok(())
}

/// A record as JSON: `NpaRecord`'s own serialization, fields in schema order.
pub fn record_json(r: &NpaRecord) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

/// One lookup as JSON, keys in the documented order: `input`, `npa`, `kind`,
/// then what the kind carries, then `exchange` when exchanges are loaded.
fn lookup_json(dir: &Directory, exchanges: Option<&Exchanges>, input: &str) -> Value {
    let mut v = npa_json(dir, input);
    if let (Some(exchanges), Value::Object(map)) = (exchanges, &mut v) {
        let exchange = exchange_of(exchanges, input);
        map.insert("exchange".into(), json!(exchange));
    }
    v
}

/// The NPA part of a lookup.
fn npa_json(dir: &Directory, input: &str) -> Value {
    let mut v = Map::new();
    v.insert("input".into(), json!(input));
    let npa = match parse(input) {
        Ok(d) => d.npa,
        Err(e) => {
            v.insert("kind".into(), json!("invalid"));
            v.insert("error".into(), json!(e.to_string()));
            return Value::Object(v);
        }
    };
    let c = dir.classify(npa.get());
    v.insert("npa".into(), json!(npa));
    v.insert("kind".into(), json!(c.kind()));
    match c {
        Classification::Geographic(r) => {
            if let Value::Object(fields) = record_json(r) {
                v.extend(fields.into_iter().filter(|(k, _)| k != "npa"));
            }
            v.insert("display_location".into(), json!(r.location().to_string()));
            v.insert(
                "full_location".into(),
                json!(r.location().full().to_string()),
            );
        }
        Classification::NonGeographic(service) => {
            v.insert("service".into(), json!(service));
        }
        Classification::Reserved(reason) => {
            v.insert("reason".into(), json!(reason));
            v.insert("description".into(), json!(reason.description()));
        }
        Classification::Unassigned | Classification::Invalid => {}
    }
    Value::Object(v)
}

fn lookup_text(
    dir: &Directory,
    exchanges: Option<&Exchanges>,
    out: &mut dyn Write,
    input: &str,
) -> Result<(), CliError> {
    let d = match parse(input) {
        Ok(d) => d,
        Err(e) => {
            writeln!(out, "{input}: invalid: {e}")?;
            return Ok(());
        }
    };
    let npa = d.npa;
    match dir.classify(npa.get()) {
        Classification::Geographic(r) => write!(
            out,
            "{input}: NPA {npa}, {}, {}, {}",
            r.location().full(),
            r.category,
            zones_text(r)
        )?,
        Classification::NonGeographic(service) => {
            write!(out, "{input}: NPA {npa}, non-geographic, {service}")?
        }
        Classification::Reserved(reason) => write!(
            out,
            "{input}: NPA {npa}, reserved: {}",
            reason.description()
        )?,
        Classification::Unassigned => write!(out, "{input}: NPA {npa}, unassigned")?,
        Classification::Invalid => write!(out, "{input}: invalid")?,
    }
    if let (Some(exchanges), Some(nxx)) = (exchanges, d.nxx) {
        match exchange_of(exchanges, input) {
            Some(e) => {
                write!(out, "; exchange {npa}-{nxx:03}")?;
                if let Some(b) = e.block {
                    write!(out, "-{b}")?;
                }
                write!(out, ": {}", e.status)?;
                for part in [e.rate_center, e.state_province_code, e.company]
                    .into_iter()
                    .flatten()
                {
                    write!(out, ", {part}")?;
                }
                if let Some(ocn) = e.ocn {
                    write!(out, " (OCN {ocn})")?;
                }
            }
            None => write!(out, "; exchange {npa}-{nxx:03}: not in the exchange files")?,
        }
    }
    writeln!(out)?;
    Ok(())
}

/// The record's time zones, `;`-joined, or a word saying there are none (a
/// record added by an overlay without them).
pub fn zones_text(r: &NpaRecord) -> String {
    if r.time_zones().is_empty() {
        "no time zone".to_owned()
    } else {
        r.time_zone_list()
    }
}

/// Options of `nanp list`.
#[derive(Args)]
pub struct ListArgs {
    /// Only this billing category.
    #[arg(long)]
    category: Option<Category>,
    /// Only this country or territory (ISO 3166-1 alpha-2, e.g. US, CA, PR, GU).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn list(ctx: &Context, args: ListArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let country = args.country.map(|c| c.to_ascii_uppercase());
    let selected = ctx.dir.records().filter(|r| {
        args.category.is_none_or(|c| r.category == c)
            && country.as_deref().is_none_or(|c| r.country_code == c)
    });
    write_records(selected, args.format, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Records as a table, CSV (the schema of data/npa.csv plus
/// `state_province_codes`) or a JSON array.
pub fn write_records<'a>(
    records: impl Iterator<Item = &'a NpaRecord>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match format {
        Format::Json => {
            let all: Vec<Value> = records.map(record_json).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)?;
        }
        Format::Csv => NpaRecord::write_csv(records, &mut *out)?,
        Format::Table => {
            writeln!(
                out,
                "{:<4} {:<3} {:<32} {:<9} {:<36} {:<10} {:<12} TIME ZONES",
                "NPA", "CC", "COUNTRY", "STATE", "STATE NAME", "REGION", "CATEGORY"
            )?;
            for r in records {
                writeln!(
                    out,
                    "{:<4} {:<3} {:<32} {:<9} {:<36} {:<10} {:<12} {}",
                    r.npa,
                    r.country_code,
                    r.country_name,
                    r.state_province_list(),
                    r.state_province_name,
                    r.region,
                    r.category,
                    zones_text(r)
                )?;
            }
        }
    }
    Ok(())
}

/// Options of `nanp stats`.
#[derive(Args)]
pub struct StatsArgs {
    /// Output format (CSV: `group,name,count`).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn stats(ctx: &Context, args: StatsArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let s = ctx.dir.stats();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &s)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "group,name,count")?;
            writeln!(out, "total,geographic,{}", s.records)?;
            writeln!(out, "total,non-geographic,{}", s.non_geographic)?;
            writeln!(out, "total,fixes,{}", s.fixes)?;
            for (c, n) in &s.per_category {
                writeln!(out, "category,{c},{n}")?;
            }
            for (r, n) in &s.per_region {
                writeln!(out, "region,{r},{n}")?;
            }
            for (c, n) in &s.per_country {
                writeln!(out, "country,{c},{n}")?;
            }
        }
        Format::Table => {
            writeln!(out, "geographic NPAs:     {}", s.records)?;
            writeln!(out, "non-geographic NPAs: {}", s.non_geographic)?;
            writeln!(out, "fixes applied:       {}", s.fixes)?;
            writeln!(out, "\nper category:")?;
            for (c, n) in &s.per_category {
                writeln!(out, "  {:<12} {n:>4}", c.as_str())?;
            }
            writeln!(out, "\nper region:")?;
            for (r, n) in &s.per_region {
                writeln!(out, "  {:<12} {n:>4}", r.as_str())?;
            }
            writeln!(out, "\nper country or territory:")?;
            for (c, n) in &s.per_country {
                let name = nanp_lerg::country(c.as_str()).map_or("", |c| &c.name);
                writeln!(out, "  {c}  {name:<34} {n:>4}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Options of `nanp fixes`.
#[derive(Args)]
pub struct FixesArgs {
    /// Output format (CSV: the schema of data/fixes.csv).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn fixes(_: &Context, args: FixesArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let fixes = nanp_lerg::fixes();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, fixes)?;
            writeln!(out)?;
        }
        Format::Csv => {
            // The schema of data/fixes.csv, quoted the way the data files are.
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut *out);
            w.write_record(nanp_lerg::schema::FIX_COLUMNS)?;
            for f in fixes {
                let npa = f.npa.to_string();
                w.write_record([npa.as_str(), f.field.as_str(), &f.from, &f.to, &f.reason])?;
            }
            w.flush()?;
        }
        Format::Table => {
            for f in fixes {
                writeln!(
                    out,
                    "{} {}: {:?} -> {:?}\n    {}",
                    f.npa, f.field, f.from, f.to, f.reason
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
