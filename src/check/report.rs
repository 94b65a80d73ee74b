//! [`ValidationReport`]: the result of validating an outside categorization, its
//! parts, and its `Display`, the diff a person reads.

use std::fmt;

use serde::Serialize;

use super::outside::RowProblem;
use crate::classify::Reserved;
use crate::names::named_enum;
use crate::npa::Npa;
use crate::record::NpaRecord;
use crate::service::Service;

named_enum! {
    /// A field compared between an outside table and the directory.
    ///
    /// ```
    /// use nanp_lerg::check::ComparedField;
    ///
    /// assert_eq!(ComparedField::CountryCode.to_string(), "country_code");
    /// assert_eq!(ComparedField::CategoryImpliedByCountry.label(), "category (implied by country)");
    /// assert_eq!(serde_json::to_value(ComparedField::CountryCode).unwrap(), "country_code");
    /// ```
    pub enum ComparedField ("compared field") {
        /// The country or territory code.
        CountryCode = "country_code",
        /// The state or province code.
        StateProvinceCode = "state_province_code",
        /// The table's own category.
        Category = "category",
        /// The category the table's country implies, for a row without a category.
        CategoryImpliedByCountry = "category_implied_by_country",
    }
}

impl ComparedField {
    /// The name the report's diff writes: the field's name, and
    /// `category (implied by country)`.
    pub const fn label(self) -> &'static str {
        match self {
            ComparedField::CategoryImpliedByCountry => "category (implied by country)",
            other => other.as_str(),
        }
    }
}

/// One field of one NPA on which the outside table and the directory differ.
///
/// ```
/// use nanp_lerg::check::{validate, ComparedField, OutsideRow};
/// use nanp_lerg::{Directory, Npa};
///
/// let dominican = Npa::new(809).unwrap();
/// let report = validate(&Directory::builtin(), [OutsideRow::new(dominican).state("DR")]);
/// let m = &report.mismatches[0];
/// assert_eq!((m.line, m.npa.get(), m.field), (1, 809, ComparedField::StateProvinceCode));
/// assert_eq!((m.theirs.as_str(), m.ours.as_str()), ("DR", "DO"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The row of the outside table (its line, or its 1-based position in an iterator).
    pub line: u64,
    /// The NPA.
    pub npa: Npa,
    /// The field.
    pub field: ComparedField,
    /// The outside table's value.
    pub theirs: String,
    /// The directory's value.
    pub ours: String,
}

/// An NPA of the outside table that is not a geographic NPA of the directory.
///
/// ```
/// use nanp_lerg::check::{validate, NotGeographic, OutsideRow};
/// use nanp_lerg::{Directory, Npa, Reserved};
///
/// let n9x = Npa::new(299).unwrap();
/// let report = validate(&Directory::builtin(), [OutsideRow::new(n9x).country("US")]);
/// let extra = &report.extra[0];
/// assert_eq!(extra.npa.get(), 299);
/// assert_eq!(extra.ours, NotGeographic::Reserved { reason: Reserved::Expansion });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extra {
    /// The row of the outside table.
    pub line: u64,
    /// The NPA.
    pub npa: Npa,
    /// What the code is instead.
    pub ours: NotGeographic,
}

/// What a code that is not a geographic NPA is.
///
/// ```
/// use nanp_lerg::check::NotGeographic;
/// use nanp_lerg::Service;
///
/// let toll_free = NotGeographic::NonGeographic { service: Service::TollFree };
/// assert_eq!(toll_free.to_string(), "non-geographic (toll-free)");
/// assert_eq!(
///     serde_json::to_string(&toll_free).unwrap(),
///     r#"{"kind":"non-geographic","service":"toll-free"}"#
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NotGeographic {
    /// A service code such as toll-free 800.
    NonGeographic {
        /// Its service.
        service: Service,
    },
    /// Kept out of assignment by the numbering plan.
    Reserved {
        /// Why.
        reason: Reserved,
    },
    /// Valid but not assigned.
    Unassigned,
}

impl fmt::Display for NotGeographic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotGeographic::NonGeographic { service } => write!(f, "non-geographic ({service})"),
            NotGeographic::Reserved { reason } => write!(f, "reserved: {}", reason.description()),
            NotGeographic::Unassigned => f.write_str("unassigned"),
        }
    }
}

/// A row of the outside table that could not be compared.
///
/// ```
/// let csv = "npa,category\n212,us-domestic\n212,us-domestic\n";
/// let dir = nanp_lerg::Directory::builtin();
/// let report = nanp_lerg::check::validate_csv(&dir, "t.csv", csv.as_bytes()).unwrap();
/// assert_eq!(report.rejected[0].line, 3);
/// assert_eq!(report.rejected[0].problem.to_string(), "NPA 212 is already on line 2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// The row (its line, or its position in an iterator).
    pub line: u64,
    /// Why.
    pub problem: RowProblem,
}

/// The counts of a [`ValidationReport`].
///
/// `rows = compared + extra + rejected`, and `ours = compared + missing`.
///
/// ```
/// use nanp_lerg::check::validate;
/// use nanp_lerg::{Category, Directory};
///
/// let s = validate(&Directory::builtin(), [(212, Category::UsDomestic), (671, Category::UsDomestic), (800, Category::UsDomestic)]).summary;
/// assert_eq!((s.rows, s.compared, s.agree, s.mismatched, s.extra, s.rejected), (3, 2, 1, 1, 1, 0));
/// assert_eq!((s.ours, s.missing), (450, 448));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ValidationSummary {
    /// Rows of the outside table.
    pub rows: usize,
    /// Geographic NPAs of the directory.
    pub ours: usize,
    /// NPAs in both, compared field by field.
    pub compared: usize,
    /// Compared NPAs with no mismatch.
    pub agree: usize,
    /// Compared NPAs with at least one mismatch.
    pub mismatched: usize,
    /// NPAs of the directory the table lacks.
    pub missing: usize,
    /// NPAs of the table that the directory lacks.
    pub extra: usize,
    /// Rows that could not be compared.
    pub rejected: usize,
}

/// The result of comparing an outside table with a [`Directory`](crate::Directory).
///
/// `Display` writes the diff: each missing, extra and mismatched NPA (with
/// the field, their value and ours), each rejected row, and the summary.
///
/// ```
/// use nanp_lerg::check::{validate, OutsideRow};
/// use nanp_lerg::{Category, Directory, Npa};
///
/// let npa = |n| Npa::new(n).unwrap();
/// let table = [
///     OutsideRow::new(npa(671)).country("US").state("GU"), // a legacy row: Guam as US
///     OutsideRow::new(npa(212)).category(Category::UsDomestic),
///     OutsideRow::new(npa(800)).category(Category::UsDomestic),
/// ];
/// let report = validate(&Directory::builtin(), table);
/// assert_eq!(report.summary.agree, 1);
/// assert_eq!(report.summary.missing, 448);
/// assert_eq!(report.extra[0].ours.to_string(), "non-geographic (toll-free)");
/// let implied = &report.mismatches[1];
/// assert_eq!((implied.npa.get(), implied.field.label()), (671, "category (implied by country)"));
/// assert_eq!((implied.theirs.as_str(), implied.ours.as_str()), ("us-domestic", "pacific"));
/// assert!(report.to_string().contains("671  item 1  country_code"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationReport {
    /// The table's file, as the caller named it; `None` for an iterator.
    pub source: Option<String>,
    /// The fields the table gives (in at least one row), in comparison order.
    pub fields: Vec<ComparedField>,
    /// Columns of a CSV table that no role claimed.
    pub ignored_columns: Vec<String>,
    /// The counts.
    pub summary: ValidationSummary,
    /// The directory's records the table lacks, ascending.
    pub missing: Vec<NpaRecord>,
    /// The table's NPAs the directory lacks, in table order.
    pub extra: Vec<Extra>,
    /// Every field that differs, in table order.
    pub mismatches: Vec<Mismatch>,
    /// The rows that could not be compared, in table order.
    pub rejected: Vec<Rejected>,
}

impl ValidationReport {
    /// Whether the table is exactly the directory: nothing missing, extra,
    /// mismatched or rejected.
    ///
    /// ```
    /// use nanp_lerg::check::validate;
    /// use nanp_lerg::{Category, Directory};
    ///
    /// let report = validate(&Directory::builtin(), [(671, Category::Pacific)]);
    /// assert!(!report.agrees(), "448 NPAs missing");
    /// assert!(report.is_consistent(), "but what it lists agrees");
    /// assert!(report.into_result().is_err());
    /// ```
    pub fn agrees(&self) -> bool {
        self.missing.is_empty() && self.is_consistent()
    }

    /// Whether every row of the table agrees with the directory, allowing it
    /// to lack NPAs: for a table that deliberately covers only some.
    ///
    /// ```
    /// use nanp_lerg::check::validate;
    /// use nanp_lerg::{Category, Directory};
    ///
    /// let report = validate(&Directory::builtin(), [(671, Category::UsDomestic)]);
    /// assert!(!report.is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        self.extra.is_empty() && self.mismatches.is_empty() && self.rejected.is_empty()
    }

    /// `Ok` if [`ValidationReport::agrees`], else the report.
    ///
    /// ```
    /// use nanp_lerg::check::{validate, OutsideRow};
    /// use nanp_lerg::Directory;
    ///
    /// let dir = Directory::builtin();
    /// assert!(validate(&dir, dir.records().map(OutsideRow::from)).into_result().is_ok());
    /// ```
    // A report is made once per check and read on the failing path only; a
    // Box would save nothing and make every caller write `*report`.
    #[allow(clippy::result_large_err)]
    pub fn into_result(self) -> Result<(), ValidationReport> {
        if self.agrees() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Where a row is: `line 12` in a file, `item 12` in an iterator.
    fn place(&self, line: u64) -> String {
        place(self.source.is_some(), line)
    }
}

pub(crate) fn place(from_file: bool, line: u64) -> String {
    let what = if from_file { "line" } else { "item" };
    format!("{what} {line}")
}

impl std::error::Error for ValidationReport {}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.summary;
        let table = self.source.as_deref().unwrap_or("the table");
        let verdict = if self.agrees() {
            "agrees with"
        } else {
            "differs from"
        };
        writeln!(f, "{table} {verdict} nanp-lerg ({} NPAs)", s.ours)?;
        let fields: Vec<&str> = self.fields.iter().map(|c| c.label()).collect();
        writeln!(f, "  fields compared: {}", list_or_none(&fields))?;
        if !self.ignored_columns.is_empty() {
            writeln!(f, "  columns ignored: {}", self.ignored_columns.join(", "))?;
        }
        if !self.missing.is_empty() {
            writeln!(
                f,
                "\nmissing: {} that nanp-lerg has and the table lacks",
                count(s.missing, "NPA")
            )?;
            for r in &self.missing {
                writeln!(
                    f,
                    "  {}  {:<11}  {}",
                    r.npa,
                    r.category,
                    r.location().full()
                )?;
            }
        }
        if !self.extra.is_empty() {
            writeln!(
                f,
                "\nextra: {} in the table that nanp-lerg has no geographic record of",
                count(s.extra, "NPA")
            )?;
            for e in &self.extra {
                writeln!(f, "  {}  {}  {}", e.npa, self.place(e.line), e.ours)?;
            }
        }
        if !self.mismatches.is_empty() {
            self.write_mismatches(f)?;
        }
        if !self.rejected.is_empty() {
            let rows = count(s.rejected, "row");
            writeln!(f, "\nrejected: {rows} that could not be compared")?;
            for r in &self.rejected {
                writeln!(f, "  {}: {}", self.place(r.line), r.problem)?;
            }
        }
        writeln!(
            f,
            "\nsummary: {}; {} agree, {} mismatched, {} extra, {} rejected; {} missing",
            count(s.rows, "row"),
            s.agree,
            s.mismatched,
            s.extra,
            s.rejected,
            s.missing
        )
    }
}

impl ValidationReport {
    /// One line per field, the NPA and row named once per NPA, columns aligned.
    fn write_mismatches(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "\nmismatched: {}, {}",
            count(self.summary.mismatched, "NPA"),
            count(self.mismatches.len(), "field")
        )?;
        let (field_h, theirs_h, ours_h) = ("field", "the table", "nanp-lerg");
        let width = |g: &dyn Fn(&Mismatch) -> usize, min: usize| {
            self.mismatches.iter().map(g).max().unwrap_or(0).max(min)
        };
        let place_w = width(&|m| self.place(m.line).len(), "row".len());
        let field_w = width(&|m| m.field.label().len(), field_h.len());
        let theirs_w = width(&|m| m.theirs.len(), theirs_h.len());
        let head_w = "NPA  ".len() + place_w;
        let mut row = |head: &str, field: &str, theirs: &str, ours: &str| {
            let line = format!("  {head:<head_w$}  {field:<field_w$}  {theirs:<theirs_w$}  {ours}");
            writeln!(f, "{}", line.trim_end())
        };
        row(
            &format!("NPA  {:<place_w$}", "row"),
            field_h,
            theirs_h,
            ours_h,
        )?;
        let mut previous = None;
        for m in &self.mismatches {
            // The NPA and its row are named once, on its first field.
            let head = if previous == Some(m.npa) {
                String::new()
            } else {
                format!("{}  {}", m.npa, self.place(m.line))
            };
            previous = Some(m.npa);
            row(&head, m.field.label(), &m.theirs, &m.ours)?;
        }
        Ok(())
    }
}

fn count(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {what}{s}")
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}
