//! [`Diff`]: a deck against its previous version, code by code and kind by
//! kind, with the increases that arrive with too little notice.

use std::fmt;

use jiff::civil::Date;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{
    group_name, DeckEntry, Destination, Prefix, Rate, RateDeck, RateKind, DESTINATION_GROUPS,
};
use crate::names::named_enum;

named_enum! {
    /// How a code's rate of one kind changed.
    pub enum Change ("change") {
        /// Higher than before.
        Increase = "increase",
        /// Lower than before.
        Decrease = "decrease",
        /// Priced now, not before.
        New = "new",
        /// Priced before, not now.
        Removed = "removed",
    }
}

/// One kind of one code whose rate changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateChange {
    /// The kind of rate.
    pub kind: RateKind,
    /// How it changed.
    pub change: Change,
    /// The old deck's rate (`None` for [`Change::New`]).
    pub old: Option<Rate>,
    /// The new deck's rate (`None` for [`Change::Removed`]).
    pub new: Option<Rate>,
    /// The effective date of the new deck's row for the code, if any.
    pub effective: Option<Date>,
}

impl RateChange {
    /// `new - old`, for an increase or a decrease.
    pub fn delta(&self) -> Option<Rate> {
        self.new?.checked_sub(self.old?)
    }
}

/// How much notice an increase needs: its effective date must be at least
/// `days` after `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    /// The day notice is counted from (usually today).
    pub as_of: Date,
    /// Days of notice an increase needs (US wholesale contracts commonly
    /// require 7).
    pub days: u32,
}

impl Notice {
    /// Whether an increase effective on `effective` comes with less notice
    /// than needed: effective before `as_of + days`, or with no effective
    /// date at all (no notice was given).
    pub fn is_short(&self, effective: Option<Date>) -> bool {
        match effective {
            None => true,
            Some(date) => match jiff::Span::new().try_days(i64::from(self.days)) {
                Ok(notice) => date < self.as_of.saturating_add(notice),
                // More days than the calendar spans: every date is too soon.
                Err(_) => true,
            },
        }
    }
}

/// A deck against its previous version.
///
/// The codes are the union of both decks' codes, in [`Prefix`] order, and
/// each deck's rate for a code is its **longest-prefix match**, the rule of
/// [`Comparison`](super::Comparison): so a code the new deck splits out of
/// an NPA-level row at a higher rate is an increase, not merely new. For
/// each kind either deck prices: both rates and different is an
/// [`Change::Increase`] or [`Change::Decrease`]; only the new deck's is
/// [`Change::New`]; only the old deck's is [`Change::Removed`].
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use nanp_lerg::ratesheet::{Change, Diff, DiffSummary, Notice, Options, RateDeck, RateKind};
/// use nanp_lerg::Directory;
///
/// let dir = Directory::builtin();
/// let load = |s: &str| RateDeck::load(s.as_bytes(), Options::default(), &dir).unwrap();
/// let old = load("prefix,inter,effective\n1201,0.0100,2025-06-01\n1907555,0.0200,2025-06-01\n");
/// let new = load("prefix,inter,effective\n1201,0.0100,2025-07-01\n1201555,0.0150,2025-07-03\n");
/// let diff = Diff::new(&old, &new);
/// let codes: Vec<_> = diff.codes().collect();
/// assert_eq!(codes.len(), 3); // 201 unchanged, 201555, 907555
/// let split = &codes[1].changes()[0];
/// assert_eq!((split.change, split.old.unwrap().to_string()), (Change::Increase, "0.0100".into()));
/// assert_eq!(split.delta().unwrap().to_string(), "0.0050");
/// assert_eq!(codes[2].changes()[0].change, Change::Removed);
///
/// let notice = Notice { as_of: date(2025, 7, 1), days: 7 };
/// let summary = DiffSummary::summarize(&diff, notice);
/// assert_eq!(summary.short_notice(), 1); // effective 2025-07-03, before 2025-07-08
/// assert_eq!((summary.unchanged(), summary.count(Change::Removed)), (1, 1));
/// ```
pub struct Diff<'a, 'd> {
    old: &'a RateDeck<'d>,
    new: &'a RateDeck<'d>,
    kinds: Vec<RateKind>,
}

impl<'a, 'd> Diff<'a, 'd> {
    /// `new` against `old`.
    pub fn new(old: &'a RateDeck<'d>, new: &'a RateDeck<'d>) -> Diff<'a, 'd> {
        let mut kinds: Vec<RateKind> = old.kinds().iter().chain(new.kinds()).copied().collect();
        kinds.sort_unstable();
        kinds.dedup();
        Diff { old, new, kinds }
    }

    /// Every kind either deck prices, in [`RateKind::ALL`] order.
    pub fn kinds(&self) -> &[RateKind] {
        &self.kinds
    }

    /// The old deck.
    pub fn old(&self) -> &'a RateDeck<'d> {
        self.old
    }

    /// The new deck.
    pub fn new_deck(&self) -> &'a RateDeck<'d> {
        self.new
    }

    /// Every code of either deck, in order, with its changes (none for an
    /// unchanged code).
    pub fn codes(&self) -> DiffCodes<'_, 'a, 'd> {
        let mut old = Box::new(self.old.iter()) as EntryIter<'a>;
        let mut new = Box::new(self.new.iter()) as EntryIter<'a>;
        DiffCodes {
            diff: self,
            next: (old.next(), new.next()),
            heads: (old, new),
        }
    }
}

type EntryIter<'a> = Box<dyn Iterator<Item = DeckEntry<'a>> + 'a>;

/// The codes of a [`Diff`]; see [`Diff::codes`].
pub struct DiffCodes<'c, 'a, 'd> {
    diff: &'c Diff<'a, 'd>,
    heads: (EntryIter<'a>, EntryIter<'a>),
    next: (Option<DeckEntry<'a>>, Option<DeckEntry<'a>>),
}

impl<'d> Iterator for DiffCodes<'_, '_, 'd> {
    type Item = CodeDiff<'d>;

    fn next(&mut self) -> Option<CodeDiff<'d>> {
        let prefix = match (&self.next.0, &self.next.1) {
            (Some(a), Some(b)) => a.prefix().min(b.prefix()),
            (Some(a), None) => a.prefix(),
            (None, Some(b)) => b.prefix(),
            (None, None) => return None,
        };
        let Diff { old, new, .. } = *self.diff;
        let mut holder = None;
        let old_match = match self.next.0 {
            Some(e) if e.prefix() == prefix => {
                self.next.0 = self.heads.0.next();
                holder = old.destination(prefix);
                Some(e)
            }
            _ => old.longest_match(prefix),
        };
        let new_match = match self.next.1 {
            Some(e) if e.prefix() == prefix => {
                self.next.1 = self.heads.1.next();
                holder = new.destination(prefix).or(holder);
                Some(e)
            }
            _ => new.longest_match(prefix),
        };
        let effective = new_match.and_then(|e| e.effective());
        let changes = self
            .diff
            .kinds
            .iter()
            .filter_map(|&kind| {
                let (o, n) = (
                    old_match.and_then(|e| e.rate(kind)),
                    new_match.and_then(|e| e.rate(kind)),
                );
                let change = match (o, n) {
                    (Some(o), Some(n)) if n > o => Change::Increase,
                    (Some(o), Some(n)) if n < o => Change::Decrease,
                    (None, Some(_)) => Change::New,
                    (Some(_), None) => Change::Removed,
                    _ => return None,
                };
                Some(RateChange {
                    kind,
                    change,
                    old: o,
                    new: n,
                    effective,
                })
            })
            .collect();
        Some(CodeDiff {
            prefix,
            destination: holder.unwrap_or(Destination::NonNanp),
            changes,
        })
    }
}

/// One code of a [`Diff`] and its changes, kind by kind.
#[derive(Debug, Clone)]
pub struct CodeDiff<'d> {
    prefix: Prefix,
    destination: Destination<'d>,
    changes: Vec<RateChange>,
}

impl<'d> CodeDiff<'d> {
    /// The code.
    pub fn prefix(&self) -> Prefix {
        self.prefix
    }

    /// Where its calls go.
    pub fn destination(&self) -> Destination<'d> {
        self.destination
    }

    /// Its changes, in kind order: empty when it is unchanged.
    pub fn changes(&self) -> &[RateChange] {
        &self.changes
    }
}

/// Increases listed in the summary, at most.
const SHORT_NOTICE_SHOWN: usize = 10;

/// An increase with less notice than needed, as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShortNotice {
    /// The code, normalized.
    pub code: Prefix,
    /// Its category ([`Destination::category_name`]).
    pub category: &'static str,
    /// The kind of rate.
    pub kind: RateKind,
    /// The old rate.
    pub old_rate: Rate,
    /// The new rate.
    pub new_rate: Rate,
    /// The increase.
    pub delta: Rate,
    /// When it takes effect (`None`: the row gives no date).
    pub effective_date: Option<Date>,
}

/// The figures of a [`Diff`]: codes in each deck and unchanged, changes
/// counted per code and kind (overall and per category), and the
/// increases arriving with less notice than [`Notice`] asks.
///
/// Feed it every [`CodeDiff`] with [`DiffSummary::add`] (or call
/// [`DiffSummary::summarize`]). Serialized, it has `codes_old`,
/// `codes_new`, `unchanged`, `changes` (`{"increase": n, "decrease": n,
/// "new": n, "removed": n}`), `by_category` (`{category: {…}}`), `as_of`,
/// `notice_days`, `short_notice`, `undated_increases` and
/// `first_short_notice` (the first ten); `Display` writes it for people.
#[derive(Debug, Clone)]
pub struct DiffSummary {
    notice: Notice,
    codes_old: u64,
    codes_new: u64,
    unchanged: u64,
    changes: [u64; 4],
    by_category: Vec<[u64; 4]>,
    short_notice: u64,
    undated_increases: u64,
    first_short_notice: Vec<ShortNotice>,
}

impl DiffSummary {
    /// Empty figures for `diff`, judging notice by `notice`.
    pub fn new(diff: &Diff<'_, '_>, notice: Notice) -> DiffSummary {
        DiffSummary {
            notice,
            codes_old: diff.old.len() as u64,
            codes_new: diff.new.len() as u64,
            unchanged: 0,
            changes: [0; 4],
            by_category: vec![[0; 4]; DESTINATION_GROUPS],
            short_notice: 0,
            undated_increases: 0,
            first_short_notice: Vec::new(),
        }
    }

    /// Reads every code of `diff` and returns the figures.
    pub fn summarize(diff: &Diff<'_, '_>, notice: Notice) -> DiffSummary {
        let mut s = DiffSummary::new(diff, notice);
        for code in diff.codes() {
            s.add(&code);
        }
        s
    }

    /// Counts one code.
    pub fn add(&mut self, code: &CodeDiff<'_>) {
        if code.changes.is_empty() {
            self.unchanged += 1;
        }
        let group = &mut self.by_category[code.destination.group()];
        for c in &code.changes {
            self.changes[c.change as usize] += 1;
            group[c.change as usize] += 1;
            if c.change == Change::Increase && self.notice.is_short(c.effective) {
                self.short_notice += 1;
                self.undated_increases += u64::from(c.effective.is_none());
                if self.first_short_notice.len() < SHORT_NOTICE_SHOWN {
                    if let (Some(old_rate), Some(new_rate), Some(delta)) = (c.old, c.new, c.delta())
                    {
                        self.first_short_notice.push(ShortNotice {
                            code: code.prefix,
                            category: code.destination.category_name(),
                            kind: c.kind,
                            old_rate,
                            new_rate,
                            delta,
                            effective_date: c.effective,
                        });
                    }
                }
            }
        }
    }

    /// How notice is judged.
    pub fn notice(&self) -> Notice {
        self.notice
    }

    /// Codes in the old deck.
    pub fn codes_old(&self) -> u64 {
        self.codes_old
    }

    /// Codes in the new deck.
    pub fn codes_new(&self) -> u64 {
        self.codes_new
    }

    /// Codes of either deck with no change in any kind.
    pub fn unchanged(&self) -> u64 {
        self.unchanged
    }

    /// Changes of one sort, counted per code and kind.
    pub fn count(&self, change: Change) -> u64 {
        self.changes[change as usize]
    }

    /// Changes of one sort in one category ([`Destination::category_name`]).
    pub fn category_count(&self, category: &str, change: Change) -> u64 {
        self.groups()
            .find(|(name, _)| *name == category)
            .map_or(0, |(_, counts)| counts[change as usize])
    }

    /// Increases with less notice than needed ([`Notice::is_short`]).
    pub fn short_notice(&self) -> u64 {
        self.short_notice
    }

    /// Of those, the ones whose row gives no effective date.
    pub fn undated_increases(&self) -> u64 {
        self.undated_increases
    }

    /// The first ten increases with short notice, in code order.
    pub fn first_short_notice(&self) -> &[ShortNotice] {
        &self.first_short_notice
    }

    fn groups(&self) -> impl Iterator<Item = (&'static str, &[u64; 4])> {
        self.by_category
            .iter()
            .enumerate()
            .filter(|(_, c)| c.iter().any(|&n| n > 0))
            .map(|(g, c)| (group_name(g), c))
    }
}

/// `{"increase": n, "decrease": n, "new": n, "removed": n}`.
struct Counts<'s>(&'s [u64; 4]);

impl Serialize for Counts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        for change in Change::ALL {
            m.serialize_entry(change.as_str(), &self.0[change as usize])?;
        }
        m.end()
    }
}

struct Categories<'s>(&'s DiffSummary);

impl Serialize for Categories<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (name, counts) in self.0.groups() {
            m.serialize_entry(name, &Counts(counts))?;
        }
        m.end()
    }
}

impl Serialize for DiffSummary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("codes_old", &self.codes_old)?;
        m.serialize_entry("codes_new", &self.codes_new)?;
        m.serialize_entry("unchanged", &self.unchanged)?;
        m.serialize_entry("changes", &Counts(&self.changes))?;
        m.serialize_entry("by_category", &Categories(self))?;
        m.serialize_entry("as_of", &self.notice.as_of)?;
        m.serialize_entry("notice_days", &self.notice.days)?;
        m.serialize_entry("short_notice", &self.short_notice)?;
        m.serialize_entry("undated_increases", &self.undated_increases)?;
        m.serialize_entry("first_short_notice", &self.first_short_notice)?;
        m.end()
    }
}

impl fmt::Display for DiffSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "codes: {} old, {} new, {} unchanged",
            self.codes_old, self.codes_new, self.unchanged
        )?;
        writeln!(
            f,
            "\n{:<24} {:>9} {:>9} {:>9} {:>9}",
            "changes (code x kind)", "increase", "decrease", "new", "removed"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, label: &str, c: &[u64; 4]| {
            writeln!(
                f,
                "{label:<24} {:>9} {:>9} {:>9} {:>9}",
                c[0], c[1], c[2], c[3]
            )
        };
        for (name, counts) in self.groups() {
            row(f, name, counts)?;
        }
        row(f, "all", &self.changes)?;
        let notice = self.notice;
        if self.short_notice == 0 {
            writeln!(
                f,
                "\nno increase takes effect less than {} days after {}",
                notice.days, notice.as_of
            )?;
            return Ok(());
        }
        writeln!(
            f,
            "\nWARNING: {} take{} effect less than {} days after {}{}:",
            if self.short_notice == 1 {
                "1 increase".to_owned()
            } else {
                format!("{} increases", self.short_notice)
            },
            if self.short_notice == 1 { "s" } else { "" },
            notice.days,
            notice.as_of,
            if self.undated_increases > 0 {
                format!(
                    " ({} of them with no effective date: no notice given)",
                    self.undated_increases
                )
            } else {
                String::new()
            }
        )?;
        for s in &self.first_short_notice {
            let when = s
                .effective_date
                .map_or_else(|| "no date".to_owned(), |d| d.to_string());
            writeln!(
                f,
                "  {} ({}) {}: {} -> {} (+{}), effective {when}",
                s.code, s.category, s.kind, s.old_rate, s.new_rate, s.delta
            )?;
        }
        if self.short_notice > self.first_short_notice.len() as u64 {
            writeln!(
                f,
                "  … and {} more",
                self.short_notice - self.first_short_notice.len() as u64
            )?;
        }
        Ok(())
    }
}
