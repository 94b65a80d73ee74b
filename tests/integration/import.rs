//! Importing an enhanced-LERG export: the shipped export reproduces
//! `data/npa.csv` byte for byte; bad rows are named by line; inactive rows
//! are skipped with their reason; and a refresh whose export corrected an
//! NPA upstream makes the build name every stale fix.

use nanp_lerg::import::{import_lerg, ImportError, LergImport, SkipReason, TableError};
use nanp_lerg::schema::{self, Dataset};
use nanp_lerg::Category;

fn data(file: &str) -> String {
    let path = format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The shipped export, committed as the provenance of `data/npa.csv`.
fn export() -> String {
    data("source/enhanced_lerg.csv")
}

fn csv_of(import: &LergImport) -> String {
    let mut out = Vec::new();
    import.write_csv(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn import(text: &str) -> Result<LergImport, ImportError> {
    import_lerg("export.csv", text.as_bytes())
}

/// The export with the line of `npa` replaced by `line`.
fn with_line(npa: &str, line: &str) -> String {
    export()
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{npa},")) {
                line
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn row_errors(text: &str) -> Vec<String> {
    match import(text) {
        Err(ImportError::Rows(errors)) => errors.iter().map(ToString::to_string).collect(),
        other => panic!("expected row errors, got {other:?}"),
    }
}

#[test]
fn importing_the_shipped_export_reproduces_data_npa_csv_byte_for_byte() {
    let import = import(&export()).unwrap();
    assert_eq!((import.rows, import.records.len()), (450, 450));
    assert!(import.skipped.is_empty());
    assert_eq!(
        import.ignored_columns,
        ["created_at", "updated_at", "notes"]
    );
    assert_eq!(csv_of(&import), data("npa.csv"));

    // The category the exported (uncorrected) country implies.
    let guam = import.records.iter().find(|r| r.npa.get() == 671).unwrap();
    assert_eq!(
        (guam.country_code.as_str(), guam.category),
        ("US", Category::UsDomestic)
    );
    assert_eq!(
        import.to_string(),
        "450 rows read: 450 imported, 0 skipped\nignored columns: created_at, updated_at, notes\n"
    );
}

#[test]
fn column_order_case_extra_columns_and_crlf_do_not_change_the_result() {
    // Columns reversed, upper-cased, one more added; CRLF line endings.
    let text: String = export()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut fields: Vec<String> = l.split(',').map(str::to_owned).collect();
            fields.reverse();
            if i == 0 {
                fields.iter_mut().for_each(|f| *f = f.to_uppercase());
                fields.push("Source".into());
            } else {
                fields.push("lerg".into());
            }
            fields.join(",") + "\r\n"
        })
        .collect();
    let import = import(&text).unwrap();
    assert_eq!(csv_of(&import), data("npa.csv"));
    assert_eq!(
        import.ignored_columns,
        ["NOTES", "UPDATED_AT", "CREATED_AT", "Source"]
    );
}

#[test]
fn a_bad_row_is_reported_with_its_line_and_nothing_is_imported() {
    // 202 is on line 3 of the export.
    let text = with_line(
        "202",
        "2O2,US,United States,DC,District of Columbia,Atlantic,2025,2025,,maybe",
    );
    assert_eq!(
        row_errors(&text),
        [
            "export.csv:3: field `npa`: \"2O2\" is not an NPA: an NPA is exactly three digits",
            "export.csv:3: field `is_active`: unknown value \"maybe\" (expected one of true, false, t, f)",
            "export.csv:3: field `region`: unknown value \"Atlantic\" (expected one of US, CA, Caribbean, Pacific)",
        ]
    );

    // A repeated NPA is named at its second line, with the first.
    let mut text = export();
    text.push_str("\n212,US,United States,NY,New York,US,,,,true");
    let line_212 = 1 + export()
        .lines()
        .position(|l| l.starts_with("212,"))
        .unwrap();
    assert_eq!(
        row_errors(&text),
        [format!(
            "export.csv:452: NPA 212 is already defined on line {line_212}"
        )]
    );

    // Empty fields, a malformed code, a short row.
    let text = with_line("203", "203,USA,,CT,Connecticut,US,,,,true");
    assert_eq!(
        row_errors(&text),
        [
            "export.csv:4: field `country_code`: \"USA\" is not a two-letter upper-case code",
            "export.csv:4: field `country_name` is empty",
        ]
    );
    let text = with_line("204", "204,CA,Canada");
    assert_eq!(row_errors(&text), ["export.csv:5: 3 fields, expected 10"]);
}

#[test]
fn inactive_rows_are_skipped_with_their_line_and_reason() {
    let text = with_line(
        "438",
        "438,CA,Canada,QC,Quebec,CA,2025,2025,retired for the test,false",
    );
    let import = import(&text).unwrap();
    assert_eq!((import.rows, import.records.len()), (450, 449));
    let line_438 = 1 + export()
        .lines()
        .position(|l| l.starts_with("438,"))
        .unwrap() as u64;
    assert_eq!(import.skipped.len(), 1);
    let s = &import.skipped[0];
    assert_eq!(
        (s.line, s.npa.get(), s.reason),
        (line_438, 438, SkipReason::Inactive)
    );
    assert!(!csv_of(&import).contains("\n438,"));
    assert!(import.to_string().contains(&format!(
        "skipped line {line_438} (NPA 438): is_active is false (the NPA is retired)\n"
    )));

    // An inactive row is not checked beyond its NPA: it is not imported.
    let text = with_line("438", "438,??,,,,,,,,f");
    assert_eq!(import_lerg("x", text.as_bytes()).unwrap().skipped.len(), 1);
}

#[test]
fn a_header_without_a_needed_column_is_refused() {
    let text = export().replacen("is_active", "active", 1);
    let e = import(&text).unwrap_err();
    assert_eq!(
        e.to_string(),
        "export.csv:1: missing column(s) `is_active`; an enhanced-LERG export has \
         `npa,country_code,country_name,state_province_code,state_province_name,region,is_active`"
    );
    let text = export().replacen("notes", "NPA", 1);
    assert_eq!(
        import(&text).unwrap_err().to_string(),
        "export.csv:1: column `npa` appears twice"
    );
}

/// The dataset the build would compile from `npa_csv` and the shipped other files.
fn build(npa_csv: &str) -> Result<Dataset, Vec<String>> {
    let read = |f: &str| data(f);
    let countries = schema::read_countries("data/countries.csv", read("countries.csv").as_bytes());
    let subdivisions =
        schema::read_subdivisions("data/subdivisions.csv", read("subdivisions.csv").as_bytes());
    let npa = schema::read_npa("data/npa.csv", npa_csv.as_bytes());
    let fixes = schema::read_fixes("data/fixes.csv", read("fixes.csv").as_bytes());
    let non_geo = schema::read_non_geographic(
        "data/non_geographic.csv",
        read("non_geographic.csv").as_bytes(),
    );
    let zones = schema::read_time_zones("data/time_zones.csv", read("time_zones.csv").as_bytes());
    Dataset::assemble(
        countries.unwrap(),
        ("data/subdivisions.csv".into(), subdivisions.unwrap()),
        ("data/npa.csv".into(), npa.unwrap()),
        ("data/fixes.csv".into(), fixes.unwrap()),
        ("data/non_geographic.csv".into(), non_geo.unwrap()),
        ("data/time_zones.csv".into(), zones.unwrap()),
    )
    .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

#[test]
fn a_refresh_from_the_shipped_export_builds_the_shipped_dataset() {
    let csv = csv_of(&import(&export()).unwrap());
    let dataset = build(&csv).expect("the build accepts it");
    assert_eq!(dataset.records.len(), 450);
    let guam = dataset.records.iter().find(|r| r.npa.get() == 671).unwrap();
    assert_eq!(
        (guam.country_code.as_str(), guam.category),
        ("GU", Category::Pacific)
    );
}

#[test]
fn a_refresh_whose_export_corrected_671_upstream_names_every_stale_fix() {
    let text = with_line(
        "671",
        "671,GU,Guam,GU,Guam,Pacific,2025,2026,corrected upstream,true",
    );
    let csv = csv_of(&import(&text).unwrap());
    assert!(csv.contains("\n671,GU,Guam,GU,Guam,Pacific,pacific\n"));
    let fix_line = |prefix: &str| {
        1 + data("fixes.csv")
            .lines()
            .position(|l| l.starts_with(prefix))
            .unwrap()
    };
    let expected: Vec<String> = [
        ("671,country_code,", "country_code", "GU", "US"),
        ("671,country_name,", "country_name", "Guam", "United States"),
        ("671,region,", "region", "Pacific", "US"),
        ("671,category,", "category", "pacific", "us-domestic"),
    ]
    .into_iter()
    .map(|(prefix, field, current, from)| {
        format!(
            "data/fixes.csv:{}: stale fix: NPA 671 field `{field}` is {current:?}, not {from:?} as the fix expects; delete or update the fix",
            fix_line(prefix)
        )
    })
    .collect();
    assert_eq!(build(&csv).unwrap_err(), expected);
}

#[test]
fn an_export_that_is_not_a_table_of_npas_is_refused_whole() {
    let e = import_lerg("x.csv", "npa,country_code\n201,US\n".as_bytes()).unwrap_err();
    assert!(
        matches!(&e, ImportError::Table(TableError::Header { line: 1, .. })),
        "{e:?}"
    );
    let e = import_lerg("book.xlsx", &b"PK\x03\x04\x14\x00"[..]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "book.xlsx: this is a ZIP archive, such as an Excel workbook (.xlsx): save it as CSV"
    );
    // A `;` export is read as well as a `,` one.
    let semicolons = export().replace(',', ";");
    assert!(!semicolons.contains('"'), "no quoted field holds a comma");
    assert_eq!(
        import_lerg("x.csv", semicolons.as_bytes())
            .unwrap()
            .records
            .len(),
        450
    );
}
