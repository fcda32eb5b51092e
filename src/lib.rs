//! The root package. It compiles the code `build.rs` just generated from `spec/` (not the copy in
//! `generated/`) inside modules where `Option`, `Some`, `None`, `Result`, `Ok`, `Err`, `String`,
//! `Vec` and `Box` mean something else. Generated code that named any of those without an absolute
//! path would fail here, so the output is proven hygienic: it compiles wherever it is placed.
//!
//! Nothing here is for users; depend on the `stripe-identity` crate in `generated/`.

/// Stand-ins for the prelude names generated code must never rely on.
#[allow(dead_code)]
mod shadowed_prelude {
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Result;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Clone;
    pub struct Debug;
    pub struct PartialEq;
    pub struct Eq;
    pub struct Hash;
    pub struct Default;
}

/// The fresh output of the generator, compiled with warnings and missing docs as errors.
#[deny(warnings, missing_docs)]
pub mod fresh {
    /// Models, as generated into `$OUT_DIR/src/types.rs`.
    pub mod types {
        #[allow(unused_imports)]
        use crate::shadowed_prelude::*;
        include!(concat!(env!("OUT_DIR"), "/src/types.rs"));
    }

    /// Request builders, as generated into `$OUT_DIR/src/requests.rs`.
    pub mod requests {
        #[allow(unused_imports)]
        use crate::shadowed_prelude::*;
        include!(concat!(env!("OUT_DIR"), "/src/requests.rs"));
    }

    /// The validation table, as generated into `$OUT_DIR/src/validation.rs`.
    pub mod validation {
        #[allow(unused_imports)]
        use crate::shadowed_prelude::*;
        include!(concat!(env!("OUT_DIR"), "/src/validation.rs"));
    }
}

#[cfg(test)]
mod tests {
    use super::fresh::requests::{CreateVerificationSession, RetrieveVerificationSession};
    use super::fresh::types::{VerificationSession, VerificationSessionStatus};
    use stripe_runtime::StripeRequest;

    #[test]
    fn fresh_output_works_in_the_shadowed_scope() {
        let request = RetrieveVerificationSession::new("vs_1")
            .expand(["last_verification_report"])
            .encode();
        assert_eq!(
            request.path_and_query(),
            "/v1/identity/verification_sessions/vs_1?expand%5B0%5D=last_verification_report"
        );
        assert_eq!(CreateVerificationSession::new().encode().body_string(), "");

        let json = r#"{"id":"vs_1","object":"identity.verification_session","created":1,"livemode":false,
            "metadata":{},"status":"processing","type":"document"}"#;
        let session: VerificationSession = serde_json::from_str(json).expect("decodes");
        assert_eq!(session.status, VerificationSessionStatus::Processing);
    }
}
