//! Object IDs, client secrets, verification URLs and request IDs in Stripe's shapes
//! (`vs_` + 24 characters, `vs_…_secret_test_…`, `https://verify.stripe.com/start/test_…`,
//! `req_` + 14), drawn from a generator the fake owns: random by default, or seeded so a run
//! repeats exactly.

/// The characters of Stripe's IDs.
const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Makes IDs.
#[derive(Debug)]
pub struct Ids {
    rng: fastrand::Rng,
}

impl Ids {
    /// IDs from `seed`, or random ones.
    pub fn new(seed: Option<u64>) -> Self {
        Self {
            rng: seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed),
        }
    }

    fn chars(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(ALPHABET[self.rng.usize(..ALPHABET.len())]))
            .collect()
    }

    /// An object ID: `prefix_` and 24 characters.
    pub fn object(&mut self, prefix: &str) -> String {
        format!("{prefix}_{}", self.chars(24))
    }

    /// A request ID: `req_` and 14 characters.
    pub fn request(&mut self) -> String {
        format!("req_{}", self.chars(14))
    }

    /// A session's `client_secret`.
    pub fn client_secret(&mut self, session: &str) -> String {
        format!("{session}_secret_test_{}", self.chars(40))
    }

    /// A session's `url`.
    pub fn verification_url(&mut self) -> String {
        format!("https://verify.stripe.com/start/test_{}", self.chars(40))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_seeds() {
        let mut ids = Ids::new(Some(7));
        let id = ids.object("vs");
        assert!(id.starts_with("vs_") && id.len() == 27, "{id}");
        assert!(ids.request().starts_with("req_"));
        assert!(ids.client_secret(&id).starts_with(&format!("{id}_secret_test_")));
        assert_eq!(Ids::new(Some(7)).object("vs"), id);
    }
}
