//! stripe-identity's tests, one test binary (the library and its dependencies linked into a test
//! binary once, not once per file), one module per concern: the models and events in every
//! build, the wire and webhook tests with their features, and the client suite. The proxy test
//! (`tests/proxy.rs`) is the one binary of its own: it sets process-wide variables that every
//! client built at the same time would read.

#[cfg(feature = "client")]
mod client;
mod events;
mod models;
#[cfg(any(feature = "requests", feature = "webhook"))]
mod recorded;
#[cfg(feature = "requests")]
mod sdk_wire;
#[cfg(feature = "client")]
#[path = "../support/mod.rs"]
mod support;
#[cfg(feature = "webhook")]
mod webhook_endpoint;
#[cfg(feature = "webhook")]
mod webhook_signatures;
