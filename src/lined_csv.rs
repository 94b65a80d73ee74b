//! CSV records paired with the line each starts on, for the readers of
//! tables whose columns are found by name (outside categorizations,
//! enhanced-LERG exports).

use std::io::Read;

use crate::schema::LineIndex;

/// A whole CSV input: its header and the means to walk its records.
pub(crate) struct LinedCsv {
    data: Vec<u8>,
}

/// One data row: the line it starts on, and its fields or why it could not be read.
pub(crate) type LinedRecord = (u64, Result<csv::StringRecord, String>);

impl LinedCsv {
    /// Reads the whole input: the tables are small, and holding them lets a
    /// record's byte offset become its line.
    pub(crate) fn read(mut input: impl Read) -> std::io::Result<LinedCsv> {
        let mut data = Vec::new();
        input.read_to_end(&mut data)?;
        // Spreadsheets save CSV with a UTF-8 byte-order mark, which would
        // otherwise become part of the first column's name.
        if data.starts_with(b"\xEF\xBB\xBF") {
            data.drain(..3);
        }
        Ok(LinedCsv { data })
    }

    /// The header's column names, trimmed, and every data row after it.
    /// A header that is not valid CSV is reported with its line.
    pub(crate) fn rows(&self) -> Result<(Vec<String>, Vec<LinedRecord>), (u64, String)> {
        let lines = LineIndex::new(&self.data);
        let line_of = |p: Option<&csv::Position>| p.map_or(0, |p| lines.line_of(p.byte()));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(self.data.as_slice());
        let header = match reader.headers() {
            Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
            Err(e) => return Err((line_of(e.position()).max(1), e.to_string())),
        };
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => rows.push((line_of(record.position()), Ok(record.clone()))),
                Err(e) => {
                    rows.push((line_of(e.position()), Err(e.to_string())));
                    // Only an I/O error stops the reader from resynchronising,
                    // and a byte slice has none; stop rather than loop if one comes.
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                }
            }
        }
        Ok((header, rows))
    }
}
