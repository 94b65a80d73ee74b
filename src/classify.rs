//! [`classify`]: what any three-digit code is in the NANP.

use std::fmt;

use serde::Serialize;

use crate::npa::Npa;
use crate::record::NpaRecord;
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

/// Why a code is reserved, per the NANP numbering guidelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reserved {
    /// N11: abbreviated dialing codes (211, 311, … 911).
    N11,
    /// N9X: held for the expansion of the plan beyond ten digits.
    Expansion,
    /// 37X and 96X: held for unanticipated purposes.
    Unanticipated,
    /// Easily recognizable codes (ERCs: second and third digits equal, such as
    /// 222, 455 or 555) that no service uses; ERCs are kept for special services.
    EasilyRecognizable,
    /// 822, 880–887, 889: held for future toll-free codes.
    TollFreeExpansion,
}

impl Reserved {
    /// The reason's name, e.g. `"n11"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reserved::N11 => "n11",
            Reserved::Expansion => "expansion",
            Reserved::Unanticipated => "unanticipated",
            Reserved::EasilyRecognizable => "easily-recognizable",
            Reserved::TollFreeExpansion => "toll-free-expansion",
        }
    }

    /// A sentence for people.
    pub const fn description(self) -> &'static str {
        match self {
            Reserved::N11 => "N11 abbreviated dialing code, never an area code",
            Reserved::Expansion => "N9X code, reserved for expansion of the numbering plan",
            Reserved::Unanticipated => "37X/96X code, reserved for unanticipated purposes",
            Reserved::EasilyRecognizable => {
                "easily recognizable code (ERC), reserved for special services"
            }
            Reserved::TollFreeExpansion => "reserved for future toll-free codes",
        }
    }

    /// The reservation that covers `npa`, if any. Rules, not data: they are
    /// fixed by the numbering plan itself.
    pub const fn of(npa: Npa) -> Option<Reserved> {
        let n = npa.get();
        let (b, c) = (n / 10 % 10, n % 10);
        if b == 1 && c == 1 {
            Some(Reserved::N11)
        } else if b == 9 {
            Some(Reserved::Expansion)
        } else if n / 10 == 37 || n / 10 == 96 {
            Some(Reserved::Unanticipated)
        } else if n == 822 || (n >= 880 && n <= 889 && n != 888) {
            Some(Reserved::TollFreeExpansion)
        } else if b == c {
            Some(Reserved::EasilyRecognizable)
        } else {
            None
        }
    }
}

impl fmt::Display for Reserved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
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
