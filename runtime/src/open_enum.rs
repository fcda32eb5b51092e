//! Open string enums: what every generated enum shares, written once. A generated enum is its
//! variants and their docs; one [`open_enum!`](crate::open_enum) line, which lists each variant
//! with its wire string, gives it `as_str`, `Display`, `FromStr`, `From<&str>`, serde both ways
//! and (with the `requests` feature) form encoding, through the [`OpenEnum`] trait below. Stripe
//! adds values without a new API version, so a value the list lacks is kept in the catch-all
//! variant and written back unchanged.
//!
//! Compile time: nothing here is generic over the enum. The macro's methods are plain functions
//! of the generated crate, compiled once there; a program that decodes enums compiles one string
//! visitor per deserializer ([`deserialize_open_enum`], which looks the string up in the enum's
//! table of wire strings and returns its index) and, per enum, only a call to it.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// A string enum with known values and a catch-all for the rest. Implemented by `open_enum!`.
pub trait OpenEnum: Sized {
    /// The wire string of every known value, in the spec's order.
    const WIRE: &'static [&'static str];

    /// The value as it is written on the wire.
    fn wire(&self) -> &str;

    /// The known variant for a wire string, without allocating.
    fn known(value: &str) -> Option<Self>;

    /// The variant for a wire string; an unknown one is kept as it is.
    fn from_wire(value: &str) -> Self;

    /// The variant for what [`deserialize_open_enum`] read.
    fn from_wire_value(value: WireValue) -> Self;
}

/// What [`deserialize_open_enum`] read: the index of a known value in the enum's table of wire
/// strings ([`OpenEnum::WIRE`]), or an unknown value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireValue {
    /// `OpenEnum::WIRE[index]`.
    Known(usize),
    /// A value the table lacks.
    Unknown(String),
}

/// The index of `value` in `table`, a table of wire strings. (Called by `open_enum!`.)
pub fn wire_index(table: &[&str], value: &str) -> Option<usize> {
    table.iter().position(|wire| *wire == value)
}

/// Deserializes an open enum's string against its table of wire strings: a known value costs no
/// allocation, and an owned unknown string is moved into the result rather than copied. Generic
/// only over the deserializer, so a program compiles it once for all its enums.
pub fn deserialize_open_enum<'de, D: Deserializer<'de>>(
    deserializer: D,
    table: &'static [&'static str],
) -> Result<WireValue, D::Error> {
    struct WireVisitor(&'static [&'static str]);

    impl Visitor<'_> for WireVisitor {
        type Value = WireValue;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<WireValue, E> {
            Ok(match wire_index(self.0, value) {
                Some(index) => WireValue::Known(index),
                None => WireValue::Unknown(value.to_owned()),
            })
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<WireValue, E> {
            Ok(match wire_index(self.0, &value) {
                Some(index) => WireValue::Known(index),
                None => WireValue::Unknown(value),
            })
        }
    }

    deserializer.deserialize_str(WireVisitor(table))
}

/// Implements [`OpenEnum`] and the conversions, serde and form encoding for the generated enum
/// `$name`, whose catch-all variant is `$fallback(String)` and whose other variants are listed
/// with their wire strings, in the spec's order: `open_enum!(Status, Unrecognized { Open =
/// "open", Closed = "closed" })`.
#[macro_export]
macro_rules! open_enum {
    ($name:ident, $fallback:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            // Every known variant, in the order of `OpenEnum::WIRE`.
            const KNOWN: &'static [Self] = &[$(Self::$variant),*];

            /// The value as it is written on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$fallback(value) => value,
                }
            }
        }

        impl $crate::OpenEnum for $name {
            const WIRE: &'static [&'static str] = &[$($wire),*];

            #[inline]
            fn wire(&self) -> &str {
                self.as_str()
            }

            #[inline]
            fn known(value: &str) -> ::std::option::Option<Self> {
                let index = $crate::__private::wire_index(<Self as $crate::OpenEnum>::WIRE, value)?;
                ::std::option::Option::Some(::std::clone::Clone::clone(&Self::KNOWN[index]))
            }

            #[inline]
            fn from_wire(value: &str) -> Self {
                match $crate::__private::wire_index(<Self as $crate::OpenEnum>::WIRE, value) {
                    ::std::option::Option::Some(index) => ::std::clone::Clone::clone(&Self::KNOWN[index]),
                    ::std::option::Option::None => Self::$fallback(::std::borrow::ToOwned::to_owned(value)),
                }
            }

            #[inline]
            fn from_wire_value(value: $crate::WireValue) -> Self {
                match value {
                    $crate::WireValue::Known(index) => ::std::clone::Clone::clone(&Self::KNOWN[index]),
                    $crate::WireValue::Unknown(value) => Self::$fallback(value),
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                $crate::OpenEnum::from_wire(value)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok($crate::OpenEnum::from_wire(value))
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
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
                let value = $crate::deserialize_open_enum(deserializer, <Self as $crate::OpenEnum>::WIRE)?;
                ::std::result::Result::Ok(<Self as $crate::OpenEnum>::from_wire_value(value))
            }
        }

        $crate::requests_only! {
            impl $crate::EncodeParam for $name {
                fn encode_param(&self, key: &str, out: &mut $crate::FormPairs) {
                    out.push(key, self.as_str());
                }
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

    crate::open_enum!(Status, Unrecognized { Open = "open", Closed = "closed" });

    /// An enum Stripe documents no value of yet.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Empty {
        Unrecognized(String),
    }

    crate::open_enum!(Empty, Unrecognized {});

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
        assert_eq!(<Status as crate::OpenEnum>::known("closed"), Some(Status::Closed));
        assert_eq!(<Status as crate::OpenEnum>::known("paused"), None);
        assert_eq!(Status::Unrecognized("paused".into()).as_str(), "paused");
        let empty: Empty = serde_json::from_str(r#""any""#).unwrap();
        assert_eq!(empty.as_str(), "any");
    }

    #[cfg(feature = "requests")]
    #[test]
    fn encodes_its_wire_string() {
        let mut out = crate::FormPairs::new();
        out.field("", "status", &Status::Closed);
        out.field("", "other", &Status::Unrecognized("paused".into()));
        assert_eq!(out.to_urlencoded(), "status=closed&other=paused");
    }
}
