//! The HTTP stack under the client: hyper's pooled HTTP/1.1 client (hyper-util's "legacy" client,
//! the one reqwest is built on) over rustls, over a TCP connector that takes the proxy route into
//! account. Redirects, cookies, compression and HTTP/2 are left out on purpose: Stripe's API
//! answers with none of them that the client would follow, and Stripe's own SDKs speak HTTP/1.1.
//!
//! The layers, outermost first: the pool; TLS for https URLs (ring, Mozilla's roots, TLS 1.2 and
//! 1.3, ALPN `http/1.1`); [`Connector`], which opens the TCP connection to the server, to the
//! proxy for a request it forwards, or through the proxy's `CONNECT` tunnel; hyper-util's
//! `HttpConnector` (DNS on a blocking thread, Happy Eyeballs, `TCP_NODELAY`).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use hyper::rt::{Read, ReadBufCursor, Write};
use hyper::Uri;
use hyper_rustls::{ConfigBuilderExt, HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::net::TcpStream;
use tower_service::Service;

use super::proxy::Route;
use super::Error;

/// The pooled client the [`super::Client`] sends through; request bodies are the form text.
pub(super) type HttpClient = Client<HttpsConnector<Connector>, String>;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The HTTP client for `route`, or a `Config` error if TLS cannot be set up.
pub(super) fn http_client(route: &Route) -> Result<HttpClient, Error> {
    let mut tcp = HttpConnector::new();
    // https URLs too: TLS is the layer above, which hands this one the URL to connect to.
    tcp.enforce_http(false);
    // A request is written in one or two small writes; Nagle's algorithm would only delay them.
    tcp.set_nodelay(true);
    let connector = match route {
        Route::Direct => Connector::Direct(tcp),
        Route::Tunnel { proxy, auth } => {
            let tunnel = Tunnel::new(proxy.clone(), tcp);
            Connector::Tunnel(match auth {
                Some(auth) => tunnel.with_auth(auth.clone()),
                None => tunnel,
            })
        }
        Route::Forward { proxy, .. } => Connector::Forward {
            tcp,
            proxy: proxy.clone(),
        },
    };
    // The ring provider by name: the process-wide default would panic when an application's
    // graph also turns on rustls's aws-lc-rs.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("TLS could not be set up: {e}")))?
        .with_webpki_roots()
        .with_no_client_auth();
    let https = HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        // http for mock servers and local proxies; the base URL's scheme decides.
        .https_or_http()
        .enable_http1()
        .wrap_connector(connector);
    // The timer lets the pool drop connections idle for 90 s (hyper-util's default), before a
    // server or NAT closes them under a request.
    Ok(Client::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .build(https))
}

/// Opens the TCP connection a request needs, as the route says.
#[derive(Clone, Debug)]
pub(super) enum Connector {
    Direct(HttpConnector),
    Tunnel(Tunnel<HttpConnector>),
    Forward { tcp: HttpConnector, proxy: Uri },
}

impl Service<Uri> for Connector {
    type Response = Stream;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Stream, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        match self {
            Self::Direct(tcp) | Self::Forward { tcp, .. } => tcp.poll_ready(cx).map_err(Into::into),
            Self::Tunnel(tunnel) => tunnel.poll_ready(cx).map_err(Into::into),
        }
    }

    fn call(&mut self, destination: Uri) -> Self::Future {
        match self {
            Self::Direct(tcp) => Stream::opened(tcp.call(destination), false),
            Self::Tunnel(tunnel) => Stream::opened(tunnel.call(destination), false),
            // The proxy, whatever the destination: the request names the destination itself.
            Self::Forward { tcp, proxy } => Stream::opened(tcp.call(proxy.clone()), true),
        }
    }
}

/// A TCP connection that says whether it goes to a proxy that forwards requests: hyper then writes
/// the request target in absolute form (`GET http://host/v1/…`), which such a proxy needs.
#[derive(Debug)]
pub(super) struct Stream {
    io: TokioIo<TcpStream>,
    forwarded: bool,
}

impl Stream {
    /// The stream `connecting` opens, boxed as [`Connector`]'s future.
    fn opened<F, E>(connecting: F, forwarded: bool) -> <Connector as Service<Uri>>::Future
    where
        F: Future<Output = Result<TokioIo<TcpStream>, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        Box::pin(async move {
            let io = connecting.await.map_err(Into::into)?;
            Ok(Self { io, forwarded })
        })
    }
}

impl Connection for Stream {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.forwarded)
    }
}

impl Read for Stream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl Write for Stream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}
