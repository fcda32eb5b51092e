//! The one way old items are paired with new ones, for types, builders, fields, methods and
//! impls alike: by name, or, for an old name that is gone, through a rename (an old name whose
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

/// The renames among items known by a spec pointer: an old name that is gone whose pointer now
/// belongs to a name that is new.
pub fn renames_by_pointer<T>(
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    pointer: impl Fn(&T) -> &str,
) -> Renames {
    let new_by_pointer: BTreeMap<&str, &String> =
        new.iter().map(|(name, item)| (pointer(item), name)).collect();
    old.iter()
        .filter(|(name, _)| !new.contains_key(*name))
        .filter_map(|(name, item)| {
            let renamed = new_by_pointer.get(pointer(item))?;
            (!old.contains_key(*renamed)).then(|| (name.clone(), (*renamed).clone()))
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
}
