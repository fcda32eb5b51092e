//! Checks decoded parameters (`form::Node`) against the spec's rules (`stripe_identity::validation`)
//! and reads them into JSON with their real types (`"true"` becomes `true`, `expand[0]` an array
//! item). Every rule comes from the generated table: nothing here knows a parameter by name. The
//! errors are Stripe's: the parameter named in bracket form (`options[document][foo]`), the code
//! where Stripe gives one (`parameter_unknown`, `parameter_missing`, `parameter_invalid_integer`,
//! `parameter_invalid_empty`) and Stripe's wording; a boolean, decimal, enum value or string length
//! Stripe refuses without a code, and so does the fake.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use stripe_identity::validation::{ParamRule, Shape};

use crate::form::Node;

/// A parameter Stripe would refuse, with the parameter named as Stripe names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// Stripe's `error.code`, when it gives one for this kind of mistake.
    pub code: Option<&'static str>,
    /// The parameter, in bracket form.
    pub param: String,
    /// Stripe's message.
    pub message: String,
}

/// Checks `given` against `rules` (a request's parameters, or an object's fields) and returns
/// them as a JSON object. The first problem in key order is reported, as Stripe reports one.
pub fn params(rules: &[ParamRule], given: &BTreeMap<String, Node>) -> Result<Map<String, Value>, Invalid> {
    fields(rules, given, None)
}

fn fields(
    rules: &[ParamRule],
    given: &BTreeMap<String, Node>,
    parent: Option<&str>,
) -> Result<Map<String, Value>, Invalid> {
    let mut out = Map::new();
    for (name, node) in given {
        let param = child_param(parent, name);
        let Some(rule) = rules.iter().find(|rule| rule.name == name) else {
            return Err(Invalid {
                code: Some("parameter_unknown"),
                message: format!("Received unknown parameter: {param}"),
                param,
            });
        };
        out.insert(name.clone(), value(rule.shape, node, &param)?);
    }
    if let Some(missing) = rules
        .iter()
        .find(|rule| rule.required && !given.contains_key(rule.name))
    {
        let param = child_param(parent, missing.name);
        return Err(Invalid {
            code: Some("parameter_missing"),
            message: format!("Missing required param: {param}."),
            param,
        });
    }
    Ok(out)
}

/// `name` at the top level, `parent[name]` inside an object.
fn child_param(parent: Option<&str>, name: &str) -> String {
    match parent {
        Some(parent) => format!("{parent}[{name}]"),
        None => name.to_owned(),
    }
}

/// The value of one parameter of shape `shape`, named `param`.
fn value(shape: &Shape, node: &Node, param: &str) -> Result<Value, Invalid> {
    let invalid = |message: String| Invalid {
        code: None,
        param: param.to_owned(),
        message,
    };
    if matches!(node, Node::Value(text) if text.is_empty()) && !accepts_empty(shape) {
        return Err(Invalid {
            code: Some("parameter_invalid_empty"),
            param: param.to_owned(),
            message: format!(
                "You passed an empty string for '{param}'. We assume empty values are an attempt to unset a parameter; however '{param}' cannot be unset. You should remove '{param}' from your request or supply a non-empty value."
            ),
        });
    }
    match (shape, node) {
        (Shape::Emptyable(_), Node::Value(text)) if text.is_empty() => Ok(Value::String(String::new())),
        (Shape::Emptyable(inner), node) => value(inner, node, param),
        (Shape::String { max_length }, Node::Value(text)) => match max_length {
            Some(max) if text.chars().count() > *max as usize => Err(invalid(format!(
                "Invalid string: {}...; must be at most {max} characters",
                text.chars().take(20).collect::<String>()
            ))),
            _ => Ok(Value::String(text.clone())),
        },
        (Shape::Enum(values), Node::Value(text)) => {
            if values.contains(&text.as_str()) {
                Ok(Value::String(text.clone()))
            } else {
                Err(invalid(format!(
                    "Invalid {param}: must be one of {}",
                    one_of(values)
                )))
            }
        }
        (Shape::Integer, Node::Value(text)) => integer(text, param),
        (Shape::Number, Node::Value(text)) => match text.parse::<f64>() {
            Ok(number) if number.is_finite() => {
                Ok(serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number))
            }
            _ => Err(invalid(format!("Invalid decimal: {text}"))),
        },
        (Shape::Boolean, Node::Value(text)) => match text.as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(invalid(format!("Invalid boolean: {text}"))),
        },
        (Shape::Array(item), Node::Children(children)) => {
            let mut indexed = Vec::with_capacity(children.len());
            for (index, child) in children {
                let Ok(at) = index.parse::<usize>() else {
                    return Err(invalid(format!("Invalid array: {param} must be a list (`{param}[0]`, `{param}[1]`, …), not `{param}[{index}]`")));
                };
                indexed.push((at, child));
            }
            indexed.sort_by_key(|(at, _)| *at);
            let items = indexed
                .into_iter()
                .map(|(at, child)| value(item, child, &format!("{param}[{at}]")))
                .collect::<Result<_, _>>()?;
            Ok(Value::Array(items))
        }
        (Shape::Map(item), Node::Children(children)) => {
            let mut out = Map::new();
            for (key, child) in children {
                // An empty value unsets its key (metadata: "Individual keys can be unset by
                // posting an empty value to them", Stripe's API reference).
                let entry = match child {
                    Node::Value(text) if text.is_empty() => Value::String(String::new()),
                    child => value(item, child, &format!("{param}[{key}]"))?,
                };
                out.insert(key.clone(), entry);
            }
            Ok(Value::Object(out))
        }
        (Shape::Object(rules), Node::Children(children)) => {
            Ok(Value::Object(fields(rules, children, Some(param))?))
        }
        (Shape::Range, Node::Value(text)) => integer(text, param),
        (Shape::Range, Node::Children(children)) => {
            let mut out = Map::new();
            for (bound, child) in children {
                let bound_param = format!("{param}[{bound}]");
                if !["gt", "gte", "lt", "lte"].contains(&bound.as_str()) {
                    return Err(Invalid {
                        code: Some("parameter_unknown"),
                        message: format!("Received unknown parameter: {bound_param}"),
                        param: bound_param,
                    });
                }
                let Node::Value(text) = child else {
                    return Err(invalid(format!(
                        "Invalid integer: {bound_param} must be a number"
                    )));
                };
                out.insert(bound.clone(), integer(text, &bound_param)?);
            }
            Ok(Value::Object(out))
        }
        (Shape::OneOf(shapes), node) => {
            let mut first_error = None;
            for shape in *shapes {
                match value(shape, node, param) {
                    Ok(value) => return Ok(value),
                    Err(error) => {
                        first_error.get_or_insert(error);
                    }
                }
            }
            Err(first_error.unwrap_or_else(|| invalid(format!("Invalid {param}"))))
        }
        (Shape::Any, node) => Ok(any(node)),
        (Shape::Array(_), Node::Value(_)) => Err(invalid(format!(
            "Invalid array: {param} must be a list (`{param}[0]=…`)"
        ))),
        (Shape::Map(_) | Shape::Object(_), Node::Value(_)) => Err(invalid(format!(
            "Invalid object: {param} must be an object (`{param}[key]=…`)"
        ))),
        (
            Shape::String { .. } | Shape::Enum(_) | Shape::Integer | Shape::Number | Shape::Boolean,
            Node::Children(_),
        ) => Err(invalid(format!(
            "Invalid {param}: a single value is expected, not an object"
        ))),
    }
}

/// Whether `""` is a value of `shape`: anything emptyable (which it clears), free-form JSON, or an
/// enum that lists it. Not a plain string: Stripe takes `""` as an attempt to unset, and refuses it
/// where the parameter cannot be unset (`parameter_invalid_empty`), which catches the classic bug
/// of an unset variable sent as `related_customer=`.
fn accepts_empty(shape: &Shape) -> bool {
    match shape {
        Shape::Emptyable(_) | Shape::Any => true,
        Shape::Enum(values) => values.contains(&""),
        Shape::OneOf(shapes) => shapes.iter().any(|shape| accepts_empty(shape)),
        _ => false,
    }
}

fn integer(text: &str, param: &str) -> Result<Value, Invalid> {
    text.parse::<i64>().map(Value::from).map_err(|_| Invalid {
        code: Some("parameter_invalid_integer"),
        param: param.to_owned(),
        message: format!("Invalid integer: {text}"),
    })
}

/// Free-form parameters, kept as strings and objects.
fn any(node: &Node) -> Value {
    match node {
        Node::Value(text) => Value::String(text.clone()),
        Node::Children(children) => Value::Object(
            children
                .iter()
                .map(|(key, child)| (key.clone(), any(child)))
                .collect(),
        ),
    }
}

/// `a, b, or c`, as Stripe lists allowed values.
fn one_of(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [first, second] => format!("{first} or {second}"),
        [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::parse;

    static TYPE: Shape = Shape::Enum(&["document", "id_number"]);
    static DOCUMENT: Shape = Shape::Object(&[ParamRule {
        name: "require_id_number",
        required: false,
        shape: &Shape::Boolean,
    }]);
    static RULES: &[ParamRule] = &[
        ParamRule {
            name: "type",
            required: false,
            shape: &TYPE,
        },
        ParamRule {
            name: "document",
            required: false,
            shape: &Shape::Emptyable(&DOCUMENT),
        },
        ParamRule {
            name: "limit",
            required: false,
            shape: &Shape::Integer,
        },
        ParamRule {
            name: "expand",
            required: false,
            shape: &Shape::Array(&Shape::String { max_length: Some(5) }),
        },
        ParamRule {
            name: "created",
            required: false,
            shape: &Shape::Range,
        },
    ];
    static REQUIRED: &[ParamRule] = &[ParamRule {
        name: "account",
        required: true,
        shape: &Shape::String { max_length: None },
    }];

    fn check(form: &str) -> Result<Value, Invalid> {
        params(RULES, &parse(form.as_bytes()).unwrap()).map(Value::Object)
    }

    fn refused(form: &str) -> (Option<&'static str>, String) {
        let error = check(form).unwrap_err();
        (error.code, error.param)
    }

    #[test]
    fn reads_typed_values() {
        let checked = check(
            "type=document&document[require_id_number]=true&limit=3&expand[1]=b&expand[0]=a&created[gte]=5",
        )
        .unwrap();
        assert_eq!(
            checked,
            serde_json::json!({"type": "document", "document": {"require_id_number": true}, "limit": 3,
                "expand": ["a", "b"], "created": {"gte": 5}})
        );
        assert_eq!(
            check("document=&created=7").unwrap(),
            serde_json::json!({"document": "", "created": 7})
        );
    }

    #[test]
    fn names_the_parameter_in_bracket_form() {
        assert_eq!(
            refused("document[foo]=1"),
            (Some("parameter_unknown"), "document[foo]".into())
        );
        assert_eq!(refused("nope=1"), (Some("parameter_unknown"), "nope".into()));
        assert_eq!(
            refused("limit=ten"),
            (Some("parameter_invalid_integer"), "limit".into())
        );
        assert_eq!(
            refused("created[gte]=x"),
            (Some("parameter_invalid_integer"), "created[gte]".into())
        );
        assert_eq!(
            refused("created[around]=1"),
            (Some("parameter_unknown"), "created[around]".into())
        );
        assert_eq!(refused("type="), (Some("parameter_invalid_empty"), "type".into()));
        // A plain string cannot be emptied either.
        assert_eq!(
            refused("expand[0]="),
            (Some("parameter_invalid_empty"), "expand[0]".into())
        );
        assert_eq!(refused("type=passport"), (None, "type".into()));
        assert_eq!(
            refused("document[require_id_number]=yes"),
            (None, "document[require_id_number]".into())
        );
        assert_eq!(refused("expand[0]=toolong"), (None, "expand[0]".into()));
        assert_eq!(refused("expand=a"), (None, "expand".into()));
        assert_eq!(refused("limit[a]=1"), (None, "limit".into()));
        let missing = params(REQUIRED, &BTreeMap::new()).unwrap_err();
        assert_eq!(
            (missing.code, missing.param.as_str()),
            (Some("parameter_missing"), "account")
        );
        assert_eq!(
            check("type=passport").unwrap_err().message,
            "Invalid type: must be one of document or id_number"
        );
        static WITH_EMPTY: &[ParamRule] = &[ParamRule {
            name: "tax_exempt",
            required: false,
            shape: &Shape::Enum(&["", "exempt"]),
        }];
        let empty =
            params(WITH_EMPTY, &parse(b"tax_exempt=").unwrap()).expect("an enum may list the empty string");
        assert_eq!(empty["tax_exempt"], "");
    }
}
