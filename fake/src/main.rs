//! `stripe-identity-fake`: the fake as a process, for tests in any language and for trying an
//! integration by hand. Prints `listening on http://127.0.0.1:PORT` as its first line on stdout,
//! then serves until SIGTERM or Ctrl-C.

use std::process::ExitCode;

use stripe_identity_fake::FakeStripe;

const USAGE: &str = "usage: stripe-identity-fake [--port <port>] [--webhook-url <http://…> --webhook-secret <whsec_…>] [--seed <n>]

  --port            the port on 127.0.0.1 (default 12111; 0 picks a free one)
  --webhook-url     an endpoint to POST every event to, signed with --webhook-secret
  --webhook-secret  that endpoint's signing secret (whsec_…)
  --seed            draw IDs and secrets from this seed, so runs repeat

Control endpoints (form posts): POST /_fake/identity/verification_sessions/{id}/submit
(outcome=verified | requires_input&code=… | processing), POST …/{id}/finish_redaction,
POST /_fake/fail_next (status=…&count=…&retry_after=… | drop=true), POST /_fake/advance
(seconds=…), POST /_fake/webhook_endpoints (url=…&secret=…&enabled_events[0]=…);
GET /_fake/requests, /_fake/deliveries, /_fake/events.";

struct Options {
    port: u16,
    webhook: Option<(String, String)>,
    seed: Option<u64>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let (mut port, mut url, mut secret, mut seed) = (12111, None, None, None);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
        match flag.as_str() {
            "--port" => {
                port = value
                    .parse()
                    .map_err(|_| format!("`--port {value}` is not a port number"))?
            }
            "--webhook-url" => url = Some(value),
            "--webhook-secret" => secret = Some(value),
            "--seed" => {
                seed = Some(
                    value
                        .parse()
                        .map_err(|_| format!("`--seed {value}` is not a number"))?,
                )
            }
            _ => return Err(format!("unknown option `{flag}`")),
        }
    }
    let webhook = match (url, secret) {
        (Some(url), Some(secret)) => Some((url, secret)),
        (None, None) => None,
        _ => return Err("`--webhook-url` and `--webhook-secret` go together".to_owned()),
    };
    Ok(Options { port, webhook, seed })
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = FakeStripe::builder().port(options.port);
    if let Some((url, secret)) = options.webhook {
        builder = builder.webhook_endpoint(url, secret);
    }
    if let Some(seed) = options.seed {
        builder = builder.seed(seed);
    }
    let fake = match builder.start().await {
        Ok(fake) => fake,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The signal handlers are in place before the line that says the fake is ready, so a
    // harness that stops it at once still gets a clean exit.
    let stop = match Stop::install() {
        Ok(stop) => stop,
        Err(error) => {
            eprintln!("error: cannot listen for SIGTERM: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The first line on stdout, exactly: what a harness waits for and reads the port from.
    println!("listening on {}", fake.base_url());
    let _ = std::io::Write::flush(&mut std::io::stdout());
    stop.wait().await;
    fake.shutdown().await;
    ExitCode::SUCCESS
}

/// SIGTERM or Ctrl-C (SIGINT), listened for from `install` on; on other platforms Ctrl-C only.
struct Stop {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Stop {
    fn install() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Self {
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {})
        }
    }

    async fn wait(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
