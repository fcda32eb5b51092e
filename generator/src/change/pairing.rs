//! The one way old items are paired with new ones, for types, builders, fields and values
//! alike: by name, or, for an old name that is gone, through a rename (an old name whose
//! spec node now carries a new name). What pairs with nothing was removed or added.

use std::collections::BTreeMap;

/// Old name -> new name, for items that were renamed.
pub type Renames = BTreeMap<String, String>;

/// What became of an old item, or where a new one came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pairing<'a, T> {
    /// The old item has no counterpart.
    Removed(&'a T),
    /// The old item lives on under another name.
    Renamed(&'a T, &'a T),
    /// The same name on both sides.
    Compared(&'a T, &'a T),
    /// The new item has no counterpart.
    Added(&'a T),
}

/// Every old item, then every new item no old one paired with, each in name order.
pub fn pair_up<'a, T>(
    old: &'a BTreeMap<String, T>,
    new: &'a BTreeMap<String, T>,
    renames: &Renames,
) -> Vec<Pairing<'a, T>> {
    let mut pairs = Vec::new();
    for (name, before) in old {
        if let Some(after) = new.get(name) {
            pairs.push(Pairing::Compared(before, after));
        } else if let Some(after) = renames.get(name).and_then(|to| new.get(to)) {
            pairs.push(Pairing::Renamed(before, after));
        } else {
            pairs.push(Pairing::Removed(before));
        }
    }
    let renamed_to: Vec<&String> = renames.values().collect();
    for (name, after) in new {
        if !old.contains_key(name) && !renamed_to.contains(&name) {
            pairs.push(Pairing::Added(after));
        }
    }
    pairs
}

/// The renames among items known by a spec pointer: the one old name that is gone whose pointer
/// now belongs to one name that is new. Where several gone or several new names share a pointer
/// (one schema lowered once per resource), which became which cannot be told, so none is a rename.
pub fn renames_by_pointer<T>(
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    pointer: impl Fn(&T) -> &str,
) -> Renames {
    let gone = names_by_pointer(old, |name| !new.contains_key(name), &pointer);
    let arrived = names_by_pointer(new, |name| !old.contains_key(name), &pointer);
    gone.into_iter()
        .filter_map(
            |(at, names)| match (names.as_slice(), arrived.get(at)?.as_slice()) {
                ([from], [to]) => Some(((*from).clone(), (*to).clone())),
                _ => None,
            },
        )
        .collect()
}

/// The names `keep` admits, grouped by their pointer.
fn names_by_pointer<'a, T>(
    items: &'a BTreeMap<String, T>,
    keep: impl Fn(&str) -> bool,
    pointer: &impl Fn(&T) -> &str,
) -> BTreeMap<&'a str, Vec<&'a String>> {
    let mut grouped: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for (name, item) in items.iter().filter(|(name, _)| keep(name)) {
        grouped.entry(pointer(item)).or_default().push(name);
    }
    grouped
}

/// `text` (a description) with every renamed type it names in code (`` `Old` ``, in an
/// intra-doc link too) named by its new name: so a rename, already a change of its own, is not
/// also a change to every description that mentions the type.
pub fn with_new_names<'t>(text: &'t str, renames: &Renames) -> std::borrow::Cow<'t, str> {
    let mut text = std::borrow::Cow::Borrowed(text);
    for (from, to) in renames {
        let quoted = format!("`{from}`");
        if text.contains(&quoted) {
            text = std::borrow::Cow::Owned(text.replace(&quoted, &format!("`{to}`")));
        }
    }
    text
}

/// A member that keeps its Rust name while another member took its wire name: the field
/// `foo_bar` that now reads `fooBar` while `foo_bar` went to `foo_bar_2`, the value `Open`
/// that now means `"Open"` while `"open"` went to `Open2`. Code using the member compiles but
/// means what another member means now: the member was in effect renamed.
#[derive(Debug, PartialEq, Eq)]
pub struct MovedAside<'a> {
    /// The member's Rust name, on both sides.
    pub member: &'a str,
    /// Its old wire name.
    pub wire: &'a str,
    /// The member that holds that wire name now.
    pub holder: &'a str,
}

impl MovedAside<'_> {
    /// Why a field or value moved aside breaks code, in the report's words.
    pub fn member_reason(&self) -> String {
        format!(
            "`{}` is another name on the wire now; `{}`, what it was, is `{}` now",
            self.member, self.wire, self.holder
        )
    }

    /// Why a builder moved aside (its route is another's now) breaks code.
    pub fn route_reason(&self) -> String {
        format!(
            "it sends another request now; `{}`, what it sent, is `{}`'s",
            self.wire, self.holder
        )
    }
}

/// Every member moved aside from `old` to `new`, each a map of Rust name -> wire name.
pub fn moved_aside<'a>(
    old: &'a BTreeMap<String, String>,
    new: &'a BTreeMap<String, String>,
) -> Vec<MovedAside<'a>> {
    old.iter()
        .filter(|(member, wire)| new.get(*member).is_some_and(|now| now != *wire))
        .filter_map(|(member, wire)| {
            let (holder, _) = new.iter().find(|(other, now)| *other != member && *now == wire)?;
            Some(MovedAside { member, wire, holder })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(n, p)| ((*n).to_owned(), (*p).to_owned()))
            .collect()
    }

    #[test]
    fn pairs_by_name_then_by_rename() {
        let old = map(&[("A", "#/a"), ("B", "#/b"), ("Gone", "#/gone")]);
        let new = map(&[("A", "#/a"), ("C", "#/b"), ("New", "#/new")]);
        let renames = renames_by_pointer(&old, &new, String::as_str);
        assert_eq!(renames, map(&[("B", "C")]));
        let pairs = pair_up(&old, &new, &renames);
        assert_eq!(
            pairs,
            vec![
                Pairing::Compared(&old["A"], &new["A"]),
                Pairing::Renamed(&old["B"], &new["C"]),
                Pairing::Removed(&old["Gone"]),
                Pairing::Added(&new["New"]),
            ]
        );
    }

    #[test]
    fn a_pointer_shared_by_several_names_renames_nothing() {
        // Stripe's `event.type` enum is lowered once per resource, all at one pointer: which of
        // the old names became which new one cannot be told, so none is called a rename.
        let old = map(&[("AEventType", "#/t"), ("BEventType", "#/t"), ("Kept", "#/k")]);
        let new = map(&[("CEventType", "#/t"), ("Kept", "#/k")]);
        assert_eq!(renames_by_pointer(&old, &new, String::as_str), Renames::new());
        let old = map(&[("AEventType", "#/t")]);
        let new = map(&[("BEventType", "#/t"), ("CEventType", "#/t")]);
        assert_eq!(renames_by_pointer(&old, &new, String::as_str), Renames::new());
    }
}
