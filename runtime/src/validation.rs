//! The types of a generated crate's validation table (`validation.rs`): for every operation of
//! the spec, its method, path template and each parameter's rules (where it goes, its shape,
//! enum values, `maxLength`, whether it is required or may be sent empty), what `expand` may
//! name, and which response fields only an `expand` brings. The generator emits the table from its IR; a server that implements the API (the fake
//! in `stripe-identity-fake`) checks requests against it, so a spec update changes what it
//! accepts with no hand-written rule. Plain `'static` data: no dependency, nothing to run.

/// The rules of one operation.
#[derive(Debug)]
pub struct OperationRules {
    /// The request builder's name (`CreateVerificationSession`).
    pub name: &'static str,
    /// The HTTP method, upper-case (`GET`, `POST`, `DELETE`).
    pub method: &'static str,
    /// The path template as the spec writes it (`/v1/identity/verification_sessions/{session}`).
    pub path: &'static str,
    /// The path's parameters, in path order.
    pub path_params: &'static [ParamRule],
    /// The query-string parameters, by name.
    pub query: &'static [ParamRule],
    /// The form-body parameters, by name.
    pub form: &'static [ParamRule],
    /// The response fields `expand` may name, as dotted paths, sorted.
    pub expandable: &'static [&'static str],
    /// The response fields present only when `expand` names them (`verified_outputs`), sorted.
    pub includable: &'static [&'static str],
}

impl OperationRules {
    /// The parameters of the request's own parameter list: the form body of a `POST`, and of a
    /// `DELETE` whose spec gives it one; the query string otherwise. Where Stripe reads them.
    pub fn params(&self) -> &'static [ParamRule] {
        if self.method == "POST" || (self.method == "DELETE" && !self.form.is_empty()) {
            self.form
        } else {
            self.query
        }
    }

    /// Whether `path` (no query string) matches the template, and with which path parameter
    /// values (still percent-encoded, as sent). A parameter may stand inside a segment
    /// (`{file}.json`); its value is never empty.
    pub fn match_path<'p>(&self, path: &'p str) -> Option<Vec<&'p str>> {
        let mut template = self.path.split('/');
        let mut actual = path.split('/');
        let mut values = Vec::new();
        loop {
            match (template.next(), actual.next()) {
                (None, None) => return Some(values),
                (Some(expected), Some(segment)) => match parameter_in(expected) {
                    Some((before, after)) => {
                        let value = segment.strip_prefix(before)?.strip_suffix(after)?;
                        if value.is_empty() {
                            return None;
                        }
                        values.push(value);
                    }
                    None if expected == segment => {}
                    None => return None,
                },
                _ => return None,
            }
        }
    }
}

/// The literal text before and after the `{parameter}` in a template segment, if it has one.
fn parameter_in(segment: &str) -> Option<(&str, &str)> {
    let open = segment.find('{')?;
    let close = open + segment[open..].find('}')?;
    Some((&segment[..open], &segment[close + 1..]))
}

/// One parameter, or one field of an object parameter.
#[derive(Debug)]
pub struct ParamRule {
    /// Its name on the wire.
    pub name: &'static str,
    /// Whether a request must send it.
    pub required: bool,
    /// What its value may be.
    pub shape: &'static Shape,
}

/// What a parameter's value may be.
#[derive(Debug)]
pub enum Shape {
    /// Any string, at most `max_length` characters when the spec says.
    String {
        /// The spec's `maxLength`.
        max_length: Option<u32>,
    },
    /// One of these strings (the spec's `enum`).
    Enum(&'static [&'static str]),
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list (`name[0]=…`), each item of this shape.
    Array(&'static Shape),
    /// String keys to values of this shape (`metadata[key]=…`).
    Map(&'static Shape),
    /// Known fields (`options[document][…]=…`); no other is accepted.
    Object(&'static [ParamRule]),
    /// This shape, or the empty string that clears it.
    Emptyable(&'static Shape),
    /// A list filter: an integer, or an object of `gt`, `gte`, `lt`, `lte` integers.
    Range,
    /// Any of these shapes.
    OneOf(&'static [&'static Shape]),
    /// Anything (free-form JSON in the spec).
    Any,
}

#[cfg(test)]
mod tests {
    use super::*;

    static SESSION: Shape = Shape::String {
        max_length: Some(5000),
    };
    static RETRIEVE: OperationRules = OperationRules {
        name: "RetrieveThing",
        method: "GET",
        path: "/v1/things/{thing}",
        path_params: &[ParamRule {
            name: "thing",
            required: true,
            shape: &SESSION,
        }],
        query: &[],
        form: &[],
        expandable: &[],
        includable: &[],
    };

    #[test]
    fn paths_match_their_template_segment_by_segment() {
        assert_eq!(RETRIEVE.match_path("/v1/things/th_1"), Some(vec!["th_1"]));
        assert_eq!(RETRIEVE.match_path("/v1/things/"), None, "an empty ID is no ID");
        assert_eq!(RETRIEVE.match_path("/v1/things"), None);
        assert_eq!(RETRIEVE.match_path("/v1/things/th_1/cancel"), None);
        assert_eq!(RETRIEVE.match_path("/v1/thing/th_1"), None);
        let inside = OperationRules {
            path: "/v1/files/{file}.json",
            ..RETRIEVE
        };
        assert_eq!(inside.match_path("/v1/files/f_1.json"), Some(vec!["f_1"]));
        assert_eq!(inside.match_path("/v1/files/.json"), None);
        assert_eq!(inside.match_path("/v1/files/f_1.xml"), None);
    }

    #[test]
    fn a_delete_with_a_form_body_reads_it() {
        static FORM: &[ParamRule] = &[ParamRule {
            name: "invoice_now",
            required: false,
            shape: &Shape::Boolean,
        }];
        let delete = OperationRules {
            method: "DELETE",
            form: FORM,
            ..RETRIEVE
        };
        assert_eq!(delete.params().len(), 1);
        assert!(OperationRules {
            method: "DELETE",
            ..RETRIEVE
        }
        .params()
        .is_empty());
    }
}
