//! Turns spec descriptions into rustdoc-safe Markdown: HTML (`<p>`, `<code>`, `<a href>`) becomes
//! Markdown, site-relative links become absolute, bare URLs get angle brackets, brackets that are
//! not links are escaped (so `[redacted]` is not a broken intra-doc link), code never becomes a
//! doctest, and control characters are dropped. The generated crate can then deny missing docs and
//! build its documentation without warnings.

/// Where Stripe's site-relative `/docs/...` links point.
const DOCS_ORIGIN: &str = "https://docs.stripe.com";

/// Descriptions longer than this are cut, so a hostile spec cannot bloat the output unboundedly.
const MAX_DOC_CHARS: usize = 4000;

/// Sanitises one description; the result may be empty. A long description is cut first, before
/// any processing, so a hostile multi-megabyte one costs no more than a long real one, and a cut
/// can never split what processing made (a link cut in its URL is then no link, and is escaped).
/// Every pass is a single linear scan with no recursion, so no input can make it slow or deep.
pub fn sanitize(raw: &str) -> String {
    let (bounded, cut) = match raw.char_indices().nth(MAX_DOC_CHARS) {
        Some((end, _)) => (without_open_tag(&raw[..end]), true),
        None => (raw, false),
    };
    let text: String = bounded
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
    let docs = joined.trim();
    if cut {
        // Close a code block the cut left open, after the ellipsis that marks the cut.
        match docs.strip_suffix("\n```") {
            Some(open) if in_fence => format!("{open}…\n```"),
            _ => format!("{docs}…"),
        }
    } else {
        docs.to_owned()
    }
}

/// `text` without an HTML tag the cut left open (`… <a href="/do`), which rustdoc would read as
/// an unclosed tag.
fn without_open_tag(text: &str) -> &str {
    match (text.rfind('<'), text.rfind('>')) {
        (Some(open), close) if close.is_none_or(|close| close < open) => &text[..open],
        _ => text,
    }
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

/// [`sanitize`], remembering each description's result: a spec repeats descriptions (every
/// `expand` parameter, every `metadata`), so most texts would be sanitised more than once.
#[derive(Debug, Default)]
pub struct DocsMemo(std::collections::HashMap<String, String>);

impl DocsMemo {
    /// [`sanitize`]`(raw)`, computed once per text.
    pub fn sanitize(&mut self, raw: &str) -> String {
        if let Some(docs) = self.0.get(raw) {
            return docs.clone();
        }
        let docs = sanitize(raw);
        self.0.insert(raw.to_owned(), docs.clone());
        docs
    }

    /// [`Self::sanitize`], or `fallback` when nothing is left: every generated item must have docs
    /// (the generated crate denies missing ones), and a plain statement beats an empty comment.
    pub fn sanitize_or(&mut self, raw: &str, fallback: impl FnOnce() -> String) -> String {
        let docs = self.sanitize(raw);
        if docs.is_empty() {
            fallback()
        } else {
            docs
        }
    }
}

/// The first sentence-like line of `docs`, for short summaries.
pub fn first_paragraph(docs: &str) -> &str {
    docs.split("\n\n").next().unwrap_or("").trim()
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
/// Text that only looks like a tag (`a < b`, `<https://…>`) is kept as it is.
fn html_to_markdown(text: &str) -> String {
    // Most descriptions are plain prose: nothing to rewrite.
    if !text.contains(['<', '&']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut link_target: Option<String> = None;
    let mut copied = 0; // `text[..copied]` is already in `out`
    let mut from = 0;
    while let Some(offset) = text[from..].find('<') {
        let start = from + offset;
        let Some(tag) = tag_at(text, start) else {
            from = start + 1;
            continue;
        };
        out.push_str(&text[copied..start]);
        match (tag.name.as_str(), tag.closing) {
            ("p", _) | ("br", _) | ("ul", _) | ("ol", _) => out.push_str("\n\n"),
            ("li", false) => out.push_str("\n- "),
            ("code", _) => out.push('`'),
            ("strong", _) | ("b", _) => out.push_str("**"),
            ("em", _) | ("i", _) => out.push('*'),
            ("a", false) => {
                link_target = attribute(tag.inner, "href");
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
        copied = tag.end;
        from = tag.end;
    }
    out.push_str(&text[copied..]);
    decode_entities(&out)
}

/// An HTML tag found in a description.
struct Tag<'a> {
    /// The tag name, lowercased.
    name: String,
    /// Whether it is a closing tag (`</a>`).
    closing: bool,
    /// Everything between `<` and `>`.
    inner: &'a str,
    /// The byte just after its `>`.
    end: usize,
}

/// The tag starting at byte `start` (a `<`): a name of ASCII letters and digits, then attributes
/// up to a `>` with no `<` before it. The scan stops at the next `<`, so the scans of successive
/// candidates never overlap and a text full of `<` is still read once.
fn tag_at(text: &str, start: usize) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    if i == name_start || !matches!(bytes.get(i), Some(b'>' | b'/' | b' ' | b'\n' | b'\t' | b'\r')) {
        return None;
    }
    let name = text[name_start..i].to_ascii_lowercase();
    let close = i + text[i..].find(['<', '>'])?;
    (bytes[close] == b'>').then(|| Tag {
        name,
        closing,
        inner: &text[start + 1..close],
        end: close + 1,
    })
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

/// For each position, where the next occurrence of something is at or after it (`NONE` if
/// nowhere): computed once, backwards, so each lookup is constant time.
const NONE: usize = usize::MAX;

fn next_positions(chars: &[char], hit: impl Fn(char) -> bool) -> Vec<usize> {
    let mut next = vec![NONE; chars.len() + 1];
    for i in (0..chars.len()).rev() {
        next[i] = if hit(chars[i]) { i } else { next[i + 1] };
    }
    next
}

/// The matching `]` of every `[` that has one, by a stack: brackets nest as in Markdown.
fn matching_brackets(chars: &[char]) -> Vec<usize> {
    let mut close_of = vec![NONE; chars.len()];
    let mut open = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '[' => open.push(i),
            ']' => {
                if let Some(start) = open.pop() {
                    close_of[start] = i;
                }
            }
            _ => {}
        }
    }
    close_of
}

/// A Markdown link being copied: where its text ends, where its URL ends, and whether the text
/// around it was inside backticks.
struct OpenLink {
    text_end: usize,
    url_end: usize,
    outer_in_code: bool,
}

/// Makes links rustdoc-safe in prose outside code: `[text](/docs/x)` gets an absolute URL, a bare
/// `https://…` gets angle brackets, and brackets that do not form a link are escaped. One pass
/// over precomputed positions; a link's text (which may hold further links) is copied in the same
/// pass, its pending end kept on a stack rather than by recursion.
fn links(text: &str) -> String {
    // Plain prose has no brackets, angle brackets or URLs: nothing to rewrite.
    if !text.contains(['[', ']', '<', '`']) && !text.contains("http") {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let close_of = matching_brackets(&chars);
    let next_paren = next_positions(&chars, |c| c == ')');
    let next_space = next_positions(&chars, char::is_whitespace);
    let next_gt = next_positions(&chars, |c| c == '>');
    let mut out = String::with_capacity(text.len());
    let mut open: Vec<OpenLink> = Vec::new();
    let mut in_code = false;
    let mut i = 0;
    while i < chars.len() {
        // Nothing started inside a link's text may run past the end of that text.
        let limit = open.last().map_or(chars.len(), |link| link.text_end);
        if i == limit {
            let link = open.pop().expect("a link ends only when one is open");
            let url: String = chars[link.text_end + 2..link.url_end].iter().collect();
            out.push_str("](");
            out.push_str(&absolute(url.trim()));
            out.push(')');
            in_code = link.outer_in_code;
            i = link.url_end + 1;
            continue;
        }
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
        } else if in_code {
            // Code is copied as it is.
        } else if c == '[' {
            let text_end = close_of[i];
            let url_start = text_end.saturating_add(2);
            let is_link = text_end < limit
                && chars.get(text_end + 1) == Some(&'(')
                && next_paren[url_start] > url_start // a non-empty URL…
                && next_paren[url_start] < limit // …closed within the enclosing text…
                && next_space[url_start] > next_paren[url_start]; // …with no space in it
            if is_link {
                out.push('[');
                open.push(OpenLink {
                    text_end,
                    url_end: next_paren[url_start],
                    outer_in_code: in_code,
                });
                i += 1;
                continue;
            }
            out.push_str("\\[");
            i += 1;
            continue;
        } else if c == ']' {
            out.push_str("\\]");
            i += 1;
            continue;
        } else if c == '<' && starts_with_url(&chars[i + 1..]) && next_gt[i] < limit {
            // An existing autolink is kept as it is.
            out.extend(&chars[i..=next_gt[i]]);
            i = next_gt[i] + 1;
            continue;
        } else if starts_with_url(&chars[i..]) {
            let end = next_space[i].min(limit);
            // Sentence punctuation after a URL is not part of it.
            let mut url_end = end;
            while url_end > i && matches!(chars[url_end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?') {
                url_end -= 1;
            }
            out.push('<');
            out.extend(&chars[i..url_end]);
            out.push('>');
            out.extend(&chars[url_end..end]);
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn starts_with_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("https://") || head.starts_with("http://")
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

    /// The memo gives what `sanitize` gives, a repeated text included, and a fallback only where
    /// nothing is left, each time with the caller's own fallback.
    #[test]
    fn the_memo_gives_what_sanitize_gives() {
        let mut memo = DocsMemo::default();
        for raw in [
            "See <b>this</b> [x](/docs).",
            "",
            "See <b>this</b> [x](/docs).",
            "\u{7}",
        ] {
            assert_eq!(memo.sanitize(raw), sanitize(raw));
        }
        assert_eq!(memo.sanitize_or("\u{7}", || "first".into()), "first");
        assert_eq!(memo.sanitize_or("\u{7}", || "second".into()), "second");
        assert_eq!(memo.sanitize_or("kept", || "unused".into()), "kept");
    }

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

    #[test]
    fn a_cut_never_leaves_half_a_link_or_tag() {
        // Cut after text was processed, `[Foo](htt…` was a broken link rustdoc warns about.
        let text = format!(
            "{} [Foo](https://example.com/abcdef) tail",
            "x".repeat(MAX_DOC_CHARS - 10)
        );
        let docs = sanitize(&text);
        assert!(docs.ends_with(" \\[Foo\\](htt…"), "{}", &docs[docs.len() - 20..]);
        let text = format!("{} <a href=\"/docs/x\">link</a>", "x".repeat(MAX_DOC_CHARS - 10));
        assert!(sanitize(&text).ends_with("xxx…"));
        let text = format!("```\n{}", "x".repeat(MAX_DOC_CHARS * 2));
        assert!(sanitize(&text).ends_with("x…\n```"));
    }

    #[test]
    fn links_nest_and_stray_brackets_inside_links_are_escaped() {
        assert_eq!(
            sanitize("[a [b](/docs/x) c](/docs/y)"),
            "[a [b](https://docs.stripe.com/x) c](https://docs.stripe.com/y)"
        );
        assert_eq!(sanitize("[a [b] c](https://x.y)"), "[a \\[b\\] c](https://x.y)");
        assert_eq!(sanitize("[[b](c]d)"), "\\[[b](c]d)");
        // A URL may not run past the text of the link it sits in.
        assert_eq!(sanitize("[x [b](cd](e)"), "[x \\[b\\](cd](e)");
        assert_eq!(sanitize("[a](b c)"), "\\[a\\](b c)");
        assert_eq!(sanitize("[a]()"), "\\[a\\]()");
        assert_eq!(sanitize("see (https://x.y/z)."), "see (<https://x.y/z>).");
        assert_eq!(
            sanitize("<https://x.y> and <b>bold</b>"),
            "<https://x.y> and **bold**"
        );
        assert_eq!(sanitize("a <b <i>c</i>"), "a <b *c*");
        assert_eq!(sanitize("x<br/>y"), "x\n\ny");
    }

    #[test]
    fn hostile_markup_is_read_once_and_bounded() {
        // Each of these took minutes when every `[` or `<` rescanned the rest of the text.
        let cases = [
            "[".repeat(2_000_000),
            "<".repeat(2_000_000),
            format!("{}>", "<a ".repeat(700_000)),
            format!("{}x", "[t](".repeat(500_000)),
            format!("{}x{}", "[".repeat(1_000_000), "](u)".repeat(1_000_000)),
        ];
        for case in &cases {
            let docs = sanitize(case);
            assert!(docs.chars().count() <= MAX_DOC_CHARS * 2 + 1, "{}", docs.len());
        }
        // Deeply nested links: handled without recursion.
        let nested = format!("{}x{}", "[".repeat(300), "](/docs/a)".repeat(300));
        assert!(sanitize(&nested).starts_with("[[[["));
    }
}
