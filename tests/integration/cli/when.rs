//! `nanp when`: the verdict and local times per number, its formats, exit
//! codes, bad options, standard input, overlays and a closed pipe.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{assert_stderr_has, nanp, nanp_in, nanp_stdin, scratch, stderr, stdout};

/// 14:30 UTC on 9 March 2025, the first day of daylight saving time.
const AT: &str = "2025-03-09T14:30:00Z";

#[test]
fn one_line_per_number_with_its_verdict_and_local_times() {
    let o = nanp(&[
        "when",
        "--at",
        AT,
        "212",
        "+1 (850) 555-0100",
        "928",
        "602",
        "671",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "at 2025-03-09T14:30:00Z, window 08:00-21:00 local time\n\
         212: allowed: America/New_York 2025-03-09 10:30 EDT\n\
         +1 (850) 555-0100: allowed: America/Chicago 2025-03-09 09:30 CDT, America/New_York 2025-03-09 10:30 EDT\n\
         928: ambiguous: America/Phoenix 2025-03-09 07:30 MST (outside), America/Denver 2025-03-09 08:30 MDT (inside)\n\
         602: forbidden: America/Phoenix 2025-03-09 07:30 MST\n\
         671: forbidden: Pacific/Guam 2025-03-10 00:30 ChST\n"
    );
}

#[test]
fn a_number_without_an_answer_exits_1_and_says_why() {
    let o = nanp(&["when", "--at", AT, "212", "800", "911", "abc"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().skip(2).collect();
    assert_eq!(
        lines,
        [
            "800: no answer: NPA 800 is non-geographic: it has no time zone",
            "911: no answer: NPA 911 is reserved: it has no time zone",
            "abc: no answer: unexpected character 'a' at byte 0",
        ]
    );
}

#[test]
fn json_and_csv() {
    let o = nanp(&["when", "--at", AT, "--format", "json", "928", "800"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["input", "npa", "at", "window", "verdict", "local"]);
    assert_eq!(lines[0]["verdict"], "ambiguous");
    assert_eq!(lines[0]["at"], AT);
    assert_eq!(
        lines[0]["local"][1],
        serde_json::json!({"zone": "America/Denver", "local_time": "2025-03-09T08:30:00-06:00", "abbreviation": "MDT", "allowed": true})
    );
    assert_eq!(lines[1]["npa"], 800);
    assert_eq!(
        lines[1]["error"],
        "NPA 800 is non-geographic: it has no time zone"
    );

    let o = nanp(&["when", "--at", AT, "--format", "csv", "928", "800"]);
    assert_eq!(
        stdout(&o),
        "input,npa,verdict,zone,local_time,abbreviation,allowed,error\n\
         928,928,ambiguous,America/Phoenix,2025-03-09T07:30:00-07:00,MST,false,\n\
         928,928,ambiguous,America/Denver,2025-03-09T08:30:00-06:00,MDT,true,\n\
         800,800,,,,,,NPA 800 is non-geographic: it has no time zone\n"
    );
}

#[test]
fn a_window_and_an_instant_of_ones_own_and_the_bad_ones() {
    let o = nanp(&[
        "when",
        "--at",
        "2025-03-09T10:30:00-04:00",
        "--window",
        "9:00-10:00",
        "212",
    ]);
    assert_eq!(
        stdout(&o).lines().nth(1),
        Some("212: forbidden: America/New_York 2025-03-09 10:30 EDT")
    );
    let bad: [(&[&str], &str); 4] = [
        (
            &["--window", "21:00-08:00"],
            "ends before it starts; a window lies within one day (did you mean 08:00-21:00?)",
        ),
        (
            &["--window", "8-21"],
            "\"8-21\" is not a window: write it HH:MM-HH:MM",
        ),
        (
            &["--at", "2025-03-09T14:30:00"],
            "is not an instant: write it in RFC 3339 with an offset or Z",
        ),
        (&["--at", "yesterday"], "is not an instant"),
    ];
    for (args, message) in bad {
        let mut all = vec!["when", "212"];
        all.extend(args);
        let o = nanp(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn without_numbers_it_reads_standard_input_and_defaults_to_now() {
    let o = nanp_stdin(&["when"], "212\n\n  1 (905) 555-0100  \n");
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with("at 20") && lines[0].ends_with("Z, window 08:00-21:00 local time")
    );
    assert!(lines[1].starts_with("212: ") && lines[1].contains("America/New_York"));
    assert!(lines[2].starts_with("1 (905) 555-0100: ") && lines[2].contains("America/Toronto"));
}

#[test]
fn an_overlay_record_answers_with_its_own_zones_or_says_it_has_none() {
    let dir = scratch("cli_when", "overlay");
    let header = crate::common::npa_header();
    std::fs::write(
        dir.join("overlay.csv"),
        format!(
            "{header},state_province_codes,time_zones\n\
             273,CA,Canada,QC,Quebec,CA,canadian,QC,America/Toronto;America/Halifax\n\
             282,US,United States,WI,Wisconsin,US,us-domestic,WI,\n\
             850,US,United States,FL,Florida,US,us-domestic,FL,\n"
        ),
    )
    .unwrap();
    let o = nanp_in(
        &dir,
        &[
            "--overlay",
            "overlay.csv",
            "when",
            "--at",
            AT,
            "273",
            "282",
            "850",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "273: allowed: America/Toronto 2025-03-09 10:30 EDT, America/Halifax 2025-03-09 11:30 ADT",
            "282: no answer: NPA 282 has no time zones (a record added without them: give it a time_zones column)",
            // A replaced record without zones keeps the compiled ones.
            "850: allowed: America/Chicago 2025-03-09 09:30 CDT, America/New_York 2025-03-09 10:30 EDT",
        ]
    );

    std::fs::write(
        dir.join("bad.csv"),
        format!("{header},state_province_codes,time_zones\n273,CA,Canada,QC,Quebec,CA,canadian,QC,America/Quebec\n"),
    )
    .unwrap();
    let o = nanp_in(&dir, &["--overlay", "bad.csv", "when", "273"], "");
    assert_eq!(o.status.code(), Some(2));
    assert_stderr_has(
        &o,
        "bad.csv:2: field `time_zones`: \"America/Quebec\" is not a time zone",
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nanp"))
        .args(["when", "--at", AT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        for n in 0..200_000u32 {
            if writeln!(stdin, "212555{:04}", n % 10_000).is_err() {
                break;
            }
        }
    });
    let mut first = String::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("at 2025-03-09T14:30:00Z"));
    drop(out); // as `| head -1` does
    let output = child.wait_with_output().unwrap();
    let _ = feeder.join();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
