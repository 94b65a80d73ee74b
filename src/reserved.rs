//! [`Reserved`]: the codes the numbering plan keeps out of assignment.
//!
//! Shared with `build.rs` (included there with `#[path]`), so that a
//! geographic record on a reserved code fails the build exactly as it is
//! refused at run time.

use std::fmt;

use serde::Serialize;

use super::npa::Npa;

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
