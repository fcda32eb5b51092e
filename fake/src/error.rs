//! Stripe's error envelope, `{"error": {"type", "code", "message", "param", "doc_url"}}`, with the
//! HTTP status Stripe pairs with each kind, so a client's typed errors see from the fake what
//! they see from Stripe. The messages follow Stripe's wording where it is known.

use serde_json::{json, Value};

use crate::validate::Invalid;

/// An error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StripeError {
    /// The HTTP status.
    pub status: u16,
    /// `error.type`.
    pub type_: &'static str,
    /// `error.code`.
    pub code: Option<&'static str>,
    /// `error.param`, in bracket form.
    pub param: Option<String>,
    /// `error.message`.
    pub message: String,
    /// A `Retry-After` header, in seconds (injected rate limits).
    pub retry_after: Option<u64>,
    /// A `Stripe-Should-Retry` header.
    pub should_retry: Option<bool>,
}

impl StripeError {
    fn new(status: u16, type_: &'static str, code: Option<&'static str>, message: impl Into<String>) -> Self {
        Self {
            status,
            type_,
            code,
            param: None,
            message: message.into(),
            retry_after: None,
            should_retry: None,
        }
    }

    /// The same error, naming `param`.
    pub fn with_param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    /// 400 `invalid_request_error`.
    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(400, "invalid_request_error", None, message)
    }

    /// 404 for a method and path no operation of the spec has.
    pub fn unrecognized_url(method: &str, path: &str) -> Self {
        let message = format!(
            "Unrecognized request URL ({method}: {path}). This fake serves Stripe Identity's VerificationSession API only."
        );
        Self::new(404, "invalid_request_error", None, message)
    }

    /// 404 `resource_missing` for an object ID that does not exist.
    pub fn resource_missing(what: &str, id: &str, param: &str) -> Self {
        Self::new(
            404,
            "invalid_request_error",
            Some("resource_missing"),
            format!("No such {what}: '{id}'"),
        )
        .with_param(param)
    }

    // Authentication errors are 401 with type `invalid_request_error` and no code, as Stripe sends
    // them (the bodies quoted in stripe/stripe-node#361 and gadelkareem/skeleton#20); clients tell
    // them apart by the status.

    /// 401: no API key.
    pub fn no_api_key() -> Self {
        Self::new(
            401,
            "invalid_request_error",
            None,
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        )
    }

    /// 401: a key that is not a test-mode secret or restricted key.
    pub fn invalid_api_key(key: &str) -> Self {
        Self::new(
            401,
            "invalid_request_error",
            None,
            format!("Invalid API Key provided: {}", masked(key)),
        )
    }

    /// 400 `parameter_missing`: a parameter Stripe requires that the schema does not mark required.
    pub fn missing_param(name: &str) -> Self {
        Self::new(
            400,
            "invalid_request_error",
            Some("parameter_missing"),
            format!("Missing required param: {name}."),
        )
        .with_param(name)
    }

    /// 403: what the key may not do.
    pub fn permission(message: impl Into<String>) -> Self {
        Self::new(403, "invalid_request_error", None, message)
    }

    /// 401: a live-mode key, which the fake never accepts (so a misconfigured test cannot hold one).
    pub fn live_api_key(key: &str) -> Self {
        Self::new(
            401,
            "invalid_request_error",
            None,
            format!(
                "This is a local fake of Stripe: it accepts test-mode keys only (sk_test_… or rk_test_…), and refused the live-mode key {}. Never give a test a live key.",
                masked(key)
            ),
        )
    }

    /// 400 `idempotency_error`: a key reused with other parameters.
    pub fn idempotency_mismatch(key: &str) -> Self {
        Self::new(
            400,
            "idempotency_error",
            None,
            format!("Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."),
        )
    }

    /// 413: a body over the fake's limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            413,
            "invalid_request_error",
            None,
            format!("The request body is larger than {limit} bytes."),
        )
    }

    /// A failure injected by `fail_next`: Stripe's error for that status.
    pub fn injected(status: u16, retry_after: Option<u64>) -> Self {
        let mut error = match status {
            429 => Self::new(429, "invalid_request_error", Some("rate_limit"), "Too many requests. You made too many requests to the API too quickly (injected by the fake)."),
            409 => Self::new(409, "invalid_request_error", Some("lock_timeout"), "This object cannot be accessed right now because another API request or Stripe process is currently accessing it (injected by the fake)."),
            400..=499 => Self::new(status, "invalid_request_error", None, format!("An injected {status} error (fail_next).")),
            _ => Self::new(status, "api_error", None, format!("An error occurred with our connection to Stripe (an injected {status}, fail_next).")),
        };
        error.retry_after = retry_after;
        error
    }

    /// 500: the fake made an object its own models cannot read (a bug in the fake, reported
    /// rather than panicking).
    pub fn internal(problem: impl std::fmt::Display) -> Self {
        Self::new(
            500,
            "api_error",
            None,
            format!("The fake made an object its own models cannot read (a bug in the fake): {problem}"),
        )
    }

    /// The envelope's JSON.
    pub fn body(&self) -> Value {
        let mut error = json!({ "type": self.type_, "message": self.message });
        if let Some(code) = self.code {
            error["code"] = json!(code);
            error["doc_url"] = json!(format!(
                "https://stripe.com/docs/error-codes/{}",
                code.replace('_', "-")
            ));
        }
        if let Some(param) = &self.param {
            error["param"] = json!(param);
        }
        json!({ "error": error })
    }
}

impl std::fmt::Display for StripeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status, self.type_, self.message)?;
        if let Some(param) = &self.param {
            write!(f, " (param: {param})")?;
        }
        Ok(())
    }
}

impl std::error::Error for StripeError {}

impl From<Invalid> for StripeError {
    fn from(invalid: Invalid) -> Self {
        Self::new(400, "invalid_request_error", invalid.code, invalid.message).with_param(invalid.param)
    }
}

/// `sk_test_****wxyz`, as Stripe shows a key back.
fn masked(key: &str) -> String {
    let prefix: String = key.chars().take_while(|c| *c != '_').collect();
    let mode: String = key
        .chars()
        .skip(prefix.len() + 1)
        .take_while(|c| *c != '_')
        .collect();
    let tail: String = key
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if key.chars().count() <= 12 {
        return "****".to_owned();
    }
    format!("{prefix}_{mode}_****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keys_like_stripe() {
        assert_eq!(masked("sk_live_abcdefghijklmnop"), "sk_live_****mnop");
        assert_eq!(masked("short"), "****");
    }

    #[test]
    fn an_envelope_has_the_doc_url_of_its_code() {
        let body = StripeError::resource_missing("verification session", "vs_1", "session").body();
        assert_eq!(body["error"]["code"], "resource_missing");
        assert_eq!(body["error"]["param"], "session");
        assert_eq!(
            body["error"]["doc_url"],
            "https://stripe.com/docs/error-codes/resource-missing"
        );
    }
}
