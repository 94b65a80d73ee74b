//! Running the `nanp` binary from the CLI tests.
//!
//! Each test crate uses part of this module, so unused parts are allowed.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `nanp` with `args` from the crate's directory, with no standard input.
pub fn nanp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nanp"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run nanp")
}

/// Runs `nanp` with `args` from the crate's directory, feeding `input` on
/// standard input (text, or any bytes).
pub fn nanp_stdin(args: &[&str], input: impl AsRef<[u8]>) -> Output {
    nanp_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, input)
}

/// Standard output, which must be UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// Standard error, which must be UTF-8.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

/// Asserts that standard error says `text`, showing all of it if not.
#[track_caller]
pub fn assert_stderr_has(o: &Output, text: &str) {
    let err = stderr(o);
    assert!(err.contains(text), "standard error lacks {text:?}:\n{err}");
}

/// A fresh directory for one test's files, inside the target directory.
pub fn scratch(suite: &str, test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(suite)
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A file of `tests/data`, whole.
pub fn data_file(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The path of a file of `tests/data`, relative to the crate (where
/// `nanp` runs).
pub fn data_path(name: &str) -> String {
    format!("tests/data/{name}")
}

/// Runs `nanp` with `args` in `dir`, feeding `input` on standard input.
pub fn nanp_in(dir: &Path, args: &[&str], input: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nanp"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nanp");
    // Fed from a thread, so a child that writes much before it has read all
    // of its input cannot fill a pipe and deadlock the test.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.as_ref().to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    // A child that exits early (a usage error) need not read its input.
    let _ = feeder.join();
    output
}

/// Keys every deck summary's JSON has.
pub const SUMMARY_KEYS: [&str; 8] = [
    "rows_read",
    "accepted",
    "rejected",
    "non_nanp",
    "rejected_by_reason",
    "categories",
    "non_geographic",
    "countries",
];

/// The rows of `data/samples/deck_a_prefix.csv` the generator writes to be
/// rejected, each for its reason, after a header and 188 rows.
pub const DECK_A_REJECTS: [(u64, &str); 7] = [
    (195, "reserved-npa"),
    (196, "reserved-npa"),
    (197, "unassigned-npa"),
    (198, "malformed-prefix"),
    (199, "invalid-nxx"),
    (200, "unparseable-rate"),
    (201, "missing-prefix"),
];

/// The header of `data/npa.csv`, from the schema's own column names.
pub fn npa_header() -> String {
    nanp_lerg::schema::NPA_COLUMNS.join(",")
}

/// An overlay (the schema of `data/npa.csv`) of `rows`, one per line.
pub fn npa_csv(rows: &[&str]) -> String {
    let mut csv = npa_header();
    for row in rows {
        csv.push('\n');
        csv.push_str(row);
    }
    csv.push('\n');
    csv
}

/// 273, the newest Quebec overlay, as a row of `data/npa.csv`.
pub const QUEBEC_273: &str = "273,CA,Canada,QC,Quebec,CA,canadian";

/// The compiled categorization as a table with `header` (whose columns
/// are npa, category, country, state in that order), `edit`ed.
pub fn our_table(header: &str, edit: impl Fn(&mut Vec<String>)) -> String {
    let mut lines: Vec<String> = nanp_lerg::records()
        .map(|r| {
            format!(
                "{},{},{},{}",
                r.npa, r.category, r.country_code, r.state_province_code
            )
        })
        .collect();
    edit(&mut lines);
    format!("{header}\n{}\n", lines.join("\n"))
}
