//! The data files' row types and their validation.
//!
//! This one module reads `npa.csv`, `fixes.csv`, `countries.csv`,
//! `subdivisions.csv` and `non_geographic.csv`, checks every row, applies the
//! fixes and checks the result. `build.rs` includes it with `#[path]` to
//! compile the tables; the library exposes it so that the same files can be
//! checked at run time. A bad row is therefore reported with the same message
//! in both places: `<file>:<line>: <what is wrong>`.
//!
//! Every row is either accepted or reported: readers go on past a bad row and
//! return every error they found, in file order.
//!
//! ```
//! use nanp_lerg::schema::{read_npa, DataErrorKind};
//!
//! let csv = "npa,country_code,country_name,state_province_code,state_province_name,region,category\n\
//!            201,US,United States,NJ,New Jersey,US,us-domestic\n\
//!            170,US,United States,NJ,New Jersey,US,us-domestic\n";
//! let errors = read_npa("data/npa.csv", csv.as_bytes()).unwrap_err();
//! assert_eq!(errors.len(), 1);
//! assert_eq!(errors[0].line, 3);
//! assert!(matches!(errors[0].kind, DataErrorKind::Npa { .. }));
//! assert_eq!(
//!     errors[0].to_string(),
//!     "data/npa.csv:3: field `npa`: \"170\" is not an NPA: an NPA cannot start with 1 (the first digit is 2-9)"
//! );
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;

use super::category::{Category, Region};
use super::code::{CountryCode, SubdivisionCode};
use super::npa::{Npa, NpaError};
use super::reserved::Reserved;
use super::service::Service;

/// Columns of `npa.csv`, in order.
pub const NPA_COLUMNS: [&str; 7] = [
    "npa",
    "country_code",
    "country_name",
    "state_province_code",
    "state_province_name",
    "region",
    "category",
];
/// An optional last column of an NPA file: every state or province served,
/// `;`-separated, primary first. The shipped `npa.csv` does not have it (the
/// export has no such field); exports of a [`crate::Directory`] do.
pub const NPA_OPTIONAL_COLUMNS: [&str; 1] = ["state_province_codes"];
/// Columns of `fixes.csv`, in order.
pub const FIX_COLUMNS: [&str; 5] = ["npa", "field", "from", "to", "reason"];
/// Columns of `countries.csv`, in order.
pub const COUNTRY_COLUMNS: [&str; 4] = ["country_code", "country_name", "region", "category"];
/// Columns of `subdivisions.csv`, in order.
pub const SUBDIVISION_COLUMNS: [&str; 3] = ["country_code", "code", "name"];
/// Columns of `non_geographic.csv`, in order.
pub const NON_GEOGRAPHIC_COLUMNS: [&str; 3] = ["npa", "service", "source"];

/// The data files of a dataset directory, in the order they are read.
pub const DATA_FILES: [&str; 5] = [
    "countries.csv",
    "subdivisions.csv",
    "npa.csv",
    "fixes.csv",
    "non_geographic.csv",
];

/// Separator of the codes in the `state_province_codes` field of a fix.
pub const CODE_LIST_SEPARATOR: char = ';';

/// One problem in one data file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct DataError {
    /// The file, as the caller named it (e.g. `data/npa.csv`).
    pub file: String,
    /// The 1-based line the row starts on; 0 when the file could not be read at all.
    pub line: u64,
    /// What is wrong.
    pub kind: DataErrorKind,
}

/// What is wrong with a row of a data file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DataErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The CSV itself is malformed (e.g. a bad quote or invalid UTF-8).
    #[error("malformed CSV: {0}")]
    Csv(String),
    /// The header is not the expected list of columns.
    #[error("header is `{found}`, expected `{expected}`")]
    Header {
        /// The header as found.
        found: String,
        /// The header expected.
        expected: String,
    },
    /// The row has the wrong number of fields.
    #[error("{found} fields, expected {expected}")]
    FieldCount {
        /// How many fields the row has.
        found: usize,
        /// How many the header names.
        expected: usize,
    },
    /// A required field is empty.
    #[error("field `{field}` is empty")]
    Empty {
        /// The column.
        field: &'static str,
    },
    /// A field that should hold an NPA does not.
    #[error("field `{field}`: {value:?} is not an NPA: {error}")]
    Npa {
        /// The column.
        field: &'static str,
        /// The value found.
        value: String,
        /// Why it is not an NPA.
        error: NpaError,
    },
    /// A code is not two upper-case letters.
    #[error("field `{field}`: {value:?} is not a two-letter upper-case code")]
    MalformedCode {
        /// The column.
        field: &'static str,
        /// The value found.
        value: String,
    },
    /// A category, region, service or fix field name is not one of the known names.
    #[error("field `{field}`: unknown value {value:?} (expected one of {expected})")]
    UnknownValue {
        /// The column.
        field: &'static str,
        /// The value found.
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// A key (NPA, country, subdivision) appears twice.
    #[error("{key} is already defined on line {first_line}")]
    Duplicate {
        /// The repeated key.
        key: String,
        /// Where it was first defined.
        first_line: u64,
    },
    /// A fix names an NPA that `npa.csv` does not have.
    #[error("fix for NPA {npa}: no such NPA in npa.csv")]
    FixUnknownNpa {
        /// The NPA the fix names.
        npa: Npa,
    },
    /// A fix's `from` does not match the field's current value: the fix is stale.
    #[error("stale fix: NPA {npa} field `{field}` is {current:?}, not {from:?} as the fix expects; delete or update the fix")]
    StaleFix {
        /// The NPA.
        npa: Npa,
        /// The field.
        field: Field,
        /// The value the fix expects.
        from: String,
        /// The value the field has.
        current: String,
    },
    /// A fix whose `from` and `to` are equal.
    #[error("fix for NPA {npa} field `{field}` changes nothing ({to:?})")]
    NoOpFix {
        /// The NPA.
        npa: Npa,
        /// The field.
        field: Field,
        /// Its value.
        to: String,
    },
    /// A record's country is not listed in `countries.csv`.
    #[error(
        "NPA {npa}: country_code {code} is not a NANP country or territory listed in countries.csv"
    )]
    UnknownCountry {
        /// The NPA.
        npa: Npa,
        /// The code.
        code: CountryCode,
    },
    /// A record's state or province is not one of its country's.
    #[error("NPA {npa}: {field} {code} is not a subdivision of {country}{hint}")]
    UnknownSubdivision {
        /// The NPA.
        npa: Npa,
        /// The column.
        field: &'static str,
        /// The code.
        code: SubdivisionCode,
        /// The record's country.
        country: CountryCode,
        /// What it should be, when that is known.
        hint: String,
    },
    /// A subdivision row names a country that `countries.csv` does not list.
    #[error("country_code {0} is not listed in countries.csv")]
    SubdivisionCountry(CountryCode),
    /// A record's field disagrees with what its country or subdivisions imply.
    #[error("NPA {npa}: {field} is {found:?}, but {because} gives {expected:?}")]
    Inconsistent {
        /// The NPA.
        npa: Npa,
        /// The column.
        field: &'static str,
        /// The value found.
        found: String,
        /// The value implied.
        expected: String,
        /// What implies it.
        because: String,
    },
    /// A geographic record on a code the numbering plan reserves.
    #[error("NPA {npa} is reserved ({}) and cannot be geographic", .reason.description())]
    ReservedNpa {
        /// The NPA.
        npa: Npa,
        /// Why it is reserved.
        reason: Reserved,
    },
    /// A record for a code that cannot be geographic (a service code).
    #[error("{reason}")]
    NotAssignable {
        /// The NPA.
        npa: Npa,
        /// Why not.
        reason: String,
    },
    /// A non-geographic NPA is also a geographic one.
    #[error("NPA {npa} is geographic in npa.csv and cannot also be non-geographic")]
    GeographicAndNonGeographic {
        /// The NPA.
        npa: Npa,
    },
}

/// A field of an NPA record that a fix can correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `country_code`
    CountryCode,
    /// `country_name`
    CountryName,
    /// `state_province_code`: the primary state or province.
    StateProvinceCode,
    /// `state_province_name`
    StateProvinceName,
    /// `state_province_codes`: every state or province served, primary first,
    /// separated by `;`. Not a column of `npa.csv`: it is the primary code alone
    /// until a fix lists more.
    StateProvinceCodes,
    /// `region`
    Region,
    /// `category`
    Category,
}

impl Field {
    /// Every field, in column order.
    pub const ALL: [Field; 7] = [
        Field::CountryCode,
        Field::CountryName,
        Field::StateProvinceCode,
        Field::StateProvinceName,
        Field::StateProvinceCodes,
        Field::Region,
        Field::Category,
    ];

    /// The field's column name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::CountryCode => "country_code",
            Field::CountryName => "country_name",
            Field::StateProvinceCode => "state_province_code",
            Field::StateProvinceName => "state_province_name",
            Field::StateProvinceCodes => "state_province_codes",
            Field::Region => "region",
            Field::Category => "category",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A row of `npa.csv`: one NPA and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpaRow {
    /// Line in `npa.csv`.
    pub line: u64,
    /// The area code.
    pub npa: Npa,
    /// ISO 3166-1 alpha-2 code of the country or territory.
    pub country_code: CountryCode,
    /// Name of the country or territory.
    pub country_name: String,
    /// Primary state, province or territory code.
    pub state_province_code: SubdivisionCode,
    /// Name of the state, province or territory (all of them, `/`-separated,
    /// for an NPA that serves several).
    pub state_province_name: String,
    /// Every state or province the NPA serves, primary first.
    pub state_province_codes: Vec<SubdivisionCode>,
    /// The export's grouping.
    pub region: Region,
    /// The billing category.
    pub category: Category,
}

/// A row of `fixes.csv`: one corrected field of one NPA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixRow {
    /// Line in `fixes.csv`.
    pub line: u64,
    /// The NPA corrected.
    pub npa: Npa,
    /// The field corrected.
    pub field: Field,
    /// The value the field must have before the fix.
    pub from: String,
    /// The corrected value.
    pub to: String,
    /// Why: a fact a reviewer can check.
    pub reason: String,
}

/// A row of `countries.csv`: a NANP country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryRow {
    /// Line in `countries.csv`.
    pub line: u64,
    /// ISO 3166-1 alpha-2 code.
    pub code: CountryCode,
    /// Name.
    pub name: String,
    /// The region its NPAs belong to.
    pub region: Region,
    /// The billing category of its NPAs.
    pub category: Category,
}

/// A row of `subdivisions.csv`: a state, province or territory of a country
/// that has several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubdivisionRow {
    /// Line in `subdivisions.csv`.
    pub line: u64,
    /// The country.
    pub country_code: CountryCode,
    /// The USPS or Canadian code.
    pub code: SubdivisionCode,
    /// Name.
    pub name: String,
}

/// A row of `non_geographic.csv`: a service access code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonGeographicRow {
    /// Line in `non_geographic.csv`.
    pub line: u64,
    /// The code.
    pub npa: Npa,
    /// What it is for.
    pub service: Service,
    /// Where the assignment is documented.
    pub source: String,
}

/// A whole dataset, read, validated and with its fixes applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// The NPA records after fixes, ascending by NPA.
    pub records: Vec<NpaRow>,
    /// The fixes, in the order they were applied.
    pub fixes: Vec<FixRow>,
    /// The NANP countries and territories.
    pub countries: Vec<CountryRow>,
    /// The states, provinces and territories of the countries that have several.
    pub subdivisions: Vec<SubdivisionRow>,
    /// The non-geographic codes, ascending.
    pub non_geographic: Vec<NonGeographicRow>,
}

/// Every error found in a data file or a dataset, in file order.
pub type DataErrors = Vec<DataError>;

impl Dataset {
    /// Reads and validates the five data files of `dir`, naming each file in
    /// errors as `<label>/<file>`.
    pub fn load_dir(dir: &Path, label: &str) -> Result<Dataset, DataErrors> {
        let open = |name: &str| -> Result<(String, std::fs::File), DataErrors> {
            let file = format!("{label}/{name}");
            std::fs::File::open(dir.join(name))
                .map(|f| (file.clone(), f))
                .map_err(|e| vec![error(&file, 0, DataErrorKind::Io(e.to_string()))])
        };
        fn keep<T>(errors: &mut DataErrors, result: Result<T, DataErrors>) -> Option<T> {
            result.map_err(|e| errors.extend(e)).ok()
        }
        let mut errors = Vec::new();
        let e = &mut errors;
        let countries = keep(
            e,
            open("countries.csv").and_then(|(n, f)| read_countries(&n, f)),
        );
        let subdivisions = keep(
            e,
            open("subdivisions.csv").and_then(|(n, f)| read_subdivisions(&n, f).map(|r| (n, r))),
        );
        let npa = keep(
            e,
            open("npa.csv").and_then(|(n, f)| read_npa(&n, f).map(|r| (n, r))),
        );
        let fixes = keep(
            e,
            open("fixes.csv").and_then(|(n, f)| read_fixes(&n, f).map(|r| (n, r))),
        );
        let non_geo = keep(
            e,
            open("non_geographic.csv")
                .and_then(|(n, f)| read_non_geographic(&n, f).map(|r| (n, r))),
        );
        match (countries, subdivisions, npa, fixes, non_geo) {
            (Some(c), Some(s), Some(n), Some(f), Some(g)) if errors.is_empty() => {
                Dataset::assemble(c, s, n, f, g)
            }
            _ => Err(errors),
        }
    }

    /// Applies `fixes` to `records` in order and checks the result against
    /// `countries` and `subdivisions`. Each pair is (file label, rows), the
    /// label naming the file in errors.
    pub fn assemble(
        countries: Vec<CountryRow>,
        (subdivision_file, subdivisions): (String, Vec<SubdivisionRow>),
        (npa_file, mut records): (String, Vec<NpaRow>),
        (fix_file, fixes): (String, Vec<FixRow>),
        (non_geo_file, non_geographic): (String, Vec<NonGeographicRow>),
    ) -> Result<Dataset, DataErrors> {
        let mut errors = Vec::new();
        records.sort_by_key(|r| r.npa);
        check_non_geographic(&non_geo_file, &non_geographic, &records, &mut errors);

        let index: HashMap<Npa, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.npa, i))
            .collect();
        for fix in &fixes {
            let Some(&i) = index.get(&fix.npa) else {
                errors.push(error(
                    &fix_file,
                    fix.line,
                    DataErrorKind::FixUnknownNpa { npa: fix.npa },
                ));
                continue;
            };
            if let Err(kind) = apply_fix(&mut records[i], fix) {
                errors.push(error(&fix_file, fix.line, kind));
            }
        }

        let reference = Reference::new(
            countries
                .iter()
                .map(|c| (c.code, c.name.as_str(), c.region, c.category)),
            subdivisions
                .iter()
                .map(|s| (s.country_code, s.code, s.name.as_str())),
        );
        for s in &subdivisions {
            if !reference.countries.contains_key(&s.country_code) {
                errors.push(error(
                    &subdivision_file,
                    s.line,
                    DataErrorKind::SubdivisionCountry(s.country_code),
                ));
            }
        }
        for record in &records {
            record
                .check(&reference)
                .into_iter()
                .for_each(|kind| errors.push(error(&npa_file, record.line, kind)));
        }

        let mut non_geographic = non_geographic;
        non_geographic.sort_by_key(|r| r.npa);
        if errors.is_empty() {
            Ok(Dataset {
                records,
                fixes,
                countries,
                subdivisions,
                non_geographic,
            })
        } else {
            errors.sort_by(|a, b| {
                (a.file != npa_file, &a.file, a.line).cmp(&(b.file != npa_file, &b.file, b.line))
            });
            Err(errors)
        }
    }
}

fn check_non_geographic(
    file: &str,
    non_geographic: &[NonGeographicRow],
    records: &[NpaRow],
    errors: &mut DataErrors,
) {
    let geographic: HashSet<Npa> = records.iter().map(|r| r.npa).collect();
    for row in non_geographic {
        if geographic.contains(&row.npa) {
            errors.push(error(
                file,
                row.line,
                DataErrorKind::GeographicAndNonGeographic { npa: row.npa },
            ));
        }
    }
}

/// The current value of `field` in `record`, as a fix writes it.
pub fn field_value(record: &NpaRow, field: Field) -> String {
    match field {
        Field::CountryCode => record.country_code.to_string(),
        Field::CountryName => record.country_name.clone(),
        Field::StateProvinceCode => record.state_province_code.to_string(),
        Field::StateProvinceName => record.state_province_name.clone(),
        Field::StateProvinceCodes => join_codes(&record.state_province_codes),
        Field::Region => record.region.to_string(),
        Field::Category => record.category.to_string(),
    }
}

/// Writes codes as the `state_province_codes` field holds them: `NS;PE`.
pub fn join_codes(codes: &[SubdivisionCode]) -> String {
    let mut out = String::new();
    for (i, code) in codes.iter().enumerate() {
        if i > 0 {
            out.push(CODE_LIST_SEPARATOR);
        }
        out.push_str(code.as_str());
    }
    out
}

fn apply_fix(record: &mut NpaRow, fix: &FixRow) -> Result<(), DataErrorKind> {
    let current = field_value(record, fix.field);
    if current != fix.from {
        return Err(DataErrorKind::StaleFix {
            npa: fix.npa,
            field: fix.field,
            from: fix.from.clone(),
            current,
        });
    }
    if fix.from == fix.to {
        return Err(DataErrorKind::NoOpFix {
            npa: fix.npa,
            field: fix.field,
            to: fix.to.clone(),
        });
    }
    let to = fix.to.as_str();
    match fix.field {
        Field::CountryCode => record.country_code = parse_code("to", to)?,
        Field::CountryName => record.country_name = to.to_owned(),
        Field::StateProvinceCode => {
            let code = parse_code("to", to)?;
            // A record that serves one subdivision keeps its list in step
            // with its primary; a listed set is corrected by its own fix.
            if record.state_province_codes.len() == 1 {
                record.state_province_codes = vec![code];
            }
            record.state_province_code = code;
        }
        Field::StateProvinceName => record.state_province_name = to.to_owned(),
        Field::StateProvinceCodes => record.state_province_codes = parse_code_list("to", to)?,
        Field::Region => record.region = parse_region("to", to)?,
        Field::Category => record.category = parse_category("to", to)?,
    }
    Ok(())
}

/// The countries and subdivisions a record is checked against.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    countries: HashMap<CountryCode, (String, Region, Category)>,
    subdivisions: HashMap<CountryCode, HashMap<SubdivisionCode, String>>,
}

impl Reference {
    /// Builds the reference from (code, name, region, category) countries and
    /// (country, code, name) subdivisions.
    pub fn new<'a>(
        countries: impl IntoIterator<Item = (CountryCode, &'a str, Region, Category)>,
        subdivisions: impl IntoIterator<Item = (CountryCode, SubdivisionCode, &'a str)>,
    ) -> Reference {
        let mut reference = Reference::default();
        for (code, name, region, category) in countries {
            reference
                .countries
                .insert(code, (name.to_owned(), region, category));
        }
        for (country, code, name) in subdivisions {
            reference
                .subdivisions
                .entry(country)
                .or_default()
                .insert(code, name.to_owned());
        }
        reference
    }
}

impl NpaRow {
    /// Checks the record against its country and subdivisions: the country
    /// is listed; its name, region and category are the country's; every
    /// state or province code is one of the country's (or, for a country with
    /// none listed, the country's own code); the name names them all.
    pub fn check(&self, reference: &Reference) -> Vec<DataErrorKind> {
        check_record(self, reference)
    }
}

fn check_record(r: &NpaRow, reference: &Reference) -> Vec<DataErrorKind> {
    let mut problems = Vec::new();
    if let Some(reason) = Reserved::of(r.npa) {
        problems.push(DataErrorKind::ReservedNpa { npa: r.npa, reason });
    }
    let Some((country_name, country_region, country_category)) =
        reference.countries.get(&r.country_code)
    else {
        problems.push(DataErrorKind::UnknownCountry {
            npa: r.npa,
            code: r.country_code,
        });
        return problems;
    };
    let expect = |problems: &mut Vec<DataErrorKind>,
                  field: &'static str,
                  found: String,
                  expected: String,
                  because: &str| {
        if found != expected {
            problems.push(DataErrorKind::Inconsistent {
                npa: r.npa,
                field,
                found,
                expected,
                because: because.to_owned(),
            });
        }
    };
    let because = format!("country {} in countries.csv", r.country_code);
    expect(
        &mut problems,
        "country_name",
        r.country_name.clone(),
        country_name.clone(),
        &because,
    );
    expect(
        &mut problems,
        "region",
        r.region.to_string(),
        country_region.to_string(),
        &because,
    );
    expect(
        &mut problems,
        "category",
        r.category.to_string(),
        country_category.to_string(),
        &because,
    );

    // A country without listed subdivisions is one region: its own code names it.
    let own = reference.subdivisions.get(&r.country_code);
    let name_of = |code: SubdivisionCode| -> Option<&str> {
        match own {
            Some(map) => map.get(&code).map(String::as_str),
            None => (code.as_str() == r.country_code.as_str()).then_some(country_name.as_str()),
        }
    };
    let hint = match own {
        Some(_) => String::new(),
        None => format!(" (use the territory's own code, {})", r.country_code),
    };
    let mut names = Vec::new();
    let mut seen = HashSet::new();
    for (field, code) in std::iter::once(("state_province_code", r.state_province_code)).chain(
        r.state_province_codes
            .iter()
            .map(|c| ("state_province_codes", *c)),
    ) {
        match name_of(code) {
            Some(name) if field == "state_province_codes" => {
                if !seen.insert(code) {
                    problems.push(DataErrorKind::Duplicate {
                        key: format!("NPA {} state_province_codes entry {code}", r.npa),
                        first_line: r.line,
                    });
                }
                names.push(name)
            }
            Some(_) => {}
            None => problems.push(DataErrorKind::UnknownSubdivision {
                npa: r.npa,
                field,
                code,
                country: r.country_code,
                hint: hint.clone(),
            }),
        }
    }
    if r.state_province_codes.first() != Some(&r.state_province_code) {
        problems.push(DataErrorKind::Inconsistent {
            npa: r.npa,
            field: "state_province_codes",
            found: join_codes(&r.state_province_codes),
            expected: format!("{} first", r.state_province_code),
            because: "state_province_code".to_owned(),
        });
    }
    if names.len() == r.state_province_codes.len() {
        expect(
            &mut problems,
            "state_province_name",
            r.state_province_name.clone(),
            names.join("/"),
            "the names of its state_province_codes",
        );
    }
    problems
}

fn error(file: &str, line: u64, kind: DataErrorKind) -> DataError {
    DataError {
        file: file.to_owned(),
        line,
        kind,
    }
}

/// Reads a CSV with exactly `columns` as header, calling `row` on each record.
/// Every problem is collected; the rows of a file with any problem are dropped
/// as a whole, since a partial dataset is never compiled.
fn read_rows<T>(
    file: &str,
    mut input: impl Read,
    columns: &[&str],
    optional: &[&str],
    mut row: impl FnMut(u64, &csv::StringRecord) -> Result<T, Vec<DataErrorKind>>,
) -> Result<Vec<T>, DataErrors> {
    // Data files are small: reading them whole lets positions become lines.
    let mut data = Vec::new();
    if let Err(e) = input.read_to_end(&mut data) {
        return Err(vec![error(file, 0, DataErrorKind::Io(e.to_string()))]);
    }
    let lines = LineIndex::new(&data);
    let line_of = |p: Option<&csv::Position>| p.map_or(0, |p| lines.line_of(p.byte()));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(data.as_slice());
    let mut errors = Vec::new();
    // The header is the required columns, then any leading part of the optional ones.
    let mut width = columns.len();
    match reader.headers() {
        Ok(h)
            if h.len() <= columns.len() + optional.len()
                && h.iter()
                    .eq(columns.iter().chain(optional).take(h.len()).copied())
                && h.len() >= columns.len() =>
        {
            width = h.len();
        }
        Ok(h) => errors.push(error(
            file,
            line_of(h.position()).max(1),
            DataErrorKind::Header {
                found: h.iter().collect::<Vec<_>>().join(","),
                expected: columns.join(","),
            },
        )),
        Err(e) => {
            let line = line_of(e.position()).max(1);
            return Err(vec![error(file, line, DataErrorKind::Csv(e.to_string()))]);
        }
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = line_of(record.position());
                if record.len() != width {
                    errors.push(error(
                        file,
                        line,
                        DataErrorKind::FieldCount {
                            found: record.len(),
                            expected: width,
                        },
                    ));
                    continue;
                }
                match row(line, &record) {
                    Ok(value) => rows.push(value),
                    Err(kinds) => errors.extend(kinds.into_iter().map(|k| error(file, line, k))),
                }
            }
            Err(e) => {
                let line = line_of(e.position());
                errors.push(error(file, line, DataErrorKind::Csv(e.to_string())));
                // The reader cannot resynchronise after an I/O error.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Maps byte offsets to 1-based line numbers.
///
/// The `csv` reader's own line count is taken before it skips the previous
/// row's terminator, so it is one short after CRLF and after blank lines.
pub(crate) struct LineIndex<'a> {
    data: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        let newlines = (0..data.len()).filter(|&i| data[i] == b'\n').collect();
        LineIndex { data, newlines }
    }

    /// The line of the first byte at or after `byte` that is not a line terminator.
    pub(crate) fn line_of(&self, byte: u64) -> u64 {
        let start = usize::try_from(byte).map_or(self.data.len(), |b| b.min(self.data.len()));
        let pos = self.data[start..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(self.data.len(), |n| start + n);
        self.newlines.partition_point(|&n| n < pos) as u64 + 1
    }
}

/// Collects each field's parse problem so a row reports all of them at once.
struct Fields<'r> {
    record: &'r csv::StringRecord,
    problems: Vec<DataErrorKind>,
}

impl<'r> Fields<'r> {
    fn new(record: &'r csv::StringRecord) -> Self {
        Fields {
            record,
            problems: Vec::new(),
        }
    }

    fn get<T>(
        &mut self,
        i: usize,
        field: &'static str,
        parse: fn(&'static str, &str) -> Result<T, DataErrorKind>,
    ) -> Option<T> {
        let value = self.record.get(i).unwrap_or("");
        let result = if value.is_empty() {
            Err(DataErrorKind::Empty { field })
        } else {
            parse(field, value)
        };
        result.map_err(|e| self.problems.push(e)).ok()
    }

    fn text(&mut self, i: usize, field: &'static str) -> Option<String> {
        self.get(i, field, |_, v| Ok(v.to_owned()))
    }

    /// Reports a key seen on an earlier row, even if that row had other
    /// problems, and remembers where each key was first seen.
    fn unique<K: std::hash::Hash + Eq>(
        &mut self,
        seen: &mut HashMap<K, u64>,
        key: Option<K>,
        line: u64,
        label: impl FnOnce(&K) -> String,
    ) {
        let Some(key) = key else { return };
        match seen.get(&key) {
            Some(&first_line) => self.problems.push(DataErrorKind::Duplicate {
                key: label(&key),
                first_line,
            }),
            None => {
                seen.insert(key, line);
            }
        }
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<DataErrorKind>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(self.problems),
        }
    }
}

fn parse_npa(field: &'static str, value: &str) -> Result<Npa, DataErrorKind> {
    value.parse().map_err(|error| DataErrorKind::Npa {
        field,
        value: value.to_owned(),
        error,
    })
}

fn parse_code<T: std::str::FromStr>(field: &'static str, value: &str) -> Result<T, DataErrorKind> {
    value.parse().map_err(|_| DataErrorKind::MalformedCode {
        field,
        value: value.to_owned(),
    })
}

fn parse_code_list(
    field: &'static str,
    value: &str,
) -> Result<Vec<SubdivisionCode>, DataErrorKind> {
    value
        .split(CODE_LIST_SEPARATOR)
        .map(|c| parse_code(field, c))
        .collect()
}

fn parse_category(field: &'static str, value: &str) -> Result<Category, DataErrorKind> {
    value.parse().map_err(|_| DataErrorKind::UnknownValue {
        field,
        value: value.to_owned(),
        expected: "us-domestic, canadian, caribbean, pacific",
    })
}

fn parse_region(field: &'static str, value: &str) -> Result<Region, DataErrorKind> {
    value.parse().map_err(|_| DataErrorKind::UnknownValue {
        field,
        value: value.to_owned(),
        expected: "US, CA, Caribbean, Pacific",
    })
}

fn parse_service(field: &'static str, value: &str) -> Result<Service, DataErrorKind> {
    value.parse().map_err(|_| DataErrorKind::UnknownValue {
        field,
        value: value.to_owned(),
        expected: "toll-free, premium, personal-communications, canadian-non-geographic, interexchange, us-government",
    })
}

fn parse_field(field: &'static str, value: &str) -> Result<Field, DataErrorKind> {
    Field::ALL.into_iter().find(|f| f.as_str() == value).ok_or_else(|| DataErrorKind::UnknownValue {
        field,
        value: value.to_owned(),
        expected: "country_code, country_name, state_province_code, state_province_name, state_province_codes, region, category",
    })
}

/// Reads `npa.csv`: NPAs well-formed and unique, codes well-formed, region and
/// category known. Country and subdivision checks wait for the fixes
/// ([`Dataset::assemble`]), since the file keeps its source's errors.
pub fn read_npa(file: &str, input: impl Read) -> Result<Vec<NpaRow>, DataErrors> {
    let mut seen = HashMap::new();
    read_rows(
        file,
        input,
        &NPA_COLUMNS,
        &NPA_OPTIONAL_COLUMNS,
        |line, rec| {
            let mut f = Fields::new(rec);
            let npa = f.get(0, "npa", parse_npa);
            f.unique(&mut seen, npa, line, |n| format!("NPA {n}"));
            let country_code = f.get(1, "country_code", parse_code);
            let country_name = f.text(2, "country_name");
            let state_province_code = f.get(3, "state_province_code", parse_code);
            let state_province_name = f.text(4, "state_province_name");
            let region = f.get(5, "region", parse_region);
            let category = f.get(6, "category", parse_category);
            let codes = match rec.get(7) {
                Some(_) => f.get(7, "state_province_codes", parse_code_list),
                None => state_province_code.map(|c| vec![c]),
            };
            let row = (|| {
                Some(NpaRow {
                    line,
                    npa: npa?,
                    country_code: country_code?,
                    country_name: country_name?,
                    state_province_code: state_province_code?,
                    state_province_name: state_province_name?,
                    state_province_codes: codes?,
                    region: region?,
                    category: category?,
                })
            })();
            f.finish(row)
        },
    )
}

/// Reads `fixes.csv`: NPA well-formed, field known, `to` and `reason` present.
/// `from` may be empty only for a field that was empty.
pub fn read_fixes(file: &str, input: impl Read) -> Result<Vec<FixRow>, DataErrors> {
    read_rows(file, input, &FIX_COLUMNS, &[], |line, rec| {
        let mut f = Fields::new(rec);
        let npa = f.get(0, "npa", parse_npa);
        let field = f.get(1, "field", parse_field);
        let from = rec.get(2).unwrap_or("").to_owned();
        let to = f.text(3, "to");
        let reason = f.text(4, "reason");
        let row = (|| {
            Some(FixRow {
                line,
                npa: npa?,
                field: field?,
                from,
                to: to?,
                reason: reason?,
            })
        })();
        f.finish(row)
    })
}

/// Reads `countries.csv`: codes well-formed and unique, region and category known.
pub fn read_countries(file: &str, input: impl Read) -> Result<Vec<CountryRow>, DataErrors> {
    let mut seen = HashMap::new();
    read_rows(file, input, &COUNTRY_COLUMNS, &[], |line, rec| {
        let mut f = Fields::new(rec);
        let code = f.get(0, "country_code", parse_code);
        f.unique(&mut seen, code, line, |c| format!("country {c}"));
        let name = f.text(1, "country_name");
        let region = f.get(2, "region", parse_region);
        let category = f.get(3, "category", parse_category);
        let row = (|| {
            Some(CountryRow {
                line,
                code: code?,
                name: name?,
                region: region?,
                category: category?,
            })
        })();
        f.finish(row)
    })
}

/// Reads `subdivisions.csv`: codes well-formed and unique within their country.
pub fn read_subdivisions(file: &str, input: impl Read) -> Result<Vec<SubdivisionRow>, DataErrors> {
    let mut seen = HashMap::new();
    read_rows(file, input, &SUBDIVISION_COLUMNS, &[], |line, rec| {
        let mut f = Fields::new(rec);
        let country_code = f.get(0, "country_code", parse_code);
        let code = f.get(1, "code", parse_code);
        let key = country_code.zip(code);
        f.unique(&mut seen, key, line, |(c, s)| {
            format!("subdivision {c}-{s}")
        });
        let name = f.text(2, "name");
        let row = (|| {
            Some(SubdivisionRow {
                line,
                country_code: country_code?,
                code: code?,
                name: name?,
            })
        })();
        f.finish(row)
    })
}

/// Reads `non_geographic.csv`: NPAs well-formed and unique, service known.
pub fn read_non_geographic(
    file: &str,
    input: impl Read,
) -> Result<Vec<NonGeographicRow>, DataErrors> {
    let mut seen = HashMap::new();
    read_rows(file, input, &NON_GEOGRAPHIC_COLUMNS, &[], |line, rec| {
        let mut f = Fields::new(rec);
        let npa = f.get(0, "npa", parse_npa);
        f.unique(&mut seen, npa, line, |n| format!("NPA {n}"));
        let service = f.get(1, "service", parse_service);
        let source = f.text(2, "source");
        let row = (|| {
            Some(NonGeographicRow {
                line,
                npa: npa?,
                service: service?,
                source: source?,
            })
        })();
        f.finish(row)
    })
}
