//! Deserializing generated structs: [`deserialize_struct!`](crate::deserialize_struct) writes a
//! struct's `Deserialize` from its list of fields, in place of `#[derive(Deserialize)]`, and
//! compiles to much less in every program that decodes the struct.
//!
//! What it reads is what the derive reads for these structs: a map (a JSON object) whose keys
//! are the fields' wire names, in any order; an unknown key is skipped (or, for a struct that
//! denies unknown fields, an error naming the fields it knows); a key twice is an error; a
//! required field that is missing is an error; an optional one (an `Option`) may be absent or
//! `null`. The errors are serde's (`missing field `id``, `unknown field `x`, expected one of
//! …`, `duplicate field `id``), so a message reads the same.
//!
//! What it leaves out, and why that is the point:
//!
//! - The derive also accepts a struct written as a sequence of its fields (`["vs_1", …]`), which
//!   Stripe never sends and which the models never write (an absent optional field is left out,
//!   so positions would not line up). That second visitor, and serde_json's code to call it,
//!   were compiled per struct in every program; here the struct has no sequence visitor (an
//!   array is refused). It is still asked for as a struct, with its field names, so that under
//!   `#[serde(flatten)]` it takes only its own keys, as the derive does.
//! - The derive gives every struct its own field-name type and visitor; here a key is looked up
//!   in the struct's table of wire names by one [`FieldSeed`], compiled once per deserializer for
//!   all structs, and the struct's visitor only matches the index.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// Reads a struct's key as the index of its wire name in the struct's table of fields,
/// `usize::MAX` for a key the table lacks (or an `unknown field` error, for a struct that denies
/// unknown fields).
#[derive(Clone, Copy, Debug)]
pub struct FieldSeed {
    fields: &'static [&'static str],
    deny_unknown: bool,
}

impl FieldSeed {
    /// For a struct that skips keys it does not know (models: Stripe adds fields).
    pub const fn ignore_unknown(fields: &'static [&'static str]) -> Self {
        Self {
            fields,
            deny_unknown: false,
        }
    }

    /// For a struct that refuses keys it does not know (parameters: a misspelt one would
    /// otherwise be dropped silently).
    pub const fn deny_unknown(fields: &'static [&'static str]) -> Self {
        Self {
            fields,
            deny_unknown: true,
        }
    }

    fn index<E: de::Error>(self, found: Option<usize>, key: impl FnOnce() -> String) -> Result<usize, E> {
        match found {
            Some(index) => Ok(index),
            None if self.deny_unknown => Err(E::unknown_field(&key(), self.fields)),
            None => Ok(usize::MAX),
        }
    }
}

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldSeed {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        let found = self.fields.iter().position(|field| *field == value);
        self.index(found, || value.to_owned())
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<usize, E> {
        let found = self.fields.iter().position(|field| field.as_bytes() == value);
        self.index(found, || String::from_utf8_lossy(value).into_owned())
    }
}

/// Reads the value of the field `name` into `slot`; a second value for it is an error.
pub fn next_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value_seed(PhantomData)?);
    Ok(())
}

/// Skips the value of a key the struct does not know.
pub fn skip_field<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// Implements `Deserialize` for the generated struct `$name` from its fields, in up to three
/// groups: `required` (must be present), `optional` (an `Option`: absent or `null` reads as
/// `None`) and `default` (absent reads as the type's `Default`). A field is read from the key of
/// its own name, or of the name after `=`. `ignore_unknown` skips other keys, `deny_unknown`
/// refuses them:
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub struct Report {
///     pub id: String,
///     pub type_: Option<String>,
///     pub created: Option<i64>,
/// }
///
/// stripe_runtime::deserialize_struct!(Report, ignore_unknown,
///     required { id }, optional { created, type_ = "type" });
///
/// let report: Report = serde_json::from_str(r#"{"id":"vr_1","type":null,"new":1}"#).unwrap();
/// assert_eq!(report, Report { id: "vr_1".into(), type_: None, created: None });
/// ```
#[macro_export]
macro_rules! deserialize_struct {
    (
        $name:ident, $unknown:ident
        $(, required { $($req:ident $(= $req_wire:literal)?),* $(,)? })?
        $(, optional { $($opt:ident $(= $opt_wire:literal)?),* $(,)? })?
        $(, default { $($def:ident $(= $def_wire:literal)?),* $(,)? })?
        $(,)?
    ) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                const __FIELDS: &[&str] = &[
                    $($($crate::__wire_name!($req $($req_wire)?),)*)?
                    $($($crate::__wire_name!($opt $($opt_wire)?),)*)?
                    $($($crate::__wire_name!($def $($def_wire)?),)*)?
                ];

                struct __Visitor;

                impl<'de> $crate::__private::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(::std::concat!("struct ", ::std::stringify!($name)))
                    }

                    fn visit_map<__A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut map: __A,
                    ) -> ::std::result::Result<$name, __A::Error> {
                        $($(let mut $req = ::std::option::Option::None;)*)?
                        $($(let mut $opt = ::std::option::Option::None;)*)?
                        $($(let mut $def = ::std::option::Option::None;)*)?
                        // Every error leaves through the one `return` after the loop, which
                        // drops the slots read so far once. (A `?` per read would give each its
                        // own exit dropping every slot: per struct, fields times fields drops.)
                        let failed = loop {
                            let index = match map
                                .next_key_seed($crate::__private::FieldSeed::$unknown(__FIELDS))
                            {
                                ::std::result::Result::Ok(::std::option::Option::Some(index)) => index,
                                ::std::result::Result::Ok(::std::option::Option::None) => {
                                    break ::std::option::Option::None
                                }
                                ::std::result::Result::Err(error) => break ::std::option::Option::Some(error),
                            };
                            // The key's position in __FIELDS, counted down field by field.
                            let _rest = index;
                            #[allow(unused_labels)] // A struct with no field.
                            let read = 'read: {
                                $($($crate::__read_field!('read, map, _rest, $req, $req $($req_wire)?);)*)?
                                $($($crate::__read_field!('read, map, _rest, $opt, $opt $($opt_wire)?);)*)?
                                $($($crate::__read_field!('read, map, _rest, $def, $def $($def_wire)?);)*)?
                                $crate::__private::skip_field(&mut map)
                            };
                            if let ::std::result::Result::Err(error) = read {
                                break ::std::option::Option::Some(error);
                            }
                        };
                        if let ::std::option::Option::Some(error) = failed {
                            return ::std::result::Result::Err(error);
                        }
                        // The required fields are checked together, in one match: a missing
                        // one leaves by a single path that drops the slots once. (A `?` per
                        // field would give each its own exit dropping every other slot: 40% of
                        // the session's visitor, compiled in every program that decodes it.)
                        #[allow(unreachable_patterns)]
                        match ($($($req,)*)?) {
                            ($($(::std::option::Option::Some($req),)*)?) => {
                                ::std::result::Result::Ok($name {
                                    $($($req,)*)?
                                    $($($opt: ::std::option::Option::flatten($opt),)*)?
                                    $($($def: ::std::option::Option::unwrap_or_default($def),)*)?
                                })
                            }
                            ($($($req,)*)?) => {
                                #[allow(unused_labels)] // A struct with no required field.
                                let missing = 'missing: {
                                    $($(
                                        if let ::std::option::Option::None = $req {
                                            break 'missing $crate::__wire_name!($req $($req_wire)?);
                                        }
                                    )*)?
                                    ""
                                };
                                ::std::result::Result::Err(
                                    <__A::Error as $crate::__private::serde::de::Error>::missing_field(missing),
                                )
                            }
                        }
                    }
                }

                // Asked for as a struct, not a map: under `#[serde(flatten)]` that hands over
                // only this struct's keys and takes them out, so a map flattened beside it gets
                // the rest, as with the derive. Without a sequence visitor an array is refused.
                deserializer.deserialize_struct(::std::stringify!($name), __FIELDS, __Visitor)
            }
        }
    };
}

/// A field's wire name in [`deserialize_struct!`](crate::deserialize_struct): the one given, or
/// its own.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_name {
    ($field:ident) => {
        ::std::stringify!($field)
    };
    ($field:ident $wire:literal) => {
        $wire
    };
}

/// One step of [`deserialize_struct!`](crate::deserialize_struct)'s key dispatch: when the
/// count is down to this field, leaves the block `$read` with the result of reading the value
/// into `$slot`; else counts down past it.
#[doc(hidden)]
#[macro_export]
macro_rules! __read_field {
    ($read:lifetime, $map:ident, $rest:ident, $slot:ident, $($wire:tt)+) => {
        if $rest == 0 {
            break $read $crate::__private::next_field(&mut $map, &mut $slot, $crate::__wire_name!($($wire)+));
        }
        let $rest = $rest - 1;
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq)]
    struct Session {
        id: String,
        type_: Option<String>,
        metadata: BTreeMap<String, String>,
        last_error: Option<Inner>,
    }

    crate::deserialize_struct!(Session, ignore_unknown,
        required { id, metadata },
        optional { type_ = "type", last_error },
    );

    #[derive(Debug, PartialEq)]
    struct Inner {
        code: Option<String>,
        tags: Vec<String>,
    }

    crate::deserialize_struct!(Inner, deny_unknown, optional { code }, default { tags });

    #[derive(Debug, PartialEq)]
    struct Nothing {}

    crate::deserialize_struct!(Nothing, ignore_unknown);

    fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn reads_fields_in_any_order_and_skips_unknown_keys() {
        let session: Session = read(
            r#"{"type":"document","new_field":{"a":[1,2]},"metadata":{"k":"v"},"id":"vs_1",
                "last_error":{"code":null}}"#,
        )
        .unwrap();
        assert_eq!(
            session,
            Session {
                id: "vs_1".into(),
                type_: Some("document".into()),
                metadata: [("k".to_owned(), "v".to_owned())].into(),
                last_error: Some(Inner {
                    code: None,
                    tags: vec![],
                }),
            }
        );
        let session: Session = read(r#"{"id":"vs_1","metadata":{},"type":null}"#).unwrap();
        assert_eq!((session.type_, session.last_error), (None, None));
        assert_eq!(read::<Nothing>(r#"{"a":1}"#), Ok(Nothing {}));
    }

    #[test]
    fn errors_read_as_the_derives_do() {
        let missing = read::<Session>(r#"{"metadata":{}}"#).unwrap_err();
        assert!(missing.starts_with("missing field `id`"), "{missing}");
        let twice = read::<Session>(r#"{"id":"a","id":"b","metadata":{}}"#).unwrap_err();
        assert!(twice.starts_with("duplicate field `id`"), "{twice}");
        let unknown = read::<Inner>(r#"{"code":"x","cod":"y"}"#).unwrap_err();
        assert!(
            unknown.starts_with("unknown field `cod`, expected `code` or `tags`"),
            "{unknown}"
        );
        let wrong = read::<Session>(r#"{"id":1,"metadata":{}}"#).unwrap_err();
        assert!(
            wrong.starts_with("invalid type: integer `1`, expected a string"),
            "{wrong}"
        );
        let not_a_map = read::<Session>(r#"["vs_1"]"#).unwrap_err();
        assert!(
            not_a_map.starts_with("invalid type: sequence, expected struct Session"),
            "{not_a_map}"
        );
    }

    #[test]
    fn reads_from_json_values_by_reference_too() {
        let value = serde_json::json!({"id": "vs_1", "metadata": {}});
        let session = <Session as serde::Deserialize>::deserialize(&value).unwrap();
        assert_eq!(session.id, "vs_1");
    }
}
