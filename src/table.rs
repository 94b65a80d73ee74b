//! The compiled dataset: `OUT_DIR/tables.rs`, written by `build.rs`, and the
//! functions that read it.

use std::borrow::Cow;

use crate::category::{Category, Region};
use crate::code::{CountryCode, SubdivisionCode};
use crate::npa::Npa;
use crate::record::{Country, Fix, NonGeographic, NpaRecord, Subdivision};
use crate::schema::Field;
use crate::service::Service;
use crate::zone::TimeZoneId;

/// What the direct-address table holds for one code.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Slot {
    /// Neither geographic nor non-geographic in the dataset.
    Unlisted,
    /// A geographic NPA.
    Geographic(&'static NpaRecord),
    /// A non-geographic service code.
    NonGeographic(Service),
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

#[inline]
pub(crate) fn slot(code: u16) -> Slot {
    match SLOTS.get(usize::from(code.wrapping_sub(200))) {
        Some(slot) => *slot,
        None => Slot::Unlisted,
    }
}

/// The record of a geographic NPA, or `None` for any other code (including
/// non-geographic ones such as 800: see [`crate::classify`]).
///
/// One bounds-checked load from an 800-slot table: no hashing, allocation or lock.
///
/// ```
/// use nanp_lerg::{lookup, Category};
///
/// let r = lookup(670).unwrap();
/// assert_eq!((r.country_code.as_str(), r.category), ("MP", Category::Pacific));
/// assert!(lookup(800).is_none());
/// assert!(lookup(42).is_none());
/// ```
#[inline]
pub fn lookup(npa: u16) -> Option<&'static NpaRecord> {
    match slot(npa) {
        Slot::Geographic(record) => Some(record),
        _ => None,
    }
}

/// Every geographic record, ascending by NPA.
///
/// ```
/// let all: Vec<_> = nanp_lerg::records().collect();
/// assert_eq!(all.len(), 450);
/// assert_eq!(all[0].npa.get(), 201);
/// ```
pub fn records() -> std::slice::Iter<'static, NpaRecord> {
    RECORDS.iter()
}

/// The billing category of a geographic NPA.
///
/// ```
/// use nanp_lerg::{category, Category};
///
/// assert_eq!(category(684), Some(Category::Pacific));
/// assert_eq!(category(212), Some(Category::UsDomestic));
/// assert_eq!(category(876), Some(Category::Caribbean));
/// ```
#[inline]
pub fn category(npa: u16) -> Option<Category> {
    lookup(npa).map(|r| r.category)
}

/// Where a geographic NPA is; see [`crate::Location`].
///
/// ```
/// assert_eq!(nanp_lerg::location(438).unwrap().to_string(), "Quebec, Canada");
/// ```
#[inline]
pub fn location(npa: u16) -> Option<crate::Location<'static>> {
    lookup(npa).map(NpaRecord::location)
}

/// The NANP country or territory with ISO code `code` (`US`, `CA`, `PR`, `GU`, …).
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.get(code)
}

/// Every NANP country and territory, in no particular order.
pub fn countries() -> impl ExactSizeIterator<Item = &'static Country> {
    COUNTRIES.values()
}

/// The state, province or territory `code` of country `country` (`"US"`, `"NJ"`).
pub fn subdivision(country: &str, code: &str) -> Option<&'static Subdivision> {
    let (c, s) = (country.as_bytes(), code.as_bytes());
    if c.len() != 2 || s.len() != 2 {
        return None;
    }
    let key = [c[0], c[1], b'-', s[0], s[1]];
    COUNTRIES.get(country)?;
    SUBDIVISIONS.get(std::str::from_utf8(&key).ok()?)
}

/// The corrections the build applied to the source export, in the order of
/// `data/fixes.csv`.
///
/// ```
/// let first = &nanp_lerg::fixes()[0];
/// assert_eq!((first.npa.get(), &*first.from, &*first.to), (670, "US", "MP"));
/// ```
pub fn fixes() -> &'static [Fix] {
    &FIXES
}

/// The non-geographic codes of the dataset, ascending.
pub fn non_geographic() -> &'static [NonGeographic] {
    &NON_GEOGRAPHIC
}
