//! An exchange's status, and the words each source writes it with.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Layout;

/// Where a code stands: whether calls to it complete, and if not why.
///
/// Each source has its own words; this is what they map to:
///
/// | status | CNAC `Status` | NANPA `Use` (+ `In Service`) | LERG-style `status` |
/// | --- | --- | --- | --- |
/// | [`InService`](Status::InService) | `In Service` | `AS`, unless `In Service` says no or the effective date is after the file date | empty, `M`, `A`, `active`, `in service` |
/// | [`Assigned`](Status::Assigned) | `Assigned` | `AS` not yet in service | `E` (to be established on the effective date), `assigned` |
/// | [`Available`](Status::Available) | `Available`, `New NPA` | `VC` | `available`, `vacant` |
/// | [`Reserved`](Status::Reserved) | `For Special Use`, `Plant Test`, `New NPA Testing`, `Protected` | `UA`, `RV`, `PR` | `reserved`, `special use` |
/// | [`NotAvailable`](Status::NotAvailable) | `Not Available`, `Moratorium on Assignment`, `Being Recovered`, `Recovered/Aging`, `Stranded Code`, `Temporarily Unavailable` | | `D` (disconnected), `not available` |
/// | [`Unknown`](Status::Unknown) | any other words, kept | | |
///
/// Why the edges fall where they do: CNAC's `New NPA` codes are open for
/// assignment ahead of the NPA's relief date, so they are available;
/// NANPA's `UA` covers test codes, N11 and other special-purpose codes
/// (its own definition), so it is reserved with `For Special Use`; a code
/// being recovered, aging after recovery or stranded (its carrier gone) is
/// in no carrier's service and open to no one, so it is not available.
///
/// # Examples
///
/// ```
/// use nanp_lerg::exchange::Status;
///
/// assert_eq!(Status::InService.as_str(), "in-service");
/// assert!(Status::InService.is_in_service());
/// assert!(!Status::Assigned.is_in_service());
/// assert_eq!(Status::Unknown("Pending").to_string(), "unknown");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status<'a> {
    /// Assigned to a carrier and in service: calls complete.
    InService,
    /// Assigned to a carrier, not yet in service.
    Assigned,
    /// Open for assignment.
    Available,
    /// Set aside: test codes, special use, protected for a split.
    Reserved,
    /// Neither in service nor open for assignment.
    NotAvailable,
    /// Words the source used that map to none of the above, as written.
    Unknown(&'a str),
}

impl<'a> Status<'a> {
    /// The status as JSON and the CLI write it (kebab-case; `unknown` for
    /// every unmapped status).
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::InService => "in-service",
            Status::Assigned => "assigned",
            Status::Available => "available",
            Status::Reserved => "reserved",
            Status::NotAvailable => "not-available",
            Status::Unknown(_) => "unknown",
        }
    }

    /// Whether calls to the code complete.
    pub const fn is_in_service(self) -> bool {
        matches!(self, Status::InService)
    }

    /// The source's own words for an unmapped status.
    pub const fn unknown_text(self) -> Option<&'a str> {
        match self {
            Status::Unknown(text) => Some(text),
            _ => None,
        }
    }

    /// An unknown status's words; empty for the others.
    pub(crate) const fn as_words(self) -> &'a str {
        match self {
            Status::Unknown(text) => text,
            _ => "",
        }
    }

    /// The status a source's words mean, `None` for words it does not use
    /// (the caller keeps them as [`Status::Unknown`]). NANPA's `AS` is
    /// in service here; the loader demotes it to assigned when the file
    /// says it is not yet in service.
    pub(crate) fn from_words(layout: Layout, words: &str) -> Option<Status<'static>> {
        let w = words.trim();
        let is = |s: &str| w.eq_ignore_ascii_case(s);
        let status = match layout {
            Layout::Cnac => match () {
                _ if is("In Service") => Status::InService,
                _ if is("Assigned") => Status::Assigned,
                _ if is("Available") || is("New NPA") => Status::Available,
                _ if is("For Special Use")
                    || is("Plant Test")
                    || is("New NPA Testing")
                    || is("Protected") =>
                {
                    Status::Reserved
                }
                _ if is("Not Available")
                    || is("Moratorium on Assignment")
                    || is("Being Recovered")
                    || is("Recovered/Aging")
                    || is("Stranded Code")
                    || is("Temporarily Unavailable") =>
                {
                    Status::NotAvailable
                }
                _ => return None,
            },
            Layout::Nanpa => match () {
                _ if is("AS") => Status::InService,
                _ if is("VC") => Status::Available,
                _ if is("UA") || is("RV") || is("PR") => Status::Reserved,
                _ => return None,
            },
            Layout::Lerg => match () {
                _ if w.is_empty() || is("M") || is("A") || is("active") || is("in service") => {
                    Status::InService
                }
                _ if is("E") || is("assigned") => Status::Assigned,
                _ if is("D") || is("disconnected") || is("not available") => Status::NotAvailable,
                _ if is("available") || is("vacant") => Status::Available,
                _ if is("reserved") || is("special use") => Status::Reserved,
                _ => return None,
            },
        };
        Some(status)
    }
}

impl fmt::Display for Status<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for Status<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
