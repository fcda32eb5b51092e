//! The HTTP/1.1 server on 127.0.0.1 (hyper's connection API on tokio): reads each request's body
//! up to the fake's limit (a larger one is refused with 413 in Stripe's envelope, before being
//! read when `Content-Length` says so), sends `/_fake/…` to the control endpoints and the rest to
//! Stripe's API, and starts the webhook deliveries a request caused once its answer is decided.
//! A `Response::Drop` closes the connection without an answer (an injected network failure).

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming as IncomingBody;
use hyper::{Request, Response as HttpResponse, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::error::StripeError;
use crate::reply::{Reply, Response};
use crate::shared::Shared;
use crate::{api, control, webhooks};

/// The first wait after a failed accept.
const ACCEPT_BACKOFF: std::time::Duration = std::time::Duration::from_millis(5);

/// An error a connection's service returns to make hyper close it without a response.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

/// Accepts connections on `listener` until `shutdown` turns true; then every connection still
/// open is closed.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    // After a failed accept (out of file descriptors, say), wait before the next, doubling up to
    // a second: retrying at once would spin a core until the cause goes away.
    let mut backoff = ACCEPT_BACKOFF;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => {
                        backoff = ACCEPT_BACKOFF;
                        stream
                    }
                    Err(_) => {
                        tokio::time::sleep(backoff).await;
                        backoff = (backoff * 2).min(std::time::Duration::from_secs(1));
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                connections.spawn(async move {
                    let timeout = shared.header_read_timeout;
                    let service = hyper::service::service_fn(move |request| answer(shared.clone(), request));
                    // The timer lets hyper time out a client that never finishes its headers.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(timeout)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            // Reap finished connections so the set does not grow with every one ever served.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = shutdown.changed() => break,
        }
    }
    connections.shutdown().await;
}

async fn answer(
    shared: Arc<Shared>,
    request: Request<IncomingBody>,
) -> Result<HttpResponse<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let limit = shared.body_limit;
    let declared = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    let body = if declared.is_some_and(|length| length > limit as u64) {
        Err(StripeError::too_large(limit))
    } else {
        match Limited::new(body, limit).collect().await {
            Ok(collected) => Ok(collected.to_bytes()),
            Err(error) if error.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
                Err(StripeError::too_large(limit))
            }
            // The client went away mid-body: there is no one to answer.
            Err(_) => return Err(Dropped),
        }
    };
    let body = match body {
        Ok(body) => body,
        Err(error) => {
            let mut reply = Reply::from_result(Err(error));
            reply.header("request-id", shared.lock().ids.request());
            return Ok(http_response(reply, true));
        }
    };
    let path = parts.uri.path();
    let query = parts.uri.query().unwrap_or("");
    let (response, deliveries) = if path.starts_with("/_fake/") || path == "/_fake" {
        control::handle(&shared, parts.method.as_str(), path, query, &body)
    } else {
        let incoming = api::Incoming {
            method: parts.method.as_str(),
            path,
            query,
            headers: &parts.headers,
            body: &body,
        };
        api::handle(&shared, &incoming)
    };
    webhooks::start(&shared, deliveries);
    match response {
        Response::Reply(reply) => Ok(http_response(reply, false)),
        Response::Drop => Err(Dropped),
    }
}

fn http_response(reply: Reply, close: bool) -> HttpResponse<Full<Bytes>> {
    let mut response = HttpResponse::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    for (name, value) in reply.headers {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            headers.append(name, value);
        }
    }
    if close {
        // The body was not read: the connection cannot be reused.
        headers.insert(
            hyper::header::CONNECTION,
            hyper::header::HeaderValue::from_static("close"),
        );
    }
    response
}
