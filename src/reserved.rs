//! [`Reserved`]: the codes the numbering plan keeps out of assignment.
//!
//! Shared with `build.rs` (included there with `#[path]`), so that a
//! geographic record on a reserved code fails the build exactly as it is
//! refused at run time.

use super::names::named_enum;
use super::npa::Npa;

named_enum! {
    /// Why a code is reserved, per the NANP numbering guidelines.
    pub enum Reserved ("reservation") {
        /// N11: abbreviated dialing codes (211, 311, … 911).
        N11 = "n11",
        /// N9X: held for the expansion of the plan beyond ten digits.
        Expansion = "expansion",
        /// 37X and 96X: held for unanticipated purposes.
        Unanticipated = "unanticipated",
        /// Easily recognizable codes (ERCs: second and third digits equal, such as
        /// 222, 455 or 555) that no service uses; ERCs are kept for special services.
        EasilyRecognizable = "easily-recognizable",
        /// 822, 880–887, 889: held for future toll-free codes.
        TollFreeExpansion = "toll-free-expansion",
    }
}

impl Reserved {
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
