//! What a request builder yields: the method, the escaped path, the query string and the form body,
//! ready for any HTTP client; and the trait that ties a builder to its response type.

use serde::de::DeserializeOwned;

use crate::encode::FormPairs;

/// The HTTP methods the Stripe API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: parameters go in the query string.
    Get,
    /// `POST`: parameters go in the form body.
    Post,
    /// `DELETE`: parameters go in the query string.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Delete => "DELETE",
        }
    }
}

/// An encoded request, not yet sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodedRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path with its IDs escaped, such as `/v1/identity/verification_sessions/vs_123`.
    pub path: String,
    /// The query parameters, unescaped.
    pub query: FormPairs,
    /// The form body parameters, unescaped.
    pub body: FormPairs,
}

impl EncodedRequest {
    /// The query string, escaped (brackets too), without the leading `?`; empty when there are no
    /// parameters.
    pub fn query_string(&self) -> String {
        self.query.to_query_string()
    }

    /// The `application/x-www-form-urlencoded` body; empty when there are no parameters.
    pub fn body_string(&self) -> String {
        self.body.to_urlencoded()
    }

    /// The path followed by `?` and the query string when there is one.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query_string())
        }
    }
}

/// A request builder: encodes itself, and names the type a successful response decodes into.
pub trait StripeRequest {
    /// The body of a successful response.
    type Response: DeserializeOwned;

    /// The operation's builder name (`RetrieveVerificationSession`), for traces.
    const OPERATION: &'static str = "unnamed";

    /// The path as the spec writes it (`/v1/identity/verification_sessions/{session}`), for
    /// traces: unlike the request's path, it holds no ID.
    const PATH_TEMPLATE: &'static str = "";

    /// The Stripe API version `Response` was generated for, which the client sends as
    /// `Stripe-Version` unless the client or the request names another. Generated builders set
    /// it; a hand-written request that leaves it `None` goes with the client's
    /// `api_version(…)`, or with no `Stripe-Version` (the account's default version).
    const API_VERSION: Option<&'static str> = None;

    /// The request as it goes on the wire.
    fn encode(&self) -> EncodedRequest;
}

/// A list request whose pages `Client::paginate` can walk. Stripe takes one cursor at a time:
/// `starting_after` (the page after an object) or `ending_before` (the page before one); sending
/// both is a 400, so moving one cursor clears the other.
pub trait Paginate: StripeRequest + Sized {
    /// The objects listed.
    type Item: crate::Object + DeserializeOwned;

    /// The `starting_after` cursor, when set.
    fn starting_after_cursor(&self) -> Option<&str>;

    /// The `ending_before` cursor, when set. A list started from it alone pages backwards.
    fn ending_before_cursor(&self) -> Option<&str>;

    /// Sets (`Some`) or clears (`None`) `starting_after`.
    fn set_starting_after(&mut self, cursor: Option<String>);

    /// Sets (`Some`) or clears (`None`) `ending_before`; a request without that parameter ignores
    /// it.
    fn set_ending_before(&mut self, cursor: Option<String>);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_and_query_omits_an_empty_query() {
        let mut request = EncodedRequest {
            method: Method::Get,
            path: "/v1/x".into(),
            query: FormPairs::new(),
            body: FormPairs::new(),
        };
        assert_eq!(request.path_and_query(), "/v1/x");
        request.query.push("created[gte]", "5");
        assert_eq!(request.path_and_query(), "/v1/x?created%5Bgte%5D=5");
        assert_eq!(request.method.as_str(), "GET");
        assert_eq!(request.body_string(), "");
    }
}
