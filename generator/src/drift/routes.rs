//! Where each builder of a generated file sends, read from its `StripeRequest` impl (the
//! method and `PATH_TEMPLATE`), so `check` can see a builder that now sends what another one
//! sent, as `diff` sees it in the IR.

use std::collections::BTreeMap;

use syn::{ImplItem, Item};

use super::items::{text, Owner};
use crate::change::{moved_aside, Change, Difference};

/// Builders that keep their name but now send to the route another builder of the old file
/// sent to, which that builder sends to now (`ApproveThing` sending `reject`'s request): code
/// calling them compiles and does something else.
pub(super) fn compare_routes(
    before: &BTreeMap<String, Owner>,
    after: &BTreeMap<String, Owner>,
    out: &mut Vec<Change>,
) {
    let (old, new) = (routes(before), routes(after));
    for moved in moved_aside(&old, &new) {
        out.push(Change::of(
            Difference::Renamed,
            moved.member,
            moved.route_reason(),
        ));
    }
}

/// Builder -> `METHOD path template`, for every owner with a `StripeRequest` impl.
fn routes(owners: &BTreeMap<String, Owner>) -> BTreeMap<String, String> {
    owners
        .iter()
        .filter_map(|(name, owner)| Some((name.clone(), route(owner)?)))
        .collect()
}

fn route(owner: &Owner) -> Option<String> {
    let derived = owner.derived.values().find(|d| d.key.contains("StripeRequest"))?;
    let Item::Impl(block) = &derived.item else {
        return None;
    };
    let mut path = None;
    let mut method = None;
    for member in &block.items {
        match member {
            ImplItem::Const(c) if c.ident == "PATH_TEMPLATE" => path = Some(text(&c.expr)),
            ImplItem::Fn(f) => {
                // `method: ::stripe_runtime::Method::Post` in the encoded request.
                let body = text(&f.block);
                if let Some(at) = body.find("Method :: ") {
                    method = body[at + "Method :: ".len()..]
                        .split_whitespace()
                        .next()
                        .map(str::to_owned);
                }
            }
            _ => {}
        }
    }
    Some(format!("{} {}", method?, path?))
}
