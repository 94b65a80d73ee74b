//! [`Service`]: what a non-geographic NPA is for.
//!
//! Shared with `build.rs` (included there with `#[path]`).

use crate::names::named_enum;

named_enum! {
    /// The service of a non-geographic NANP code (a service access code).
    ///
    /// ```
    /// use nanp_lerg::{classify, Classification, Service};
    ///
    /// assert_eq!(classify(800), Classification::NonGeographic(Service::TollFree));
    /// assert_eq!(Service::TollFree.to_string(), "toll-free");
    /// ```
    pub enum Service ("service") {
        /// 8YY toll-free: 800, 833, 844, 855, 866, 877, 888.
        TollFree = "toll-free",
        /// 900 premium-rate services.
        Premium = "premium",
        /// 5XX personal communications services.
        PersonalCommunications = "personal-communications",
        /// Canadian non-geographic services: 600, 622, 633.
        CanadianNonGeographic = "canadian-non-geographic",
        /// 700 interexchange-carrier services.
        Interexchange = "interexchange",
        /// 710 US federal government.
        UsGovernment = "us-government",
    }
}
