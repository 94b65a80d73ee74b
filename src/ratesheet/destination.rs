//! [`Destination`]: where a row's calls go, and the groups figures count
//! destinations in.

use crate::record::NpaRecord;
use crate::service::Service;

/// Where a row's calls go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination<'d> {
    /// A geographic NPA.
    Geographic(&'d NpaRecord),
    /// A non-geographic NANP service (toll-free, premium, …).
    NonGeographic(Service),
    /// Not +1: another country's prefix in an A–Z deck.
    NonNanp,
}

/// Places of the destinations in [`Destination::category_name`]'s list.
pub(crate) const DESTINATION_GROUPS: usize = 4 + 6 + 1;

impl Destination<'_> {
    /// What a deck's figures group the destination under: its billing
    /// category (`us-domestic`, `canadian`, `caribbean`, `pacific`), its
    /// service (`toll-free`, `premium`, …), or `non-nanp`.
    ///
    /// ```
    /// use nanp_lerg::ratesheet::Destination;
    /// use nanp_lerg::Service;
    ///
    /// let guam = nanp_lerg::lookup(671).unwrap();
    /// assert_eq!(Destination::Geographic(guam).category_name(), "pacific");
    /// assert_eq!(Destination::NonGeographic(Service::TollFree).category_name(), "toll-free");
    /// assert_eq!(Destination::NonNanp.category_name(), "non-nanp");
    /// ```
    pub fn category_name(&self) -> &'static str {
        match self {
            Destination::Geographic(r) => r.category.as_str(),
            Destination::NonGeographic(s) => s.as_str(),
            Destination::NonNanp => "non-nanp",
        }
    }

    /// The place of [`Destination::category_name`] in the order figures
    /// list them: categories, services, other countries.
    pub(crate) fn group(&self) -> usize {
        match self {
            Destination::Geographic(r) => r.category as usize,
            Destination::NonGeographic(s) => 4 + *s as usize,
            Destination::NonNanp => DESTINATION_GROUPS - 1,
        }
    }
}

/// The name of a destination group (see [`Destination::group`]).
pub(crate) fn group_name(group: usize) -> &'static str {
    match group {
        g if g < 4 => crate::Category::ALL[g].as_str(),
        g if g < DESTINATION_GROUPS - 1 => Service::ALL[g - 4].as_str(),
        _ => "non-nanp",
    }
}

// Every service has a place.
const _: () = assert!(Service::ALL.len() == 6 && crate::Category::ALL.len() == 4);
