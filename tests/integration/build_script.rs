//! `build.rs` itself: a data directory named by `NANP_LERG_DATA_DIR` is
//! compiled, and a bad one (a stale fix, an unknown time zone) fails the
//! build with `<file>:<line>: <what>`.
//!
//! Runs `cargo check` on this crate in a target directory of its own, so the
//! first run compiles the dependencies once (in check mode).

use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_data(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for file in nanp_lerg::schema::DATA_FILES {
        std::fs::copy(manifest_dir().join("data").join(file), to.join(file)).unwrap();
    }
}

fn check_with(data_dir: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .current_dir(manifest_dir())
        .args(["check", "--lib", "--quiet", "--target-dir"])
        .arg(manifest_dir().join("target").join("build-script-test"))
        .env("NANP_LERG_DATA_DIR", data_dir)
        .output()
        .expect("run cargo");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn build_compiles_another_data_dir_and_rejects_a_stale_fix_with_its_line() {
    let root = crate::common::scratch("build_script", "data_dirs");
    let good = root.join("good");
    copy_data(&good);
    let (ok, stderr) = check_with(&good);
    assert!(ok, "a copy of the shipped data builds: {stderr}");

    // The export is corrected upstream (671 already says GU): the fix that
    // expects "US" is now stale and must fail the build, not be skipped.
    let bad = root.join("bad");
    copy_data(&bad);
    let npa = std::fs::read_to_string(bad.join("npa.csv")).unwrap();
    std::fs::write(bad.join("npa.csv"), npa.replace("671,US,", "671,GU,")).unwrap();
    let (ok, stderr) = check_with(&bad);
    assert!(!ok, "a stale fix fails the build");
    let fix_line = std::fs::read_to_string(bad.join("fixes.csv"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("671,country_code,US,GU"))
        .unwrap()
        + 1;
    let expected = format!(
        "{}:{fix_line}: stale fix: NPA 671 field `country_code` is \"GU\", not \"US\" as the fix expects; delete or update the fix",
        bad.join("fixes.csv").display()
    );
    assert!(
        stderr.contains(&expected),
        "expected {expected:?} in:\n{stderr}"
    );

    // A time zone the bundled database does not name fails the build at its line.
    let zones = root.join("zones");
    copy_data(&zones);
    let text = std::fs::read_to_string(zones.join("time_zones.csv")).unwrap();
    let text = text.replace(
        "\n928,America/Phoenix;America/Denver,",
        "\n928,America/Phoenix;America/Navajo,",
    );
    std::fs::write(zones.join("time_zones.csv"), &text).unwrap();
    let zone_line = text.lines().position(|l| l.starts_with("928,")).unwrap() + 1;
    let (ok, stderr) = check_with(&zones);
    assert!(!ok, "an unknown zone fails the build");
    let expected = format!(
        "{}:{zone_line}: field `time_zones`: \"America/Navajo\" is not a time zone of the IANA time-zone database",
        zones.join("time_zones.csv").display()
    );
    assert!(
        stderr.contains(&expected),
        "expected {expected:?} in:\n{stderr}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
