//! `nanp lookup`, `list`, `stats` and `fixes`: questions about the dataset.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use serde_json::{json, Map, Value};

use nanp_lerg::{parse, Category, Classification, Directory, NpaRecord};

use crate::Format;

pub fn lookup(
    dir: &Directory,
    out: &mut impl Write,
    json: bool,
    inputs: Vec<String>,
) -> io::Result<ExitCode> {
    let mut all_found = true;
    let mut one = |out: &mut dyn Write, input: &str| -> io::Result<()> {
        let found = if json {
            serde_json::to_writer(&mut *out, &lookup_json(dir, input))?;
            writeln!(out)?;
            lookup_found(dir, input)
        } else {
            lookup_text(dir, out, input)?
        };
        all_found &= found;
        Ok(())
    };
    if inputs.is_empty() {
        for line in io::stdin().lock().lines() {
            let line = line?;
            if !line.trim().is_empty() {
                one(out, &line)?;
            }
        }
    } else {
        for input in &inputs {
            one(out, input)?;
        }
    }
    Ok(if all_found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn lookup_found(dir: &Directory, input: &str) -> bool {
    dir.classify_str(input).is_ok_and(|c| c.is_assigned())
}

/// A record as JSON: `NpaRecord`'s own serialization, fields in schema order.
pub fn record_json(r: &NpaRecord) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

/// One lookup as JSON, keys in the documented order: `input`, `npa`, `kind`,
/// then what the kind carries.
fn lookup_json(dir: &Directory, input: &str) -> Value {
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

fn lookup_text(dir: &Directory, out: &mut dyn Write, input: &str) -> io::Result<bool> {
    let npa = match parse(input) {
        Ok(d) => d.npa,
        Err(e) => {
            writeln!(out, "{input}: invalid: {e}")?;
            return Ok(false);
        }
    };
    let c = dir.classify(npa.get());
    match c {
        Classification::Geographic(r) => writeln!(
            out,
            "{input}: NPA {npa}, {}, {}",
            r.location().full(),
            r.category
        )?,
        Classification::NonGeographic(service) => {
            writeln!(out, "{input}: NPA {npa}, non-geographic, {service}")?
        }
        Classification::Reserved(reason) => writeln!(
            out,
            "{input}: NPA {npa}, reserved: {}",
            reason.description()
        )?,
        Classification::Unassigned => writeln!(out, "{input}: NPA {npa}, unassigned")?,
        Classification::Invalid => writeln!(out, "{input}: invalid")?,
    }
    Ok(c.is_assigned())
}

pub fn list(
    dir: &Directory,
    out: &mut impl Write,
    category: Option<Category>,
    country: Option<String>,
    format: Format,
) -> io::Result<ExitCode> {
    let country = country.map(|c| c.to_ascii_uppercase());
    let selected = dir.records().filter(|r| {
        category.is_none_or(|c| r.category == c)
            && country.as_deref().is_none_or(|c| r.country_code == c)
    });
    match format {
        Format::Json => {
            let all: Vec<Value> = selected.map(record_json).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)?;
        }
        Format::Csv => nanp_lerg::write_records_csv(selected, &mut *out)?,
        Format::Table => {
            writeln!(
                out,
                "{:<4} {:<3} {:<32} {:<9} {:<36} {:<10} CATEGORY",
                "NPA", "CC", "COUNTRY", "STATE", "STATE NAME", "REGION"
            )?;
            for r in selected {
                writeln!(
                    out,
                    "{:<4} {:<3} {:<32} {:<9} {:<36} {:<10} {}",
                    r.npa,
                    r.country_code,
                    r.country_name,
                    codes(r),
                    r.state_province_name,
                    r.region,
                    r.category
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn codes(r: &NpaRecord) -> String {
    nanp_lerg::schema::join_codes(&r.state_province_codes)
}

pub fn stats(dir: &Directory, out: &mut impl Write, json: bool) -> io::Result<ExitCode> {
    let s = dir.stats();
    if json {
        serde_json::to_writer_pretty(&mut *out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
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
        let name = nanp_lerg::country(c.as_str()).map_or("", |c| c.name);
        writeln!(out, "  {c}  {name:<34} {n:>4}")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn fixes(out: &mut impl Write, format: Format) -> io::Result<ExitCode> {
    let fixes = nanp_lerg::fixes();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, fixes)?;
            writeln!(out)?;
        }
        Format::Csv => {
            // The schema of data/fixes.csv, quoted the way the csv crate reads it.
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut *out);
            w.write_record(["npa", "field", "from", "to", "reason"])?;
            for f in fixes {
                let npa = f.npa.to_string();
                w.write_record([npa.as_str(), f.field.as_str(), f.from, f.to, f.reason])?;
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
