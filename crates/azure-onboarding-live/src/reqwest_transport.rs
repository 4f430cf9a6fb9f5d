//! The native transport: reqwest with rustls, on tokio.

use crate::cloud::check_url;
use crate::transport::{
    Method, Request, Response, Transport, TransportError, MAX_BODY_BYTES, THROTTLING_HEADERS,
};
use core::time::Duration;
use zeroize::Zeroizing;

/// `Bearer <token>` in a zeroized string allocated once at its final size (growing it would
/// leave copies of the token in freed memory).
pub(crate) fn bearer_header(token: &str) -> Zeroizing<String> {
    let mut value = Zeroizing::new(String::with_capacity(7 + token.len()));
    value.push_str("Bearer ");
    value.push_str(token);
    value
}

/// The native [`Transport`]: reqwest (rustls with the ring provider, webpki roots), redirects
/// off (a redirect could carry a token to another host), and `tokio::time::sleep`. Needs a
/// tokio runtime with the time driver (the CLI makes one).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    allow_loopback: bool,
    epoch: tokio::time::Instant,
}

impl ReqwestTransport {
    /// A transport that sends only to known Azure hosts over https, or also to loopback when
    /// `allow_loopback` is set (tests). `connect_timeout` bounds connection setup.
    pub fn new(allow_loopback: bool, connect_timeout: Duration) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(connect_timeout)
            .user_agent(concat!("azure-onboard/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| TransportError::Connection(e.to_string()))?;
        Ok(ReqwestTransport {
            client,
            allow_loopback,
            epoch: tokio::time::Instant::now(),
        })
    }
}

impl Transport for ReqwestTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        check_url(&request.url, self.allow_loopback)?;
        let mut builder = match request.method {
            Method::Get => self.client.get(&request.url),
            Method::Post => self.client.post(&request.url),
        };
        builder = builder.header("Accept", "application/json");
        if let Some(v) = request.x_ms_version {
            builder = builder.header("x-ms-version", v);
        }
        if let Some(token) = &request.bearer {
            let value = bearer_header(token.expose_secret());
            let mut value = reqwest::header::HeaderValue::from_str(&value).map_err(|_| {
                TransportError::Connection(
                    "the bearer token holds characters an HTTP header cannot carry".into(),
                )
            })?;
            value.set_sensitive(true);
            builder = builder.header(reqwest::header::AUTHORIZATION, value);
        }
        if let Some(form) = &request.form {
            // reqwest owns the body it sends: hand it bytes that zeroize themselves when
            // reqwest drops them, not a plain copy of the secret.
            let body = Zeroizing::new(form.expose_secret().as_bytes().to_vec());
            builder = builder
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(bytes::Bytes::from_owner(body));
        }
        if let Some(json) = &request.json {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(json.clone());
        }
        // Errors are reported without the URL's query and never hold a header or body.
        let connection =
            |e: reqwest::Error| TransportError::Connection(e.without_url().to_string());
        let mut response = builder.send().await.map_err(connection)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let headers = THROTTLING_HEADERS
            .iter()
            .filter_map(|name| {
                let v = response.headers().get(*name)?.to_str().ok()?;
                Some(((*name).to_owned(), v.to_owned()))
            })
            .collect();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(connection)? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(TransportError::TooLarge {
                    limit: MAX_BODY_BYTES,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            retry_after,
            headers,
            body,
        })
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }

    fn now(&self) -> Option<Duration> {
        Some(tokio::time::Instant::now().saturating_duration_since(self.epoch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_header_is_zeroized_and_allocated_once() {
        let token = "eyJ.CANARY.token";
        let value: Zeroizing<String> = bearer_header(token);
        assert_eq!(value.as_str(), "Bearer eyJ.CANARY.token");
        assert_eq!(
            value.capacity(),
            value.len(),
            "allocated once at its final size"
        );
    }
}
