//! `Emptyable<T>`: a parameter that takes either a value or the empty string, which Stripe reads
//! as "clear this" (the spec's `anyOf: [object, enum: [""]]`). The same shape in a response reads
//! back as the value or `Empty`, and is written back the same way, so models that hold one still
//! derive every trait models derive.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::{Serialize, Serializer};

#[cfg(feature = "requests")]
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

#[cfg(feature = "requests")]
impl<T: EncodeParam> EncodeParam for Emptyable<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        match self {
            Self::Empty => out.push(key, ""),
            Self::Value(value) => value.encode_param(key, out),
        }
    }
}

/// Reads `""` as `Empty` and anything else as a value, as Stripe's SDKs take it.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Emptyable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.as_str() == Some("") {
            return Ok(Self::Empty);
        }
        T::deserialize(value).map(Self::Value).map_err(D::Error::custom)
    }
}

/// Writes `Empty` as `""` and a value as itself: the inverse of `Deserialize`.
impl<T: Serialize> Serialize for Emptyable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Empty => serializer.serialize_str(""),
            Self::Value(value) => value.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "requests")]
    #[test]
    fn empty_sends_the_bare_key_and_a_value_sends_itself() {
        let mut out = FormPairs::new();
        out.field("options", "document", &Emptyable::<bool>::Empty);
        out.field("options", "other", &Emptyable::from(true));
        assert_eq!(out.to_urlencoded(), "options[document]=&options[other]=true");
    }

    #[test]
    fn reads_the_empty_string_as_empty() {
        let empty: Emptyable<std::collections::BTreeMap<String, bool>> =
            serde_json::from_str(r#""""#).unwrap();
        assert_eq!(empty, Emptyable::Empty);
        let value: Emptyable<std::collections::BTreeMap<String, bool>> =
            serde_json::from_str(r#"{"a":true}"#).unwrap();
        assert_eq!(value, Emptyable::Value([("a".to_owned(), true)].into()));
        assert!(serde_json::from_str::<Emptyable<bool>>(r#""x""#).is_err());
    }

    #[test]
    fn writes_back_what_it_reads() {
        for json in [r#""""#, r#"{"a":true}"#] {
            let value: Emptyable<std::collections::BTreeMap<String, bool>> =
                serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }
}
