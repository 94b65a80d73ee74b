//! Rate decks through `nanp_lerg::ratesheet`, grouped by subject; shared
//! helpers here.

mod compare;
mod detection;
mod diff;
mod exchanges;
mod formats;
mod keys;
mod kinds_and_dates;
mod parallel;
mod props;
mod rate_deck;
mod rates;
mod samples;
mod streaming;
mod summary;

pub(crate) use std::collections::BTreeMap;

pub(crate) use nanp_lerg::ratesheet::{
    CategoryFigures, Column, DateColumn, DeckRow, Destination, DetectError, Detection, Duplicates,
    Encoding, KeyColumns, LeadingOne, LeadingOneVotes, OpenError, Options, Rate, RateColumn,
    RateError, RateFigures, Reader, RejectReason, RowError, Summary,
};
pub(crate) use nanp_lerg::{Category, Directory, Npa, NpaRecord, Reserved, Service};

pub(crate) static DIR: Directory = Directory::builtin();

/// Everything a deck produced, row by row, with the summary of it.
pub(crate) struct Deck {
    pub(crate) detection: Detection,
    pub(crate) rows: Vec<Result<DeckRow<'static>, RowError>>,
    /// Per row (accepted, non-NANP or rejected): its fields as read.
    pub(crate) fields: Vec<Vec<String>>,
    pub(crate) summary: Summary,
}

impl Deck {
    pub(crate) fn ok(&self, i: usize) -> &DeckRow<'static> {
        match &self.rows[i] {
            Ok(row) => row,
            Err(e) => panic!("row {i} rejected: {e}"),
        }
    }

    pub(crate) fn err(&self, i: usize) -> &RowError {
        match &self.rows[i] {
            Ok(row) => panic!("row {i} accepted: {row:?}"),
            Err(e) => e,
        }
    }

    pub(crate) fn geo(&self, i: usize) -> &'static NpaRecord {
        match self.ok(i).destination {
            Destination::Geographic(r) => r,
            d => panic!("row {i} is {d:?}, not geographic"),
        }
    }

    pub(crate) fn lines(&self) -> Vec<u64> {
        self.rows
            .iter()
            .map(|r| match r {
                Ok(row) => row.line,
                Err(e) => e.line(),
            })
            .collect()
    }

    pub(crate) fn reasons(&self) -> Vec<Option<RejectReason>> {
        self.rows
            .iter()
            .map(|r| r.as_ref().err().map(|e| e.reason().clone()))
            .collect()
    }
}

pub(crate) fn read_bytes(deck: &[u8], options: Options) -> Deck {
    let mut reader = Reader::new(deck, options, &DIR).expect("the deck opens");
    let detection = reader.detection().clone();
    let mut summary = Summary::new(&detection);
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    while let Some(row) = reader.next_row() {
        summary.add(&row);
        match row {
            Ok(row) => {
                fields.push(row.fields.iter().map(str::to_owned).collect());
                rows.push(Ok(DeckRow::from(&row)));
            }
            Err(e) => {
                fields.push(e.fields().to_vec());
                rows.push(Err(e));
            }
        }
    }
    summary.finish(&reader);
    assert_eq!(summary.rows_read(), rows.len() as u64);
    assert!(summary.balanced());
    Deck {
        detection,
        rows,
        fields,
        summary,
    }
}

pub(crate) fn read(deck: &str) -> Deck {
    read_bytes(deck.as_bytes(), Options::default())
}

pub(crate) fn read_with(deck: &str, options: Options) -> Deck {
    read_bytes(deck.as_bytes(), options)
}

pub(crate) fn rate(s: &str) -> Rate {
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} should be a rate: {e}"))
}

pub(crate) fn rates(list: &[&str]) -> Vec<Option<Rate>> {
    list.iter()
        .map(|s| (!s.is_empty()).then(|| rate(s)))
        .collect()
}

pub(crate) fn npa(n: u16) -> Npa {
    Npa::new(n).unwrap()
}

/// The leading-1 vote of a deck's sampled keys.
pub(crate) fn votes(
    with_one: usize,
    bare_nanp: usize,
    other: usize,
    ambiguous: bool,
) -> LeadingOneVotes {
    LeadingOneVotes {
        with_one,
        bare_nanp,
        other,
        ambiguous,
    }
}

/// A rate column; `kind` is its kind's name, or empty for none.
pub(crate) fn rc(index: usize, name: &str, kind: &str) -> RateColumn {
    RateColumn {
        index,
        name: name.to_owned(),
        kind: (!kind.is_empty()).then(|| kind.parse().unwrap()),
    }
}

pub(crate) fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

pub(crate) fn counts(d: &Deck) -> (u64, u64, u64, u64) {
    let s = &d.summary;
    (s.rows_read(), s.accepted(), s.rejected(), s.non_nanp())
}
