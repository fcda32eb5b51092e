//! Typed IDs: a `VerificationSessionId` is not a `VerificationReportId`, though both are strings
//! on the wire. A generated ID is a newtype over `String`; one [`typed_id!`](crate::typed_id) line
//! gives it `as_str`, `AsRef<str>`, `Display`, comparisons with `&str`, conversions from strings,
//! a `FromStr` that refuses an empty ID, serde as a plain string (an empty one refused) and (with
//! the `requests` feature) form encoding.

use std::fmt;

/// Why a string is not an ID: it is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmptyId;

impl fmt::Display for EmptyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ID cannot be empty")
    }
}

impl std::error::Error for EmptyId {}

/// Implements the conversions, comparisons, serde and (with `requests`) form encoding of the
/// generated ID type `$name`, a tuple struct over one `String`.
#[macro_export]
macro_rules! typed_id {
    ($name:ident) => {
        impl $name {
            /// The ID as it is written on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The ID as an owned string.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// Refuses the empty string, which names nothing.
        impl ::std::str::FromStr for $name {
            type Err = $crate::EmptyId;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                if value.is_empty() {
                    ::std::result::Result::Err($crate::EmptyId)
                } else {
                    ::std::result::Result::Ok(Self(::std::borrow::ToOwned::to_owned(value)))
                }
            }
        }

        /// Wraps an ID known to be one (a literal, a value read back from Stripe). Use `parse` to
        /// refuse an empty one; the client refuses an empty path segment before sending anyway.
        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(::std::borrow::ToOwned::to_owned(value))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                Self(value)
            }
        }

        impl ::std::convert::From<&$name> for $name {
            fn from(value: &$name) -> Self {
                ::std::clone::Clone::clone(value)
            }
        }

        impl ::std::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value: ::std::string::String =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                if value.is_empty() {
                    return ::std::result::Result::Err(
                        <D::Error as $crate::__private::serde::de::Error>::custom($crate::EmptyId),
                    );
                }
                ::std::result::Result::Ok(Self(value))
            }
        }

        $crate::requests_only! {
            impl $crate::EncodeParam for $name {
                fn encode_param(&self, key: &str, out: &mut $crate::FormPairs) {
                    out.push(key, self.0.as_str());
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    /// A generated ID, as the generator writes it.
    #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub struct ThingId(String);

    crate::typed_id!(ThingId);

    #[test]
    fn ids_are_strings_on_the_wire_and_never_empty_when_parsed_or_read() {
        let id: ThingId = serde_json::from_str(r#""th_1""#).unwrap();
        assert_eq!(id, "th_1");
        assert_eq!(id.to_string(), "th_1");
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""th_1""#);
        assert_eq!("th_2".parse::<ThingId>().unwrap().as_str(), "th_2");
        assert_eq!("".parse::<ThingId>(), Err(crate::EmptyId));
        let error = serde_json::from_str::<ThingId>(r#""""#).unwrap_err();
        assert!(error.to_string().contains("an ID cannot be empty"), "{error}");
        assert_eq!(ThingId::from(&id), id);
        assert_eq!(id.clone().into_string(), "th_1");
        #[cfg(feature = "requests")]
        {
            let mut out = crate::FormPairs::new();
            out.field("", "thing", &id);
            assert_eq!(out.to_urlencoded(), "thing=th_1");
        }
    }
}
