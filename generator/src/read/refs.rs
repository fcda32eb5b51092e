//! Following a `$ref` to the component schema it names. A component that is itself a reference is
//! followed, keeping the first key (the name the spec used), up to a limit that catches loops.

use openapiv3::{OpenAPI, ReferenceOr, Schema};

/// The prefix every supported `$ref` starts with.
pub(crate) const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// The first component key `reference` names and the schema it finally reaches, or why it
/// reaches none (an error at the place of the reference).
pub(crate) fn resolve<'a>(spec: &'a OpenAPI, reference: &str) -> Result<(&'a str, &'a Schema), String> {
    const MAX_HOPS: usize = 32;
    let mut current = reference.to_owned();
    let mut first_key = None;
    for _ in 0..MAX_HOPS {
        let Some(key) = current.strip_prefix(SCHEMA_REF_PREFIX) else {
            return Err(format!("unsupported reference `{current}`: only local references to `#/components/schemas/…` are supported (external files and other components are not)"));
        };
        let key = key.replace("~1", "/").replace("~0", "~");
        let found = spec
            .components
            .as_ref()
            .and_then(|c| c.schemas.get_key_value(key.as_str()));
        let Some((key, target)) = found else {
            return Err(format!("dangling reference: `{current}` does not exist"));
        };
        let first = *first_key.get_or_insert(key.as_str());
        match target {
            ReferenceOr::Item(schema) => return Ok((first, schema)),
            ReferenceOr::Reference { reference } => current = reference.clone(),
        }
    }
    Err(format!("reference loop: `{reference}` never reaches a schema"))
}
