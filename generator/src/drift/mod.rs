//! What kind of change a stale generated file holds, read from the Rust itself: the file on disk
//! and the file the spec generates now are parsed with `syn` and compared item by item, as
//! `diff` compares the IR: each type, builder or constant with its fields or variants, its
//! methods and its trait impls, paired by the shared algorithm and classed by the shared rules
//! (`change`), so `check` and `diff` give a change the same class. `check` prints the verdict
//! with the drift, so a CI log says whether regenerating will break the crate's users. It also
//! tells a hand edit (a file that no longer matches what the generator last wrote, by the hash
//! in the manifest) from a stale one, naming the first edited line.
//!
//! The Rust does not say which spec node an item comes from, so `check` cannot see a rename (it
//! reports the old name removed and the new one added); given the renames `diff` found, the
//! comparison reads old names as the new ones, as `diff` does.

mod items;
mod macro_tables;
mod members;
mod renamed;
mod routes;

use crate::change::{pair_up, Change, Difference, Pairing, Renames};

/// The changes from `on_disk` to `fresh` (two versions of one generated file), old names read
/// through `renames` (none for `check`); `None` when either is not Rust.
pub fn classify_drift(on_disk: &str, fresh: &str, renames: &Renames) -> Option<Vec<Change>> {
    let before = items::owners(on_disk, renames)?;
    let after = items::owners(fresh, &Renames::new())?;
    let mut changes = Vec::new();
    for pairing in pair_up(&before, &after, renames) {
        match pairing {
            Pairing::Removed(gone) => {
                changes.push(Change::of(Difference::Removed, gone.name.as_str(), "removed"))
            }
            Pairing::Renamed(old, new) => {
                let reason = format!("renamed to `{}`", new.name);
                changes.push(Change::of(Difference::Renamed, old.name.as_str(), reason));
                members::compare_owner(old, new, &mut changes);
            }
            Pairing::Compared(old, new) => members::compare_owner(old, new, &mut changes),
            Pairing::Added(new) => changes.push(Change::of(Difference::Added, new.name.as_str(), "added")),
        }
    }
    routes::compare_routes(&before, &after, &mut changes);
    Some(changes)
}

/// A 64-bit FNV-1a hash of `text`, as the manifest records it: enough to tell a file from an
/// edited copy (not a security measure).
pub(crate) fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}")
}

/// The first line (1-based) where `a` and `b` differ.
pub(crate) fn first_difference(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()))
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::change::ChangeClass;

    const OLD: &str = "/// A.\npub struct A { /// x.\npub x: i64 }\n#[non_exhaustive]\npub enum E { X, Unrecognized(String) }\n";

    fn classify(old: &str, new: &str) -> Option<Vec<Change>> {
        classify_drift(old, new, &Renames::new())
    }

    #[test]
    fn classes_follow_the_items() {
        let docs = OLD.replace("/// A.", "/// A, better.");
        assert_eq!(classify(OLD, &docs).unwrap()[0].class, ChangeClass::Docs);
        let field = OLD.replace("pub x: i64 }", "pub x: i64, pub y: bool }");
        assert_eq!(classify(OLD, &field).unwrap()[0].class, ChangeClass::Additive);
        let retyped = OLD.replace("pub x: i64", "pub x: String");
        assert_eq!(classify(OLD, &retyped).unwrap()[0].class, ChangeClass::Breaking);
        let variant = OLD.replace("X, Unrecognized", "X, Y, Unrecognized");
        assert_eq!(classify(OLD, &variant).unwrap()[0].class, ChangeClass::Additive);
        let gone = OLD.replace("#[non_exhaustive]\npub enum E { X, Unrecognized(String) }\n", "");
        assert_eq!(classify(OLD, &gone).unwrap()[0].class, ChangeClass::Breaking);
        assert!(classify(OLD, OLD).unwrap().is_empty());
        assert_eq!(first_difference("a\nb\nc", "a\nB\nc"), 2);
    }
}
