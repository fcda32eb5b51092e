//! One request to Stripe's API namespace, in Stripe's order: recorded, then an injected failure
//! if one is queued, the API key, the route (the spec's method and path template), the
//! parameters (the spec's rules, `expand` against the paths the spec allows), the idempotency
//! key (replay or conflict), and the operation. Each answer carries a `Request-Id`.

use std::collections::BTreeMap;

use hyper::HeaderMap;
use serde_json::{Map, Value};
use stripe_identity::validation::{OperationRules, OPERATIONS};

use crate::endpoints::Cause;
use crate::error::StripeError;
use crate::form::{self, Node};
use crate::operations::{self, Call};
use crate::reply::{Reply, Response};
use crate::shared::Shared;
use crate::state::{ReceivedRequest, Saved};
use crate::stripe_rules;
use crate::validate;
use crate::webhooks;

/// What arrived.
pub struct Incoming<'a> {
    /// The method, upper-case.
    pub method: &'a str,
    /// The path, without the query.
    pub path: &'a str,
    /// The query string, without `?`.
    pub query: &'a str,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

/// Answers `request`; returns the reply (or that the connection is to be dropped) and the
/// deliveries to start.
pub fn handle(shared: &Shared, request: &Incoming<'_>) -> (Response, Vec<usize>) {
    // Read before taking the lock: a large form takes a while, and other requests must not wait.
    let decoded = decode_all(request);
    let header = |name: &str| request.headers.get(name).and_then(|value| value.to_str().ok());
    let stripe_version = header("stripe-version").map(str::to_owned);
    let mut state = shared.lock();
    let request_id = state.ids.request();
    state.record(ReceivedRequest {
        request_id: request_id.clone(),
        method: request.method.to_owned(),
        path: request.path.to_owned(),
        params: decoded.as_ref().map_or(Value::Null, tree_json),
        headers: request
            .headers
            .iter()
            .filter(|(name, _)| *name != "authorization")
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        stripe_version: stripe_version.clone(),
    });
    let reply = |result: Result<Value, StripeError>| {
        let mut reply = Reply::from_result(result);
        reply.header("request-id", request_id.clone());
        reply.header(
            "stripe-version",
            stripe_version
                .clone()
                .unwrap_or_else(|| stripe_identity::API_VERSION.to_owned()),
        );
        reply
    };
    if let Some(fault) = state.take_fault() {
        if fault.drop {
            return (Response::Drop, Vec::new());
        }
        return (
            Response::Reply(reply(Err(StripeError::injected(fault.status, fault.retry_after)))),
            Vec::new(),
        );
    }
    let api_key = match api_key(header("authorization")) {
        Ok(key) => key,
        Err(error) => return (Response::Reply(reply(Err(error))), Vec::new()),
    };
    // Restricted keys (`rk_test_…`) read the sensitive verification results; secret keys do not.
    let restricted_key = api_key.starts_with("rk_");
    let idempotency_header = (request.method == "POST")
        .then(|| header("idempotency-key"))
        .flatten();
    let headers_checked = stripe_version
        .as_deref()
        .map_or(Ok(()), stripe_rules::api_version)
        .and_then(|()| idempotency_header.map_or(Ok(()), stripe_rules::idempotency_key));
    if let Err(error) = headers_checked {
        return (Response::Reply(reply(Err(error))), Vec::new());
    }
    let Some((rules, path_values)) = route(request.method, request.path) else {
        let error = StripeError::unrecognized_url(request.method, request.path);
        return (Response::Reply(reply(Err(error))), Vec::new());
    };
    let checked = decoded
        .map_err(form_error)
        .and_then(|tree| check(rules, &tree, &path_values, restricted_key));
    let (params, path_params) = match checked {
        Ok(checked) => checked,
        Err(error) => return (Response::Reply(reply(Err(error))), Vec::new()),
    };
    let account = header("stripe-account").map(str::to_owned);
    let idempotency_key = idempotency_header.map(str::to_owned);
    // What identifies the request for its idempotency key: only needed when it has one.
    let fingerprint = idempotency_key.as_ref().map(|_| {
        let params = serde_json::to_string(&params).unwrap_or_default();
        format!("{} {} {params}", request.method, request.path)
    });
    let now = shared.clock.now();
    // Keys belong to an API key and the account it acts for, and expire after a day.
    let scope = (api_key, account.clone());
    if let Some(key) = &idempotency_key {
        if let Some(saved) = state.saved_response(&scope, key, now) {
            if Some(&saved.fingerprint) != fingerprint.as_ref() {
                return (
                    Response::Reply(reply(Err(StripeError::idempotency_mismatch(key)))),
                    Vec::new(),
                );
            }
            let mut replayed = Reply::raw(saved.status, saved.body.clone());
            replayed.header("request-id", request_id.clone());
            replayed.header("original-request", saved.request_id.clone());
            replayed.header("idempotent-replayed", "true".to_owned());
            replayed.header("idempotency-key", key.clone());
            replayed.header(
                "stripe-version",
                stripe_version
                    .clone()
                    .unwrap_or_else(|| stripe_identity::API_VERSION.to_owned()),
            );
            return (Response::Reply(replayed), Vec::new());
        }
    }
    let call = Call {
        operation: (rules.method, rules.path),
        account: &account,
        path_params: &path_params,
        params: &params,
        path: request.path,
        now,
        includable: rules.includable,
        restricted_key,
    };
    let (result, steps) = match operations::run(&mut state, &call) {
        Ok(answer) => (Ok(answer.body), answer.steps),
        Err(error) => (Err(error), Vec::new()),
    };
    let cause = Cause {
        request_id: Some(request_id.clone()),
        idempotency_key: idempotency_key.clone(),
        account,
    };
    let deliveries = webhooks::record(&mut state, steps, &cause, now);
    let mut reply = reply(result);
    if let Some(key) = idempotency_key {
        reply.header("idempotency-key", key.clone());
        // Saved once the operation ran, success or not, as Stripe saves it.
        let saved = Saved {
            fingerprint: fingerprint.unwrap_or_default(),
            status: reply.status,
            body: reply.body.clone(),
            request_id,
            saved_at: now,
        };
        state.save_response(scope, key, saved);
    }
    (Response::Reply(reply), deliveries)
}

/// The test-mode key of `Authorization: Bearer …`, or of `Basic` with the key as the user
/// (`curl -u sk_test_…:`), both of which Stripe takes.
fn api_key(authorization: Option<&str>) -> Result<String, StripeError> {
    let Some(value) = authorization else {
        return Err(StripeError::no_api_key());
    };
    let basic = value.strip_prefix("Basic ").map(|encoded| {
        use base64::Engine as _;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&decoded).into_owned();
        text.split_once(':')
            .map_or(text.clone(), |(user, _)| user.to_owned())
    });
    let Some(key) = value
        .strip_prefix("Bearer ")
        .map(|key| key.trim().to_owned())
        .or(basic)
    else {
        return Err(StripeError::no_api_key());
    };
    let key = key.as_str();
    if key.is_empty() {
        return Err(StripeError::no_api_key());
    }
    if key.starts_with("sk_live_") || key.starts_with("rk_live_") {
        return Err(StripeError::live_api_key(key));
    }
    let test_key = ["sk_test_", "rk_test_"].iter().any(|prefix| {
        key.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
    });
    if test_key {
        Ok(key.to_owned())
    } else {
        Err(StripeError::invalid_api_key(key))
    }
}

/// The operation of the spec with this method and path, and the path's parameter values.
fn route<'p>(method: &str, path: &'p str) -> Option<(&'static OperationRules, Vec<&'p str>)> {
    OPERATIONS
        .iter()
        .filter(|rules| rules.method == method)
        .find_map(|rules| rules.match_path(path).map(|values| (rules, values)))
}

/// The query string and (but for a GET) the form body, read into one tree: Stripe reads both.
fn decode_all(request: &Incoming<'_>) -> Result<BTreeMap<String, Node>, form::FormError> {
    let mut tree = form::parse(request.query.as_bytes())?;
    if request.method != "GET" {
        tree.extend(form::parse(request.body)?);
    }
    Ok(tree)
}

fn form_error(error: form::FormError) -> StripeError {
    let message = match error {
        form::FormError::NotUtf8 => {
            "Invalid request: the parameters are not valid UTF-8 once percent-decoded.".to_owned()
        }
        form::FormError::MalformedKey(key) => {
            format!("Invalid request: the parameter name `{key}` is malformed (unbalanced brackets).")
        }
        form::FormError::Conflict(key) => {
            format!("Invalid request: `{key}` is sent both as a value and as an object.")
        }
    };
    StripeError::invalid_request(message)
}

/// Checks the parameters and the path's values against `rules`; returns the parameters as JSON
/// and the path's values decoded.
fn check(
    rules: &OperationRules,
    tree: &BTreeMap<String, Node>,
    path_values: &[&str],
    restricted_key: bool,
) -> Result<(Map<String, Value>, Vec<String>), StripeError> {
    let mut path_params = Vec::new();
    for (rule, raw) in rules.path_params.iter().zip(path_values) {
        let value = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| {
                StripeError::invalid_request(
                    "Invalid request: the path is not valid UTF-8 once percent-decoded.",
                )
            })?
            .into_owned();
        let mut single = BTreeMap::new();
        single.insert(rule.name.to_owned(), Node::Value(value.clone()));
        validate::params(std::slice::from_ref(rule), &single)?;
        path_params.push(value);
    }
    let params = validate::params(rules.params(), tree)?;
    // A list's paths are under `data.`.
    let prefix = if rules.expandable.contains(&"data") {
        "data."
    } else {
        ""
    };
    if let Some(Value::Array(paths)) = params.get("expand") {
        for (at, path) in paths.iter().enumerate() {
            let path = path.as_str().unwrap_or_default();
            if !rules.expandable.contains(&path) && !sensitive_here(rules, path, prefix) {
                return Err(StripeError::invalid_request(format!(
                    "This property cannot be expanded ({path})."
                ))
                .with_param(format!("expand[{at}]")));
            }
        }
    }
    stripe_rules::one_cursor(&params)?;
    stripe_rules::metadata_entries(&params)?;
    stripe_rules::sensitive_expansion(restricted_key, &crate::expand::paths(&params), prefix)?;
    Ok((params, path_params))
}

/// Whether `path` is a sensitive result (`stripe_rules::SENSITIVE`) inside a field this operation
/// may expand: a path `expand` may name although the spec does not list it.
fn sensitive_here(rules: &OperationRules, path: &str, prefix: &str) -> bool {
    let field = path
        .strip_prefix(prefix)
        .and_then(|rest| rest.split('.').next())
        .map(|field| format!("{prefix}{field}"));
    stripe_rules::is_sensitive(path, prefix)
        && field.is_some_and(|field| rules.expandable.contains(&field.as_str()))
}

/// The decoded parameters as JSON (strings and objects), for the request log.
fn tree_json(tree: &BTreeMap<String, Node>) -> Value {
    fn json(node: &Node) -> Value {
        match node {
            Node::Value(text) => Value::String(text.clone()),
            Node::Children(children) => {
                Value::Object(children.iter().map(|(k, v)| (k.clone(), json(v))).collect())
            }
        }
    }
    Value::Object(tree.iter().map(|(k, v)| (k.clone(), json(v))).collect())
}
