//! Exchanges: the NPA-NXX (and thousands-block) level — rate center,
//! state or province, carrier, status — loaded from the numbering
//! administrators' public files or a carrier's LERG extract.
//!
//! The directory knows area codes; rate decks price NPA-NXX codes, and the
//! questions asked of them are exchange-level: is 613-555 a real code in
//! service? which rate center and carrier (OCN) hold it? is it in Ontario or
//! in Quebec? [`Exchanges`] holds those answers for any set of codes and
//! looks one up in a couple of array loads.
//!
//! # Sources
//!
//! Three layouts, told apart by their headers ([`Layout`]):
//!
//! - **CNAC CO Code Status** (`COCodeStatus_ALL.csv`, Canada): header
//!   `"NPA","CO Code (NXX)","Status","Exchange Area","Province","Company","OCN","Remarks"`,
//!   then `,,,,,,,YYYY-MM-DD`, the file date; every NXX of every Canadian
//!   NPA, with its status.
//! - **NANPA CO Code Assignment Records, utilized**
//!   (`CoCodeAssignment_Utilized_AllStates_Public.txt`, formerly
//!   `allutlzd.txt`, US and territories): tab-separated, header
//!   `State, NPA-NXX, OCN, Company, RateCenter, EffectiveDate, Use,
//!   AssignDate, Initial/Growth` then, by vintage, `Pooled Code`,
//!   `In Service` and `File Updated mm/dd/yyyy` (in 2020 the last two were
//!   one cell); cells padded with spaces; `NPA-NXX` written `201-200`.
//! - **A LERG 6-style extract**: CSV with named columns, matched in any
//!   case and with any punctuation: `NPA`, `NXX` (required), then any of
//!   `BLOCK_ID`/`X`/`block`/`thousands_block` (the thousands digit; `A` or
//!   empty is the whole NXX), `LATA`, `OCN`/`AOCN`,
//!   `RC_ABBRE`/`rate_center`/`RC_NAME`, `LOC_STATE`/`state`/`province`/`RC_STATE`,
//!   `company`/`carrier`/`OCN_NAME`, `status`, `EFF_DATE`/`effective_date`/`effective`.
//!
//! Statuses are mapped from each source's words: see [`Status`]. Lines
//! starting with `#` before the header are comments. Files are read
//! through the crate's row reader: UTF-8, Windows-1252 (NANPA's files are
//! Latin-1) and UTF-16 alike.
//!
//! # Loading is all or nothing
//!
//! Every row is loaded or is a [`Problem`] with its file, line and what is
//! wrong, and one problem refuses the whole load, listing all of them
//! ([`LoadError`]): a code that is not an NPA-NXX, an NPA that is not a
//! geographic NPA of the source's country (CNAC lists Canada, NANPA the US
//! and its territories), an unreadable date, the same code twice (in one
//! file or two: both places are named). A thousands block over a
//! whole-NXX record is no conflict: it refines it (LERG's pooled codes).
//!
//! Rows whose state or province is not one their NPA serves are loaded
//! and reported ([`Exchanges::disagreements`]): they are facts worth
//! seeing. The CNAC file of 2024-10-10 has five, all St-Regis, Quebec
//! (the Akwesasne exchange), in Ontario's 343, 613 and 753.
//!
//! # Examples
//!
//! ```
//! use nanp_lerg::exchange::{Exchanges, Status};
//! use nanp_lerg::Directory;
//!
//! let cnac = "\"NPA\",\"CO Code (NXX)\",\"Status\",\"Exchange Area\",\"Province\",\"Company\",\"OCN\",\"Remarks\"\n\
//!             ,,,,,,,2024-10-10\n\
//!             613,575,\"In Service\",\"St-Regis\",\"QC\",\"Bell Canada\",\"8051\",\n\
//!             613,576,\"Available\",,,,,\n";
//! let dir = Directory::builtin();
//! let mut builder = Exchanges::builder(&dir);
//! builder.read("cnac.csv", cnac.as_bytes(), None);
//! let exchanges = builder.build().unwrap();
//!
//! let e = exchanges.get(613, 575).unwrap();
//! assert_eq!(e.status, Status::InService);
//! assert_eq!((e.rate_center, e.state_province_code), (Some("St-Regis"), Some("QC")));
//! assert_eq!((e.company, e.ocn), (Some("Bell Canada"), Some("8051")));
//! assert_eq!(exchanges.get(613, 576).unwrap().status, Status::Available);
//! assert!(exchanges.get(613, 577).is_none());
//!
//! // 613 is an Ontario NPA: the Quebec exchange is reported, not dropped.
//! let d = &exchanges.disagreements()[0];
//! assert_eq!((d.line, d.found.as_str(), d.npa_serves.as_str()), (3, "QC", "ON"));
//! ```

mod layout;
mod load;
mod status;
mod store;

use std::fmt;
use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::npa::Npa;
use crate::Directory;

pub use layout::Layout;
pub use load::Builder;
pub use status::Status;

use store::{Slot, Store};

/// One code's exchange: the whole NPA-NXX, or one thousands block of it.
///
/// Serialized with exactly the keys `npa`, `nxx`, `block`, `status`,
/// `rate_center`, `state_province_code`, `company`, `ocn`, `lata`,
/// `effective_date` (`YYYY-MM-DD`); a value the source does not give is
/// `null`. The source file is not serialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Exchange<'a> {
    /// The NPA.
    pub npa: Npa,
    /// The NXX, 200–999.
    pub nxx: u16,
    /// The thousands block (0–9) this answer is for, `None` when it is the
    /// whole NXX's.
    pub block: Option<u8>,
    /// Where the code stands.
    pub status: Status<'a>,
    /// The rate center (CNAC's exchange area).
    pub rate_center: Option<&'a str>,
    /// The state or province code, as the source writes it.
    pub state_province_code: Option<&'a str>,
    /// The company holding the code.
    pub company: Option<&'a str>,
    /// The company's operating company number.
    pub ocn: Option<&'a str>,
    /// The LATA (LERG-style extracts only).
    pub lata: Option<&'a str>,
    /// The date the code (or its last change) took effect.
    pub effective_date: Option<Date>,
    /// The file it came from, as it was named to the loader.
    #[serde(skip)]
    pub source: &'a str,
}

/// The exchanges of one or more files, looked up by NPA-NXX.
///
/// Built with [`Exchanges::builder`] (or [`Exchanges::load`] for paths);
/// see the [module docs](self). Immutable once built, and `Send + Sync`:
/// share one behind an `Arc` across threads.
#[derive(Debug)]
pub struct Exchanges {
    store: Store,
    files: Vec<SourceFile>,
    disagreements: Vec<Disagreement>,
    /// Codes loaded (whole NXXs and blocks).
    codes: usize,
}

/// A file that was loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFile {
    /// The file, as it was named to the loader.
    pub name: String,
    /// Its layout.
    pub layout: Layout,
    /// The date the file states (CNAC's date row, NANPA's header).
    pub file_date: Option<Date>,
    /// Data rows loaded: one per code or block.
    pub rows: u64,
    /// Blank lines skipped.
    pub blank_lines: u64,
    /// Comment lines (`#`) before the header.
    pub comment_lines: u64,
    /// Rows that were not UTF-8 and were read as Windows-1252.
    pub transcoded_rows: u64,
}

/// A loaded row whose state or province is not one its NPA serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// The file.
    pub file: String,
    /// The row's line.
    pub line: u64,
    /// The NPA.
    pub npa: Npa,
    /// The NXX.
    pub nxx: u16,
    /// The thousands block, for a block's row.
    pub block: Option<u8>,
    /// The row's state or province.
    pub found: String,
    /// What the directory says the NPA serves (`NS;PE`).
    pub npa_serves: String,
    /// The row's rate center, for the reader's bearings.
    pub rate_center: String,
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}-{:03}",
            self.file, self.line, self.npa, self.nxx
        )?;
        if let Some(b) = self.block {
            write!(f, "-{b}")?;
        }
        write!(
            f,
            " ({}) is in {}, but NPA {} serves {}",
            self.rate_center, self.found, self.npa, self.npa_serves
        )
    }
}

/// One row (or file) that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {kind}", Line(*line))]
pub struct Problem {
    /// The file.
    pub file: String,
    /// The row's line; 0 when the file could not be read at all.
    pub line: u64,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// `:line`, or nothing for line 0 (the whole file).
struct Line(u64);

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            0 => Ok(()),
            n => write!(f, ":{n}"),
        }
    }
}

/// What is wrong with a row of an exchange file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file is not text.
    #[error("this is {0}")]
    NotText(&'static str),
    /// The header is none of the layouts.
    #[error("{0}")]
    Header(String),
    /// The row itself is malformed: a quote that never closes, a row too long.
    #[error("{0}")]
    Malformed(String),
    /// NANPA's `NPA-NXX` is not written `NPA-NXX`.
    #[error("NPA-NXX {0:?} is not written NPA-NXX (201-200)")]
    Code(String),
    /// The NPA is not three digits 200–999.
    #[error("NPA {0:?} is not an area code (three digits, 200–999)")]
    Npa(String),
    /// The NXX is not a central office code.
    #[error("NXX {0:?} is not a central office code (three digits, the first 2–9)")]
    Nxx(String),
    /// The block is not a thousands digit.
    #[error("block {0:?} is not a thousands digit 0–9 (or A, or empty, for the whole NXX)")]
    Block(String),
    /// The effective date is not a date.
    #[error("effective date {0:?} is not a date")]
    Date(String),
    /// The NPA is not a geographic NPA.
    #[error("NPA {npa} is {is}, not a geographic NPA: it has no exchanges")]
    NotGeographic {
        /// The NPA.
        npa: Npa,
        /// What it is instead.
        is: String,
    },
    /// The NPA is in a country the source does not cover.
    #[error("NPA {npa} is in {country}, but a {layout} file lists codes of {covers} only")]
    Country {
        /// The NPA.
        npa: Npa,
        /// Its country.
        country: String,
        /// The file's layout.
        layout: Layout,
        /// What the layout covers.
        covers: &'static str,
    },
    /// The code was loaded already, from the row named.
    #[error("{code} is also on line {line} of {file}")]
    Duplicate {
        /// The code (`613-555`, or `201-200-3` for a block).
        code: String,
        /// The other row's file.
        file: String,
        /// The other row's line.
        line: u64,
    },
}

/// Why exchange files were refused: every problem, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the exchange files, the first: {}", .problems.len(), .problems[0])]
pub struct LoadError {
    /// Every problem found.
    pub problems: Vec<Problem>,
}

/// A code as messages write it: `613-555`, or `201-200-3` for a block.
pub(crate) fn code_text(npa: Npa, nxx: u16, block: Option<u8>) -> String {
    match block {
        Some(x) => format!("{npa}-{nxx:03}-{x}"),
        None => format!("{npa}-{nxx:03}"),
    }
}

impl Exchanges {
    /// A builder that reads files into a new set, checking each row
    /// against `directory`.
    pub fn builder(directory: &Directory) -> Builder<'_> {
        Builder::new(directory)
    }

    /// Loads the files at `paths`, each in the layout its header says.
    ///
    /// # Errors
    ///
    /// Every problem of every file ([`LoadError`]); nothing is loaded then.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// use nanp_lerg::exchange::Exchanges;
    /// use nanp_lerg::Directory;
    ///
    /// let dir = Directory::builtin();
    /// let exchanges = Exchanges::load(&["COCodeStatus_ALL.csv", "allutlzd.txt"], &dir)?;
    /// println!("{} codes", exchanges.len());
    /// # Ok::<(), nanp_lerg::exchange::LoadError>(())
    /// ```
    pub fn load(paths: &[impl AsRef<Path>], directory: &Directory) -> Result<Exchanges, LoadError> {
        let mut builder = Builder::new(directory);
        for path in paths {
            builder.read_path(path.as_ref(), None);
        }
        builder.build()
    }

    /// The whole NXX's exchange, `None` when the files have no record for
    /// it (an NXX known only by some of its blocks has none).
    ///
    /// ```
    /// # let exchanges = nanp_lerg::exchange::Exchanges::builder(&nanp_lerg::Directory::builtin()).build().unwrap();
    /// assert!(exchanges.get(613, 555).is_none());
    /// assert!(exchanges.get(613, 155).is_none()); // not an NXX
    /// ```
    #[inline]
    pub fn get(&self, npa: u16, nxx: u16) -> Option<Exchange<'_>> {
        let record = match self.store.slot(npa, nxx) {
            Slot::Empty => return None,
            Slot::Record(r) => r,
            Slot::Split(row) => self.store.block(row, None)?,
        };
        Some(self.exchange(npa, nxx, None, record))
    }

    /// The exchange of thousands block `x` (0–9) of NPA-NXX: the block's
    /// own record when one was loaded, else the whole NXX's.
    ///
    /// ```
    /// use nanp_lerg::exchange::Exchanges;
    /// use nanp_lerg::Directory;
    ///
    /// let lerg = "NPA,NXX,BLOCK_ID,OCN,RC_ABBRE,LOC_STATE\n\
    ///             201,200,A,9102,JERSEYCITY,NJ\n\
    ///             201,200,3,6214,JERSEYCITY,NJ\n";
    /// let dir = Directory::builtin();
    /// let mut builder = Exchanges::builder(&dir);
    /// builder.read("lerg6.csv", lerg.as_bytes(), None);
    /// let exchanges = builder.build().unwrap();
    /// let block = exchanges.get_block(201, 200, 3).unwrap();
    /// assert_eq!((block.block, block.ocn), (Some(3), Some("6214")));
    /// let whole = exchanges.get_block(201, 200, 4).unwrap();
    /// assert_eq!((whole.block, whole.ocn), (None, Some("9102")));
    /// ```
    #[inline]
    pub fn get_block(&self, npa: u16, nxx: u16, x: u8) -> Option<Exchange<'_>> {
        match self.store.slot(npa, nxx) {
            Slot::Empty => None,
            Slot::Record(r) => Some(self.exchange(npa, nxx, None, r)),
            Slot::Split(row) => match self.store.block(row, Some(x)) {
                Some(r) => Some(self.exchange(npa, nxx, Some(x), r)),
                None => Some(self.exchange(npa, nxx, None, self.store.block(row, None)?)),
            },
        }
    }

    #[inline]
    fn exchange(&self, npa: u16, nxx: u16, block: Option<u8>, record: u32) -> Exchange<'_> {
        let r = self.store.record(record);
        let s = |id: u32| (id != 0).then(|| self.store.str(id));
        Exchange {
            npa: Npa::new(npa).expect("a stored NPA is valid"),
            nxx,
            block,
            status: self.store.status(r),
            rate_center: s(r.rate_center),
            state_province_code: s(r.state),
            company: s(r.company),
            ocn: s(r.ocn),
            lata: s(r.lata),
            effective_date: r.effective(),
            source: &self.files[usize::from(r.file)].name,
        }
    }

    /// Every code loaded, whole NXXs and blocks, in NPA, NXX, block order.
    pub fn iter(&self) -> impl Iterator<Item = Exchange<'_>> + '_ {
        self.store
            .codes()
            .map(|(npa, nxx, block, r)| self.exchange(npa, nxx, block, r))
    }

    /// How many codes (whole NXXs and blocks) are loaded.
    pub fn len(&self) -> usize {
        self.codes
    }

    /// Whether nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.codes == 0
    }

    /// The files loaded, in the order read.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// Loaded rows whose state or province is not one their NPA serves.
    pub fn disagreements(&self) -> &[Disagreement] {
        &self.disagreements
    }

    /// The bytes the set holds on the heap (the table, the records, the
    /// strings), for capacity planning.
    pub fn heap_bytes(&self) -> usize {
        self.store.heap_bytes()
    }
}
