//! Choosing a variant of a union (`anyOf` of objects) when decoding. Trying variants in the spec's
//! order is not enough for Stripe's objects: their fields are mostly optional, so the first
//! variant would accept the JSON of the second. The order here uses what Stripe's objects carry:
//! the `object` discriminator first, then the variants whose required fields are all present,
//! then the ones that know more of the JSON's keys (a deleted object's `deleted`).

use serde_json::Value;

/// What generated code knows of one variant, to rank it against a JSON value.
#[derive(Clone, Copy, Debug)]
pub struct VariantShape {
    /// The value its `object` field always has, when it is a tagged Stripe object.
    pub tag: Option<&'static str>,
    /// Its required properties.
    pub required: &'static [&'static str],
    /// All its properties.
    pub properties: &'static [&'static str],
}

/// The indices of `shapes` worth trying for `value`, best first. A variant whose tag differs
/// from the value's `object` is left out; ties keep the spec's order.
pub(crate) fn union_order(value: &Value, shapes: &[VariantShape]) -> Vec<usize> {
    let Some(map) = value.as_object() else {
        return (0..shapes.len()).collect();
    };
    let object = map.get("object").and_then(Value::as_str);
    let mut ranked: Vec<(usize, (bool, bool, usize))> = shapes
        .iter()
        .enumerate()
        .filter(|(_, shape)| match (shape.tag, object) {
            (Some(tag), Some(object)) => tag == object,
            _ => true,
        })
        .map(|(index, shape)| {
            let tagged = shape.tag.is_some() && shape.tag == object;
            let complete = shape.required.iter().all(|name| map.contains_key(*name));
            let known = map
                .keys()
                .filter(|key| shape.properties.contains(&key.as_str()))
                .count();
            (index, (tagged, complete, known))
        })
        .collect();
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    ranked.into_iter().map(|(index, _)| index).collect()
}

/// Whether `value` is an object of a kind none of `shapes` is tagged with: its `object` field is a
/// string no variant carries. Such a value decodes into a union's catch-all variant, so a kind
/// Stripe adds later never fails a whole response.
pub(crate) fn is_unknown_kind(value: &Value, shapes: &[VariantShape]) -> bool {
    let Some(object) = value.get("object").and_then(Value::as_str) else {
        return false;
    };
    !shapes.iter().any(|shape| shape.tag == Some(object))
}

/// Decodes a union from its buffered JSON: tries the variants in `union_order`'s order with
/// `attempt` (which reads variant `index` from the value by reference, or says `None` for an index
/// it has no variant for), returns the first that reads; failing that, keeps an object of a kind
/// no variant is tagged with through `unknown` when the union has a catch-all variant. The error
/// names the union and says why the last variant tried refused the value.
///
/// Generated code reads the [`Value`] and maps the error to its deserializer's, so this is compiled
/// once per union, not once per union and deserializer.
pub fn decode_union<T>(
    value: Value,
    union: &str,
    shapes: &[VariantShape],
    unknown: Option<fn(Value) -> T>,
    attempt: impl Fn(usize, &Value) -> Option<Result<T, serde_json::Error>>,
) -> Result<T, String> {
    let mut last_error = None;
    for index in union_order(&value, shapes) {
        match attempt(index, &value) {
            Some(Ok(decoded)) => return Ok(decoded),
            Some(Err(error)) => last_error = Some(error),
            None => {}
        }
    }
    // A kind no variant is tagged with is kept whole; one a variant claims but cannot read is an
    // error, since that is a broken object rather than a new kind.
    if let Some(unknown) = unknown {
        if is_unknown_kind(&value, shapes) {
            return Ok(unknown(value));
        }
    }
    Err(match last_error {
        Some(error) => format!("the value matches no variant of `{union}` ({error})"),
        // Every variant was ruled out by its tag before any was tried.
        None => format!("the value matches no variant of `{union}`"),
    })
}

/// The `id` of an object kept as JSON by a union's catch-all variant, or `""` when it has none
/// (every Stripe object has one).
pub fn unknown_object_id(value: &Value) -> &str {
    value.get("id").and_then(Value::as_str).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: VariantShape = VariantShape {
        tag: Some("card"),
        required: &["id"],
        properties: &["id", "object", "last4"],
    };
    const BANK: VariantShape = VariantShape {
        tag: Some("bank_account"),
        required: &["id"],
        properties: &["id", "object", "routing"],
    };
    const DELETED: VariantShape = VariantShape {
        tag: Some("card"),
        required: &["id", "deleted"],
        properties: &["id", "object", "deleted"],
    };

    #[test]
    fn the_object_tag_decides_first() {
        let value = serde_json::json!({"id": "ba_1", "object": "bank_account"});
        assert_eq!(union_order(&value, &[CARD, BANK]), vec![1]);
    }

    #[test]
    fn a_deleted_object_prefers_the_deleted_variant() {
        let deleted = serde_json::json!({"id": "card_1", "object": "card", "deleted": true});
        assert_eq!(union_order(&deleted, &[CARD, DELETED]), vec![1, 0]);
        let live = serde_json::json!({"id": "card_1", "object": "card", "last4": "4242"});
        assert_eq!(union_order(&live, &[CARD, DELETED]), vec![0, 1]);
    }

    #[test]
    fn non_objects_try_everything_in_order() {
        assert_eq!(union_order(&serde_json::json!("x"), &[CARD, BANK]), vec![0, 1]);
    }

    /// A test union: a card, a bank account, or an unknown kind kept as JSON.
    #[derive(Debug, PartialEq)]
    enum Source {
        Card(String),
        Bank(String),
        Unknown(Value),
    }

    fn read(index: usize, value: &Value) -> Option<Result<Source, serde_json::Error>> {
        let id = || <String as serde::Deserialize>::deserialize(&value["id"]);
        match index {
            0 if value["object"] == "card" => Some(id().map(Source::Card)),
            1 if value["object"] == "bank_account" => Some(id().map(Source::Bank)),
            0 | 1 => Some(Err(serde::de::Error::custom("not this kind"))),
            _ => None,
        }
    }

    #[test]
    fn a_union_decodes_the_tagged_variant_keeps_unknown_kinds_and_names_itself_in_errors() {
        let shapes = [CARD, BANK];
        let bank = serde_json::json!({"id": "ba_1", "object": "bank_account"});
        assert_eq!(
            decode_union(bank, "Source", &shapes, Some(Source::Unknown), read),
            Ok(Source::Bank("ba_1".into()))
        );
        let wallet = serde_json::json!({"id": "w_1", "object": "wallet"});
        assert_eq!(
            decode_union(wallet.clone(), "Source", &shapes, Some(Source::Unknown), read),
            Ok(Source::Unknown(wallet.clone()))
        );
        // Without a catch-all, the unknown kind is an error naming the union (no variant was
        // tried: the tags ruled them all out).
        assert_eq!(
            decode_union(wallet, "Source", &shapes, None, read),
            Err("the value matches no variant of `Source`".to_owned())
        );
        // Untagged JSON is tried against every variant; the last refusal is the detail.
        assert_eq!(
            decode_union(serde_json::json!({"id": "x"}), "Source", &shapes, None, read),
            Err("the value matches no variant of `Source` (not this kind)".to_owned())
        );
        // A card whose id is not a string is broken, not new: an error even with a catch-all.
        let broken = serde_json::json!({"id": 7, "object": "card"});
        let error = decode_union(broken, "Source", &shapes, Some(Source::Unknown), read)
            .expect_err("a broken card is refused");
        assert!(
            error.starts_with("the value matches no variant of `Source` (invalid type"),
            "{error}"
        );
    }

    #[test]
    fn only_an_untagged_kind_is_unknown() {
        let new_kind = serde_json::json!({"id": "x_1", "object": "wallet"});
        assert!(is_unknown_kind(&new_kind, &[CARD, BANK]));
        assert_eq!(unknown_object_id(&new_kind), "x_1");
        assert!(!is_unknown_kind(
            &serde_json::json!({"object": "card"}),
            &[CARD, BANK]
        ));
        assert!(!is_unknown_kind(&serde_json::json!({"id": "x"}), &[CARD, BANK]));
        assert!(!is_unknown_kind(&serde_json::json!("card_1"), &[CARD, BANK]));
    }
}
