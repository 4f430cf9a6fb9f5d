//! The native transport: reqwest with rustls, on tokio.

use crate::cloud::check_url;
use crate::transport::{Method, Request, Response, Transport, TransportError, MAX_BODY_BYTES};
use core::time::Duration;

/// The native [`Transport`]: reqwest (rustls with the ring provider, webpki roots), redirects
/// off (a redirect could carry a token to another host), and `tokio::time::sleep`. Needs a
/// tokio runtime with the time driver (the CLI makes one).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    allow_loopback: bool,
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
        if let Some(token) = &request.bearer {
            let mut value = reqwest::header::HeaderValue::from_str(&format!(
                "Bearer {}",
                token.expose_secret()
            ))
            .map_err(|_| {
                TransportError::Connection(
                    "the bearer token holds characters an HTTP header cannot carry".into(),
                )
            })?;
            value.set_sensitive(true);
            builder = builder.header(reqwest::header::AUTHORIZATION, value);
        }
        if let Some(form) = &request.form {
            builder = builder
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(form.expose_secret().to_owned());
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
            body,
        })
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}
