//! The client's errors, sorted into the kinds Stripe's SDKs use. An error response keeps its HTTP
//! status, `Request-Id` and decoded `error` object. No body text leaves through `Debug` or
//! `Display`: a session body carries `client_secret` and `url`, and an error envelope can carry
//! objects with secrets of their own (a card error's PaymentIntent and its `client_secret`), so
//! they print only the envelope's fields written for people (`type`, `code`, `message`, `param`,
//! `doc_url`, `decline_code`), never `raw`. Of a body, an error keeps at most the first
//! [`BODY_PREFIX_BYTES`] of one that is not the envelope (a proxy's error page, to read through
//! [`Error::raw_body`]); a success body that does not decode is not kept at all.

use std::fmt;

use serde::Deserialize;

use super::redact::{body_prefix, human_bytes};
use super::transport::TransportError;

/// How much of a body that is not Stripe's error envelope an error keeps: enough to recognise a
/// proxy's or load balancer's error page, little enough to hold nothing much else.
pub const BODY_PREFIX_BYTES: usize = 1024;

/// What went wrong, in the categories of Stripe's SDKs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Invalid parameters or a missing object (400, 404).
    InvalidRequest,
    /// The API key is wrong or missing (401).
    Authentication,
    /// The key may not do this (403).
    Permission,
    /// A card was declined (402).
    Card,
    /// Too many requests (429).
    RateLimit,
    /// An idempotency key was reused with different parameters.
    Idempotency,
    /// Stripe failed (5xx or anything else), or its pages did not advance.
    Api,
    /// No response: the connection failed or timed out.
    Connection,
    /// A success response whose body does not decode into the expected type, or is larger than
    /// the client reads.
    Decode,
    /// The client or request could not be set up (for example an API key that is not a valid
    /// header value).
    Config,
}

/// The `error` object of Stripe's error envelope, with the response it came in. `Debug` shows
/// every field but `raw`.
#[derive(Clone, PartialEq)]
pub struct ApiError {
    /// The kind, from the status and the error's `type`.
    pub kind: ErrorKind,
    /// The HTTP status.
    pub status: u16,
    /// The `Request-Id` header, to quote to Stripe support.
    pub request_id: Option<String>,
    /// `error.type`: `api_error`, `card_error`, `idempotency_error`, `invalid_request_error`, ….
    pub error_type: String,
    /// `error.code`, for errors a program can handle.
    pub code: Option<String>,
    /// `error.message`, for people.
    pub message: Option<String>,
    /// `error.param`, the parameter at fault.
    pub param: Option<String>,
    /// `error.doc_url`.
    pub doc_url: Option<String>,
    /// `error.decline_code`, for card declines.
    pub decline_code: Option<String>,
    /// The whole `error` object, for fields not listed here. It may hold secrets (a card error's
    /// PaymentIntent carries its `client_secret`); do not log it.
    pub raw: serde_json::Value,
}

/// Why a request failed.
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with its error envelope.
    Api(Box<ApiError>),
    /// Stripe (or something in between) answered with an error status and a body that is not the
    /// error envelope.
    UnexpectedResponse {
        /// The HTTP status.
        status: u16,
        /// The `Request-Id` header, if any.
        request_id: Option<String>,
        /// The first [`BODY_PREFIX_BYTES`] of the body at most, cut at a character boundary.
        body: String,
        /// The length of the whole body, in bytes.
        body_len: usize,
    },
    /// A success response whose body does not decode. The body is not kept: it is the one that
    /// holds a session's `client_secret` and `url`. The [`DecodeError`] is also the error's
    /// `source()`.
    Decode {
        /// The HTTP status.
        status: u16,
        /// The `Request-Id` header, if any.
        request_id: Option<String>,
        /// Where the body failed to decode, and why.
        source: DecodeError,
    },
    /// A response whose body is larger than the client reads (`ClientBuilder::max_response_bytes`).
    ResponseTooLarge {
        /// The HTTP status.
        status: u16,
        /// The `Request-Id` header, if any.
        request_id: Option<String>,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A list's pages did not advance (a page repeated a cursor, or was empty but said `has_more`);
    /// following them would loop forever, so `Client::paginate` ends with this.
    Pagination(String),
    /// No response arrived.
    Connection {
        /// Why, with every cause of the transport's error (`: `-joined).
        message: String,
        /// Whether it was a timeout (the client's, or the transport's own).
        timed_out: bool,
        /// The transport's error, kept as a value (the error's `source()`): `None` when the
        /// client's own timeout ended the attempt.
        source: Option<TransportError>,
    },
    /// The client or request could not be set up.
    Config(String),
}

/// Where a success body failed to decode into the expected type, and why: the cause of
/// [`Error::Decode`]. It holds no body text: serde's own error quotes the offending value (which
/// may be a secret), so it is not kept; the message is serde's with the value left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
}

impl DecodeError {
    pub(crate) fn new(path: String, message: String) -> Self {
        Self { path, message }
    }

    /// The JSON path of the field that failed (`verified_outputs.dob.day`), `.` for the root; map
    /// keys, which are body text, are shown as `<key>`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong there, without the offending value (`invalid type: string, expected i64`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Api(api) => api.kind,
            Self::UnexpectedResponse { status, .. } => kind_for(*status, ""),
            Self::Decode { .. } => ErrorKind::Decode,
            Self::ResponseTooLarge { status, .. } if (200..300).contains(status) => ErrorKind::Decode,
            Self::ResponseTooLarge { status, .. } => kind_for(*status, ""),
            Self::Pagination(_) => ErrorKind::Api,
            Self::Connection { .. } => ErrorKind::Connection,
            Self::Config(_) => ErrorKind::Config,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(api) => Some(api.status),
            Self::UnexpectedResponse { status, .. }
            | Self::Decode { status, .. }
            | Self::ResponseTooLarge { status, .. } => Some(*status),
            Self::Pagination(_) | Self::Connection { .. } | Self::Config(_) => None,
        }
    }

    /// The `Request-Id` header, when a response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(api) => api.request_id.as_deref(),
            Self::UnexpectedResponse { request_id, .. }
            | Self::Decode { request_id, .. }
            | Self::ResponseTooLarge { request_id, .. } => request_id.as_deref(),
            Self::Pagination(_) | Self::Connection { .. } | Self::Config(_) => None,
        }
    }

    /// The start of a body that is not Stripe's error envelope (at most [`BODY_PREFIX_BYTES`]);
    /// no other error keeps body text. It may still hold something private; do not log it.
    pub fn raw_body(&self) -> Option<&str> {
        match self {
            Self::UnexpectedResponse { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The decoded `error` object, for error envelopes.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }
}

/// The SDKs' mapping from status (and `error.type`) to kind.
pub(crate) fn kind_for(status: u16, error_type: &str) -> ErrorKind {
    if error_type == "idempotency_error" {
        return ErrorKind::Idempotency;
    }
    match status {
        400 | 404 => ErrorKind::InvalidRequest,
        401 => ErrorKind::Authentication,
        402 => ErrorKind::Card,
        403 => ErrorKind::Permission,
        429 => ErrorKind::RateLimit,
        _ => ErrorKind::Api,
    }
}

#[derive(Deserialize)]
struct Envelope {
    error: serde_json::Map<String, serde_json::Value>,
}

/// Builds the error for a non-success response.
pub(crate) fn from_response(status: u16, request_id: Option<String>, body: &str) -> Error {
    let Ok(Envelope { error }) = serde_json::from_str::<Envelope>(body) else {
        return Error::UnexpectedResponse {
            status,
            request_id,
            body: body_prefix(body, BODY_PREFIX_BYTES).to_owned(),
            body_len: body.len(),
        };
    };
    let text = |name: &str| error.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let error_type = text("type").unwrap_or_default();
    let code = text("code");
    // The SDKs report a 400 whose code is `rate_limit` as a rate-limit error.
    let kind = if code.as_deref() == Some("rate_limit") {
        ErrorKind::RateLimit
    } else {
        kind_for(status, &error_type)
    };
    Error::Api(Box::new(ApiError {
        kind,
        status,
        request_id,
        code,
        message: text("message"),
        param: text("param"),
        doc_url: text("doc_url"),
        decline_code: text("decline_code"),
        error_type,
        raw: serde_json::Value::Object(error),
    }))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(api) => {
                write!(f, "Stripe {:?} error ({})", api.kind, api.status)?;
                if let Some(code) = &api.code {
                    write!(f, " [{code}]")?;
                }
                if let Some(message) = &api.message {
                    write!(f, ": {message}")?;
                }
                if let Some(param) = &api.param {
                    write!(f, " (param: {param})")?;
                }
                Ok(())
            }
            Self::UnexpectedResponse { status, body_len, .. } => write!(
                f,
                "HTTP {status} with a body that is not a Stripe error ({body_len} bytes)"
            ),
            // The path and message are the source's (`DecodeError`), not repeated here.
            Self::Decode { .. } => write!(f, "the response does not decode"),
            Self::ResponseTooLarge { status, limit, .. } => write!(
                f,
                "HTTP {status} with a body larger than the client reads ({}; see max_response_bytes)",
                human_bytes(*limit)
            ),
            Self::Pagination(message) => write!(f, "pagination stopped: {message}"),
            // With a transport error, the why is its `source()` (printed by error reporters that
            // walk the chain); without one, the message says it.
            Self::Connection {
                timed_out: true,
                source: Some(_),
                ..
            } => write!(f, "request timed out"),
            Self::Connection { source: Some(_), .. } => write!(f, "connection failed"),
            Self::Connection {
                message,
                timed_out: true,
                ..
            } => write!(f, "request timed out: {message}"),
            Self::Connection { message, .. } => write!(f, "connection failed: {message}"),
            Self::Config(message) => write!(f, "invalid client configuration: {message}"),
        }
    }
}

// Hand-written so no body text prints: `raw` may hold a PaymentIntent's `client_secret`.
impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw_fields = self.raw.as_object().map_or(0, serde_json::Map::len);
        f.debug_struct("ApiError")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("error_type", &self.error_type)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("param", &self.param)
            .field("doc_url", &self.doc_url)
            .field("decline_code", &self.decline_code)
            .field("raw", &format_args!("<{raw_fields} fields, not shown>"))
            .finish()
    }
}

// Hand-written so body text (which may hold a session's `client_secret` and `url`) never prints.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(api) => f.debug_tuple("Api").field(api).finish(),
            Self::UnexpectedResponse {
                status,
                request_id,
                body,
                body_len,
            } => f
                .debug_struct("UnexpectedResponse")
                .field("status", status)
                .field("request_id", request_id)
                .field(
                    "body",
                    &format_args!("<{} of {body_len} bytes kept, not shown>", body.len()),
                )
                .finish(),
            Self::Decode {
                status,
                request_id,
                source,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("request_id", request_id)
                .field("source", source)
                .finish(),
            Self::ResponseTooLarge {
                status,
                request_id,
                limit,
            } => f
                .debug_struct("ResponseTooLarge")
                .field("status", status)
                .field("request_id", request_id)
                .field("limit", limit)
                .finish(),
            Self::Pagination(message) => f.debug_tuple("Pagination").field(message).finish(),
            Self::Connection {
                message,
                timed_out,
                source,
            } => f
                .debug_struct("Connection")
                .field("message", message)
                .field("timed_out", timed_out)
                .field("source", source)
                .finish(),
            Self::Config(message) => f.debug_tuple("Config").field(message).finish(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Decode { source, .. } => Some(source),
            Self::Connection {
                source: Some(source), ..
            } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_sdks_kinds() {
        let cases = [
            (400, "invalid_request_error", ErrorKind::InvalidRequest),
            (404, "invalid_request_error", ErrorKind::InvalidRequest),
            (401, "invalid_request_error", ErrorKind::Authentication),
            (402, "card_error", ErrorKind::Card),
            (403, "invalid_request_error", ErrorKind::Permission),
            (429, "invalid_request_error", ErrorKind::RateLimit),
            (400, "idempotency_error", ErrorKind::Idempotency),
            (500, "api_error", ErrorKind::Api),
        ];
        for (status, error_type, kind) in cases {
            assert_eq!(kind_for(status, error_type), kind, "{status} {error_type}");
        }
    }

    #[test]
    fn an_envelope_decodes_and_anything_else_is_kept_raw() {
        let body = r#"{"error":{"type":"card_error","code":"card_declined","message":"Declined",
            "param":"x","doc_url":"https://d","decline_code":"insufficient_funds","extra":1}}"#;
        let error = from_response(402, Some("req_1".into()), body);
        let api = error.api_error().unwrap();
        assert_eq!((api.kind, api.status), (ErrorKind::Card, 402));
        assert_eq!(api.decline_code.as_deref(), Some("insufficient_funds"));
        assert_eq!(api.raw["extra"], 1);
        assert_eq!(error.request_id(), Some("req_1"));
        assert_eq!(
            error.to_string(),
            "Stripe Card error (402) [card_declined]: Declined (param: x)"
        );

        let rate = from_response(
            400,
            None,
            r#"{"error":{"type":"invalid_request_error","code":"rate_limit"}}"#,
        );
        assert_eq!(rate.kind(), ErrorKind::RateLimit);

        let raw = from_response(502, None, "<html>bad gateway</html>");
        assert_eq!((raw.kind(), raw.status()), (ErrorKind::Api, Some(502)));
        assert_eq!(raw.raw_body(), Some("<html>bad gateway</html>"));
        assert!(!format!("{raw:?}").contains("bad gateway"));
        assert!(
            !format!("{:?}", error.api_error()).contains("extra"),
            "raw is not shown"
        );
    }

    #[test]
    fn a_long_body_keeps_only_its_start() {
        let body = format!("<html>{}</html>", "é".repeat(2000));
        let error = from_response(502, None, &body);
        let kept = error.raw_body().unwrap();
        assert!(body.starts_with(kept) && kept.len() <= BODY_PREFIX_BYTES && kept.len() > 1000);
        assert_eq!(
            error.to_string(),
            format!(
                "HTTP 502 with a body that is not a Stripe error ({} bytes)",
                body.len()
            )
        );
    }
}
