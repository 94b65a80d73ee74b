//! [`Comparison`]: vendors' decks lined up code by code, the cheapest
//! vendor of each code and kind, and the figures of it all
//! ([`ComparisonSummary`], in `summary.rs`).

mod summary;

use super::{DeckEntry, Destination, Prefix, Rate, RateDeck, RateKind};

pub use summary::ComparisonSummary;

/// Most decks one comparison lines up.
pub const MAX_VENDORS: usize = 64;

/// Why decks cannot be compared as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CompareError {
    /// No deck at all.
    #[error("no deck to compare")]
    NoDecks,
    /// More than [`MAX_VENDORS`] decks.
    #[error("{0} decks: at most {MAX_VENDORS} can be compared")]
    TooManyDecks(usize),
    /// Two vendors with one name: their columns could not be told apart.
    #[error("two decks are named {0:?}: give each vendor its own name")]
    DuplicateName(String),
    /// A name that cannot head a column or stand in `tie:a|b`: empty,
    /// `tie`, or holding `|`, `,`, a quote or a line break.
    #[error("{0:?} cannot name a vendor (not empty, not `tie`, no `|`, `,`, quote or line break)")]
    BadName(String),
}

/// A set of vendors, by their place in the comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VendorSet(u64);

impl VendorSet {
    /// Whether vendor `i` is in the set.
    pub fn contains(self, i: usize) -> bool {
        i < MAX_VENDORS && self.0 & (1 << i) != 0
    }

    /// How many vendors are in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The vendors, in order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let i = bits.trailing_zeros() as usize;
            (bits != 0).then(|| {
                bits &= bits - 1;
                i
            })
        })
    }

    fn insert(&mut self, i: usize) {
        self.0 |= 1 << i;
    }
}

/// The lowest rate of a code and kind, and who offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cheapest {
    /// The lowest rate.
    pub rate: Rate,
    /// The vendors whose rate it is: more than one is a tie (rates equal
    /// exactly, to the last decimal: `0.01` and `0.0100` tie).
    pub vendors: VendorSet,
}

impl Cheapest {
    /// Whether several vendors share the lowest rate.
    pub fn is_tie(&self) -> bool {
        self.vendors.len() > 1
    }
}

/// Decks of several vendors, lined up code by code.
///
/// The rows are the union of every deck's codes, in [`Prefix`] order; a
/// vendor's rate for a row is that vendor's **longest-prefix match** for
/// the row's code, empty when it has none. So decks of different shapes
/// compare: an NPA-NXX deck and a 1NPANXX prefix deck line up, and a
/// vendor pricing `1201` at one rate is compared on every `201`-`xxx` code
/// another vendor lists. Kinds compare only with themselves (a deck's one
/// `rate` is not an `inter` rate).
///
/// # Examples
///
/// ```
/// use nanp_lerg::ratesheet::{Comparison, Options, RateDeck, RateKind};
/// use nanp_lerg::Directory;
///
/// let dir = Directory::builtin();
/// let load = |s: &str| RateDeck::load(s.as_bytes(), Options::default(), &dir).unwrap();
/// let a = load("prefix,inter,intra\n1201200,0.0040,0.0050\n1201201,0.0060,0.0050\n");
/// let b = load("npa,nxx,inter,intra\n201,200,0.0045,0.0050\n907,555,0.0100,0.0110\n");
/// let c = load("prefix,inter\n1201,0.0042\n");
/// let cmp = Comparison::new(vec![("a".into(), &a), ("b".into(), &b), ("c".into(), &c)]).unwrap();
/// assert_eq!(cmp.kinds(), [RateKind::Inter, RateKind::Intra]);
///
/// let rows: Vec<_> = cmp.codes().collect();
/// let codes: Vec<String> = rows.iter().map(|r| r.prefix().to_string()).collect();
/// assert_eq!(codes, ["201", "201200", "201201", "907555"]);
///
/// // 201200: c prices it through its 1201.
/// let r = &rows[1];
/// assert_eq!(r.rate(2, RateKind::Inter).unwrap().to_string(), "0.0042");
/// let cheapest = r.cheapest(RateKind::Inter).unwrap();
/// assert_eq!((cheapest.rate.to_string(), cheapest.vendors.iter().collect::<Vec<_>>()), ("0.0040".into(), vec![0]));
/// assert_eq!(r.spread(RateKind::Inter).unwrap().to_string(), "0.0005");
/// // Intra: a and b tie; c has no intra rates.
/// assert!(r.cheapest(RateKind::Intra).unwrap().is_tie());
/// assert_eq!(cmp.cheapest_cell(r, RateKind::Intra), "tie:a|b");
///
/// let summary = cmp.summarize();
/// assert_eq!((summary.codes_total(), summary.codes_in_all()), (4, 1));
/// assert_eq!(summary.only_in(), [0, 1, 1]); // 907555 only b; 201 only c
/// ```
///
/// # Errors
///
/// [`Comparison::new`] refuses no decks, more than [`MAX_VENDORS`], and
/// names that are repeated or could not head a column ([`CompareError`]).
pub struct Comparison<'a, 'd> {
    names: Vec<String>,
    decks: Vec<&'a RateDeck<'d>>,
    kinds: Vec<RateKind>,
}

impl<'a, 'd> Comparison<'a, 'd> {
    /// Lines up `vendors`: each a name and a deck.
    ///
    /// # Errors
    ///
    /// See [`CompareError`].
    pub fn new(vendors: Vec<(String, &'a RateDeck<'d>)>) -> Result<Self, CompareError> {
        if vendors.is_empty() {
            return Err(CompareError::NoDecks);
        }
        if vendors.len() > MAX_VENDORS {
            return Err(CompareError::TooManyDecks(vendors.len()));
        }
        for (i, (name, _)) in vendors.iter().enumerate() {
            let bad =
                name.is_empty() || name == "tie" || name.contains(['|', ',', '"', '\n', '\r']);
            if bad {
                return Err(CompareError::BadName(name.clone()));
            }
            if vendors[..i].iter().any(|(n, _)| n == name) {
                return Err(CompareError::DuplicateName(name.clone()));
            }
        }
        let mut kinds: Vec<RateKind> = vendors
            .iter()
            .flat_map(|(_, d)| d.kinds().iter().copied())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        let (names, decks) = vendors.into_iter().unzip();
        Ok(Comparison {
            names,
            decks,
            kinds,
        })
    }

    /// The vendors' names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The vendors' decks, in order.
    pub fn decks(&self) -> &[&'a RateDeck<'d>] {
        &self.decks
    }

    /// Every kind some deck prices, in [`RateKind::ALL`] order.
    pub fn kinds(&self) -> &[RateKind] {
        &self.kinds
    }

    /// The columns of the comparison as a table: `code`, `npa`,
    /// `category`, `state_province_code`; `<vendor>_<kind>` for each vendor
    /// and each kind its deck prices; then `cheapest_<kind>` and
    /// `spread_<kind>` for each kind.
    pub fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = ["code", "npa", "category", "state_province_code"]
            .map(str::to_owned)
            .to_vec();
        for (name, deck) in self.names.iter().zip(&self.decks) {
            h.extend(deck.kinds().iter().map(|k| format!("{name}_{k}")));
        }
        for k in &self.kinds {
            h.push(format!("cheapest_{k}"));
            h.push(format!("spread_{k}"));
        }
        h
    }

    /// Every code of any deck, in [`Prefix`] order, with each vendor's
    /// match.
    pub fn codes(&self) -> Codes<'_, 'a, 'd> {
        Codes {
            comparison: self,
            heads: self
                .decks
                .iter()
                .map(|&d| Box::new(d.iter()) as EntryIter<'a>)
                .collect(),
            next: self.decks.iter().map(|_| None).collect(),
            started: false,
            current: ComparedCode {
                prefix: Prefix::dialled("1").expect("a prefix"),
                destination: Destination::NonNanp,
                matches: Vec::with_capacity(self.decks.len()),
                figures: [(None, None); 4],
            },
        }
    }

    /// The `cheapest_<kind>` cell of a code: the vendor's name, `tie:a|b`
    /// when several share the lowest rate, empty when none prices it.
    pub fn cheapest_cell(&self, code: &ComparedCode<'_, '_>, kind: RateKind) -> String {
        match code.cheapest(kind) {
            None => String::new(),
            Some(c) if c.is_tie() => {
                let names: Vec<&str> = c.vendors.iter().map(|i| self.names[i].as_str()).collect();
                format!("tie:{}", names.join("|"))
            }
            Some(c) => self.names[c.vendors.iter().next().unwrap_or(0)].clone(),
        }
    }

    /// Reads every code and returns the figures.
    pub fn summarize(&self) -> ComparisonSummary {
        let mut s = ComparisonSummary::new(self);
        let mut codes = self.codes();
        while let Some(code) = codes.next_code() {
            s.add(code);
        }
        s
    }
}

type EntryIter<'a> = Box<dyn Iterator<Item = DeckEntry<'a>> + 'a>;

/// The codes of a [`Comparison`], in order; see [`Comparison::codes`].
pub struct Codes<'c, 'a, 'd> {
    comparison: &'c Comparison<'a, 'd>,
    heads: Vec<EntryIter<'a>>,
    /// Each deck's next code not yet handed out.
    next: Vec<Option<DeckEntry<'a>>>,
    started: bool,
    /// The code handed out last, its buffers reused.
    current: ComparedCode<'a, 'd>,
}

impl<'a, 'd> Codes<'_, 'a, 'd> {
    /// The next code, borrowed until the next call: no allocation or copy
    /// per code (the `Iterator` clones it).
    pub fn next_code(&mut self) -> Option<&ComparedCode<'a, 'd>> {
        if !self.started {
            self.started = true;
            for (next, head) in self.next.iter_mut().zip(&mut self.heads) {
                *next = head.next();
            }
        }
        let prefix = self.next.iter().flatten().map(|e| e.prefix()).min()?;
        let mut destination = None;
        let code = &mut self.current;
        code.matches.clear();
        for ((next, head), deck) in self
            .next
            .iter_mut()
            .zip(&mut self.heads)
            .zip(&self.comparison.decks)
        {
            code.matches.push(match next {
                Some(e) if e.prefix() == prefix => {
                    let held = *e;
                    *next = head.next();
                    destination = destination.or_else(|| deck.destination(prefix));
                    Some(held)
                }
                _ => deck.longest_match(prefix),
            });
        }
        code.prefix = prefix;
        code.destination = destination.unwrap_or(Destination::NonNanp);
        code.figures = [(None, None); 4];
        for &kind in &self.comparison.kinds {
            code.figures[kind.index()] = code.work_out(kind);
        }
        Some(&self.current)
    }
}

impl<'a, 'd> Iterator for Codes<'_, 'a, 'd> {
    type Item = ComparedCode<'a, 'd>;

    fn next(&mut self) -> Option<ComparedCode<'a, 'd>> {
        self.next_code().cloned()
    }
}

/// One code of a [`Comparison`] with each vendor's longest-prefix match.
#[derive(Debug, Clone)]
pub struct ComparedCode<'a, 'd> {
    prefix: Prefix,
    destination: Destination<'d>,
    matches: Vec<Option<DeckEntry<'a>>>,
    /// Per kind (by [`RateKind::index`]): the cheapest and the spread,
    /// worked out once.
    figures: [(Option<Cheapest>, Option<Rate>); 4],
}

impl<'a, 'd> ComparedCode<'a, 'd> {
    /// The lowest rate of `kind` with its vendors, and the highest minus it.
    fn work_out(&self, kind: RateKind) -> (Option<Cheapest>, Option<Rate>) {
        let mut best: Option<Cheapest> = None;
        let mut highest: Option<Rate> = None;
        for (i, m) in self.matches.iter().enumerate() {
            let Some(rate) = m.as_ref().and_then(|e| e.rate(kind)) else {
                continue;
            };
            highest = Some(highest.map_or(rate, |h| h.max(rate)));
            match &mut best {
                Some(b) if rate == b.rate => b.vendors.insert(i),
                Some(b) if rate > b.rate => {}
                _ => {
                    let mut vendors = VendorSet::default();
                    vendors.insert(i);
                    best = Some(Cheapest { rate, vendors });
                }
            }
        }
        let spread = best.zip(highest).and_then(|(b, h)| h.checked_sub(b.rate));
        (best, spread)
    }

    /// The code.
    pub fn prefix(&self) -> Prefix {
        self.prefix
    }

    /// Where its calls go (by the directory of a deck that lists it).
    pub fn destination(&self) -> Destination<'d> {
        self.destination
    }

    /// The code vendor `i` prices it by (its own, or a shorter one), if any.
    pub fn matched(&self, vendor: usize) -> Option<Prefix> {
        self.matches.get(vendor)?.map(|e| e.prefix())
    }

    /// The vendors with a match for the code.
    pub fn vendors(&self) -> VendorSet {
        let mut set = VendorSet::default();
        for (i, m) in self.matches.iter().enumerate() {
            if m.is_some() {
                set.insert(i);
            }
        }
        set
    }

    /// Vendor `i`'s rate of `kind` for the code: empty when it has no
    /// match, no such kind, or an empty field on its matching row.
    pub fn rate(&self, vendor: usize, kind: RateKind) -> Option<Rate> {
        self.matches.get(vendor)?.as_ref()?.rate(kind)
    }

    /// The lowest rate of `kind` and the vendors offering it; `None` when
    /// no vendor prices the code in that kind.
    pub fn cheapest(&self, kind: RateKind) -> Option<Cheapest> {
        self.figures[kind.index()].0
    }

    /// The highest rate of `kind` minus the lowest, over the vendors that
    /// price the code (zero when one does); `None` when none does.
    pub fn spread(&self, kind: RateKind) -> Option<Rate> {
        self.figures[kind.index()].1
    }
}
