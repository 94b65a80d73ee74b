//! What text a file holds, and turning it into UTF-8: the byte-order marks,
//! UTF-16 with or without one, Windows-1252 rows, and the files that are not
//! text at all (a workbook saved as `.xlsx`, a gzip archive).

use std::io::{self, Read};

use serde::Serialize;

/// How a file's bytes are read as text.
///
/// `Display`, `FromStr` and serde use the names `auto`, `utf-8`,
/// `windows-1252`, `utf-16le` and `utf-16be` (`latin1`, `iso-8859-1`,
/// `cp1252` and `utf8` are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, and each row that is not valid UTF-8 decoded as Windows-1252
    /// (the two can mix when files are concatenated): the default.
    Auto,
    /// UTF-8 only: a row that is not valid UTF-8 is a fault of that row.
    #[serde(rename = "utf-8")]
    Utf8,
    /// Windows-1252 (a superset of Latin-1's printable characters), every row.
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// UTF-16, little-endian.
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian.
    #[serde(rename = "utf-16be")]
    Utf16Be,
}

impl Encoding {
    /// The encoding's name, e.g. `"utf-16le"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// A name that is not an [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown encoding (expected auto, utf-8, windows-1252, latin1, utf-16le or utf-16be)")]
pub struct UnknownEncoding;

impl std::str::FromStr for Encoding {
    type Err = UnknownEncoding;

    fn from_str(s: &str) -> Result<Encoding, UnknownEncoding> {
        Ok(match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Encoding::Auto,
            "utf-8" | "utf8" => Encoding::Utf8,
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => {
                Encoding::Windows1252
            }
            "utf-16le" | "utf16le" => Encoding::Utf16Le,
            "utf-16be" | "utf16be" => Encoding::Utf16Be,
            _ => return Err(UnknownEncoding),
        })
    }
}

/// Bytes looked at to recognise the encoding.
const SNIFF_BYTES: usize = 4096;

/// What the first bytes say: the encoding (never `Auto` for UTF-16) and how
/// many bytes of byte-order mark to skip; or that the file is not text.
pub(crate) fn sniff(head: &[u8], forced: Encoding) -> Result<(Encoding, usize), &'static str> {
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        Some((Encoding::Auto, 3))
    } else if head.starts_with(b"\xFF\xFE\0\0") || head.starts_with(b"\0\0\xFE\xFF") {
        return Err("UTF-32 text, which is not read: save it as UTF-8");
    } else if head.starts_with(b"\xFF\xFE") {
        Some((Encoding::Utf16Le, 2))
    } else if head.starts_with(b"\xFE\xFF") {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    };
    if forced != Encoding::Auto {
        // A forced encoding still skips its own byte-order mark.
        let skip = match (bom, forced) {
            (Some((Encoding::Auto, n)), Encoding::Utf8 | Encoding::Windows1252) => n,
            (Some((found, n)), _) if found == forced => n,
            _ => 0,
        };
        return Ok((forced, skip));
    }
    if let Some(found) = bom {
        return Ok(found);
    }
    for (magic, what) in [
        (
            &b"PK\x03\x04"[..],
            "a ZIP archive, such as an Excel workbook (.xlsx): save it as CSV",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an Excel 97-2003 workbook (.xls): save it as CSV",
        ),
        (b"\x1F\x8B", "gzip-compressed: decompress it first"),
        (b"%PDF-", "a PDF document, not a table"),
    ] {
        if head.starts_with(magic) {
            return Err(what);
        }
    }
    let sample = &head[..head.len().min(SNIFF_BYTES)];
    let pairs = sample.len() / 2;
    if pairs >= 2 {
        let zeros_at = |parity: usize| {
            sample
                .chunks_exact(2)
                .filter(|pair| pair[parity] == 0)
                .count()
        };
        let (even, odd) = (zeros_at(0), zeros_at(1));
        // ASCII text in UTF-16 has a zero in every other byte.
        if odd * 10 >= pairs * 4 && even * 20 < pairs {
            return Ok((Encoding::Utf16Le, 0));
        }
        if even * 10 >= pairs * 4 && odd * 20 < pairs {
            return Ok((Encoding::Utf16Be, 0));
        }
    }
    if sample.iter().filter(|&&b| b == 0).count() * 10 > sample.len() {
        return Err("binary data (many NUL bytes), not a text table");
    }
    Ok((Encoding::Auto, 0))
}

/// The input as UTF-8 (or as bytes to be read row by row as UTF-8 or
/// Windows-1252): UTF-16 is transcoded as it streams.
pub(crate) enum Decoded<R> {
    /// Bytes as they are.
    Bytes(io::Chain<io::Cursor<Vec<u8>>, R>),
    /// UTF-16 transcoded to UTF-8.
    Utf16(Utf16<io::Chain<io::Cursor<Vec<u8>>, R>>),
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Bytes(r) => r.read(buf),
            Decoded::Utf16(r) => r.read(buf),
        }
    }
}

/// Reads the first bytes of `input`, works out its encoding and wraps it to
/// be read as UTF-8. `Err(Ok(what))` when the input is not text.
pub(crate) fn open<R: Read>(
    mut input: R,
    forced: Encoding,
) -> io::Result<Result<(Encoding, Decoded<R>), &'static str>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut input)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    let (encoding, skip) = match sniff(&head, forced) {
        Ok(found) => found,
        Err(what) => return Ok(Err(what)),
    };
    let mut head = io::Cursor::new(head);
    head.set_position(skip as u64);
    let chained = head.chain(input);
    Ok(Ok(match encoding {
        Encoding::Utf16Le => (encoding, Decoded::Utf16(Utf16::new(chained, false))),
        Encoding::Utf16Be => (encoding, Decoded::Utf16(Utf16::new(chained, true))),
        _ => (encoding, Decoded::Bytes(chained)),
    }))
}

/// A UTF-16 stream read as UTF-8. An unpaired surrogate or a dangling odd
/// byte becomes U+FFFD, as a text editor shows it.
pub(crate) struct Utf16<R> {
    inner: R,
    big_endian: bool,
    raw: Vec<u8>,
    /// Bytes of `raw` not yet decoded (an odd byte, a high surrogate).
    raw_len: usize,
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
}

impl<R: Read> Utf16<R> {
    fn new(inner: R, big_endian: bool) -> Self {
        Utf16 {
            inner,
            big_endian,
            raw: vec![0; 16 * 1024],
            raw_len: 0,
            out: Vec::with_capacity(24 * 1024),
            out_pos: 0,
            eof: false,
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_pos = 0;
        while self.out.is_empty() && !(self.eof && self.raw_len == 0) {
            if !self.eof {
                let n = self.inner.read(&mut self.raw[self.raw_len..])?;
                self.eof = n == 0;
                self.raw_len += n;
            }
            let units = self.raw_len / 2;
            let unit = |i: usize| {
                let pair = [self.raw[2 * i], self.raw[2 * i + 1]];
                if self.big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            };
            // Keep a trailing high surrogate for the next read, unless the
            // input has ended.
            let mut take = units;
            if !self.eof && take > 0 && (0xD800..0xDC00).contains(&unit(take - 1)) {
                take -= 1;
            }
            let mut buf = [0u8; 4];
            for c in char::decode_utf16((0..take).map(unit)) {
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                self.out
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            self.raw.copy_within(2 * take..self.raw_len, 0);
            self.raw_len -= 2 * take;
            if self.eof && self.raw_len > 0 {
                // An odd byte at the very end.
                self.out.extend_from_slice("\u{FFFD}".as_bytes());
                self.raw_len = 0;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos == self.out.len() {
            self.fill()?;
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// Windows-1252's characters for bytes 0x80–0x9F (the WHATWG mapping; the
/// five unassigned bytes map to the C1 control of the same value). Bytes
/// 0xA0–0xFF are Latin-1, the code point of the same value.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Appends `bytes`, read as Windows-1252, to `out`.
pub(crate) fn push_cp1252(bytes: &[u8], out: &mut String) {
    for &b in bytes {
        out.push(match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_and_magic_numbers() {
        assert_eq!(
            sniff(b"\xEF\xBB\xBFa,b", Encoding::Auto),
            Ok((Encoding::Auto, 3))
        );
        assert_eq!(
            sniff(b"\xFF\xFEa\0", Encoding::Auto),
            Ok((Encoding::Utf16Le, 2))
        );
        assert_eq!(
            sniff(b"\xFE\xFF\0a", Encoding::Auto),
            Ok((Encoding::Utf16Be, 2))
        );
        assert_eq!(
            sniff(b"a\0,\0b\0\n\0", Encoding::Auto),
            Ok((Encoding::Utf16Le, 0))
        );
        assert_eq!(
            sniff(b"\0a\0,\0b\0\n", Encoding::Auto),
            Ok((Encoding::Utf16Be, 0))
        );
        assert!(sniff(b"PK\x03\x04....", Encoding::Auto)
            .unwrap_err()
            .contains("xlsx"));
        assert_eq!(
            sniff(b"a,b\n", Encoding::Windows1252),
            Ok((Encoding::Windows1252, 0))
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBFa", Encoding::Utf8),
            Ok((Encoding::Utf8, 3))
        );
    }

    #[test]
    fn utf16_streams_across_reads_of_one_byte() {
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match (self.0.split_first(), buf.is_empty()) {
                    (Some((b, rest)), false) => {
                        buf[0] = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let text = "npa,ville\n514,Montréal 😀\n";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut out = String::new();
        Utf16::new(OneByte(&bytes), false)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        let mut odd = String::new();
        Utf16::new(&b"a\0b"[..], false)
            .read_to_string(&mut odd)
            .unwrap();
        assert_eq!(odd, "a\u{FFFD}");
    }
}
