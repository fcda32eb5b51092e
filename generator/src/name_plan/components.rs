//! Names the component schemas, before anything else, so references resolve whatever order
//! schemas come in.

use std::collections::HashMap;

use super::walk::Walk;
use crate::diagnostic::child;
use crate::naming;
use crate::read;

/// Names component schemas first, so references resolve whatever order schemas come in. A
/// schema's `x-stripeResource.class_name` wins over its key (`identity.verification_session`
/// -> `VerificationSession`).
///
/// Two schemas giving the same `class_name` is the spec author's clash (an error naming both);
/// two keys that only become the same Rust name (`foo_bar`, `fooBar`) are the generator's, and
/// the later key (in key order) takes a numeric suffix, with a warning.
pub(super) fn name_components(w: &mut Walk) {
    let components = read::generated_components(w.spec, &w.walks.error_only);
    // Pointer -> raw name; hashed, as the pointers share their `#/components/schemas/` prefix.
    let mut raw_names: HashMap<String, String> = HashMap::new();
    for (key, schema) in components {
        let pointer = child("#/components/schemas", key);
        let raw = match schema.as_item() {
            Some(schema) => read::class_name(schema).unwrap_or(key.as_str()).to_owned(),
            None => key.clone(),
        };
        let name = naming::type_name(&raw);
        let same_raw = w
            .names
            .owner(&name)
            .is_some_and(|holder| raw_names.get(holder) == Some(&raw));
        let name = if same_raw {
            w.claim_name(&name, &pointer);
            name
        } else {
            w.claim_derived(&name, &pointer)
        };
        raw_names.insert(pointer, raw);
        w.plan.components.insert(key.clone(), name);
    }
}
