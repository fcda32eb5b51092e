//! Whether the default transport goes through a proxy, decided once when the client is built from
//! the environment's settings (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, as curl reads
//! them, by hyper-util's `Matcher`). Every request of a client goes to its one base URL, so one
//! decision serves them all.
//!
//! An https base URL is reached through a `CONNECT` tunnel, so TLS still runs end to end with the
//! server; an http one (a mock server) is sent to the proxy in absolute form, the proxy's
//! credentials in `Proxy-Authorization`. Only `http://` proxies are spoken to: a proxy reached over
//! TLS (`https://`) or SOCKS is refused when the client is built, rather than silently bypassed.

use hyper::header::HeaderValue;
use hyper::Uri;

use hyper_util::client::proxy::matcher::Matcher;

use super::Error;

/// How the client reaches its base URL.
#[derive(Clone, Debug)]
pub(super) enum Route {
    /// Straight to the server.
    Direct,
    /// An https base URL through a proxy: a `CONNECT` tunnel, with the proxy's credentials if any.
    Tunnel { proxy: Uri, auth: Option<HeaderValue> },
    /// An http base URL through a proxy: requests in absolute form to the proxy, its credentials
    /// in each request's `Proxy-Authorization`.
    Forward { proxy: Uri, auth: Option<HeaderValue> },
}

impl Route {
    /// The route for `base` under the proxy variables of the environment.
    pub(super) fn from_env(base: &Uri) -> Result<Self, Error> {
        let no_proxy = ["NO_PROXY", "no_proxy"]
            .iter()
            .find_map(|name| std::env::var(name).ok())
            .unwrap_or_default();
        Self::new(base, &Matcher::from_env(), &no_proxy)
    }

    /// The route for `base` under the proxy settings `matcher`, whose `NO_PROXY` is `no_proxy`.
    pub(super) fn new(base: &Uri, matcher: &Matcher, no_proxy: &str) -> Result<Self, Error> {
        // `*` bypasses every host, as in curl; hyper-util's matcher lets it match names only, so
        // an IP-address base URL (a local mock server) would go to the proxy, with its credentials.
        if no_proxy.split(',').any(|entry| entry.trim() == "*") {
            return Ok(Self::Direct);
        }
        let Some(intercept) = matcher.intercept(base) else {
            return Ok(Self::Direct);
        };
        if intercept.uri().scheme_str() != Some("http") {
            // The proxy URL is not repeated: it may carry credentials.
            return Err(Error::Config(format!(
                "the proxy in the environment (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) is a {} proxy; \
                 this client speaks only to http:// proxies (set NO_PROXY to bypass it)",
                intercept.uri().scheme_str().unwrap_or("non-HTTP")
            )));
        }
        let proxy = intercept.uri().clone();
        let auth = intercept.basic_auth().cloned();
        Ok(if base.scheme_str() == Some("https") {
            Self::Tunnel { proxy, auth }
        } else {
            Self::Forward { proxy, auth }
        })
    }

    /// The `Proxy-Authorization` every request carries: only forwarded ones, since a tunnel
    /// presents the credentials once, in its `CONNECT`, and the server past it must not see them.
    pub(super) fn request_auth(&self) -> Option<&HeaderValue> {
        match self {
            Self::Forward { auth, .. } => auth.as_ref(),
            Self::Direct | Self::Tunnel { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(base: &str, vars: &[(&str, &str)]) -> Result<Route, Error> {
        let var = |name: &str| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map_or(String::new(), |(_, value)| (*value).to_owned())
        };
        let matcher = Matcher::builder()
            .http(var("HTTP_PROXY"))
            .https(var("HTTPS_PROXY"))
            .all(var("ALL_PROXY"))
            .no(var("NO_PROXY"))
            .build();
        Route::new(&base.parse().unwrap(), &matcher, &var("NO_PROXY"))
    }

    #[test]
    fn https_tunnels_and_http_forwards_with_the_credentials() {
        let vars = [
            ("HTTPS_PROXY", "http://user:pa%20ss@proxy.corp:3128"),
            ("HTTP_PROXY", "proxy.corp:8080"),
        ];
        let Ok(Route::Tunnel { proxy, auth }) = route("https://api.stripe.com", &vars) else {
            panic!("an https base URL tunnels")
        };
        assert_eq!(proxy, "http://proxy.corp:3128/");
        let auth = auth.expect("credentials");
        assert!(auth.is_sensitive());
        // base64("user:pa ss")
        assert_eq!(auth, "Basic dXNlcjpwYSBzcw==");

        let forward = route("http://localhost:12111", &vars).unwrap();
        let Route::Forward { proxy, auth: None } = &forward else {
            panic!("an http base URL is forwarded: {forward:?}")
        };
        assert_eq!(proxy, "http://proxy.corp:8080/", "no scheme means http");
        assert!(forward.request_auth().is_none());
    }

    #[test]
    fn no_proxy_and_no_variable_go_direct() {
        let vars = [
            ("ALL_PROXY", "http://proxy.corp:3128"),
            ("NO_PROXY", "localhost, .stripe.com"),
        ];
        for base in ["https://api.stripe.com", "http://localhost:12111"] {
            assert!(matches!(route(base, &[]), Ok(Route::Direct)));
            assert!(matches!(route(base, &vars), Ok(Route::Direct)));
        }
    }

    #[test]
    fn no_proxy_star_bypasses_addresses_too() {
        let vars = [
            ("ALL_PROXY", "http://u:p@proxy.corp:3128"),
            ("NO_PROXY", "example.com, *"),
        ];
        for base in [
            "http://127.0.0.1:12111",
            "http://[::1]:12111",
            "https://api.stripe.com",
        ] {
            assert!(matches!(route(base, &vars), Ok(Route::Direct)), "{base}");
        }
    }

    #[test]
    fn only_forwarded_requests_carry_the_credentials() {
        let vars = [("ALL_PROXY", "http://u:p@proxy.corp:3128")];
        let tunnel = route("https://api.stripe.com", &vars).unwrap();
        assert!(tunnel.request_auth().is_none(), "the server must not see them");
        let forward = route("http://mock.local", &vars).unwrap();
        assert_eq!(forward.request_auth().unwrap(), "Basic dTpw");
    }

    #[test]
    fn a_proxy_over_tls_or_socks_is_refused_without_its_url() {
        for proxy in [
            "https://u:secret@proxy.corp:443",
            "socks5://u:secret@proxy.corp:1080",
        ] {
            let error = route("https://api.stripe.com", &[("ALL_PROXY", proxy)]).expect_err(proxy);
            let shown = error.to_string();
            assert!(shown.contains("only to http:// proxies"), "{shown}");
            assert!(
                !shown.contains("secret") && !shown.contains("proxy.corp"),
                "{shown}"
            );
        }
    }
}
