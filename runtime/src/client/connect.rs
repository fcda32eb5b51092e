//! How the default transport opens a connection to the base URL, as the proxy route says:
//! hyper-util's `HttpConnector` (Happy Eyeballs between address families, a connect timeout
//! shared among the addresses, nodelay), a `CONNECT` tunnel through a proxy (hyper-util's
//! `Tunnel`), and TLS for an https base URL (hyper-rustls over rustls with ring, Mozilla's roots,
//! TLS 1.2 and 1.3, ALPN `http/1.1`).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::header::HeaderValue;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper::Uri;
use hyper_rustls::{HttpsConnector, MaybeHttpsStream};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower_service::Service;

use super::proxy::Route;
use super::transport::BoxError;
use super::Error;

/// Opens connections along one route; what hyper-util's pool calls for a new connection.
#[derive(Clone, Debug)]
pub(super) enum RouteConnector {
    /// Straight to the server, TLS for https.
    Direct(HttpsConnector<HttpConnector>),
    /// TLS to the server inside a `CONNECT` tunnel through the proxy.
    Tunnel(HttpsConnector<Tunnel<HttpConnector>>),
    /// Plain HTTP to the proxy, which forwards each request (sent in absolute form).
    Forward { tcp: HttpConnector, proxy: Uri },
}

impl RouteConnector {
    /// The connector for `route`, each address getting its share of `connect_timeout`.
    pub(super) fn new(route: &Route, connect_timeout: Duration) -> Result<Self, Error> {
        let mut tcp = HttpConnector::new();
        configure_tcp(&mut tcp, connect_timeout);
        Ok(match route {
            Route::Direct => Self::Direct(HttpsConnector::from((tcp, tls_config()?))),
            Route::Tunnel { proxy, auth } => {
                let mut tunnel = Tunnel::new(proxy.clone(), tcp);
                if let Some(auth) = auth {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                Self::Tunnel(HttpsConnector::from((tunnel, tls_config()?)))
            }
            Route::Forward { proxy, .. } => Self::Forward {
                tcp,
                proxy: proxy.clone(),
            },
        })
    }
}

/// The TCP settings: `connect_timeout` is split evenly among the addresses of each family
/// (hyper-util's rule), so an address that never answers costs its share and the next one is
/// tried; the other family joins after 300 ms (RFC 8305's Happy Eyeballs, hyper-util's default).
pub(super) fn configure_tcp<R>(tcp: &mut HttpConnector<R>, connect_timeout: Duration) {
    // The scheme is TLS's business (the https connector above), not the TCP connector's.
    tcp.enforce_http(false);
    // A request goes out in one or two small writes; Nagle's algorithm only delays them.
    tcp.set_nodelay(true);
    tcp.set_connect_timeout(Some(connect_timeout));
}

/// The TLS settings: ring named explicitly (the process-wide default provider would panic when an
/// application's graph also turns on rustls's aws-lc-rs), rustls's safe protocol versions (TLS 1.2
/// and 1.3), Mozilla's roots as compiled into webpki-roots, HTTP/1.1 offered by ALPN.
fn tls_config() -> Result<Arc<rustls::ClientConfig>, Error> {
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
    Ok(Arc::new(config))
}

impl Service<Uri> for RouteConnector {
    type Response = Conn;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Conn, BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        // Every connector here is always ready (hyper-util's and hyper-rustls's are).
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, destination: Uri) -> Self::Future {
        match self {
            Self::Direct(https) => {
                let connecting = https.call(destination);
                Box::pin(async move { Ok(Conn::new(connecting.await?, false)) })
            }
            Self::Tunnel(https) => {
                let connecting = https.call(destination);
                Box::pin(async move { Ok(Conn::new(connecting.await.map_err(explain_tunnel)?, false)) })
            }
            Self::Forward { tcp, proxy } => {
                let connecting = tcp.call(proxy.clone());
                Box::pin(async move {
                    let stream = connecting.await?;
                    Ok(Conn::new(MaybeHttpsStream::Http(stream), true))
                })
            }
        }
    }
}

/// A refused `CONNECT` told as the proxy's answer and what to do about it, as an I/O error:
/// nothing reached the server, so it is retried as a failure to connect, as before the tunnel was
/// hyper-util's. hyper-util does not export its `TunnelError`, so its variants are known by their
/// messages (`TUNNEL_ERRORS`); one it words differently some day keeps its own message and is not
/// retried.
fn explain_tunnel(error: BoxError) -> BoxError {
    let said = error.to_string();
    let variant = said.strip_prefix("tunnel error: ").unwrap_or_default();
    match TUNNEL_ERRORS.iter().find(|(theirs, _, _)| *theirs == variant) {
        Some((_, kind, ours)) => Box::new(io::Error::new(*kind, *ours)),
        None => error,
    }
}

/// hyper-util's `TunnelError` messages, with what the client says instead.
const TUNNEL_ERRORS: [(&str, io::ErrorKind, &str); 4] = [
    (
        "proxy authorization required",
        io::ErrorKind::Other,
        "the proxy wants credentials (407 Proxy Authentication Required): check the user and password in HTTPS_PROXY",
    ),
    (
        "unsuccessful",
        io::ErrorKind::Other,
        "the proxy refused the tunnel (its answer to CONNECT was not 200)",
    ),
    (
        "proxy response headers too long",
        io::ErrorKind::Other,
        "the proxy's answer to CONNECT is too long",
    ),
    (
        "unexpected end of file",
        io::ErrorKind::UnexpectedEof,
        "the proxy closed the connection before answering CONNECT",
    ),
];

/// A connection of any route. It tells hyper-util's client whether it leads to a forwarding
/// proxy, which makes the client write request targets in absolute form.
#[derive(Debug)]
pub(super) struct Conn {
    stream: MaybeHttpsStream<TokioIo<TcpStream>>,
    to_forwarding_proxy: bool,
}

impl Conn {
    fn new(stream: MaybeHttpsStream<TokioIo<TcpStream>>, to_forwarding_proxy: bool) -> Self {
        Self {
            stream,
            to_forwarding_proxy,
        }
    }
}

impl Connection for Conn {
    fn connected(&self) -> Connected {
        self.stream.connected().proxy(self.to_forwarding_proxy)
    }
}

impl Read for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl Write for Conn {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }
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
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};

    use hyper_util::client::legacy::connect::dns::Name;

    use super::*;

    #[test]
    fn host_headers_omit_the_default_port() {
        let host = |base: &str| host_header(&base.parse().unwrap()).unwrap();
        assert_eq!(host("https://api.stripe.com"), "api.stripe.com");
        assert_eq!(host("https://api.stripe.com:443/prefix"), "api.stripe.com");
        assert_eq!(host("http://127.0.0.1:12111"), "127.0.0.1:12111");
        assert_eq!(host("http://[::1]:80"), "[::1]");
    }

    /// Resolves every name to the given addresses, in order.
    #[derive(Clone)]
    struct Fixed(Vec<IpAddr>);

    impl Service<Name> for Fixed {
        type Response = std::vec::IntoIter<SocketAddr>;
        type Error = io::Error;
        type Future = std::future::Ready<Result<Self::Response, io::Error>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _: Name) -> Self::Future {
            let addresses: Vec<SocketAddr> = self.0.iter().map(|ip| SocketAddr::new(*ip, 0)).collect();
            std::future::ready(Ok(addresses.into_iter()))
        }
    }

    /// A host with two IPv4 addresses whose first never answers (a listener whose backlog is
    /// full: the kernel drops the SYN, as a blackholed route does) connects through the second
    /// once the first has had its share of the connect timeout. Without a per-address timeout the
    /// first would hold the connect for the kernel's SYN retries, about two minutes.
    #[test]
    fn an_address_that_never_answers_costs_its_share_of_the_connect_timeout() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            // One port on both addresses: the port the kernel gives 127.0.0.2 may be taken on
            // 127.0.0.1 by another test or process, so another is drawn until both are free.
            let (_answering, port, silent) = (0..100)
                .find_map(|_| {
                    let answering =
                        std::net::TcpListener::bind("127.0.0.2:0").expect("127.0.0.2 is loopback");
                    let port = answering.local_addr().unwrap().port();
                    let silent = tokio::net::TcpSocket::new_v4().unwrap();
                    silent
                        .bind(SocketAddr::new(Ipv4Addr::LOCALHOST.into(), port))
                        .ok()?;
                    Some((answering, port, silent))
                })
                .expect("a port free on both loopback addresses");
            let silent = silent.listen(0).unwrap();
            // One connection fills the backlog; the kernel drops every SYN after it.
            let _filler = TcpStream::connect(silent.local_addr().unwrap()).await.unwrap();

            let mut tcp = HttpConnector::new_with_resolver(Fixed(vec![
                Ipv4Addr::LOCALHOST.into(),
                Ipv4Addr::new(127, 0, 0, 2).into(),
            ]));
            configure_tcp(&mut tcp, Duration::from_millis(800));
            let started = std::time::Instant::now();
            let uri: Uri = format!("http://two-addresses.test:{port}").parse().unwrap();
            let stream = tokio::time::timeout(Duration::from_secs(5), tcp.call(uri))
                .await
                .expect("the second address is tried within the connect timeout")
                .expect("connected");
            assert_eq!(
                stream.inner().peer_addr().unwrap().ip(),
                Ipv4Addr::new(127, 0, 0, 2)
            );
            assert!(
                started.elapsed() >= Duration::from_millis(350),
                "{:?}",
                started.elapsed()
            );
        });
    }
}
