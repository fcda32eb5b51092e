//! The proxy settings of the environment, read as curl reads them and as reqwest did through
//! hyper-util's `Matcher`, whose rules this follows line for line (a port, so that the client does
//! not compile hyper-util's client layer, tracing, ipnet and base64 for one small function):
//!
//! - `HTTPS_PROXY` for https URLs, `HTTP_PROXY` for http ones, `ALL_PROXY` for either when the
//!   scheme's own is unset; each upper-case name first, then lower-case. A value without a scheme
//!   is an http proxy; `user:password@` (percent-decoded) becomes `Proxy-Authorization: Basic`; a
//!   value that does not parse, or names another scheme than http, https or socks, is ignored.
//! - `NO_PROXY`: comma-separated; `*` matches every host; an IP address or CIDR network matches
//!   the addresses in it; any other entry is a domain matching itself and its subdomains, with or
//!   without a leading dot, in any case. (One departure, towards curl: hyper-util lets `*` match
//!   names only, so an IP address host stayed proxied.)
//! - Nothing at all when `REQUEST_METHOD` is set: a CGI script takes `HTTP_PROXY` from the request's
//!   `Proxy` header, which the client's caller does not control (httpoxy).

use std::net::IpAddr;

use hyper::header::HeaderValue;
use hyper::Uri;

/// A proxy named by the environment.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Proxy {
    /// `scheme://host:port/`, credentials removed.
    pub(super) uri: Uri,
    /// `Basic …` from the credentials in the URL, marked sensitive.
    pub(super) auth: Option<HeaderValue>,
}

/// The proxies for http and https URLs, and the hosts that bypass them.
#[derive(Debug, Default)]
pub(super) struct ProxyEnv {
    http: Option<Proxy>,
    https: Option<Proxy>,
    no_proxy: Vec<String>,
}

impl ProxyEnv {
    /// Reads the process's environment.
    pub(super) fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the variables `var` gives (the environment, or a test's table).
    pub(super) fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        if var("REQUEST_METHOD").is_some() {
            return Self::default();
        }
        let first = |names: [&str; 2]| names.iter().find_map(|name| var(name)).unwrap_or_default();
        let all = parse_proxy(&first(["ALL_PROXY", "all_proxy"]));
        Self {
            http: parse_proxy(&first(["HTTP_PROXY", "http_proxy"])).or_else(|| all.clone()),
            https: parse_proxy(&first(["HTTPS_PROXY", "https_proxy"])).or(all),
            no_proxy: first(["NO_PROXY", "no_proxy"])
                .split(',')
                .map(str::trim)
                .filter(|entry| !entry.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The proxy for `destination`, if one applies.
    pub(super) fn intercept(&self, destination: &Uri) -> Option<&Proxy> {
        if self.bypasses(destination.host()?) {
            return None;
        }
        match destination.scheme_str() {
            Some("http") => self.http.as_ref(),
            Some("https") => self.https.as_ref(),
            _ => None,
        }
    }

    /// Whether `NO_PROXY` lists `host` (a URI host: IPv6 in brackets).
    fn bypasses(&self, host: &str) -> bool {
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        if self.no_proxy.iter().any(|entry| entry == "*") {
            return true;
        }
        match host.parse::<IpAddr>() {
            Ok(address) => self.no_proxy.iter().any(|entry| ip_matches(entry, address)),
            Err(_) => self.no_proxy.iter().any(|entry| domain_matches(entry, host)),
        }
    }
}

/// An entry of `NO_PROXY` against an address: the same address, or a network holding it.
fn ip_matches(entry: &str, address: IpAddr) -> bool {
    let (network, prefix) = match entry.split_once('/') {
        Some((network, prefix)) => (network, prefix.parse::<u32>().ok()),
        None => (entry, None),
    };
    let Ok(network) = network.parse::<IpAddr>() else {
        return false;
    };
    match (network, address, prefix) {
        (IpAddr::V4(_), IpAddr::V4(_), Some(33..)) | (IpAddr::V6(_), IpAddr::V6(_), Some(129..)) => false,
        (IpAddr::V4(network), IpAddr::V4(address), Some(prefix)) => {
            let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
            u32::from(network) & mask == u32::from(address) & mask
        }
        (IpAddr::V6(network), IpAddr::V6(address), Some(prefix)) => {
            let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
            u128::from(network) & mask == u128::from(address) & mask
        }
        (network, address, None) => network == address,
        _ => false,
    }
}

/// An entry of `NO_PROXY` against a host name: the name itself, or a domain above it.
fn domain_matches(entry: &str, host: &str) -> bool {
    let domain = entry.strip_prefix('.').unwrap_or(entry);
    if host.eq_ignore_ascii_case(domain) {
        return true;
    }
    // A subdomain: the host ends with `.domain`.
    host.len() > domain.len()
        && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
        && host
            .get(host.len() - domain.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(domain))
}

/// A proxy variable's value, or `None` for one that is empty or that no client could use.
fn parse_proxy(value: &str) -> Option<Proxy> {
    let uri = value.parse::<Uri>().ok()?;
    let scheme = match uri.scheme_str() {
        None => "http",
        Some(scheme @ ("http" | "https" | "socks4" | "socks4a" | "socks5" | "socks5h")) => scheme,
        Some(_) => return None,
    };
    let authority = uri.authority()?.as_str();
    let (auth, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(basic_auth(userinfo)), host_port),
        None => (None, authority),
    };
    let uri = Uri::builder()
        .scheme(scheme)
        .authority(host_port)
        .path_and_query("/")
        .build()
        .ok()?;
    Some(Proxy { uri, auth })
}

/// `Basic base64(user:password)` from a URL's percent-encoded `user[:password]`.
fn basic_auth(userinfo: &str) -> HeaderValue {
    let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    let credentials = format!("{}:{}", percent_decode(user), percent_decode(password));
    let mut value = HeaderValue::try_from(format!("Basic {}", base64(credentials.as_bytes())))
        .expect("base64 is a valid header value");
    value.set_sensitive(true);
    value
}

/// `%XX` escapes decoded; anything else, a malformed escape too, kept as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Standard base64 with padding (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &byte)| n | u32::from(byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> ProxyEnv {
        ProxyEnv::from_vars(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    fn proxy_for<'a>(env: &'a ProxyEnv, url: &str) -> Option<&'a Proxy> {
        env.intercept(&url.parse().unwrap())
    }

    #[test]
    fn each_scheme_takes_its_variable_then_all_proxy() {
        let env = env(&[
            ("https_proxy", "http://secure.corp:3128"),
            ("ALL_PROXY", "all.corp:8080"),
            ("HTTPS_PROXY", "http://upper.corp:3128"),
        ]);
        assert_eq!(
            proxy_for(&env, "https://api.stripe.com").unwrap().uri,
            "http://upper.corp:3128/"
        );
        assert_eq!(
            proxy_for(&env, "http://localhost").unwrap().uri,
            "http://all.corp:8080/",
            "no scheme is http"
        );
        assert_eq!(proxy_for(&env, "ftp://x").map(|p| &p.uri), None);
    }

    #[test]
    fn credentials_become_basic_auth_and_leave_the_uri() {
        let env = env(&[("HTTPS_PROXY", "http://us%40er:pa%20ss:x@proxy.corp:3128")]);
        let proxy = proxy_for(&env, "https://api.stripe.com").unwrap();
        assert_eq!(proxy.uri, "http://proxy.corp:3128/");
        let auth = proxy.auth.as_ref().unwrap();
        assert!(auth.is_sensitive());
        // base64("us@er:pa ss:x")
        assert_eq!(auth, "Basic dXNAZXI6cGEgc3M6eA==");
        let user_only = env_auth("http://user@proxy.corp");
        assert_eq!(user_only, "Basic dXNlcjo=", "base64(\"user:\")");
    }

    fn env_auth(proxy: &str) -> HeaderValue {
        let env = env(&[("HTTP_PROXY", proxy)]);
        proxy_for(&env, "http://x").unwrap().auth.clone().unwrap()
    }

    #[test]
    fn unusable_values_and_cgi_scripts_mean_no_proxy() {
        for value in ["", "not a uri", "ftp://proxy.corp:21", "http://"] {
            let env = env(&[("HTTPS_PROXY", value)]);
            assert_eq!(proxy_for(&env, "https://api.stripe.com"), None, "{value:?}");
        }
        let socks = env(&[("HTTPS_PROXY", "socks5://proxy.corp:1080")]);
        assert_eq!(
            proxy_for(&socks, "https://x").unwrap().uri,
            "socks5://proxy.corp:1080/"
        );
        let cgi = env(&[("HTTP_PROXY", "http://evil:1"), ("REQUEST_METHOD", "GET")]);
        assert_eq!(proxy_for(&cgi, "http://x"), None);
    }

    #[test]
    fn no_proxy_matches_as_curl_does() {
        let env = env(&[
            ("ALL_PROXY", "http://proxy.corp:3128"),
            (
                "NO_PROXY",
                " stripe.com, .Internal.test ,10.0.0.0/8, 192.168.1.5, ::1, fd00::/8",
            ),
        ]);
        let bypassed = |url: &str| proxy_for(&env, url).is_none();
        for url in [
            "https://stripe.com",
            "https://api.STRIPE.com",
            "http://internal.test",
            "http://a.b.internal.test:8080",
            "http://10.1.2.3",
            "http://192.168.1.5",
            "http://[::1]:12111",
            "http://[fd12::1]",
        ] {
            assert!(bypassed(url), "{url} bypasses");
        }
        for url in [
            "https://notstripe.com",
            "https://stripe.com.evil.test",
            "http://11.0.0.1",
            "http://192.168.1.6",
            "http://[fe80::1]",
        ] {
            assert!(!bypassed(url), "{url} is proxied");
        }
        let star = self::env(&[("ALL_PROXY", "http://p:1"), ("no_proxy", "*")]);
        assert!(proxy_for(&star, "https://anything.test").is_none());
        assert!(proxy_for(&star, "http://127.0.0.1:1").is_none(), "addresses too");
    }

    #[test]
    fn cidr_edges() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(ip_matches("0.0.0.0/0", ip("8.8.8.8")));
        assert!(ip_matches("10.0.0.1/32", ip("10.0.0.1")));
        assert!(!ip_matches("10.0.0.1/32", ip("10.0.0.2")));
        assert!(!ip_matches("10.0.0.0/33", ip("10.0.0.1")));
        assert!(!ip_matches("10.0.0.0/8", ip("::1")));
        assert!(ip_matches("::/0", ip("::1")));
    }

    #[test]
    fn base64_pads_as_the_rfc_says() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }
}
