//! Turns spec descriptions into rustdoc-safe Markdown: HTML (`<p>`, `<code>`, `<a href>`) becomes
//! Markdown, site-relative links become absolute, bare URLs get angle brackets, brackets that are
//! not links are escaped (so `[redacted]` is not a broken intra-doc link), code never becomes a
//! doctest, and control characters are dropped. The generated crate can then deny missing docs and
//! build its documentation without warnings.

/// Where Stripe's site-relative `/docs/...` links point.
const DOCS_ORIGIN: &str = "https://docs.stripe.com";

/// Descriptions longer than this are cut, so a hostile spec cannot bloat the output unboundedly.
const MAX_DOC_CHARS: usize = 4000;

/// Sanitises one description; the result may be empty.
pub fn sanitize(raw: &str) -> String {
    let text: String = raw
        .chars()
        .filter(|c| (!c.is_control() || *c == '\n' || *c == '\t') && !is_bidi_control(*c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let text = html_to_markdown(&text);
    let mut out = Vec::new();
    let mut prose: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush_prose(&mut prose, &mut out);
            // Every fence opens as `text`, so rustdoc never compiles it as a doctest.
            out.push(if in_fence {
                "```".to_owned()
            } else {
                "```text".to_owned()
            });
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.trim_end().to_owned());
        } else {
            // Leading spaces would make an indented code block, which rustdoc runs as a doctest.
            prose.push(trimmed);
        }
    }
    flush_prose(&mut prose, &mut out);
    if in_fence {
        out.push("```".to_owned());
    }
    let joined = collapse_blank_lines(&out);
    truncate(joined.trim())
}

/// Rewrites links across a run of prose lines at once, since a link's text may wrap.
fn flush_prose(prose: &mut Vec<&str>, out: &mut Vec<String>) {
    if prose.is_empty() {
        return;
    }
    let block = links(&prose.join("\n"));
    out.extend(block.lines().map(str::to_owned));
    prose.clear();
}

/// Characters that change the visible direction of text; rustc rejects them in comments
/// (`text_direction_codepoint_in_comment`), since they can make code read differently than it runs.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` on one line with invisible characters made visible: control and direction-changing
/// characters become `\u{…}` escapes, so a wire value or version string quoted in a comment can
/// neither end the comment's line nor reorder how the code reads.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// [`sanitize`], or `fallback` when nothing is left: every generated item must have docs (the
/// generated crate denies missing ones), and a plain statement beats an empty comment.
pub fn sanitize_or(raw: &str, fallback: impl FnOnce() -> String) -> String {
    let docs = sanitize(raw);
    if docs.is_empty() {
        fallback()
    } else {
        docs
    }
}

/// The first sentence-like line of `docs`, for short summaries.
pub fn first_paragraph(docs: &str) -> &str {
    docs.split("\n\n").next().unwrap_or("").trim()
}

fn truncate(text: &str) -> String {
    if text.chars().count() <= MAX_DOC_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX_DOC_CHARS).collect();
    let fences = cut.matches("```").count();
    let close = if fences % 2 == 1 { "\n```" } else { "" };
    format!("{cut}…{close}")
}

fn collapse_blank_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in lines {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Rewrites the few HTML tags Stripe's descriptions use; drops any other tag but keeps its text.
fn html_to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut link_target: Option<String> = None;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = &after[1..end];
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        let is_tag = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !is_tag {
            // Not a tag (`a < b`, `<https://…>`): keep the text.
            out.push('<');
            rest = &after[1..];
            continue;
        }
        match (name.as_str(), closing) {
            ("p", false) | ("br", _) | ("ul", _) | ("ol", _) => out.push_str("\n\n"),
            ("p", true) => out.push_str("\n\n"),
            ("li", false) => out.push_str("\n- "),
            ("code", _) => out.push('`'),
            ("strong", _) | ("b", _) => out.push_str("**"),
            ("em", _) | ("i", _) => out.push('*'),
            ("a", false) => {
                link_target = attribute(tag, "href");
                out.push('[');
            }
            ("a", true) => match link_target.take() {
                Some(href) => {
                    out.push_str("](");
                    out.push_str(&href);
                    out.push(')');
                }
                None => out.push(']'),
            },
            _ => {}
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_owned())
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Makes links rustdoc-safe on one line outside code: `[text](/docs/x)` gets an absolute URL, a
/// bare `https://…` gets angle brackets, and brackets that do not form a link are escaped.
fn links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        if c == '[' {
            if let Some((text_end, url_end)) = markdown_link(&chars, i) {
                let text: String = chars[i + 1..text_end].iter().collect();
                let url: String = chars[text_end + 2..url_end].iter().collect();
                out.push('[');
                out.push_str(&links(&text));
                out.push_str("](");
                out.push_str(&absolute(url.trim()));
                out.push(')');
                i = url_end + 1;
                continue;
            }
            out.push_str("\\[");
            i += 1;
            continue;
        }
        if c == ']' {
            out.push_str("\\]");
            i += 1;
            continue;
        }
        if c == '<' {
            // Keep an existing autolink as it is.
            if let Some(len) = chars[i..].iter().position(|&c| c == '>') {
                let inner: String = chars[i + 1..i + len].iter().collect();
                if inner.starts_with("http://") || inner.starts_with("https://") {
                    out.push_str(&format!("<{inner}>"));
                    i += len + 1;
                    continue;
                }
            }
        }
        let rest: String = chars[i..].iter().take(8).collect();
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let len = chars[i..]
                .iter()
                .position(|c| c.is_whitespace())
                .unwrap_or(chars.len() - i);
            let mut url: String = chars[i..i + len].iter().collect();
            // Sentence punctuation after a URL is not part of it.
            let mut trailing = String::new();
            while url.ends_with(['.', ',', ';', ':', ')', '!', '?']) {
                trailing.insert(0, url.pop().unwrap_or('.'));
            }
            out.push_str(&format!("<{url}>{trailing}"));
            i += len;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// If a Markdown link `[text](url)` starts at `open`, the indices of its `]` and its `)`.
fn markdown_link(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut text_end = None;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    text_end = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let text_end = text_end?;
    if chars.get(text_end + 1) != Some(&'(') {
        return None;
    }
    let url_len = chars[text_end + 2..].iter().position(|&c| c == ')')?;
    let url_end = text_end + 2 + url_len;
    let url: String = chars[text_end + 2..url_end].iter().collect();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((text_end, url_end))
}

fn absolute(url: &str) -> String {
    if let Some(path) = url.strip_prefix("/docs/") {
        format!("{DOCS_ORIGIN}/{path}")
    } else if url.starts_with('/') {
        format!("{DOCS_ORIGIN}{url}")
    } else {
        url.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown() {
        let raw = "<p>Creates a <code>session</code>.</p>\n\n<p>See <a href=\"/docs/identity/x\">the guide</a>.</p>";
        assert_eq!(
            sanitize(raw),
            "Creates a `session`.\n\nSee [the guide](https://docs.stripe.com/identity/x)."
        );
    }

    #[test]
    fn stray_brackets_are_escaped_and_links_kept() {
        assert_eq!(sanitize("Replaced by [redacted]."), "Replaced by \\[redacted\\].");
        assert_eq!(
            sanitize("[a](https://x.y/z) and `[b]`"),
            "[a](https://x.y/z) and `[b]`"
        );
        assert_eq!(
            sanitize("[multiple\nstatuses](/docs/a)"),
            "[multiple\nstatuses](https://docs.stripe.com/a)"
        );
    }

    #[test]
    fn bare_urls_get_angle_brackets() {
        assert_eq!(
            sanitize("See https://docs.stripe.com/x."),
            "See <https://docs.stripe.com/x>."
        );
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        assert_eq!(sanitize("a\n```\nfn x() {}\n```"), "a\n```text\nfn x() {}\n```");
        assert_eq!(sanitize("a\n    indented"), "a\nindented");
        assert_eq!(sanitize("```rust\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn control_characters_and_comment_terminators_are_harmless() {
        assert_eq!(sanitize("a\u{0}b\u{7}c */ d"), "abc */ d");
        assert_eq!(sanitize("x\u{202E}y\u{2066}z"), "xyz");
        assert_eq!(sanitize("  \n\n "), "");
    }

    #[test]
    fn visible_escapes_invisible_characters() {
        assert_eq!(visible("a\nb\u{202E}c"), "a\\u{a}b\\u{202e}c");
    }

    #[test]
    fn huge_descriptions_are_cut() {
        let long = "x".repeat(MAX_DOC_CHARS * 2);
        assert_eq!(sanitize(&long).chars().count(), MAX_DOC_CHARS + 1);
    }
}
