//! Writes an ILLUSTRATIVE legacy categorization table, `npa,country,state`,
//! of the kind `nanp validate` compares with the dataset (the shipped copy
//! is `data/samples/legacy_lerg_codes.csv`).
//!
//! ```sh
//! cargo run --example legacy_table -- data/samples/legacy_lerg_codes.csv
//! nanp validate data/samples/legacy_lerg_codes.csv
//! ```
//!
//! It is a stand-in, not a copy of any real legacy data: 440 rows with the
//! values of the RAW `data/npa.csv` (the export before `data/fixes.csv`), so
//! that the table keeps the errors the fixes correct (671 as country US,
//! 670's state `NN`, 809's `DR`, …), as a table kept from before the
//! corrections would.
//!
//! Ten NPAs are left out, so that it has 440 of the 450: 438, and the nine
//! newest NPAs of the dataset, which a table compiled before they came into
//! service would lack. "Newest" is judged by an outside fact a reviewer can
//! check: they are the NPAs of the dataset that libphonenumber's metadata
//! 9.0.33 does not know yet (see `UNKNOWN_TO_LIBPHONENUMBER` in the
//! `crosscheck` tests).

use std::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The NPAs the illustrative legacy table lacks, and why each is chosen.
const LEFT_OUT: [(u16, &str); 10] = [
    (357, "California: overlay of 559, in service 26 March 2025"),
    (
        387,
        "Ontario: unknown to libphonenumber 9.0.33 (parent and in-service date not verified here)",
    ),
    (436, "Ohio: overlay of 440, in service 1 March 2024"),
    (
        438,
        "Quebec: overlay of 514 (in service since 2006): the gap a stale table typically has",
    ),
    (
        621,
        "Texas: overlay of 281/346/713/832, in service 23 January 2025",
    ),
    (
        624,
        "New York: overlay of 716, in service from November 2023",
    ),
    (
        729,
        "Tennessee: overlay of 423, assignments from 5 September 2025",
    ),
    (
        837,
        "California: overlay of 530, in service 31 January 2025",
    ),
    (861, "Illinois: overlay of 309, in service 24 February 2023"),
    (
        924,
        "Minnesota: overlay of 507, assignments from August 2025",
    ),
];

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let target = match args.as_slice() {
        [flag] if flag == "-h" || flag == "--help" => {
            println!("usage: legacy_table FILE   (writes the illustrative legacy table to FILE)");
            return std::process::ExitCode::SUCCESS;
        }
        [path] if !path.starts_with('-') => std::path::PathBuf::from(path),
        _ => {
            eprintln!("usage: legacy_table FILE   (writes the illustrative legacy table to FILE)");
            return std::process::ExitCode::from(2);
        }
    };
    match write(&target) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("legacy_table: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn write(target: &Path) -> Result<(), Box<dyn Error>> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/npa.csv");

    let raw =
        nanp_lerg::schema::read_npa("data/npa.csv", File::open(&source)?).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            lines.join("\n")
        })?;
    for (npa, _) in LEFT_OUT {
        if !raw.iter().any(|r| r.npa.get() == npa) {
            return Err(format!("NPA {npa} is not in data/npa.csv; update LEFT_OUT").into());
        }
    }

    let mut out = BufWriter::new(File::create(target)?);
    writeln!(out, "npa,country,state")?;
    let mut written = 0;
    for r in &raw {
        if LEFT_OUT.iter().any(|(npa, _)| *npa == r.npa.get()) {
            continue;
        }
        writeln!(
            out,
            "{},{},{}",
            r.npa, r.country_code, r.state_province_code
        )?;
        written += 1;
    }
    out.flush()?;

    println!(
        "wrote {} ({written} NPAs; illustrative, from the raw data/npa.csv)",
        target.display()
    );
    println!("left out:");
    for (npa, why) in LEFT_OUT {
        println!("  {npa}  {why}");
    }
    Ok(())
}
