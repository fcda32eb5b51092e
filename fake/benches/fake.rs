//! The fake's speed, measured (not a test): `cargo bench -p stripe-identity-fake`.
//!
//! - **Throughput**: `RetrieveVerificationSession` through the crate's own client (one client,
//!   its connection pool, `CONCURRENCY` tasks) against the in-process fake for `SECONDS`, after a
//!   warm-up; side by side in the same run with a *floor*: a bare hyper server on 127.0.0.1 that
//!   answers every request with the same session's bytes and does nothing else (the HTTP and
//!   client cost the fake cannot go below). Reported: requests/s of each and the ratio. Three
//!   rounds, alternating, medians.
//! - **Start-up**: from `FakeStripe::start()` to its first answered request, in-process (median
//!   of 50), and for the binary, from spawning it to its `listening on` line (median of 10).
//!
//! Runs on a multi-threaded tokio runtime with one worker per core.

use std::convert::Infallible;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use stripe_identity::{
    Client, CreateVerificationSession, CreateVerificationSessionType, RetrieveVerificationSession,
};
use stripe_identity_fake::FakeStripe;

const CONCURRENCY: usize = 32;
const SECONDS: f64 = 3.0;
const ROUNDS: usize = 3;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let fake = FakeStripe::builder()
            .request_log_limit(0)
            .start()
            .await
            .expect("the fake starts");
        let client = client_for(&fake.base_url());
        let session = client
            .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
            .await
            .expect("a session");
        let id = session.id.to_string();
        let body = serde_json::to_vec_pretty(&session).expect("the session's bytes");
        let floor = floor_server(Bytes::from(body)).await;
        let floor_client = client_for(&floor);

        let (mut fake_rates, mut floor_rates) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            fake_rates.push(throughput(&client, &id).await);
            floor_rates.push(throughput(&floor_client, &id).await);
        }
        let (fake_rate, floor_rate) = (median(fake_rates), median(floor_rates));
        println!(
            "retrieve through the client, {CONCURRENCY} concurrent, {SECONDS} s x {ROUNDS} rounds (medians):"
        );
        println!("  fake     {fake_rate:>9.0} requests/s");
        println!("  floor    {floor_rate:>9.0} requests/s (bare hyper server, fixed body)");
        println!("  fake / floor = {:.2}", fake_rate / floor_rate);

        let mut starts = Vec::new();
        for _ in 0..50 {
            let started = Instant::now();
            let fake = FakeStripe::start().await;
            let client = client_for(&fake.base_url());
            client
                .send(&RetrieveVerificationSession::new("vs_none"))
                .await
                .expect_err("a 404, answered");
            starts.push(started.elapsed().as_secs_f64() * 1000.0);
            fake.shutdown().await;
        }
        println!(
            "start-up in process, to the first answer: median {:.2} ms (50 runs)",
            median(starts)
        );
    });
    let mut spawns = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_stripe-identity-fake"))
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("a line");
        spawns.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(line.starts_with("listening on http://127.0.0.1:"), "{line}");
        let _ = child.kill();
        let _ = child.wait();
    }
    println!(
        "start-up of the binary, to its `listening on` line: median {:.2} ms (10 runs)",
        median(spawns)
    );
}

fn client_for(base_url: &str) -> Client {
    stripe_identity::client("sk_test_bench")
        .base_url(base_url)
        .build()
        .expect("a client")
}

/// Requests per second over `SECONDS`, after half a second of warm-up.
async fn throughput(client: &Client, id: &str) -> f64 {
    let count = Arc::new(AtomicU64::new(0));
    let counting = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, count, counting, stop) = (client.clone(), count.clone(), counting.clone(), stop.clone());
        let request = RetrieveVerificationSession::new(id);
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                client.send(&request).await.expect("retrieved");
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

/// A server answering every request with `body` (and a `Request-Id`, as the client reads one).
async fn floor_server(body: Bytes) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bound");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let body = body.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_request| {
                    let body = body.clone();
                    async move {
                        let mut response = hyper::Response::new(Full::new(body));
                        response
                            .headers_mut()
                            .insert("content-type", "application/json".parse().expect("a value"));
                        response
                            .headers_mut()
                            .insert("request-id", "req_floor".parse().expect("a value"));
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    url
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
