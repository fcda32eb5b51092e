//! Load: `CONCURRENCY` tasks sending `RetrieveVerificationSession` through one client for
//! `SECONDS`, against a hyper server on 127.0.0.1 that answers every request with the same
//! session (and a `Request-Id`), side by side with reqwest 0.12 doing the same requests (same
//! headers, the body decoded into the same `VerificationSession`). Rounds alternate between the
//! two so a slow spell lands on both; medians and the ratio are printed, and each side's count of
//! connections the server accepted (a pooled client reuses a few).

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use stripe_identity::{RetrieveVerificationSession, VerificationSession};

const CONCURRENCY: usize = 64;
const SECONDS: f64 = 3.0;
const ROUNDS: usize = 3;
const KEY: &str = "sk_test_load";

fn session() -> Vec<u8> {
    serde_json::to_vec_pretty(&serde_json::json!({
        "id": "vs_load", "object": "identity.verification_session", "created": 1_700_000_000,
        "livemode": false, "metadata": {"order": "42"}, "status": "requires_input", "type": "document",
        "client_secret": "vs_load_secret_test_x", "url": "https://verify.stripe.com/start/test_x",
        "client_reference_id": "ref", "last_error": null, "last_verification_report": null,
        "options": {"document": {"require_matching_selfie": true}}, "redaction": null,
        "related_customer": null, "related_customer_account": null
    }))
    .expect("JSON")
}

/// The server; returns its base URL and its count of accepted connections.
async fn server() -> (String, Arc<AtomicU64>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bound");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let connections = Arc::new(AtomicU64::new(0));
    let accepted = connections.clone();
    let body = Bytes::from(session());
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            accepted.fetch_add(1, Ordering::Relaxed);
            let _ = stream.set_nodelay(true);
            let body = body.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_request| {
                    let body = body.clone();
                    async move {
                        let mut response = hyper::Response::new(Full::new(body));
                        let headers = response.headers_mut();
                        headers.insert("content-type", "application/json".parse().expect("a value"));
                        headers.insert("request-id", "req_load".parse().expect("a value"));
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (url, connections)
}

/// Requests per second of `send` run by `CONCURRENCY` tasks, after half a second of warm-up.
async fn throughput<F, Fut>(send: F) -> f64
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let count = Arc::new(AtomicU64::new(0));
    let counting = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (send, count, counting, stop) = (send.clone(), count.clone(), counting.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                send().await;
                if counting.load(Ordering::Relaxed) {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    counting.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs_f64(SECONDS)).await;
    let done = count.load(Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        let _ = task.await;
    }
    done as f64 / elapsed
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main]
async fn main() {
    let (ours_url, ours_connections) = server().await;
    let (theirs_url, theirs_connections) = server().await;
    let ours = stripe_identity::client(KEY).base_url(&ours_url);
    // STRIPE_LOAD_TELEMETRY=off measures without the telemetry header (its shared state).
    let telemetry = std::env::var("STRIPE_LOAD_TELEMETRY").map_or(true, |value| value != "off");
    let ours = ours.telemetry(telemetry).build().expect("our client");
    let reqwest = reqwest::Client::builder().build().expect("reqwest");
    let (mut ours_rates, mut theirs_rates) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let client = ours.clone();
        ours_rates.push(
            throughput(move || {
                let client = client.clone();
                async move {
                    client
                        .send(&RetrieveVerificationSession::new("vs_load"))
                        .await
                        .expect("retrieved");
                }
            })
            .await,
        );
        let (client, url) = (
            reqwest.clone(),
            format!("{theirs_url}/v1/identity/verification_sessions/vs_load"),
        );
        theirs_rates.push(
            throughput(move || {
                let (client, url) = (client.clone(), url.clone());
                async move {
                    let response = client
                        .get(&url)
                        .header("authorization", format!("Bearer {KEY}"))
                        .header("stripe-version", stripe_identity::API_VERSION)
                        .send()
                        .await
                        .expect("sent");
                    let bytes = response.bytes().await.expect("a body");
                    let _: VerificationSession = serde_json::from_slice(&bytes).expect("decoded");
                }
            })
            .await,
        );
    }
    let (ours_rate, theirs_rate) = (median(ours_rates.clone()), median(theirs_rates.clone()));
    println!("retrieve, {CONCURRENCY} concurrent, {SECONDS} s x {ROUNDS} rounds, alternating (medians):");
    println!(
        "  stripe-identity {ours_rate:>9.0} requests/s  (rounds: {ours_rates:.0?}), {} connections",
        ours_connections.load(Ordering::Relaxed)
    );
    println!(
        "  reqwest 0.12    {theirs_rate:>9.0} requests/s  (rounds: {theirs_rates:.0?}), {} connections",
        theirs_connections.load(Ordering::Relaxed)
    );
    println!("  ours / reqwest = {:.2}", ours_rate / theirs_rate);
}
