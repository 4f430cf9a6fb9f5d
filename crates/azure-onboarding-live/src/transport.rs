//! The one small trait a transport implements (reqwest natively; a browser transport can
//! implement it with gloo-net), and the request and response it carries.

use azure_onboarding::SecretString;
use core::fmt;
use core::future::Future;
use core::time::Duration;

/// Responses larger than this are refused by the transports of this crate (a page of an ARM
/// or Graph list is far smaller).
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// HTTP method of a [`Request`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Every request of the request list but the Resource Graph queries.
    Get,
    /// The token request (client credentials) and the Resource Graph queries.
    Post,
}

impl Method {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One HTTP request. Credentials travel only in `bearer` (the `Authorization` header) and
/// `form` (the token request's body), both zeroized on drop and redacted in `Debug`.
#[derive(Clone)]
pub struct Request {
    /// GET or POST.
    pub method: Method,
    /// The absolute URL; already checked against the host allowlist by the collector, and
    /// checked again by the transports of this crate.
    pub url: String,
    /// The bearer token for the `Authorization` header, if any.
    pub bearer: Option<SecretString>,
    /// An `application/x-www-form-urlencoded` body, if any (holds the client secret).
    pub form: Option<SecretString>,
    /// An `application/json` body, if any (a Resource Graph query: no credential).
    pub json: Option<String>,
    /// The `x-ms-version` header (Blob-service requests only).
    pub x_ms_version: Option<&'static str>,
}

impl Request {
    /// A GET with a bearer token.
    pub fn get(url: impl Into<String>, bearer: Option<SecretString>) -> Request {
        Request {
            method: Method::Get,
            url: url.into(),
            bearer,
            form: None,
            json: None,
            x_ms_version: None,
        }
    }

    /// A POST of the JSON text `json` with a bearer token (a Resource Graph query).
    pub fn post_json(
        url: impl Into<String>,
        bearer: Option<SecretString>,
        json: String,
    ) -> Request {
        Request {
            method: Method::Post,
            url: url.into(),
            bearer,
            form: None,
            json: Some(json),
            x_ms_version: None,
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("bearer", &self.bearer.as_ref().map(|_| "<redacted>"))
            .field("form", &self.form.as_ref().map(|_| "<redacted>"))
            .field("json", &self.json.as_ref().map(String::len))
            .field("x_ms_version", &self.x_ms_version)
            .finish()
    }
}

/// One HTTP response. `Debug` shows the body's length only: a token response holds an
/// access token.
#[derive(Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// The `Retry-After` header, verbatim, if present.
    pub retry_after: Option<String>,
    /// The throttling headers the collector reads ([`THROTTLING_HEADERS`]), names lowercase,
    /// values verbatim.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("retry_after", &self.retry_after)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// The response headers a transport hands to the collector besides `Retry-After`: ARM's and
/// Resource Graph's remaining budgets, Microsoft Graph's throttling state
/// (`../shared/azure-reference/FACTS.md` §9). None holds a credential.
pub const THROTTLING_HEADERS: &[&str] = &[
    "x-ms-ratelimit-remaining-subscription-reads",
    "x-ms-ratelimit-remaining-tenant-reads",
    "x-ms-user-quota-remaining",
    "x-ms-user-quota-resets-after",
    "x-ms-resource-unit",
    "x-ms-throttle-limit-percentage",
];

/// Why a request got no HTTP response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The URL may not receive credentials; nothing was sent.
    #[error(transparent)]
    Refused(#[from] crate::cloud::RefusedUrl),
    /// No response within the time allowed.
    #[error("no response within {0:?}")]
    Timeout(Duration),
    /// The connection failed (DNS, TCP, TLS) or broke off.
    #[error("the connection failed: {0}")]
    Connection(String),
    /// The response was larger than the transport accepts.
    #[error("the response body is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

/// Sends HTTP requests and waits: everything the collector needs from a runtime.
///
/// The futures need not be `Send`: the collector drives its requests concurrently within
/// one task (`buffer_unordered`), so a browser transport (gloo-net, `setTimeout`) fits.
pub trait Transport {
    /// Sends one request and reads the whole response. Implementations refuse a URL that
    /// fails [`check_url`](crate::check_url) before sending anything.
    fn send(&self, request: Request) -> impl Future<Output = Result<Response, TransportError>>;

    /// Completes after `duration` (backoff, `Retry-After`, timeouts).
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()>;

    /// A clock on the same time base as [`sleep`](Transport::sleep), measured from any fixed
    /// point: what the collector paces its budgets with (token buckets refill with time).
    /// `None` (the default) when the runtime has none: then only the window of requests in
    /// flight and each request's own `Retry-After` wait apply.
    fn now(&self) -> Option<Duration> {
        None
    }
}

impl<T: Transport> Transport for &T {
    fn send(&self, request: Request) -> impl Future<Output = Result<Response, TransportError>> {
        (**self).send(request)
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        (**self).sleep(duration)
    }

    fn now(&self) -> Option<Duration> {
        (**self).now()
    }
}
