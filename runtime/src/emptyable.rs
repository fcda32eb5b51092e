//! `Emptyable<T>`: a parameter that takes either a value or the empty string, which Stripe reads
//! as "clear this" (the spec's `anyOf: [object, enum: [""]]`).

use crate::encode::{EncodeParam, FormPairs};

/// A parameter that can be set to a value or emptied.
///
/// `Emptyable::Empty` sends `key=` and clears what the server holds; `Emptyable::Value` sends the
/// value as usual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Emptyable<T> {
    /// Send the empty string: clear the parameter on the server.
    Empty,
    /// Send this value.
    Value(T),
}

impl<T> From<T> for Emptyable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T: EncodeParam> EncodeParam for Emptyable<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        match self {
            Self::Empty => out.push(key, ""),
            Self::Value(value) => value.encode_param(key, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sends_the_bare_key_and_a_value_sends_itself() {
        let mut out = FormPairs::new();
        out.field("options", "document", &Emptyable::<bool>::Empty);
        out.field("options", "other", &Emptyable::from(true));
        assert_eq!(out.to_urlencoded(), "options[document]=&options[other]=true");
    }
}
