//! `List<T>`: one page of a Stripe list endpoint (`{"object": "list", "data": [...], "has_more",
//! "url"}`).

use serde::{Deserialize, Serialize};

#[cfg(feature = "requests")]
use crate::encode::{EncodeParam, FormPairs};

/// One page of objects from a list endpoint.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct List<T> {
    /// The objects on this page, in the order the API returned them.
    pub data: Vec<T>,
    /// Whether another page follows this one.
    pub has_more: bool,
    /// The API path this page was read from.
    pub url: String,
}

impl<T> List<T> {
    /// The object to pass as `starting_after` to read the next page, if there is one.
    pub fn next_cursor<'a>(&'a self, id: impl Fn(&'a T) -> &'a str) -> Option<&'a str> {
        if self.has_more {
            self.data.last().map(id)
        } else {
            None
        }
    }
}

/// As a parameter (a model that contains a list, sent back), a list sends its objects.
#[cfg(feature = "requests")]
impl<T: EncodeParam> EncodeParam for List<T> {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        self.data.encode_param(key, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_decodes_and_names_its_cursor() {
        let json = r#"{"object":"list","data":[{"id":"a"},{"id":"b"}],"has_more":true,"url":"/v1/x"}"#;
        let page: List<serde_json::Value> = serde_json::from_str(json).unwrap();
        assert_eq!(page.data.len(), 2);
        assert_eq!(page.next_cursor(|v| v["id"].as_str().unwrap_or("")), Some("b"));
        let last = List {
            has_more: false,
            ..page
        };
        assert_eq!(last.next_cursor(|v| v["id"].as_str().unwrap_or("")), None);
    }
}
