//! `nanp compare` and `nanp diff`: the columns and JSON keys of the
//! contract, the cells of hand-made decks, exit codes, where the summary
//! goes, the rules for files the user owns, and ugly input. Shared helpers
//! and the rules both commands follow here.

mod compare;
mod diff;

use std::path::{Path, PathBuf};

use crate::common::{nanp, stderr, stdout};

pub(super) fn scratch(test: &str) -> PathBuf {
    crate::common::scratch("cli_decks", test)
}

pub(super) fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

pub(super) fn sample(name: &str) -> String {
    format!("data/samples/{name}")
}

/// CSV records, header first.
pub(super) fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

pub(super) fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_output_naming_an_input_is_refused_and_nothing_is_written() {
    let dir = scratch("names_an_input");
    let a = write(
        &dir,
        "a.csv",
        &std::fs::read_to_string(sample("acme.csv")).unwrap(),
    );
    let b = write(
        &dir,
        "b.csv",
        &std::fs::read_to_string(sample("bolt.csv")).unwrap(),
    );
    let before = std::fs::read(&b).unwrap();
    for args in [
        vec!["compare", s(&a), s(&b), "-o", s(&b)],
        vec!["compare", s(&a), s(&b), "--summary-json", s(&a)],
        vec!["diff", s(&a), s(&b), "-o", s(&a)],
        vec!["diff", s(&a), s(&b), "--summary-json", s(&b)],
    ] {
        let o = nanp(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("refusing to write over it (nothing written)"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), "");
        assert_eq!(std::fs::read(&b).unwrap(), before);
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.csv", "b.csv"], "no file created");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = scratch("closed_pipe");
    let mut text = String::from("prefix,rate\n");
    for npa in [201, 212, 305, 415] {
        for nxx in 200..1000 {
            for x in 0..10 {
                text.push_str(&format!("1{npa}{nxx}{x},0.0100\n"));
            }
        }
    }
    let a = write(&dir, "a.csv", &text);
    let b = write(&dir, "b.csv", &text.replace("0.0100", "0.0200"));
    for sub in ["compare", "diff"] {
        let command = format!(
            "set -o pipefail; {} {sub} {} {} --as-of 2025-07-01 2>/dev/null | head -n 1; echo \"status ${{PIPESTATUS[0]}}\" >&2",
            env!("CARGO_BIN_EXE_nanp"),
            s(&a),
            s(&b)
        );
        let command = if sub == "compare" {
            command.replace(" --as-of 2025-07-01", "")
        } else {
            command
        };
        let o = std::process::Command::new("bash")
            .args(["-c", &command])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.ends_with("status 0\n"), "{sub}: {err}");
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
    }
}
