//! Live collection for the Azure onboarding SDK: turn a tenant's Azure state into a snapshot
//! (format `azure-onboarding-snapshot/v1`) that [`azure_onboarding::assess`] reads.
//!
//! - **Request list**: exactly [`azure_onboarding::required_requests`] (S1–S6, G1–G5 with the
//!   core catalog's api-versions), round after round: S3 reveals the storage accounts for
//!   S4, G1 the service principal for G2, G3 the guest for G4. Pages are followed
//!   (`nextLink` / `@odata.nextLink`), each recorded as its own entry under the URL requested.
//! - **Transport**: one small trait, [`Transport`] (`send` and `sleep`, futures need not be
//!   `Send`), implemented natively by [`ReqwestTransport`] (rustls, tokio; feature `reqwest`,
//!   on by default) and in a browser by `BrowserTransport` (gloo-net `fetch` and
//!   `setTimeout`; feature `browser`, wasm32 only: build with `default-features = false,
//!   features = ["browser"]`, no tokio).
//! - **Clouds and the allowlist**: [`Cloud`] holds the authority and API endpoints of the
//!   public, US Government or China cloud; credentials go only to those hosts over https
//!   ([`check_url`]), or to loopback when a test sets `allow_loopback`. Anything else is
//!   refused before a byte is sent, by the collector and again by the transport.
//! - **Credentials**: client credentials of the onboarding app, or caller-supplied bearer
//!   tokens ([`Credentials`]). Token failures carry the AADSTS code and an explanation
//!   ([`TokenError`]); [`apply_live_findings`] adds them, and the consent read from the Graph
//!   token's `roles` ([`consent_findings`]), to a readiness report.
//! - **Faults**: retries with exponential backoff on 429 and 5xx honouring `Retry-After`
//!   (seconds or HTTP-date), a per-request and an overall timeout ([`CollectOptions`]).
//! - **Throttling** (issue 14): tens of requests in flight in a window that halves on a 429
//!   and grows back (AIMD), each throttling scope kept to its budget ([`Budgets`]: ARM per
//!   subscription, Resource Graph, Microsoft Graph, other hosts), subscriptions interleaved,
//!   a 429's `Retry-After` holding back its scope, remaining-budget headers read
//!   ([`THROTTLING_HEADERS`]). Budgets need the transport's clock ([`Transport::now`]).
//!
//! # What the snapshot records
//! URLs are written with the public cloud's hosts (as the request list has them), whichever
//! cloud or fake was asked, so the snapshot assesses the same; a nextLink on the cloud's own
//! host is rewritten to that form too. Bodies are otherwise verbatim (a body that is not JSON
//! is recorded as a JSON string). A request that could not be read is still recorded, so
//! that `assess` reports `unknown`, never `pass`:
//!
//! | what happened | status | body |
//! |---|---|---|
//! | 429 / 5xx after every retry | that status | the server's |
//! | the token could not be obtained | 401 | the token endpoint's error (`error_codes`, …; no secret) |
//! | no response in time (per request, after retries; or the overall timeout) | 504 | `{"error":{"code":"CollectorTimeout",…}}` |
//! | the connection failed | 502 | `{"error":{"code":"CollectorConnectionFailed",…}}` |
//! | refused by the allowlist | 421 | `{"error":{"code":"CollectorRefused",…}}` |
//!
//! Statuses the collector makes have a body whose `error.code` starts with `Collector`.
//! A request whose API has no token (only an ARM token given) is left out: `not-collected`.
//!
//! The client secret and tokens never appear in the snapshot, an error, a note or `Debug`.
#![deny(missing_docs)]

#[cfg(all(feature = "browser", target_arch = "wasm32"))]
mod browser_transport;
mod cloud;
mod collect;
mod consent;
mod findings;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod schedule;
#[cfg(feature = "testing")]
pub mod testing;
mod time;
mod token;
mod transport;

#[cfg(all(feature = "browser", target_arch = "wasm32"))]
pub use browser_transport::{read_body_capped, BrowserTransport};
pub use cloud::{
    blob_account_of_host, check_url, Api, Cloud, RefusedUrl, BLOB_SUFFIXES, KNOWN_HOSTS,
};
pub use collect::{CollectError, CollectOptions, CollectStats, Collected, Collector, Progress};
pub use consent::{
    consent_findings, missing_graph_permissions, token_claims, ClaimsError, TokenClaims,
    REQUIRED_GRAPH_PERMISSIONS,
};
pub use findings::{apply_live_findings, token_error_code, token_error_finding};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;
pub use schedule::{Budget, Budgets};
pub use time::rfc3339_utc;
pub use token::{aadsts_code, AccessToken, Credentials, TokenApi, TokenError, TokenErrorKind};
pub use transport::{
    Method, Request, Response, Transport, TransportError, MAX_BODY_BYTES, THROTTLING_HEADERS,
};
