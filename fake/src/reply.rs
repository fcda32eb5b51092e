//! An answer decided by the API or the control endpoints, before it becomes an HTTP response:
//! the status, the JSON body (pretty-printed, as Stripe's is) and headers; or the decision to
//! close the connection unanswered (an injected network failure).

use serde_json::Value;

use crate::error::StripeError;

/// A decided answer.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// The JSON body.
    pub body: Vec<u8>,
    /// Headers beyond `Content-Type`.
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    /// 200 with `body`, or the error's status and envelope (and its `Retry-After`).
    pub fn from_result(result: Result<Value, StripeError>) -> Self {
        match result {
            Ok(body) => Self::raw(200, to_bytes(&body)),
            Err(error) => {
                let mut reply = Self::raw(error.status, to_bytes(&error.body()));
                if let Some(seconds) = error.retry_after {
                    reply.header("retry-after", seconds.to_string());
                }
                if let Some(retry) = error.should_retry {
                    reply.header("stripe-should-retry", retry.to_string());
                }
                reply
            }
        }
    }

    /// `status` with `body` as it is.
    pub fn raw(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            body,
            headers: Vec::new(),
        }
    }

    /// Adds a header.
    pub fn header(&mut self, name: &'static str, value: String) {
        self.headers.push((name, value));
    }
}

/// What to do with a request.
pub enum Response {
    /// Answer it.
    Reply(Reply),
    /// Close the connection without answering.
    Drop,
}

/// Stripe pretty-prints its JSON; so does the fake (clients must not care either way).
fn to_bytes(body: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(body).unwrap_or_default()
}
