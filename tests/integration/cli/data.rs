//! `nanp validate`, `export`, `import` and the global `--overlay`: output
//! and exit codes (0 agrees / done, 1 differences or rejected rows, 2 usage
//! or I/O error).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{nanp, nanp_stdin, stderr, stdout};

fn scratch(test: &str) -> PathBuf {
    crate::common::scratch("cli_data", test)
}

fn write(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.display().to_string()
}

fn data(file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(file),
    )
    .unwrap()
}

/// The dataset as `npa,category,country,state`, with `edit` applied.
fn our_table(edit: impl Fn(&mut Vec<String>)) -> String {
    crate::common::our_table("npa,category,country,state", edit)
}

#[test]
fn validate_exits_0_when_the_table_agrees() {
    let dir = scratch("agrees");
    let table = write(&dir, "ours.csv", &our_table(|_| {}));
    let o = nanp(&["validate", &table]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(&format!("{table} agrees with nanp-lerg (450 NPAs)\n")));
    assert!(stdout(&o)
        .ends_with("summary: 450 rows; 450 agree, 0 mismatched, 0 extra, 0 rejected; 0 missing\n"));
}

#[test]
fn validate_exits_1_naming_each_difference_and_its_field() {
    let dir = scratch("differs");
    let table = write(
        &dir,
        "theirs.csv",
        &our_table(|rows| {
            rows.retain(|r| !r.starts_with("438,"));
            rows.push("800,us-domestic,US,NY".into());
            for r in rows.iter_mut().filter(|r| r.starts_with("671,")) {
                *r = "671,us-domestic,GU,GU".into();
            }
        }),
    );
    let o = nanp(&["validate", &table]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("\n  438  canadian     Quebec, Canada (QC, CA)\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  800  line 451  non-geographic (toll-free)\n"),
        "{text}"
    );
    assert!(
        text.contains("  category  us-domestic  pacific\n"),
        "{text}"
    );
    assert!(text.contains("\n  671  line "), "{text}");
    assert!(text
        .ends_with("summary: 450 rows; 448 agree, 1 mismatched, 1 extra, 0 rejected; 1 missing\n"));

    // --allow-missing forgives the missing NPA only.
    let o = nanp(&["validate", "--allow-missing", &table]);
    assert_eq!(o.status.code(), Some(1));
    let only_missing = write(
        &dir,
        "partial.csv",
        &our_table(|rows| rows.retain(|r| !r.starts_with("438,"))),
    );
    assert_eq!(nanp(&["validate", &only_missing]).status.code(), Some(1));
    assert_eq!(
        nanp(&["validate", "--allow-missing", &only_missing])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn validate_of_the_legacy_sample_prints_the_library_report() {
    let path = "data/samples/legacy_lerg_codes.csv";
    let o = nanp(&["validate", path]);
    assert_eq!(o.status.code(), Some(1));
    let file = std::fs::File::open(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let report =
        nanp_lerg::check::validate_csv(&nanp_lerg::Directory::builtin(), path, file).unwrap();
    assert_eq!(stdout(&o), report.to_string());
    let text = stdout(&o);
    for line in [
        "  438  canadian     Quebec, Canada (QC, CA)",
        "  671  line 261  country_code                   US           GU",
        "                 category (implied by country)  us-domestic  pacific",
        "summary: 440 rows; 429 agree, 11 mismatched, 0 extra, 0 rejected; 10 missing",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in\n{text}");
    }
}

#[test]
fn validate_json_and_standard_input() {
    let o = nanp_stdin(
        &["validate", "--format", "json", "-"],
        "npa,country\n671,US\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"], "<stdin>");
    assert_eq!(v["summary"]["compared"], 1);
    assert_eq!(v["summary"]["missing"], 449);
    assert_eq!(v["mismatches"][1]["field"], "category_implied_by_country");
    assert_eq!(v["mismatches"][1]["theirs"], "us-domestic");
}

#[test]
fn validate_exits_2_when_the_table_cannot_be_read() {
    let o = nanp(&["validate", "no/such/table.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("nanp: no/such/table.csv: "),
        "{}",
        stderr(&o)
    );

    let dir = scratch("unreadable");
    let table = write(&dir, "rates.csv", "prefix,rate\n1201,0.01\n");
    let o = nanp(&["validate", &table]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!(
            "nanp: {table}:1: nothing to compare in `prefix,rate`"
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        nanp(&["validate"]).status.code(),
        Some(2),
        "FILE is required"
    );
}

#[test]
fn validate_rejected_rows_exit_1_with_their_lines() {
    let o = nanp_stdin(
        &["validate", "-"],
        "npa,category\n212,us-domestic\n21,us-domestic\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("\n  line 3: column `npa`: \"21\" is not an area code: too short"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_writes_the_whole_dataset_as_csv_or_json() {
    let o = nanp(&["export"]);
    assert_eq!(o.status.code(), Some(0));
    let mut expected = Vec::new();
    nanp_lerg::Directory::builtin()
        .write_csv(&mut expected)
        .unwrap();
    assert_eq!(o.stdout, expected, "csv is the default");
    assert_eq!(stdout(&o).lines().count(), 451);

    let o = nanp(&["export", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 450);
    assert_eq!(v[0]["npa"], 201);

    let dir = scratch("export");
    let out = dir.join("all.csv").display().to_string();
    let o = nanp(&["export", "--format", "csv", "-o", &out]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "", "the account goes to standard error");
    assert_eq!(stderr(&o), format!("exported 450 NPAs to {out}\n"));
    assert_eq!(std::fs::read(&out).unwrap(), expected);

    // The export is a table `nanp validate` agrees with.
    assert_eq!(nanp(&["validate", &out]).status.code(), Some(0));

    // For people, the table `nanp list` writes.
    let o = nanp(&["export", "--format", "table"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), stdout(&nanp(&["list"])));
    let o = nanp(&["export", "-o", "no/such/dir/all.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("nanp: --output no/such/dir/all.csv: the directory "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_reproduces_data_npa_csv_and_says_what_it_did() {
    let dir = scratch("import");
    let out = dir.join("npa.csv").display().to_string();
    let o = nanp(&["import", "data/source/enhanced_lerg.csv", "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), data("npa.csv"));
    let text = stdout(&o);
    assert!(text.starts_with(
        "data/source/enhanced_lerg.csv: 450 rows read: 450 imported, 0 skipped\n\
         ignored columns: created_at, updated_at, notes\n"
    ));
    assert!(text.contains(&format!("{out}: written (450 NPAs)\n")));
    assert!(text.contains("next: cargo build"));

    // Again: nothing to do.
    let o = nanp(&["import", "data/source/enhanced_lerg.csv", "-o", &out]);
    assert!(stdout(&o).ends_with(&format!("{out}: unchanged (450 NPAs)\n")));

    // An export that corrected 671 upstream, and retired 438.
    let export = data("source/enhanced_lerg.csv")
        .lines()
        .map(|l| match &l[..4] {
            "671," => "671,GU,Guam,GU,Guam,Pacific,,,corrected upstream,true",
            "438," => "438,CA,Canada,QC,Quebec,CA,,,,false",
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let new = write(&dir, "new_export.csv", &export);
    let o = nanp(&["import", &new, "-o", &out]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let line_438 = 1 + export.lines().position(|l| l.starts_with("438,")).unwrap();
    assert!(
        text.contains("450 rows read: 449 imported, 1 skipped\n"),
        "{text}"
    );
    assert!(text.contains(&format!(
        "skipped line {line_438} (NPA 438): is_active is false (the NPA is retired)\n"
    )));
    assert!(
        text.contains(&format!(
            "{out}: written (449 NPAs); changed 1 (671), added 0, removed 1 (438)\n"
        )),
        "{text}"
    );
}

#[test]
fn import_refuses_an_export_with_a_bad_row_and_writes_nothing() {
    let dir = scratch("import_bad");
    let out = dir.join("npa.csv");
    let export =
        data("source/enhanced_lerg.csv") + "\n1201,US,United States,NJ,New Jersey,US,,,,true";
    let bad = write(&dir, "bad.csv", &export);
    let o = nanp(&["import", &bad, "-o", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        format!(
            "{bad}: 1 row error(s); nothing imported\n\
             {bad}:452: field `npa`: \"1201\" is not an NPA: an NPA is exactly three digits\n"
        )
    );
    assert!(!out.exists(), "nothing written");

    let o = nanp(&[
        "import",
        "no/such/export.csv",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = nanp_stdin(&["import", "-", "-o", "-"], "npa,region\n201,US\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("nanp: <stdin>:1: missing column(s) `country_code`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_to_standard_output_keeps_the_account_on_standard_error() {
    let o = nanp(&["import", "data/source/enhanced_lerg.csv", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), data("npa.csv"));
    assert!(stderr(&o).contains("450 imported"));
}

#[test]
fn an_overlay_changes_lookup_list_stats_validate_and_export() {
    let header = crate::common::npa_header();
    let dir = scratch("overlay");
    let overlay = write(
        &dir,
        "overlay.csv",
        &format!("{header}\n273,CA,Canada,QC,Quebec,CA,canadian\n"),
    );
    let without = nanp(&["lookup", "273"]);
    assert_eq!(without.status.code(), Some(1));
    assert_eq!(stdout(&without), "273: NPA 273, unassigned\n");

    let o = nanp(&["--overlay", &overlay, "lookup", "273"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "273: NPA 273, Quebec, Canada (QC, CA), canadian, no time zone\n"
    );
    // The option is global: it may follow the subcommand too.
    let o = nanp(&[
        "lookup",
        "--format",
        "json",
        "+1 273 555 0100",
        "--overlay",
        &overlay,
    ]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        (v["state_province_code"].as_str(), v["kind"].as_str()),
        (Some("QC"), Some("geographic"))
    );

    let o = nanp(&[
        "--overlay",
        &overlay,
        "list",
        "--country",
        "CA",
        "--format",
        "csv",
    ]);
    assert_eq!(stdout(&o).lines().count(), 1 + 57);
    assert!(stdout(&o).contains("\n273,CA,Canada,QC,Quebec,CA,canadian,QC,\n"));

    let o = nanp(&["--overlay", &overlay, "stats", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["records"].as_u64(), v["per_country"]["CA"].as_u64()),
        (Some(451), Some(57))
    );

    let o = nanp(&["--overlay", &overlay, "export"]);
    assert_eq!(stdout(&o).lines().count(), 452);
    let table = write(&dir, "ours.csv", &our_table(|_| {}));
    let o = nanp(&["--overlay", &overlay, "validate", &table]);
    assert_eq!(o.status.code(), Some(1), "the table lacks 273");
    assert!(stdout(&o).contains("\n  273  canadian     Quebec, Canada (QC, CA)\n"));
}

#[test]
fn a_bad_overlay_exits_2_naming_file_and_line_and_nothing_runs() {
    let header = crate::common::npa_header();
    let dir = scratch("overlay_bad");
    let overlay = write(
        &dir,
        "overlay.csv",
        &format!(
            "{header}\n273,CA,Canada,QC,Quebec,CA,canadian\n274,CA,Canada,QC,Quebec,CA,pacific\n"
        ),
    );
    let o = nanp(&["--overlay", &overlay, "lookup", "273"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stdout(&o),
        "",
        "the command does not run on a refused overlay"
    );
    assert_eq!(
        stderr(&o),
        format!(
            "nanp: overlay refused, 1 error(s):\n\
             {overlay}:3: NPA 274: category is \"pacific\", but country CA in countries.csv gives \"canadian\"\n"
        )
    );
    let o = nanp(&["--overlay", "no/such/overlay.csv", "stats"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("nanp: no/such/overlay.csv: "));
}

#[test]
fn an_overlay_with_several_bad_rows_reports_each_once() {
    let dir = scratch("overlay_errors");
    let overlay = write(
        &dir,
        "bad.csv",
        &crate::common::npa_csv(&[
            crate::common::QUEBEC_273,
            "274,CA,Canada,QC,Quebec,CA,pacific",
            "27X,CA,Canada,QC,Quebec,CA,canadian",
            "911,US,United States,NY,New York,US,us-domestic",
            "275,CA,Canada,ZZ,Quebec,CA,canadian",
        ]),
    );
    let o = nanp(&["--overlay", &overlay, "lookup", "273"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "nanp: overlay refused, 4 error(s):\n\
             {overlay}:3: NPA 274: category is \"pacific\", but country CA in countries.csv gives \"canadian\"\n\
             {overlay}:4: field `npa`: \"27X\" is not an NPA: an NPA is exactly three digits\n\
             {overlay}:5: NPA 911 is reserved (N11 abbreviated dialing code, never an area code) and cannot be geographic\n\
             {overlay}:6: NPA 275: state_province_code ZZ is not a subdivision of CA\n"
        )
    );
}

#[test]
fn validate_reads_a_semicolon_table_and_allow_missing_hides_the_list() {
    let table = "NPA;Country;State\n671;GU;GU\n212;US;NY\n";
    let o = nanp_stdin(&["validate", "-"], table);
    assert_eq!(o.status.code(), Some(1), "448 NPAs missing");
    assert!(stdout(&o).contains("\nmissing: 448 NPAs"), "{}", stdout(&o));
    let o = nanp_stdin(&["validate", "--allow-missing", "-"], table);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(!text.contains("missing:"), "{text}");
    assert!(
        text.ends_with(
            "summary: 2 rows; 2 agree, 0 mismatched, 0 extra, 0 rejected; 448 missing\n"
        ),
        "{text}"
    );
    // One CSV row per difference, for machines.
    let o = nanp_stdin(
        &["validate", "--allow-missing", "--format", "csv", "-"],
        "npa,country\n671,US\n",
    );
    assert_eq!(
        stdout(&o),
        "kind,npa,line,field,theirs,ours\n\
         mismatch,671,2,country_code,US,GU\n\
         mismatch,671,2,category_implied_by_country,us-domestic,pacific\n"
    );
}
