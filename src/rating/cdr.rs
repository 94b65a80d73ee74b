//! Call records: which columns hold the calling number, the dialed number
//! and the duration.

use crate::names::normalize;

/// Header names of the calling-number column, matched by the one rule for
/// column names (letters and digits, any case); a name that starts with
/// one of the longer ones counts too (`calling_number`, `caller_id`).
pub const ANI_NAMES: [&str; 6] = ["ani", "cli", "calling", "from", "src", "caller"];
/// Header names of the dialed-number column (`called_number`, `dialed_digits` too).
pub const DIALED_NAMES: [&str; 6] = ["dnis", "dialed", "called", "to", "dst", "destination"];
/// Header names of the duration column, in seconds, most billable first:
/// `billsec` (the answered part, where a switch writes both) before
/// `duration`. Matched exactly: `duration_ms` is not seconds.
pub const DURATION_NAMES: [&str; 4] = ["billsec", "duration", "seconds", "secs"];

/// A column of a CDR file: by header name or 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CdrColumn {
    /// The header name (matched by the one rule for column names).
    Name(String),
    /// The 0-based index.
    Index(usize),
}

/// Where a CDR file's three fields are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct CdrColumns {
    /// The calling number's column (0-based).
    pub ani: usize,
    /// The dialed number's column.
    pub dialed: usize,
    /// The duration's column.
    pub duration: usize,
}

/// Why a CDR file's columns could not be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CdrColumnsError(String);

impl CdrColumns {
    /// Finds the columns in `header` (empty for a file without one), each
    /// by its override or else by the names above.
    ///
    /// # Errors
    ///
    /// When a column is not found, or one column is named for two fields.
    pub fn find(
        header: &[String],
        ani: Option<&CdrColumn>,
        dialed: Option<&CdrColumn>,
        duration: Option<&CdrColumn>,
    ) -> Result<CdrColumns, CdrColumnsError> {
        let names: Vec<String> = header.iter().map(|h| normalize(h)).collect();
        let find = |what: &str, given: Option<&CdrColumn>, words: &[&str], flag: &str, prefixes| {
            let found = match given {
                // Without a header, any index: a short row is rejected.
                Some(CdrColumn::Index(i)) if header.is_empty() || *i < header.len() => Some(*i),
                Some(CdrColumn::Index(i)) => {
                    return Err(CdrColumnsError(format!(
                        "{flag} {}: the file has {} columns",
                        i + 1,
                        header.len()
                    )))
                }
                Some(CdrColumn::Name(n)) => names.iter().position(|h| *h == normalize(n)),
                None => by_name(&names, words, prefixes),
            };
            found.ok_or_else(|| {
                CdrColumnsError(format!(
                    "no {what} column: the header is {:?}; name it with {flag} (a header name \
                     or a 1-based index), or name the column one of {}",
                    crate::ratesheet::echo(&header.join(",")),
                    words.join(", ")
                ))
            })
        };
        let columns = CdrColumns {
            ani: find("calling-number", ani, &ANI_NAMES, "--ani-col", true)?,
            dialed: find("dialed-number", dialed, &DIALED_NAMES, "--dialed-col", true)?,
            duration: find(
                "duration",
                duration,
                &DURATION_NAMES,
                "--duration-col",
                false,
            )?,
        };
        let [a, d, s] = [columns.ani, columns.dialed, columns.duration];
        if a == d || a == s || d == s {
            return Err(CdrColumnsError(format!(
                "one column for two fields (calling {}, dialed {}, duration {}): name them apart",
                a + 1,
                d + 1,
                s + 1
            )));
        }
        Ok(columns)
    }

    /// The widest of the three, for a row too short to hold them.
    pub(crate) fn needed(&self) -> usize {
        self.ani.max(self.dialed).max(self.duration) + 1
    }
}

/// The first column named one of `words` exactly, in the words' order;
/// else, with `prefixes`, the first whose name starts with one of the
/// words of four letters or more (`callingnumber`, `calleddigits`).
fn by_name(names: &[String], words: &[&str], prefixes: bool) -> Option<usize> {
    words
        .iter()
        .find_map(|w| names.iter().position(|n| n == w))
        .or_else(|| {
            words
                .iter()
                .filter(|w| prefixes && w.len() >= 4)
                .find_map(|w| names.iter().position(|n| n.starts_with(w)))
        })
}
