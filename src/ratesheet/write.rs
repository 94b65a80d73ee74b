//! [`CategorizedWriter`]: a deck's accepted rows as CSV, each with its
//! category appended.

use std::io::{self, Write};

use super::{Destination, Detection, ExchangeMatch, Row, RowError};

/// Columns appended to every categorized row.
pub const APPENDED_COLUMNS: [&str; 4] = ["npa", "category", "country_code", "state_province_code"];

/// Columns appended after [`APPENDED_COLUMNS`] by
/// [`CategorizedWriter::with_exchange_columns`]: what the checked
/// exchanges say of the row's code (empty when they do not know it).
pub const EXCHANGE_COLUMNS: [&str; 3] = ["rate_center", "exchange_status", "ocn"];

/// Writes a deck's accepted rows as CSV: the row's own fields, padded to
/// the deck's columns so that the appended ones line up, then
/// [`APPENDED_COLUMNS`]. The header is the deck's (or `column 1`, … for a
/// headerless deck) with the appended names. Non-NANP rows are counted by
/// the summary, not written. Output is UTF-8 and comma-delimited whatever
/// the deck was.
///
/// A comma-delimited row read verbatim (no quote, nothing transcoded) is
/// copied whole: it is already the CSV its fields would be written as.
///
/// ```
/// use nanp_lerg::ratesheet::{CategorizedWriter, Options, Reader};
/// use nanp_lerg::Directory;
///
/// let deck = "prefix;rate\n1671555;0,12\n1201200;0,01\n";
/// let dir = Directory::builtin();
/// let mut reader = Reader::new(deck.as_bytes(), Options::default(), &dir).unwrap();
/// let mut out = CategorizedWriter::new(Vec::new(), reader.detection()).unwrap();
/// while let Some(row) = reader.next_row() {
///     out.write(&row).unwrap();
/// }
/// assert_eq!(
///     String::from_utf8(out.into_inner().unwrap()).unwrap(),
///     "prefix,rate,npa,category,country_code,state_province_code\n\
///      1671555,\"0,12\",671,pacific,GU,GU\n\
///      1201200,\"0,01\",201,us-domestic,US,NJ\n"
/// );
/// ```
pub struct CategorizedWriter<W: Write> {
    out: W,
    columns: usize,
    /// The deck is comma-delimited: a verbatim row is already CSV.
    comma: bool,
    line: Vec<u8>,
    /// Per code 200–999, the appended columns once written
    /// (`,201,us-domestic,US,NJ\n`): they depend on the destination alone.
    suffixes: Vec<Vec<u8>>,
    /// Whether [`EXCHANGE_COLUMNS`] follow.
    exchange_columns: bool,
}

impl<W: Write> CategorizedWriter<W> {
    /// Writes the header.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn new(out: W, detection: &Detection) -> io::Result<Self> {
        Self::open(out, detection, false)
    }

    /// Like [`CategorizedWriter::new`], with [`EXCHANGE_COLUMNS`] after
    /// the appended columns, from each row's [`Row::exchange`].
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn with_exchange_columns(out: W, detection: &Detection) -> io::Result<Self> {
        Self::open(out, detection, true)
    }

    fn open(mut out: W, detection: &Detection, exchange_columns: bool) -> io::Result<Self> {
        out.write_all(&header(detection, exchange_columns))?;
        Ok(Self::headless(out, detection, exchange_columns))
    }

    /// A writer of rows that go after the header (a stretch of a deck).
    pub(crate) fn headless(out: W, detection: &Detection, exchange_columns: bool) -> Self {
        CategorizedWriter {
            out,
            columns: detection.columns,
            comma: detection.delimiter == ',',
            line: Vec::with_capacity(256),
            suffixes: vec![Vec::new(); 800],
            exchange_columns,
        }
    }

    /// Writes an accepted row; a non-NANP or rejected row writes nothing.
    ///
    /// # Errors
    ///
    /// When writing fails.
    #[inline]
    pub fn write(&mut self, row: &Result<Row<'_, '_>, RowError>) -> io::Result<()> {
        let Ok(row) = row else { return Ok(()) };
        let Some(npa) = row.npa else {
            // Another country's row: counted by the summary, not written.
            return Ok(());
        };
        let suffix = &mut self.suffixes[npa.index()];
        if suffix.is_empty() {
            let (category, country, state) = match row.destination {
                Destination::Geographic(r) => (
                    r.category.as_str(),
                    r.country_code.as_str(),
                    r.state_province_code.as_str(),
                ),
                Destination::NonGeographic(service) => (service.as_str(), "", ""),
                Destination::NonNanp => return Ok(()),
            };
            let npa = npa.to_string();
            for appended in [npa.as_str(), category, country, state] {
                suffix.push(b',');
                suffix.extend_from_slice(appended.as_bytes());
            }
            suffix.push(b'\n');
        }
        let fields = row.fields;
        match fields.verbatim() {
            // With no quote, a comma deck's fields hold no comma: the line
            // is already the CSV of its fields.
            Some(text) if self.comma && fields.len() == self.columns => {
                self.out.write_all(text.as_bytes())?;
            }
            _ => {
                let line = &mut self.line;
                line.clear();
                for i in 0..self.columns {
                    if i > 0 {
                        line.push(b',');
                    }
                    push_field(line, fields.get(i).unwrap_or("").as_bytes());
                }
                self.out.write_all(line)?;
            }
        }
        if !self.exchange_columns {
            return self.out.write_all(suffix);
        }
        self.out.write_all(&suffix[..suffix.len() - 1])?;
        let line = &mut self.line;
        line.clear();
        match row.exchange {
            ExchangeMatch::Found(e) => {
                for cell in [
                    e.rate_center.unwrap_or(""),
                    e.status.as_str(),
                    e.ocn.unwrap_or(""),
                ] {
                    line.push(b',');
                    push_field(line, cell.as_bytes());
                }
            }
            ExchangeMatch::NotFound | ExchangeMatch::NotChecked => line.extend_from_slice(b",,,"),
        }
        line.push(b'\n');
        self.out.write_all(line)
    }

    /// Flushes and returns the writer.
    ///
    /// # Errors
    ///
    /// When flushing fails.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The header line of a deck read with `detection`: its own names (or
/// `column 1`, …) and the appended columns'.
pub(crate) fn header(detection: &Detection, exchange_columns: bool) -> Vec<u8> {
    let names: Vec<String> = match &detection.header {
        Some(header) => header.clone(),
        None => (1..=detection.columns)
            .map(|i| format!("column {i}"))
            .collect(),
    };
    let mut line = Vec::with_capacity(256);
    push_record(
        &mut line,
        names
            .iter()
            .map(String::as_str)
            .chain(APPENDED_COLUMNS)
            .chain(EXCHANGE_COLUMNS.into_iter().filter(|_| exchange_columns)),
    );
    line
}

/// Appends a rejected row as CSV: its line, reason and the reason in
/// words, then its own fields.
pub(crate) fn push_rejected(out: &mut Vec<u8>, e: &RowError) {
    let detail = e.reason().to_string();
    let fields = e.fields().iter().map(String::as_str);
    push_rejected_record(out, e.line(), e.reason().as_str(), &detail, fields);
}

/// Appends a rejects file's record: `line,reason,detail`, then the
/// rejected row's own fields.
pub(crate) fn push_rejected_record<'a>(
    out: &mut Vec<u8>,
    line: u64,
    reason: &str,
    detail: &str,
    fields: impl Iterator<Item = &'a str>,
) {
    out.extend_from_slice(line.to_string().as_bytes());
    out.push(b',');
    out.extend_from_slice(reason.as_bytes());
    out.push(b',');
    push_field(out, detail.as_bytes());
    for field in fields {
        out.push(b',');
        push_field(out, field.as_bytes());
    }
    out.push(b'\n');
}

/// Appends a CSV record of `fields` and its line end.
pub(crate) fn push_record<'a>(line: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        push_field(line, field.as_bytes());
    }
    line.push(b'\n');
}

/// Appends a CSV field, quoted when it holds a comma, a quote or a line
/// break (the `csv` crate's `Necessary` style).
pub(crate) fn push_field(line: &mut Vec<u8>, field: &[u8]) {
    if memchr::memchr3(b',', b'"', b'\n', field).is_none() && !field.contains(&b'\r') {
        line.extend_from_slice(field);
        return;
    }
    line.push(b'"');
    for &b in field {
        if b == b'"' {
            line.push(b'"');
        }
        line.push(b);
    }
    line.push(b'"');
}
