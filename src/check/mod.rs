//! Checking an outside categorization against a [`Directory`]: which NPAs
//! the outside table lacks, which it has that we do not, and which fields
//! disagree — with a [`ValidationReport`] whose `Display` is a diff a person can act
//! on, and [`check_categorization`] and
//! [`assert_categorization!`](crate::assert_categorization) for tests.
//!
//! A table that gives a country but no category (a legacy `npa,country,state`
//! table) also has the category its country implies under the shipped rule
//! compared (US → `us-domestic`, CA → `canadian`, AS, GU, MP → `pacific`,
//! every other NANP country → `caribbean`), reported as the field
//! `category (implied by country)`: a table that says 671 is country US
//! thereby shows that Guam is billed `pacific`, not `us-domestic`. A country
//! outside the NANP implies nothing; its `country_code` mismatch reports it.
//!
//! A state agrees when it is one of the states or provinces the NPA serves
//! (867 may be `YT`, `NT` or `NU`) or the whole list (`NS;PE`, `NS/PE`).
//!
//! The directory can also be checked against NANPA's own status of every
//! code, its NPA report (`npa_report.csv`): [`read_npa_report`] reads it and
//! [`NpaReport::compare`] lists the codes it has in service that the
//! directory lacks, the directory's codes it does not have in service, and
//! the locations, countries and time zones it gives otherwise
//! ([`NpaReportComparison`]).

use std::collections::{BTreeSet, HashMap};
use std::io::Read;

use crate::category::Category;
use crate::classify::Classification;
use crate::directory::Directory;
use crate::npa::Npa;
use crate::record::NpaRecord;
pub use crate::rows::TableError;

mod npa_report;
mod outside;
mod report;

pub use npa_report::{
    read_npa_report, NpaReport, NpaReportComparison, NpaReportError, NpaReportRow,
    NpaReportRowError, NpaReportSummary, Overlay, ReportDifference, TimeZoneDifference,
};
use outside::read_table;
pub use outside::{
    parse_category_label, OutsideRow, RowProblem, CATEGORY_COLUMN_NAMES, COUNTRY_COLUMN_NAMES,
    NPA_COLUMN_NAMES, STATE_COLUMN_NAMES,
};
use report::place;
pub use report::{
    ComparedField, Extra, Mismatch, NotGeographic, Rejected, ValidationReport, ValidationSummary,
};

/// Compares the rows of an outside table (from an iterator; a row's place
/// is its 1-based position) with `dir`; see [`ValidationReport`].
///
/// ```
/// use nanp_lerg::check::validate;
/// use nanp_lerg::{Category, Directory};
///
/// let mine = [(670, Category::Pacific), (340, Category::UsDomestic)];
/// let report = validate(&Directory::builtin(), mine);
/// assert_eq!(report.summary.mismatched, 1);
/// assert_eq!(report.mismatches[0].ours, "caribbean");
/// assert_eq!(report.mismatches[0].line, 2);
/// ```
pub fn validate<I, T>(dir: &Directory, rows: I) -> ValidationReport
where
    I: IntoIterator<Item = T>,
    T: TryInto<OutsideRow>,
    T::Error: Into<RowProblem>,
{
    let mut good = Vec::new();
    let mut rejected = Vec::new();
    for (place, row) in (1..).zip(rows) {
        match row.try_into() {
            Ok(row) => good.push((place, row)),
            Err(problem) => rejected.push((place, problem.into())),
        }
    }
    compare(dir, None, good, rejected, Vec::new())
}

/// Reads an outside table from CSV and compares it with `dir`.
///
/// Columns are found by name. Case, surrounding spaces, and `-` or a space
/// in place of `_` do not matter (`Area Code` is `area_code`). One column of
/// each role is read:
///
/// | role | accepted names |
/// | --- | --- |
/// | NPA (required) | [`NPA_COLUMN_NAMES`]: `npa`, `area_code`, `areacode`, `npa_code`, `code`, `prefix` |
/// | category | [`CATEGORY_COLUMN_NAMES`]: `category`, `billing_category`, `type`, `class` |
/// | country | [`COUNTRY_COLUMN_NAMES`]: `country`, `country_code`, `cc`, `iso`, `iso_country` |
/// | state or province | [`STATE_COLUMN_NAMES`]: `state`, `state_code`, `province`, `province_code`, `state_province`, `state_province_code`, `region_code`, `subdivision` |
///
/// At least one of category, country and state must be present; other
/// columns are ignored and listed in [`ValidationReport::ignored_columns`].
///
/// Values are trimmed, and an empty cell is no value (that field is not
/// compared for that row). The NPA cell holds an area code, `670`, or with
/// the country code, `1670`, `+1 670`. Codes are compared without regard to
/// case. Categories are read by [`parse_category_label`] (`us-domestic`,
/// `US Domestic`, `domestic`, `Caribbean`, …).
///
/// Rows that cannot be read (a bad NPA, an unknown category, a repeated
/// NPA, a wrong number of fields) are reported in [`ValidationReport::rejected`] with
/// their lines, never dropped. Only a file that cannot be read, or a header
/// with no NPA column, nothing to compare, or two columns of one role, is an
/// error.
///
/// [`NPA_COLUMN_NAMES`]: crate::check::NPA_COLUMN_NAMES
/// [`CATEGORY_COLUMN_NAMES`]: crate::check::CATEGORY_COLUMN_NAMES
/// [`COUNTRY_COLUMN_NAMES`]: crate::check::COUNTRY_COLUMN_NAMES
/// [`STATE_COLUMN_NAMES`]: crate::check::STATE_COLUMN_NAMES
/// [`parse_category_label`]: crate::check::parse_category_label
///
/// ```
/// let legacy = "NPA,Country,State\n\
///               212,US,NY\n\
///               671,US,GU\n\
///               1 670,US,NN\n\
///               abc,US,NY\n";
/// let dir = nanp_lerg::Directory::builtin();
/// let report = nanp_lerg::check::validate_csv(&dir, "legacy.csv", legacy.as_bytes()).unwrap();
/// assert_eq!(report.summary.compared, 3);
/// assert_eq!(report.rejected[0].line, 5);
/// let text = report.to_string();
/// assert!(text.contains("671  line 3  country_code                   US           GU"), "{text}");
/// assert!(text.contains("             category (implied by country)  us-domestic  pacific"), "{text}");
/// assert!(text.contains("line 5: column `NPA`: \"abc\" is not an area code"), "{text}");
/// ```
pub fn validate_csv(
    dir: &Directory,
    file: &str,
    input: impl Read,
) -> Result<ValidationReport, TableError> {
    let table = read_table(file, input)?;
    Ok(compare(
        dir,
        Some(file.to_owned()),
        table.rows,
        table.rejected,
        table.ignored_columns,
    ))
}

/// `Ok` when the rows are exactly `dir`'s categorization (every NPA, no
/// other, every given field equal); otherwise the [`ValidationReport`], whose
/// `Display` is the diff. For a test suite; see also [`assert_categorization!`](crate::assert_categorization).
///
/// ```
/// use nanp_lerg::check::{check_categorization, OutsideRow};
/// use nanp_lerg::{Category, Directory};
///
/// let dir = Directory::builtin();
/// let mut mine: Vec<OutsideRow> = dir.records().map(OutsideRow::from).collect();
/// assert!(check_categorization(&dir, mine.clone()).is_ok());
///
/// mine.retain(|r| r.npa != 438);
/// let report = check_categorization(&dir, mine).unwrap_err();
/// assert_eq!(report.missing[0].npa.get(), 438);
/// ```
#[allow(clippy::result_large_err)] // as for `ValidationReport::into_result`
pub fn check_categorization<I, T>(dir: &Directory, rows: I) -> Result<(), ValidationReport>
where
    I: IntoIterator<Item = T>,
    T: TryInto<OutsideRow>,
    T::Error: Into<RowProblem>,
{
    validate(dir, rows).into_result()
}

/// Asserts that rows are exactly a directory's categorization (the compiled
/// one when no directory is given), panicking with the readable diff of
/// [`ValidationReport`] otherwise.
///
/// ```
/// use nanp_lerg::check::OutsideRow;
/// use nanp_lerg::{assert_categorization, Directory};
///
/// let mine: Vec<OutsideRow> = nanp_lerg::records().map(OutsideRow::from).collect();
/// assert_categorization!(mine.clone());
/// assert_categorization!(&Directory::builtin(), mine);
/// ```
///
/// ```should_panic
/// use nanp_lerg::check::OutsideRow;
/// use nanp_lerg::{assert_categorization, Category};
///
/// let mut mine: Vec<OutsideRow> = nanp_lerg::records().map(OutsideRow::from).collect();
/// mine[0].category = Some(Category::Pacific); // 201 is New Jersey
/// assert_categorization!(mine); // panics; the diff names 201, `category`, pacific, us-domestic
/// ```
#[macro_export]
macro_rules! assert_categorization {
    ($rows:expr $(,)?) => {
        $crate::assert_categorization!(&$crate::Directory::builtin(), $rows)
    };
    ($dir:expr, $rows:expr $(,)?) => {
        if let ::std::result::Result::Err(report) = $crate::check::check_categorization($dir, $rows)
        {
            ::std::panic!("the categorization differs from nanp-lerg's:\n{}", report);
        }
    };
}

fn compare(
    dir: &Directory,
    source: Option<String>,
    rows: Vec<(u64, OutsideRow)>,
    mut rejected: Vec<(u64, RowProblem)>,
    ignored_columns: Vec<String>,
) -> ValidationReport {
    let from_file = source.is_some();
    let mut first_line: HashMap<Npa, u64> = HashMap::new();
    let mut fields = BTreeSet::new();
    let mut extra = Vec::new();
    let mut mismatches = Vec::new();
    let (mut agree, mut mismatched) = (0, 0);
    let total_rows = rows.len() + rejected.len();
    for (line, row) in rows {
        let npa = row.npa;
        if let Some(&first) = first_line.get(&npa) {
            let first = place(from_file, first);
            rejected.push((line, RowProblem::Duplicate { npa, first }));
            continue;
        }
        first_line.insert(npa, line);
        fields.extend(given_fields(&row));
        let ours = match dir.classify(npa.get()) {
            Classification::Geographic(record) => record,
            Classification::NonGeographic(service) => {
                let ours = NotGeographic::NonGeographic { service };
                extra.push(Extra { line, npa, ours });
                continue;
            }
            Classification::Reserved(reason) => {
                let ours = NotGeographic::Reserved { reason };
                extra.push(Extra { line, npa, ours });
                continue;
            }
            Classification::Unassigned | Classification::Invalid => {
                let ours = NotGeographic::Unassigned;
                extra.push(Extra { line, npa, ours });
                continue;
            }
        };
        let before = mismatches.len();
        compare_row(line, npa, &row, ours, &mut mismatches);
        if mismatches.len() == before {
            agree += 1;
        } else {
            mismatched += 1;
        }
    }
    rejected.sort_by_key(|(line, _)| *line);
    let missing: Vec<NpaRecord> = dir
        .records()
        .filter(|r| !first_line.contains_key(&r.npa))
        .cloned()
        .collect();
    ValidationReport {
        source,
        fields: fields.into_iter().collect(),
        ignored_columns,
        summary: ValidationSummary {
            rows: total_rows,
            ours: dir.len(),
            compared: agree + mismatched,
            agree,
            mismatched,
            missing: missing.len(),
            extra: extra.len(),
            rejected: rejected.len(),
        },
        missing,
        extra,
        mismatches,
        rejected: rejected
            .into_iter()
            .map(|(line, problem)| Rejected { line, problem })
            .collect(),
    }
}

/// The fields a row gives, so the report can say what was compared.
fn given_fields(row: &OutsideRow) -> impl Iterator<Item = ComparedField> {
    let implied = row.category.is_none() && row.country_code.is_some();
    [
        (row.country_code.is_some(), ComparedField::CountryCode),
        (
            row.state_province_code.is_some(),
            ComparedField::StateProvinceCode,
        ),
        (row.category.is_some(), ComparedField::Category),
        (implied, ComparedField::CategoryImpliedByCountry),
    ]
    .into_iter()
    .filter_map(|(given, field)| given.then_some(field))
}

fn compare_row(line: u64, npa: Npa, row: &OutsideRow, ours: &NpaRecord, out: &mut Vec<Mismatch>) {
    let mut differ = |field, theirs: &str, ours: String| {
        out.push(Mismatch {
            line,
            npa,
            field,
            theirs: theirs.to_owned(),
            ours,
        })
    };
    if let Some(cc) = &row.country_code {
        if *cc != ours.country_code.as_str() {
            differ(
                ComparedField::CountryCode,
                cc,
                ours.country_code.to_string(),
            );
        }
    }
    if let Some(state) = &row.state_province_code {
        if !state_agrees(state, ours) {
            let codes = ours.state_province_list();
            differ(ComparedField::StateProvinceCode, state, codes);
        }
    }
    match (row.category, &row.country_code) {
        (Some(theirs), _) if theirs != ours.category => {
            differ(
                ComparedField::Category,
                theirs.as_str(),
                ours.category.to_string(),
            );
        }
        (None, Some(cc)) => {
            let implied: Option<Category> = crate::country(cc).map(|c| c.category);
            if let Some(theirs) = implied.filter(|c| *c != ours.category) {
                differ(
                    ComparedField::CategoryImpliedByCountry,
                    theirs.as_str(),
                    ours.category.to_string(),
                );
            }
        }
        _ => {}
    }
}

fn state_agrees(state: &str, ours: &NpaRecord) -> bool {
    let codes: Vec<&str> = ours
        .state_province_codes
        .iter()
        .map(|c| c.as_str())
        .collect();
    ours.serves(state) || state == codes.join(";") || state == codes.join("/")
}
