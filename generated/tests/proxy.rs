//! The client behind a proxy named by the environment, as reqwest honoured it before: a tiny proxy
//! on 127.0.0.1 that records what it is asked, then forwards a plain request (`HTTP_PROXY`) or opens
//! a `CONNECT` tunnel (`HTTPS_PROXY`) to a local server, whatever host the request names. The base
//! URLs name hosts under `.test`, which never resolve, so a request that arrives went through the
//! proxy. `NO_PROXY` bypasses it; a proxy the client cannot speak to is refused when it is built.
//!
//! Its own test binary with one test: the proxy variables are process-wide, and another test
//! building a client at the same time would pick them up.
#![cfg(feature = "client")]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use stripe_identity::*;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::{chain, fast, session, KEY};
const VARIABLES: [&str; 9] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "REQUEST_METHOD",
];

/// What the proxy was asked: each connection's request line and `Proxy-Authorization`.
#[derive(Clone, Debug, PartialEq)]
struct Asked {
    line: String,
    auth: Option<String>,
}

/// A proxy that sends every request, or tunnel, on to `upstream`.
struct Proxy {
    address: SocketAddr,
    asked: Arc<Mutex<Vec<Asked>>>,
}

impl Proxy {
    fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let address = listener.local_addr().expect("bound");
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(client, upstream, &log));
            }
        });
        Self { address, asked }
    }

    /// The proxy's URL with `user:password@`.
    fn url(&self) -> String {
        format!("http://user:pa%20ss@{}", self.address)
    }

    fn asked(&self) -> Vec<Asked> {
        self.asked.lock().unwrap().clone()
    }
}

/// `Basic base64("user:pa ss")`: the credentials of [`Proxy::url`], decoded and encoded again.
const AUTH: &str = "Basic dXNlcjpwYSBzcw==";

/// Reads one request head, records it, and connects the client to `upstream`: through a tunnel for
/// `CONNECT`, else by sending the request on in origin form (as the upstream server expects).
fn serve(client: TcpStream, upstream: SocketAddr, log: &Mutex<Vec<Asked>>) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut head = Vec::new();
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
        head.push(std::mem::take(&mut line));
    }
    let Some(request_line) = head.first().map(|line| line.trim_end().to_owned()) else {
        return;
    };
    let auth = head.iter().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("proxy-authorization")
            .then(|| value.trim().to_owned())
    });
    log.lock().unwrap().push(Asked {
        line: request_line.clone(),
        auth,
    });
    let mut server = TcpStream::connect(upstream).expect("the upstream server listens");
    let mut client_out = client;
    if request_line.starts_with("CONNECT ") {
        client_out
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .unwrap();
    } else {
        // `GET http://host/path HTTP/1.1` becomes `GET /path HTTP/1.1`.
        let mut parts = request_line.splitn(3, ' ');
        let (verb, target, version) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let after_scheme = target.split_once("://").map_or(target, |(_, rest)| rest);
        let origin = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
        let mut forwarded = format!("{verb} {origin} {version}\r\n");
        head[1..].iter().for_each(|line| forwarded.push_str(line));
        forwarded.push_str("\r\n");
        server.write_all(forwarded.as_bytes()).unwrap();
    }
    // Bytes the reader holds beyond the head (a body, a TLS ClientHello) go first.
    server.write_all(reader.buffer()).unwrap();
    let mut server_in = server.try_clone().unwrap();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut reader, &mut server_in);
    });
    let _ = std::io::copy(&mut server, &mut client_out);
}

/// A server that answers a TLS ClientHello with plain HTTP and keeps the first bytes it got.
fn plain_http_server() -> (SocketAddr, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("bound");
    let first = Arc::new(Mutex::new(Vec::new()));
    let keep = Arc::clone(&first);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut bytes = [0; 5];
            if stream.read_exact(&mut bytes).is_ok() {
                keep.lock().unwrap().extend_from_slice(&bytes);
            }
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (address, first)
}

/// A proxy that answers every `CONNECT` with 407, counting them.
fn refusing_proxy() -> (SocketAddr, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("bound");
    let count = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&count);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|read| read > 0) && line != "\r\n" {
                line.clear();
            }
            *counted.lock().unwrap() += 1;
            let _ =
                stream.write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
        }
    });
    (address, count)
}

fn set_only(variables: &[(&str, &str)]) {
    for name in VARIABLES {
        std::env::remove_var(name);
    }
    for (name, value) in variables {
        std::env::set_var(name, value);
    }
}

fn client(base_url: &str) -> Result<Client, Error> {
    stripe_identity::client(KEY)
        .base_url(base_url)
        .max_retries(2)
        .backoff(fast())
        .build()
}

#[tokio::test]
async fn environment_proxies_are_used_for_http_and_https_and_bypassed_by_no_proxy() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/identity/verification_sessions/vs_1"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    let upstream = server.address().to_owned();

    // http: forwarded in absolute form, the credentials on the request.
    let proxy = Proxy::start(upstream);
    set_only(&[("http_proxy", &proxy.url())]);
    let retrieved = client("http://stripe.test")
        .unwrap()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect("retrieved through the proxy");
    assert_eq!(retrieved.id, "vs_1");
    assert_eq!(
        proxy.asked(),
        [Asked {
            line: "GET http://stripe.test/v1/identity/verification_sessions/vs_1 HTTP/1.1".into(),
            auth: Some(AUTH.into()),
        }]
    );

    // NO_PROXY: straight to the server, the proxy never asked.
    let bypassed = Proxy::start(upstream);
    set_only(&[
        ("HTTP_PROXY", &bypassed.url()),
        ("NO_PROXY", "localhost,127.0.0.1"),
    ]);
    client(&server.uri())
        .unwrap()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect("retrieved directly");
    assert!(bypassed.asked().is_empty(), "{:?}", bypassed.asked());

    // https: a CONNECT tunnel, the credentials on the CONNECT only, TLS inside it. The server at
    // the end does not speak TLS (no certificate a test can make is trusted by Mozilla's roots),
    // so the handshake fails there: a TLS failure, not retried.
    let (tls_upstream, first_bytes) = plain_http_server();
    let tunnel = Proxy::start(tls_upstream);
    set_only(&[
        ("HTTPS_PROXY", &tunnel.url()),
        ("HTTP_PROXY", "http://127.0.0.1:9"),
    ]);
    let error = client("https://api.stripe.test")
        .unwrap()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("no TLS at the end of the tunnel");
    assert!(
        matches!(error, Error::Connection { timed_out: false, .. }),
        "{error:?}"
    );
    assert_eq!(
        tunnel.asked(),
        [Asked {
            line: "CONNECT api.stripe.test:443 HTTP/1.1".into(),
            auth: Some(AUTH.into()),
        }],
        "one CONNECT: a TLS failure is not retried"
    );
    let first_bytes = first_bytes.lock().unwrap().clone();
    assert_eq!(
        first_bytes[..3],
        [0x16, 0x03, 0x01],
        "a TLS handshake record: {first_bytes:?}"
    );

    // ALL_PROXY serves both schemes.
    let all = Proxy::start(upstream);
    set_only(&[("ALL_PROXY", &all.url())]);
    client("http://stripe.test:8080/prefix")
        .unwrap()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("the mock has no /prefix route");
    assert_eq!(
        all.asked()[0].line,
        "GET http://stripe.test:8080/prefix/v1/identity/verification_sessions/vs_1 HTTP/1.1"
    );

    // NO_PROXY=*: every host bypasses the proxy, IP addresses too (as in curl; hyper-util's
    // matcher alone would send this local base URL and the proxy's credentials to the proxy).
    let star = Proxy::start(upstream);
    set_only(&[("HTTP_PROXY", &star.url()), ("NO_PROXY", "*")]);
    client(&server.uri())
        .unwrap()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect("retrieved directly");
    assert!(star.asked().is_empty(), "{:?}", star.asked());

    // A proxy that answers CONNECT with 407: the error says so and what to check, and the
    // attempt is retried as a failure to connect (nothing reached the server).
    let (refusing, connects) = refusing_proxy();
    set_only(&[("HTTPS_PROXY", &format!("http://{refusing}"))]);
    let error = client("https://api.stripe.test")
        .unwrap()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("no credentials");
    assert!(
        chain(&error).contains("407 Proxy Authentication Required"),
        "{}",
        chain(&error)
    );
    assert_eq!(*connects.lock().unwrap(), 3, "retried twice: {error}");

    // A proxy over TLS or SOCKS: refused when the client is built, the URL not repeated.
    for proxy in [
        "https://user:secret@proxy.test:443",
        "socks5://user:secret@proxy.test:1080",
    ] {
        set_only(&[("HTTPS_PROXY", proxy)]);
        let error = client("https://api.stripe.test").expect_err(proxy);
        assert_eq!(error.kind(), ErrorKind::Config);
        assert!(!chain(&error).contains("secret"), "{}", chain(&error));
    }
    set_only(&[]);
}
