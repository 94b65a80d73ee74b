//! [`RateKind`]: which of a destination's rates a column holds, and how a
//! deck says so.

use super::{DetectError, RateColumn};
use crate::names::{named_enum, normalize};

named_enum! {
    /// The kind of rate a deck column holds.
    ///
    /// A US deck prices a call by its jurisdiction: interstate, intrastate,
    /// or indeterminate (the call's origin cannot be placed). A deck with a
    /// single rate column prices every call alike: its kind is `rate`.
    ///
    /// ```
    /// use nanp_lerg::ratesheet::RateKind;
    ///
    /// assert_eq!(RateKind::of_name("Rate (inter)"), Some(RateKind::Inter));
    /// assert_eq!(RateKind::of_name("intrastate"), Some(RateKind::Intra));
    /// assert_eq!(RateKind::of_name("indetermRate"), Some(RateKind::Indeterminate));
    /// assert_eq!(RateKind::of_name("IJ"), Some(RateKind::Indeterminate));
    /// assert_eq!(RateKind::of_name("international"), None);
    /// assert_eq!("indeterminate".parse::<RateKind>().unwrap(), RateKind::Indeterminate);
    /// ```
    pub enum RateKind ("rate kind") {
        /// Interstate: a call between two states.
        Inter = "inter",
        /// Intrastate: a call within one state.
        Intra = "intra",
        /// Indeterminate jurisdiction: the origin cannot be placed.
        Indeterminate = "indeterminate",
        /// The one rate of a deck that does not tell jurisdictions apart.
        Rate = "rate",
    }
}

/// Names of each kind's columns, compared with a whole name or one of its
/// words (see [`RateKind::of_name`]), in `RateKind::ALL` order.
const VOCABULARY: [&[&str]; 3] = [
    &[
        "inter",
        "interstate",
        "interrate",
        "interstaterate",
        "rateinter",
        "rateinterstate",
    ],
    &[
        "intra",
        "intrastate",
        "intrarate",
        "intrastaterate",
        "rateintra",
        "rateintrastate",
    ],
    &[
        "ij",
        "ijrate",
        "rateij",
        "indeterminate",
        "indeterm",
        "indet",
        "indetermrate",
        "indeterminaterate",
        "rateindeterminate",
        "rateindeterm",
        "indeterminatejurisdiction",
        "indetermjurisdiction",
    ],
];

impl RateKind {
    /// The kind's place in [`RateKind::ALL`]: the index of its rate in a
    /// per-kind array.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The jurisdiction a column name says, if it says one: the name, or
    /// one of its words (split at anything not a letter or digit and where
    /// a lower-case letter meets an upper-case one), is `inter` or
    /// `interstate`; `intra` or `intrastate`; `ij`, `indeterminate`,
    /// `indeterm` or `indet` (each also with `rate` before or after it).
    /// A name whose words say two kinds says none. `rate` is never named:
    /// it is the kind of a deck's only rate column.
    pub fn of_name(name: &str) -> Option<RateKind> {
        let whole = normalize(name);
        let mut found = None;
        for word in words(name).chain(std::iter::once(whole)) {
            let kind = VOCABULARY
                .iter()
                .position(|names| names.contains(&word.as_str()))
                .map(|i| RateKind::ALL[i]);
            match (found, kind) {
                (_, None) => {}
                (None, Some(k)) => found = Some(k),
                (Some(f), Some(k)) if f == k => {}
                (Some(_), Some(_)) => return None,
            }
        }
        found
    }
}

/// A name's words, lower-cased: split at anything but ASCII letters and
/// digits, and where a lower-case letter is followed by an upper-case one
/// (`indetermRate` is `indeterm`, `rate`).
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut last_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            last_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && last_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        last_lower = c.is_ascii_lowercase();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.into_iter()
}

/// The kind of each rate column, in order.
///
/// - `forced` (one kind per column, no kind twice) wins.
/// - With a header, a column is the kind its name says; a later column
///   naming a kind already taken (`intrastate,intrastate`) has none, so
///   that no rate is compared as something it may not be.
/// - Without a header, three rate columns are inter, intra and
///   indeterminate in that order (the US NPA-NXX deck's convention).
/// - A deck's only rate column, if its name says no jurisdiction, is `rate`.
pub(crate) fn assign(
    columns: &mut [RateColumn],
    has_header: bool,
    forced: Option<&[RateKind]>,
) -> Result<(), DetectError> {
    if let Some(kinds) = forced {
        if kinds.len() != columns.len() {
            return Err(DetectError::Conflict(format!(
                "{} rate kinds for {} rate columns",
                kinds.len(),
                columns.len()
            )));
        }
        if let Some(k) = kinds
            .iter()
            .enumerate()
            .find_map(|(i, k)| kinds[..i].contains(k).then_some(k))
        {
            return Err(DetectError::Conflict(format!("rate kind {k} given twice")));
        }
        for (c, k) in columns.iter_mut().zip(kinds) {
            c.kind = Some(*k);
        }
        return Ok(());
    }
    let mut taken = [false; 4];
    if has_header {
        for c in columns.iter_mut() {
            c.kind = RateKind::of_name(&c.name).filter(|k| !taken[k.index()]);
            if let Some(k) = c.kind {
                taken[k.index()] = true;
            }
        }
    } else if columns.len() == 3 {
        for (c, k) in columns.iter_mut().zip(RateKind::ALL) {
            c.kind = Some(k);
        }
    }
    if let [only] = columns {
        only.kind = only.kind.or(Some(RateKind::Rate));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(names: &[&str], header: bool) -> Vec<Option<RateKind>> {
        let mut columns: Vec<RateColumn> = names
            .iter()
            .enumerate()
            .map(|(index, name)| RateColumn {
                index,
                name: (*name).to_owned(),
                kind: None,
            })
            .collect();
        assign(&mut columns, header, None).unwrap();
        columns.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn names_of_each_kind() {
        use RateKind::*;
        for (name, kind) in [
            ("inter", Some(Inter)),
            ("Interstate", Some(Inter)),
            ("rate (inter)", Some(Inter)),
            ("Inter Rate", Some(Inter)),
            ("inter_rate", Some(Inter)),
            ("INTRASTATE", Some(Intra)),
            ("intra", Some(Intra)),
            ("intrastate (column 4)", Some(Intra)),
            ("ij", Some(Indeterminate)),
            ("IJ Rate", Some(Indeterminate)),
            ("IJRate", Some(Indeterminate)),
            ("indeterminate", Some(Indeterminate)),
            ("indeterm", Some(Indeterminate)),
            ("indetermRate", Some(Indeterminate)),
            ("Indeterminate Jurisdiction", Some(Indeterminate)),
            ("rate", None),
            ("international", None),
            ("interval", None),
            ("inter/intra", None),
            ("price", None),
        ] {
            assert_eq!(RateKind::of_name(name), kind, "{name:?}");
        }
    }

    #[test]
    fn a_repeated_name_gives_its_kind_to_the_first_column_only() {
        use RateKind::*;
        assert_eq!(
            kinds(&["rate (inter)", "intrastate", "intrastate"], true),
            [Some(Inter), Some(Intra), None]
        );
        assert_eq!(
            kinds(&["column 4", "column 5", "column 6"], false),
            [Some(Inter), Some(Intra), Some(Indeterminate)]
        );
        assert_eq!(kinds(&["price"], true), [Some(Rate)]);
        assert_eq!(kinds(&["interstate"], true), [Some(Inter)]);
        assert_eq!(kinds(&["column 3"], false), [Some(Rate)]);
        assert_eq!(kinds(&["a", "b"], false), [None, None]);
        assert_eq!(kinds(&["price a", "price b"], true), [None, None]);
    }
}
