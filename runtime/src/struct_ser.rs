//! Serializing generated structs: [`serialize_struct!`](crate::serialize_struct) writes a struct's
//! `Serialize` from its list of fields, in place of `#[derive(Serialize)]`.
//!
//! It writes what the derive writes for these structs, byte for byte: a struct of the fields in
//! the order listed (the struct's own order), each under its wire name, with the number of fields
//! actually written as the struct's length; a field marked `skip_none` is left out when it is
//! `None` (the derive's `skip_serializing_if = "Option::is_none"`), any other is always written
//! (a `None` as `null`). What it saves is compile time in the crate that holds the structs: the
//! derive's expansion (a `const` block per struct, the length summed field by field, an `if` per
//! skippable field) cost a sixth of that crate's build; here a skippable field is one call.

use serde::ser::{Serialize, SerializeStruct};

/// Writes `value` under `key` when it is `Some`, and marks the field skipped when it is `None`.
pub fn write_unless_none<S: SerializeStruct, T: Serialize>(
    state: &mut S,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(_) => state.serialize_field(key, value),
        None => state.skip_field(key),
    }
}

/// Implements `Serialize` for the generated struct `$name` from its fields, in order: each
/// written under its own name or the name after `=`, and, when followed by `: skip_none`, left out
/// when it is `None`:
///
/// ```
/// #[derive(Debug)]
/// pub struct Report {
///     pub id: String,
///     pub type_: Option<String>,
///     pub created: Option<i64>,
/// }
///
/// stripe_runtime::serialize_struct!(Report { id, type_ = "type", created: skip_none });
///
/// let report = Report { id: "vr_1".into(), type_: None, created: None };
/// assert_eq!(serde_json::to_string(&report).unwrap(), r#"{"id":"vr_1","type":null}"#);
/// ```
#[macro_export]
macro_rules! serialize_struct {
    ($name:ident { $($field:ident $(= $wire:literal)? $(: $mode:ident)?),* $(,)? }) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                let len = 0 $(+ $crate::__field_len!(self.$field $(, $mode)?))*;
                #[allow(unused_mut)] // A struct with no field.
                let mut state = $crate::__private::serde::Serializer::serialize_struct(
                    serializer,
                    ::std::stringify!($name),
                    len,
                )?;
                $($crate::__write_field!(
                    state,
                    self.$field,
                    $crate::__wire_name!($field $($wire)?)
                    $(, $mode)?
                );)*
                $crate::__private::serde::ser::SerializeStruct::end(state)
            }
        }
    };
}

/// How many entries a field of [`serialize_struct!`](crate::serialize_struct) writes: one, or
/// none for a `skip_none` field that is `None`.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_len {
    ($value:expr) => {
        1
    };
    ($value:expr, skip_none) => {
        usize::from(::std::option::Option::is_some(&$value))
    };
}

/// Writes one field of [`serialize_struct!`](crate::serialize_struct).
#[doc(hidden)]
#[macro_export]
macro_rules! __write_field {
    ($state:ident, $value:expr, $wire:expr) => {
        $crate::__private::serde::ser::SerializeStruct::serialize_field(&mut $state, $wire, &$value)?
    };
    ($state:ident, $value:expr, $wire:expr, skip_none) => {
        $crate::__private::write_unless_none(&mut $state, $wire, &$value)?
    };
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    /// The same struct, written by the derive and by the macro.
    #[derive(Serialize)]
    struct Derived {
        id: String,
        #[serde(rename = "type")]
        type_: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        created: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tags: Option<Vec<String>>,
    }

    struct ByMacro {
        id: String,
        type_: Option<String>,
        created: Option<i64>,
        tags: Option<Vec<String>>,
    }

    crate::serialize_struct!(ByMacro { id, type_ = "type", created: skip_none, tags: skip_none });

    struct Nothing {}

    crate::serialize_struct!(Nothing {});

    /// A serializer that records the length a struct announces and the keys it writes or skips,
    /// which JSON does not show.
    #[derive(Default)]
    struct Record(Vec<String>);

    impl serde::ser::SerializeStruct for &mut Record {
        type Ok = ();
        type Error = std::fmt::Error;

        fn serialize_field<T: ?Sized + Serialize>(
            &mut self,
            key: &'static str,
            _: &T,
        ) -> Result<(), Self::Error> {
            self.0.push(format!("field {key}"));
            Ok(())
        }

        fn skip_field(&mut self, key: &'static str) -> Result<(), Self::Error> {
            self.0.push(format!("skip {key}"));
            Ok(())
        }

        fn end(self) -> Result<(), Self::Error> {
            self.0.push("end".to_owned());
            Ok(())
        }
    }

    impl serde::Serializer for &mut Record {
        type Ok = ();
        type Error = std::fmt::Error;
        type SerializeStruct = Self;
        type SerializeSeq = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTuple = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTupleStruct = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeTupleVariant = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeMap = serde::ser::Impossible<(), std::fmt::Error>;
        type SerializeStructVariant = serde::ser::Impossible<(), std::fmt::Error>;

        fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self, Self::Error> {
            self.0.push(format!("struct {name} of {len}"));
            Ok(self)
        }

        fn serialize_bool(self, _: bool) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i8(self, _: i8) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i16(self, _: i16) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i32(self, _: i32) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_i64(self, _: i64) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u8(self, _: u8) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u16(self, _: u16) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u32(self, _: u32) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_u64(self, _: u64) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_f32(self, _: f32) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_f64(self, _: f64) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_char(self, _: char) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_str(self, _: &str) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_none(self) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit(self) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
            Err(std::fmt::Error)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Self::Error> {
            Err(std::fmt::Error)
        }
    }

    fn calls(value: &impl Serialize) -> Vec<String> {
        let mut record = Record::default();
        value.serialize(&mut record).expect("records");
        record.0
    }

    #[test]
    fn writes_what_the_derive_writes() {
        let cases = [
            (None, None, None),
            (Some("document"), Some(1), None),
            (None, Some(7), Some(vec!["a".to_owned()])),
        ];
        for (type_, created, tags) in cases {
            let derived = Derived {
                id: "vr_1".into(),
                type_: type_.map(str::to_owned),
                created,
                tags: tags.clone(),
            };
            let by_macro = ByMacro {
                id: "vr_1".into(),
                type_: type_.map(str::to_owned),
                created,
                tags,
            };
            assert_eq!(
                serde_json::to_string(&by_macro).unwrap(),
                serde_json::to_string(&derived).unwrap()
            );
            // The announced length, skips and order, which JSON does not show, match too (but for
            // the struct's name, which is each type's own).
            let name_free = |calls: Vec<String>| {
                calls
                    .into_iter()
                    .map(|call| call.replace("ByMacro", "Derived"))
                    .collect::<Vec<_>>()
            };
            assert_eq!(name_free(calls(&by_macro)), calls(&derived));
        }
        assert_eq!(serde_json::to_string(&Nothing {}).unwrap(), "{}");
    }
}
