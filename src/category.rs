//! [`Category`] (the billing category) and [`Region`] (the dataset's grouping).
//!
//! Shared with `build.rs` (included there with `#[path]`).

use std::fmt;
use std::str::FromStr;

/// The billing category of a +1 destination, as rate sheets price it.
///
/// Written `us-domestic`, `canadian`, `caribbean`, `pacific` by `Display`,
/// `FromStr` and serde.
///
/// ```
/// use nanp_lerg::Category;
///
/// assert_eq!("pacific".parse::<Category>().unwrap(), Category::Pacific);
/// assert_eq!(Category::UsDomestic.to_string(), "us-domestic");
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The 50 US states and the District of Columbia.
    UsDomestic,
    /// Canada's provinces and territories.
    Canadian,
    /// Every other NANP country or territory outside the Pacific: Puerto
    /// Rico, the U.S. Virgin Islands, Bermuda and the Caribbean nations.
    Caribbean,
    /// Guam, the Northern Mariana Islands and American Samoa.
    Pacific,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 4] = [
        Category::UsDomestic,
        Category::Canadian,
        Category::Caribbean,
        Category::Pacific,
    ];

    /// The category's name, e.g. `"us-domestic"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::UsDomestic => "us-domestic",
            Category::Canadian => "canadian",
            Category::Caribbean => "caribbean",
            Category::Pacific => "pacific",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A name that is not a [`Category`] or [`Region`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} (expected one of {expected})")]
pub struct UnknownName {
    what: &'static str,
    expected: &'static str,
}

impl FromStr for Category {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Category, UnknownName> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or(UnknownName {
                what: "category",
                expected: "us-domestic, canadian, caribbean, pacific",
            })
    }
}

/// The export's own grouping of NPAs: `US`, `CA`, `Caribbean`, `Pacific`.
///
/// It mirrors the category for the shipped data; it is kept because users'
/// tables and the source system key on it.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, serde::Serialize, serde::Deserialize,
)]
pub enum Region {
    /// `US`
    #[serde(rename = "US")]
    Us,
    /// `CA`
    #[serde(rename = "CA")]
    Ca,
    /// `Caribbean`
    Caribbean,
    /// `Pacific`
    Pacific,
}

impl Region {
    /// Every region, in declaration order.
    pub const ALL: [Region; 4] = [Region::Us, Region::Ca, Region::Caribbean, Region::Pacific];

    /// The region's name as the export writes it, e.g. `"Caribbean"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Ca => "CA",
            Region::Caribbean => "Caribbean",
            Region::Pacific => "Pacific",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Region {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Region, UnknownName> {
        Region::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(UnknownName {
                what: "region",
                expected: "US, CA, Caribbean, Pacific",
            })
    }
}
