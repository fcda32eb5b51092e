//! How the client identifies itself, the way Stripe's official SDKs do (stripe-python 16.1.0's
//! `request_headers` and `_add_telemetry_header`):
//!
//! - `User-Agent: Stripe/v1 RustBindings/<version>`, then the application's `name/version (url)`
//!   when one is set (`ClientBuilder::app_info`, as `stripe.set_app_info`);
//! - `X-Stripe-Client-User-Agent`: a JSON object with `bindings_version`, `lang` (`rust`),
//!   `httplib` (`hyper`), `lang_version` (the compiler's), then `platform` (the OS and
//!   architecture) only with telemetry on, and `application` when set; written as Python's
//!   `json.dumps` writes it, keys in the same order;
//! - `X-Stripe-Client-Telemetry: {"last_request_metrics": {"request_id": …,
//!   "request_duration_ms": …}}`: the previous request's ID and duration, with telemetry on (the
//!   default; `.telemetry(false)` turns it off).
//!
//! Nothing else about the application leaves the process: unlike stripe-python, no persistent
//! telemetry ID is created or sent.

use std::sync::Mutex;
use std::time::Duration;

/// The version of this crate, the client's code (the generated crate's is the spec's), sent as
/// the bindings' version.
const BINDINGS_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The compiler that built this crate (recorded by `build.rs`).
const LANG_VERSION: &str = match option_env!("STRIPE_RUNTIME_RUSTC_VERSION") {
    Some(version) => version,
    None => "unknown",
};

/// An application built on the client, named in its user agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppInfo {
    /// The application's name.
    pub name: String,
    /// Its version, if given.
    pub version: Option<String>,
    /// Its URL, if given.
    pub url: Option<String>,
}

impl AppInfo {
    /// `name/version (url)`, the parts given.
    fn formatted(&self) -> String {
        let mut text = self.name.clone();
        if let Some(version) = &self.version {
            text.push('/');
            text.push_str(version);
        }
        if let Some(url) = &self.url {
            text.push_str(&format!(" ({url})"));
        }
        text
    }
}

/// The `User-Agent` value.
pub(super) fn user_agent(app: Option<&AppInfo>) -> String {
    let mut agent = format!("Stripe/v1 RustBindings/{BINDINGS_VERSION}");
    if let Some(app) = app {
        agent.push(' ');
        agent.push_str(&app.formatted());
    }
    agent
}

/// The `X-Stripe-Client-User-Agent` value.
pub(super) fn client_user_agent(app: Option<&AppInfo>, telemetry: bool) -> String {
    let platform = format!("{} {}", std::env::consts::OS, std::env::consts::ARCH);
    let mut fields = vec![
        ("bindings_version", Py::Text(BINDINGS_VERSION)),
        ("lang", Py::Text("rust")),
        ("httplib", Py::Text("hyper")),
        ("lang_version", Py::Text(LANG_VERSION)),
    ];
    if telemetry {
        fields.push(("platform", Py::Text(&platform)));
    }
    if let Some(app) = app {
        // stripe-python's app info, in its order (no partner ID: Stripe assigns those).
        let application = vec![
            ("name", Py::Text(&app.name)),
            ("partner_id", Py::Null),
            ("url", app.url.as_deref().map_or(Py::Null, Py::Text)),
            ("version", app.version.as_deref().map_or(Py::Null, Py::Text)),
        ];
        fields.push(("application", Py::Object(application)));
    }
    Py::Object(fields).render()
}

/// The previous request's metrics, shared by a client and its clones: kept as the finished
/// header value, so a request only clones it (a reference count) under the lock, and a response
/// formats it outside the lock and swaps it in.
#[derive(Debug, Default)]
pub(super) struct Telemetry {
    last: Mutex<Option<hyper::header::HeaderValue>>,
}

impl Telemetry {
    /// Remembers a response's `Request-Id` and how long its request took.
    pub(super) fn record(&self, request_id: &str, took: Duration) {
        // The JSON escapes everything but visible ASCII, so any ID makes a valid value.
        let Ok(value) = hyper::header::HeaderValue::from_str(&metrics_header(request_id, took)) else {
            return;
        };
        let mut last = self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *last = Some(value);
    }

    /// The `X-Stripe-Client-Telemetry` value for the next request, once a response had an ID.
    pub(super) fn header(&self) -> Option<hyper::header::HeaderValue> {
        self.last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// `{"last_request_metrics": {"request_id": …, "request_duration_ms": …}}`. Written once per
/// response; a Stripe request ID (`req_` and letters and digits) needs no escaping, so it is
/// written directly, anything else through the general writer.
fn metrics_header(request_id: &str, took: Duration) -> String {
    let plain = request_id
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_');
    if plain {
        return format!(
            "{{\"last_request_metrics\": {{\"request_id\": \"{request_id}\", \"request_duration_ms\": {}}}}}",
            took.as_millis()
        );
    }
    escaped_metrics_header(request_id, took)
}

/// [`metrics_header`] through the general writer, for any ID.
fn escaped_metrics_header(request_id: &str, took: Duration) -> String {
    let metrics = vec![
        ("request_id", Py::Text(request_id)),
        ("request_duration_ms", Py::Number(took.as_millis())),
    ];
    Py::Object(vec![("last_request_metrics", Py::Object(metrics))]).render()
}

/// JSON as Python's `json.dumps` writes it, which is what the SDKs' headers look like: keys in
/// the order given, `", "` between items, `": "` after keys, non-ASCII escaped (`ensure_ascii`).
enum Py<'a> {
    Text(&'a str),
    Number(u128),
    Null,
    Object(Vec<(&'static str, Py<'a>)>),
}

impl Py<'_> {
    fn render(&self) -> String {
        match self {
            Py::Text(text) => ascii_string(text),
            Py::Number(number) => number.to_string(),
            Py::Null => "null".to_owned(),
            Py::Object(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(key, value)| format!("{}: {}", ascii_string(key), value.render()))
                    .collect();
                format!("{{{}}}", fields.join(", "))
            }
        }
    }
}

/// A JSON string with every non-ASCII character escaped as `\uXXXX`.
fn ascii_string(text: &str) -> String {
    let quoted = serde_json::Value::String(text.to_owned()).to_string();
    let mut out = String::with_capacity(quoted.len());
    for c in quoted.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_like_stripe_pythons() {
        let app = AppInfo {
            name: "MyApp".to_owned(),
            version: Some("1.2.0".to_owned()),
            url: Some("https://example.com".to_owned()),
        };
        assert_eq!(
            user_agent(Some(&app)),
            format!("Stripe/v1 RustBindings/{BINDINGS_VERSION} MyApp/1.2.0 (https://example.com)")
        );
        assert_eq!(
            user_agent(None),
            format!("Stripe/v1 RustBindings/{BINDINGS_VERSION}")
        );
        let off = client_user_agent(None, false);
        assert_eq!(
            off,
            format!(
                "{{\"bindings_version\": \"{BINDINGS_VERSION}\", \"lang\": \"rust\", \"httplib\": \"hyper\", \"lang_version\": \"{LANG_VERSION}\"}}"
            )
        );
        let with_app = client_user_agent(Some(&app), true);
        assert!(with_app.contains("\"platform\": \""), "{with_app}");
        assert!(with_app.ends_with(
            "\"application\": {\"name\": \"MyApp\", \"partner_id\": null, \"url\": \"https://example.com\", \"version\": \"1.2.0\"}}"
        ), "{with_app}");
        assert_eq!(ascii_string("é☃"), "\"\\u00e9\\u2603\"");
    }

    #[test]
    fn telemetry_reports_the_previous_request() {
        let telemetry = Telemetry::default();
        assert_eq!(telemetry.header(), None);
        telemetry.record("req_1", Duration::from_millis(42));
        assert_eq!(
            telemetry.header().as_ref().and_then(|value| value.to_str().ok()),
            Some("{\"last_request_metrics\": {\"request_id\": \"req_1\", \"request_duration_ms\": 42}}")
        );
        // Both ways of writing it agree.
        let took = Duration::from_millis(42);
        assert_eq!(
            metrics_header("req_1AbC", took),
            escaped_metrics_header("req_1AbC", took)
        );
        assert_eq!(
            metrics_header("req \"é\"", Duration::ZERO),
            "{\"last_request_metrics\": {\"request_id\": \"req \\\"\\u00e9\\\"\", \"request_duration_ms\": 0}}"
        );
    }
}
