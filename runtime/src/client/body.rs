//! Reading a response body no further than the client allows, whatever transport produced it:
//! a `Content-Length` above the limit is refused before anything is read, and any other body stops
//! as soon as it passes the limit (http-body-util's `Limited`).

use http_body::Body as _;
use http_body_util::{BodyExt as _, LengthLimitError, Limited};

use super::failure::{self, Failure};
use super::transport::ResponseBody;

/// A response body, or the news that it is larger than allowed.
pub(crate) enum Body {
    Read(String),
    TooLarge,
}

/// Reads `body` to its end, or stops once it passes `limit` bytes.
pub(crate) async fn read_body(body: ResponseBody, limit: usize) -> Result<Body, Failure> {
    // The exact size hint is the response's `Content-Length`.
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    if body.size_hint().exact().is_some_and(|length| length > limit_u64) {
        return Ok(Body::TooLarge);
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(Body::Read(
            String::from_utf8_lossy(&collected.to_bytes()).into_owned(),
        )),
        Err(error) if error.is::<LengthLimitError>() => Ok(Body::TooLarge),
        Err(error) => Err(failure::body_failed(error)),
    }
}
