//! Names: the enums written as fixed words in data files, JSON and the CLI
//! (one macro gives each its list of values, its names, `Display`,
//! `FromStr` and serde), and the one rule by which column names are matched.
//!
//! Shared with `build.rs` (included there with `#[path]`).

/// A name that is not one of an enum's values.
///
/// ```
/// let e = "guam".parse::<nanp_lerg::Category>().unwrap_err();
/// assert_eq!(e.to_string(), "unknown category \"guam\" (expected one of us-domestic, canadian, caribbean, pacific)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (expected one of {expected})")]
pub struct UnknownName {
    what: &'static str,
    value: String,
    expected: &'static str,
}

impl UnknownName {
    pub(crate) fn new(what: &'static str, value: &str, expected: &'static str) -> UnknownName {
        UnknownName {
            what,
            value: value.to_owned(),
            expected,
        }
    }

    /// The accepted names, comma-separated.
    pub fn expected(&self) -> &'static str {
        self.expected
    }
}

/// `"a, b, c"` from the literals `"a"`, `"b"`, `"c"`.
macro_rules! join_names {
    ($first:literal $(, $rest:literal)*) => {
        concat!($first $(, ", ", $rest)*)
    };
}
pub(crate) use join_names;

/// Declares an enum whose values are written as fixed names, with `ALL`,
/// `NAMES`, `as_str`, `Display`, `FromStr` ([`UnknownName`] on failure)
/// and serde as those names.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The accepted names, comma-separated, in declaration order.
            pub const NAMES: &'static str = $crate::names::join_names!($($text),+);

            /// The value's name, as data files, JSON and the CLI write it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::names::UnknownName;

            fn from_str(s: &str) -> Result<$name, $crate::names::UnknownName> {
                $name::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| $crate::names::UnknownName::new($what, s, $name::NAMES))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use named_enum;

/// A column or label name reduced for matching: ASCII letters and digits
/// only, lower-cased. `Area Code`, `area_code` and `AREA-CODE` are all
/// `areacode`; `Rate (inter)` is `rateinter`. Every reader matches column
/// names by this one rule.
pub(crate) fn normalize(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `name` is one of `names` under [`normalize`].
pub(crate) fn is_one_of(name: &str, names: &[&str]) -> bool {
    let name = normalize(name);
    names.iter().any(|n| normalize(n) == name)
}
