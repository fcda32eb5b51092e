//! The default transport: hyper-util's pooled client over the route's connector (`connect`). Its
//! pool keeps connections alive between requests and clones of a client, drops one idle longer
//! than [`IDLE_TIMEOUT`], keeps at most the configured number idle, and sends a request that an
//! idle connection never sent (it had closed) again at once on another: not a retry in the
//! client's sense, since nothing reached the server.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use hyper::header::{HeaderValue, PROXY_AUTHORIZATION};
use hyper::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::connect::RouteConnector;
use super::failure;
use super::proxy::Route;
use super::transport::{ResponseBody, Transport, TransportError, TransportFuture};
use super::Error;

/// How long a connection may sit idle and still be used: hyper-util's default, below the few
/// minutes after which servers and NATs drop idle connections.
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// hyper-util's client on the route to one base URL.
#[derive(Debug)]
pub(super) struct HyperTransport {
    client: Client<RouteConnector, String>,
    /// A forwarding proxy's credentials, on every request (a tunnel presents them once, in its
    /// `CONNECT`, and the server past it must not see them).
    proxy_auth: Option<HeaderValue>,
}

impl HyperTransport {
    /// The transport to `base` through the environment's proxy, if any.
    pub(super) fn new(base: &Uri, connect_timeout: Duration, max_idle: usize) -> Result<Self, Error> {
        let route = Route::from_env(base)?;
        let connector = RouteConnector::new(&route, connect_timeout)?;
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(IDLE_TIMEOUT)
            .pool_max_idle_per_host(max_idle)
            .pool_timer(TokioTimer::new())
            // The client sets `Host` itself, the same for every transport.
            .set_host(false)
            .build(connector);
        Ok(Self {
            client,
            proxy_auth: route.request_auth().cloned(),
        })
    }
}

impl Transport for HyperTransport {
    fn send(&self, mut request: http::Request<String>) -> TransportFuture<'_> {
        if let Some(auth) = &self.proxy_auth {
            request.headers_mut().insert(PROXY_AUTHORIZATION, auth.clone());
        }
        let responding = self.client.request(request);
        Box::pin(async move {
            match responding.await {
                Ok(response) => Ok(response.map(ResponseBody::new)),
                Err(error) => {
                    let kind = failure::kind_of(&error, error.is_connect());
                    Err(TransportError::new(kind, ByCause(error)))
                }
            }
        })
    }
}

/// hyper-util's error told by its cause: its own message only names its kind ("client error
/// (Connect)"), the cause says what happened.
#[derive(Debug)]
struct ByCause(hyper_util::client::legacy::Error);

impl fmt::Display for ByCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match StdError::source(&self.0) {
            Some(cause) => fmt::Display::fmt(cause, f),
            None => fmt::Display::fmt(&self.0, f),
        }
    }
}

impl StdError for ByCause {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        StdError::source(&self.0).and_then(StdError::source)
    }
}
