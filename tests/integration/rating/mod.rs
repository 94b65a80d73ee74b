//! Rating: the jurisdiction rules, and calls priced against decks.

mod calls;
mod jurisdiction;
mod records;
