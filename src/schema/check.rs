//! Applying the fixes and checking records against their country: the
//! second half of validation, once every file has been read.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::read::{
    parse_category, parse_code, parse_code_list, parse_region, read_countries, read_fixes,
    read_non_geographic, read_npa, read_subdivisions,
};
use super::{
    error, CountryRow, DataErrorKind, DataErrors, Dataset, Field, FixRow, NonGeographicRow, NpaRow,
    SubdivisionRow, CODE_LIST_SEPARATOR,
};
use crate::category::{Category, Region};
use crate::code::{CountryCode, SubdivisionCode};
use crate::npa::Npa;
use crate::reserved::Reserved;

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
