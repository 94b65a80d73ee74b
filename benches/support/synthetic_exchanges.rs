//! A synthetic exchange file in NANPA's utilized-codes layout, for
//! measuring load time, lookup and memory at the size of the whole US set
//! (about 205,000 codes today, 250,000 with growth). Shared by
//! `benches/exchange.rs` and `examples/make_exchanges.rs`.
//!
//! Shaped like the real file: tab-separated, cells padded with spaces, the
//! 12-cell header with its file date; codes of every US-domestic NPA in
//! order, NXX 200–999 except N11 and the special 555, 950, 958, 959 and
//! 976; about fifty rate centers per NPA and fifteen hundred companies,
//! each with its own OCN; one code in forty assigned but not yet in
//! service. The names are made up and deterministic.

use std::fmt::Write as _;

use nanp_lerg::Category;

/// The file's text, with `codes` codes (fewer if the US NPAs run out).
pub fn nanpa_utilized(codes: usize) -> String {
    let mut text = String::with_capacity(codes * 140);
    text.push_str(
        "State\tNPA-NXX\tOCN\tCompany\tRateCenter\tEffectiveDate\tUse\tAssignDate\t\
         Initial/Growth\tPooled Code\tIn Service\tFile Updated 10/10/2024\r\n",
    );
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let mut written = 0;
    let npas = nanp_lerg::records().filter(|r| r.category == Category::UsDomestic);
    'npas: for r in npas {
        for nxx in 200..1000u16 {
            if nxx % 100 == 11 || [555, 950, 958, 959, 976].contains(&nxx) {
                continue;
            }
            if written == codes {
                break 'npas;
            }
            let company = next(1500);
            let rate_center = format!("RC{}{:02}", r.npa, next(50));
            let not_yet = next(40) == 0;
            let _ = write!(
                text,
                "{}\t{}-{nxx}\t{:04}\t{:<60}\t{rate_center:<10}\t{:<10}\tAS\t{:02}/{:02}/{}\t{}\t{}\t{}\r\n",
                r.state_province_code,
                r.npa,
                1000 + company,
                format!("SYNTHETIC CARRIER {company:04}, INC."),
                if not_yet { "11/15/2024" } else { "" },
                1 + next(12),
                1 + next(28),
                1990 + next(35),
                if next(3) == 0 { "G" } else { "I" },
                if next(2) == 0 { "Y" } else { "N" },
                if not_yet { "No" } else { "Yes" },
            );
            written += 1;
        }
    }
    text
}
