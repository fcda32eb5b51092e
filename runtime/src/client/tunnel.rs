//! The `CONNECT` exchange that turns a TCP connection to a proxy into a tunnel to the server
//! (RFC 9110 §9.3.6): ask for `host:port`, with the proxy's credentials when it has some, and read
//! the proxy's answer up to its blank line. Any 2xx opens the tunnel; the bytes after it are the
//! server's, so TLS starts there. A refusal is an I/O error naming the proxy's status (407 says
//! credentials are missing or wrong), never the credentials.

use std::future::poll_fn;
use std::io;
use std::pin::Pin;

use hyper::header::HeaderValue;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// A proxy's answer larger than this is not one: the connection is given up.
const MAX_ANSWER: usize = 8 * 1024;

/// Asks the proxy at the other end of `stream` for a tunnel to `host:port` (IPv6 in brackets).
pub(super) async fn tunnel(
    stream: &mut TcpStream,
    host: &str,
    port: u16,
    auth: Option<&HeaderValue>,
) -> io::Result<()> {
    let mut ask = format!("CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n").into_bytes();
    if let Some(auth) = auth {
        ask.extend_from_slice(b"Proxy-Authorization: ");
        ask.extend_from_slice(auth.as_bytes());
        ask.extend_from_slice(b"\r\n");
    }
    ask.extend_from_slice(b"\r\n");
    write_all(stream, &ask).await?;
    let answer = read_head(stream).await?;
    let status = answer
        .strip_prefix("HTTP/1.")
        .and_then(|rest| rest.get(2..5))
        .and_then(|code| code.parse::<u16>().ok());
    match status {
        Some(200..=299) => Ok(()),
        Some(407) => Err(io::Error::other(
            "the proxy wants credentials (407 Proxy Authentication Required): check the user and \
             password in HTTPS_PROXY",
        )),
        Some(status) => Err(io::Error::other(format!(
            "the proxy refused the tunnel with {status}"
        ))),
        None => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the proxy's answer to CONNECT is not HTTP",
        )),
    }
}

/// Reads the proxy's answer up to and including its blank line. The proxy says nothing more until
/// the client speaks through the tunnel, so nothing of the server's is read here.
async fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > MAX_ANSWER {
            return Err(io::Error::other("the proxy's answer to CONNECT is too long"));
        }
        let mut read = ReadBuf::new(&mut buffer);
        poll_fn(|cx| Pin::new(&mut *stream).poll_read(cx, &mut read)).await?;
        if read.filled().is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the proxy closed the connection before answering CONNECT",
            ));
        }
        head.extend_from_slice(read.filled());
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

async fn write_all(stream: &mut TcpStream, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        let written = poll_fn(|cx| Pin::new(&mut *stream).poll_write(cx, bytes)).await?;
        if written == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[written..];
    }
    Ok(())
}
