//! Writes a synthetic NPA-NXX rate deck and a file of call records against
//! it, for measuring `nanp rate` (and its peers, `benches/peers.py`).
//!
//! ```sh
//! cargo run --release --example make_cdrs -- 300000 10000000 /tmp/rating
//! # writes /tmp/rating/deck.csv, /tmp/rating/cdrs.csv and /tmp/rating/npa.csv
//! ```
//!
//! The deck: `code,inter,intra,indeterminate`, one row per NPA-NXX (1 +
//! NPA + NXX) of the US and Canada in order, rates of four to six
//! decimals, some intrastate and indeterminate rates missing. The records:
//! `id,start,ani,dialed,billsec`; callers from every US and Canadian NPA,
//! one in forty withheld (`anonymous`) and one in fifty toll-free; dialed
//! numbers from the deck's codes, one in a hundred to a code it lacks;
//! durations of 0 to 20 minutes, one in ten with milliseconds. `npa.csv`
//! is each NPA's state and category, for the peers' join. Deterministic:
//! the same files on every run.

use std::fmt::Write as _;
use std::io::Write as _;

use nanp_lerg::Category;

/// xorshift64*: the same numbers on every run.
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
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [deck, cdrs, dir] => deck
            .parse::<usize>()
            .ok()
            .zip(cdrs.parse::<u64>().ok())
            .map(|(d, c)| (d, c, std::path::PathBuf::from(dir))),
        _ => None,
    };
    let Some((deck_rows, cdrs, dir)) = parsed else {
        eprintln!("usage: make_cdrs DECK_ROWS RECORDS DIR");
        return std::process::ExitCode::from(2);
    };
    match write(deck_rows, cdrs, &dir) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make_cdrs: {}: {e}", dir.display());
            std::process::ExitCode::from(2)
        }
    }
}

fn write(deck_rows: usize, cdrs: u64, dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(0x0c0f_fee0_ca11_5eed);
    let npas: Vec<u16> = nanp_lerg::records()
        .filter(|r| matches!(r.category, Category::UsDomestic | Category::Canadian))
        .map(|r| r.npa.get())
        .collect();

    let mut npa_file = std::io::BufWriter::new(std::fs::File::create(dir.join("npa.csv"))?);
    writeln!(npa_file, "npa,state,category")?;
    for r in nanp_lerg::records() {
        writeln!(
            npa_file,
            "{},{},{}",
            r.npa, r.state_province_code, r.category
        )?;
    }
    npa_file.flush()?;

    // The deck: the first `deck_rows` NPA-NXX codes of the US and Canada.
    let mut codes: Vec<(u16, u16)> = Vec::with_capacity(deck_rows);
    let mut deck = std::io::BufWriter::new(std::fs::File::create(dir.join("deck.csv"))?);
    writeln!(deck, "code,inter,intra,indeterminate")?;
    'fill: for nxx in 200..1000u16 {
        for &npa in &npas {
            if codes.len() == deck_rows {
                break 'fill;
            }
            codes.push((npa, nxx));
        }
    }
    codes.sort_unstable();
    let mut line = String::new();
    for &(npa, nxx) in &codes {
        let inter = 20 + rng.below(180);
        let rate = |r: &mut Rng, base: u64| format!("0.{:04}{}", base, r.below(100));
        line.clear();
        let _ = write!(line, "1{npa}{nxx},{}", rate(&mut rng, inter));
        for missing in [20, 10] {
            line.push(',');
            if rng.below(missing) != 0 {
                line.push_str(&rate(&mut rng, inter.saturating_sub(5)));
            }
        }
        line.push('\n');
        deck.write_all(line.as_bytes())?;
    }
    deck.flush()?;

    let mut out =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("cdrs.csv"))?);
    writeln!(out, "id,start,ani,dialed,billsec")?;
    for id in 0..cdrs {
        line.clear();
        let second = id / 40;
        let _ = write!(
            line,
            "{},2025-07-{:02} {:02}:{:02}:{:02},",
            1_000_000_000 + id,
            1 + second / 86_400 % 28,
            second / 3600 % 24,
            second / 60 % 60,
            second % 60
        );
        match rng.below(100) {
            0..=2 => line.push_str("anonymous"),
            3..=4 => {
                let _ = write!(line, "1800555{:04}", rng.below(10_000));
            }
            _ => {
                let npa = npas[rng.below(npas.len() as u64) as usize];
                let _ = write!(
                    line,
                    "1{npa}{}{:04}",
                    200 + rng.below(800),
                    rng.below(10_000)
                );
            }
        }
        line.push(',');
        let (npa, nxx) = if rng.below(100) == 0 {
            // NXX 999 comes last: a deck of fewer than every code lacks it.
            (npas[rng.below(npas.len() as u64) as usize], 999)
        } else {
            codes[rng.below(codes.len() as u64) as usize]
        };
        let _ = write!(line, "1{npa}{nxx}{:04},", rng.below(10_000));
        let secs = rng.below(1200);
        if rng.below(10) == 0 {
            let _ = write!(line, "{secs}.{:03}", rng.below(1000));
        } else {
            let _ = write!(line, "{secs}");
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    println!(
        "wrote {} ({} codes), {} ({cdrs} records), {}",
        dir.join("deck.csv").display(),
        codes.len(),
        dir.join("cdrs.csv").display(),
        dir.join("npa.csv").display()
    );
    Ok(())
}
