//! What a change to the generated API is and how much it matters to the crate's users (breaking,
//! additive, docs): the vocabulary and the one rule set of the change detector (`diff`'s
//! comparer, which `diff` runs on two specs and `check` on a crate's recorded API surface and the
//! fresh one). The comparer only says *what* differs (a [`Difference`]); the class comes from
//! [`rules`], and old items are paired with new ones by the one algorithm in [`pairing`].

mod pairing;
mod rules;

pub use pairing::{moved_aside, pair_up, renames_by_pointer, with_new_names, Pairing, Renames};
pub use rules::Difference;

/// How a change affects the crate's users.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeClass {
    /// Only documentation changed.
    Docs,
    /// Something new; existing code still compiles.
    Additive,
    /// Existing code may stop compiling or mean something else.
    Breaking,
}

impl ChangeClass {
    /// The class as the JSON report names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Docs => "docs",
            Self::Additive => "additive",
            Self::Breaking => "breaking",
        }
    }
}

/// One change to the generated API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Its class.
    pub class: ChangeClass,
    /// The Rust item (`VerificationSession::type_`, `CreateVerificationSession::new`).
    pub item: String,
    /// Where the item comes from in the old spec, when it existed there.
    pub old_pointer: Option<String>,
    /// Where it comes from in the new spec, when it exists there.
    pub new_pointer: Option<String>,
    /// What changed, in one line.
    pub reason: String,
}

impl Change {
    /// A change to `item` of the kind `difference`, classed by the rules (the only way the
    /// comparer makes a change, so no class is decided anywhere else).
    pub(crate) fn of(difference: Difference, item: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            class: difference.class(),
            item: item.into(),
            old_pointer: None,
            new_pointer: None,
            reason: reason.into(),
        }
    }

    /// The same change, located in the old and the new spec.
    pub(crate) fn at(mut self, old: Option<&str>, new: Option<&str>) -> Self {
        self.old_pointer = old.map(str::to_owned);
        self.new_pointer = new.map(str::to_owned);
        self
    }
}
