//! Opening one HTTP/1.1 connection to the base URL's server, as the proxy route says: resolve and
//! connect TCP (to the server, or to the proxy), open a `CONNECT` tunnel when the route has one,
//! run TLS for an https base URL (rustls with ring, Mozilla's roots, TLS 1.2 and 1.3, ALPN
//! `http/1.1`), and start hyper's HTTP/1.1 connection on a tokio task. The pool (`pool`) keeps
//! what this opens.
//!
//! This is hyper's own connection API rather than a client built on it (hyper-util's pooled client,
//! reqwest): the client talks to one origin, so a pool of interchangeable connections and this
//! one path of opening them are all it needs, and a general client's generic machinery costs
//! several seconds of every build that uses this crate.

use std::error::Error as StdError;
use std::fmt;
use std::future::{poll_fn, Future};
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::HeaderValue;
use hyper::Uri;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use super::proxy::Route;
use super::tunnel::tunnel;
use super::Error;

/// How long the addresses of the first family get alone before the other family is tried beside
/// them (RFC 8305's Happy Eyeballs; hyper-util's and curl's figure): a host whose IPv6 route is
/// broken still connects in a blink over IPv4.
const FALLBACK_DELAY: Duration = Duration::from_millis(300);

/// A step of opening a connection that failed, with its cause.
#[derive(Debug)]
pub(crate) struct ConnectError {
    step: &'static str,
    cause: Box<dyn StdError + Send + Sync>,
}

impl ConnectError {
    fn at(step: &'static str) -> impl FnOnce(io::Error) -> Self {
        move |cause| Self {
            step,
            cause: cause.into(),
        }
    }
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed", self.step)
    }
}

impl StdError for ConnectError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.cause)
    }
}

/// Any byte stream a connection runs over: TCP, or TLS over TCP. One trait object, so hyper's
/// connection code is compiled once rather than once per stream type.
trait Io: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Io for T {}

/// Opens connections to one base URL.
#[derive(Debug)]
pub(super) struct Connector {
    route: Route,
    /// The server's host (IPv6 in brackets, as a URI writes it) and port.
    host: String,
    port: u16,
    /// The TLS settings, for an https base URL.
    tls: Option<Arc<rustls::ClientConfig>>,
}

impl Connector {
    /// A connector for `base` (already checked: http or https, with a host) along `route`.
    pub(super) fn new(base: &Uri, route: Route) -> Result<Self, Error> {
        let https = base.scheme_str() == Some("https");
        let host = base.host().unwrap_or_default().to_owned();
        let port = base.port_u16().unwrap_or(if https { 443 } else { 80 });
        let tls = if https {
            Some(Arc::new(tls_config()?))
        } else {
            None
        };
        Ok(Self {
            route,
            host,
            port,
            tls,
        })
    }

    /// Opens a connection and returns its request sender; the connection runs on its own task
    /// until the sender is dropped or the peer closes it.
    pub(super) async fn connect(&self) -> Result<SendRequest<String>, ConnectError> {
        // Before any lookup: a host that cannot be a TLS name fails the same way every time.
        let tls = match &self.tls {
            Some(config) => Some((config, self.server_name()?)),
            None => None,
        };
        let tcp = match &self.route {
            Route::Direct => tcp(&self.host, self.port).await,
            Route::Tunnel { proxy, .. } | Route::Forward { proxy, .. } => {
                let port = proxy.port_u16().unwrap_or(80);
                tcp(proxy.host().unwrap_or_default(), port).await
            }
        };
        let mut tcp = tcp.map_err(ConnectError::at("TCP connect"))?;
        if let Route::Tunnel { auth, .. } = &self.route {
            tunnel(&mut tcp, &self.host, self.port, auth.as_ref())
                .await
                .map_err(ConnectError::at("proxy CONNECT"))?;
        }
        let io: Box<dyn Io> = match tls {
            None => Box::new(tcp),
            Some((config, name)) => Box::new(
                TlsConnector::from(Arc::clone(config))
                    .connect(name, tcp)
                    .await
                    .map_err(ConnectError::at("TLS handshake"))?,
            ),
        };
        let (sender, connection) = http1::handshake(TokioIo::new(io))
            .await
            .map_err(|e| ConnectError {
                step: "HTTP handshake",
                cause: e.into(),
            })?;
        // The connection's errors reach the sender's next request; nothing to do with them here.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(sender)
    }

    /// The server's name as TLS checks it against the certificate: a DNS name or an IP address.
    fn server_name(&self) -> Result<ServerName<'static>, ConnectError> {
        ServerName::try_from(unbracketed(&self.host).to_owned()).map_err(|e| ConnectError {
            step: "TLS server name",
            cause: e.into(),
        })
    }
}

/// The TLS settings: ring named explicitly (the process-wide default provider would panic when an
/// application's graph also turns on rustls's aws-lc-rs), rustls's safe protocol versions (TLS 1.2
/// and 1.3), Mozilla's roots as compiled into webpki-roots, HTTP/1.1 offered by ALPN.
fn tls_config() -> Result<rustls::ClientConfig, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("TLS could not be set up: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// `[::1]` as `::1`: DNS and TLS take the address without the URI's brackets.
fn unbracketed(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

/// Resolves `host` and connects to one of its addresses: those of the first address's family in
/// turn, and after [`FALLBACK_DELAY`] those of the other family beside them; the first to connect
/// wins.
async fn tcp(host: &str, port: u16) -> io::Result<TcpStream> {
    let addresses: Vec<SocketAddr> = tokio::net::lookup_host((unbracketed(host), port))
        .await?
        .collect();
    let Some(first) = addresses.first() else {
        return Err(io::Error::new(io::ErrorKind::NotFound, "the host has no address"));
    };
    let (preferred, others): (Vec<SocketAddr>, Vec<SocketAddr>) = addresses
        .iter()
        .partition(|address| address.is_ipv6() == first.is_ipv6());
    if others.is_empty() {
        return in_turn(preferred).await;
    }
    let fallback = async {
        tokio::time::sleep(FALLBACK_DELAY).await;
        in_turn(others).await
    };
    first_success(in_turn(preferred), fallback).await
}

/// Connects to each address in turn until one answers; the last error otherwise.
async fn in_turn(addresses: Vec<SocketAddr>) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
    for address in addresses {
        match TcpStream::connect(address).await {
            Ok(stream) => {
                // A request goes out in one or two small writes; Nagle's algorithm only delays them.
                stream.set_nodelay(true)?;
                return Ok(stream);
            }
            Err(error) => last = error,
        }
    }
    Err(last)
}

/// The first of two connects to succeed; the first one's error when both fail.
async fn first_success(
    first: impl Future<Output = io::Result<TcpStream>>,
    second: impl Future<Output = io::Result<TcpStream>>,
) -> io::Result<TcpStream> {
    let (mut first, mut second) = (pin!(first), pin!(second));
    let (mut first_error, mut second_failed) = (None, false);
    poll_fn(|cx| {
        if first_error.is_none() {
            match first.as_mut().poll(cx) {
                Poll::Ready(Ok(stream)) => return Poll::Ready(Ok(stream)),
                Poll::Ready(Err(error)) => first_error = Some(error),
                Poll::Pending => {}
            }
        }
        if !second_failed {
            match second.as_mut().poll(cx) {
                Poll::Ready(Ok(stream)) => return Poll::Ready(Ok(stream)),
                Poll::Ready(Err(_)) => second_failed = true,
                Poll::Pending => {}
            }
        }
        match first_error.take() {
            Some(error) if second_failed => Poll::Ready(Err(error)),
            kept => {
                first_error = kept;
                Poll::Pending
            }
        }
    })
    .await
}

/// The `Host` header for `base`: its host, and its port unless it is the scheme's default.
pub(super) fn host_header(base: &Uri) -> Result<HeaderValue, Error> {
    let default_port = if base.scheme_str() == Some("https") {
        443
    } else {
        80
    };
    let host = base.host().unwrap_or_default();
    let value = match base.port_u16() {
        Some(port) if port != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    };
    HeaderValue::from_str(&value)
        .map_err(|_| Error::Config("the base URL's host is not a valid header".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_headers_omit_the_default_port() {
        let host = |base: &str| host_header(&base.parse().unwrap()).unwrap();
        assert_eq!(host("https://api.stripe.com"), "api.stripe.com");
        assert_eq!(host("https://api.stripe.com:443/prefix"), "api.stripe.com");
        assert_eq!(host("http://127.0.0.1:12111"), "127.0.0.1:12111");
        assert_eq!(host("http://[::1]:80"), "[::1]");
        assert_eq!(unbracketed("[::1]"), "::1");
    }

    #[test]
    fn the_fallback_family_wins_when_the_first_never_answers() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let address = listener.local_addr().unwrap();
            let never = std::future::pending::<io::Result<TcpStream>>();
            let stream = first_success(never, in_turn(vec![address])).await.unwrap();
            assert_eq!(stream.peer_addr().unwrap(), address);
            let refused = async { Err(io::Error::new(io::ErrorKind::ConnectionRefused, "first")) };
            let also = async { Err(io::Error::other("second")) };
            let error = first_success(refused, also).await.unwrap_err();
            assert_eq!(
                error.kind(),
                io::ErrorKind::ConnectionRefused,
                "the first one's error"
            );
        });
    }
}
