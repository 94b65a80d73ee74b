//! [`classify`]: what any three-digit code is in the NANP.

use crate::npa::Npa;
use crate::record::NpaRecord;
pub use crate::reserved::Reserved;
use crate::service::Service;
use crate::table::{slot, Slot};

/// What a three-digit code is in the North American Numbering Plan.
///
/// The lifetime is that of the record: `'static` for the compiled table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification<'a> {
    /// A geographic area code in the dataset.
    Geographic(&'a NpaRecord),
    /// A non-geographic service access code (toll-free, premium, …).
    NonGeographic(Service),
    /// A code the NANP keeps out of assignment, and why.
    Reserved(Reserved),
    /// A valid `[2-9]XX` code with no assignment in the dataset.
    Unassigned,
    /// Not a NANP code at all: outside 200–999.
    Invalid,
}

impl Classification<'_> {
    /// The kind's name as the CLI and JSON write it: `geographic`,
    /// `non-geographic`, `reserved`, `unassigned` or `invalid`.
    pub const fn kind(&self) -> &'static str {
        match self {
            Classification::Geographic(_) => "geographic",
            Classification::NonGeographic(_) => "non-geographic",
            Classification::Reserved(_) => "reserved",
            Classification::Unassigned => "unassigned",
            Classification::Invalid => "invalid",
        }
    }

    /// Whether calls to the code can be rated: geographic or non-geographic.
    pub const fn is_assigned(&self) -> bool {
        matches!(
            self,
            Classification::Geographic(_) | Classification::NonGeographic(_)
        )
    }
}

/// Classifies any code: geographic (with its record), non-geographic (with its
/// service), reserved (with the reason), unassigned, or invalid.
///
/// The dataset wins over the rules: a code listed in the data is reported as
/// listed even if a rule would reserve it.
///
/// ```
/// use nanp_lerg::{classify, Classification, Reserved, Service};
///
/// assert!(matches!(classify(671), Classification::Geographic(r) if r.country_code == "GU"));
/// assert_eq!(classify(888), Classification::NonGeographic(Service::TollFree));
/// assert_eq!(classify(911), Classification::Reserved(Reserved::N11));
/// assert_eq!(classify(555), Classification::Reserved(Reserved::EasilyRecognizable));
/// assert_eq!(classify(299), Classification::Reserved(Reserved::Expansion));
/// assert_eq!(classify(375), Classification::Reserved(Reserved::Unanticipated));
/// assert_eq!(classify(282), Classification::Unassigned);
/// assert_eq!(classify(123), Classification::Invalid);
/// ```
pub fn classify(code: u16) -> Classification<'static> {
    let Some(npa) = Npa::new(code) else {
        return Classification::Invalid;
    };
    match slot(code) {
        Slot::Geographic(record) => Classification::Geographic(record),
        Slot::NonGeographic(service) => Classification::NonGeographic(service),
        Slot::Unlisted => match Reserved::of(npa) {
            Some(reason) => Classification::Reserved(reason),
            None => Classification::Unassigned,
        },
    }
}

impl Npa {
    /// [`classify`] this code.
    pub fn classify(self) -> Classification<'static> {
        classify(self.get())
    }
}
