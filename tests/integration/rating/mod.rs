//! Rating: the jurisdiction rules, and calls priced against decks.

mod jurisdiction;
