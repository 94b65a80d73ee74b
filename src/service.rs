//! [`Service`]: what a non-geographic NPA is for.
//!
//! Shared with `build.rs` (included there with `#[path]`).

use std::fmt;
use std::str::FromStr;

/// The service of a non-geographic NANP code (a service access code).
///
/// ```
/// use nanp_lerg::{classify, Classification, Service};
///
/// assert_eq!(classify(800), Classification::NonGeographic(Service::TollFree));
/// assert_eq!(Service::TollFree.to_string(), "toll-free");
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// 8YY toll-free: 800, 833, 844, 855, 866, 877, 888.
    TollFree,
    /// 900 premium-rate services.
    Premium,
    /// 5XX personal communications services.
    PersonalCommunications,
    /// Canadian non-geographic services: 600, 622, 633.
    CanadianNonGeographic,
    /// 700 interexchange-carrier services.
    Interexchange,
    /// 710 US federal government.
    UsGovernment,
}

impl Service {
    /// Every service, in declaration order.
    pub const ALL: [Service; 6] = [
        Service::TollFree,
        Service::Premium,
        Service::PersonalCommunications,
        Service::CanadianNonGeographic,
        Service::Interexchange,
        Service::UsGovernment,
    ];

    /// The service's name, e.g. `"toll-free"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Service::TollFree => "toll-free",
            Service::Premium => "premium",
            Service::PersonalCommunications => "personal-communications",
            Service::CanadianNonGeographic => "canadian-non-geographic",
            Service::Interexchange => "interexchange",
            Service::UsGovernment => "us-government",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A name that is not a [`Service`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown service (expected one of toll-free, premium, personal-communications, canadian-non-geographic, interexchange, us-government)")]
pub struct UnknownService;

impl FromStr for Service {
    type Err = UnknownService;

    fn from_str(s: &str) -> Result<Service, UnknownService> {
        Service::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or(UnknownService)
    }
}
