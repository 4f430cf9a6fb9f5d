//! The full build's live collection (wasm32 only): `collect(plan, options)` with tokens the
//! caller obtained (MSAL, for the signed-in admin), through the live crate's browser
//! transport. Every decision (request list, paging, retries, allowlist, what is recorded) is
//! `azure_onboarding_live`'s; this module only reads the options and shapes the result.

use crate::boundary::{checked, from_js, misuse, own_copy, to_js, MisuseError, DATA};
use azure_onboarding::json_read::{members, At, Read};
use azure_onboarding::{Finding, OnboardingPlan, Snapshot};
use azure_onboarding_live::{
    rfc3339_utc, AccessToken, BrowserTransport, Cloud, CollectError, CollectStats, Collector,
    Credentials, RefusedUrl, Request, Response, Transport, TransportError,
};
use core::pin::pin;
use core::time::Duration;
use futures_util::future::{select, Either};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The second argument of `collect`. Unknown fields are misuse (a misspelt token name would
/// otherwise collect nothing), and so is a client secret: it is never accepted in a browser.
#[derive(Default)]
struct Options {
    arm_token: Option<String>,
    graph_token: Option<String>,
    authority: Option<String>,
    collected_at: Option<String>,
    endpoints_for_testing: Option<String>,
}

/// Read without serde (see `azure_onboarding::json_read`), as a `Deserialize` with
/// `deny_unknown_fields` would: each a string or `null`, an unknown key refused.
impl Read for Options {
    fn read<'a>(value: &'a serde_json::Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        // The data options: all but `onProgress` and `signal`, taken out before.
        const FIELDS: &[&str] = OPTIONS.split_at(5).0;
        if let Some(key) = value
            .as_object()
            .and_then(|map| map.keys().find(|k| !FIELDS.contains(&k.as_str())))
        {
            return Err(serde::de::Error::unknown_field(key, FIELDS));
        }
        let mut options = Options::default();
        members(value, at, ("Options", false), FIELDS, &mut |key, v, at| {
            let v = Read::read(v, at)?;
            match key {
                "armToken" => options.arm_token = v,
                "graphToken" => options.graph_token = v,
                "authority" => options.authority = v,
                "collectedAt" => options.collected_at = v,
                "endpointsForTesting" => options.endpoints_for_testing = v,
                _ => {}
            }
            Ok(())
        })?;
        Ok(options)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CollectResult<'a> {
    snapshot: &'a Snapshot,
    findings: &'a [Finding],
    notes: &'a [String],
    stats: &'a CollectStats,
}

/// The fields of [`Options`], as JavaScript spells them, and `onProgress` and `signal` (a
/// function and an `AbortSignal`, taken out before the options are read as data).
const OPTIONS: [&str; 7] = [
    "armToken",
    "graphToken",
    "authority",
    "collectedAt",
    "endpointsForTesting",
    "onProgress",
    "signal",
];

/// The caller's `AbortSignal` (`options.signal`): whether it fired, and a promise that
/// resolves when it does (one `abort` listener for the whole collection).
struct Cancel {
    signal: JsValue,
    fired: js_sys::Promise,
}

impl Cancel {
    /// Reads `options.signal` (and takes it out of the copy of the options): `None` when not
    /// given; misuse when it is not an `AbortSignal`-like object (`aborted`, `addEventListener`).
    fn take(options: &JsValue) -> Result<Option<Cancel>, JsValue> {
        if !options.is_object() {
            return Ok(None);
        }
        let key = JsValue::from_str("signal");
        let signal = js_sys::Reflect::get(options, &key).unwrap_or(JsValue::UNDEFINED);
        if signal.is_undefined() {
            return Ok(None);
        }
        let _ = js_sys::Reflect::delete_property(options.unchecked_ref::<js_sys::Object>(), &key);
        let not_a_signal = || {
            misuse(
                "options.signal",
                "expected an AbortSignal (e.g. new AbortController().signal)",
            )
        };
        if !signal.is_object() {
            return Err(not_a_signal());
        }
        let add = js_sys::Reflect::get(&signal, &JsValue::from_str("addEventListener"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(not_a_signal)?;
        let aborted = js_sys::Reflect::get(&signal, &JsValue::from_str("aborted"))
            .map_err(|_| not_a_signal())?;
        if aborted.as_bool().is_none() {
            return Err(not_a_signal());
        }
        let mut failed = false;
        let fired = js_sys::Promise::new(&mut |resolve, _reject| {
            let once = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&once, &JsValue::from_str("once"), &JsValue::TRUE);
            failed = add
                .call3(&signal, &JsValue::from_str("abort"), &resolve, &once)
                .is_err();
        });
        if failed {
            return Err(not_a_signal());
        }
        Ok(Some(Cancel { signal, fired }))
    }

    fn requested(&self) -> bool {
        js_sys::Reflect::get(&self.signal, &JsValue::from_str("aborted"))
            .map(|v| v.is_truthy())
            .unwrap_or(false)
    }

    /// Completes when the signal fires (at once if it already has).
    async fn wait(&self) {
        if !self.requested() {
            let _ = JsFuture::from(self.fired.clone()).await;
        }
    }
}

/// The browser transport, stopped by the caller's signal: once it fires, a request in flight
/// is dropped (its fetch aborted), every later request is refused without being sent (the
/// collector does not retry a refusal) and waits end at once, so the collection winds down in
/// moments; `collect` then rejects instead of returning a partial snapshot.
struct Cancellable {
    inner: BrowserTransport,
    cancel: Option<Cancel>,
}

fn cancelled(url: String) -> TransportError {
    TransportError::Refused(RefusedUrl {
        url,
        reason: "the collection was cancelled (options.signal)".into(),
    })
}

impl Transport for Cancellable {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        let Some(cancel) = &self.cancel else {
            return self.inner.send(request).await;
        };
        if cancel.requested() {
            return Err(cancelled(request.url));
        }
        let url = request.url.clone();
        match select(pin!(self.inner.send(request)), pin!(cancel.wait())).await {
            Either::Left((answer, _)) => answer,
            // Dropping the request's future aborts its fetch (AbortController).
            Either::Right(_) => Err(cancelled(url)),
        }
    }

    async fn sleep(&self, duration: Duration) {
        match &self.cancel {
            None => self.inner.sleep(duration).await,
            Some(cancel) => {
                let _ = select(pin!(self.inner.sleep(duration)), pin!(cancel.wait())).await;
            }
        }
    }

    fn now(&self) -> Option<Duration> {
        self.inner.now()
    }
}

/// Takes `onProgress` out of the options (the module's own copy): the function, and the
/// options without it (the rest is data).
fn progress_callback(options: JsValue) -> Result<(JsValue, Option<js_sys::Function>), JsValue> {
    if !options.is_object() {
        return Ok((options, None));
    }
    // `options` is already the module's own copy (`collect`: `ownCopy`).
    let copy: js_sys::Object = options.unchecked_into();
    let key = JsValue::from_str("onProgress");
    let f = js_sys::Reflect::get(&copy, &key).unwrap_or(JsValue::UNDEFINED);
    if f.is_undefined() {
        return Ok((copy.into(), None));
    }
    let f = f.dyn_into::<js_sys::Function>().map_err(|_| {
        misuse(
            "options.onProgress",
            "expected a function, called with { completed, listed, httpRequests, throttled }",
        )
    })?;
    let _ = js_sys::Reflect::delete_property(&copy, &key);
    Ok((copy.into(), Some(f)))
}

fn token(value: Option<String>) -> Option<AccessToken> {
    value.map(AccessToken::new)
}

/// Collects a snapshot of the tenant (format `azure-onboarding-snapshot/v2` when Azure
/// Resource Graph answered the inventory, else `/v1`) from ARM and Microsoft Graph with the
/// caller's tokens, for `assess`. Declared by hand below.
#[wasm_bindgen(skip_typescript)]
pub async fn collect(plan: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let plan: OnboardingPlan = from_js("plan", &plan, DATA)?;
    checked("plan", plan.validate())?;
    // Read once, into a plain copy: a getter or a Proxy of the options that throws is misuse
    // here, never an exception thrown inside this async function (which would not reject
    // the promise but crash the page).
    let options = if options.is_object() {
        let copy = own_copy(&options);
        if copy.is_undefined() {
            return Err(misuse(
                "options",
                "could not be read (a getter or a Proxy of the argument threw)",
            ));
        }
        copy
    } else {
        options
    };
    if options.is_object() {
        for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !OPTIONS.contains(&key.as_str()) {
                let why = if key.to_ascii_lowercase().contains("secret") {
                    "a client secret is never accepted in a browser; pass armToken and graphToken obtained for the signed-in admin (MSAL)"
                } else {
                    "unknown option; the options are armToken, graphToken, authority, collectedAt, endpointsForTesting, onProgress and signal"
                };
                return Err(misuse(&format!("options.{key}"), why));
            }
        }
    }
    let (options, on_progress) = progress_callback(options)?;
    let cancel = Cancel::take(&options)?;
    let options: Options = from_js("options", &options, DATA)?;
    let mut cloud = match options.authority.as_deref() {
        None => Cloud::public(),
        Some(a) => Cloud::by_authority(a).ok_or_else(|| {
            misuse(
                "options.authority",
                "not the authority of a known Azure cloud (https://login.microsoftonline.com, https://login.microsoftonline.us, https://login.chinacloudapi.cn) or a cloud name (AzureCloud, AzureUSGovernment, AzureChinaCloud)",
            )
        })?,
    };
    if let Some(base) = &options.endpoints_for_testing {
        cloud = cloud.with_endpoints_for_testing(base);
        cloud
            .check()
            .map_err(|e| misuse("options.endpointsForTesting", &e.to_string()))?;
    }
    let (arm, graph) = (token(options.arm_token), token(options.graph_token));
    if arm.is_none() && graph.is_none() {
        return Err(misuse(
            "options",
            "give armToken, graphToken or both: without a token nothing can be collected",
        ));
    }
    let collected_at = options
        .collected_at
        .unwrap_or_else(|| rfc3339_utc((js_sys::Date::now() / 1000.0) as i64));
    let transport = Cancellable {
        inner: BrowserTransport::new(cloud.allow_loopback),
        cancel,
    };
    if transport.cancel.as_ref().is_some_and(Cancel::requested) {
        return Err(aborted());
    }
    let collector = Collector::new(&transport, cloud);
    let collector = match on_progress {
        // An exception thrown by the callback is ignored: it cannot stop the collection.
        Some(f) => collector.on_progress(move |p| {
            let o = js_sys::Object::new();
            for (k, v) in [
                ("completed", p.completed),
                ("listed", p.listed),
                ("httpRequests", p.http_requests),
                ("throttled", p.throttled),
            ] {
                let _ = js_sys::Reflect::set(&o, &k.into(), &JsValue::from_f64(v as f64));
            }
            let _ = f.call1(&JsValue::NULL, &o);
        }),
        None => collector,
    };
    let collected = collector
        .collect(&plan, &Credentials::Tokens { arm, graph }, &collected_at)
        .await
        .map_err(|e| match e {
            CollectError::BadTimestamp => misuse("options.collectedAt", &e.to_string()),
            CollectError::Refused(e) => misuse("options", &e.to_string()),
            // The collector's check, before anything is sent.
            CollectError::SecretAsToken(api) => misuse(
                if api == "Graph" { "options.graphToken" } else { "options.armToken" },
                "this is a client secret, not an access token; a client secret is never accepted in a browser (it would be sent as a bearer token): pass the token MSAL gives for the signed-in admin",
            ),
            e => misuse("options", &e.to_string()),
        })?;
    if transport.cancel.as_ref().is_some_and(Cancel::requested) {
        return Err(aborted());
    }
    to_js(&CollectResult {
        snapshot: &collected.snapshot,
        // With caller tokens there is no token request, so no token error: the live findings
        // are the consent read from the Graph token (keeps the AADSTS texts out of the module).
        findings: &collected.consent,
        notes: &collected.notes,
        stats: &collected.stats,
    })
}

/// The rejection of a cancelled collection: nothing partial is returned.
fn aborted() -> JsValue {
    MisuseError::new(
        "options.signal: the collection was cancelled; nothing was returned",
        "aborted",
        "options.signal",
    )
    .into()
}

#[wasm_bindgen(typescript_custom_section)]
const TS_COLLECT: &'static str = r#"
/** The second argument of `collect`. */
export interface CollectOptions {
  /**
   * Access token for Azure Resource Manager (S1–S6), e.g. from MSAL's
   * `acquireTokenSilent({ scopes: ["https://management.azure.com/user_impersonation"] })`
   * for the signed-in admin. Without it the ARM requests are not collected (a note says so).
   */
  armToken?: string;
  /**
   * Access token for Microsoft Graph (G1–G5), e.g. MSAL with scopes
   * `Application.Read.All`, `User.Read.All`, `RoleManagement.Read.Directory`. Without it the
   * Graph requests are not collected.
   */
  graphToken?: string;
  /**
   * The Azure cloud: the authority MSAL is configured with (`https://login.microsoftonline.us/…`;
   * the tenant path is ignored) or a cloud name (`AzureCloud`, `AzureUSGovernment`,
   * `AzureChinaCloud`). Default: the public cloud.
   */
  authority?: string;
  /** The snapshot's `collectedAt` (RFC 3339). Default: the browser's clock. */
  collectedAt?: string;
  /**
   * TEST ONLY. Sends every request to this base URL instead of the cloud's hosts, e.g. the
   * fake of Azure on `http://127.0.0.1:PORT`; loopback is allowed only through this option.
   * Never set it in production.
   */
  endpointsForTesting?: string;
  /**
   * Called as requests complete (and as answers list more), e.g. to show "120 of 9,002
   * requests". Exceptions it throws are ignored.
   */
  onProgress?: (progress: CollectProgress) => void;
  /**
   * Cancels the collection when it fires (`new AbortController().signal`): requests in
   * flight are aborted, no new one is sent, and `collect` rejects with an
   * `AzureOnboardingError` whose code is `aborted` (no partial snapshot).
   */
  signal?: AbortSignalLike;
}

/** What `collect` needs of an `AbortSignal` (the DOM's and Node's both fit). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
}

/** How far a collection is (the argument of `onProgress`). */
export interface CollectProgress {
  /** Requests of the request list completed (all their pages read, or given up). */
  completed: number;
  /** Requests listed so far (the list grows as answers reveal storage accounts). */
  listed: number;
  /** HTTP requests sent so far (retries and pages included). */
  httpRequests: number;
  /** 429 answers received so far. */
  throttled: number;
}

/** Counters of one collection. */
export interface CollectStats {
  /** HTTP requests sent (retries and pages included). */
  httpRequests: number;
  /** Of those, retries (429 and 5xx, honouring `Retry-After`; timeouts; failed connections). */
  retries: number;
  /** Requests of the request list issued. */
  listedRequests: number;
  /** Snapshot entries recorded. */
  pages: number;
  /** Rounds of the request list (later rounds need earlier responses). */
  rounds: number;
  /** The most requests in flight at once. */
  peakConcurrency: number;
  /** 429 answers received (each retried after its `Retry-After`). */
  throttled: number;
  /** The smallest the adaptive window of requests in flight became. */
  lowestWindow: number;
  /** Whether the overall timeout (10 minutes) cut the collection short. */
  timedOut: boolean;
}

/** What `collect` returns. Never holds a token. */
export interface CollectResult {
  /** The snapshot (format `azure-onboarding-snapshot/v2` with Resource Graph's answers, else `/v1`) for `assess` and `remediate`. */
  snapshot: Snapshot;
  /**
   * What only a live collection knows: `graph-permission-missing` read from an app-only
   * Graph token's `roles` (none for an admin's delegated token).
   */
  findings: Finding[];
  /** Things a person should know (a token not given, a nextLink not followed). */
  notes: string[];
  stats: CollectStats;
}

/**
 * Collects a snapshot of the tenant (format `azure-onboarding-snapshot/v2` with Resource
 * Graph's answers, else `/v1`) from ARM and Microsoft Graph with tokens the caller obtained
 * for the signed-in admin (MSAL): the inventory through Azure Resource Graph first (the
 * per-subscription lists where it does not answer), the request list of the plan, pages
 * followed, 429 and 5xx retried. Requests go only to the
 * hosts of a known Azure cloud over https, with only the `Authorization` and `Accept`
 * headers. A client secret is never accepted. Whatever could not be read is recorded with
 * its status, so that `assess` reports it `unknown`, never `pass`. Rejects with an
 * `AzureOnboardingError` on misuse (no token, an unknown authority, a client secret) and, with
 * code `aborted`, when `options.signal` cancels it.
 */
export function collect(plan: OnboardingPlan, options: CollectOptions): Promise<CollectResult>;
"#;
