//! Writing records back out: the CSV schema of `data/npa.csv` and JSON.
//!
//! One CSV writer serves [`Directory::write_csv`], the import of an
//! enhanced-LERG export ([`crate::import::LergImport::write_csv`]) and
//! [`NpaRecord::write_csv`], so they can never quote differently: minimal
//! quoting (only fields holding a comma, quote or line break) and LF line
//! endings. The first two write every record ascending by NPA; the last
//! writes the records it is given, in their order.

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use crate::directory::Directory;
use crate::record::NpaRecord;
use crate::schema::{NPA_COLUMNS, NPA_OPTIONAL_COLUMNS};

/// Writes `records` under the header of `data/npa.csv`, with the
/// `state_province_codes` and `time_zones` columns when `with_codes` is set.
pub(crate) fn write_records<'a>(
    out: impl Write,
    records: impl IntoIterator<Item = &'a NpaRecord>,
    with_codes: bool,
) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    let optional = if with_codes {
        &NPA_OPTIONAL_COLUMNS[..]
    } else {
        &[]
    };
    w.write_record(NPA_COLUMNS.iter().chain(optional))
        .map_err(into_io)?;
    for r in records {
        let npa = r.npa.to_string();
        let codes = r.state_province_list();
        let zones = r.time_zone_list();
        let fields = [
            npa.as_str(),
            r.country_code.as_str(),
            &*r.country_name,
            r.state_province_code.as_str(),
            &*r.state_province_name,
            r.region.as_str(),
            r.category.as_str(),
            &codes,
            &zones,
        ];
        let width = NPA_COLUMNS.len() + optional.len();
        w.write_record(&fields[..width]).map_err(into_io)?;
    }
    w.flush()
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl NpaRecord {
    /// Writes `records` as CSV in the schema of `data/npa.csv` plus the
    /// `state_province_codes` and `time_zones` columns (each `;`-joined):
    /// what [`Directory::load_csv`] reads back. For a filtered listing;
    /// [`Directory::write_csv`] writes all.
    ///
    /// ```
    /// use nanp_lerg::{Category, NpaRecord};
    ///
    /// let pacific = nanp_lerg::records().filter(|r| r.category == Category::Pacific);
    /// let mut out = Vec::new();
    /// NpaRecord::write_csv(pacific, &mut out).unwrap();
    /// let text = String::from_utf8(out).unwrap();
    /// assert_eq!(text.lines().count(), 4);
    /// assert!(text.contains("\n671,GU,Guam,GU,Guam,Pacific,pacific,GU,Pacific/Guam\n"));
    /// ```
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write_csv<'a>(
        records: impl IntoIterator<Item = &'a NpaRecord>,
        out: impl Write,
    ) -> io::Result<()> {
        write_records(out, records, true)
    }
}

impl Directory {
    /// Writes every record, ascending by NPA, as CSV in the schema of
    /// `data/npa.csv` plus the `state_province_codes` (`NT;NU;YT`) and
    /// `time_zones` (`America/Chicago;America/New_York`) columns, so that
    /// [`Directory::load_csv`] reads it back to the same records.
    ///
    /// ```
    /// let mut csv = Vec::new();
    /// nanp_lerg::Directory::builtin().write_csv(&mut csv).unwrap();
    /// let csv = String::from_utf8(csv).unwrap();
    /// let mut lines = csv.lines();
    /// assert_eq!(
    ///     lines.next(),
    ///     Some("npa,country_code,country_name,state_province_code,state_province_name,region,category,state_province_codes,time_zones")
    /// );
    /// assert_eq!(lines.next(), Some("201,US,United States,NJ,New Jersey,US,us-domestic,NJ,America/New_York"));
    /// assert_eq!(csv.lines().count(), 1 + 450);
    /// ```
    pub fn write_csv(&self, out: impl Write) -> io::Result<()> {
        write_records(out, self.records(), true)
    }
}

/// A directory serializes as the array of its records, ascending by NPA,
/// each with the fields of [`NpaRecord`].
///
/// ```
/// let json = serde_json::to_value(nanp_lerg::Directory::builtin()).unwrap();
/// let all = json.as_array().unwrap();
/// assert_eq!(all.len(), 450);
/// assert_eq!(all[0]["npa"], 201);
/// let guam = all.iter().find(|r| r["npa"] == 671).unwrap();
/// assert_eq!((guam["country_code"].as_str(), guam["category"].as_str()), (Some("GU"), Some("pacific")));
/// ```
impl Serialize for Directory {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.records())
    }
}
