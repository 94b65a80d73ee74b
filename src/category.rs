//! [`Category`] (the billing category) and [`Region`] (the dataset's grouping).
//!
//! Shared with `build.rs` (included there with `#[path]`).

use crate::names::named_enum;

named_enum! {
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
    /// assert_eq!(Category::NAMES, "us-domestic, canadian, caribbean, pacific");
    /// ```
    pub enum Category ("category") {
        /// The 50 US states and the District of Columbia.
        UsDomestic = "us-domestic",
        /// Canada's provinces and territories.
        Canadian = "canadian",
        /// Every other NANP country or territory outside the Pacific: Puerto
        /// Rico, the U.S. Virgin Islands, Bermuda and the Caribbean nations.
        Caribbean = "caribbean",
        /// Guam, the Northern Mariana Islands and American Samoa.
        Pacific = "pacific",
    }
}

named_enum! {
    /// The export's own grouping of NPAs: `US`, `CA`, `Caribbean`, `Pacific`.
    ///
    /// It mirrors the category for the shipped data; it is kept because users'
    /// tables key on it.
    ///
    /// ```
    /// assert_eq!("Caribbean".parse::<nanp_lerg::Region>().unwrap().as_str(), "Caribbean");
    /// ```
    pub enum Region ("region") {
        /// `US`
        Us = "US",
        /// `CA`
        Ca = "CA",
        /// `Caribbean`
        Caribbean = "Caribbean",
        /// `Pacific`
        Pacific = "Pacific",
    }
}
