//! Writes the synthetic sample rate decks into a directory, or one large
//! deck for benchmarks.
//!
//! ```sh
//! cargo run --example make_samples -- data/samples      # deck_a … deck_d
//! cargo run --release --example make_samples -- --rows 1000000 --out /tmp/deck.csv
//! cargo run --release --example make_samples -- --rows 1000000 --distinct-rates --out /tmp/d.csv
//! cargo run --release --example make_samples -- --rows 1000000 --revised --out /tmp/deck2.csv
//! ```
//!
//! `--revised` writes the next version of the same deck (to measure
//! `nanp diff` and `nanp compare`): every 7th rate up one unit of its last
//! place, every 11th down one, every 97th row gone, a new NPA-NXX-X block
//! per NPA, every date 2025-07-15.
//!
//! The decks are synthetic (the rates are made up) but shaped like real ones:
//! each format the rate-sheet reader accepts, with the awkward details real
//! decks have (a BOM, CRLF, blank lines, quoted fields, repeated header names,
//! trailing delimiters, `$` and exponent rates, several date forms) and rows
//! that must be rejected, each for a different reason. Deterministic: the same
//! files on every run.

use std::fmt::Write as _;
use std::io::Write as _;

use nanp_lerg::{Category, NpaRecord};

/// A small deterministic generator (xorshift64*), so samples never change.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn nxx(&mut self) -> u64 {
        200 + self.below(800)
    }
    /// A per-minute rate in tenths of a mil ($0.0001), by category.
    fn rate(&mut self, category: Category) -> u64 {
        let (lo, span) = match category {
            Category::UsDomestic => (10, 190),  // $0.0010-$0.0200
            Category::Canadian => (20, 230),    // $0.0020-$0.0250
            Category::Caribbean => (500, 2500), // $0.0500-$0.3000
            Category::Pacific => (1000, 1000),  // $0.1000-$0.2000
        };
        lo + self.below(span)
    }
}

/// A rate in tenths of a mil, as a deck writes it: `0.0123`.
fn dollars(tenths_of_mils: u64) -> String {
    format!("0.{tenths_of_mils:04}")
}

fn records() -> Vec<&'static NpaRecord> {
    nanp_lerg::records().collect()
}

/// (a) `prefix,rate (inter),intrastate,intrastate,effective`, 1 + NPA + NXX,
/// with a BOM and CRLF endings.
fn deck_a(rng: &mut Rng, rows: usize) -> String {
    let mut s = String::from("\u{feff}prefix,rate (inter),intrastate,intrastate,effective\r\n");
    let all = records();
    let dates = ["2025-07-01", "07/01/2025", "7/1/25", "2025-07-01 00:00:00"];
    for i in 0..rows {
        let r = all[rng.below(all.len() as u64) as usize];
        let rate = dollars(rng.rate(r.category));
        let date = dates[i % dates.len()];
        let _ = write!(s, "1{}{},{rate},{rate},{rate},{date}\r\n", r.npa, rng.nxx());
    }
    s
}

/// The special rows of deck (a): one per reason and form worth testing.
const DECK_A_SPECIAL: &str = "\
1671472,0.1500,0.1500,0.1500,2025-07-01\r\n\
1787200,0.0400,0.0400,0.0400,2025-07-01\r\n\
1800555,0.0000,0.0000,0.0000,2025-07-01\r\n\
1201200,$0.0045,$0.0050,$0.0055,2025-07-01\r\n\
1212555,4.5e-3,5e-3,,2025-07-01\r\n\
1911555,0.0100,0.0100,0.0100,2025-07-01\r\n\
1299555,0.0100,0.0100,0.0100,2025-07-01\r\n\
1282555,0.0100,0.0100,0.0100,2025-07-01\r\n\
12O1200,0.0100,0.0100,0.0100,2025-07-01\r\n\
1201100,0.0100,0.0100,0.0100,2025-07-01\r\n\
1212556,n/a,0.0100,0.0100,2025-07-01\r\n\
,0.0100,0.0100,0.0100,2025-07-01\r\n";

/// (b) no header, a blank first line, `USA - AK,1907,200,inter,intra,indeterminate`.
fn deck_b(rng: &mut Rng, rows: usize) -> String {
    let mut s = String::from("\n");
    let all = records();
    for _ in 0..rows {
        let r = all[rng.below(all.len() as u64) as usize];
        let rate = dollars(rng.rate(r.category));
        let desc = format!("{} - {}", country_label(r), r.state_province_code);
        let _ = writeln!(s, "{desc},1{},{},{rate},{rate},{rate}", r.npa, rng.nxx());
    }
    s.push_str("USA - NJ,1201,2OO,0.0100,0.0100,0.0100\n");
    s
}

fn country_label(r: &NpaRecord) -> &'static str {
    match r.country_code.as_str() {
        "US" => "USA",
        "CA" => "CANADA",
        _ => "CARIBBEAN",
    }
}

/// (c) `npanxx,inter,intra,indeterm`, six digits with no 1, `;`-delimited,
/// quoted fields and a trailing delimiter.
fn deck_c(rng: &mut Rng, rows: usize) -> String {
    let mut s = String::from("npanxx;inter;intra;indeterm;\n");
    let all = records();
    for _ in 0..rows {
        let r = all[rng.below(all.len() as u64) as usize];
        let rate = dollars(rng.rate(r.category));
        let _ = writeln!(s, "\"{}{}\";{rate};{rate};\"{rate}\";", r.npa, rng.nxx());
    }
    s.push_str("\"911200\";0.0100;0.0100;0.0100;\n");
    s
}

/// (d) an A–Z deck, headerless: other countries beside +1 prefixes, and +1
/// prefixes too short to name an NPA.
fn deck_d() -> String {
    "\
Afghanistan- Mobile - AWCC,9370,0.1255
Afghanistan- Mobile - Roshan,9379,0.1301
Albania,355,0.0512
Anguilla,1264,0.1720
Antigua and Barbuda,1268,0.1544
Bahamas,1242,0.0713
Barbados,1246,0.1450
Bermuda,1441,0.0420
Canada,1204,0.0061
Canada - Quebec,1438,0.0055
Cayman Islands,1345,0.1322
Dominican Republic,1809,0.0862
Dominican Republic - Mobile,1829,0.0991
Guam,1671,0.1190
Jamaica,1876,0.1704
Jamaica - Mobile,1658,0.1812
Mexico,52,0.0151
Mexico - Mobile,521,0.0178
Northern Mariana Islands,1670,0.1422
Puerto Rico,1787,0.0303
Puerto Rico,1939,0.0303
United Kingdom,44,0.0062
United Kingdom - Mobile,447,0.0113
USA,1,0.0045
USA - partial,120,0.0045
USA - New Jersey,1201,0.0045
USA - Toll Free,1800,0.0000
US Virgin Islands,1340,0.0722
"
    .to_owned()
}

const USAGE: &str = "\
usage: make_samples DIR
       make_samples --rows N --out FILE [--distinct-rates] [--revised]

  DIR               write the four sample decks (deck_a_prefix.csv … deck_d_a_to_z.csv) into DIR
  --rows N          write one deck of N rows in the layout of deck (a), its rate
                    columns inter, intra and indeterminate
  --out FILE        where (required with --rows)
  --distinct-rates  every row a rate of its own (for measuring memory)
  --revised         the deck's next version: some rates up or down, rows gone, rows new
  -h, --help        this text";

/// What the command line asks for.
enum Job {
    Samples(std::path::PathBuf),
    Large {
        rows: usize,
        out: std::path::PathBuf,
        distinct: bool,
        revised: bool,
    },
}

fn parse_args(args: &[String]) -> Result<Option<Job>, String> {
    let (mut rows, mut out, mut distinct, mut revised, mut dir) = (None, None, false, false, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--rows" => {
                let n = it.next().ok_or("--rows takes a number")?;
                rows = Some(
                    n.parse::<usize>()
                        .map_err(|_| format!("--rows takes a number, not {n:?}"))?,
                );
            }
            "--out" => out = Some(it.next().ok_or("--out takes a file")?.into()),
            "--distinct-rates" => distinct = true,
            "--revised" => revised = true,
            a if a.starts_with('-') => return Err(format!("unknown option {a:?}")),
            a if dir.is_none() => dir = Some(std::path::PathBuf::from(a)),
            a => return Err(format!("unexpected argument {a:?}")),
        }
    }
    match (rows, out, dir) {
        (Some(rows), Some(out), None) => Ok(Some(Job::Large {
            rows,
            out,
            distinct,
            revised,
        })),
        (Some(_), None, _) => Err("--rows needs --out FILE".into()),
        (None, None, Some(dir)) if !distinct && !revised => Ok(Some(Job::Samples(dir))),
        (None, None, None) => {
            Err("name a directory for the samples, or --rows N --out FILE".into())
        }
        _ => Err("a directory, or --rows with --out, not both".into()),
    }
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let job = match parse_args(&args) {
        Ok(Some(job)) => job,
        Ok(None) => {
            println!("{USAGE}");
            return std::process::ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("make_samples: {e}\n{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(job) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make_samples: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run(job: Job) -> std::io::Result<()> {
    let mut rng = Rng(0x005e_ed0f_dec4_5a17);
    let (rows, out, distinct, revised) = match job {
        Job::Large {
            rows,
            out,
            distinct,
            revised,
        } => (rows, out, distinct, revised),
        Job::Samples(dir) => {
            std::fs::create_dir_all(&dir)?;
            let write = |name: &str, contents: String| -> std::io::Result<()> {
                let path = dir.join(name);
                std::fs::write(&path, contents)?;
                println!("wrote {}", path.display());
                Ok(())
            };
            write("deck_a_prefix.csv", deck_a(&mut rng, 188) + DECK_A_SPECIAL)?;
            write("deck_b_npa_nxx.csv", deck_b(&mut rng, 99))?;
            write("deck_c_npanxx.csv", deck_c(&mut rng, 99))?;
            write("deck_d_a_to_z.csv", deck_d())?;
            return Ok(());
        }
    };
    // Streamed: a 1M-row deck is ~45 MB. The three rate columns are the
    // three kinds, so that comparisons and diffs have all three to do.
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    file.write_all(b"\xEF\xBB\xBFprefix,rate (inter),intrastate,indeterminate,effective\r\n")?;
    let all = records();
    let per_npa = rows.div_ceil(all.len());
    let dates = ["2025-07-01", "07/01/2025", "7/1/25", "2025-07-01 00:00:00"];
    let mut line = String::new();
    let mut written = 0usize;
    for i in 0..rows {
        // Unique keys in ascending order, as decks are sorted: each NPA's
        // first NPA-NXX-X blocks.
        let r = all[i / per_npa];
        let j = i % per_npa;
        let (nxx, x) = (200 + j / 10, j % 10);
        // Drawn whether or not the row is written, so that a revised deck
        // has the same rates as the first but for its revisions.
        let (value, places) = if distinct {
            (1_000_001 + i as u64, 9)
        } else {
            (rng.rate(r.category), 4)
        };
        let (value, date) = match revised {
            false => (value, dates[i % dates.len()]),
            true if i % 97 == 0 => continue,
            true if i % 7 == 0 => (value + 1, "2025-07-15"),
            true if i % 11 == 0 => (value - 1, "2025-07-15"),
            true => (value, "2025-07-15"),
        };
        let rate = format!("0.{value:0places$}");
        line.clear();
        let _ = write!(line, "1{}{nxx}{x},{rate},{rate},{rate},{date}\r\n", r.npa);
        file.write_all(line.as_bytes())?;
        written += 1;
    }
    if revised {
        // A new block after each NPA's last.
        let j = per_npa.next_multiple_of(10);
        for r in all.iter().filter(|_| 200 + j / 10 <= 999) {
            let _ = writeln!(
                file,
                "1{}{}0,0.0100,0.0100,0.0100,2025-07-15\r",
                r.npa,
                200 + j / 10
            );
            written += 1;
        }
    }
    file.flush()?;
    println!("wrote {} ({written} rows)", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn help_bad_numbers_and_unknown_options_are_answered_not_panicked() {
        assert!(matches!(parse_args(&args(&["--help"])), Ok(None)));
        assert_eq!(
            parse_args(&args(&["--rows", "abc", "--out", "x"]))
                .err()
                .unwrap(),
            "--rows takes a number, not \"abc\""
        );
        assert_eq!(
            parse_args(&args(&["--bogus"])).err().unwrap(),
            "unknown option \"--bogus\""
        );
        assert!(
            parse_args(&args(&["--rows", "5"])).is_err(),
            "--rows needs --out"
        );
        assert!(
            parse_args(&[]).is_err(),
            "no directory: nothing is overwritten by default"
        );
    }

    #[test]
    fn samples_go_to_the_directory_named() {
        let dir = std::env::temp_dir().join(format!("make_samples_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let Ok(Some(job)) = parse_args(&args(&[dir.to_str().unwrap()])) else {
            panic!("a directory is a job");
        };
        run(job).unwrap();
        let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
        for name in [
            "deck_a_prefix.csv",
            "deck_b_npa_nxx.csv",
            "deck_c_npanxx.csv",
            "deck_d_a_to_z.csv",
        ] {
            assert_eq!(
                std::fs::read(dir.join(name)).unwrap(),
                std::fs::read(shipped.join(name)).unwrap(),
                "{name}: the shipped samples are what this writes"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_large_deck_has_unique_keys_and_distinct_rates_on_request() {
        let out =
            std::env::temp_dir().join(format!("make_samples_large_{}.csv", std::process::id()));
        run(Job::Large {
            rows: 2000,
            out: out.clone(),
            distinct: true,
            revised: false,
        })
        .unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        std::fs::remove_file(&out).unwrap();
        let rows: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(rows.len(), 2000);
        let keys: std::collections::HashSet<&str> =
            rows.iter().map(|r| r.split(',').next().unwrap()).collect();
        assert_eq!(keys.len(), 2000, "unique keys");
        let rates: std::collections::HashSet<&str> =
            rows.iter().map(|r| r.split(',').nth(1).unwrap()).collect();
        assert_eq!(rates.len(), 2000, "a rate of its own per row");
    }

    #[test]
    fn a_revised_deck_changes_some_rates_drops_some_rows_and_adds_some() {
        let dir = std::env::temp_dir();
        let id = std::process::id();
        let (first, second) = (
            dir.join(format!("make_samples_v1_{id}.csv")),
            dir.join(format!("make_samples_v2_{id}.csv")),
        );
        for (out, revised) in [(&first, false), (&second, true)] {
            run(Job::Large {
                rows: 4500,
                out: out.clone(),
                distinct: false,
                revised,
            })
            .unwrap();
        }
        let read = |p: &std::path::Path| -> std::collections::HashMap<String, String> {
            let text = std::fs::read_to_string(p).unwrap();
            std::fs::remove_file(p).unwrap();
            text.lines()
                .skip(1)
                .map(|l| {
                    let mut f = l.split(',');
                    (f.next().unwrap().to_owned(), f.next().unwrap().to_owned())
                })
                .collect()
        };
        let (v1, v2) = (read(&first), read(&second));
        assert_eq!(v1.len(), 4500);
        let gone = v1.keys().filter(|k| !v2.contains_key(*k)).count();
        let new = v2.keys().filter(|k| !v1.contains_key(*k)).count();
        let changed = v1
            .iter()
            .filter(|(k, r)| v2.get(*k).is_some_and(|r2| r2 != *r))
            .count();
        assert_eq!(gone, 4500usize.div_ceil(97));
        assert_eq!(new, 450);
        assert!(changed > 4500 / 7, "{changed} rates changed");
    }
}
