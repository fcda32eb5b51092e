//! `Client::paginate`: every object of a list, page after page, the way stripe-python's
//! `auto_paging_iter` walks it. A list started from `ending_before` alone pages backwards (the
//! next cursor is the first object of a page, and each page is yielded in reverse, so objects come
//! out walking away from the cursor); any other list pages forwards (`starting_after` = the last
//! object). Moving one cursor clears the other, since Stripe refuses a request with both.
//!
//! A server that does not advance would otherwise be followed forever, so the stream ends with
//! [`Error::Pagination`] when a page says `has_more` but is empty, or would lead to a cursor
//! already used (one ID string per page is remembered, which also catches longer cycles).
//!
//! The stream is written out by hand over `futures-core`'s trait (the one `futures` re-exports),
//! so the client needs no `futures-util` just for `stream::unfold`.

use std::collections::HashSet;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::builder::RequestOptions;
use super::send::Sending;
use super::{decode, Client, Error};
use crate::request::{Paginate, StripeRequest};
use crate::{List, Object};

/// No per-request options: what every page is sent with.
pub(super) static NO_OPTIONS: RequestOptions = RequestOptions {
    idempotency_key: None,
    stripe_account: None,
    api_version: None,
    max_retries: None,
    timeout: None,
    stripe_context: None,
};

struct State<R, T> {
    request: Option<R>,
    backwards: bool,
    used: HashSet<String>,
    buffered: std::vec::IntoIter<T>,
    /// An error found while following a page, yielded once the page's objects are.
    pending: Option<Error>,
    /// The IDs of the previous page: a page that does not advance gives only what is new.
    previous: HashSet<String>,
}

impl Client {
    /// Every object of a list, page after page: follows `has_more` with `starting_after` set to
    /// the last object of each page, or, for a list started from `ending_before`, backwards with
    /// `ending_before` set to the first. Stops at the first error, when the pages stop advancing,
    /// or when the caller stops polling.
    #[must_use = "a stream does nothing unless polled"]
    pub fn paginate<'a, R>(&'a self, request: R) -> impl Stream<Item = Result<R::Item, Error>> + 'a
    where
        R: Paginate + StripeRequest<Response = List<<R as Paginate>::Item>> + 'a,
        R::Item: 'a,
    {
        self.paginate_with(request, &NO_OPTIONS)
    }

    /// [`Client::paginate`], every page sent with `options` (a `Stripe-Account` or
    /// `Stripe-Context`, retries, a timeout), as stripe-python's `auto_paging_iter` carries the
    /// list call's options onto every page.
    #[must_use = "a stream does nothing unless polled"]
    pub fn paginate_with<'a, R>(
        &'a self,
        request: R,
        options: &'a RequestOptions,
    ) -> impl Stream<Item = Result<R::Item, Error>> + 'a
    where
        R: Paginate + StripeRequest<Response = List<<R as Paginate>::Item>> + 'a,
        R::Item: 'a,
    {
        let backwards = request.ending_before_cursor().is_some() && request.starting_after_cursor().is_none();
        let used = [request.starting_after_cursor(), request.ending_before_cursor()]
            .into_iter()
            .flatten()
            .map(str::to_owned)
            .collect();
        Pages {
            client: self,
            options,
            state: State {
                request: Some(request),
                backwards,
                used,
                buffered: Vec::new().into_iter(),
                pending: None,
                previous: HashSet::new(),
            },
            in_flight: None,
        }
    }
}

/// The stream `Client::paginate` returns.
struct Pages<'a, R, T> {
    client: &'a Client,
    /// What every page is sent with.
    options: &'a RequestOptions,
    state: State<R, T>,
    /// The request of the page being fetched, and its sending. The sending is boxed and borrows
    /// only the client, so nothing here points into `self` and the stream needs no pinning.
    in_flight: Option<(R, Sending<'a>)>,
}

// No field is pinned in place: `Sending` is a box, the rest plain values.
impl<R, T> Unpin for Pages<'_, R, T> {}

impl<'a, R, T> Stream for Pages<'a, R, T>
where
    R: Paginate + StripeRequest<Response = List<T>>,
    T: Object + serde::de::DeserializeOwned,
{
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.state.buffered.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = this.state.pending.take() {
                return Poll::Ready(Some(Err(error)));
            }
            let (_, sending) = match &mut this.in_flight {
                Some(in_flight) => in_flight,
                None => {
                    let Some(request) = this.state.request.take() else {
                        return Poll::Ready(None);
                    };
                    let sending = this.client.send_encoded(
                        request.encode(),
                        this.options,
                        super::trace::Operation::of::<R>(),
                    );
                    this.in_flight.insert((request, sending))
                }
            };
            let Poll::Ready(sent) = sending.as_mut().poll(cx) else {
                return Poll::Pending;
            };
            // Always there: it was polled just now.
            let Some((request, _)) = this.in_flight.take() else {
                return Poll::Ready(None);
            };
            match sent.and_then(decode::<List<T>>) {
                Err(error) => return Poll::Ready(Some(Err(error))),
                Ok(page) => this.state.follow(request, page),
            }
        }
    }
}

impl<R: Paginate, T: Object> State<R, T> {
    /// Buffers `page`'s objects and, when it has more, sets the cursor for the next request. A
    /// page that does not advance still gives its objects; the error comes after them.
    fn follow(&mut self, mut request: R, page: List<T>) {
        let mut data = page.data;
        if self.backwards {
            data.reverse();
        }
        if page.has_more {
            match self.next_cursor(&data) {
                Ok(cursor) => {
                    if self.backwards {
                        request.set_starting_after(None);
                        request.set_ending_before(Some(cursor));
                    } else {
                        request.set_ending_before(None);
                        request.set_starting_after(Some(cursor));
                    }
                    self.request = Some(request);
                }
                Err(error) => {
                    // Objects the previous page already gave are not given twice.
                    data.retain(|item| !self.previous.contains(item.id()));
                    self.pending = Some(error);
                }
            }
        }
        self.previous = data.iter().map(|item| item.id().to_owned()).collect();
        self.buffered = data.into_iter();
    }

    /// The cursor of the next page: the object farthest from the current cursor (last, after the
    /// reverse, either way), which must not have been used before.
    fn next_cursor(&mut self, data: &[T]) -> Result<String, Error> {
        let Some(cursor) = data.last().map(|item| item.id().to_owned()) else {
            return Err(Error::Pagination(
                "an empty page says has_more, so the next page has no cursor".to_owned(),
            ));
        };
        if !self.used.insert(cursor.clone()) {
            return Err(Error::Pagination(format!(
                "the page would continue from `{cursor}` again; following has_more would loop"
            )));
        }
        Ok(cursor)
    }
}
