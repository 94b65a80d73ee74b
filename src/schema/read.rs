//! Reading the data files: every row parsed and checked on its own, every
//! problem kept with its line.

use std::collections::HashMap;
use std::io::Read;

use super::{
    error, CountryRow, DataErrorKind, DataErrors, Field, FixRow, NonGeographicRow, NpaRow,
    SubdivisionRow, CODE_LIST_SEPARATOR, COUNTRY_COLUMNS, FIX_COLUMNS, NON_GEOGRAPHIC_COLUMNS,
    NPA_COLUMNS, NPA_OPTIONAL_COLUMNS, SUBDIVISION_COLUMNS,
};
use crate::category::{Category, Region};
use crate::code::SubdivisionCode;
use crate::npa::Npa;
use crate::service::Service;

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

pub(crate) fn parse_category(field: &'static str, value: &str) -> Result<Category, DataErrorKind> {
    value.parse().map_err(|_| DataErrorKind::UnknownValue {
        field,
        value: value.to_owned(),
        expected: "us-domestic, canadian, caribbean, pacific",
    })
}

pub(crate) fn parse_region(field: &'static str, value: &str) -> Result<Region, DataErrorKind> {
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
/// ([`Dataset::assemble`](super::Dataset::assemble)), since the file keeps its source's errors.
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
