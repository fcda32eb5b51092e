//! What a change to the generated API is and how much it matters to the crate's users (breaking,
//! additive, docs): the vocabulary both `diff` (IR against IR) and `drift` (the Rust on disk
//! against the Rust generated, for `check`) report in. At the bottom layer, so neither imports
//! the other.

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
