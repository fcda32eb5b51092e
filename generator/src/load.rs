//! Reads a spec file into `openapiv3` types. Problems come back located: YAML syntax and shape
//! errors carry the parser's line:column and the JSON pointer of the node being read, and documents
//! that are not OpenAPI 3.0 are refused up front with what is supported instead.

use openapiv3::OpenAPI;
use serde::Deserialize as _;
use serde_path_to_error::Segment;

use crate::diagnostic::{pointer_segment, Collector, Diagnostics};

/// A spec, parsed.
#[derive(Debug)]
pub struct LoadedSpec<T> {
    /// The document.
    pub openapi: OpenAPI,
    /// What the caller's survey of the plain YAML found.
    pub survey: T,
}

/// Parses `text`, reporting problems against `file`.
///
/// The text is parsed once, into a YAML value whose version is checked. `survey` answers the
/// questions that are about the whole document rather than its types (which components only
/// error responses reach, which event names it lists) from that value, which is then read into
/// `openapiv3` types and dropped. (Read by reference: reading it by value, moving its strings,
/// measured slower.) Only when that fails is the text read again, by the streaming deserializer,
/// because only it knows the line and column of the node that failed.
///
/// Reading the text straight into `openapiv3` types would be a little faster, but that path can
/// panic inside `openapiv3` (its `ReferenceOr` re-reads a node it failed to buffer and asserts the
/// second read fails too, which the streaming deserializer does not promise); from a value it
/// cannot, and nothing may panic on input.
pub fn parse<T>(
    file: &str,
    text: &str,
    survey: impl FnOnce(&serde_yaml::Value) -> T,
) -> Result<LoadedSpec<T>, Diagnostics> {
    let mut problems = Collector::new(file);
    let value = check_version(text, &mut problems);
    let Some(value) = value.filter(|_| !problems.has_errors()) else {
        return Err(problems.into_diagnostics());
    };
    let survey = survey(&value);
    // The common case pays for nothing but the read; tracking the path costs time, so it is
    // only done again when the read fails.
    if let Ok(openapi) = OpenAPI::deserialize(&value) {
        return Ok(LoadedSpec { openapi, survey });
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, OpenAPI>(deserializer) {
        Ok(openapi) => Ok(LoadedSpec { openapi, survey }),
        Err(error) => {
            let pointer = path_pointer(error.path());
            let inner = error.inner();
            let location = inner.location().map(|l| (l.line(), l.column()));
            problems.error_at(&pointer, location, describe_shape_error(&inner.to_string()));
            Err(problems.into_diagnostics())
        }
    }
}

/// Parses the text and refuses input that is not a mapping with `openapi: 3.0.x`, before the
/// strict read would give a vaguer message. Returns the parsed document.
fn check_version(text: &str, problems: &mut Collector) -> Option<serde_yaml::Value> {
    if text.trim().is_empty() {
        problems.error(
            "#",
            "the file is empty; expected an OpenAPI 3.0 document in YAML or JSON",
        );
        return None;
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let location = error.location().map(|l| (l.line(), l.column()));
            problems.error_at(
                "#",
                location,
                format!("not valid YAML: {}", strip_location(&error.to_string())),
            );
            return None;
        }
    };
    let Some(map) = value.as_mapping() else {
        problems.error(
            "#",
            "the document is not a mapping; expected an OpenAPI 3.0 document",
        );
        return None;
    };
    if map.contains_key("swagger") {
        problems.error(
            "#/swagger",
            "Swagger 2.0 is not supported; convert the spec to OpenAPI 3.0",
        );
        return None;
    }
    match map.get("openapi") {
        None => problems.error("#", "missing `openapi` version field; expected `openapi: 3.0.x`"),
        Some(serde_yaml::Value::String(version)) if version.starts_with("3.0") => {}
        Some(serde_yaml::Value::String(version)) => problems.error(
            "#/openapi",
            format!("OpenAPI {version} is not supported; only OpenAPI 3.0.x documents are (3.1 changes how `nullable` and types are written)"),
        ),
        Some(_) => problems.error("#/openapi", "`openapi` must be a version string such as \"3.0.0\""),
    }
    Some(value)
}

/// Turns serde's path into a JSON pointer, escaping each segment.
fn path_pointer(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&pointer_segment(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// serde_yaml appends "at line L column C"; the location is reported separately.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

/// Rewords the untagged-enum message `openapiv3` produces for a malformed schema or reference.
fn describe_shape_error(message: &str) -> String {
    let message = strip_location(message);
    if message.contains("did not match any variant of untagged enum") {
        format!("{message}: the node has the wrong shape (for example a schema with a misspelled or mistyped keyword, or a `$ref` that is not a string)")
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> String {
        parse("s.yaml", text, |_| ()).map(|_| ()).unwrap_err().to_string()
    }

    #[test]
    fn non_openapi_input_is_refused_clearly() {
        assert!(errors("").contains("the file is empty"));
        assert!(errors("- a\n- b\n").contains("not a mapping"));
        assert!(errors("swagger: '2.0'\n").contains("Swagger 2.0 is not supported"));
        assert!(errors("openapi: 3.1.0\n").contains("OpenAPI 3.1.0 is not supported"));
        assert!(errors("info: {}\n").contains("missing `openapi`"));
        assert!(errors("a: [\n").contains("s.yaml:2:1: error at #: not valid YAML"));
    }

    #[test]
    fn shape_errors_carry_pointer_and_line() {
        let text =
            "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let message = errors(text);
        // `openapiv3` reads path items through an untagged enum, which buffers them: the location
        // is the path item's and the pointer stops at `paths`, but the message names the problem.
        assert!(message.contains("s.yaml:4:3: error at #/paths"), "{message}");
        assert!(message.contains("expected struct Responses"), "{message}");
    }

    #[test]
    fn a_minimal_document_loads() {
        let spec = parse(
            "s.yaml",
            "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\n",
            |_| (),
        )
        .unwrap();
        assert_eq!(spec.openapi.info.version, "v");
    }

    /// The one parse reads a plain `3.0` as the string "3.0"; the version must still be written
    /// as a string, and a quoted "3.0" is one.
    #[test]
    fn the_version_is_a_string_even_when_it_looks_like_a_number() {
        let rest = "info: {title: t, version: v}\npaths: {}\n";
        let message = errors(&format!("openapi: 3.0\n{rest}"));
        assert!(message.contains("must be a version string"), "{message}");
        assert!(parse("s.yaml", &format!("openapi: '3.0'\n{rest}"), |_| ()).is_ok());
    }
}
