//! Tenant lookup exports: the two pure halves of a lookup, with the fetch between them left
//! to the caller (`fetch` in a page). Every decision (allowed authorities, URL, what the
//! answer means, messages) is the core's `azure_onboarding::authority`; see the README of
//! `www/` for why the request itself is not made from Rust (module size).

use crate::boundary::{discovery_from, string_arg, CompactReader, MAX_FIELD_CHARS};
use crate::data::{lookup_options as options, lookup_response};
use crate::results;
use azure_onboarding::authority::{self, DiscoveryDocument};
use wasm_bindgen::prelude::*;

/// The browser's `JSON.parse`, then the document's fields read in JS (`discoveryFrom` in
/// boundary.rs: a field of another type counts as absent) and passed as one compact text;
/// `None` when the body is not a JSON object. Keeps serde_json's parser and a serde decoder
/// out of the module (measured: 4 KB gzipped), and the eight JS functions that walking the
/// document from Rust imported (instantiation time: about 2 µs each).
fn parse_json(body: &str) -> Option<DiscoveryDocument> {
    let text = discovery_from(body);
    let mut r = CompactReader::new(&text).ok()?;
    let mut field = || r.next_opt().ok().map(|s| s.map(str::to_owned));
    let (issuer, tenant_region_scope, cloud_instance_name, error) =
        (field()?, field()?, field()?, field()?);
    let count: usize = r.next_str().ok()?.parse().ok()?;
    // No capacity from the count: it is checked only by reading that many codes.
    let mut error_codes = Vec::new();
    for _ in 0..count {
        error_codes.push(r.next_str().ok()?.parse().ok()?);
    }
    if !r.is_done() {
        return None;
    }
    Some(DiscoveryDocument {
        issuer,
        tenant_region_scope,
        cloud_instance_name,
        error,
        error_codes,
    })
}

/// Starts a tenant lookup: the discovery-document URL for the domain typed into the tenant
/// field, or why there is none (`TenantLookupRequest`).
#[wasm_bindgen(js_name = tenantLookupRequest, skip_typescript)]
pub fn tenant_lookup_request_js(domain: JsValue, options: JsValue) -> JsValue {
    // `options` as a plain JsValue: `readData` gives the defaults for undefined and null
    // (an `Option<JsValue>` argument would import one more JS function to tell).
    crate::returned(tenant_lookup_request(domain, Some(options)))
}

/// `tenantLookupRequest` for Rust callers: misuse as `Err`.
pub fn tenant_lookup_request(
    domain: JsValue,
    options_: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let domain = string_arg("domain", &domain, MAX_FIELD_CHARS)?;
    let options = options(options_)?;
    Ok(results::lookup_request(&authority::prepare_tenant_lookup(
        &domain, &options,
    )))
}

/// Finishes a tenant lookup: what the transport got (`LookupResponse`) interpreted as the
/// tenant found or a failure with a stable code (`TenantLookupOutcome`).
#[wasm_bindgen(js_name = tenantLookupResult, skip_typescript)]
pub fn tenant_lookup_result_js(response: JsValue, options: JsValue) -> JsValue {
    crate::returned(tenant_lookup_result(response, Some(options)))
}

/// `tenantLookupResult` for Rust callers: misuse as `Err`.
pub fn tenant_lookup_result(
    response: JsValue,
    options_: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let response = lookup_response(&response)?;
    let options = options(options_)?;
    Ok(results::lookup_outcome(&authority::finish_tenant_lookup(
        &response, &options, parse_json,
    )))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TENANT_LOOKUP: &'static str = r#"
/**
 * Starts a tenant lookup for a domain typed into the tenant field (an e-mail address works
 * too): `{ result: "ready", url }` to GET without credentials, or
 * `{ result: "failed", code, message }` (`not-a-domain`, `authority-not-allowed`,
 * `loopback-not-allowed`). Only Microsoft Entra sign-in hosts are accepted as authority
 * (default `https://login.microsoftonline.com`); loopback only with `allowLoopback`.
 */
export function tenantLookupRequest(domain: string, options?: TenantLookupOptions | null): TenantLookupRequest;
/**
 * Finishes a tenant lookup: pass what the GET of `tenantLookupRequest`'s URL got,
 * `{ kind: "response", status, body }` (body as text), `{ kind: "offline" }` or
 * `{ kind: "timeout" }` (an aborted or timed-out `fetch`), with the same options. Returns
 * `{ result: "found", tenantId, cloud, cloudName, issuer, tenantRegionScope?, cloudInstanceName? }`
 * or `{ result: "failed", code, message }` (`unknown-tenant`, `offline`, `timeout`,
 * `unexpected-response`, …). Never throws for an unexpected answer.
 */
export function tenantLookupResult(response: LookupResponse, options?: TenantLookupOptions | null): TenantLookupOutcome;
"#;
