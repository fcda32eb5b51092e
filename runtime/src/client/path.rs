//! The last check on a path before it is sent: every segment after the leading `/` must name
//! something. An empty segment, `.` or `..` (in any escaping: URL parsers and servers decode
//! `%2E` before they normalise) would be dropped or would climb to the parent, so an empty or
//! `..` ID would turn a call on one object into a call on another. Checking the encoded path here
//! covers every [`StripeRequest`](crate::StripeRequest), generated or not, in one place.

use super::Error;

/// `Ok` when `path` is absolute, has no query or fragment, and no segment that is empty or a dot
/// segment once percent-decoded.
pub(crate) fn check_path(path: &str) -> Result<(), Error> {
    let refuse = |why: &str| {
        Err(Error::Config(format!(
            "refusing to send to the path {path:?}: {why}"
        )))
    };
    let Some(rest) = path.strip_prefix('/') else {
        return refuse("it does not start with `/`");
    };
    if rest.contains(['?', '#']) {
        return refuse("a path holds no `?` or `#`; parameters go in the query");
    }
    for segment in rest.split('/') {
        match percent_decode(segment).as_slice() {
            b"" => return refuse("an empty segment (an empty ID?)"),
            b"." | b".." => return refuse("a `.` or `..` segment would move the request elsewhere"),
            _ => {}
        }
    }
    Ok(())
}

/// Decodes `%XX` escapes; anything else, a malformed escape included, stays as it is.
fn percent_decode(segment: &str) -> Vec<u8> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_empty_segments_are_refused_in_any_escaping() {
        for path in [
            "",
            "v1/x",
            "/",
            "/v1/x/",
            "/v1//x",
            "/v1/./x",
            "/v1/x/..",
            "/v1/x/%2e",
            "/v1/x/%2E%2e",
            "/v1/x/.%2E",
            "/v1/x/%2e./y",
            "/v1/x?y=1",
            "/v1/x#y",
        ] {
            assert!(check_path(path).is_err(), "{path:?}");
        }
    }

    #[test]
    fn ordinary_paths_pass() {
        for path in [
            "/v1/identity/verification_sessions",
            "/v1/identity/verification_sessions/vs_1/cancel",
            "/v1/x/vs_1%2F..%2Fx",
            "/v1/x/...",
            "/v1/x/%252E%252E",
            "/v1/x/%2",
            "/v1/x/%+E%+E",
            "/v1/x/a.b",
            "/v1/x/+",
        ] {
            assert!(check_path(path).is_ok(), "{path:?}");
        }
    }
}
