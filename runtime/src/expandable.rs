//! `Expandable<T>`: a field that holds an object's ID, or the object itself when the request asked
//! for it with `expand[]` (the spec's `anyOf: [string, $ref]` with `x-expansionResources`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

#[cfg(feature = "requests")]
use crate::encode::{EncodeParam, FormPairs};

/// An API object with an ID; lets [`Expandable::id`] answer for both forms.
pub trait Object {
    /// The object's unique identifier.
    fn id(&self) -> &str;
}

/// An object's ID, or the object when it was expanded.
#[derive(Clone, Debug, PartialEq)]
pub enum Expandable<T> {
    /// Only the ID (the default).
    Id(String),
    /// The whole object, because the request expanded this field.
    Object(Box<T>),
}

impl<T> Expandable<T> {
    /// The object, when it was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Self::Id(_) => None,
            Self::Object(object) => Some(object),
        }
    }

    /// Whether the object was expanded.
    pub fn is_object(&self) -> bool {
        matches!(self, Self::Object(_))
    }
}

impl<T: Object> Expandable<T> {
    /// The ID, whichever form this holds.
    pub fn id(&self) -> &str {
        match self {
            Self::Id(id) => id,
            Self::Object(object) => object.id(),
        }
    }
}

/// As a parameter, an expandable sends its ID, or the object's fields when it holds one.
#[cfg(feature = "requests")]
impl<T: EncodeParam> EncodeParam for Expandable<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        match self {
            Self::Id(id) => out.push(key, id.as_str()),
            Self::Object(object) => object.encode_param(key, out),
        }
    }
}

impl<T: Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Id(id) => serializer.serialize_str(id),
            Self::Object(object) => object.serialize(serializer),
        }
    }
}

// Hand-written rather than `#[serde(untagged)]`: untagged buffers the input and, when the object
// fails to decode, reports only "did not match any variant", losing the path to the bad field.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExpandableVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ExpandableVisitor<T> {
            type Value = Expandable<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ID string or an expanded object")
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
                Ok(Expandable::Id(id.to_owned()))
            }

            fn visit_string<E: de::Error>(self, id: String) -> Result<Self::Value, E> {
                Ok(Expandable::Id(id))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let object = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Expandable::Object(Box::new(object)))
            }
        }

        deserializer.deserialize_any(ExpandableVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Report {
        id: String,
        day: i64,
    }

    impl Object for Report {
        fn id(&self) -> &str {
            &self.id
        }
    }

    #[test]
    fn an_id_or_an_object_decodes_and_round_trips() {
        let id: Expandable<Report> = serde_json::from_str(r#""vr_1""#).unwrap();
        assert_eq!(id, Expandable::Id("vr_1".into()));
        assert_eq!(id.id(), "vr_1");
        assert!(!id.is_object());

        let json = r#"{"id":"vr_2","day":3}"#;
        let object: Expandable<Report> = serde_json::from_str(json).unwrap();
        assert_eq!(object.id(), "vr_2");
        assert_eq!(object.as_object().map(|r| r.day), Some(3));
        assert_eq!(serde_json::to_string(&object).unwrap(), json);
    }

    #[test]
    fn a_bad_object_reports_the_inner_error() {
        let err = serde_json::from_str::<Expandable<Report>>(r#"{"id":"vr_2","day":"x"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected i64"), "{err}");
        let err = serde_json::from_str::<Expandable<Report>>("7")
            .unwrap_err()
            .to_string();
        assert!(err.contains("an ID string or an expanded object"), "{err}");
    }
}
