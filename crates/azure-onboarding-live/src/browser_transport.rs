//! The browser transport (feature `browser`, wasm32 only): `fetch` through gloo-net, waits
//! through `setTimeout` (gloo-timers). Works in a page and in a worker.

use crate::cloud::{check_url, RefusedUrl};
use crate::transport::{
    Method, Request, Response, Transport, TransportError, MAX_BODY_BYTES, THROTTLING_HEADERS,
};
use core::time::Duration;
use gloo_net::http::RequestBuilder;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReferrerPolicy, RequestCache, RequestCredentials, RequestRedirect,
    ResponseType,
};
use zeroize::Zeroizing;

/// The browser [`Transport`]: `fetch` with only the `Authorization` and `Accept` headers (so
/// the one CORS preflight is for `Authorization`, which ARM and Graph allow), no cookies
/// (`credentials: "omit"`), no referrer, no HTTP cache, and redirects not followed (a
/// redirect could carry the token elsewhere: it is refused, recorded as a 421).
///
/// It sends only GETs with a bearer token: a request with a body (the client-credentials
/// token request, which holds the client secret) is refused before anything is sent, so a
/// client secret never leaves a browser. Timed-out requests are aborted
/// (`AbortController`).
///
/// `Retry-After` is read when the server exposes it to scripts
/// (`Access-Control-Expose-Headers`); otherwise the collector's exponential backoff applies.
#[derive(Debug, Clone, Default)]
pub struct BrowserTransport {
    allow_loopback: bool,
}

impl BrowserTransport {
    /// A transport that sends only to known Azure hosts over https, or also to loopback when
    /// `allow_loopback` is set (tests against the fake of Azure only).
    pub fn new(allow_loopback: bool) -> BrowserTransport {
        BrowserTransport { allow_loopback }
    }
}

/// Aborts the fetch when the request future is dropped (the collector's timeout won).
struct AbortOnDrop(Option<AbortController>);

impl AbortOnDrop {
    fn disarm(&mut self) {
        self.0 = None;
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(c) = &self.0 {
            c.abort();
        }
    }
}

/// Reads a response body (`Response.body`, `None` for no body) chunk by chunk, refusing it
/// as soon as more than `limit` bytes arrived (the stream is then cancelled): the
/// transport's body cap, which holds whether or not the server sent a Content-Length.
/// Public for the wasm tests.
pub async fn read_body_capped(
    stream: Option<web_sys::ReadableStream>,
    limit: usize,
) -> Result<Vec<u8>, TransportError> {
    let Some(stream) = stream else {
        return Ok(Vec::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let failed = |e: JsValue| {
        // A stream error is a TypeError/AbortError whose message names no header or body.
        let text = js_sys::Error::from(e).message();
        TransportError::Connection(String::from(text))
    };
    let mut body = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .map_err(failed)?
            .is_truthy();
        if done {
            return Ok(body);
        }
        let bytes: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(failed)?
            .dyn_into()
            .map_err(|_| TransportError::Connection("the body stream gave no bytes".into()))?;
        let n = bytes.length() as usize;
        if body.len() + n > limit {
            let _ = reader.cancel();
            return Err(TransportError::TooLarge { limit });
        }
        let start = body.len();
        body.resize(start + n, 0);
        bytes.copy_to(&mut body[start..]);
    }
}

fn js_error(e: gloo_net::Error) -> TransportError {
    // fetch's errors name neither headers nor bodies ("TypeError: Failed to fetch").
    TransportError::Connection(e.to_string())
}

impl Transport for BrowserTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        check_url(&request.url, self.allow_loopback)?;
        // A GET, or a POST of a JSON body (a Resource Graph query); never a form: the token
        // request carries the client secret, which is never sent from a browser.
        let json_post = request.method == Method::Post && request.json.is_some();
        if request.form.is_some() || !(request.method == Method::Get || json_post) {
            return Err(TransportError::Refused(RefusedUrl {
                url: request.url,
                reason: "the browser transport sends only GETs and JSON POSTs with a caller's token: a client secret is never sent from a browser".into(),
            }));
        }
        let mut builder = RequestBuilder::new(&request.url)
            .header("Accept", "application/json")
            .credentials(RequestCredentials::Omit)
            .cache(RequestCache::NoStore)
            .redirect(RequestRedirect::Manual)
            .referrer_policy(ReferrerPolicy::NoReferrer);
        if let Some(token) = &request.bearer {
            let token = token.expose_secret();
            if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(TransportError::Connection(
                    "the bearer token holds characters an HTTP header cannot carry".into(),
                ));
            }
            let mut value = Zeroizing::new(String::with_capacity(7 + token.len()));
            value.push_str("Bearer ");
            value.push_str(token);
            builder = builder.header("Authorization", &value);
        }
        let mut abort = AbortOnDrop(AbortController::new().ok());
        builder = builder.abort_signal(abort.0.as_ref().map(|c| c.signal()).as_ref());
        let response = match &request.json {
            Some(json) if json_post => builder
                .method(gloo_net::http::Method::POST)
                .header("Content-Type", "application/json")
                .body(json.as_str())
                .map_err(js_error)?
                .send()
                .await
                .map_err(js_error)?,
            _ => builder.send().await.map_err(js_error)?,
        };
        if response.type_() == ResponseType::Opaqueredirect {
            return Err(TransportError::Refused(RefusedUrl {
                url: request.url,
                reason: "the server answered with a redirect, which is not followed (it could carry the token to another host)".into(),
            }));
        }
        let headers = response.headers();
        if headers
            .get("content-length")
            .and_then(|l| l.trim().parse::<usize>().ok())
            .is_some_and(|l| l > MAX_BODY_BYTES)
        {
            return Err(TransportError::TooLarge {
                limit: MAX_BODY_BYTES,
            });
        }
        let retry_after = headers.get("retry-after");
        let throttling = THROTTLING_HEADERS
            .iter()
            .filter_map(|name| Some(((*name).to_owned(), headers.get(name)?)))
            .collect();
        // Read chunk by chunk and stop at the cap: without a Content-Length (chunked
        // encoding) the size is known only while reading. An error leaves `abort` armed, so
        // the fetch is aborted too.
        let body = read_body_capped(response.body(), MAX_BODY_BYTES).await?;
        abort.disarm();
        Ok(Response {
            status: response.status(),
            retry_after,
            headers: throttling,
            body,
        })
    }

    async fn sleep(&self, duration: Duration) {
        // setTimeout takes at most 2^31 - 1 ms (about 24.8 days).
        let ms = u32::try_from(duration.as_millis())
            .unwrap_or(u32::MAX)
            .min(i32::MAX as u32);
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }

    fn now(&self) -> Option<Duration> {
        // Milliseconds since 1970: the budgets only need differences.
        // (A cast saturates; `from_secs_f64` could panic.)
        Some(Duration::from_millis(js_sys::Date::now() as u64))
    }
}
