//! Generated structs are `#[non_exhaustive]`: no struct literal outside the crate, so a field
//! Stripe adds (an `Option`, which `new` does not take) breaks no user's code. Build them with
//! `new` or `Default` and the setters.
use stripe_identity::{DocumentOptions, GelatoVerifiedOutputs};

fn main() {
    let _ = DocumentOptions {
        allowed_types: None,
        require_id_number: Some(true),
        require_live_capture: None,
        require_matching_selfie: None,
    };
    let _ = GelatoVerifiedOutputs { first_name: None, ..Default::default() };
}
