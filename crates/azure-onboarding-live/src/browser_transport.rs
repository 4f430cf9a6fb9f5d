//! The browser transport (feature `browser`, wasm32 only): `fetch` in a small JS function
//! of its own (the snippet below), waits through `setTimeout` (gloo-timers). Works in a page
//! and in a worker.
//!
//! The request and the body's reading are JavaScript, called once per request: through
//! gloo-net and web-sys they cost the full module about 11 KB of code and some 30 imported JS
//! functions (issue 15: size, and instantiation at about 2 µs per import).

use crate::cloud::{check_url, RefusedUrl};
use crate::transport::{
    Method, Request, Response, Transport, TransportError, MAX_BODY_BYTES, THROTTLING_HEADERS,
};
use core::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

#[wasm_bindgen(inline_js = r#"
// The browser transport of azure-onboarding-live (browser_transport.rs). One request: only the
// Accept and Authorization headers (and Content-Type with a JSON body), no cookies, no
// referrer, no HTTP cache, redirects not followed; the body read chunk by chunk up to `limit`
// bytes. `answer` never rejects: a failure is { failure, message }.
export function startFetch(url, auth, json, limit, names) {
  const controller = new AbortController();
  const headers = { Accept: 'application/json' };
  if (auth !== '') headers.Authorization = auth;
  const init = { method: 'GET', headers, credentials: 'omit', cache: 'no-store', redirect: 'manual', referrerPolicy: 'no-referrer', signal: controller.signal };
  if (json !== undefined) {
    init.method = 'POST';
    headers['Content-Type'] = 'application/json';
    init.body = json;
  }
  return { answer: answerOf(url, init, limit, names.split(',')), abort: () => controller.abort() };
}

const failed = (failure, message = '') => ({ failure, message });

async function answerOf(url, init, limit, names) {
  try {
    const response = await fetch(url, init);
    if (response.type === 'opaqueredirect') return failed('redirect');
    const length = (response.headers.get('content-length') ?? '').trim();
    // As Rust's usize parse: digits, an optional '+'.
    if (/^\+?\d+$/.test(length) && BigInt(length) > BigInt(limit)) return failed('too-large');
    const throttling = [];
    for (const name of names) {
      const value = response.headers.get(name);
      if (value !== null) throttling.push(name, value);
    }
    const body = await readCapped(response.body, limit);
    if (!(body instanceof Uint8Array)) return body;
    return { status: response.status, retryAfter: response.headers.get('retry-after') ?? undefined, throttling, body };
  } catch (e) {
    // fetch's and the stream's errors name neither headers nor bodies ("TypeError: Failed to fetch").
    return failed('connection', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
}

// A body (a ReadableStream, or null for none) read whole, or { failure: 'too-large' } as soon
// as more than `limit` bytes arrived (the stream is then cancelled): the cap holds whether or
// not the server sent a Content-Length.
export async function readCapped(stream, limit) {
  if (stream === null || stream === undefined) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) return failed('connection', 'the body stream gave no bytes');
    size += value.length;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return failed('too-large');
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}
"#)]
extern "C" {
    /// A request under way (`startFetch`).
    type Pending;
    #[wasm_bindgen(js_name = startFetch)]
    fn start_fetch(url: &str, auth: &str, json: Option<String>, limit: f64, names: &str)
        -> Pending;
    #[wasm_bindgen(method, getter)]
    fn answer(this: &Pending) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn abort(this: &Pending);

    /// What `answer` resolves to: a response, or `{ failure, message }`.
    type Answer;
    #[wasm_bindgen(method, getter)]
    fn failure(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn message(this: &Answer) -> String;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Answer) -> u16;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    fn retry_after(this: &Answer) -> Option<String>;
    /// Name, value, name, value… of the throttling headers present.
    #[wasm_bindgen(method, getter)]
    fn throttling(this: &Answer) -> Vec<String>;
    #[wasm_bindgen(method, getter)]
    fn body(this: &Answer) -> Vec<u8>;

    #[wasm_bindgen(js_name = readCapped)]
    fn read_capped(stream: &JsValue, limit: f64) -> js_sys::Promise;
}

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

/// Aborts the fetch when the request future is dropped (the collector's timeout won) or
/// ends in an error.
struct AbortOnDrop(Option<Pending>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            p.abort();
        }
    }
}

/// A failed answer as the transport's error.
fn failure(kind: &str, answer: &Answer, url: String) -> TransportError {
    match kind {
        "too-large" => TransportError::TooLarge {
            limit: MAX_BODY_BYTES,
        },
        "redirect" => TransportError::Refused(RefusedUrl {
            url,
            reason: "the server answered with a redirect, which is not followed (it could carry the token to another host)".into(),
        }),
        _ => TransportError::Connection(answer.message()),
    }
}

/// Reads a response body (`Response.body`: a `ReadableStream`, or `null`/`undefined` for
/// none) chunk by chunk, refusing it as soon as more than `limit` bytes arrived (the stream
/// is then cancelled): the transport's body cap, which holds whether or not the server sent
/// a Content-Length. The same JS function reads every response's body; public for the wasm
/// tests.
pub async fn read_body_capped(stream: &JsValue, limit: usize) -> Result<Vec<u8>, TransportError> {
    let answer = JsFuture::from(read_capped(stream, limit as f64))
        .await
        .map_err(|_| TransportError::Connection("the body stream failed".into()))?;
    match answer.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => Ok(bytes.to_vec()),
        None => {
            let answer: Answer = answer.unchecked_into();
            let kind = answer.failure().unwrap_or_default();
            Err(match kind.as_str() {
                "too-large" => TransportError::TooLarge { limit },
                _ => TransportError::Connection(answer.message()),
            })
        }
    }
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
        let mut auth = Zeroizing::new(String::new());
        if let Some(token) = &request.bearer {
            let token = token.expose_secret();
            if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(TransportError::Connection(
                    "the bearer token holds characters an HTTP header cannot carry".into(),
                ));
            }
            auth.reserve(7 + token.len());
            auth.push_str("Bearer ");
            auth.push_str(token);
        }
        let json = if json_post { request.json } else { None };
        let pending = start_fetch(
            &request.url,
            &auth,
            json,
            MAX_BODY_BYTES as f64,
            &THROTTLING_HEADERS.join(","),
        );
        let promise = pending.answer();
        // Dropped unanswered (the collector's timeout won) or with an error: the fetch is
        // aborted.
        let mut abort = AbortOnDrop(Some(pending));
        let answer: Answer = JsFuture::from(promise)
            .await
            .map_err(|_| TransportError::Connection("the request failed".into()))?
            .unchecked_into();
        if let Some(kind) = answer.failure() {
            return Err(failure(&kind, &answer, request.url));
        }
        abort.0 = None;
        let mut names = answer.throttling().into_iter();
        let mut headers = Vec::new();
        while let (Some(name), Some(value)) = (names.next(), names.next()) {
            headers.push((name, value));
        }
        Ok(Response {
            status: answer.status(),
            retry_after: answer.retry_after(),
            headers,
            body: answer.body(),
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
