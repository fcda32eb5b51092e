//! A Stripe webhook endpoint for Identity, on axum: `POST /webhook` verifies the
//! `Stripe-Signature` header with the endpoint's secret, decodes the event and prints what a real
//! handler would do (`verified` → fulfil; `requires_input` → read `last_error`).
//!
//! ```text
//! STRIPE_WEBHOOK_SECRET=whsec_... cargo run -p stripe-identity --example webhook_endpoint
//! stripe listen --forward-to localhost:4242/webhook   # in another shell, with the Stripe CLI
//! ```
//!
//! `ADDR` changes the address it listens on (default `127.0.0.1:4242`).

mod handler;

use stripe_identity::Webhook;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET")
        .ok()
        .filter(|secret| !secret.trim().is_empty())
        .ok_or("set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_...)")?;
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:4242".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}/webhook", listener.local_addr()?);
    axum::serve(listener, handler::app(Webhook::new(secret))).await?;
    Ok(())
}
