//! Rows of a delimited text file, streamed, each with the line an editor
//! shows it on.
//!
//! One reader serves every table the crate reads: the data files (from
//! `build.rs` too), outside categorizations, enhanced-LERG exports, rate
//! decks. It owns the line count (the `csv` crate's is taken before the
//! previous row's terminator is skipped, so it runs short after CRLF and
//! blank lines), the text decoding ([`Encoding`]) and the rules that keep one
//! bad row from taking others with it:
//!
//! - A field that starts with `"` is quoted: delimiters and line breaks
//!   inside it are text, `""` is a quote. A quoted field may span lines, but
//!   then it must close properly: with a `"` followed by the delimiter, a
//!   line break or the end of the input. A quote that never closes that way
//!   makes its row [`Fault::UnterminatedQuote`]: the row is its first line
//!   (the open quote running to the line's end) and reading resumes on the
//!   next line, so one stray quote costs one row, not the rest of the file.
//!   On a single line the reader is as lenient as `csv` (`"a"b` is `ab`).
//! - A line of nothing but white space and delimiters (`,,,,` as a
//!   spreadsheet writes it) is blank: counted, never a row.
//! - A row longer than the limit ([`MAX_ROW_BYTES`]) is [`Fault::TooLong`]:
//!   its first bytes are kept for the message, the rest is skipped, and
//!   memory stays bounded.
//! - Text is UTF-8 in every row handed out; see [`Encoding`].

mod decode;
mod parallel;

use std::io::{self, Read};

pub use decode::Encoding;
pub(crate) use parallel::{in_order, Stretches};

/// The longest row read whole: a row (or a quoted field spanning lines)
/// longer than this is a fault of that row, never a reason to hold the file
/// in memory.
pub const MAX_ROW_BYTES: usize = 8 << 20;

/// Bytes of an over-long row kept, for the message that reports it.
const TOO_LONG_KEPT: usize = 4096;

/// Bytes read from the input at a time.
const CHUNK: usize = 64 * 1024;

/// What is wrong with a row as text, before any field is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A quoted field never closes; the row is its first line only.
    UnterminatedQuote,
    /// The row is longer than [`MAX_ROW_BYTES`]; only its start was kept.
    TooLong,
    /// Not valid UTF-8, with [`Encoding::Utf8`] forced; decoded lossily.
    InvalidUtf8,
}

impl Fault {
    /// What the fault is, in a message about the row.
    pub fn message(self) -> &'static str {
        match self {
            Fault::UnterminatedQuote => "a quoted field never closes",
            Fault::TooLong => "the row is too long",
            Fault::InvalidUtf8 => "the row is not valid UTF-8",
        }
    }
}

/// One row: its fields, as UTF-8, and where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// The fields, each followed by one separator byte: field `i` ends at
    /// `ends[i]` and the next begins one byte later.
    text: String,
    ends: Vec<usize>,
    line: u64,
    lines: u64,
    fault: Option<Fault>,
    transcoded: bool,
    /// The text is the line as written: no quote, nothing transcoded.
    verbatim: bool,
}

impl Fields {
    /// The bytes of the row's text, separators included.
    pub(crate) fn byte_len(&self) -> usize {
        self.text.len()
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no field (never true of a row read from a file).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, as read (quotes removed, not trimmed).
    #[inline]
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        self.text.get(start..end)
    }

    /// Field `i` as bytes, as [`Fields::get`] without the `str` checks.
    #[inline]
    pub fn get_bytes(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        self.text.as_bytes().get(start..end)
    }

    /// Every field, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.get(i).unwrap_or(""))
    }

    /// The 1-based line the row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// How many lines the row spans (more than one when a quoted field
    /// holds line breaks).
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// What is wrong with the row as text, if anything.
    pub fn fault(&self) -> Option<Fault> {
        self.fault
    }

    /// Whether the row was not UTF-8 and was read as Windows-1252.
    pub fn transcoded(&self) -> bool {
        self.transcoded
    }

    /// The row's line exactly as the file holds it (without its line
    /// break), when its fields are that text split at the delimiter: no
    /// quote anywhere and nothing transcoded. A writer can copy it whole.
    pub fn verbatim(&self) -> Option<&str> {
        self.verbatim.then_some(self.text.as_str())
    }

    /// A row of the given fields, for tests and callers that build rows.
    pub fn from_fields<'a>(line: u64, fields: impl IntoIterator<Item = &'a str>) -> Fields {
        let mut row = Fields {
            line,
            lines: 1,
            ..Fields::default()
        };
        for field in fields {
            row.text.push_str(field);
            row.ends.push(row.text.len());
            row.text.push(',');
        }
        row
    }

    /// Every field empty or ASCII white space.
    fn is_blank(&self) -> bool {
        self.iter()
            .all(|f| f.bytes().all(|b| b.is_ascii_whitespace()))
    }
}

/// Why a file could not be read as a table at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The file is not text: a workbook, an archive, binary data.
    #[error("this is {0}")]
    NotText(&'static str),
}

/// Why a table with a header could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// The file could not be read.
    #[error("{file}: cannot read: {message}")]
    Io {
        /// The file, as the caller named it.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The file is not a text table (a workbook, an archive, binary data).
    #[error("{file}: this is {what}")]
    NotText {
        /// The file.
        file: String,
        /// What it is instead.
        what: &'static str,
    },
    /// The header is missing or does not name the columns needed.
    #[error("{file}:{line}: {problem}")]
    Header {
        /// The file.
        file: String,
        /// The header's line.
        line: u64,
        /// What is wrong with it.
        problem: String,
    },
}

/// A table with a header: its reader, positioned after the header, the
/// header's names (trimmed) and its line.
pub(crate) struct Table<R> {
    pub(crate) rows: RowReader<R>,
    pub(crate) header: Vec<String>,
    pub(crate) header_line: u64,
}

impl<R: Read> Table<R> {
    /// Opens a table named `file` in messages: detects the encoding and
    /// the delimiter, and reads the header.
    pub(crate) fn open(file: &str, input: R) -> Result<Table<R>, TableError> {
        let io = |e: io::Error| TableError::Io {
            file: file.to_owned(),
            message: e.to_string(),
        };
        let mut rows = RowReader::new(input, b',', Encoding::Auto).map_err(|e| match e {
            ReadError::Io(e) => io(e),
            ReadError::NotText(what) => TableError::NotText {
                file: file.to_owned(),
                what,
            },
        })?;
        let delimiter = sniff_delimiter(rows.peek(SNIFF_HEAD).map_err(io)?);
        rows.set_delimiter(delimiter);
        let header_error = |line, problem: &str| TableError::Header {
            file: file.to_owned(),
            line,
            problem: problem.to_owned(),
        };
        let (header, header_line) = match rows.next_row().map_err(io)? {
            None => return Err(header_error(1, "the file is empty: no header")),
            Some(h) if h.fault().is_some() => {
                return Err(header_error(
                    h.line(),
                    "the header is malformed (a quote never closes, or it is too long)",
                ))
            }
            Some(h) => (h.iter().map(|c| c.trim().to_owned()).collect(), h.line()),
        };
        Ok(Table {
            rows,
            header,
            header_line,
        })
    }
}

impl<R: Read> Table<R> {
    /// The next row, or the error that stopped reading, naming the file
    /// and the line reached.
    pub(crate) fn next_row(&mut self, file: &str) -> Result<Option<&Fields>, TableError> {
        let line = self.rows.line();
        self.rows.next_row().map_err(|e| TableError::Io {
            file: file.to_owned(),
            message: format!("line {line}: {e}"),
        })
    }
}

/// Bytes looked at to pick the delimiter.
pub(crate) const SNIFF_HEAD: usize = 64 * 1024;

/// Picks the delimiter from the first lines: the candidate that splits them
/// into the same number (above one) of fields most consistently; `,` on
/// ties. Ties go to the candidate that splits out a field of digits (a dial
/// prefix, an NPA) on more lines: `USA, New Jersey;1201200;0.01` is
/// `;`-delimited.
pub(crate) fn sniff_delimiter(head: &[u8]) -> u8 {
    let lines: Vec<&[u8]> = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.trim_ascii().is_empty())
        .take(50)
        .collect();
    let digits = |f: &[u8]| {
        let f = f.trim_ascii();
        let f = f.strip_prefix(b"+").unwrap_or(f);
        !f.is_empty() && f.len() <= 15 && f.iter().all(u8::is_ascii_digit)
    };
    let mut best = (b',', 0usize, 0usize);
    for candidate in [b',', b';', b'\t', b'|'] {
        // Lines agreeing with the most common non-zero count.
        let mut freq = std::collections::HashMap::new();
        for l in &lines {
            let c = count_outside_quotes(l, candidate);
            if c > 0 {
                *freq.entry(c).or_insert(0usize) += 1;
            }
        }
        let agree = freq.values().copied().max().unwrap_or(0);
        let digit_fields = lines
            .iter()
            .filter(|l| l.split(|&b| b == candidate).any(digits))
            .count();
        if (agree, digit_fields) > (best.1, best.2) {
            best = (candidate, agree, digit_fields);
        }
    }
    best.0
}

fn count_outside_quotes(line: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Byte classes of [`RowReader::plain_line`]'s one pass.
const PLAIN: u8 = 0;
const DELIMITER: u8 = 1;
const QUOTE: u8 = 2;
const LINE_BREAK: u8 = 3;

/// The class of every byte, for `delimiter`.
fn classes(delimiter: u8) -> [u8; 256] {
    let mut class = [PLAIN; 256];
    class[usize::from(b'\n')] = LINE_BREAK;
    class[usize::from(b'\r')] = LINE_BREAK;
    class[usize::from(b'"')] = QUOTE;
    // A delimiter that is a quote or a line break keeps that meaning.
    if class[usize::from(delimiter)] == PLAIN {
        class[usize::from(delimiter)] = DELIMITER;
    }
    class
}

/// Where the next row starts and how it ends.
struct Extent {
    /// End of the row's content (before its line break).
    end: usize,
    /// Where the following row starts.
    next: usize,
    /// Line breaks in the row, its own included.
    newlines: u64,
    /// Whether a quote opened in it.
    quoted: bool,
    fault: Option<Fault>,
}

impl RowReader<io::Empty> {
    /// A reader of a stretch of rows from [`RowReader::next_stretch`],
    /// which becomes its buffer (no copy): text already decoded, read with
    /// `encoding` (the stretch's reader's, UTF-16 read as UTF-8), its first
    /// row on `line`. Nothing is sniffed.
    pub(crate) fn resume(bytes: Vec<u8>, delimiter: u8, encoding: Encoding, line: u64) -> Self {
        let encoding = match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => Encoding::Auto,
            other => other,
        };
        let end = bytes.len();
        RowReader {
            input: decode::Decoded::Bytes(io::Cursor::new(Vec::new()).chain(io::empty())),
            encoding,
            delimiter,
            class: classes(delimiter),
            buf: bytes,
            pos: 0,
            end,
            eof: true,
            line,
            max_row: MAX_ROW_BYTES,
            row: Fields::default(),
            blank_lines: 0,
            transcoded_rows: 0,
            failed: None,
        }
    }
}

/// Why [`RowReader::next_stretch`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StretchEnd {
    /// The stretch holds the bytes asked for.
    Full,
    /// The input ended.
    End,
    /// A row too long to hold follows the stretch: the current row.
    TooLong,
}

/// A streaming reader of delimited rows; see the [module docs](self).
pub struct RowReader<R> {
    input: decode::Decoded<R>,
    encoding: Encoding,
    delimiter: u8,
    class: [u8; 256],
    buf: Vec<u8>,
    /// Unread data is `buf[pos..end]`.
    pos: usize,
    end: usize,
    eof: bool,
    /// The line `pos` is on.
    line: u64,
    max_row: usize,
    row: Fields,
    blank_lines: u64,
    transcoded_rows: u64,
    /// A read error met while reading ahead, given where a row needs
    /// more input than was read: the rows before it come first.
    failed: Option<io::Error>,
}

impl<R: Read> RowReader<R> {
    /// Opens `input`, working out its encoding unless one is forced.
    ///
    /// # Errors
    ///
    /// [`ReadError::NotText`] for a workbook, archive or binary file, and
    /// [`ReadError::Io`] when reading fails.
    pub fn new(input: R, delimiter: u8, encoding: Encoding) -> Result<Self, ReadError> {
        let (encoding, input) = decode::open(input, encoding)?.map_err(ReadError::NotText)?;
        Ok(RowReader {
            input,
            encoding,
            delimiter,
            class: classes(delimiter),
            buf: Vec::new(),
            pos: 0,
            end: 0,
            eof: false,
            line: 1,
            max_row: MAX_ROW_BYTES,
            row: Fields::default(),
            blank_lines: 0,
            transcoded_rows: 0,
            failed: None,
        })
    }

    /// Sets the delimiter, for rows not yet read.
    pub fn set_delimiter(&mut self, delimiter: u8) {
        self.delimiter = delimiter;
        self.class = classes(delimiter);
    }

    /// Sets the longest row read whole (tests use a small one).
    #[cfg(test)]
    pub fn set_max_row_bytes(&mut self, max: usize) {
        self.max_row = max.max(1);
    }

    /// The field delimiter.
    pub(crate) fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The encoding in use: what was forced, or found (`Auto` for UTF-8
    /// that falls back to Windows-1252 row by row).
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Up to `n` bytes of unread (decoded) input, without consuming them:
    /// for sniffing the delimiter.
    ///
    /// # Errors
    ///
    /// When reading fails.
    pub fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.pos < n && !self.eof {
            self.fill()?;
        }
        let end = self.end.min(self.pos + n);
        Ok(&self.buf[self.pos..end])
    }

    /// Blank lines skipped so far (empty, white space, or only delimiters).
    pub fn blank_lines(&self) -> u64 {
        self.blank_lines
    }

    /// Rows so far that were not UTF-8 and were read as Windows-1252.
    pub fn transcoded_rows(&self) -> u64 {
        self.transcoded_rows
    }

    /// The row handed out last.
    pub fn current(&self) -> &Fields {
        &self.row
    }

    /// The line reading has got to: the next row starts on it or after it.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The next row that is not blank; `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// When reading fails; the rows before it were all handed out, and the
    /// reader must not be used again.
    pub fn next_row(&mut self) -> io::Result<Option<&Fields>> {
        loop {
            let Some((extent, ends_known)) = self.next_extent()? else {
                return Ok(None);
            };
            self.take(&extent, ends_known);
            if self.row.fault.is_none() && self.row.is_blank() {
                self.blank_lines += extent.newlines.max(1);
                continue;
            }
            if self.row.transcoded {
                self.transcoded_rows += 1;
            }
            return Ok(Some(&self.row));
        }
    }

    /// Reads whole rows without splitting them into fields, appending
    /// their bytes as read (blank lines included; UTF-16 already turned
    /// into UTF-8) to `bytes`, until it holds at least `target` bytes or
    /// the input ends: stretches of rows that workers can read apart with
    /// [`RowReader::resume`], each from its first line. A row too long to
    /// hold is not appended: reading stops after it, and it is then the
    /// current row ([`RowReader::current`]), its fault as `next_row` gives it.
    ///
    /// Row ends are found exactly as `next_row` finds them, so the rows a
    /// worker reads are the rows a single reader would have read.
    pub(crate) fn next_stretch(
        &mut self,
        target: usize,
        bytes: &mut Vec<u8>,
    ) -> io::Result<StretchEnd> {
        while bytes.len() < target {
            // A stretch with no quote in it ends at its last line feed: the
            // rows before it end where their line breaks are, as a row
            // reader finds them, so they are taken whole, in one copy.
            let want = target - bytes.len();
            while self.end - self.pos < want && !self.eof {
                if let Err(e) = self.fill() {
                    self.failed = Some(e);
                    break;
                }
            }
            let data = &self.buf[self.pos..self.end];
            let region = &data[..data.len().min(want)];
            if memchr::memchr(b'"', region).is_none() {
                if let Some(last) = memchr::memrchr(b'\n', region) {
                    let taken = &region[..=last];
                    let lone_cr = memchr::memchr_iter(b'\r', taken)
                        .filter(|&i| taken.get(i + 1) != Some(&b'\n'))
                        .count();
                    let newlines = memchr::memchr_iter(b'\n', taken).count() + lone_cr;
                    bytes.extend_from_slice(taken);
                    self.line += newlines as u64;
                    self.pos += taken.len();
                    continue;
                }
            }
            let Some((extent, ends_known)) = self.next_extent()? else {
                return Ok(StretchEnd::End);
            };
            if extent.fault == Some(Fault::TooLong) {
                self.take(&extent, ends_known);
                return Ok(StretchEnd::TooLong);
            }
            bytes.extend_from_slice(&self.buf[self.pos..extent.next]);
            self.line += extent.newlines;
            self.pos = extent.next;
        }
        Ok(StretchEnd::Full)
    }

    /// Where the next row ends, and whether its field ends are known
    /// already (a line with no quote); `None` at the end of the input.
    fn next_extent(&mut self) -> io::Result<Option<(Extent, bool)>> {
        Ok(match self.plain_line() {
            Some(extent) => Some((extent, true)),
            None => self.extent()?.map(|extent| (extent, false)),
        })
    }

    /// Makes the row of `extent` the current row, and reads on after it.
    fn take(&mut self, extent: &Extent, ends_known: bool) {
        let line = self.line;
        self.split(extent, ends_known);
        self.line += extent.newlines;
        self.pos = extent.next;
        self.row.line = line;
        self.row.lines = extent.newlines.max(1);
    }

    /// Reads more input into the buffer, keeping `buf[pos..end]`.
    fn fill(&mut self) -> io::Result<()> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        if self.pos > 0 && self.pos == self.end {
            self.pos = 0;
            self.end = 0;
        }
        if self.buf.len() - self.end < CHUNK {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.end -= self.pos;
                self.pos = 0;
            }
            if self.buf.len() - self.end < CHUNK {
                self.buf.resize(self.end + CHUNK, 0);
            }
        }
        loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The common row, found in one pass: a line already in the buffer, with
    /// no quote. Its field ends go straight into the row. `None` sends
    /// anything else to [`RowReader::extent`].
    #[inline]
    fn plain_line(&mut self) -> Option<Extent> {
        let data = &self.buf[self.pos..self.end];
        let ends = &mut self.row.ends;
        ends.clear();
        for (i, &b) in data[..data.len().min(self.max_row)].iter().enumerate() {
            match self.class[usize::from(b)] {
                PLAIN => {}
                DELIMITER => ends.push(i),
                QUOTE => return None,
                _ => {
                    // A CR whose LF may be in the next read waits for it.
                    let crlf = b == b'\r' && data.get(i + 1) == Some(&b'\n');
                    if b == b'\r' && i + 1 == data.len() && !self.eof {
                        return None;
                    }
                    ends.push(i);
                    return Some(Extent {
                        end: self.pos + i,
                        next: self.pos + i + 1 + usize::from(crlf),
                        newlines: 1,
                        quoted: false,
                        fault: None,
                    });
                }
            }
        }
        None
    }

    /// Finds the extent of the next row, reading as needed. Offsets are
    /// relative to `pos` while scanning, since filling may move the data.
    fn extent(&mut self) -> io::Result<Option<Extent>> {
        let delimiter = self.delimiter;
        let mut at = 0usize;
        // Offset of the open quote, while inside a quoted field.
        let mut open: Option<usize> = None;
        let mut quoted = false;
        let mut multiline = false;
        loop {
            let data = &self.buf[self.pos..self.end];
            if at > self.max_row {
                return self.too_long(open.is_some()).map(Some);
            }
            match open {
                None => match memchr::memchr3(b'"', b'\n', b'\r', &data[at..]) {
                    Some(k) => {
                        let j = at + k;
                        if data[j] == b'"' {
                            if j == 0 || data[j - 1] == delimiter {
                                open = Some(j);
                                quoted = true;
                            }
                            at = j + 1;
                            continue;
                        }
                        if j > self.max_row {
                            return self.too_long(false).map(Some);
                        }
                        if data[j] == b'\r' && j + 1 == data.len() && !self.eof {
                            self.fill()?;
                            continue;
                        }
                        let crlf = data[j] == b'\r' && data.get(j + 1) == Some(&b'\n');
                        let newlines = if multiline {
                            count_newlines(&data[..j]) + 1
                        } else {
                            1
                        };
                        return Ok(Some(Extent {
                            end: self.pos + j,
                            next: self.pos + j + 1 + usize::from(crlf),
                            newlines,
                            quoted,
                            fault: None,
                        }));
                    }
                    None if self.eof => {
                        if data.is_empty() {
                            return Ok(None);
                        }
                        let newlines = if multiline { count_newlines(data) } else { 0 };
                        return Ok(Some(Extent {
                            end: self.end,
                            next: self.end,
                            newlines,
                            quoted,
                            fault: None,
                        }));
                    }
                    None => {
                        at = data.len();
                        self.fill()?;
                    }
                },
                Some(from) => match memchr::memchr(b'"', &data[at..]) {
                    Some(k) => {
                        let j = at + k;
                        if j + 1 == data.len() && !self.eof {
                            // Whether this quote is `""` or a close depends on
                            // the next byte.
                            self.fill()?;
                            continue;
                        }
                        let after = data.get(j + 1).copied();
                        if after == Some(b'"') {
                            at = j + 2;
                            continue;
                        }
                        let spans = memchr::memchr2(b'\n', b'\r', &data[from..j]).is_some();
                        let closes =
                            matches!(after, None | Some(b'\n' | b'\r')) || after == Some(delimiter);
                        if spans && !closes {
                            return self.unterminated().map(Some);
                        }
                        multiline |= spans;
                        open = None;
                        at = j + 1;
                    }
                    None if self.eof => return self.unterminated().map(Some),
                    None => {
                        at = data.len();
                        self.fill()?;
                    }
                },
            }
        }
    }

    /// The extent of the first line of the unread data, up to `limit`
    /// bytes, as a row whose quote never closes.
    fn first_line(&self, limit: usize) -> Option<Extent> {
        let data = &self.buf[self.pos..self.end];
        let j = memchr::memchr2(b'\n', b'\r', &data[..limit.min(data.len())])?;
        let crlf = data[j] == b'\r' && data.get(j + 1) == Some(&b'\n');
        Some(Extent {
            end: self.pos + j,
            next: self.pos + j + 1 + usize::from(crlf),
            newlines: 1,
            quoted: true,
            fault: Some(Fault::UnterminatedQuote),
        })
    }

    /// The extent of a row whose quote never closes: its first line.
    fn unterminated(&mut self) -> io::Result<Extent> {
        loop {
            match self.first_line(usize::MAX) {
                // A CR at the end of what is read may be half of a CRLF.
                Some(e) if e.next == self.end && self.buf[e.end] == b'\r' && !self.eof => {
                    self.fill()?
                }
                Some(extent) => return Ok(extent),
                // The whole rest of the input is the row.
                None => {
                    return Ok(Extent {
                        end: self.end,
                        next: self.end,
                        newlines: 0,
                        quoted: true,
                        fault: Some(Fault::UnterminatedQuote),
                    })
                }
            }
        }
    }

    /// A row longer than the limit. A quoted field still open at the limit
    /// never closed in time: its row is its first line, if that line is
    /// short enough. Otherwise the row's start is kept and the rest of its
    /// line skipped without holding it.
    fn too_long(&mut self, in_quote: bool) -> io::Result<Extent> {
        if in_quote {
            if let Some(extent) = self.first_line(self.max_row) {
                return Ok(extent);
            }
        }
        let data = &self.buf[self.pos..self.end];
        // Keep the start of the row where the reader will split it, then
        // skip to the end of its first line.
        let keep = TOO_LONG_KEPT.min(self.max_row).min(data.len());
        let mut kept = data[..keep].to_vec();
        let mut skip_from = self.pos + keep;
        let newlines = loop {
            let data = &self.buf[skip_from..self.end];
            match memchr::memchr2(b'\n', b'\r', data) {
                Some(j) if data[j] == b'\r' && j + 1 == data.len() && !self.eof => {
                    self.pos = skip_from + j;
                    self.fill()?;
                    skip_from = self.pos;
                }
                Some(j) => {
                    let crlf = data[j] == b'\r' && data.get(j + 1) == Some(&b'\n');
                    self.pos = skip_from + j + 1 + usize::from(crlf);
                    break 1;
                }
                None if self.eof => {
                    self.pos = self.end;
                    break 0;
                }
                None => {
                    self.pos = self.end;
                    self.fill()?;
                    skip_from = self.pos;
                }
            }
        };
        // Put the kept start back in front of the unread data, as the row.
        let rest = self.buf[self.pos..self.end].to_vec();
        kept.truncate(keep);
        let row_end = kept.len();
        self.buf.clear();
        self.buf.extend_from_slice(&kept);
        self.buf.extend_from_slice(&rest);
        let total = self.buf.len();
        self.buf.resize(total.max(CHUNK), 0);
        self.pos = 0;
        self.end = total;
        Ok(Extent {
            end: row_end,
            next: row_end,
            newlines,
            quoted: false,
            fault: Some(Fault::TooLong),
        })
    }

    /// Splits `buf[pos..extent.end]` into the row's fields (whose ends are
    /// in the row already when `ends_known`).
    fn split(&mut self, extent: &Extent, ends_known: bool) {
        let delimiter = self.delimiter;
        let bytes = &self.buf[self.pos..extent.end];
        let row = &mut self.row;
        row.fault = extent.fault;
        let mut text = std::mem::take(&mut row.text).into_bytes();
        text.clear();
        if extent.quoted {
            row.ends.clear();
            split_quoted(bytes, delimiter, &mut text, &mut row.ends);
        } else {
            text.extend_from_slice(bytes);
            if !ends_known {
                row.ends.clear();
                row.ends.extend(memchr::memchr_iter(delimiter, bytes));
                row.ends.push(bytes.len());
            }
        }
        row.transcoded = false;
        row.verbatim = false;
        row.text = match (self.encoding, String::from_utf8(text)) {
            (Encoding::Windows1252, Ok(s)) if !s.is_ascii() => {
                let bytes = s.into_bytes();
                row.transcoded = true;
                recode(&bytes, &mut row.ends, decode::push_cp1252)
            }
            (_, Ok(s)) => {
                // The one-pass scan stops at any quote; other lines are checked.
                row.verbatim = row.fault.is_none()
                    && (ends_known || (!extent.quoted && !s.as_bytes().contains(&b'"')));
                s
            }
            (Encoding::Utf8, Err(e)) => {
                row.fault = row.fault.or(Some(Fault::InvalidUtf8));
                let bytes = e.into_bytes();
                recode(&bytes, &mut row.ends, |b, out| {
                    out.push_str(&String::from_utf8_lossy(b));
                })
            }
            (_, Err(e)) => {
                row.transcoded = true;
                recode(&e.into_bytes(), &mut row.ends, decode::push_cp1252)
            }
        };
    }
}

/// Decodes each field of `bytes` with `decode`, moving `ends` to match.
fn recode(bytes: &[u8], ends: &mut [usize], decode: impl Fn(&[u8], &mut String)) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut start = 0;
    for end in ends.iter_mut() {
        decode(&bytes[start..*end], &mut out);
        start = *end + 1;
        *end = out.len();
        out.push(',');
    }
    out
}

/// Line breaks in `bytes`: each `\n`, `\r\n` or lone `\r` ends one line.
fn count_newlines(bytes: &[u8]) -> u64 {
    let mut n = 0;
    let mut last_cr = false;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let crlf_tail = bytes[i] == b'\n' && last_cr && i > 0 && bytes[i - 1] == b'\r';
        n += u64::from(!crlf_tail);
        last_cr = bytes[i] == b'\r';
    }
    n
}

/// Splits a row that holds quotes. A field starting with `"` runs to the
/// next `"` not doubled (or to the end: an unterminated row is its first
/// line); anything after its closing quote up to the delimiter is kept as
/// written, as `csv` does.
fn split_quoted(bytes: &[u8], delimiter: u8, text: &mut Vec<u8>, ends: &mut Vec<usize>) {
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match memchr::memchr(b'"', &bytes[i..]) {
                    Some(k) => {
                        text.extend_from_slice(&bytes[i..i + k]);
                        i += k + 1;
                        if bytes.get(i) == Some(&b'"') {
                            text.push(b'"');
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    None => {
                        text.extend_from_slice(&bytes[i..]);
                        i = bytes.len();
                        break;
                    }
                }
            }
        }
        let rest = &bytes[i.min(bytes.len())..];
        match memchr::memchr(delimiter, rest) {
            Some(k) => {
                text.extend_from_slice(&rest[..k]);
                ends.push(text.len());
                text.push(delimiter);
                i += k + 1;
            }
            None => {
                text.extend_from_slice(rest);
                ends.push(text.len());
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, fields, fault) of every row.
    fn rows(data: &[u8]) -> Vec<(u64, Vec<String>, Option<Fault>)> {
        rows_with(data, Encoding::Auto, MAX_ROW_BYTES)
    }

    fn rows_with(
        data: &[u8],
        encoding: Encoding,
        max: usize,
    ) -> Vec<(u64, Vec<String>, Option<Fault>)> {
        let mut reader = RowReader::new(data, b',', encoding).unwrap();
        reader.set_max_row_bytes(max);
        let mut out = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            let fields = row.iter().map(str::to_owned).collect();
            out.push((row.line(), fields, row.fault()));
        }
        out
    }

    fn lines(data: &[u8]) -> Vec<u64> {
        rows(data).into_iter().map(|r| r.0).collect()
    }

    /// A row as the tests compare them: line, lines spanned, fields, fault.
    type Seen = (u64, u64, Vec<String>, Option<Fault>);

    /// The rows of `data` read in stretches of `target` bytes by a reader
    /// of boundaries, each stretch by a reader of its own, with the blank
    /// lines they counted and the rows' spans.
    fn rows_in_stretches(
        data: &[u8],
        encoding: Encoding,
        max: usize,
        target: usize,
    ) -> (Vec<Seen>, u64) {
        let mut splitter = RowReader::new(data, b',', encoding).unwrap();
        splitter.set_max_row_bytes(max);
        let (mut out, mut blank) = (Vec::new(), 0);
        loop {
            let line = splitter.line();
            let mut bytes = Vec::new();
            let end = splitter.next_stretch(target, &mut bytes).unwrap();
            let mut reader = RowReader::resume(bytes, b',', splitter.encoding(), line);
            reader.set_max_row_bytes(max);
            while let Some(row) = reader.next_row().unwrap() {
                let fields = row.iter().map(str::to_owned).collect();
                out.push((row.line(), row.lines(), fields, row.fault()));
            }
            blank += reader.blank_lines();
            match end {
                StretchEnd::Full => {}
                StretchEnd::End => return (out, blank),
                StretchEnd::TooLong => {
                    let row = splitter.current();
                    let fields = row.iter().map(str::to_owned).collect();
                    out.push((row.line(), row.lines(), fields, row.fault()));
                }
            }
        }
    }

    #[test]
    fn stretches_read_apart_give_the_rows_of_one_reader() {
        let inputs: [&[u8]; 10] = [
            b"a,b\nc,d\n\n,,\n e , f \r\ng\rh,i",
            b"x,\"multi\nline\",y\nz,1\n\"ok\"\"quote\",2\n",
            b"x,\"never closes\ny,2\nz,3\n",
            b"x,\"closes badly\ny\"z,2\nw,3\n\"a\nb\",c\n",
            b"caf\xe9,1\nna\xefve,2\nplain,3",
            b"\xEF\xBB\xBFh1,h2\r\n1,2\r\n\r\n3,4\r\n",
            b"0123456789012345678901234567890123456789,long\nshort,1\n",
            b"a,\"0123456789012345678901234567890\n123\",b\nc,d\n",
            b"\n\n\na\n\n",
            b"only,one,row,no,newline",
        ];
        for data in inputs {
            for encoding in [Encoding::Auto, Encoding::Utf8] {
                let mut direct = RowReader::new(data, b',', encoding).unwrap();
                direct.set_max_row_bytes(32);
                let mut want = Vec::new();
                while let Some(row) = direct.next_row().unwrap() {
                    let fields = row.iter().map(str::to_owned).collect();
                    want.push((row.line(), row.lines(), fields, row.fault()));
                }
                for target in [1, 2, 5, 16, 64, 1 << 20] {
                    let (got, blank) = rows_in_stretches(data, encoding, 32, target);
                    assert_eq!(
                        got,
                        want,
                        "{:?} in stretches of {target}",
                        String::from_utf8_lossy(data)
                    );
                    assert_eq!(
                        blank,
                        direct.blank_lines(),
                        "{:?}",
                        String::from_utf8_lossy(data)
                    );
                }
            }
        }
        // And on random text of the characters that matter.
        let alphabet: &[u8] = b"a,\"\n\r \xe9";
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..400 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 60) as usize;
            let data: Vec<u8> = (0..len)
                .map(|i| alphabet[((state >> (i % 50)) as usize + i * 7) % alphabet.len()])
                .collect();
            let mut direct = RowReader::new(&data[..], b',', Encoding::Auto).unwrap();
            direct.set_max_row_bytes(12);
            let mut want = Vec::new();
            while let Some(row) = direct.next_row().unwrap() {
                let fields = row.iter().map(str::to_owned).collect();
                want.push((row.line(), row.lines(), fields, row.fault()));
            }
            for target in [1, 4, 9] {
                let (got, blank) = rows_in_stretches(&data, Encoding::Auto, 12, target);
                assert_eq!(
                    got,
                    want,
                    "{:?} in stretches of {target}",
                    String::from_utf8_lossy(&data)
                );
                assert_eq!(blank, direct.blank_lines());
            }
        }
        // UTF-16 is turned into UTF-8 once, by the reader of boundaries.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "a,b\r\nc,\"d\r\ne\"\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let (got, _) = rows_in_stretches(&utf16, Encoding::Auto, 64, 3);
        assert_eq!(
            got[1],
            (2, 2, vec!["c".to_owned(), "d\r\ne".to_owned()], None)
        );
    }

    #[test]
    fn lf_crlf_cr_blank_lines_and_quoted_newlines() {
        assert_eq!(lines(b"a\nb\nc\n"), [1, 2, 3]);
        assert_eq!(lines(b"a\r\nb\r\nc\r\n"), [1, 2, 3]);
        assert_eq!(lines(b"\na\n\n\nb\r\n\r\nc"), [2, 5, 7]);
        assert_eq!(lines(b"\"x\ny\",1\nz,2\n"), [1, 3]);
        assert_eq!(lines(b"a\rb\r\rc"), [1, 2, 4], "a lone CR ends a line too");
        assert_eq!(lines(b"\"x\r\ny\",1\r\nz,2\r\n"), [1, 3]);
    }

    #[test]
    fn fields_and_quotes() {
        let r = rows(b"a,\"b,c\",\"d\"\"e\",\"f\"g,\n");
        assert_eq!(r[0].1, ["a", "b,c", "d\"e", "fg", ""]);
        let r = rows(b"x\"y,z\n");
        assert_eq!(r[0].1, ["x\"y", "z"], "a quote inside a field is text");
    }

    #[test]
    fn blank_lines_of_spaces_and_delimiters_are_not_rows() {
        let mut reader =
            RowReader::new(&b"a,1\n,,,,\n  , ,\n\nb,2\n"[..], b',', Encoding::Auto).unwrap();
        let mut seen = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            seen.push(row.line());
        }
        assert_eq!(seen, [1, 5]);
        assert_eq!(reader.blank_lines(), 3);
    }

    #[test]
    fn an_unterminated_quote_costs_its_own_line_only() {
        let r = rows(b"a,1\n\"USA mobile,1201210,0.01\nb,2\nc,3\n");
        assert_eq!(r.len(), 4);
        assert_eq!(
            r[1],
            (
                2,
                vec!["USA mobile,1201210,0.01".to_owned()],
                Some(Fault::UnterminatedQuote)
            )
        );
        assert_eq!((r[2].0, r[3].0), (3, 4));
        // The next well-formed quoted field does not close the stray quote.
        let r = rows(b"\"stray,1\n\"Canada, ON\",1416200\nx,2");
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].2, Some(Fault::UnterminatedQuote));
        assert_eq!(r[1].1, ["Canada, ON", "1416200"]);
        assert_eq!(r[2].0, 3);
        // At the very end of the input, with no line break.
        let r = rows(b"a\n\"b");
        assert_eq!(
            r[1],
            (2, vec!["b".to_owned()], Some(Fault::UnterminatedQuote))
        );
    }

    #[test]
    fn a_quoted_field_spanning_lines_that_closes_is_one_row() {
        let r = rows(b"\"line one\nline two\",1\nnext,2\n");
        assert_eq!(
            r[0],
            (
                1,
                vec!["line one\nline two".to_owned(), "1".to_owned()],
                None
            )
        );
        assert_eq!(r[1].0, 3);
    }

    #[test]
    fn rows_past_the_limit_are_faults_and_reading_goes_on() {
        let mut data = b"a,1\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', 5000));
        data.extend_from_slice(b",2\nb,3\n");
        let r = rows_with(&data, Encoding::Auto, 100);
        assert_eq!(r.len(), 3);
        assert_eq!((r[1].0, r[1].2), (2, Some(Fault::TooLong)));
        assert_eq!(r[1].1[0].len(), 100, "the start of the row is kept");
        assert_eq!(r[2], (3, vec!["b".to_owned(), "3".to_owned()], None));
        // A quoted field that does not close within the limit.
        let mut data = b"\"open,1\n".to_vec();
        for _ in 0..50 {
            data.extend_from_slice(b"row,2\n");
        }
        let r = rows_with(&data, Encoding::Auto, 64);
        assert_eq!(r[0].2, Some(Fault::UnterminatedQuote));
        assert_eq!(r.len(), 51);
        assert_eq!(r[50].0, 51);
    }

    #[test]
    fn windows_1252_rows_become_utf8() {
        let r = rows(b"Montr\xe9al,514\nQu\xe9bec \x80,418\nMontr\xc3\xa9al,438\n");
        assert_eq!(r[0].1, ["Montréal", "514"]);
        assert_eq!(r[1].1, ["Québec €", "418"]);
        assert_eq!(r[2].1, ["Montréal", "438"]);
        let r = rows_with(b"Montr\xe9al,514\n", Encoding::Utf8, MAX_ROW_BYTES);
        assert_eq!(r[0].2, Some(Fault::InvalidUtf8));
        assert_eq!(r[0].1, ["Montr\u{FFFD}al", "514"]);
    }

    #[test]
    fn utf16_with_and_without_a_bom() {
        let text = "npa,ville\r\n514,Montréal\r\n";
        for (bom, big) in [(true, false), (false, false), (true, true), (false, true)] {
            let mut bytes: Vec<u8> = Vec::new();
            if bom {
                bytes.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
            }
            for unit in text.encode_utf16() {
                bytes.extend(if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let r = rows(&bytes);
            assert_eq!(
                r[1],
                (2, vec!["514".to_owned(), "Montréal".to_owned()], None),
                "bom {bom} big {big}"
            );
        }
    }

    #[test]
    fn count_newlines_counts_crlf_once() {
        assert_eq!(count_newlines(b"a\r\nb\nc\rd"), 3);
        assert_eq!(count_newlines(b"\r\r\n\n"), 3);
    }
}
