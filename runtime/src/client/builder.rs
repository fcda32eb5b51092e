//! Client settings ([`ClientBuilder`]) and per-request ones ([`RequestOptions`]). Everything a
//! caller sets is checked when the client is built (the base URL, and every header value: a CR or
//! LF would split a header), so a bad setting fails at once instead of on the first request; the
//! per-request values are checked before each request is sent. A refusal names the setting,
//! never repeats its value (it could carry a line break into a log, or be the key).

use std::sync::Arc;
use std::time::Duration;

use hyper::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, HOST, USER_AGENT};
use hyper::Uri;

use super::connect::host_header;
use super::hyper_transport::HyperTransport;
use super::identify::{self, AppInfo};
use super::retry::{Backoff, RetryPolicy};
use super::transport::Transport;
use super::{Client, Error, Inner};
use crate::Secret;

/// Where requests go unless [`ClientBuilder::base_url`] says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";

/// Stripe's SDKs default to two retries.
const DEFAULT_MAX_RETRIES: u32 = 2;

/// Stripe's SDKs default to an 80 s timeout.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);

/// A TCP handshake with Stripe takes tens of milliseconds; ten seconds spares a slow network and
/// leaves most of an attempt's 80 s for the other addresses and a retry.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Idle connections kept for later requests: Go's `net/http` default (`MaxIdleConns`), enough
/// for a busy server's steady concurrency (with more requests in flight than the cap, connections
/// beyond it are closed when they go idle and opened again, so raise it then); a burst beyond it
/// opens connections that are closed once it passes, rather than held open.
pub const DEFAULT_MAX_IDLE_CONNECTIONS: usize = 100;

/// The largest body read by default: 16 MiB. A Stripe response is a single object or a page of
/// at most 100, which even with every expansion stays well under a few MiB; the limit only has to
/// stop a broken or hostile endpoint (a proxy, a `base_url` pointed at the wrong place) from
/// filling memory, and it applies to each request in flight.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Settings for a [`Client`].
#[derive(Clone, Debug)]
#[must_use = "a client builder does nothing until `build` is called"]
pub struct ClientBuilder {
    pub(super) api_key: Secret,
    /// Sent as `Stripe-Version` when set; otherwise each request's own `API_VERSION`.
    pub(super) api_version: Option<String>,
    pub(super) base_url: String,
    pub(super) max_retries: u32,
    pub(super) timeout: Duration,
    pub(super) backoff: Backoff,
    pub(super) stripe_account: Option<String>,
    pub(super) retry_policy: RetryPolicy,
    pub(super) max_response_bytes: usize,
    pub(super) app_info: Option<AppInfo>,
    pub(super) telemetry: bool,
    pub(super) stripe_context: Option<String>,
    pub(super) connect_timeout: Duration,
    pub(super) max_idle_connections: usize,
    pub(super) transport: Option<Arc<dyn Transport>>,
}

impl ClientBuilder {
    /// A client using `api_key`, pinned to `api_version` (sent as `Stripe-Version` with every
    /// request, whatever version the request was generated for).
    pub fn new(api_key: impl Into<String>, api_version: impl Into<String>) -> Self {
        Self {
            api_version: Some(api_version.into()),
            ..Self::with_key(api_key)
        }
    }

    /// A client using `api_key` that sends each request with the API version its crate was
    /// generated for ([`StripeRequest::API_VERSION`](crate::StripeRequest::API_VERSION)). What
    /// [`Client::builder`] returns.
    pub(super) fn with_key(api_key: impl Into<String>) -> Self {
        Self {
            api_key: Secret::new(api_key),
            api_version: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            max_retries: DEFAULT_MAX_RETRIES,
            timeout: DEFAULT_TIMEOUT,
            backoff: Backoff::default(),
            stripe_account: None,
            retry_policy: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            app_info: None,
            telemetry: true,
            stripe_context: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_idle_connections: DEFAULT_MAX_IDLE_CONNECTIONS,
            transport: None,
        }
    }

    /// Sends every request through `transport` instead of the built-in one (hyper-util's pooled
    /// client): an application's own HTTP stack, a tower service ([`TowerTransport`]), a
    /// `reqwest::Client` (feature `reqwest`), or a fake in tests. Retries, idempotency keys,
    /// headers, timeouts, the size limit, errors and pagination stay the client's and behave the
    /// same. The environment's proxy variables, [`connect_timeout`](Self::connect_timeout) and
    /// [`max_idle_connections`](Self::max_idle_connections) are the built-in transport's; another
    /// transport has settings of its own.
    ///
    /// [`TowerTransport`]: super::TowerTransport
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// How long opening a connection may take (default 10 s), shared evenly among the addresses
    /// of each family a host resolves to, so one that never answers costs its share and the next
    /// is tried.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many idle connections to keep for later requests (default
    /// [`DEFAULT_MAX_IDLE_CONNECTIONS`]); one more is closed when its response has been read.
    pub fn max_idle_connections(mut self, max_idle: usize) -> Self {
        self.max_idle_connections = max_idle;
        self
    }

    /// Names the application built on the client in its `User-Agent` (`name/version (url)`) and
    /// `X-Stripe-Client-User-Agent`, as `stripe.set_app_info` does; an empty version or URL is
    /// left out. Header values are visible ASCII: a name with other characters makes `build`
    /// fail with a `Config` error rather than send bytes servers read differently.
    pub fn app_info(
        mut self,
        name: impl Into<String>,
        version: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        let given = |text: String| (!text.is_empty()).then_some(text);
        self.app_info = Some(AppInfo {
            name: name.into(),
            version: given(version.into()),
            url: given(url.into()),
        });
        self
    }

    /// Whether to send Stripe the previous request's ID and duration
    /// (`X-Stripe-Client-Telemetry`) and the platform in `X-Stripe-Client-User-Agent`: on by
    /// default, as in Stripe's SDKs.
    pub fn telemetry(mut self, enabled: bool) -> Self {
        self.telemetry = enabled;
        self
    }

    /// Sends `Stripe-Context` (which supersedes `Stripe-Account` in current API versions) on
    /// every request.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.stripe_context = Some(context.into());
        self
    }

    /// Sends requests to `base_url` instead of `https://api.stripe.com` (a mock server, a proxy).
    /// It must be an `http` or `https` URL without a query or fragment; a path is kept as a prefix.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Overrides the pinned API version for every request.
    pub fn api_version(mut self, api_version: impl Into<String>) -> Self {
        self.api_version = Some(api_version.into());
        self
    }

    /// How many times to retry a failed request (default 2; 0 turns retries off).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The timeout of each attempt, from connecting to the end of the body (default 80 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The retry waits (default 0.5 s doubling to at most 5 s).
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Also retries `429 Too Many Requests`, which Stripe's SDKs do not (off by default). Each
    /// retry waits what `Retry-After` asks (in seconds) when that is at most `max_wait`, and the
    /// backoff otherwise; a 429 asking for longer than `max_wait` is returned at once, since a
    /// shorter wait would only meet another 429. `Stripe-Should-Retry` still decides first.
    pub fn retry_rate_limited(mut self, max_wait: Duration) -> Self {
        self.retry_policy.rate_limited = Some(max_wait);
        self
    }

    /// The largest response body read, in bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`], 16 MiB).
    /// A larger one fails with [`Error::ResponseTooLarge`] as soon as it passes the limit (or at
    /// once, when its `Content-Length` says so).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Acts on behalf of a connected account for every request (`Stripe-Account`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Builds the client, refusing a base URL that is not `http(s)://host[:port][/prefix]` and any
    /// header value that is not visible ASCII (a CR or LF would split the header).
    ///
    /// The built-in transport goes through the proxy that `HTTPS_PROXY` (for an https base URL),
    /// `HTTP_PROXY` (for an http one) or `ALL_PROXY` name, unless `NO_PROXY` lists the host,
    /// as read now; an `https://` or SOCKS proxy there is refused (only `http://` proxies are
    /// spoken to, through `CONNECT` for https).
    pub fn build(self) -> Result<Client, Error> {
        let base = check_base_url(&self.base_url)?;
        if let Some(version) = &self.api_version {
            header_value("Stripe-Version", version)?;
        }
        if let Some(account) = &self.stripe_account {
            header_value("Stripe-Account", account)?;
        }
        if let Some(context) = &self.stripe_context {
            header_value("Stripe-Context", context)?;
        }
        let mut auth = header_value("API key", &format!("Bearer {}", self.api_key.expose()))?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, auth);
        let app = self.app_info.as_ref();
        headers.insert(USER_AGENT, header_value("app info", &identify::user_agent(app))?);
        headers.insert(
            "X-Stripe-Client-User-Agent",
            header_value("app info", &identify::client_user_agent(app, self.telemetry))?,
        );
        // What reqwest, this client's HTTP layer before, sent unasked; kept so nothing changes on
        // the wire for a proxy or firewall that looks.
        headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
        headers.insert(HOST, host_header(&base)?);
        let transport: Arc<dyn Transport> = match &self.transport {
            Some(transport) => Arc::clone(transport),
            None => Arc::new(HyperTransport::new(
                &base,
                self.connect_timeout,
                self.max_idle_connections,
            )?),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                headers,
                telemetry: identify::Telemetry::default(),
                settings: self,
            }),
        })
    }
}

/// The base URL must parse, speak HTTP, and leave room for a path (no query, no fragment).
fn check_base_url(base_url: &str) -> Result<Uri, Error> {
    // The URL is not repeated: it may carry credentials.
    let refuse = |why: &str| Err(Error::Config(format!("the base URL {why}")));
    // `Uri` takes bytes above 0x7F as they are, where a URL parser would percent-encode (or
    // punycode) them; refused rather than sent raw.
    if !base_url.is_ascii() {
        return refuse("is not ASCII (percent-encode its path, punycode its host)");
    }
    // `Uri` drops a fragment without a word.
    if base_url.contains('#') {
        return refuse("has a query or fragment, which the request path would land in");
    }
    let Ok(uri) = Uri::try_from(base_url) else {
        return refuse("is not a URL");
    };
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return refuse("is not http or https");
    }
    let Some(authority) = uri.authority().filter(|authority| !authority.host().is_empty()) else {
        return refuse("has no host");
    };
    // The API key is the client's one credential, in `Authorization`; a user:password in the URL
    // would have no header to go in (reqwest put it in `Authorization`, in the key's place).
    if authority.as_str().contains('@') {
        return refuse("has credentials in it (user:password@); the API key is the only one sent");
    }
    if uri.query().is_some() {
        return refuse("has a query or fragment, which the request path would land in");
    }
    Ok(uri)
}

/// `value` as a header value, or a `Config` error naming `what` (not repeating the value).
pub(super) fn header_value(what: &str, value: &str) -> Result<HeaderValue, Error> {
    // `HeaderValue` takes bytes above 0x7F (obsolete text); Stripe's headers are visible ASCII,
    // and raw UTF-8 on the wire would be read differently by different servers.
    let visible = value
        .bytes()
        .all(|b| b == b' ' || b == b'\t' || (0x21..0x7f).contains(&b));
    let parsed = if visible {
        HeaderValue::from_str(value).ok()
    } else {
        None
    };
    parsed.ok_or_else(|| {
        Error::Config(format!(
            "the {what} is not a valid header value (a control character such as CR or LF, or a \
             non-ASCII character)"
        ))
    })
}

/// Per-request settings, overriding the client's for one call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use = "request options do nothing until passed to `send_with` or `paginate_with`"]
pub struct RequestOptions {
    pub(super) idempotency_key: Option<String>,
    pub(super) stripe_account: Option<String>,
    pub(super) api_version: Option<String>,
    pub(super) max_retries: Option<u32>,
    pub(super) timeout: Option<Duration>,
    pub(super) stripe_context: Option<String>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses this idempotency key instead of a generated one (POST only).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Acts on behalf of this connected account.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Sends this `Stripe-Version` instead of the client's.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Retries this request at most `max_retries` times instead of the client's number (0: a
    /// single attempt). Which failures are retried does not change.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Sends this `Stripe-Context` instead of the client's.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.stripe_context = Some(context.into());
        self
    }

    /// Gives each attempt of this request `timeout` instead of the client's, from connecting to
    /// the end of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}
