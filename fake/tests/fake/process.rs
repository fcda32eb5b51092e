//! The binary: `--port 0` picks a free port, the first line on stdout is exactly `listening on
//! http://127.0.0.1:PORT`, it serves the API and the control endpoints, sends webhooks to
//! `--webhook-url`, and exits cleanly (status 0) on SIGTERM.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use stripe_identity::*;

/// This package's binary.
const BINARY: &str = env!("CARGO_BIN_EXE_stripe-identity-fake");

/// Starts a fake binary with `args` and waits for its first line: the child, and the base URL
/// the line names (`listening on http://127.0.0.1:PORT`). Nothing else is read from its stdout.
pub(crate) fn spawn(binary: &Path, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(binary)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("its stdout"))
        .read_line(&mut first)
        .expect("its first line");
    let base_url = first
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_owned();
    (child, base_url)
}

#[tokio::test]
async fn the_binary_serves_and_stops_on_sigterm() {
    let (mut child, base_url) = spawn(Path::new(BINARY), &["--port", "0", "--seed", "1"]);
    assert!(
        base_url.starts_with("http://127.0.0.1:") && !base_url.ends_with(":0"),
        "{base_url}"
    );

    let client = stripe_identity::client(crate::KEY)
        .base_url(&base_url)
        .build()
        .unwrap();
    let session = crate::create(&client).await;
    // The person's side over HTTP, as a test in another language would drive it.
    let submit = format!(
        "{base_url}/_fake/identity/verification_sessions/{}/submit",
        session.id
    );
    let (status, body) = post_form(&submit, "outcome=verified").await;
    assert_eq!(status, 200, "{body}");
    let verified = client
        .send(&RetrieveVerificationSession::new(session.id.as_str()))
        .await
        .unwrap();
    assert_eq!(verified.status, VerificationSessionStatus::Verified);

    // SIGTERM: a clean exit.
    let terminated = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "{exit:?}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let output = Command::new(BINARY)
        .args(["--webhook-url", "http://127.0.0.1:1/x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--webhook-secret") && stderr.contains("required"),
        "{stderr}"
    );
}

/// POSTs a form with a plain HTTP/1.1 exchange; returns the status and body.
async fn post_form(url: &str, form: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").unwrap();
    let (authority, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = tokio::net::TcpStream::connect(authority).await.unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn sigterm_right_after_the_first_line_is_a_clean_exit() {
    // A harness that stops the fake as soon as it is ready: the handler is there before the line.
    for _ in 0..20 {
        let (mut child, _) = spawn(Path::new(BINARY), &["--port", "0"]);
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert_eq!(child.wait().unwrap().code(), Some(0));
    }
}
