//! Open string enums: what every generated enum shares, written once. A generated enum is its
//! variants, their docs and a table of their wire strings (`WIRE_VALUES`); one
//! [`open_enum!`](crate::open_enum) line gives it `as_str`, `Display`, `FromStr`, `From<&str>`,
//! serde both ways and form encoding, all through the [`OpenEnum`] trait below. Stripe adds
//! values without a new API version, so a value the table lacks is kept in the catch-all variant
//! and written back unchanged.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// A string enum with known values and a catch-all for the rest. Implemented by `open_enum!`.
pub trait OpenEnum: Clone + PartialEq + Sized + 'static {
    /// Every known value with its wire string, in the spec's order.
    const KNOWN: &'static [(Self, &'static str)];

    /// The catch-all variant holding `value`.
    fn from_unknown(value: String) -> Self;

    /// The value held by the catch-all variant, when this is it.
    fn unknown(&self) -> Option<&str>;

    /// The value as it is written on the wire.
    fn wire(&self) -> &str {
        if let Some(value) = self.unknown() {
            return value;
        }
        // Every other variant is in the table: the generator writes one entry per variant.
        Self::KNOWN
            .iter()
            .find(|(known, _)| known == self)
            .map_or("", |(_, wire)| wire)
    }

    /// The variant for a wire string; an unknown one is kept as it is.
    fn from_wire(value: &str) -> Self {
        Self::known(value).unwrap_or_else(|| Self::from_unknown(value.to_owned()))
    }

    /// The known variant for a wire string, without allocating.
    fn known(value: &str) -> Option<Self> {
        Self::KNOWN
            .iter()
            .find(|(_, wire)| *wire == value)
            .map(|(known, _)| known.clone())
    }
}

/// Deserializes an open enum from a string: a known value costs no allocation, and an owned
/// unknown string is moved into the catch-all rather than copied.
pub fn deserialize_open_enum<'de, T: OpenEnum, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct WireVisitor<T>(PhantomData<T>);

    impl<T: OpenEnum> Visitor<'_> for WireVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from_wire(value))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::known(&value).unwrap_or_else(|| T::from_unknown(value)))
        }
    }

    deserializer.deserialize_str(WireVisitor(PhantomData))
}

/// Implements [`OpenEnum`] and the conversions, serde and form encoding for the generated enum
/// `$name`, whose catch-all variant is `$fallback(String)` and whose inherent `WIRE_VALUES`
/// lists every other variant with its wire string.
#[macro_export]
macro_rules! open_enum {
    ($name:ident, $fallback:ident) => {
        impl $crate::OpenEnum for $name {
            const KNOWN: &'static [(Self, &'static str)] = Self::WIRE_VALUES;

            fn from_unknown(value: ::std::string::String) -> Self {
                Self::$fallback(value)
            }

            #[allow(unreachable_patterns)] // An enum may have no known value.
            fn unknown(&self) -> ::std::option::Option<&str> {
                match self {
                    Self::$fallback(value) => ::std::option::Option::Some(value),
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl $name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                $crate::OpenEnum::wire(self)
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                $crate::OpenEnum::from_wire(value)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok($crate::OpenEnum::from_wire(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::deserialize_open_enum(deserializer)
            }
        }

        impl $crate::EncodeParam for $name {
            fn encode_param(&self, key: &str, out: &mut $crate::FormPairs) {
                out.push(key, self.as_str());
            }
        }
    };
}

#[cfg(test)]
mod tests {
    /// A generated enum, as the generator writes it.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Status {
        Open,
        Closed,
        Unrecognized(String),
    }

    impl Status {
        const WIRE_VALUES: &'static [(Self, &'static str)] =
            &[(Self::Open, "open"), (Self::Closed, "closed")];
    }

    crate::open_enum!(Status, Unrecognized);

    #[test]
    fn known_and_unknown_values_round_trip() {
        let known: Status = serde_json::from_str(r#""closed""#).unwrap();
        assert_eq!(known, Status::Closed);
        let unknown: Status = serde_json::from_str(r#""paused""#).unwrap();
        assert_eq!(unknown, Status::Unrecognized("paused".into()));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""paused""#);
        assert_eq!(serde_json::to_string(&Status::Open).unwrap(), r#""open""#);
        assert_eq!(Status::from("open").to_string(), "open");
        assert_eq!("x".parse::<Status>(), Ok(Status::Unrecognized("x".into())));
        // From an owned string (serde_json::Value), known values too.
        let value = serde_json::Value::String("open".into());
        assert_eq!(serde_json::from_value::<Status>(value).unwrap(), Status::Open);
        assert!(serde_json::from_str::<Status>("1").is_err());
        let mut out = crate::FormPairs::new();
        out.field("", "status", &Status::Closed);
        assert_eq!(out.to_urlencoded(), "status=closed");
    }
}
