//! `stripe-identity-fake`: the fake as a process, for tests in any language and for trying an
//! integration by hand. Prints `listening on http://127.0.0.1:PORT` as its first line on stdout,
//! then serves until SIGTERM or Ctrl-C.

use std::net::IpAddr;
use std::process::ExitCode;

use clap::Parser;
use stripe_identity_fake::FakeStripe;

/// A local, stateful fake of Stripe Identity, for tests in any language.
///
/// Control endpoints (form posts): POST /_fake/identity/verification_sessions/{id}/submit
/// (outcome=verified | requires_input&code=… | processing), POST …/{id}/finish_redaction,
/// POST /_fake/fail_next (status=…&count=…&retry_after=… | drop=true), POST /_fake/advance
/// (seconds=…), POST /_fake/webhook_endpoints (url=…&secret=…&enabled_events[0]=…&api_version=…
/// &delivery=…), POST /_fake/events/{id}/redeliver, POST /_fake/reset; GET /_fake/requests,
/// /_fake/deliveries, /_fake/events.
#[derive(Parser)]
#[command(name = "stripe-identity-fake", version)]
struct Options {
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 12111)]
    port: u16,
    /// The address to listen on (0.0.0.0 for a container's or a test network's other hosts).
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// An endpoint to POST every event to, signed with --webhook-secret.
    #[arg(long, value_name = "http://…", requires = "webhook_secret")]
    webhook_url: Option<String>,
    /// That endpoint's signing secret.
    #[arg(long, value_name = "whsec_…", requires = "webhook_url")]
    webhook_secret: Option<String>,
    /// Draw IDs and secrets from this seed, so runs repeat.
    #[arg(long)]
    seed: Option<u64>,
}

#[tokio::main]
async fn main() -> ExitCode {
    // Usage errors exit 2 with the usage, `--help` prints it and exits 0 (clap's conventions).
    let options = Options::parse();
    let mut builder = FakeStripe::builder().port(options.port).host(options.host);
    if let (Some(url), Some(secret)) = (options.webhook_url, options.webhook_secret) {
        builder = builder.webhook_endpoint(url, secret);
    }
    if let Some(seed) = options.seed {
        builder = builder.seed(seed);
    }
    let fake = match builder.start().await {
        Ok(fake) => fake,
        Err(error @ stripe_identity_fake::StartError::Endpoint(_)) => {
            // A bad --webhook-url or --webhook-secret: a usage error, as clap's are.
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
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
