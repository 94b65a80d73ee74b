//! The files a user owns: an output never names an input, every output is
//! checked before a row is read and renamed into place only on success,
//! `-` is standard input or output, and a closed pipe is not an error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{assert_stderr_has, nanp, nanp_stdin, stderr, stdout};

fn scratch(test: &str) -> PathBuf {
    crate::common::scratch("cli_files", test)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The deck every test here starts from, written into `dir` as `x.csv`.
fn deck_in(dir: &Path) -> (PathBuf, Vec<u8>) {
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/deck_c_npanxx.csv"))
            .unwrap();
    let path = dir.join("x.csv");
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

/// The names of the files in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_output_naming_the_input_is_refused_and_nothing_is_written() {
    let dir = scratch("names_the_input");
    let (x, bytes) = deck_in(&dir);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&x, dir.join("link.csv")).unwrap();
    std::fs::hard_link(&x, dir.join("hard.csv")).unwrap();
    let before = files(&dir);
    let dotted = format!("{}/./x.csv", dir.display());
    let mut cases = vec![
        vec!["-o", s(&x)],
        vec!["-o", &dotted],
        vec!["--rejects", s(&x)],
        vec!["--summary-json", s(&x)],
    ];
    let link = dir.join("link.csv");
    let hard = dir.join("hard.csv");
    #[cfg(unix)]
    cases.push(vec!["-o", s(&link)]);
    cases.push(vec!["--rejects", s(&hard)]);
    for case in cases {
        let mut args = vec!["categorize", s(&x)];
        args.extend(&case);
        let o = nanp(&args);
        assert_eq!(o.status.code(), Some(2), "{case:?}");
        assert!(
            stderr(&o).contains("refusing to write over it (nothing written)"),
            "{case:?}: {}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), "", "{case:?}");
        assert_eq!(
            std::fs::read(&x).unwrap(),
            bytes,
            "{case:?}: the input is intact"
        );
        assert_eq!(files(&dir), before, "{case:?}: no file created");
    }
    // The same rule for every command that writes: import over its export,
    // export over the overlay it read.
    let o = nanp(&["import", s(&x), "-o", s(&hard)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let overlay = dir.join("overlay.csv");
    let overlay_text = crate::common::npa_csv(&[crate::common::QUEBEC_273]);
    std::fs::write(&overlay, &overlay_text).unwrap();
    let o = nanp(&["--overlay", s(&overlay), "export", "-o", s(&overlay)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&overlay).unwrap(), overlay_text);
    assert_eq!(std::fs::read(&x).unwrap(), bytes);
}

#[test]
fn two_outputs_naming_one_file_are_refused() {
    let dir = scratch("two_outputs");
    let (x, _) = deck_in(&dir);
    let out = dir.join("out.csv");
    let o = nanp(&["categorize", s(&x), "-o", s(&out), "--rejects", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "is also the output");
    assert!(!out.exists());
    let o = nanp(&["categorize", s(&x), "-o", "-", "--rejects", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(&o, "only one output can be standard output");
}

#[test]
fn a_failed_run_leaves_earlier_outputs_untouched_and_no_partial_file() {
    let dir = scratch("failed_run");
    let out = dir.join("out.csv");
    let json = dir.join("s.json");
    std::fs::write(&out, "yesterday's output\n").unwrap();
    std::fs::write(&json, "{}\n").unwrap();
    // A deck with no data rows fails once the outputs are planned.
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "prefix,rate\n").unwrap();
    let mut decks = vec![empty.clone()];
    // Reading fails at once: an I/O error, not a parse.
    #[cfg(target_os = "linux")]
    decks.push(PathBuf::from("/proc/self/mem"));
    for deck in decks {
        let o = nanp(&[
            "categorize",
            s(&deck),
            "-o",
            s(&out),
            "--summary-json",
            s(&json),
        ]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{}: {}",
            deck.display(),
            stderr(&o)
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "yesterday's output\n"
        );
        assert_eq!(std::fs::read_to_string(&json).unwrap(), "{}\n");
        assert_eq!(
            files(&dir),
            ["empty.csv", "out.csv", "s.json"],
            "no partial file"
        );
    }
    let o = nanp(&["categorize", s(&empty)]);
    assert_stderr_has(&o, "empty.csv: no data rows");
}

#[test]
fn every_output_path_is_checked_before_the_first_row_is_read() {
    // Standard input stays open and unread: a check made after reading
    // would wait for it forever.
    let mut child = Command::new(env!("CARGO_BIN_EXE_nanp"))
        .args([
            "categorize",
            "-",
            "--summary-json",
            "/nonexistent/dir/s.json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // nanp may refuse and exit before this write: a broken pipe is the
    // expected outcome then, not a failure.
    let _ = stdin.write_all(b"prefix,rate\n1201200,0.01\n");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "nanp waited for its input"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "nanp: --summary-json /nonexistent/dir/s.json: the directory /nonexistent/dir does not exist\n"
    );
}

#[test]
fn dash_is_standard_input_and_output_in_every_command() {
    let dir = scratch("dash");
    let deck = "prefix,rate\n1201200,0.01\n";
    let o = crate::common::nanp_in(&dir, &["categorize", "-", "-o", "-"], deck);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("prefix,rate,npa,category"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("rows read 1"),
        "the summary moves to standard error"
    );
    assert!(!dir.join("-").exists(), "no file named -");
    // Rejects on standard output, rows in a file.
    let rows = dir.join("rows.csv");
    let o = crate::common::nanp_in(
        &dir,
        &["categorize", "-", "-o", s(&rows), "--rejects", "-"],
        "prefix,rate\n1201200,0.01\n1911555,0.01\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("line,reason,detail\n3,reserved-npa,"),
        "{}",
        stdout(&o)
    );
    assert!(rows.exists());
    // The summary as JSON on standard output.
    let o = nanp_stdin(
        &["categorize", "-", "-o", s(&rows), "--summary-json", "-"],
        deck,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["rows_read"], 1);
    // export and import.
    let o = nanp(&["export", "-o", "-"]);
    assert_eq!(stdout(&o).lines().count(), 451);
    let export = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/source/enhanced_lerg.csv"),
    )
    .unwrap();
    let o = nanp_stdin(&["import", "-", "-o", "-"], &export);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        o.stdout,
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/npa.csv")).unwrap()
    );
    let o = nanp_stdin(&["validate", "-"], "npa;country\n671;GU\n");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("<stdin> differs from nanp-lerg"));
}

#[cfg(unix)]
#[test]
fn a_device_is_written_in_place_and_a_link_keeps_its_target() {
    let dir = scratch("devices_and_links");
    let (x, _) = deck_in(&dir);
    // (The sample deck has rows to reject: exit 1, not 2.)
    let o = nanp(&["categorize", s(&x), "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    let real = dir.join("real.csv");
    std::fs::write(&real, "old\n").unwrap();
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = nanp(&["categorize", s(&x), "-o", s(&link)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .starts_with("npanxx,"));
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = scratch("closed_pipe");
    let deck = dir.join("big.csv");
    let mut text = String::from("prefix,rate\n");
    for npa in [201, 212, 305, 415, 617, 713] {
        for nxx in 200..1000 {
            for x in 0..10 {
                text.push_str(&format!("1{npa}{nxx}{x},0.0100\n"));
            }
        }
    }
    std::fs::write(&deck, text).unwrap();
    for command in [
        format!(
            "{} categorize {} | head -n 1",
            env!("CARGO_BIN_EXE_nanp"),
            s(&deck)
        ),
        format!("{} list | head -n 1", env!("CARGO_BIN_EXE_nanp")),
        format!("{} export | head -n 1", env!("CARGO_BIN_EXE_nanp")),
    ] {
        let o = Command::new("bash")
            .args([
                "-c",
                &format!("set -o pipefail; {command}; echo \"status ${{PIPESTATUS[0]}}\" >&2"),
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.ends_with("status 0\n"), "{command}: {err}");
        assert!(
            !err.contains("Broken pipe") && !err.contains("panicked"),
            "{command}: {err}"
        );
    }
}

#[test]
fn a_closed_pipe_still_writes_the_files_asked_for() {
    let dir = scratch("closed_pipe_files");
    let deck = dir.join("big.csv");
    let mut text = String::from("prefix,rate\n");
    for nxx in 200..1000 {
        for x in 0..100 {
            text.push_str(&format!("1201{nxx}{x:02},0.0100\n"));
        }
    }
    text.push_str("1201200,-0.01\n");
    std::fs::write(&deck, text).unwrap();
    let (rejects, json) = (dir.join("rejects.csv"), dir.join("summary.json"));
    let command = format!(
        "{} categorize {} --rejects {} --summary-json {} | head -n 1",
        env!("CARGO_BIN_EXE_nanp"),
        s(&deck),
        s(&rejects),
        s(&json)
    );
    let o = Command::new("bash")
        .args([
            "-c",
            &format!("{command}; echo \"status ${{PIPESTATUS[0]}}\" >&2"),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "prefix,rate,npa,category,country_code,state_province_code\n"
    );
    // Standard output closed after its first line; the run went on, and
    // its one rejected row makes exit 1.
    assert!(err.ends_with("status 1\n"), "{err}");
    assert!(
        !err.contains("Broken pipe") && !err.contains("panicked"),
        "{err}"
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(summary["rows_read"], 80_001);
    let rejects = std::fs::read_to_string(&rejects).unwrap();
    assert!(rejects.contains("\n80002,negative-rate,"), "{rejects}");
}

#[cfg(unix)]
#[test]
fn dev_stdout_and_stderr_are_written_where_they_point_never_replaced() {
    let dir = scratch("dev_stdout");
    std::fs::write(dir.join("d.csv"), "prefix,rate\n1201200,0.01\n1201201,x\n").unwrap();
    let nanp = env!("CARGO_BIN_EXE_nanp");
    let script = format!(
        "cd {dir}; echo earlier > out.log; echo earlier > err.log; \
         {nanp} categorize d.csv -o /dev/stdout >> out.log 2>/dev/null; \
         {nanp} categorize d.csv -o /dev/null --rejects /dev/stderr 2>> err.log >/dev/null; \
         (echo before; {nanp} categorize d.csv -o /dev/null --rejects /dev/fd/1; echo after) > both.log",
        dir = s(&dir)
    );
    let o = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(
        read("out.log"),
        "earlier\nprefix,rate,npa,category,country_code,state_province_code\n\
         1201200,0.01,201,us-domestic,US,NJ\n"
    );
    let rejected = "line,reason,detail\n3,unparseable-rate,";
    let err = read("err.log");
    assert!(err.starts_with(&format!("earlier\n{rejected}")), "{err}");
    // `/dev/fd/1` is standard output, as `-` is: the rejects in their
    // place among the shell's lines (the summary goes to standard error).
    let both = read("both.log");
    assert!(both.starts_with(&format!("before\n{rejected}")), "{both}");
    assert!(both.ends_with(",1201201,x\nafter\n"), "{both}");
}

/// The files a process has open, as links (`/proc`).
#[cfg(target_os = "linux")]
fn open_files(pid: u32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|fds| {
            fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_run_leaves_no_spilled_rates_behind() {
    // More distinct rates than a tally keeps in memory: runs are spilled
    // to a temporary file, which must not outlive the process.
    let dir = crate::common::scratch("files", "spill");
    let tmp = dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nanp"))
        .args(["categorize", "-", "--jobs", "1", "-o"])
        .arg(dir.join("out.csv"))
        .env("TMPDIR", &tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut deck = String::from("prefix,rate\n");
    for i in 0..20_000u32 {
        deck.push_str(&format!("1201{}{},0.{i:06}\n", 200 + i / 10 % 800, i % 10));
    }
    stdin.write_all(deck.as_bytes()).unwrap();
    let start = Instant::now();
    let spilled = || {
        open_files(child.id())
            .iter()
            .any(|f| f.starts_with(&*tmp.to_string_lossy()))
    };
    while !spilled() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(spilled(), "the run spills its rates to a file in TMPDIR");
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(child.wait().unwrap().code(), Some(130));
    drop(stdin);
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file_and_the_earlier_output() {
    let dir = crate::common::scratch("files", "interrupted");
    let out = dir.join("rated.csv");
    std::fs::write(&out, "earlier\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nanp"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["rate", "-", "--deck", "data/samples/rating_deck.csv", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Records that never end: the run is still reading when it is stopped.
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"ani,dialed,billsec\n2015550100,2125550100,60\n")
        .unwrap();
    let partials = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().ends_with(".partial")
            })
            .count()
    };
    let start = Instant::now();
    while partials() == 0 && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(partials(), 1, "the run writes to a temporary file");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130));
    assert_eq!(partials(), 0);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier\n");
}
