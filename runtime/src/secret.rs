//! `Secret`: a string the spec says must never be logged (the API key, a session's
//! `client_secret` and `url`). `Debug` prints `[redacted]`; the value is read on purpose with
//! [`Secret::expose`]. It serializes as the plain string, so models still round-trip.

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "requests")]
use crate::encode::{EncodeParam, FormPairs};

/// A string kept out of `Debug` output and error messages.
#[derive(Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"[redacted]\")")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(feature = "requests")]
impl EncodeParam for Secret {
    fn encode_param(&self, key: &str, out: &mut FormPairs) {
        out.push(key, self.0.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value_and_serde_keeps_it() {
        let secret: Secret = serde_json::from_str(r#""vs_1_secret_abc""#).unwrap();
        assert_eq!(format!("{secret:?}"), "Secret(\"[redacted]\")");
        assert_eq!(secret.expose(), "vs_1_secret_abc");
        assert_eq!(serde_json::to_string(&secret).unwrap(), r#""vs_1_secret_abc""#);
        assert!(!format!("{:?}", Some(secret)).contains("abc"));
    }
}
