//! Two-letter codes: [`CountryCode`] (ISO 3166-1 alpha-2) and
//! [`SubdivisionCode`] (USPS state, Canadian province or territory, or a
//! territory's own ISO code).
//!
//! Shared with `build.rs` (included there with `#[path]`).

use std::fmt;
use std::str::FromStr;

/// Why a string is not a two-letter code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a code is exactly two upper-case ASCII letters")]
pub struct CodeError;

fn two_letters(s: &str) -> Result<[u8; 2], CodeError> {
    match s.as_bytes() {
        &[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok([a, b]),
        _ => Err(CodeError),
    }
}

/// Every pair of upper-case letters, `AA` to `ZZ`, in order.
const PAIRS: &str = {
    const BYTES: [u8; 2 * 26 * 26] = {
        let mut b = [0u8; 2 * 26 * 26];
        let mut i = 0;
        while i < 26 * 26 {
            b[2 * i] = b'A' + (i / 26) as u8;
            b[2 * i + 1] = b'A' + (i % 26) as u8;
            i += 1;
        }
        b
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("ASCII letters are UTF-8"),
    }
};

macro_rules! two_letter_code {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        // Eq, Ord and Hash agree with `str`'s, so `Borrow<str>` is sound:
        // maps keyed by codes can be indexed with `"US"`.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub struct $name([u8; 2]);

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl $name {
            /// Builds a code in a generated table. Only ever evaluated in a
            /// `static` initializer, where a malformed code is a compile error.
            #[allow(dead_code)]
            pub(crate) const fn from_table(code: [u8; 2]) -> $name {
                assert!(code[0].is_ascii_uppercase() && code[1].is_ascii_uppercase());
                $name(code)
            }

            /// The code as a string slice, e.g. `"GU"`.
            #[inline]
            pub fn as_str(&self) -> &'static str {
                // Construction admits only ASCII upper-case letters: a slice
                // of the table of every pair, with no UTF-8 check per call.
                let i = 2 * (usize::from(self.0[0] - b'A') * 26 + usize::from(self.0[1] - b'A'));
                PAIRS.get(i..i + 2).unwrap_or("??")
            }
        }

        impl FromStr for $name {
            type Err = CodeError;

            fn from_str(s: &str) -> Result<$name, CodeError> {
                two_letters(s).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.as_str())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

two_letter_code! {
    /// An ISO 3166-1 alpha-2 country or territory code, such as `US`, `CA`,
    /// `GU` or `JM`. Territories (PR, VI, GU, MP, AS) carry their own code,
    /// as in libphonenumber.
    ///
    /// ```
    /// use nanp_lerg::CountryCode;
    ///
    /// let gu: CountryCode = "GU".parse().unwrap();
    /// assert_eq!(gu, "GU");
    /// assert!("gu".parse::<CountryCode>().is_err());
    /// ```
    CountryCode
}

two_letter_code! {
    /// A state, province or territory code: the USPS code of a US state or
    /// DC, the Canadian province or territory code, or, for a country or
    /// territory that is a single NPA region, its own ISO code (`GU` for Guam).
    SubdivisionCode
}
