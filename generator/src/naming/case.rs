//! UpperCamelCase and snake_case, as `heck` makes them, for ASCII text. Every type, variant and
//! field name goes through one of these (twice per property: its field and the type it may
//! define), and `heck` writes each character through `fmt` (`char::to_lowercase`'s `Display`),
//! which made case conversion the largest part of naming; the names `naming` converts are ASCII
//! (`words` leaves letters, digits and spaces), so here they are converted byte by byte. Anything
//! else is handed to `heck`, so the result is `heck`'s for every input (the tests compare).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `text` in UpperCamelCase: `heck::ToUpperCamelCase`.
pub(super) fn upper_camel(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_upper_camel_case();
    }
    let mut out = String::with_capacity(text.len());
    split_words(text, |word| {
        let (first, rest) = word.split_at(1);
        out.push_str(&first.to_ascii_uppercase());
        out.push_str(&rest.to_ascii_lowercase());
    });
    out
}

/// `text` in snake_case: `heck::ToSnakeCase`.
pub(super) fn snake(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_snake_case();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut first = true;
    split_words(text, |word| {
        if !first {
            out.push('_');
        }
        first = false;
        out.push_str(&word.to_ascii_lowercase());
    });
    out
}

/// What the last character seen says about the word so far (`heck`'s `WordMode`).
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Boundary,
    Lowercase,
    Uppercase,
}

/// Calls `word` with each word of ASCII `text`, split as `heck::transform` splits: at every
/// character that is not a letter or digit, between a lowercase letter and an uppercase one
/// (`fooBar`), and before the last capital of a run followed by a lowercase letter
/// (`HTTPServer` -> `HTTP`, `Server`). Never calls it with an empty word.
fn split_words(text: &str, mut word: impl FnMut(&str)) {
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lowercase
            } else if c.is_ascii_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Uppercase && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[start..i]);
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to five characters over letters of both cases, a digit and separators,
    /// and some longer names: the same as `heck`'s.
    #[test]
    fn converts_as_heck_does() {
        let alphabet = ['a', 'b', 'A', 'B', '1', ' ', '-'];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        texts.extend(
            [
                "HTTPServer",
                "identity.verification_session",
                "x-stripeResource",
                "ABCdefGHi2jK",
                "über Straße",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(upper_camel(text), text.to_upper_camel_case(), "{text:?}");
            assert_eq!(snake(text), text.to_snake_case(), "{text:?}");
        }
    }
}
