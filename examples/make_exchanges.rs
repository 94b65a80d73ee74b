//! Writes a synthetic exchange file in NANPA's utilized-codes layout, for
//! measuring `nanp` at the size of the whole US set.
//!
//! ```sh
//! cargo run --release --example make_exchanges -- 250000 /tmp/us_codes.txt
//! /usr/bin/time -f '%e s %M KB' target/release/nanp exchanges /tmp/us_codes.txt
//! ```

#[path = "../benches/support/synthetic_exchanges.rs"]
mod synthetic_exchanges;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(codes), Some(out)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: make_exchanges CODES FILE");
        return std::process::ExitCode::from(2);
    };
    let text = synthetic_exchanges::nanpa_utilized(codes);
    if let Err(e) = std::fs::write(out, &text) {
        eprintln!("make_exchanges: {out}: {e}");
        return std::process::ExitCode::from(2);
    }
    println!("wrote {out} ({} codes)", text.lines().count() - 1);
    std::process::ExitCode::SUCCESS
}
