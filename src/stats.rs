//! [`Stats`]: counts of a directory per category, country and region.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::category::{Category, Region};
use crate::code::CountryCode;
use crate::record::NpaRecord;
use crate::table::non_geographic;

/// Counts of a directory's records, from [`Directory::stats`](crate::Directory::stats).
///
/// ```
/// let s = nanp_lerg::Directory::builtin().stats();
/// assert_eq!(s.records, 450);
/// assert_eq!(s.per_category[&nanp_lerg::Category::Pacific], 3);
/// assert_eq!(s.per_country["GU"], 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Geographic records.
    pub records: usize,
    /// Non-geographic codes.
    pub non_geographic: usize,
    /// Records per billing category (every category present, zero or not).
    pub per_category: BTreeMap<Category, usize>,
    /// Records per region.
    pub per_region: BTreeMap<Region, usize>,
    /// Records per country or territory code.
    pub per_country: BTreeMap<CountryCode, usize>,
    /// Fixes applied to the source export.
    pub fixes: usize,
}

impl crate::Directory {
    /// Counts this directory's records (with the compiled non-geographic
    /// codes and fixes).
    ///
    /// ```
    /// let mut dir = nanp_lerg::Directory::builtin();
    /// assert_eq!(dir.stats().per_country["CA"], 56);
    /// dir.remove(438);
    /// assert_eq!(dir.stats().per_country["CA"], 55);
    /// ```
    pub fn stats(&self) -> Stats {
        count(self.records())
    }
}

fn count<'a>(records: impl Iterator<Item = &'a NpaRecord>) -> Stats {
    let mut total = 0;
    let mut per_category: BTreeMap<Category, usize> =
        Category::ALL.iter().map(|c| (*c, 0)).collect();
    let mut per_region: BTreeMap<Region, usize> = Region::ALL.iter().map(|r| (*r, 0)).collect();
    let mut per_country = BTreeMap::new();
    for r in records {
        total += 1;
        *per_category.entry(r.category).or_default() += 1;
        *per_region.entry(r.region).or_default() += 1;
        *per_country.entry(r.country_code).or_default() += 1;
    }
    Stats {
        records: total,
        non_geographic: non_geographic().len(),
        per_category,
        per_region,
        per_country,
        fixes: crate::fixes().len(),
    }
}
