//! Applying the fixes and checking records against their country: the
//! second half of validation, once every file has been read.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use std::borrow::Cow;

use super::read::{
    parse_category, parse_code, parse_code_list, parse_region, read_countries, read_fixes,
    read_non_geographic, read_npa, read_subdivisions, read_time_zones,
};
use super::{error, DataErrorKind, DataErrors, Dataset, Field, Lined};
use crate::category::{Category, Region};
use crate::code::{CountryCode, SubdivisionCode};
use crate::npa::Npa;
use crate::record::{Country, Fix, NonGeographic, NpaRecord, NpaTimeZones, Subdivision};
use crate::reserved::Reserved;

impl Dataset {
    /// Reads and validates the data files of `dir` ([`DATA_FILES`](super::DATA_FILES)),
    /// naming each file in errors as `<label>/<file>`.
    ///
    /// # Errors
    ///
    /// Every problem in every file, each as `<label>/<file>:<line>: <what>`.
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
        let zones = keep(
            e,
            open("time_zones.csv").and_then(|(n, f)| read_time_zones(&n, f).map(|r| (n, r))),
        );
        match (countries, subdivisions, npa, fixes, non_geo, zones) {
            (Some(c), Some(s), Some(n), Some(f), Some(g), Some(z)) if errors.is_empty() => {
                Dataset::assemble(c, s, n, f, g, z)
            }
            _ => Err(errors),
        }
    }

    /// Applies `fixes` to `records` in order, gives each record its time
    /// zones, and checks the result against `countries` and `subdivisions`.
    /// Each pair is (file label, rows), the label naming the file in errors.
    ///
    /// # Errors
    ///
    /// Every stale or unknown fix, every record that disagrees with its
    /// country, every record without time zones and every time-zone row
    /// for an NPA the records lack, each with its file and line.
    pub fn assemble(
        countries: Vec<Lined<Country>>,
        (subdivision_file, subdivisions): (String, Vec<Lined<Subdivision>>),
        (npa_file, mut records): (String, Vec<Lined<NpaRecord>>),
        (fix_file, fixes): (String, Vec<Lined<Fix>>),
        (non_geo_file, non_geographic): (String, Vec<Lined<NonGeographic>>),
        (zone_file, mut time_zones): (String, Vec<Lined<NpaTimeZones>>),
    ) -> Result<Dataset, DataErrors> {
        let mut errors = Vec::new();
        records.sort_by_key(|r| r.npa);
        time_zones.sort_by_key(|z| z.npa);
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
            if let Err(kind) = apply_fix(&mut records[i].record, fix) {
                errors.push(error(&fix_file, fix.line, kind));
            }
        }

        assign_time_zones(
            &npa_file,
            &mut records,
            &zone_file,
            &time_zones,
            &mut errors,
        );

        let reference = Reference::new(
            countries.iter().map(|c| &c.record),
            subdivisions.iter().map(|s| &s.record),
        );
        for s in &subdivisions {
            if !reference.has_country(s.country_code) {
                errors.push(error(
                    &subdivision_file,
                    s.line,
                    DataErrorKind::SubdivisionCountry(s.country_code),
                ));
            }
        }
        for record in &records {
            check_record(record, record.line, &reference)
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
                time_zones,
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
    non_geographic: &[Lined<NonGeographic>],
    records: &[Lined<NpaRecord>],
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

/// Gives each record the zones of its row of `time_zones.csv`: a record
/// without a row, and a row without a record, are errors. A record whose
/// NPA file carried zones already (the optional column) must carry these.
fn assign_time_zones(
    npa_file: &str,
    records: &mut [Lined<NpaRecord>],
    zone_file: &str,
    time_zones: &[Lined<NpaTimeZones>],
    errors: &mut DataErrors,
) {
    let rows: HashMap<Npa, &Lined<NpaTimeZones>> = time_zones.iter().map(|z| (z.npa, z)).collect();
    for record in records.iter_mut() {
        let npa = record.npa;
        let Some(row) = rows.get(&npa) else {
            errors.push(error(
                npa_file,
                record.line,
                DataErrorKind::NoTimeZones { npa },
            ));
            continue;
        };
        if !record.time_zones.is_empty() && record.time_zones != row.time_zones {
            let kind = DataErrorKind::Inconsistent {
                npa,
                field: "time_zones",
                found: record.time_zone_list(),
                expected: row
                    .time_zones
                    .iter()
                    .map(|z| z.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                because: format!("{zone_file} line {}", row.line),
            };
            errors.push(error(npa_file, record.line, kind));
            continue;
        }
        record.record.time_zones = row.time_zones.clone();
    }
    let known: HashSet<Npa> = records.iter().map(|r| r.npa).collect();
    for row in time_zones.iter().filter(|z| !known.contains(&z.npa)) {
        let kind = DataErrorKind::TimeZonesUnknownNpa { npa: row.npa };
        errors.push(error(zone_file, row.line, kind));
    }
}

fn apply_fix(record: &mut NpaRecord, fix: &Fix) -> Result<(), DataErrorKind> {
    let current = record.field_value(fix.field);
    if current != fix.from {
        return Err(DataErrorKind::StaleFix {
            npa: fix.npa,
            field: fix.field,
            from: fix.from.to_string(),
            current,
        });
    }
    if fix.from == fix.to {
        return Err(DataErrorKind::NoOpFix {
            npa: fix.npa,
            field: fix.field,
            to: fix.to.to_string(),
        });
    }
    let to = &*fix.to;
    match fix.field {
        Field::CountryCode => record.country_code = parse_code("to", to)?,
        Field::CountryName => record.country_name = Cow::Owned(to.to_owned()),
        Field::StateProvinceCode => {
            let code = parse_code("to", to)?;
            // A record that serves one subdivision keeps its list in step
            // with its primary; a listed set is corrected by its own fix.
            if record.state_province_codes.len() == 1 {
                record.state_province_codes = Cow::Owned(vec![code]);
            }
            record.state_province_code = code;
        }
        Field::StateProvinceName => record.state_province_name = Cow::Owned(to.to_owned()),
        Field::StateProvinceCodes => {
            record.state_province_codes = Cow::Owned(parse_code_list("to", to)?)
        }
        Field::Region => record.region = parse_region("to", to)?,
        Field::Category => record.category = parse_category("to", to)?,
    }
    Ok(())
}

/// The countries and subdivisions a record is checked against.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reference {
    countries: HashMap<CountryCode, (String, Region, Category)>,
    subdivisions: HashMap<CountryCode, HashMap<SubdivisionCode, String>>,
}

impl Reference {
    pub(crate) fn new<'a>(
        countries: impl IntoIterator<Item = &'a Country>,
        subdivisions: impl IntoIterator<Item = &'a Subdivision>,
    ) -> Reference {
        let mut reference = Reference::default();
        for c in countries {
            reference
                .countries
                .insert(c.code, (c.name.to_string(), c.region, c.category));
        }
        for s in subdivisions {
            reference
                .subdivisions
                .entry(s.country_code)
                .or_default()
                .insert(s.code, s.name.to_string());
        }
        reference
    }

    /// Whether `code` is a listed country.
    pub(crate) fn has_country(&self, code: CountryCode) -> bool {
        self.countries.contains_key(&code)
    }
}

/// Checks a record against its country and subdivisions: the code is not
/// reserved; the country is listed; its name, region and category are the
/// country's; every state or province code is one of the country's (or, for
/// a country with none listed, the country's own code); the name names
/// them all.
/// `line` is where the record is (0 for one built in code).
pub(crate) fn check_record(r: &NpaRecord, line: u64, reference: &Reference) -> Vec<DataErrorKind> {
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
        r.country_name.to_string(),
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
    // An unknown code is reported once, under the first field that holds it
    // (the list repeats the primary code).
    let mut unknown = HashSet::new();
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
                        first_line: line,
                    });
                }
                names.push(name)
            }
            Some(_) => {}
            None if !unknown.insert(code) => {}
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
            found: r.state_province_list(),
            expected: format!("{} first", r.state_province_code),
            because: "state_province_code".to_owned(),
        });
    }
    if names.len() == r.state_province_codes.len() {
        expect(
            &mut problems,
            "state_province_name",
            r.state_province_name.to_string(),
            names.join("/"),
            "the names of its state_province_codes",
        );
    }
    problems
}
