//! Every Rust name the generator emits is made here: types and variants in UpperCamelCase, fields in
//! snake_case, keywords escaped with a trailing `_` (`type` -> `type_`, renamed back on the wire),
//! and request builders named from `x-stripeOperations` (`CreateVerificationSession`). Keeping
//! naming in one place is what makes collisions detectable: [`Namespace`] reports both origins.
//! Case conversion itself is `heck`'s.

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's strict and reserved keywords, every edition up to 2024; `r#` cannot escape all of them
/// (`self`, `Self`, `crate`, `super`), so a trailing underscore is used for all alike.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Keeps ASCII letters, digits and `_`; everything else becomes a word break, so `id-card` and
/// `[redacted]` split into words before case conversion.
fn words(raw: &str) -> String {
    let mut words = String::with_capacity(raw.len());
    for part in raw
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
    {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(part);
    }
    words
}

/// Makes `name` a usable identifier: a leading digit gets `prefix`, a keyword a trailing `_`.
fn finish(name: String, prefix: &str, empty: &str) -> String {
    let name = if name.is_empty() { empty.to_owned() } else { name };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    };
    if is_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// The Rust name of a type: `identity.verification_session` -> `IdentityVerificationSession`.
pub fn type_name(raw: &str) -> String {
    finish(words(raw).to_upper_camel_case(), "T", "Unnamed")
}

/// The name of a type nested in `parent` (an inline field type, an array's item, a map's value):
/// `parent` then `child`, with a keyword's escape dropped where it would sit inside the name
/// (`Self_` + `Item` -> `SelfItem`, not the un-idiomatic `Self_Item`).
pub fn nested(parent: &str, child: &str) -> String {
    let name = format!("{}{}", parent.trim_end_matches('_'), child.trim_end_matches('_'));
    finish(name, "T", "Unnamed")
}

/// The type an inline property or parameter `wire` of `parent` defines, named by its place:
/// `CreateThing` + `options` -> `CreateThingOptions`.
pub fn property_type(parent: &str, wire: &str) -> String {
    nested(parent, &type_name(wire))
}

/// The type of the items of a component that is an array or union, or of a list page's items:
/// `Thing` -> `ThingItem`.
pub fn item_type(parent: &str) -> String {
    nested(parent, "Item")
}

/// The type of a map's values: `Metadata` -> `MetadataValue`.
pub fn value_type(map: &str) -> String {
    nested(map, "Value")
}

/// The objects an expandable field holds when expanded: `Customer` -> `CustomerObject`.
pub fn expanded_type(field: &str) -> String {
    nested(field, "Object")
}

/// A union whose derived name another item holds (often the component its first alternative
/// references) moves aside to `…Union` rather than taking a number.
pub fn union_moved_aside(name: &str) -> String {
    nested(name, "Union")
}

/// A tagged resource's ID type: `VerificationSession` -> `VerificationSessionId`.
pub fn id_type(resource: &str) -> String {
    nested(resource, "Id")
}

/// The open enum of a resource's event types: `VerificationSessionEventType`.
pub fn event_type_enum(resource: &str) -> String {
    nested(resource, "EventType")
}

/// The type an event's flattened `type` and `data` decode into.
pub const EVENT_PAYLOAD: &str = "EventPayload";

/// The name of the `Event` field holding the payload, moved aside (`payload_2`) when the event
/// schema has a property of that name among `taken`.
pub fn event_payload_field(taken: &[&str]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                "payload".to_owned()
            } else {
                numbered_field("payload", n)
            }
        })
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_default()
}

/// The type of a builder's inline response: `RetrieveThing` -> `RetrieveThingResponse`.
pub fn response_type(builder: &str) -> String {
    nested(builder, "Response")
}

/// The method that sends an emptyable parameter empty: `clear_metadata`.
pub fn clear_setter(field: &str) -> String {
    format!("clear_{field}")
}

/// What a clear setter is called where a clash names it (a warning lists both holders).
pub fn clearing(name: &str) -> String {
    format!("(clearing {name})")
}

/// The English article before a name: `an` before a vowel (`an UpdateVerificationSession`).
pub fn article(name: &str) -> &'static str {
    if name.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The Rust name of a struct field or builder setter: `type` -> `type_`, `3d` -> `n3d`.
pub fn field_name(raw: &str) -> String {
    finish(words(raw).to_snake_case(), "n", "field")
}

/// The Rust name of a request builder's field and setter: a field name, moved aside when it would
/// take the constructor's name (`new` -> `new_`).
pub fn setter_name(raw: &str) -> String {
    let name = field_name(raw);
    if name == "new" {
        "new_".to_owned()
    } else {
        name
    }
}

/// The Rust name of an enum value: `requires_input` -> `RequiresInput`, `[redacted]` ->
/// `Redacted`, the empty string -> `Empty`.
pub fn variant_name(raw: &str) -> String {
    finish(words(raw).to_upper_camel_case(), "V", "Empty")
}

/// The name of the catch-all variant that keeps unknown enum values. A known value that would take
/// this name becomes `UnrecognizedValue` instead (see [`variant_name_avoiding`]).
pub const FALLBACK_VARIANT: &str = "Unrecognized";

/// [`variant_name`], moved aside when it would take the catch-all's name.
pub fn variant_name_avoiding(raw: &str) -> String {
    let name = variant_name(raw);
    if name == FALLBACK_VARIANT {
        format!("{name}Value")
    } else {
        name
    }
}

/// The variant name for enum value `raw`, given the names earlier values took. Values that differ
/// on the wire but not as Rust names (`none` and `None`, `id_card` and `id-card`, `✓` and the empty
/// string) are told apart by the first free numeric suffix, in the order the spec lists them:
/// `None`, then `None2`. The rule is stable: the same spec always gives the same names.
pub fn unique_variant_name(raw: &str, taken: &(impl TakenNames + ?Sized)) -> String {
    let base = variant_name_avoiding(raw);
    if !taken.is_taken(&base) {
        return base;
    }
    // `Self_` + 2 reads as `Self2`: the keyword escape is not needed once a digit follows.
    let stem = base.trim_end_matches('_');
    (2..)
        .map(|n| format!("{stem}{n}"))
        .find(|candidate| !taken.is_taken(candidate) && candidate != FALLBACK_VARIANT)
        .unwrap_or(base)
}

/// The names already given in one enum: a slice for a few, a set when there are thousands (an
/// enum of 5000 values must not rescan every earlier name for each new one).
pub trait TakenNames {
    /// Whether `name` is taken.
    fn is_taken(&self, name: &str) -> bool;
}

impl TakenNames for [&str] {
    fn is_taken(&self, name: &str) -> bool {
        self.contains(&name)
    }
}

impl<const N: usize> TakenNames for [&str; N] {
    fn is_taken(&self, name: &str) -> bool {
        self.contains(&name)
    }
}

impl TakenNames for std::collections::BTreeSet<String> {
    fn is_taken(&self, name: &str) -> bool {
        self.contains(name)
    }
}

/// The builder name for an operation from `x-stripeOperations`: `create` on `VerificationSession`
/// -> `CreateVerificationSession`; a `list` method takes the plural (`ListVerificationSessions`).
pub fn builder_name(method_name: &str, class_name: &str, is_list: bool) -> String {
    let resource = if is_list {
        plural(class_name)
    } else {
        class_name.to_owned()
    };
    type_name(&format!(
        "{} {}",
        method_name.to_snake_case(),
        resource.to_snake_case()
    ))
}

/// A builder named by the `operationId` (`GetThings`), when the path's name is taken.
pub fn operation_id_builder_name(operation_id: &str) -> String {
    type_name(operation_id)
}

/// A builder with no `operationId` whose path's name is taken: the method and path
/// (`PostV1Things`).
pub fn method_path_builder_name(method: &str, path: &str) -> String {
    type_name(&format!("{method} {path}"))
}

/// A builder name read from the path, for specs without `x-stripeOperations` (Stripe's plain
/// spec flavour). `collections` holds the literal segments some path follows with a parameter
/// (`customers` in `/v1/customers/{customer}`); `returns_list` says the response is a list page.
///
/// - `…/things/{thing}`: `Retrieve`, `Update`, `Delete` + `Thing`, with parent nouns first
///   (`/v1/customers/{customer}/sources/{id}` -> `RetrieveCustomerSource`);
/// - `…/things/{thing}/action`: `Action` + `Thing` (`CancelVerificationSession`), or, when
///   `action` is itself a collection, `List`/`Create`/`Delete` + parent + noun;
/// - `…/things/action` on a collection: `ActionThings` (`SearchCustomers`);
/// - `…/things`: `List`/`Retrieve` (GET), `Create` (POST), `Delete` + noun; namespaces like
///   `identity` are left out (`ListVerificationSessions`).
pub fn path_builder_name(
    method: &str,
    path: &str,
    collections: &std::collections::BTreeSet<String>,
    returns_list: bool,
) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != "v1" && *s != "v2")
        .collect();
    let is_param = |s: &str| s.starts_with('{');
    let camel = |s: &str| words(s).to_upper_camel_case();
    // Parent nouns: each literal followed by a parameter, in the singular.
    let parents = |end: usize| -> String {
        (0..end)
            .filter(|&i| !is_param(segments[i]) && segments.get(i + 1).is_some_and(|s| is_param(s)))
            .map(|i| singular(&camel(segments[i])))
            .collect()
    };
    let verb = |get: &str, post: &str, delete: &str| match method {
        "get" => get.to_owned(),
        "post" => post.to_owned(),
        _ => delete.to_owned(),
    };
    let Some(&last) = segments.last() else {
        return type_name(&format!("{method} root"));
    };
    let n = segments.len();
    let name = if is_param(last) {
        format!("{}{}", verb("Retrieve", "Update", "Delete"), parents(n))
    } else {
        let previous = (n >= 2).then(|| segments[n - 2]);
        match previous {
            Some(p) if is_param(p) => {
                if collections.contains(last) {
                    let noun = verb(&camel(last), &singular(&camel(last)), &singular(&camel(last)));
                    format!("{}{}{noun}", verb("List", "Create", "Delete"), parents(n - 1))
                } else {
                    format!("{}{}", camel(last), parents(n - 1))
                }
            }
            Some(p) if collections.contains(p) => format!("{}{}", camel(last), camel(p)),
            _ => {
                let get = if returns_list { "List" } else { "Retrieve" };
                // A plural or a known collection is created into; a singular (`account`) is updated.
                let creates = collections.contains(last) || last.ends_with('s');
                let noun = if method == "post" && creates {
                    singular(&camel(last))
                } else {
                    camel(last)
                };
                let post = if creates { "Create" } else { "Update" };
                format!("{}{noun}", verb(get, post, "Delete"))
            }
        }
    };
    type_name(&name)
}

/// English plural of a class name's last word, for list builders.
pub fn plural(word: &str) -> String {
    if word.ends_with('s') || word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else if word.ends_with('y') && !word.ends_with("ay") && !word.ends_with("ey") && !word.ends_with("oy") {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// English singular of a type name's last word, for the items of an array (`AllowedTypes` ->
/// `AllowedType`).
pub fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("sses")
        || name.ends_with("xes")
        || name.ends_with("ches")
        || name.ends_with("shes")
    {
        name[..name.len() - 2].to_owned()
    } else if name.ends_with('s') && !name.ends_with("ss") && !name.ends_with("us") && !name.ends_with("is") {
        name[..name.len() - 1].to_owned()
    } else {
        name.to_owned()
    }
}

/// A set of names in one scope; inserting a name twice reports the first owner, so the error can
/// name both places. Hashed: it is only looked up, never iterated, so its order cannot reach the
/// output, and the crate root's holds a name for every type.
#[derive(Debug, Default)]
pub struct Namespace {
    owners: HashMap<String, String>,
}

impl Namespace {
    /// Who owns `name`, if anyone.
    pub fn owner(&self, name: &str) -> Option<&str> {
        self.owners.get(name).map(String::as_str)
    }

    /// Claims `name` for `origin` (a pointer or wire name); on a clash, returns the earlier origin.
    pub fn claim(&mut self, name: &str, origin: &str) -> Result<(), String> {
        match self.owners.get(name) {
            Some(existing) if existing != origin => Err(existing.clone()),
            Some(_) => Ok(()),
            None => {
                self.owners.insert(name.to_owned(), origin.to_owned());
                Ok(())
            }
        }
    }

    /// Claims `name` for `origin`, or, when another origin holds it, the first free name made by
    /// `suffixed(n)` for n = 2, 3, …: for names the generator derived, which a user cannot change
    /// in Stripe's spec. Returns the name claimed and, when it had to move aside, the holder of
    /// `name`. Deterministic: the same claims in the same order give the same names.
    pub fn claim_free(
        &mut self,
        name: &str,
        origin: &str,
        suffixed: impl Fn(usize) -> String,
    ) -> (String, Option<String>) {
        let holder = match self.claim(name, origin) {
            Ok(()) => return (name.to_owned(), None),
            Err(holder) => holder,
        };
        let free = (2..)
            .map(&suffixed)
            .find(|candidate| self.claim(candidate, origin).is_ok())
            .unwrap_or_else(|| name.to_owned());
        (free, Some(holder))
    }
}

/// A type or builder name moved aside: `Thing` -> `Thing2`.
pub fn numbered_type(name: &str, n: usize) -> String {
    format!("{}{n}", name.trim_end_matches('_'))
}

/// A field or setter name moved aside: `foo_bar` -> `foo_bar_2`, `self_` -> `self_2`.
pub fn numbered_field(name: &str, n: usize) -> String {
    format!("{}_{n}", name.trim_end_matches('_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_with_keywords_escaped() {
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("id_number"), "id_number");
        assert_eq!(field_name("someValue"), "some_value");
        assert_eq!(field_name("3d_secure"), "n3d_secure");
        assert_eq!(field_name("a-b.c"), "a_b_c");
        assert_eq!(field_name(""), "field");
        assert_eq!(setter_name("new"), "new_");
        assert_eq!(setter_name("limit"), "limit");
    }

    #[test]
    fn variants_cover_awkward_values() {
        assert_eq!(variant_name("requires_input"), "RequiresInput");
        assert_eq!(variant_name("[redacted]"), "Redacted");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("none"), "None");
        assert_eq!(variant_name("3ds"), "V3ds");
        assert_eq!(
            variant_name("identity.verification_session"),
            "IdentityVerificationSession"
        );
        assert_eq!(variant_name_avoiding("unrecognized"), "UnrecognizedValue");
        assert_eq!(variant_name("Self"), "Self_");
        assert_eq!(unique_variant_name("None", &["None"]), "None2");
        assert_eq!(unique_variant_name("✓", &["Empty", "Empty2"]), "Empty3");
        assert_eq!(unique_variant_name("a", &["B"]), "A");
        assert_eq!(unique_variant_name("self", &["Self_"]), "Self2");
    }

    #[test]
    fn types_and_builders_are_upper_camel_case() {
        assert_eq!(
            type_name("identity.verification_session"),
            "IdentityVerificationSession"
        );
        assert_eq!(
            builder_name("create", "VerificationSession", false),
            "CreateVerificationSession"
        );
        assert_eq!(
            builder_name("list", "VerificationSession", true),
            "ListVerificationSessions"
        );
        assert_eq!(plural("Address"), "Addresses");
        assert_eq!(plural("Policy"), "Policies");
        assert_eq!(plural("Key"), "Keys");
        assert_eq!(singular("AllowedTypes"), "AllowedType");
        assert_eq!(singular("Policies"), "Policy");
        assert_eq!(singular("Addresses"), "Address");
        assert_eq!(singular("Status"), "Status");
        assert_eq!(singular("Access"), "Access");
    }

    #[test]
    fn builder_names_come_from_paths_without_annotations() {
        let collections: std::collections::BTreeSet<String> =
            ["verification_sessions", "customers", "sources", "payment_intents"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let name = |method, path, list| path_builder_name(method, path, &collections, list);
        assert_eq!(
            name("get", "/v1/identity/verification_sessions", true),
            "ListVerificationSessions"
        );
        assert_eq!(
            name("post", "/v1/identity/verification_sessions", false),
            "CreateVerificationSession"
        );
        assert_eq!(
            name("get", "/v1/identity/verification_sessions/{session}", false),
            "RetrieveVerificationSession"
        );
        assert_eq!(
            name("post", "/v1/identity/verification_sessions/{session}", false),
            "UpdateVerificationSession"
        );
        assert_eq!(
            name(
                "post",
                "/v1/identity/verification_sessions/{session}/cancel",
                false
            ),
            "CancelVerificationSession"
        );
        assert_eq!(
            name("delete", "/v1/customers/{customer}", false),
            "DeleteCustomer"
        );
        assert_eq!(
            name("get", "/v1/customers/{customer}/sources", true),
            "ListCustomerSources"
        );
        assert_eq!(
            name("post", "/v1/customers/{customer}/sources", false),
            "CreateCustomerSource"
        );
        assert_eq!(
            name("get", "/v1/customers/{customer}/sources/{id}", false),
            "RetrieveCustomerSource"
        );
        assert_eq!(name("get", "/v1/customers/search", false), "SearchCustomers");
        assert_eq!(
            name("post", "/v1/payment_intents/{intent}/confirm", false),
            "ConfirmPaymentIntent"
        );
        assert_eq!(name("get", "/v1/balance", false), "RetrieveBalance");
        assert_eq!(name("post", "/v1/orders", false), "CreateOrder");
        assert_eq!(name("post", "/v1/account", false), "UpdateAccount");
    }

    #[test]
    fn namespaces_report_the_first_owner() {
        let mut ns = Namespace::default();
        assert!(ns.claim("a", "#/x").is_ok());
        assert!(ns.claim("a", "#/x").is_ok());
        assert_eq!(ns.claim("a", "#/y"), Err("#/x".to_owned()));
    }
}
