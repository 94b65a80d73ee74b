//! Reading the data files: every row parsed and checked on its own, every
//! problem kept with its line.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

use super::{
    error, DataErrorKind, DataErrors, Field, Lined, CODE_LIST_SEPARATOR, COUNTRY_COLUMNS,
    FIX_COLUMNS, NON_GEOGRAPHIC_COLUMNS, NPA_COLUMNS, NPA_OPTIONAL_COLUMNS, SUBDIVISION_COLUMNS,
    TIME_ZONE_COLUMNS,
};
use crate::category::{Category, Region};
use crate::code::SubdivisionCode;
use crate::npa::Npa;
use crate::record::{Country, Fix, NonGeographic, NpaRecord, NpaTimeZones, Subdivision};
use crate::rows::{Encoding, Fault, Fields, RowReader};
use crate::service::Service;
use crate::zone::TimeZoneId;

/// The rows, if there is no problem; a partial dataset is never compiled.
fn whole<T>((rows, errors): (Vec<Lined<T>>, DataErrors)) -> Result<Vec<Lined<T>>, DataErrors> {
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The header a file may have, the optional columns in brackets:
/// `npa,…,category[,state_province_codes[,time_zones]]`.
fn header_form(columns: &[&str], optional: &[&str]) -> String {
    let mut form = columns.join(",");
    for column in optional {
        form.push_str(&format!("[,{column}"));
    }
    form.push_str(&"]".repeat(optional.len()));
    form
}

/// Reads a CSV with exactly `columns` as header (then any leading part of
/// `optional`), calling `row` on each record: the good rows, and every
/// problem of the others.
fn read_rows<T>(
    file: &str,
    input: impl Read,
    columns: &[&str],
    optional: &[&str],
    mut row: impl FnMut(u64, &Fields) -> Result<T, Vec<DataErrorKind>>,
) -> (Vec<Lined<T>>, DataErrors) {
    // Data files are UTF-8: a row that is not is an error, never guessed.
    let mut reader = match RowReader::new(input, b',', Encoding::Utf8) {
        Ok(reader) => reader,
        Err(e) => {
            return (
                Vec::new(),
                vec![error(file, 0, DataErrorKind::Io(e.to_string()))],
            )
        }
    };
    let mut errors = Vec::new();
    let io = |e: std::io::Error, line| vec![error(file, line, DataErrorKind::Io(e.to_string()))];
    let width = match reader.next_row() {
        Err(e) => return (Vec::new(), io(e, 1)),
        Ok(Some(h)) if h.fault().is_some() => {
            let message = h.fault().unwrap_or(Fault::TooLong).message();
            return (
                Vec::new(),
                vec![error(file, h.line(), DataErrorKind::Csv(message.into()))],
            );
        }
        Ok(Some(h))
            if h.len() >= columns.len()
                && h.len() <= columns.len() + optional.len()
                && h.iter()
                    .eq(columns.iter().chain(optional).take(h.len()).copied()) =>
        {
            h.len()
        }
        Ok(h) => {
            let line = h.map_or(1, Fields::line);
            let found = h.map(|h| h.iter().collect::<Vec<_>>().join(","));
            errors.push(error(
                file,
                line,
                DataErrorKind::Header {
                    found: found.unwrap_or_default(),
                    expected: header_form(columns, optional),
                },
            ));
            columns.len()
        }
    };
    let mut rows = Vec::new();
    loop {
        let record = match reader.next_row() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) => {
                // The reader cannot go on after an I/O error.
                errors.extend(io(e, reader.line()));
                break;
            }
        };
        let line = record.line();
        if let Some(fault) = record.fault() {
            errors.push(error(
                file,
                line,
                DataErrorKind::Csv(fault.message().into()),
            ));
            continue;
        }
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
        match row(line, record) {
            Ok(value) => rows.push(Lined {
                line,
                record: value,
            }),
            Err(kinds) => errors.extend(kinds.into_iter().map(|k| error(file, line, k))),
        }
    }
    (rows, errors)
}

/// Collects each field's parse problem so a row reports all of them at
/// once. Every reader of named or positional columns uses it.
pub(crate) struct Problems {
    pub(crate) problems: Vec<DataErrorKind>,
}

impl Problems {
    pub(crate) fn new() -> Self {
        Problems {
            problems: Vec::new(),
        }
    }

    /// Parses `value` (of column `field`): an empty value is a problem of
    /// its own.
    pub(crate) fn parse<T>(
        &mut self,
        value: &str,
        field: &'static str,
        parse: impl FnOnce(&'static str, &str) -> Result<T, DataErrorKind>,
    ) -> Option<T> {
        let result = if value.is_empty() {
            Err(DataErrorKind::Empty { field })
        } else {
            parse(field, value)
        };
        result.map_err(|e| self.problems.push(e)).ok()
    }

    /// A text field that must not be empty.
    pub(crate) fn text(&mut self, value: &str, field: &'static str) -> Option<Cow<'static, str>> {
        self.parse(value, field, |_, v| Ok(Cow::Owned(v.to_owned())))
    }

    /// Reports a key seen on an earlier row, even if that row had other
    /// problems, and remembers where each key was first seen.
    pub(crate) fn unique<K: std::hash::Hash + Eq>(
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

    /// The value, if no field had a problem; otherwise every problem.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Vec<DataErrorKind>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(self.problems),
        }
    }
}

pub(crate) fn parse_npa(field: &'static str, value: &str) -> Result<Npa, DataErrorKind> {
    value.parse().map_err(|error| DataErrorKind::Npa {
        field,
        value: value.to_owned(),
        error,
    })
}

pub(crate) fn parse_code<T: std::str::FromStr>(
    field: &'static str,
    value: &str,
) -> Result<T, DataErrorKind> {
    value.parse().map_err(|_| DataErrorKind::MalformedCode {
        field,
        value: value.to_owned(),
    })
}

pub(crate) fn parse_code_list(
    field: &'static str,
    value: &str,
) -> Result<Vec<SubdivisionCode>, DataErrorKind> {
    value
        .split(CODE_LIST_SEPARATOR)
        .map(|c| parse_code(field, c))
        .collect()
}

/// A `;`-separated list of IANA time-zone names, each as the bundled
/// database spells it, none twice.
pub(crate) fn parse_time_zone_list(
    field: &'static str,
    value: &str,
) -> Result<Vec<TimeZoneId>, DataErrorKind> {
    let mut zones: Vec<TimeZoneId> = Vec::new();
    for name in value.split(CODE_LIST_SEPARATOR) {
        let zone =
            TimeZoneId::new(name).map_err(|error| DataErrorKind::TimeZone { field, error })?;
        if zones.contains(&zone) {
            return Err(DataErrorKind::RepeatedTimeZone { field, zone });
        }
        zones.push(zone);
    }
    Ok(zones)
}

/// Parses a name of one of the named enums, reporting the accepted names.
fn parse_name<T: std::str::FromStr<Err = crate::names::UnknownName>>(
    field: &'static str,
    value: &str,
) -> Result<T, DataErrorKind> {
    value
        .parse()
        .map_err(|e: crate::names::UnknownName| DataErrorKind::UnknownValue {
            field,
            value: value.to_owned(),
            expected: e.expected(),
        })
}

pub(crate) fn parse_category(field: &'static str, value: &str) -> Result<Category, DataErrorKind> {
    parse_name(field, value)
}

pub(crate) fn parse_region(field: &'static str, value: &str) -> Result<Region, DataErrorKind> {
    parse_name(field, value)
}

/// Reads `npa.csv`: NPAs well-formed and unique, codes well-formed, region and
/// category known. Country and subdivision checks wait for the fixes
/// ([`Dataset::assemble`](super::Dataset::assemble)), since the file keeps its source's errors.
///
/// # Errors
///
/// Every problem of every row, each with its line.
pub fn read_npa(file: &str, input: impl Read) -> Result<Vec<Lined<NpaRecord>>, DataErrors> {
    whole(read_npa_rows(file, input))
}

/// [`read_npa`]'s good rows, and the problems of the others.
pub(crate) fn read_npa_rows(file: &str, input: impl Read) -> (Vec<Lined<NpaRecord>>, DataErrors) {
    let mut seen = HashMap::new();
    read_rows(
        file,
        input,
        &NPA_COLUMNS,
        &NPA_OPTIONAL_COLUMNS,
        |line, rec| {
            let cell = |i| rec.get(i).unwrap_or("");
            let mut f = Problems::new();
            let npa = f.parse(cell(0), "npa", parse_npa);
            f.unique(&mut seen, npa, line, |n| format!("NPA {n}"));
            let country_code = f.parse(cell(1), "country_code", parse_code);
            let country_name = f.text(cell(2), "country_name");
            let state_province_code = f.parse(cell(3), "state_province_code", parse_code);
            let state_province_name = f.text(cell(4), "state_province_name");
            let region = f.parse(cell(5), "region", parse_region);
            let category = f.parse(cell(6), "category", parse_category);
            let codes = match rec.get(7) {
                Some(list) => f.parse(list, "state_province_codes", parse_code_list),
                None => state_province_code.map(|c| vec![c]),
            };
            // An empty or absent `time_zones` is no zones (see Directory::load_csv).
            let time_zones = match rec.get(8) {
                Some(list) if !list.is_empty() => f.parse(list, "time_zones", parse_time_zone_list),
                _ => Some(Vec::new()),
            };
            let row = (|| {
                Some(NpaRecord {
                    npa: npa?,
                    country_code: country_code?,
                    country_name: country_name?,
                    state_province_code: state_province_code?,
                    state_province_name: state_province_name?,
                    state_province_codes: Cow::Owned(codes?),
                    region: region?,
                    category: category?,
                    time_zones: Cow::Owned(time_zones?),
                })
            })();
            f.finish(row)
        },
    )
}

/// Reads `fixes.csv`: NPA well-formed, field known, `to` and `reason` present.
/// `from` may be empty only for a field that was empty.
///
/// # Errors
///
/// Every problem of every row, each with its line.
pub fn read_fixes(file: &str, input: impl Read) -> Result<Vec<Lined<Fix>>, DataErrors> {
    whole(read_rows(file, input, &FIX_COLUMNS, &[], |_, rec| {
        let cell = |i| rec.get(i).unwrap_or("");
        let mut f = Problems::new();
        let npa = f.parse(cell(0), "npa", parse_npa);
        let field = f.parse(cell(1), "field", parse_name::<Field>);
        let from = Cow::Owned(cell(2).to_owned());
        let to = f.text(cell(3), "to");
        let reason = f.text(cell(4), "reason");
        let row = (|| {
            Some(Fix {
                npa: npa?,
                field: field?,
                from,
                to: to?,
                reason: reason?,
            })
        })();
        f.finish(row)
    }))
}

/// Reads `countries.csv`: codes well-formed and unique, region and category known.
///
/// # Errors
///
/// Every problem of every row, each with its line.
pub fn read_countries(file: &str, input: impl Read) -> Result<Vec<Lined<Country>>, DataErrors> {
    let mut seen = HashMap::new();
    whole(read_rows(
        file,
        input,
        &COUNTRY_COLUMNS,
        &[],
        |line, rec| {
            let cell = |i| rec.get(i).unwrap_or("");
            let mut f = Problems::new();
            let code = f.parse(cell(0), "country_code", parse_code);
            f.unique(&mut seen, code, line, |c| format!("country {c}"));
            let name = f.text(cell(1), "country_name");
            let region = f.parse(cell(2), "region", parse_region);
            let category = f.parse(cell(3), "category", parse_category);
            let row = (|| {
                Some(Country {
                    code: code?,
                    name: name?,
                    region: region?,
                    category: category?,
                })
            })();
            f.finish(row)
        },
    ))
}

/// Reads `subdivisions.csv`: codes well-formed and unique within their country.
///
/// # Errors
///
/// Every problem of every row, each with its line.
pub fn read_subdivisions(
    file: &str,
    input: impl Read,
) -> Result<Vec<Lined<Subdivision>>, DataErrors> {
    let mut seen = HashMap::new();
    whole(read_rows(
        file,
        input,
        &SUBDIVISION_COLUMNS,
        &[],
        |line, rec| {
            let cell = |i| rec.get(i).unwrap_or("");
            let mut f = Problems::new();
            let country_code = f.parse(cell(0), "country_code", parse_code);
            let code = f.parse(cell(1), "code", parse_code);
            let key = country_code.zip(code);
            f.unique(&mut seen, key, line, |(c, s)| {
                format!("subdivision {c}-{s}")
            });
            let name = f.text(cell(2), "name");
            let row = (|| {
                Some(Subdivision {
                    country_code: country_code?,
                    code: code?,
                    name: name?,
                })
            })();
            f.finish(row)
        },
    ))
}

/// Reads `non_geographic.csv`: NPAs well-formed and unique, service known.
///
/// # Errors
///
/// Every problem of every row, each with its line.
pub fn read_non_geographic(
    file: &str,
    input: impl Read,
) -> Result<Vec<Lined<NonGeographic>>, DataErrors> {
    let mut seen = HashMap::new();
    whole(read_rows(
        file,
        input,
        &NON_GEOGRAPHIC_COLUMNS,
        &[],
        |line, rec| {
            let cell = |i| rec.get(i).unwrap_or("");
            let mut f = Problems::new();
            let npa = f.parse(cell(0), "npa", parse_npa);
            f.unique(&mut seen, npa, line, |n| format!("NPA {n}"));
            let service = f.parse(cell(1), "service", parse_name::<Service>);
            let source = f.text(cell(2), "source");
            let row = (|| {
                Some(NonGeographic {
                    npa: npa?,
                    service: service?,
                    source: source?,
                })
            })();
            f.finish(row)
        },
    ))
}

/// Reads `time_zones.csv`: NPAs well-formed and unique, each with one or
/// more IANA time zones the bundled database knows, spelled as it spells
/// them, none twice, and a source. Whether every NPA has a row waits for
/// [`Dataset::assemble`](super::Dataset::assemble).
///
/// ```
/// use nanp_lerg::schema::read_time_zones;
///
/// let csv = "npa,time_zones,source\n212,America/New_Yrok,libphonenumber\n";
/// let errors = read_time_zones("data/time_zones.csv", csv.as_bytes()).unwrap_err();
/// assert!(errors[0].to_string().starts_with(
///     "data/time_zones.csv:2: field `time_zones`: \"America/New_Yrok\" is not a time zone of the IANA time-zone database"
/// ));
/// ```
///
/// # Errors
///
/// Every problem of every row, each with its line.
pub fn read_time_zones(
    file: &str,
    input: impl Read,
) -> Result<Vec<Lined<NpaTimeZones>>, DataErrors> {
    let mut seen = HashMap::new();
    whole(read_rows(
        file,
        input,
        &TIME_ZONE_COLUMNS,
        &[],
        |line, rec| {
            let cell = |i| rec.get(i).unwrap_or("");
            let mut f = Problems::new();
            let npa = f.parse(cell(0), "npa", parse_npa);
            f.unique(&mut seen, npa, line, |n| format!("NPA {n}"));
            let time_zones = f.parse(cell(1), "time_zones", parse_time_zone_list);
            let source = f.text(cell(2), "source");
            let row = (|| {
                Some(NpaTimeZones {
                    npa: npa?,
                    time_zones: Cow::Owned(time_zones?),
                    source: source?,
                })
            })();
            f.finish(row)
        },
    ))
}
