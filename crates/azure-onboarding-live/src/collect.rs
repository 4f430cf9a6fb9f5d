//! The collector: issues the assessment's request list, follows pages, retries, times out,
//! and records every outcome in a snapshot.

use crate::cloud::{check_url, Api, Cloud, RefusedUrl};
use crate::consent::{consent_findings, token_claims, TokenClaims};
use crate::schedule::{budget_of, interleave, Answer, BudgetKey, Budgets, Scheduler};
use crate::token::{
    read_token_response, token_request, unreachable, AccessToken, Credentials, TokenError,
};
use crate::transport::{Request, Response, Transport, TransportError};
use azure_onboarding::{
    required_requests, rfc3339_seconds, Finding, OnboardingPlan, RequestSpec, Snapshot,
    SnapshotResponse,
};
use core::cell::RefCell;
use core::future::Future;
use core::pin::{pin, Pin};
use core::time::Duration;
use futures_util::future::{select, Either};
use futures_util::stream::{self, StreamExt};
use serde_json::{json, Value};
use std::collections::HashSet;

/// Limits of one collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectOptions {
    /// The most requests in flight at once (default 128): where the adaptive window starts
    /// and the most it grows to; it halves on a 429 or 503.
    pub concurrency: usize,
    /// The throttling budgets kept to (default: Azure's, per subscription for ARM; see
    /// [`Budgets`]).
    pub budgets: Budgets,
    /// Attempts per request, the first included (default 4). 429, 5xx (but 501), timeouts
    /// and connection failures are retried.
    pub max_attempts: u32,
    /// Wait before the second attempt when there is no `Retry-After`; doubled each time
    /// (default 1 s).
    pub initial_backoff: Duration,
    /// The longest backoff (default 30 s).
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; longer ones are cut to this (default 60 s).
    pub max_retry_after: Duration,
    /// Time allowed for one attempt (default 30 s).
    pub request_timeout: Duration,
    /// Time allowed for the request list (default 10 min); what is not read by then is
    /// recorded as a 504. The two token requests come before it and are bounded by
    /// `request_timeout` × `max_attempts`.
    pub overall_timeout: Duration,
    /// Pages followed per request (default 1,000): a guard against a nextLink loop.
    pub max_pages: usize,
    /// Read the inventory (subscriptions, role assignments, storage accounts, Defender
    /// pricings, classic accounts) through Azure Resource Graph first (default `true`): a
    /// few paged queries per 300 subscriptions. What it does not answer (refused,
    /// unavailable, unreadable, partial, or a subscription it does not show) is read with
    /// the per-subscription ARM lists, with a note. `false`: the lists only.
    pub resource_graph: bool,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            concurrency: 128,
            budgets: Budgets::default(),
            max_attempts: 4,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
            request_timeout: Duration::from_secs(30),
            overall_timeout: Duration::from_secs(600),
            max_pages: 1000,
            resource_graph: true,
        }
    }
}

/// How far a collection is: requests of the request list completed, and listed so far
/// (the list grows as responses reveal storage accounts and object IDs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Requests completed (all their pages read, or given up).
    pub completed: usize,
    /// Requests listed so far.
    pub listed: usize,
    /// HTTP requests sent so far (retries and pages included).
    pub http_requests: usize,
    /// 429 answers received so far.
    pub throttled: usize,
}

/// Counters of one collection (JSON: camelCase, e.g. `httpRequests`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectStats {
    /// HTTP requests sent (retries, pages and token requests included).
    pub http_requests: usize,
    /// Of those, retries.
    pub retries: usize,
    /// Requests of the request list issued.
    pub listed_requests: usize,
    /// Snapshot entries recorded.
    pub pages: usize,
    /// Rounds of the request list (later rounds need earlier responses).
    pub rounds: usize,
    /// The most HTTP requests in flight at once.
    pub peak_concurrency: usize,
    /// 429 answers received (each retried after its `Retry-After`).
    pub throttled: usize,
    /// The smallest the adaptive window of requests in flight became (it starts at the
    /// concurrency and halves on a 429 or 503).
    pub lowest_window: usize,
    /// Whether the overall timeout cut the collection short.
    pub timed_out: bool,
}

/// The result of a collection.
#[derive(Debug, Clone)]
pub struct Collected {
    /// The snapshot: every response read, and every request that could not be read with the
    /// status it came to (see the crate documentation for the statuses the collector makes).
    pub snapshot: Snapshot,
    /// Tokens that could not be obtained. Each is also recorded in the snapshot as the 401
    /// of every request that needed it; [`apply_live_findings`](crate::apply_live_findings)
    /// turns them into findings.
    pub token_errors: Vec<TokenError>,
    /// The claims of the app-only Graph token, when there was one.
    pub graph_claims: Option<TokenClaims>,
    /// `graph-permission-missing` findings read from the Graph token's `roles`.
    pub consent: Vec<Finding>,
    /// Things a person should know (a missing token, a nextLink not followed).
    pub notes: Vec<String>,
    /// Counters.
    pub stats: CollectStats,
    /// Whether the log account's blobs (B1, B2) were read with the application's own
    /// identity (client credentials): then their failures prove what Workbench cannot read,
    /// and [`apply_live_findings`](crate::apply_live_findings) makes them required.
    pub read_with_application: bool,
}

/// Misuse: nothing was collected. New cases may be added (`#[non_exhaustive]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CollectError {
    /// An endpoint of the cloud may not receive credentials.
    #[error(transparent)]
    Refused(#[from] RefusedUrl),
    /// `collected_at` is not an RFC 3339 timestamp.
    #[error("collectedAt must be an RFC 3339 timestamp such as 2026-11-26T12:00:00Z")]
    BadTimestamp,
    /// A token of [`Credentials::Tokens`] (`"ARM"` or `"Graph"`) has the format of a client
    /// secret ([`azure_onboarding::looks_like_client_secret`]): it would have been sent as a
    /// bearer token, to Azure and in every request's header. Nothing was sent. The app's
    /// secret goes in [`Credentials::ClientSecret`].
    #[error("the {0} token is a client secret, not an access token (it would be sent as a bearer token): give the application's secret as Credentials::ClientSecret, or an access token")]
    SecretAsToken(&'static str),
}

/// The token for one API, or why there is none.
enum TokenFor {
    Ok(AccessToken),
    Failed(TokenError),
    Missing,
}

struct State {
    sched: Scheduler,
    /// The collection's wall clock at `clock_start`: `collectedAt` (for HTTP-date
    /// `Retry-After`).
    wall_start: f64,
    clock_start: Option<Duration>,
    snapshot_responses: Vec<SnapshotResponse>,
    round: Vec<(usize, Vec<SnapshotResponse>)>,
    issued: HashSet<String>,
    completed: HashSet<String>,
    notes: Vec<String>,
    stats: CollectStats,
    in_flight: usize,
    listed: usize,
    done: usize,
}

/// Rounds of the request list; five are needed (S3 → S4 → B1 → B2 → B2 of the day before;
/// G1 → G2, G3 → G4).
const MAX_ROUNDS: usize = 8;

/// Collects a snapshot of a tenant for a plan: the request list of
/// [`required_requests`](azure_onboarding::required_requests), round after round.
///
/// ```no_run
/// # async fn demo(plan: azure_onboarding::OnboardingPlan, secret: azure_onboarding::SecretString) {
/// use azure_onboarding_live::{Cloud, Collector, Credentials, ReqwestTransport};
/// let transport = ReqwestTransport::new(false, std::time::Duration::from_secs(10)).unwrap();
/// let credentials = Credentials::ClientSecret { client_id: plan.application_id, secret };
/// let collected = Collector::new(&transport, Cloud::public())
///     .collect(&plan, &credentials, "2026-11-26T12:00:00Z")
///     .await
///     .unwrap();
/// let report = azure_onboarding::assess(&plan, &collected.snapshot);
/// # }
/// ```
pub struct Collector<'t, T> {
    transport: &'t T,
    cloud: Cloud,
    options: CollectOptions,
    progress: Option<Box<dyn Fn(Progress) + 't>>,
}

impl<T> core::fmt::Debug for Collector<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Collector")
            .field("cloud", &self.cloud)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'t, T: Transport> Collector<'t, T> {
    /// A collector for `cloud` with the default [`CollectOptions`].
    pub fn new(transport: &'t T, cloud: Cloud) -> Self {
        Collector {
            transport,
            cloud,
            options: CollectOptions::default(),
            progress: None,
        }
    }

    /// Replaces the options.
    pub fn options(mut self, options: CollectOptions) -> Self {
        self.options = options;
        self
    }

    /// Calls `f` whenever a request completes or more are listed.
    pub fn on_progress(mut self, f: impl Fn(Progress) + 't) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Collects. `collected_at` (RFC 3339) is recorded as the snapshot's `collectedAt`: the
    /// caller's clock, so that this crate reads none.
    pub async fn collect(
        &self,
        plan: &OnboardingPlan,
        credentials: &Credentials,
        collected_at: &str,
    ) -> Result<Collected, CollectError> {
        self.cloud.check()?;
        if rfc3339_seconds(collected_at).is_none() {
            return Err(CollectError::BadTimestamp);
        }
        if let Credentials::Tokens { arm, graph } = credentials {
            for (api, token) in [("ARM", arm), ("Graph", graph)] {
                if token
                    .as_ref()
                    .is_some_and(|t| azure_onboarding::looks_like_client_secret(t.expose_secret()))
                {
                    return Err(CollectError::SecretAsToken(api));
                }
            }
        }
        let state = RefCell::new(State {
            sched: Scheduler::new(self.options.budgets, self.options.concurrency),
            wall_start: rfc3339_seconds(collected_at).unwrap_or(0) as f64,
            clock_start: self.transport.now(),
            snapshot_responses: Vec::new(),
            round: Vec::new(),
            issued: HashSet::new(),
            completed: HashSet::new(),
            notes: Vec::new(),
            stats: CollectStats::default(),
            in_flight: 0,
            listed: 0,
            done: 0,
        });
        let (arm, graph, storage) = self.tokens(plan, credentials, &state).await;
        let mut token_errors = Vec::new();
        let mut graph_claims = None;
        let mut consent = Vec::new();
        for (api, t) in [(Api::Arm, &arm), (Api::Graph, &graph)] {
            match t {
                TokenFor::Failed(e) => token_errors.push(e.clone()),
                TokenFor::Missing => state.borrow_mut().notes.push(format!(
                    "No {} token was given: its requests were not collected and assess reports them as not-collected.",
                    api.name()
                )),
                TokenFor::Ok(token) if api == Api::Graph => match token_claims(token) {
                    Ok(c) => {
                        consent = consent_findings(plan, &c);
                        graph_claims = Some(c);
                    }
                    Err(e) => state
                        .borrow_mut()
                        .notes
                        .push(format!("The Graph token's consent could not be read: {e}.")),
                },
                TokenFor::Ok(_) => {}
            }
        }
        let read_with_application = match (&storage, credentials) {
            (TokenFor::Ok(_), Credentials::ClientSecret { .. }) => true,
            (TokenFor::Failed(e), _) => {
                state.borrow_mut().notes.push(format!(
                    "No Azure Storage token ({e}): the log account's blobs (B1, B2) were not read; assess reports them as unknown."
                ));
                false
            }
            (TokenFor::Missing, Credentials::Tokens { .. }) => {
                state.borrow_mut().notes.push(
                    "The log account's blobs (B1, B2: are logs arriving?) were not read: with a caller's tokens (the browser) the Blob service would need a token for https://storage.azure.com and a CORS rule on the log account that customers have not configured. assess reports them as not collected (not required); `azure-onboard verify` reads them with the application's identity.".into(),
                );
                false
            }
            _ => false,
        };
        let timed_out = {
            let work = pin!(self.rounds(plan, [&arm, &graph, &storage], collected_at, &state));
            let timer = pin!(self.transport.sleep(self.options.overall_timeout));
            matches!(select(work, timer).await, Either::Right(_))
        };
        let mut st = state.into_inner();
        flush_round(&mut st);
        if timed_out {
            st.stats.timed_out = true;
            let snapshot = snapshot_of(collected_at, &st.snapshot_responses);
            for spec in required_requests(plan, &snapshot) {
                if !st.completed.contains(&spec.url) {
                    let note = if st.issued.contains(&spec.url) {
                        "the overall timeout was reached while this request was being read"
                    } else {
                        "the overall timeout was reached before this request was sent"
                    };
                    st.snapshot_responses.push(collector_error(
                        &spec.url,
                        504,
                        "CollectorTimeout",
                        &format!(
                            "{note} ({}); the collector recorded this status",
                            duration_text(self.options.overall_timeout)
                        ),
                    ));
                }
            }
            st.notes.push(format!(
                "The collection was cut short by the overall timeout ({}).",
                duration_text(self.options.overall_timeout)
            ));
        }
        st.stats.pages = st.snapshot_responses.len();
        st.stats.throttled = st.sched.throttled;
        st.stats.lowest_window = st.sched.lowest_window;
        Ok(Collected {
            snapshot: snapshot_of(collected_at, &st.snapshot_responses),
            token_errors,
            graph_claims,
            consent,
            notes: st.notes,
            stats: st.stats,
            read_with_application,
        })
    }

    async fn tokens(
        &self,
        plan: &OnboardingPlan,
        credentials: &Credentials,
        state: &RefCell<State>,
    ) -> (TokenFor, TokenFor, TokenFor) {
        match credentials {
            Credentials::Tokens { arm, graph } => {
                let given = |t: &Option<AccessToken>| match t {
                    Some(t) if !t.expose_secret().is_empty() => TokenFor::Ok(t.clone()),
                    _ => TokenFor::Missing,
                };
                (given(arm), given(graph), TokenFor::Missing)
            }
            Credentials::ClientSecret { client_id, secret } => {
                let tenant = plan.tenant_id.to_string();
                let client_id = client_id.to_string();
                let acquire = |api: Api| {
                    let (tenant, client_id) = (&tenant, &client_id);
                    async move {
                        let make = || token_request(&self.cloud, tenant, client_id, secret, api);
                        match self.send_retrying(&make, None, state).await {
                            Ok(r) => {
                                match read_token_response(
                                    api,
                                    r.status,
                                    &r.body,
                                    secret.expose_secret(),
                                ) {
                                    Ok(t) => TokenFor::Ok(t),
                                    Err(e) => TokenFor::Failed(e),
                                }
                            }
                            Err((e, _)) => TokenFor::Failed(unreachable(api, &e.to_string())),
                        }
                    }
                };
                futures_util::future::join3(
                    acquire(Api::Arm),
                    acquire(Api::Graph),
                    acquire(Api::Storage),
                )
                .await
            }
        }
    }

    async fn rounds(
        &self,
        plan: &OnboardingPlan,
        tokens: [&TokenFor; 3],
        collected_at: &str,
        state: &RefCell<State>,
    ) {
        if self.options.resource_graph {
            if let TokenFor::Ok(token) = tokens[0] {
                self.inventory(plan, token, state).await;
            }
        }
        for _ in 0..MAX_ROUNDS {
            let specs: Vec<RequestSpec> = {
                let mut st = state.borrow_mut();
                flush_round(&mut st);
                // The collection's time: the Blob lists (B2) are of its day.
                let snapshot = snapshot_of(collected_at, &st.snapshot_responses);
                let specs: Vec<RequestSpec> = required_requests(plan, &snapshot)
                    .into_iter()
                    .filter(|s| !st.issued.contains(&s.url))
                    .collect();
                for s in &specs {
                    st.issued.insert(s.url.clone());
                }
                st.listed += specs.len();
                st.stats.listed_requests += specs.len();
                if !specs.is_empty() {
                    st.stats.rounds += 1;
                }
                specs
            };
            if specs.is_empty() {
                return;
            }
            self.report_progress(state);
            // Issued round-robin over the throttling scopes (subscriptions interleaved);
            // recorded in list order (`i`) whatever order they complete in.
            let keys: Vec<BudgetKey> = specs.iter().map(|s| budget_of(&s.url).0).collect();
            let order = interleave(&keys);
            let specs = &specs;
            let mut jobs = order.into_iter().map(|i| -> Job<'_> {
                Box::pin(async move { (i, self.fetch(plan, &specs[i], tokens, state).await) })
            });
            run_jobs(self.options.concurrency, &mut jobs, &mut |i, pages| {
                {
                    let mut st = state.borrow_mut();
                    st.round.push((i, pages));
                    st.completed.insert(specs[i].url.clone());
                    st.done += 1;
                }
                self.report_progress(state);
            })
            .await;
        }
    }

    /// The inventory through Resource Graph: every query of
    /// [`inventory_requests`](azure_onboarding::inventory_requests) with its pages, recorded
    /// (POST with the request body) before the request list. The per-subscription lists it
    /// answers are then taken as issued; the others stay on the list (the fallback).
    async fn inventory(&self, plan: &OnboardingPlan, token: &AccessToken, state: &RefCell<State>) {
        let queries = azure_onboarding::inventory_requests(&plan.subscriptions);
        if queries.is_empty() {
            return;
        }
        {
            let mut st = state.borrow_mut();
            st.listed += queries.len();
            st.stats.listed_requests += queries.len();
            st.stats.rounds += 1;
        }
        self.report_progress(state);
        let mut answers: Vec<(usize, Vec<SnapshotResponse>)> = Vec::new();
        let mut jobs = queries.iter().enumerate().map(|(i, q)| -> Job<'_> {
            Box::pin(async move { (i, self.query_pages(q, token, state).await) })
        });
        run_jobs(self.options.concurrency, &mut jobs, &mut |i, pages| {
            answers.push((i, pages));
            state.borrow_mut().done += 1;
            self.report_progress(state);
        })
        .await;
        answers.sort_by_key(|(i, _)| *i);
        let mut st = state.borrow_mut();
        let (mut refused, mut unavailable, mut unreadable) = (0, 0, 0);
        for (_, pages) in &answers {
            let last = pages.last();
            match last.map(|p| p.status) {
                Some(401 | 403) => refused += 1,
                Some(200..=299) => {
                    let complete = last.is_some_and(|p| {
                        p.body.get("data").is_some_and(Value::is_array)
                            && azure_onboarding::snapshot_rules::skip_token(&p.body).is_none()
                            && !pages.iter().any(|p| {
                                azure_onboarding::snapshot_rules::result_truncated(&p.body)
                            })
                    });
                    if !complete {
                        unreadable += 1;
                    }
                }
                _ => unavailable += 1,
            }
        }
        for (_, pages) in answers {
            st.snapshot_responses.extend(pages);
        }
        let stand_ins =
            azure_onboarding::snapshot_rules::inventory_stand_ins(&st.snapshot_responses);
        let mut answered = 0;
        for r in stand_ins.iter().filter(|r| (200..300).contains(&r.status)) {
            st.issued.insert(r.url.clone());
            st.completed.insert(r.url.clone());
            answered += 1;
        }
        let failed = refused + unavailable + unreadable;
        if failed > 0 {
            st.notes.push(format!(
                "Azure Resource Graph did not answer {failed} of {} inventory queries ({refused} refused, {unavailable} unavailable, {unreadable} unreadable or incomplete): the lists they stand for were read with the per-subscription ARM requests instead.",
                queries.len()
            ));
        }
        let expected = plan.subscriptions.len() * azure_onboarding::InventoryQuery::ALL.len();
        if failed == 0 && answered < expected {
            st.notes.push(format!(
                "Azure Resource Graph answered {answered} of {expected} per-subscription lists (a subscription it does not show is read with the per-subscription ARM requests)."
            ));
        }
    }

    /// Every page of one Resource Graph query (`$skipToken` paging), as recorded POSTs.
    async fn query_pages(
        &self,
        query: &azure_onboarding::InventoryRequest,
        token: &AccessToken,
        state: &RefCell<State>,
    ) -> Vec<SnapshotResponse> {
        let Some((_, actual)) = self.cloud.actual_url(&query.url) else {
            return Vec::new();
        };
        let budget = budget_of(&query.url);
        let mut pages: Vec<SnapshotResponse> = Vec::new();
        let mut seen = HashSet::new();
        let mut skip: Option<String> = None;
        loop {
            let sent = query.body(skip.as_deref());
            let text = sent.to_string();
            let make = || Request::post_json(actual.clone(), Some(token.secret()), text.clone());
            let (status, body) = match self.send_retrying(&make, Some(&budget), state).await {
                Ok(r) => read_body(r),
                Err((e, attempts)) => failure_body(&e, attempts),
            };
            let next = if (200..300).contains(&status) {
                azure_onboarding::snapshot_rules::skip_token(&body).map(str::to_owned)
            } else {
                None
            };
            pages.push(SnapshotResponse::post(&query.url, sent, status, body));
            match next {
                Some(t)
                    if seen.insert(t.clone()) && pages.len() < self.options.max_pages.max(1) =>
                {
                    skip = Some(t)
                }
                _ => break,
            }
        }
        pages
    }

    fn report_progress(&self, state: &RefCell<State>) {
        if let Some(f) = &self.progress {
            let p = {
                let st = state.borrow();
                Progress {
                    completed: st.done,
                    listed: st.listed,
                    http_requests: st.stats.http_requests,
                    throttled: st.sched.throttled,
                }
            };
            f(p);
        }
    }

    /// Every page of one request of the list.
    async fn fetch(
        &self,
        plan: &OnboardingPlan,
        spec: &RequestSpec,
        [arm, graph, storage]: [&TokenFor; 3],
        state: &RefCell<State>,
    ) -> Vec<SnapshotResponse> {
        let Some((api, _)) = self.cloud.actual_url(&spec.url) else {
            return vec![collector_error(
                &spec.url,
                421,
                "CollectorUnknownHost",
                "the request list named a host that is neither ARM, Microsoft Graph nor the log account's Blob service",
            )];
        };
        // The storage token goes to exactly one Blob host: the plan's log account.
        if api == Api::Storage
            && crate::cloud::blob_parts(&spec.url).map(|(a, _)| a)
                != Some(plan.log_storage_account.name().as_str())
        {
            return vec![collector_error(
                &spec.url,
                421,
                "CollectorUnknownHost",
                "a Blob-service request for another storage account than the plan's log account",
            )];
        }
        let token = match match api {
            Api::Arm => arm,
            Api::Graph => graph,
            Api::Storage => storage,
        } {
            TokenFor::Ok(t) => t,
            TokenFor::Failed(e) => {
                return vec![SnapshotResponse::get(&spec.url, 401, e.body.clone())]
            }
            TokenFor::Missing => return Vec::new(),
        };
        let mut pages = Vec::new();
        let mut seen = HashSet::new();
        let mut url = spec.url.clone();
        loop {
            seen.insert(url.clone());
            let Some((_, actual)) = self.cloud.actual_url(&url) else {
                break;
            };
            let make = || {
                let mut r = Request::get(actual.clone(), Some(token.secret()));
                if api == Api::Storage {
                    r.x_ms_version = Some(azure_onboarding::catalog::endpoints::BLOB_API_VERSION);
                }
                r
            };
            let budget = budget_of(&url);
            let (status, mut body) = match self.send_retrying(&make, Some(&budget), state).await {
                Ok(r) => read_body(r),
                Err((e, attempts)) => failure_body(&e, attempts),
            };
            let mut next = None;
            if (200..300).contains(&status) {
                if let Some((key, link)) = next_link(&body) {
                    match self.cloud.canonical_url(api, &link) {
                        Some(canonical) => {
                            body[key] = Value::String(canonical.clone());
                            next = Some(canonical);
                        }
                        None => state.borrow_mut().notes.push(format!(
                            "A nextLink of {} points to another host and was not followed; later pages are missing.",
                            spec.url
                        )),
                    }
                } else if api == Api::Storage {
                    // A Blob list pages by `NextMarker`: the same request with `marker`.
                    next = azure_onboarding::snapshot_rules::blob_next_page(&url, &body);
                }
            }
            pages.push(SnapshotResponse::get(&url, status, body));
            match next {
                Some(n) if !seen.contains(&n) && pages.len() < self.options.max_pages.max(1) => {
                    url = n
                }
                _ => break,
            }
        }
        pages
    }

    /// Sends with retries. `Err` carries the last transport error and the attempts made.
    /// `budget`: the request's throttling scope and cost (none for the token requests).
    async fn send_retrying(
        &self,
        make: &dyn Fn() -> Request,
        budget: Option<&(BudgetKey, u32)>,
        state: &RefCell<State>,
    ) -> Result<Response, (TransportError, u32)> {
        let max = self.options.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            if let Some((key, cost)) = budget {
                self.acquire(key, *cost, state).await;
            }
            let outcome = self.send_once(make(), state).await;
            let server_wait = match &outcome {
                Ok(r) => r
                    .retry_after
                    .as_deref()
                    .and_then(|v| crate::schedule::retry_after(v, self.wall_now(state))),
                Err(_) => None,
            };
            if let Some((key, cost)) = budget {
                let answer = Answer {
                    status: outcome.as_ref().ok().map(|r| r.status),
                    retry_after: server_wait.map(|w| w.min(self.options.max_retry_after)),
                    headers: outcome
                        .as_ref()
                        .map(|r| r.headers.clone())
                        .unwrap_or_default(),
                };
                let now = self.transport.now();
                state.borrow_mut().sched.finish(key, *cost, now, &answer);
            }
            let wait = match &outcome {
                Ok(r) if r.status == 429 || (r.status >= 500 && r.status != 501) => {
                    Some(server_wait.unwrap_or_else(|| self.backoff(attempt)))
                }
                Err(TransportError::Timeout(_) | TransportError::Connection(_)) => {
                    Some(self.backoff(attempt))
                }
                _ => None,
            };
            match wait {
                Some(w) if attempt < max => {
                    state.borrow_mut().stats.retries += 1;
                    self.transport
                        .sleep(w.min(self.options.max_retry_after))
                        .await;
                }
                _ => return outcome.map_err(|e| (e, attempt)),
            }
        }
    }

    /// Waits until the scheduler lets a request of `key` go (budget and window), and takes
    /// its slot.
    async fn acquire(&self, key: &BudgetKey, cost: u32, state: &RefCell<State>) {
        loop {
            let now = self.transport.now();
            let wait = state.borrow_mut().sched.try_start(key, cost, now);
            match wait {
                None => return,
                Some(w) => self.transport.sleep(w).await,
            }
        }
    }

    /// The wall clock now: `collectedAt` plus the time since the collection started.
    fn wall_now(&self, state: &RefCell<State>) -> Option<f64> {
        let st = state.borrow();
        let (start, now) = (st.clock_start?, self.transport.now()?);
        Some(st.wall_start + now.saturating_sub(start).as_secs_f64())
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        self.options
            .initial_backoff
            .saturating_mul(factor)
            .min(self.options.max_backoff)
    }

    /// One attempt: allowlist check, then the transport raced against the request timeout.
    async fn send_once(
        &self,
        request: Request,
        state: &RefCell<State>,
    ) -> Result<Response, TransportError> {
        check_url(&request.url, self.cloud.allow_loopback)?;
        {
            let mut st = state.borrow_mut();
            st.stats.http_requests += 1;
            st.in_flight += 1;
            st.stats.peak_concurrency = st.stats.peak_concurrency.max(st.in_flight);
        }
        let timeout = self.options.request_timeout;
        let outcome = {
            let send = pin!(self.transport.send(request));
            let timer = pin!(self.transport.sleep(timeout));
            match select(send, timer).await {
                Either::Left((r, _)) => r,
                Either::Right(_) => Err(TransportError::Timeout(timeout)),
            }
        };
        state.borrow_mut().in_flight -= 1;
        outcome
    }
}

/// A timeout in words: whole seconds as `600 s`, otherwise milliseconds (`250 ms`). Not
/// `Duration`'s Debug: the wasm builds compile Debug formatting to nothing
/// (`-Zfmt-debug=none`, xtask's wasm.rs).
fn duration_text(d: Duration) -> String {
    // u64 (585 million years of milliseconds; saturating): formatting a u128 would bring
    // its own digit loop and 128-bit division into the wasm build.
    let ms = u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

/// A request's pages, with its place in its list.
type Job<'f> = Pin<Box<dyn Future<Output = (usize, Vec<SnapshotResponse>)> + 'f>>;

/// Runs `jobs`, at most `concurrency` at a time (taken from the iterator as places free up),
/// calling `done` as each finishes. One function, not generic, for both the inventory and
/// the rounds: each pipeline of stream adapters compiled its own copy of futures_util's
/// scheduler into the wasm build (issue 15).
async fn run_jobs<'f>(
    concurrency: usize,
    jobs: &mut dyn Iterator<Item = Job<'f>>,
    done: &mut dyn FnMut(usize, Vec<SnapshotResponse>),
) {
    stream::iter(jobs)
        .buffer_unordered(concurrency.max(1))
        .for_each(|(i, pages)| {
            done(i, pages);
            core::future::ready(())
        })
        .await;
}

fn snapshot_of(collected_at: &str, responses: &[SnapshotResponse]) -> Snapshot {
    let mut s = Snapshot::new(collected_at);
    s.responses = responses.to_vec();
    s.fit_format();
    s
}

/// Moves the finished requests of a round into the snapshot, in request-list order.
fn flush_round(st: &mut State) {
    let mut round = core::mem::take(&mut st.round);
    round.sort_by_key(|(i, _)| *i);
    for (_, pages) in round {
        st.snapshot_responses.extend(pages);
    }
}

/// The next page's link and its key: the core's rule, so the collector follows exactly the
/// link the assessment will follow.
fn next_link(body: &Value) -> Option<(&'static str, String)> {
    azure_onboarding::snapshot_rules::next_link(body).map(|(k, l)| (k, l.to_owned()))
}

/// The status and body to record: JSON verbatim; a body that is not JSON as a string (the
/// assessment reports it unreadable); no body as `null`.
fn read_body(r: Response) -> (u16, Value) {
    let body = if r.body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&r.body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&r.body).into_owned()))
    };
    if (100..=599).contains(&r.status) {
        (r.status, body)
    } else {
        let e = collector_error(
            "",
            502,
            "CollectorBadStatus",
            &format!(
                "the server answered with status {}, which is not an HTTP status",
                r.status
            ),
        );
        (502, e.body)
    }
}

fn failure_body(e: &TransportError, attempts: u32) -> (u16, Value) {
    let (status, code) = match e {
        TransportError::Timeout(_) => (504, "CollectorTimeout"),
        TransportError::Refused(_) => (421, "CollectorRefused"),
        TransportError::Connection(_) => (502, "CollectorConnectionFailed"),
        TransportError::TooLarge { .. } => (502, "CollectorResponseTooLarge"),
    };
    let message = format!("{e} (after {attempts} attempt(s)); the collector recorded this status");
    (status, collector_error("", status, code, &message).body)
}

/// A response the collector records for a request that got no usable answer. The body has
/// ARM's error shape, with a code starting `Collector`.
fn collector_error(url: &str, status: u16, code: &str, message: &str) -> SnapshotResponse {
    SnapshotResponse::get(
        url,
        status,
        json!({ "error": { "code": code, "message": message } }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_text(Duration::from_secs(600)), "600 s");
        assert_eq!(duration_text(Duration::from_millis(300)), "300 ms");
        assert_eq!(duration_text(Duration::from_millis(1500)), "1500 ms");
        assert_eq!(duration_text(Duration::ZERO), "0 s");
    }

    #[test]
    fn bodies_and_links() {
        let r = |status, body: &[u8]| Response {
            status,
            retry_after: None,
            headers: Vec::new(),
            body: body.to_vec(),
        };
        assert_eq!(read_body(r(200, b"  ")), (200, Value::Null));
        assert_eq!(read_body(r(200, b"{\"a\":1}")).1, json!({"a": 1}));
        assert_eq!(read_body(r(200, b"{broken")).1, json!("{broken"));
        assert_eq!(read_body(r(999, b"")).0, 502);
        assert_eq!(
            next_link(&json!({"@odata.nextLink": "https://x"})),
            Some(("@odata.nextLink", "https://x".to_owned()))
        );
        assert_eq!(next_link(&json!({"nextLink": ""})), None);
        assert_eq!(next_link(&json!([1])), None);
    }
}
