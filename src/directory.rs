//! [`Directory`]: the compiled dataset plus changes made at run time.

use std::fmt;
use std::io::Read;
use std::sync::OnceLock;

use crate::category::Category;
use crate::classify::{Classification, Reserved};
use crate::npa::Npa;
use crate::parse::{parse, ParseError};
use crate::record::{Location, NpaRecord};
use crate::schema::{self, check_record, DataError, DataErrorKind, DataErrors, Reference};
use crate::table::{self, Slot};

/// What a directory holds for one code, when it differs from the compiled table.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// As compiled.
    Builtin,
    /// Added or replaced at run time.
    Record(Box<NpaRecord>),
    /// Removed at run time: no longer geographic.
    Removed,
}

/// The NPA dataset as an application sees it: the compiled table, plus any
/// records added, replaced or removed at run time (a new area code such as
/// 273 Quebec, a corrected category), validated exactly as the build
/// validates `data/npa.csv`.
///
/// [`Directory::builtin`] costs nothing: it reads the compiled table until
/// the first change, which copies only the 800-slot index (never the
/// records). Lookups stay one index away.
///
/// `Directory` is `Send + Sync` and holds no lock. To change the data of a
/// running service, build the new directory beside the old one and swap an
/// `Arc<Directory>` (in a `RwLock<Arc<Directory>>` or an `arc-swap`); readers
/// keep the `Arc` they cloned until they are done:
///
/// ```
/// use std::sync::{Arc, RwLock};
/// use nanp_lerg::Directory;
///
/// let current = RwLock::new(Arc::new(Directory::builtin()));
///
/// // A reader takes the lock only to clone the Arc, then reads lock-free.
/// let snapshot = Arc::clone(&current.read().unwrap());
///
/// // A reload builds the next directory beside the current one, then swaps.
/// let mut next = Directory::clone(&snapshot);
/// let overlay = "npa,country_code,country_name,state_province_code,state_province_name,region,category\n\
///                273,CA,Canada,QC,Quebec,CA,canadian\n";
/// next.load_csv("overlay.csv", overlay.as_bytes()).unwrap();
/// *current.write().unwrap() = Arc::new(next);
///
/// assert!(snapshot.lookup(273).is_none(), "a reader keeps the directory it began with");
/// assert_eq!(current.read().unwrap().lookup(273).unwrap().state_province_code, "QC");
/// ```
///
/// Two directories are equal when they hold the same records, however they
/// came by them.
///
/// ```
/// use nanp_lerg::{Category, Directory};
///
/// let mut dir = Directory::builtin();
/// assert!(dir.lookup(273).is_none());
///
/// // 273 is the newest Quebec overlay; validated like the build's data.
/// let mut quebec = dir.lookup(438).unwrap().clone();
/// quebec.npa = nanp_lerg::Npa::new(273).unwrap();
/// dir.insert(quebec).unwrap();
/// assert_eq!(dir.lookup(273).unwrap().state_province_code, "QC");
/// assert_eq!(dir.category(273), Some(Category::Canadian));
///
/// // The free functions still read the compiled table.
/// assert!(nanp_lerg::lookup(273).is_none());
/// ```
#[derive(Clone, Default)]
pub struct Directory {
    /// `None` until the first change; then one entry per code 200–999.
    entries: Option<Box<[Entry]>>,
}

// Sharing across threads is the documented use; a field that broke it
// (an `Rc`, a `Cell`) must fail the build here, not in a user's crate.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Directory>();
};

impl PartialEq for Directory {
    fn eq(&self, other: &Directory) -> bool {
        (self.is_builtin() && other.is_builtin()) || self.records().eq(other.records())
    }
}

impl Eq for Directory {}

/// Only the changes: 800 slots of `Builtin` would bury them in test failures.
impl fmt::Debug for Directory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(entries) = &self.entries else {
            return f.write_str("Directory::builtin()");
        };
        let codes = || (200u16..).zip(entries.iter());
        let records: Vec<&NpaRecord> = codes()
            .filter_map(|(_, e)| match e {
                Entry::Record(r) => Some(&**r),
                _ => None,
            })
            .collect();
        let removed: Vec<u16> = codes()
            .filter(|(_, e)| matches!(e, Entry::Removed))
            .map(|(code, _)| code)
            .collect();
        f.debug_struct("Directory")
            .field("len", &self.len())
            .field("records", &records)
            .field("removed", &removed)
            .finish()
    }
}

/// Why a change to a [`Directory`] was refused.
///
/// ```
/// use nanp_lerg::{Directory, DirectoryError};
///
/// let mut dir = Directory::builtin();
/// let mut record = dir.lookup(212).unwrap().clone();
/// record.npa = nanp_lerg::Npa::new(800).unwrap();
/// assert!(matches!(dir.insert(record.clone()), Err(DirectoryError::NonGeographic(_))));
/// record.npa = nanp_lerg::Npa::new(911).unwrap();
/// let e = dir.insert(record).unwrap_err();
/// assert_eq!(e.to_string(), "NPA 911 is reserved (N11 abbreviated dialing code, never an area code) and cannot hold a geographic record");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DirectoryError {
    /// The record failed validation; every problem is listed.
    #[error("NPA {npa} rejected: {}", join(.problems))]
    Invalid {
        /// The NPA.
        npa: Npa,
        /// What is wrong with it.
        problems: Vec<DataErrorKind>,
    },
    /// The NPA is a non-geographic code (such as 800) in the compiled data.
    #[error("NPA {0} is a non-geographic service code and cannot hold a geographic record")]
    NonGeographic(Npa),
    /// The NPA is reserved by the numbering plan (N11, N9X, …).
    #[error("NPA {npa} is reserved ({}) and cannot hold a geographic record", .reason.description())]
    Reserved {
        /// The NPA.
        npa: Npa,
        /// Why it is reserved.
        reason: Reserved,
    },
}

fn join(problems: &[DataErrorKind]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The compiled countries and subdivisions, for validating run-time records.
fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE
        .get_or_init(|| Reference::new(table::COUNTRIES.values(), table::SUBDIVISIONS.values()))
}

impl Directory {
    /// The compiled dataset, unchanged. Free: no allocation or copy.
    ///
    /// ```
    /// static DIR: nanp_lerg::Directory = nanp_lerg::Directory::builtin();
    /// assert_eq!(DIR.len(), 450);
    /// ```
    pub const fn builtin() -> Directory {
        Directory { entries: None }
    }

    /// A directory with no geographic record, to load a whole dataset into
    /// (such as a [`Directory::write_csv`] export) in place of the compiled
    /// one. The compiled non-geographic codes and reserved codes still apply.
    ///
    /// ```
    /// let dir = nanp_lerg::Directory::empty();
    /// assert_eq!(dir.len(), 0);
    /// assert!(dir.lookup(212).is_none());
    /// assert_eq!(dir.classify(800).kind(), "non-geographic");
    /// ```
    pub fn empty() -> Directory {
        let mut entries = vec![Entry::Removed; 800].into_boxed_slice();
        // Non-geographic codes are never records; keep them reading through
        // to the compiled table so that `classify` still names their service.
        for (i, entry) in entries.iter_mut().enumerate() {
            if !matches!(table::slot(200 + i as u16), Slot::Geographic(_)) {
                *entry = Entry::Builtin;
            }
        }
        Directory {
            entries: Some(entries),
        }
    }

    /// Whether the directory is the compiled dataset, never changed.
    ///
    /// ```
    /// let mut dir = nanp_lerg::Directory::builtin();
    /// assert!(dir.is_builtin());
    /// dir.remove(212);
    /// assert!(!dir.is_builtin());
    /// ```
    pub fn is_builtin(&self) -> bool {
        self.entries.is_none()
    }

    /// The geographic record of `npa`, as this directory has it.
    ///
    /// ```
    /// let dir = nanp_lerg::Directory::builtin();
    /// assert_eq!(dir.lookup(671).unwrap().country_code, "GU");
    /// assert!(dir.lookup(800).is_none(), "toll-free is not geographic");
    /// ```
    #[inline]
    pub fn lookup(&self, npa: u16) -> Option<&NpaRecord> {
        match self.entry(npa) {
            Some(Entry::Record(r)) => Some(r),
            Some(Entry::Removed) => None,
            Some(Entry::Builtin) | None => table::lookup(npa),
        }
    }

    #[inline]
    fn entry(&self, npa: u16) -> Option<&Entry> {
        self.entries
            .as_deref()?
            .get(usize::from(npa.wrapping_sub(200)))
    }

    /// The billing category of `npa`, as this directory has it.
    ///
    /// ```
    /// let dir = nanp_lerg::Directory::builtin();
    /// assert_eq!(dir.category(787), Some(nanp_lerg::Category::Caribbean));
    /// ```
    pub fn category(&self, npa: u16) -> Option<Category> {
        self.lookup(npa).map(|r| r.category)
    }

    /// The location of `npa`, as this directory has it.
    ///
    /// ```
    /// let dir = nanp_lerg::Directory::builtin();
    /// assert_eq!(dir.location(902).unwrap().full().to_string(), "Nova Scotia/Prince Edward Island, Canada (NS/PE, CA)");
    /// ```
    pub fn location(&self, npa: u16) -> Option<Location<'_>> {
        self.lookup(npa).map(NpaRecord::location)
    }

    /// [`crate::classify`] through this directory: its records first, then
    /// the compiled non-geographic codes and the numbering plan's rules.
    ///
    /// ```
    /// use nanp_lerg::{Classification, Directory, Reserved};
    ///
    /// let mut dir = Directory::builtin();
    /// dir.remove(212);
    /// assert_eq!(dir.classify(212), Classification::Unassigned);
    /// assert_eq!(dir.classify(299), Classification::Reserved(Reserved::Expansion));
    /// ```
    pub fn classify(&self, code: u16) -> Classification<'_> {
        match self.entry(code) {
            Some(Entry::Record(r)) => Classification::Geographic(r),
            Some(Entry::Removed) => match Npa::new(code).and_then(Reserved::of) {
                Some(reason) => Classification::Reserved(reason),
                None => Classification::Unassigned,
            },
            Some(Entry::Builtin) | None => crate::classify(code),
        }
    }

    /// Parses a dial string ([`crate::parse`]) and classifies its NPA.
    ///
    /// ```
    /// let dir = nanp_lerg::Directory::builtin();
    /// let c = dir.classify_str("+1 (671) 555-0100").unwrap();
    /// assert_eq!(c.kind(), "geographic");
    /// ```
    pub fn classify_str(&self, input: &str) -> Result<Classification<'_>, ParseError> {
        parse(input).map(|d| self.classify(d.npa.get()))
    }

    /// Every geographic record, ascending by NPA.
    ///
    /// ```
    /// let dir = nanp_lerg::Directory::builtin();
    /// assert!(dir.records().eq(nanp_lerg::records()));
    /// ```
    pub fn records(&self) -> impl Iterator<Item = &NpaRecord> + '_ {
        Npa::all().filter_map(move |npa| self.lookup(npa.get()))
    }

    /// How many geographic records the directory holds.
    ///
    /// ```
    /// let mut dir = nanp_lerg::Directory::builtin();
    /// assert_eq!(dir.len(), 450);
    /// dir.remove(212);
    /// assert_eq!(dir.len(), 449);
    /// ```
    pub fn len(&self) -> usize {
        match &self.entries {
            None => table::RECORDS.len(),
            Some(_) => self.records().count(),
        }
    }

    /// Whether the directory holds no geographic record.
    ///
    /// ```
    /// assert!(!nanp_lerg::Directory::builtin().is_empty());
    /// assert!(nanp_lerg::Directory::empty().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn entries_mut(&mut self) -> &mut [Entry] {
        self.entries
            .get_or_insert_with(|| vec![Entry::Builtin; 800].into_boxed_slice())
    }

    /// Adds `record`, or replaces the record of its NPA, after validating it
    /// as the build validates `data/npa.csv`. Returns the record replaced.
    ///
    /// ```
    /// use nanp_lerg::{Directory, DirectoryError};
    ///
    /// let mut dir = Directory::builtin();
    /// let mut guam = dir.lookup(671).unwrap().clone();
    /// guam.category = nanp_lerg::Category::UsDomestic; // Guam is not US domestic
    /// assert!(matches!(dir.insert(guam), Err(DirectoryError::Invalid { .. })));
    /// assert_eq!(dir.category(671), Some(nanp_lerg::Category::Pacific), "unchanged");
    /// ```
    pub fn insert(&mut self, record: NpaRecord) -> Result<Option<NpaRecord>, DirectoryError> {
        validate(&record)?;
        let npa = record.npa;
        let previous = self.lookup(npa.get()).cloned();
        self.entries_mut()[npa.index()] = Entry::Record(Box::new(record));
        Ok(previous)
    }

    /// Changes the record of `npa` with `change`, then validates the result;
    /// on error the directory is unchanged. `None` if `npa` has no record.
    ///
    /// ```
    /// let mut dir = nanp_lerg::Directory::builtin();
    /// dir.update(867, |r| r.state_province_name = "Yukon".into()).unwrap().unwrap_err();
    /// ```
    pub fn update(
        &mut self,
        npa: u16,
        change: impl FnOnce(&mut NpaRecord),
    ) -> Option<Result<(), DirectoryError>> {
        let mut record = self.lookup(npa)?.clone();
        change(&mut record);
        if record.npa.get() != npa {
            return Some(Err(DirectoryError::Invalid {
                npa: record.npa,
                problems: vec![DataErrorKind::Inconsistent {
                    npa: record.npa,
                    field: "npa",
                    found: record.npa.to_string(),
                    expected: npa.to_string(),
                    because: "update keeps the NPA (insert a new record instead)".to_owned(),
                }],
            }));
        }
        Some(self.insert(record).map(|_| ()))
    }

    /// Removes the record of `npa`, returning it. The code becomes reserved
    /// or unassigned, as the numbering plan's rules say.
    ///
    /// ```
    /// let mut dir = nanp_lerg::Directory::builtin();
    /// assert_eq!(dir.remove(438).unwrap().state_province_code, "QC");
    /// assert!(dir.lookup(438).is_none());
    /// assert!(dir.remove(438).is_none(), "already gone");
    /// ```
    pub fn remove(&mut self, npa: u16) -> Option<NpaRecord> {
        let previous = self.lookup(npa)?.clone();
        self.entries_mut()[previous.npa.index()] = Entry::Removed;
        Some(previous)
    }

    /// Applies a CSV of records with the schema of `data/npa.csv` (and the
    /// optional `state_province_codes` and `time_zones` columns), adding or
    /// replacing each row's NPA. All or nothing: on any error the directory
    /// is unchanged, and every error is returned with `file` and line.
    ///
    /// A row without time zones (no `time_zones` column, or an empty cell)
    /// keeps the zones of the record it replaces, so correcting a name or a
    /// category does not lose them; a new NPA without zones has none, and
    /// [`zone::calling_window`](crate::zone::calling_window) cannot answer for
    /// it. Give `time_zones` when a row moves an NPA or adds one.
    ///
    /// ```
    /// let csv = "npa,country_code,country_name,state_province_code,state_province_name,region,category\n\
    ///            273,CA,Canada,QC,Quebec,CA,canadian\n\
    ///            438,CA,Canada,QC,Quebec,CA,canadian\n";
    /// let mut dir = nanp_lerg::Directory::builtin();
    /// assert_eq!(dir.load_csv("overlay.csv", csv.as_bytes()).unwrap(), 2);
    /// assert_eq!(dir.lookup(273).unwrap().state_province_name, "Quebec");
    /// assert!(dir.lookup(273).unwrap().time_zones().is_empty(), "new, and no zones given");
    /// assert_eq!(dir.lookup(438).unwrap().time_zones(), ["America/Toronto"], "kept");
    ///
    /// let with_zones = "npa,country_code,country_name,state_province_code,state_province_name,region,category,state_province_codes,time_zones\n\
    ///                   273,CA,Canada,QC,Quebec,CA,canadian,QC,America/Toronto;America/Halifax\n";
    /// dir.load_csv("overlay.csv", with_zones.as_bytes()).unwrap();
    /// assert_eq!(dir.lookup(273).unwrap().time_zones(), ["America/Toronto", "America/Halifax"]);
    /// ```
    pub fn load_csv(&mut self, file: &str, input: impl Read) -> Result<usize, DataErrors> {
        // Every problem of every row, the rows that read well validated too.
        let (rows, mut errors) = schema::read_npa_rows(file, input);
        let count = rows.len();
        let mut next = self.clone();
        for row in rows {
            let (line, npa) = (row.line, row.npa);
            let mut record = row.record;
            if record.time_zones.is_empty() {
                if let Some(replaced) = next.lookup(npa.get()) {
                    record.time_zones = replaced.time_zones.clone();
                }
            }
            if let Err(e) = next.insert(record) {
                let kinds = match e {
                    DirectoryError::Invalid { problems, .. } => problems,
                    // The build's own words for a reserved code.
                    DirectoryError::Reserved { npa, reason } => {
                        vec![DataErrorKind::ReservedNpa { npa, reason }]
                    }
                    other => vec![DataErrorKind::NotAssignable {
                        npa,
                        reason: other.to_string(),
                    }],
                };
                errors.extend(kinds.into_iter().map(|kind| DataError {
                    file: file.to_owned(),
                    line,
                    kind,
                }));
            }
        }
        if errors.is_empty() {
            *self = next;
            Ok(count)
        } else {
            errors.sort_by_key(|e| e.line);
            Err(errors)
        }
    }
}

fn validate(record: &NpaRecord) -> Result<(), DirectoryError> {
    let npa = record.npa;
    match table::slot(npa.get()) {
        Slot::NonGeographic(_) => return Err(DirectoryError::NonGeographic(npa)),
        Slot::Unlisted => {
            if let Some(reason) = Reserved::of(npa) {
                return Err(DirectoryError::Reserved { npa, reason });
            }
        }
        Slot::Geographic(_) => {}
    }
    let problems = check_record(record, 0, reference());
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DirectoryError::Invalid { npa, problems })
    }
}
