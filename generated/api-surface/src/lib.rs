//! No code: this crate holds the trybuild tests of `stripe-identity`'s API surface
//! (`tests/api_surface.rs`, cases in `tests/ui/`).
