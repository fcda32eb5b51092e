//! Any tower `Service` over `http` requests as the transport: an application's existing stack
//! (hyper-util's client under its middleware, a recording layer in tests), as octocrab and kube
//! take one. The service is cloned for each request, as tower services are meant to be used.

use std::fmt;
use std::future::poll_fn;
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use http_body::Body;
use tower_service::Service;

use super::failure;
use super::transport::{BoxError, ResponseBody, Transport, TransportError, TransportFuture};

/// A tower `Service<http::Request<String>>` as a [`Transport`].
///
/// Failures are sorted by their error's causes, as the built-in transports' are (a refused or
/// closed connection and an operating-system timeout are retried, a TLS failure is not; a failure
/// of `poll_ready` is one to connect). A service that knows better fails with a
/// [`TransportError`] (as it is, boxed, or inside an `io::Error`), whose kind is kept; do that
/// for a timeout layer's error (tower's `Elapsed`), which says nothing the client can read.
pub struct TowerTransport<S> {
    /// Behind a lock only to be cloned (`Sync` for the client's sake; tower services need not be).
    service: Mutex<S>,
}

impl<S> TowerTransport<S> {
    /// Sends through `service`.
    pub fn new(service: S) -> Self {
        Self {
            service: Mutex::new(service),
        }
    }
}

impl<S, B> Transport for TowerTransport<S>
where
    S: Service<http::Request<String>, Response = http::Response<B>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Into<BoxError>,
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    fn send(&self, request: http::Request<String>) -> TransportFuture<'_> {
        let mut service = self
            .service
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        Box::pin(async move {
            poll_fn(|cx| service.poll_ready(cx))
                .await
                .map_err(|error| sorted(error.into(), true))?;
            let response = service
                .call(request)
                .await
                .map_err(|error| sorted(error.into(), false))?;
            Ok(response.map(ResponseBody::new))
        })
    }
}

/// A service's error as a [`TransportError`]: its own, when it is one.
fn sorted(error: BoxError, connecting: bool) -> TransportError {
    match error.downcast::<TransportError>() {
        Ok(own) => *own,
        Err(error) => TransportError::new(failure::kind_of(&*error, connecting), error),
    }
}

impl<S> fmt::Debug for TowerTransport<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TowerTransport")
            .field("service", &std::any::type_name::<S>())
            .finish()
    }
}
