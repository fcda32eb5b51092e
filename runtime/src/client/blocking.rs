//! The blocking client (feature `blocking`): the async [`Client`](super::Client) driven by a
//! runtime of its own, for programs without one (a CLI, a script, a synchronous web framework).
//! The same builder (`ClientBuilder::build_blocking`), the same retries, errors, limits and
//! headers; `paginate` is an `Iterator`. Used from inside an async runtime, where blocking the
//! thread would stall every task on it (and tokio would panic), every call is a `Config` error
//! instead; that includes a `spawn_blocking` closure, which tokio cannot tell from a task (the
//! async client is the one to use there too).

use std::future::Future;
use std::sync::Arc;

use super::{ClientBuilder, Error, RequestOptions, ResponseMeta};
use crate::request::{Paginate, StripeRequest};
use crate::List;

/// A Stripe API client that blocks the calling thread; cheap to clone (clones share the
/// connection pool and the runtime).
#[derive(Clone, Debug)]
pub struct Client {
    inner: super::Client,
    runtime: Arc<OwnRuntime>,
}

/// The client's runtime, which may be dropped anywhere: inside an async runtime (where tokio
/// refuses to block on a runtime's shutdown) it is shut down in the background instead.
#[derive(Debug)]
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl OwnRuntime {
    fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.0.as_ref().expect("present until dropped").block_on(future)
    }
}

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                runtime.shutdown_background();
            }
        }
    }
}

impl ClientBuilder {
    /// Builds a blocking client (see [`Client`]): a `Config` error when called from inside an
    /// async runtime, where the async client is the one to use.
    pub fn build_blocking(self) -> Result<Client, Error> {
        refuse_inside_a_runtime()?;
        // One worker of its own: between calls it keeps driving the pooled connections (it sees a
        // server close an idle one, as the async client's runtime does), so a later call never
        // writes onto a dead connection.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("stripe-blocking-client")
            .enable_io()
            .enable_time()
            .build()
            .map_err(|error| Error::Config(format!("cannot start the blocking client's runtime: {error}")))?;
        // Built inside the runtime: the connector and pool may need its context.
        let inner = runtime.block_on(async { self.build() })?;
        Ok(Client {
            inner,
            runtime: Arc::new(OwnRuntime(Some(runtime))),
        })
    }
}

impl Client {
    /// Sends `request` and decodes the response.
    pub fn send<R: StripeRequest>(&self, request: &R) -> Result<R::Response, Error> {
        self.block_on(self.inner.send(request))?
    }

    /// Sends `request` with per-request options.
    pub fn send_with<R: StripeRequest>(
        &self,
        request: &R,
        options: &RequestOptions,
    ) -> Result<R::Response, Error> {
        self.block_on(self.inner.send_with(request, options))?
    }

    /// Sends `request` and returns the response with its `Request-Id`, status and version.
    pub fn send_with_meta<R: StripeRequest>(
        &self,
        request: &R,
        options: &RequestOptions,
    ) -> Result<(R::Response, ResponseMeta), Error> {
        self.block_on(self.inner.send_with_meta(request, options))?
    }

    /// Every object of a list, page after page, as the async client's `paginate` walks it; each
    /// `next` blocks until the object is there (a page is fetched when the last one runs out).
    pub fn paginate<'a, R>(&'a self, request: R) -> impl Iterator<Item = Result<R::Item, Error>> + 'a
    where
        R: Paginate + StripeRequest<Response = List<<R as Paginate>::Item>> + 'a,
        R::Item: 'a,
    {
        self.paginate_with(request, &super::paginate::NO_OPTIONS)
    }

    /// [`Client::paginate`], every page sent with `options`.
    pub fn paginate_with<'a, R>(
        &'a self,
        request: R,
        options: &'a RequestOptions,
    ) -> impl Iterator<Item = Result<R::Item, Error>> + 'a
    where
        R: Paginate + StripeRequest<Response = List<<R as Paginate>::Item>> + 'a,
        R::Item: 'a,
    {
        let mut pages = Box::pin(self.inner.paginate_with(request, options));
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let next = std::future::poll_fn(|cx| futures_core::Stream::poll_next(pages.as_mut(), cx));
            match self.block_on(next) {
                Ok(item) => item,
                Err(error) => {
                    done = true;
                    Some(Err(error))
                }
            }
        })
    }

    /// Runs `future` on the client's runtime, unless this thread is already inside one.
    fn block_on<F: Future>(&self, future: F) -> Result<F::Output, Error> {
        refuse_inside_a_runtime()?;
        Ok(self.runtime.block_on(future))
    }
}

fn refuse_inside_a_runtime() -> Result<(), Error> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::Config(
            "the blocking client was used inside an async runtime, where it would block every task on this thread; use the async Client there".to_owned(),
        ));
    }
    Ok(())
}
