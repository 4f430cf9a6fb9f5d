//! A fake of Azure for tests and benchmarks (feature `testing`): a small HTTP/1.1 server on
//! 127.0.0.1 that serves the token endpoint (issuing fake JWTs with configurable `roles`),
//! and replays a snapshot's responses for ARM and Graph requests by the snapshot's matching
//! rules, with injectable faults.
//!
//! Requests are told apart by path: `/{tenant}/oauth2/v2.0/token` is the token endpoint,
//! `/v1.0/…` and `/beta/…` are Graph, `/_blob/{account}/…` the Blob service of a storage
//! account ([`blob`]), everything else ARM. Point a collector at it with
//! [`Cloud::with_endpoints_for_testing`](crate::Cloud::with_endpoints_for_testing)`(fake.base_url())`.
//!
//! It answers browsers too, as ARM and Graph do: every response carries
//! `Access-Control-Allow-Origin: *` and exposes `Retry-After`, and a CORS preflight
//! (`OPTIONS`) is answered 204, allowing `Authorization` and `Content-Type` (preflights are
//! not logged). `examples/fake_azure.rs` runs it as a process for the browser tests.
//!
//! For the real Azure CLI: given a certificate ([`FakeConfig::tls`]) it serves https as well,
//! with the endpoints az reads to sign in ([`https`]), and with [`FakeConfig::stateful`] it
//! keeps the resources the product changes as state ([`state`]) that requests change and
//! [`FakeAzure::state_snapshot`] reads back.

pub mod blob;
mod deploy;
pub mod https;
pub mod resource_graph;
pub mod state;
pub mod throttle;
pub use blob::{BlobConfig, FakeBlob};
pub use https::{TlsIdentity, CLOUD_NAME};
pub use resource_graph::ResourceGraphConfig;
pub use state::RecordedCall;
pub use throttle::{ThrottleCounters, Throttling};

use crate::cloud::{canonical_base, Api};
use azure_onboarding::snapshot_rules::{next_link, percent_decode, url_key};
use azure_onboarding::{Snapshot, SnapshotResponse};
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the fake does to a matching request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultAction {
    /// Answer with this status (body `{"error":{"code":"InjectedFault"}}`), and a
    /// `Retry-After` header in seconds if given.
    Status {
        /// HTTP status.
        status: u16,
        /// `Retry-After` seconds.
        retry_after: Option<u64>,
    },
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// Answer 200 with a truncated JSON body.
    BrokenBody,
    /// Close the connection without answering.
    Close,
    /// Answer 200 with a chunked body (no Content-Length) that never ends: a JSON list
    /// followed by whitespace until the client hangs up.
    EndlessBody,
}

/// A fault for requests whose public-form URL contains `url_contains`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Substring of the request's public-form URL (`https://management.azure.com/…`).
    pub url_contains: String,
    /// What to do.
    pub action: FaultAction,
    /// How many matching requests it applies to (`None`: all).
    pub times: Option<u32>,
}

/// How the fake behaves. `Debug` leaves out the secret and the accepted tokens.
#[derive(Clone, Default)]
pub struct FakeConfig {
    /// The responses to replay.
    pub snapshot: Option<Snapshot>,
    /// If set, the token endpoint accepts only this client ID (else AADSTS700016).
    pub client_id: Option<String>,
    /// If set, the token endpoint accepts only this secret (else AADSTS7000215).
    pub client_secret: Option<String>,
    /// If set, the token endpoint answers every request with this AADSTS code.
    pub token_error: Option<u32>,
    /// The `roles` claim of the Graph tokens it issues.
    pub graph_roles: Vec<String>,
    /// Bearer tokens accepted for every API besides the ones it issued.
    pub accepted_tokens: Vec<String>,
    /// Faults, first match wins.
    pub faults: Vec<Fault>,
    /// Latency added to every ARM and Graph response.
    pub latency: Duration,
    /// Serve https too, with this certificate, on a second port ([`FakeAzure::https_base_url`]).
    pub tls: Option<TlsIdentity>,
    /// Keep the resources the product changes as state (see [`state`]).
    pub stateful: bool,
    /// Throttle as Azure does (see [`throttle`]); `None` (the default): never.
    pub throttling: Option<Throttling>,
    /// Keep connections open for the next request (HTTP/1.1 keep-alive) after an ARM or
    /// Graph answer, as Azure's front doors do; off by default (every answer closes its
    /// connection).
    pub keep_alive: bool,
    /// The Blob service of one storage account (the log account), see [`blob`]; without it
    /// Blob requests are answered from the snapshot.
    pub blob: Option<BlobConfig>,
    /// Azure Resource Graph, answering the inventory queries from the snapshot's
    /// per-subscription lists (see [`resource_graph`]); `None` (the default): no such
    /// endpoint (a query is answered 404, as any request the snapshot lacks).
    pub resource_graph: Option<ResourceGraphConfig>,
}

impl std::fmt::Debug for FakeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeConfig")
            .field(
                "snapshot",
                &self.snapshot.as_ref().map(|s| s.responses.len()),
            )
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("token_error", &self.token_error)
            .field("graph_roles", &self.graph_roles)
            .field("accepted_tokens", &self.accepted_tokens.len())
            .field("faults", &self.faults)
            .field("latency", &self.latency)
            .field("tls", &self.tls)
            .field("stateful", &self.stateful)
            .field("throttling", &self.throttling)
            .field("keep_alive", &self.keep_alive)
            .field("blob", &self.blob)
            .field("resource_graph", &self.resource_graph)
            .finish()
    }
}

/// One request the fake received (no header or body is kept: they hold credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The public-form URL (`https://management.azure.com/…`), or the token path.
    pub url: String,
    /// The status answered (0 when the connection was closed).
    pub status: u16,
}

struct Shared {
    config: Mutex<FakeConfig>,
    fault_uses: Mutex<Vec<u32>>,
    by_page: HashMap<String, usize>,
    by_request: HashMap<String, usize>,
    responses: Vec<SnapshotResponse>,
    tokens: Mutex<Vec<(String, Api)>>,
    log: Mutex<Vec<LoggedRequest>>,
    in_flight: AtomicUsize,
    peak: AtomicUsize,
    throttle: Mutex<throttle::Throttle>,
    ext: state::Ext,
}

// Not derived: `tokens` holds the bearer tokens the fake issued.
impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("responses", &self.responses.len())
            .field("peak", &self.peak)
            .finish_non_exhaustive()
    }
}

/// A running fake of Azure; stops when dropped.
#[derive(Debug)]
pub struct FakeAzure {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
    https: Option<(SocketAddr, tokio::task::JoinHandle<()>)>,
}

impl Drop for FakeAzure {
    fn drop(&mut self) {
        self.task.abort();
        if let Some((_, task)) = &self.https {
            task.abort();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl FakeAzure {
    /// Starts the fake on 127.0.0.1 (a free port) in the current tokio runtime.
    pub async fn start(config: FakeConfig) -> std::io::Result<FakeAzure> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let responses = config
            .snapshot
            .as_ref()
            .map(|s| s.responses.clone())
            .unwrap_or_default();
        let mut by_page = HashMap::new();
        let mut by_request = HashMap::new();
        let mut next_targets = HashSet::new();
        for r in &responses {
            if let Some(next) = next_link(&r.body).and_then(|(_, l)| match_key(l)) {
                next_targets.insert(next.1);
            }
        }
        for (i, r) in responses.iter().enumerate() {
            if let Some((request, page)) = match_key(&r.url) {
                if !next_targets.contains(&page) {
                    by_request.entry(request).or_insert(i);
                }
                by_page.entry(page).or_insert(i);
            }
        }
        let tls = config.tls.clone();
        let ext = state::Ext::default();
        if config.stateful {
            *lock(&ext.state) = Some(state::State::from_snapshot(&responses));
        }
        let shared = Arc::new(Shared {
            fault_uses: Mutex::new(vec![0; config.faults.len()]),
            config: Mutex::new(config),
            by_page,
            by_request,
            responses,
            tokens: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            in_flight: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            throttle: Mutex::new(throttle::Throttle::default()),
            ext,
        });
        let https = match tls {
            Some(identity) => {
                let acceptor = https::acceptor(&identity)?;
                let listener = TcpListener::bind("127.0.0.1:0").await?;
                let https_addr = listener.local_addr()?;
                let _ = shared.ext.https_base.set(format!("https://{https_addr}"));
                Some((
                    https_addr,
                    https::spawn_listener(listener, acceptor, shared.clone()),
                ))
            }
            None => None,
        };
        let s = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let _ = stream.set_nodelay(true);
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, s).await;
                });
            }
        });
        Ok(FakeAzure {
            addr,
            shared,
            task,
            https,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `https://127.0.0.1:PORT`, when started with [`FakeConfig::tls`].
    pub fn https_base_url(&self) -> Option<String> {
        self.https.as_ref().map(|(a, _)| format!("https://{a}"))
    }

    /// Every request received so far, with the client's tag ([`RecordedCall`]).
    pub fn calls(&self) -> Vec<RecordedCall> {
        lock(&self.shared.ext.calls).clone()
    }

    /// The state read back as a snapshot (with [`FakeConfig::stateful`]): the loaded
    /// snapshot with every collection the state owns replaced by its current content.
    pub fn state_snapshot(&self, collected_at: &str) -> Option<Snapshot> {
        lock(&self.shared.ext.state)
            .as_ref()
            .map(|s| s.to_snapshot(&self.shared.responses, collected_at))
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).clone()
    }

    /// Every access token issued so far.
    pub fn issued_tokens(&self) -> Vec<String> {
        lock(&self.shared.tokens)
            .iter()
            .map(|(t, _)| t.clone())
            .collect()
    }

    /// The most ARM/Graph requests it served at once.
    pub fn peak_concurrency(&self) -> usize {
        self.shared.peak.load(Ordering::SeqCst)
    }

    /// What the throttling ([`FakeConfig::throttling`]) served and refused so far.
    pub fn throttle_counters(&self) -> ThrottleCounters {
        lock(&self.shared.throttle).counters.clone()
    }

    /// Replaces the faults (and resets their counts).
    pub fn set_faults(&self, faults: Vec<Fault>) {
        *lock(&self.shared.fault_uses) = vec![0; faults.len()];
        lock(&self.shared.config).faults = faults;
    }
}

/// A fake JWT (unsigned: the signature part is a marker) with these claims.
pub fn fake_jwt(claims: &Value, marker: &str) -> String {
    let b = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.{marker}",
        b(&json!({"typ": "JWT", "alg": "none"})),
        b(claims)
    )
}

impl Shared {
    /// The snapshot's recorded response to `url` (public-form): the page itself, or the
    /// first page of the same request.
    fn recorded(&self, url: &str) -> Option<&SnapshotResponse> {
        let (request, page) = match_key(url)?;
        let i = self
            .by_page
            .get(&page)
            .or_else(|| self.by_request.get(&request))?;
        self.responses.get(*i)
    }
}

/// The snapshot contract's matching keys of a URL: (request, page), by the core's own rule
/// (the fake must find exactly what the assessment finds).
fn match_key(url: &str) -> Option<(String, String)> {
    url_key("GET", url).map(|k| (k.request, k.page))
}

struct Incoming {
    method: String,
    target: String,
    authorization: Option<String>,
    user_agent: Option<String>,
    /// The client sent `Connection: close`.
    close: bool,
    x_ms_version: Option<String>,
    body: Vec<u8>,
}

async fn read_request<S: AsyncRead + Unpin>(stream: &mut S) -> Option<Incoming> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > 64 * 1024 {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_owned(), first.next()?.to_owned());
    let mut length = 0usize;
    let mut authorization = None;
    let mut user_agent = None;
    let mut close = false;
    let mut x_ms_version = None;
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = v.trim().parse().ok()?,
                "authorization" => authorization = Some(v.trim().to_owned()),
                "user-agent" => user_agent = Some(v.trim().to_owned()),
                "connection" => close = v.trim().eq_ignore_ascii_case("close"),
                "x-ms-version" => x_ms_version = Some(v.trim().to_owned()),
                _ => {}
            }
        }
    }
    if length > 1024 * 1024 {
        return None;
    }
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Some(Incoming {
        method,
        target,
        authorization,
        user_agent,
        close,
        x_ms_version,
        body,
    })
}

/// CORS headers of every response: any origin (no cookies are involved), `Retry-After`
/// readable by scripts.
const CORS: &str =
    "Access-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: Retry-After, x-ms-ratelimit-remaining-subscription-reads, x-ms-ratelimit-remaining-tenant-reads, x-ms-user-quota-remaining, x-ms-user-quota-resets-after, x-ms-resource-unit, x-ms-throttle-limit-percentage\r\n";

/// The answer to a CORS preflight: GET and POST with `Authorization` and `Content-Type`.
const PREFLIGHT: &str = "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, POST\r\nAccess-Control-Allow-Headers: Authorization, Content-Type\r\nAccess-Control-Max-Age: 600\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

async fn write_response<S: AsyncWrite + Unpin>(
    stream: &mut S,
    status: u16,
    retry_after: Option<u64>,
    body: &[u8],
) -> std::io::Result<()> {
    let retry_after = retry_after.map(|s| s.to_string());
    write_response_with(stream, status, retry_after.as_deref(), &[], body, false).await
}

async fn write_response_with<S: AsyncWrite + Unpin>(
    stream: &mut S,
    status: u16,
    retry_after: Option<&str>,
    headers: &[(String, String)],
    body: &[u8],
    keep_alive: bool,
) -> std::io::Result<()> {
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let mut head = format!(
        "HTTP/1.1 {status} Fake\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {connection}\r\n{CORS}",
        body.len()
    );
    if let Some(s) = retry_after {
        head.push_str(&format!("Retry-After: {s}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    // One write: head and body in separate small writes wait for the peer's delayed ACK
    // (Nagle), about 40 ms each.
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    stream.write_all(&bytes).await?;
    if keep_alive {
        stream.flush().await
    } else {
        stream.shutdown().await
    }
}

fn form_value(body: &[u8], key: &str) -> Option<String> {
    String::from_utf8_lossy(body).split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (percent_decode(k, true) == key).then(|| percent_decode(v, true))
    })
}

fn aad_error(code: u32) -> (u16, Value) {
    let (status, error) = match code {
        90_002 | 900_023 => (400, "invalid_request"),
        53_003 => (400, "access_denied"),
        _ => (401, "invalid_client"),
    };
    (
        status,
        json!({
            "error": error,
            "error_description": format!("AADSTS{code}: fake error from the test server. Trace ID: 00000000-0000-0000-0000-000000000000"),
            "error_codes": [code],
            "timestamp": "2026-11-26 12:00:00Z",
            "trace_id": "00000000-0000-0000-0000-000000000000",
            "correlation_id": "00000000-0000-0000-0000-000000000001",
        }),
    )
}

fn token(shared: &Shared, incoming: &Incoming) -> (u16, Value) {
    let config = lock(&shared.config).clone();
    if let Some(code) = config.token_error {
        return aad_error(code);
    }
    if form_value(&incoming.body, "grant_type").as_deref() != Some("client_credentials") {
        return aad_error(900_144);
    }
    let client_id = form_value(&incoming.body, "client_id").unwrap_or_default();
    if config.client_id.as_ref().is_some_and(|c| *c != client_id) {
        return aad_error(700_016);
    }
    let secret = form_value(&incoming.body, "client_secret");
    if config
        .client_secret
        .as_ref()
        .is_some_and(|s| Some(s) != secret.as_ref())
    {
        return aad_error(7_000_215);
    }
    let scope = form_value(&incoming.body, "scope").unwrap_or_default();
    // A token for the fake's own URL (az) is good for both APIs.
    let also_graph = https::is_own_scope(&scope);
    let api = if scope.starts_with(canonical_base(Api::Graph)) {
        Api::Graph
    } else if scope.starts_with(canonical_base(Api::Storage)) {
        Api::Storage
    } else if scope.starts_with(canonical_base(Api::Arm)) || also_graph {
        Api::Arm
    } else {
        return aad_error(70_011);
    };
    let tenant = incoming
        .target
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    let mut tokens = lock(&shared.tokens);
    let mut claims = json!({
        "aud": canonical_base(api),
        "tid": tenant,
        "appid": client_id,
        "idtyp": "app",
    });
    if api == Api::Graph {
        claims["roles"] = json!(config.graph_roles);
    }
    let t = fake_jwt(
        &claims,
        &format!("CANARYTOKEN{}x{}", tokens.len(), tenant.len()),
    );
    tokens.push((t.clone(), api));
    if also_graph {
        tokens.push((t.clone(), Api::Graph));
    }
    (
        200,
        json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": t}),
    )
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    shared: Arc<Shared>,
) -> std::io::Result<()> {
    while serve_one(&mut stream, &shared).await? {}
    Ok(())
}

/// Answers one request; `true` when the connection stays open for the next.
async fn serve_one<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: &mut S,
    shared: &Arc<Shared>,
) -> std::io::Result<bool> {
    let Some(incoming) = read_request(&mut stream).await else {
        return Ok(false);
    };
    if incoming.method == "OPTIONS" {
        stream.write_all(PREFLIGHT.as_bytes()).await?;
        return stream.shutdown().await.map(|()| false);
    }
    let keep_alive = !incoming.close && lock(&shared.config).keep_alive;
    let path = incoming.target.split('?').next().unwrap_or("");
    let record = |url: &str, status: u16| {
        lock(&shared.ext.calls).push(RecordedCall {
            method: incoming.method.clone(),
            url: url.to_owned(),
            status,
            tag: state::tag_of(incoming.user_agent.as_deref()),
        });
    };
    if let Some(base) = shared.ext.https_base.get() {
        if let Some((status, body)) = https::discovery(&incoming.method, &incoming.target, base) {
            record(path, status);
            return write_response(&mut stream, status, None, body.to_string().as_bytes())
                .await
                .map(|()| false);
        }
    }
    if incoming.method == "POST" && path.ends_with("/oauth2/v2.0/token") {
        let (status, body) = token(shared, &incoming);
        lock(&shared.log).push(LoggedRequest {
            method: incoming.method.clone(),
            url: path.to_owned(),
            status,
        });
        record(path, status);
        return write_response(&mut stream, status, None, body.to_string().as_bytes())
            .await
            .map(|()| false);
    }
    if let Some(rest) = incoming.target.strip_prefix("/_blob/") {
        return serve_blob(&mut stream, shared, &incoming, rest, record)
            .await
            .map(|()| false);
    }
    let api = if path.starts_with("/v1.0/") || path.starts_with("/beta/") {
        Api::Graph
    } else {
        Api::Arm
    };
    let url = format!("{}{}", canonical_base(api), incoming.target);
    let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    shared.peak.fetch_max(now, Ordering::SeqCst);
    // Throttling charges a request when it arrives, as Azure does.
    let throttling = lock(&shared.config).throttling.clone();
    let verdict = throttling
        .as_ref()
        .map(|t| lock(&shared.throttle).check(t, &incoming.method, &url));
    let (throttle_headers, refused) = match verdict {
        Some(v) => (v.headers, v.refuse),
        None => (Vec::new(), None),
    };
    if let Some(wait) = refused {
        let latency = lock(&shared.config).latency;
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        record(&url, 429);
        lock(&shared.log).push(LoggedRequest {
            method: incoming.method.clone(),
            url,
            status: 429,
        });
        let body = json!({"error": {"code": "TooManyRequests", "message": "the fake's throttling budget for this scope is spent; retry after the Retry-After header"}});
        return write_response_with(
            &mut stream,
            429,
            Some(&wait),
            &throttle_headers,
            body.to_string().as_bytes(),
            keep_alive,
        )
        .await
        .map(|()| keep_alive);
    }
    let (status, retry_after, body) = api_response(shared, &incoming, api, &url).await;
    shared.in_flight.fetch_sub(1, Ordering::SeqCst);
    record(&url, status.unwrap_or(0));
    lock(&shared.log).push(LoggedRequest {
        method: incoming.method.clone(),
        url,
        status: status.unwrap_or(0),
    });
    let body = match body {
        Body::Bytes(_) if incoming.method == "HEAD" => Body::Bytes(Vec::new()),
        other => other,
    };
    match (status, body) {
        (Some(_), Body::Endless) => write_endless(&mut stream).await.map(|()| false),
        (Some(s), Body::Bytes(body)) => {
            let retry_after = retry_after.map(|s| s.to_string());
            write_response_with(
                &mut stream,
                s,
                retry_after.as_deref(),
                &throttle_headers,
                &body,
                keep_alive,
            )
            .await
            .map(|()| keep_alive)
        }
        (None, _) => Ok(false),
    }
}

/// The container of a List Blobs request (`/{container}?restype=container&comp=list…`) when
/// the snapshot's recorded List Containers answer of `account` names it.
fn listed_container(shared: &Shared, account: &str, rest: &str) -> Option<String> {
    let (path, query) = rest.split_once('?')?;
    let container = path.trim_start_matches('/');
    if container.is_empty() || container.contains('/') || !query.contains("restype=container") {
        return None;
    }
    let list = shared.recorded(&format!(
        "https://{account}.blob.core.windows.net/?comp=list&prefix=insights-logs-"
    ))?;
    let names = list.body.as_str()?;
    (list.status == 200 && names.contains(&format!("<Name>{container}</Name>")))
        .then(|| container.to_owned())
}

/// A Blob-service request (`/_blob/{account}/{rest}`): the [`BlobConfig`]'s answer, or the
/// snapshot's recorded one for the public-form URL (an empty list for a listed container
/// under another prefix); only with a storage token.
async fn serve_blob<S: AsyncWrite + Unpin>(
    stream: &mut S,
    shared: &Shared,
    incoming: &Incoming,
    rest: &str,
    record: impl Fn(&str, u16),
) -> std::io::Result<()> {
    let (account, rest) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let rest = if rest.starts_with('?') {
        format!("/{rest}")
    } else {
        rest.to_owned()
    };
    let url = format!("https://{account}.blob.core.windows.net{rest}");
    let (blob, accepted) = {
        let c = lock(&shared.config);
        (c.blob.clone(), c.accepted_tokens.clone())
    };
    let bearer = incoming
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "));
    let authorized = bearer.is_some_and(|b| {
        accepted.iter().any(|t| t == b)
            || lock(&shared.tokens)
                .iter()
                .any(|(t, a)| t == b && *a == Api::Storage)
    });
    let (status, body) = if !authorized {
        (401, "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>InvalidAuthenticationInfo</Code><Message>Authentication information is not given in the correct format (fake).</Message></Error>".to_owned())
    } else if let Some(answer) = blob
        .as_ref()
        .and_then(|c| blob::answer(c, account, &rest, incoming.x_ms_version.as_deref()))
    {
        answer
    } else {
        match shared.recorded(&url) {
            Some(r) => {
                let body = match &r.body {
                    Value::String(xml) => xml.clone(),
                    other => other.to_string(),
                };
                (r.status, body)
            }
            // A list of blobs in a container the snapshot's container list names, under a
            // prefix it has no answer for (another day's logs, or a service whose diagnostic
            // setting was created since): an empty list, as Azure answers.
            None => match listed_container(shared, account, &rest) {
                Some(container) => blob::answer(
                    &BlobConfig {
                        containers: vec![(container, Vec::new())],
                        ..BlobConfig::new(account)
                    },
                    account,
                    &rest,
                    incoming.x_ms_version.as_deref(),
                )
                .unwrap_or_else(|| (500, String::new())),
                None => (404, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ResourceNotFound</Code><Message>the fake's snapshot has no response for this request</Message></Error>".to_owned()),
            },
        }
    };
    record(&url, status);
    lock(&shared.log).push(LoggedRequest {
        method: incoming.method.clone(),
        url,
        status,
    });
    let head = format!(
        "HTTP/1.1 {status} Fake\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n{CORS}\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}

/// A response body: bytes, or one that never ends ([`FaultAction::EndlessBody`]).
enum Body {
    Bytes(Vec<u8>),
    Endless,
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body::Bytes(bytes)
    }
}

/// 200 with a chunked body that never ends, until the client goes away.
async fn write_endless<S: AsyncWrite + Unpin>(stream: &mut S) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 200 Fake\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n{CORS}\r\n"
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(b"b\r\n{\"value\": [\r\n").await?;
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, " ".repeat(64 * 1024));
    loop {
        // Ends with an error once the client has hung up.
        stream.write_all(chunk.as_bytes()).await?;
    }
}

async fn api_response(
    shared: &Shared,
    incoming: &Incoming,
    api: Api,
    url: &str,
) -> (Option<u16>, Option<u64>, Body) {
    let (latency, accepted) = {
        let c = lock(&shared.config);
        (c.latency, c.accepted_tokens.clone())
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let bearer = incoming
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "));
    let authorized = bearer.is_some_and(|b| {
        accepted.iter().any(|t| t == b)
            || lock(&shared.tokens)
                .iter()
                .any(|(t, a)| t == b && *a == api)
    });
    if !authorized {
        let body = json!({"error": {"code": "InvalidAuthenticationToken", "message": "The access token is missing or invalid (fake)."}});
        return (Some(401), None, body.to_string().into_bytes().into());
    }
    // The first fault that matches and has uses left.
    let fault = {
        let c = lock(&shared.config);
        let mut uses = lock(&shared.fault_uses);
        c.faults.iter().enumerate().find_map(|(i, f)| {
            let left = f.times.is_none_or(|t| uses[i] < t);
            (url.contains(&f.url_contains) && left).then(|| {
                uses[i] += 1;
                f.action.clone()
            })
        })
    };
    match fault {
        Some(FaultAction::Status {
            status,
            retry_after,
        }) => {
            let body = json!({"error": {"code": "InjectedFault", "message": format!("fault injected by the test server ({status})")}});
            return (
                Some(status),
                retry_after,
                body.to_string().into_bytes().into(),
            );
        }
        Some(FaultAction::Delay(d)) => tokio::time::sleep(d).await,
        Some(FaultAction::BrokenBody) => {
            return (Some(200), None, b"{\"value\": [{\"id\": ".to_vec().into());
        }
        Some(FaultAction::Close) => return (None, None, Vec::new().into()),
        Some(FaultAction::EndlessBody) => return (Some(200), None, Body::Endless),
        None => {}
    }
    let graph = lock(&shared.config).resource_graph.clone();
    if let Some(graph) = graph {
        let is_graph = url_key(&incoming.method, url).is_some_and(|k| {
            k.request == "POST management.azure.com/providers/microsoft.resourcegraph/resources?"
        });
        if is_graph {
            let (status, body) = resource_graph::answer(shared, &graph, &incoming.body);
            return (Some(status), None, body.to_string().into_bytes().into());
        }
    }
    if let Some(state) = lock(&shared.ext.state).as_mut() {
        if let Some((status, body)) = state.handle(&incoming.method, url, &incoming.body) {
            return (Some(status), None, body.to_string().into_bytes().into());
        }
    }
    match shared.recorded(url) {
        Some(r) => (Some(r.status), None, r.body.to_string().into_bytes().into()),
        None => {
            let body = json!({"error": {"code": "NotInSnapshot", "message": "the fake's snapshot has no response for this request"}});
            (Some(404), None, body.to_string().into_bytes().into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_snapshot_rules() {
        let a = match_key("https://Management.azure.com/SUBSCRIPTIONS/A/?api-version=1").unwrap();
        let b = match_key("https://management.azure.com/subscriptions/a").unwrap();
        assert_eq!(a, b);
        let g1 = match_key("https://graph.microsoft.com/v1.0/users?$filter=mail eq 'A@b'").unwrap();
        let g2 =
            match_key("https://graph.microsoft.com/v1.0/users?%24filter=mail%20eq%20%27a%40b%27")
                .unwrap();
        assert_eq!(g1, g2);
        let p = match_key("https://management.azure.com/s?api-version=1&$skiptoken=2").unwrap();
        assert_eq!(p.0, "GET management.azure.com/s?");
        assert_ne!(p.0, p.1);
        assert_eq!(percent_decode("%41+", true), "A ");
    }
}
