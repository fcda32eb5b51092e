//! The rules: what each kind of difference means for code written against the old crate. The
//! comparer names the difference it sees and takes its class from here.

use super::ChangeClass;

/// What differs about one item of the generated API, old to new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The item is gone: code naming it stops compiling.
    Removed,
    /// The item has another name (its spec node is the same): code naming it stops compiling.
    Renamed,
    /// A new item that existing code need not mention: a type, an `Option` field of a
    /// `#[non_exhaustive]` struct (which `new` does not take), a value of a `#[non_exhaustive]`
    /// enum, a builder, an optional parameter's setter.
    Added,
    /// A new field or parameter that `new` takes: every call of `new` stops compiling.
    AddedRequired,
    /// `new` takes other arguments (a parameter became, or stopped being, required).
    ArgumentsChanged,
    /// Its type (or a builder's response type, or a signature) is another.
    Retyped,
    /// It starts or stops being an `Option`.
    OptionalityChanged,
    /// It is another kind of item (a struct that becomes an enum).
    KindChanged,
    /// The variants of an exhaustive enum (a union) change: a `match` on it must change.
    VariantsChanged,
    /// Events move between a typed variant and the catch-all: code that matched them in one
    /// place silently stops seeing them.
    EventsRerouted,
    /// A constant holds another value (the pinned API version: every request means another
    /// version of the API).
    ValueChanged,
    /// Same signature, other code: how a value is written or read on the wire (a field that
    /// stays an `Option` but is now left out or sent as `null`), or a table's contents. Code
    /// written against the old crate compiles and means what it meant.
    BehaviourChanged,
    /// Only documentation.
    DocsChanged,
}

impl Difference {
    /// How much the difference matters to the crate's users.
    pub fn class(self) -> ChangeClass {
        match self {
            Self::DocsChanged => ChangeClass::Docs,
            Self::Added | Self::BehaviourChanged => ChangeClass::Additive,
            Self::Removed
            | Self::Renamed
            | Self::AddedRequired
            | Self::ArgumentsChanged
            | Self::Retyped
            | Self::OptionalityChanged
            | Self::KindChanged
            | Self::VariantsChanged
            | Self::EventsRerouted
            | Self::ValueChanged => ChangeClass::Breaking,
        }
    }
}
