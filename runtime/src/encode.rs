//! Stripe's `application/x-www-form-urlencoded` encoding, the one its official SDKs use for request
//! bodies and query strings: nested objects as `a[b][c]=v`, arrays always indexed (`a[0]=v`),
//! booleans as `true`/`false`, absent values and empty collections sending nothing.
//!
//! Escaping follows what stripe-python puts on the wire (recorded in
//! `generated/tests/fixtures/sdk_requests.json`): bytes other than `A-Z a-z 0-9 - . _ ~` become
//! `%XX` with uppercase hex and a space becomes `+` (`urlencode` with `quote_plus`). The SDK then
//! turns `%5B`/`%5D` back into literal brackets; in a form body they stay literal, but in a query
//! string its HTTP layer (urllib3 2.x) escapes them again, so on the wire a GET carries
//! `created%5Bgte%5D=…`. [`FormPairs::to_urlencoded`] and [`FormPairs::to_query_string`] give the
//! two forms.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// An ordered list of form pairs, built up by [`EncodeParam`] implementations.
///
/// Keys and values are kept unescaped until [`FormPairs::to_urlencoded`], so tests and logs can
/// read them as Stripe documents them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormPairs {
    pairs: Vec<(String, String)>,
}

impl FormPairs {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one `key=value` pair as is.
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((key.into(), value.into()));
    }

    /// Encodes `value` under the field `name` of the object at `parent`: the key is `name` at the top
    /// level (`parent` empty) and `parent[name]` below it.
    pub fn field<T: EncodeParam + ?Sized>(&mut self, parent: &str, name: &str, value: &T) {
        let key = if parent.is_empty() {
            name.to_owned()
        } else {
            format!("{parent}[{name}]")
        };
        value.encode_param(&key, self);
    }

    /// The pairs in the order they were added, unescaped.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Whether no pair was added.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs as a form body, `k=v&k=v`, with literal brackets (`options[document]=`), as
    /// Stripe's SDKs send bodies.
    pub fn to_urlencoded(&self) -> String {
        self.join(true)
    }

    /// The pairs as a query string (no leading `?`), with brackets escaped
    /// (`created%5Bgte%5D=1`), as Stripe's SDKs' HTTP layer sends queries.
    pub fn to_query_string(&self) -> String {
        self.join(false)
    }

    fn join(&self, brackets_literal: bool) -> String {
        let mut out = String::new();
        for (i, (key, value)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            escape_into(&mut out, key, brackets_literal);
            out.push('=');
            escape_into(&mut out, value, brackets_literal);
        }
        out
    }
}

/// Escapes one path segment (an object ID) the way stripe-python's `quote_plus` does; unlike form
/// components, brackets are escaped too, because a path has no nesting to show.
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    escape_into(&mut out, segment, false);
    out
}

fn escape_into(out: &mut String, text: &str, brackets_literal: bool) {
    for &byte in text.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(char::from(byte)),
            b'[' | b']' if brackets_literal => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
}

/// A value that can be sent as a Stripe form parameter.
///
/// Implemented here for scalars and containers, and by generated code for parameter structs and
/// enums.
pub trait EncodeParam {
    /// Appends the pairs that encode `self` under `key` (already bracketed, such as
    /// `options[document]`).
    fn encode_param(&self, key: &str, out: &mut FormPairs);
}

impl<T: EncodeParam + ?Sized> EncodeParam for &T {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        (**self).encode_param(key, out);
    }
}

impl<T: EncodeParam + ?Sized> EncodeParam for Box<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        (**self).encode_param(key, out);
    }
}

impl EncodeParam for str {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        out.push(key, self);
    }
}

impl EncodeParam for String {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        out.push(key, self.as_str());
    }
}

impl EncodeParam for bool {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        out.push(key, if *self { "true" } else { "false" });
    }
}

macro_rules! encode_with_display {
    ($($ty:ty),*) => {$(
        impl EncodeParam for $ty {
            fn encode_param(&self, key: &str, out: &mut FormPairs) {
                out.push(key, self.to_string());
            }
        }
    )*};
}
encode_with_display!(i32, i64, u32, u64, usize);

impl EncodeParam for f64 {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        // Python's str(float) keeps a ".0" on whole numbers; match it so SDK and crate agree.
        if self.is_finite() && self.fract() == 0.0 && self.abs() < 1e16 {
            out.push(key, format!("{self:.1}"));
        } else {
            out.push(key, self.to_string());
        }
    }
}

impl<T: EncodeParam> EncodeParam for Option<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        if let Some(value) = self {
            value.encode_param(key, out);
        }
    }
}

impl<T: EncodeParam> EncodeParam for [T] {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        for (index, item) in self.iter().enumerate() {
            item.encode_param(&format!("{key}[{index}]"), out);
        }
    }
}

impl<T: EncodeParam> EncodeParam for Vec<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        self.as_slice().encode_param(key, out);
    }
}

impl<V: EncodeParam> EncodeParam for BTreeMap<String, V> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        for (name, value) in self {
            out.field(key, name, value);
        }
    }
}

impl<V: EncodeParam, S> EncodeParam for HashMap<String, V, S> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        // Sorted, so that the same map always gives the same bytes.
        let mut entries: Vec<_> = self.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (name, value) in entries {
            out.field(key, name, value);
        }
    }
}

impl EncodeParam for serde_json::Value {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        use serde_json::Value;
        match self {
            Value::Null => {}
            Value::Bool(b) => b.encode_param(key, out),
            Value::Number(n) => out.push(key, n.to_string()),
            Value::String(s) => out.push(key, s.as_str()),
            Value::Array(items) => items.encode_param(key, out),
            Value::Object(map) => {
                for (name, value) in map {
                    out.field(key, name, value);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode<T: EncodeParam + ?Sized>(name: &str, value: &T) -> String {
        let mut out = FormPairs::new();
        out.field("", name, value);
        out.to_urlencoded()
    }

    #[test]
    fn scalars_encode_as_the_sdks_do() {
        assert_eq!(encode("a", &true), "a=true");
        assert_eq!(encode("a", &false), "a=false");
        assert_eq!(encode("a", &-42_i64), "a=-42");
        assert_eq!(encode("a", &1.5_f64), "a=1.5");
        assert_eq!(encode("a", &2.0_f64), "a=2.0");
        assert_eq!(encode("a", ""), "a=");
    }

    #[test]
    fn escaping_keeps_unreserved_and_brackets_and_turns_space_into_plus() {
        assert_eq!(
            encode("k", "a b&c=d+e%f[g]~h.i_j-k"),
            "k=a+b%26c%3Dd%2Be%25f[g]~h.i_j-k"
        );
        assert_eq!(encode("k", "é☃"), "k=%C3%A9%E2%98%83");
        assert_eq!(encode("k", "a/b?c#d"), "k=a%2Fb%3Fc%23d");
    }

    #[test]
    fn query_strings_escape_brackets() {
        let mut out = FormPairs::new();
        out.field("created", "gte", &5_i64);
        out.field("", "q", "[x] y");
        assert_eq!(out.to_query_string(), "created%5Bgte%5D=5&q=%5Bx%5D+y");
        assert_eq!(out.to_urlencoded(), "created[gte]=5&q=[x]+y");
    }

    #[test]
    fn arrays_are_indexed_and_empty_ones_send_nothing() {
        assert_eq!(encode("expand", &vec!["a", "b.c"]), "expand[0]=a&expand[1]=b.c");
        assert_eq!(encode("expand", &Vec::<String>::new()), "");
    }

    #[test]
    fn maps_nest_with_brackets_in_key_order() {
        let mut map = BTreeMap::new();
        map.insert("z".to_owned(), "1".to_owned());
        map.insert("a b".to_owned(), String::new());
        assert_eq!(encode("metadata", &map), "metadata[a+b]=&metadata[z]=1");
        let hash: HashMap<String, i64> = [("y".to_owned(), 2), ("x".to_owned(), 1)].into();
        assert_eq!(encode("m", &hash), "m[x]=1&m[y]=2");
    }

    #[test]
    fn absent_values_send_nothing() {
        assert_eq!(encode("a", &None::<String>), "");
        assert_eq!(encode("a", &Some(3_i64)), "a=3");
    }

    #[test]
    fn json_values_nest_like_objects() {
        let value = serde_json::json!({"a": [1, {"b": true}], "c": null});
        assert_eq!(encode("x", &value), "x[a][0]=1&x[a][1][b]=true");
    }

    #[test]
    fn path_segments_escape_brackets_and_slashes() {
        assert_eq!(encode_path_segment("vs_123"), "vs_123");
        assert_eq!(encode_path_segment("a/b [c]"), "a%2Fb+%5Bc%5D");
    }
}
