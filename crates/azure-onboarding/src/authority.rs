//! Tenant lookup: from a domain such as `contoso.onmicrosoft.com` to the tenant's GUID and
//! cloud, through the tenant's public OpenID Connect discovery document.
//!
//! The lookup is one unauthenticated GET of
//! `{authority}/{domain}/v2.0/.well-known/openid-configuration`. This module holds every
//! decision about it and no I/O: which authorities may be asked ([`Authority`]), the URL
//! ([`tenant_lookup_url`]), and what the answer means ([`interpret_lookup_response`]), so
//! that a browser (`fetch`), a native client or a test does only the transport.
//!
//! ```
//! use azure_onboarding::authority::{interpret_lookup_response, tenant_lookup_url, Authority, Cloud, LookupResponse};
//!
//! let authority = Authority::parse("https://login.microsoftonline.com", false).unwrap();
//! assert_eq!(
//!     tenant_lookup_url(&authority, "contoso.onmicrosoft.com").unwrap(),
//!     "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration"
//! );
//! let body = r#"{"issuer":"https://login.microsoftonline.com/6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b/v2.0",
//!                "tenant_region_scope":"EU","cloud_instance_name":"microsoftonline.com"}"#;
//! let found = interpret_lookup_response(&authority, &LookupResponse::response(200, body)).unwrap();
//! assert_eq!(found.tenant_id.to_string(), "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b");
//! assert_eq!(found.cloud, Cloud::Global);
//! ```
//!
//! Sources: the authority hosts of each cloud are listed in MicrosoftDocs/entra-docs
//! `docs/identity-platform/authentication-national-cloud.md` (global
//! `login.microsoftonline.com`, US Government `login.microsoftonline.us`, China operated by
//! 21Vianet `login.partner.microsoftonline.cn`); `login.chinacloudapi.cn` is the older China
//! host MSAL still names (`MSALAzureChinaCloudInstance`). The discovery document's `issuer`
//! is `https://{host}/{tenant GUID}/v2.0` and it carries `tenant_region_scope` and
//! `cloud_instance_name` (entra-docs `docs/identity-platform/v2-protocols-oidc.md`). An
//! unknown tenant answers HTTP 400 with `"error": "invalid_tenant"` and
//! `"error_codes": [90002]` (AADSTS90002, FACTS §8).

use crate::ids::looks_like_domain;
use crate::TenantId;
use core::fmt;
use serde::{Deserialize, Serialize};

/// The default authority: Microsoft Entra ID, global service.
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";

/// The Microsoft Entra sign-in hosts accepted as authorities, with their cloud.
pub const AUTHORITY_HOSTS: [(&str, Cloud); 4] = [
    ("login.microsoftonline.com", Cloud::Global),
    ("login.microsoftonline.us", Cloud::UsGovernment),
    ("login.partner.microsoftonline.cn", Cloud::China),
    ("login.chinacloudapi.cn", Cloud::China),
];

/// The AADSTS code of "tenant not found".
const AADSTS_TENANT_NOT_FOUND: u64 = 90002;

/// A Microsoft Entra cloud instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Cloud {
    /// Microsoft Entra ID, global service (`login.microsoftonline.com`): "Microsoft Cloud".
    Global,
    /// Azure Government (`login.microsoftonline.us`).
    UsGovernment,
    /// Microsoft Azure operated by 21Vianet (`login.partner.microsoftonline.cn`).
    China,
}

impl Cloud {
    /// The cloud's name on the wire (its serde name: `global`, `usGovernment`, `china`), for
    /// callers that write results without serde (the light wasm build).
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGovernment => "usGovernment",
            Cloud::China => "china",
        }
    }

    /// The cloud's name for a person.
    pub fn display_name(self) -> &'static str {
        match self {
            Cloud::Global => "Microsoft Cloud (Azure global)",
            Cloud::UsGovernment => "Azure Government (US)",
            Cloud::China => "Azure operated by 21Vianet (China)",
        }
    }

    /// The cloud whose sign-in host this is (`login.microsoftonline.us`), if any.
    pub fn of_host(host: &str) -> Option<Cloud> {
        AUTHORITY_HOSTS
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(host))
            .map(|&(_, cloud)| cloud)
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// Why a tenant lookup failed. Messages never quote what was typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TenantLookupError {
    /// The authority is not one of [`AUTHORITY_HOSTS`] (nor an allowed loopback address).
    #[error("the tenant lookup authority must be https://login.microsoftonline.com, https://login.microsoftonline.us or https://login.partner.microsoftonline.cn (an origin only, without a path)")]
    AuthorityNotAllowed,
    /// A loopback authority was given but loopback was not explicitly allowed.
    #[error("a loopback authority (127.0.0.1, localhost) is accepted only when explicitly allowed, for tests")]
    LoopbackNotAllowed,
    /// The value is not a domain name (or an e-mail address at one).
    #[error("enter a domain such as contoso.onmicrosoft.com to look up its tenant ID")]
    NotADomain,
    /// No tenant has this domain in the cloud asked (AADSTS90002).
    #[error("no Microsoft Entra tenant uses this domain in this cloud (AADSTS90002); check the spelling, or copy the tenant ID from Microsoft Entra ID > Overview")]
    UnknownTenant,
    /// The sign-in service could not be reached.
    #[error("the Microsoft sign-in service could not be reached; check the network connection and try again, or copy the tenant ID from Microsoft Entra ID > Overview")]
    Offline,
    /// The sign-in service did not answer in time.
    #[error("the Microsoft sign-in service did not answer in time; try again, or copy the tenant ID from Microsoft Entra ID > Overview")]
    Timeout,
    /// An answer that is not a discovery document with a tenant in its issuer.
    #[error("the sign-in service answered HTTP {status} without a tenant ID{detail}; try again later, or copy the tenant ID from Microsoft Entra ID > Overview")]
    UnexpectedResponse {
        /// The HTTP status.
        status: u16,
        /// What was wrong with it, starting with "; " (or empty).
        detail: &'static str,
    },
}

impl TenantLookupError {
    /// The stable code: `authority-not-allowed`, `loopback-not-allowed`, `not-a-domain`,
    /// `unknown-tenant`, `offline`, `timeout` or `unexpected-response`.
    pub fn code(&self) -> &'static str {
        match self {
            TenantLookupError::AuthorityNotAllowed => "authority-not-allowed",
            TenantLookupError::LoopbackNotAllowed => "loopback-not-allowed",
            TenantLookupError::NotADomain => "not-a-domain",
            TenantLookupError::UnknownTenant => "unknown-tenant",
            TenantLookupError::Offline => "offline",
            TenantLookupError::Timeout => "timeout",
            TenantLookupError::UnexpectedResponse { .. } => "unexpected-response",
        }
    }
}

/// A sign-in authority the lookup may ask: a known Microsoft Entra host over HTTPS, or (only
/// when allowed, for tests) a loopback HTTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    origin: String,
    cloud: Option<Cloud>,
}

impl Authority {
    /// Parses an authority origin such as `https://login.microsoftonline.us` (a trailing `/`
    /// is accepted; a path, query, user or port is not). `allow_loopback` also accepts
    /// `http://127.0.0.1:<port>`, `http://localhost:<port>` and `http://[::1]:<port>`.
    ///
    /// ```
    /// use azure_onboarding::authority::{Authority, Cloud, TenantLookupError};
    /// assert_eq!(Authority::parse("https://LOGIN.microsoftonline.us/", false).unwrap().cloud(), Some(Cloud::UsGovernment));
    /// assert_eq!(Authority::parse("https://login.example.com", false), Err(TenantLookupError::AuthorityNotAllowed));
    /// assert_eq!(Authority::parse("http://127.0.0.1:8080", false), Err(TenantLookupError::LoopbackNotAllowed));
    /// assert!(Authority::parse("http://127.0.0.1:8080", true).is_ok());
    /// ```
    pub fn parse(s: &str, allow_loopback: bool) -> Result<Authority, TenantLookupError> {
        let s = s.trim();
        let s = s.strip_suffix('/').unwrap_or(s);
        let at = crate::normalize::find(s, "://").ok_or(TenantLookupError::AuthorityNotAllowed)?;
        let (scheme, rest) = (&s[..at], &s[at + 3..]);
        let scheme = scheme.to_ascii_lowercase();
        if rest.is_empty() || rest.contains(['/', '?', '#', '@', '\\']) {
            return Err(TenantLookupError::AuthorityNotAllowed);
        }
        let rest = rest.to_ascii_lowercase();
        if let Some(cloud) = Cloud::of_host(&rest) {
            if scheme != "https" {
                return Err(TenantLookupError::AuthorityNotAllowed);
            }
            return Ok(Authority {
                origin: format!("https://{rest}"),
                cloud: Some(cloud),
            });
        }
        let host = match rest.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(':') => {
                if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(TenantLookupError::AuthorityNotAllowed);
                }
                host
            }
            _ => rest.as_str(),
        };
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            return Err(TenantLookupError::AuthorityNotAllowed);
        }
        if !allow_loopback {
            return Err(TenantLookupError::LoopbackNotAllowed);
        }
        if scheme != "http" && scheme != "https" {
            return Err(TenantLookupError::AuthorityNotAllowed);
        }
        Ok(Authority {
            origin: format!("{scheme}://{rest}"),
            cloud: None,
        })
    }

    /// The origin, e.g. `https://login.microsoftonline.com`, without a trailing `/`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The cloud of a Microsoft host; `None` for a loopback authority.
    pub fn cloud(&self) -> Option<Cloud> {
        self.cloud
    }
}

impl Default for Authority {
    fn default() -> Self {
        Authority {
            origin: DEFAULT_AUTHORITY.to_owned(),
            cloud: Some(Cloud::Global),
        }
    }
}

/// The domain to look up in what was typed into the tenant field: trimmed, the part after
/// `@` of an e-mail address, lowercase, without a trailing dot. Only ASCII domains (an
/// internationalized domain in its `xn--` form).
///
/// ```
/// use azure_onboarding::authority::lookup_domain;
/// assert_eq!(lookup_domain(" Admin@Contoso.onmicrosoft.com ").unwrap(), "contoso.onmicrosoft.com");
/// assert!(lookup_domain("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b").is_err());
/// ```
pub fn lookup_domain(input: &str) -> Result<String, TenantLookupError> {
    let (clean, _) = crate::normalize::clean_token(input);
    let domain = clean.rsplit_once('@').map_or(clean, |(_, d)| d);
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    if domain.is_ascii() && looks_like_domain(&domain) {
        Ok(domain)
    } else {
        Err(TenantLookupError::NotADomain)
    }
}

/// The discovery-document URL for `domain` at `authority`:
/// `{authority}/{domain}/v2.0/.well-known/openid-configuration`. `domain` is cleaned with
/// [`lookup_domain`] first.
pub fn tenant_lookup_url(authority: &Authority, domain: &str) -> Result<String, TenantLookupError> {
    let domain = lookup_domain(domain)?;
    Ok(format!(
        "{}/{domain}/v2.0/.well-known/openid-configuration",
        authority.origin
    ))
}

/// What the transport got for the lookup request: a response (any status), or none.
///
/// JSON: `{ "kind": "response", "status": 200, "body": "…" }`, `{ "kind": "offline" }` or
/// `{ "kind": "timeout" }`. (A flat struct rather than a tagged enum: it keeps serde's
/// buffering of tagged enums out of the browser module.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct LookupResponse {
    /// Whether there was a response.
    pub kind: LookupResponseKind,
    /// The HTTP status (with `response`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub status: Option<u16>,
    /// The body as text, verbatim (with `response`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub body: Option<String>,
}

impl LookupResponse {
    /// An HTTP response.
    pub fn response(status: u16, body: impl Into<String>) -> Self {
        LookupResponse {
            kind: LookupResponseKind::Response,
            status: Some(status),
            body: Some(body.into()),
        }
    }

    /// No response: the network failed, or the time limit passed.
    pub fn failed(kind: LookupResponseKind) -> Self {
        LookupResponse {
            kind,
            status: None,
            body: None,
        }
    }
}

/// Whether the lookup request got a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum LookupResponseKind {
    /// An HTTP response (any status).
    Response,
    /// The request failed before any response (network down, DNS, CORS, refused).
    Offline,
    /// No response within the caller's time limit.
    Timeout,
}

/// The tenant found for a domain.
///
/// JSON: `{ "tenantId", "cloud": "global"|"usGovernment"|"china", "cloudName", "issuer",
/// "tenantRegionScope"?, "cloudInstanceName"? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct TenantLookup {
    /// The tenant (directory) ID, from the issuer.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub tenant_id: TenantId,
    /// The cloud the tenant lives in.
    pub cloud: Cloud,
    /// The cloud's name for a person ([`Cloud::display_name`]).
    pub cloud_name: &'static str,
    /// The document's `issuer`, verbatim.
    pub issuer: String,
    /// The document's `tenant_region_scope` (e.g. `EU`, `NA`), if present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_region_scope: Option<String>,
    /// The document's `cloud_instance_name` (e.g. `microsoftonline.com`), if present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_instance_name: Option<String>,
}

/// The fields of the discovery document (or of the error answer) the lookup reads; the
/// other fields are ignored.
///
/// Read leniently, the same way everywhere (the Rust SDK, the CLI and the npm package, whose
/// browser builds read it with `JSON.parse`): any JSON object or array is a document, a field
/// of another type counts as absent (`"issuer": 5` is no issuer), `error_codes` keeps its
/// whole numbers from 0 (a larger one saturates at `u64::MAX`) and drops the other items, and
/// of a repeated key the last one counts. Held to the browser's reading by the shared table
/// `tests/parity/lookup-cases.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscoveryDocument {
    /// `issuer`: `https://{host}/{tenant}/v2.0`.
    pub issuer: Option<String>,
    /// `tenant_region_scope`, e.g. `EU`.
    pub tenant_region_scope: Option<String>,
    /// `cloud_instance_name`, e.g. `microsoftonline.com`.
    pub cloud_instance_name: Option<String>,
    /// `error` of an error answer, e.g. `invalid_tenant`.
    pub error: Option<String>,
    /// `error_codes` of an error answer: AADSTS numbers.
    pub error_codes: Vec<u64>,
}

impl DiscoveryDocument {
    /// Parses a response body; `None` when it is not JSON, or JSON but neither an object nor
    /// an array.
    pub fn parse(body: &str) -> Option<DiscoveryDocument> {
        serde_json::from_str(body).ok()
    }

    /// The document's fields from a parsed body (see [`DiscoveryDocument`]).
    fn from_value(value: &serde_json::Value) -> Option<DiscoveryDocument> {
        use serde_json::Value;
        let Value::Object(doc) = value else {
            // An array is an object without these fields, as in JavaScript.
            return matches!(value, Value::Array(_)).then(DiscoveryDocument::default);
        };
        let text = |key: &str| doc.get(key).and_then(Value::as_str).map(str::to_owned);
        let error_codes = match doc.get("error_codes") {
            Some(Value::Array(codes)) => codes.iter().filter_map(whole_number).collect(),
            _ => Vec::new(),
        };
        Some(DiscoveryDocument {
            issuer: text("issuer"),
            tenant_region_scope: text("tenant_region_scope"),
            cloud_instance_name: text("cloud_instance_name"),
            error: text("error"),
            error_codes,
        })
    }
}

/// A whole number from 0 (`90002`, `90002.0`; `1e300` saturates at `u64::MAX`); `None` for
/// anything else.
fn whole_number(value: &serde_json::Value) -> Option<u64> {
    let number = value.as_number()?;
    if let Some(n) = number.as_u64() {
        return Some(n);
    }
    let f = number.as_f64()?;
    // `as` saturates; `-0.0` is 0, as in JavaScript.
    (f >= 0.0 && f.fract() == 0.0).then_some(f as u64)
}

impl<'de> Deserialize<'de> for DiscoveryDocument {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        DiscoveryDocument::from_value(&value).ok_or_else(|| {
            serde::de::Error::custom("expected a JSON object (the discovery document)")
        })
    }
}

/// Interprets what the transport got for [`tenant_lookup_url`]: the tenant GUID from the
/// `issuer` (`https://{host}/{tenant}/v2.0`), and the cloud from `cloud_instance_name`
/// (`login.` + it is a known host), else from the issuer's host, else from the authority.
///
/// ```
/// use azure_onboarding::authority::{interpret_lookup_response, Authority, LookupResponse, LookupResponseKind, TenantLookupError};
/// let a = Authority::default();
/// let unknown = r#"{"error":"invalid_tenant","error_description":"AADSTS90002: Tenant 'x' not found.","error_codes":[90002]}"#;
/// let r = LookupResponse::response(400, unknown);
/// assert_eq!(interpret_lookup_response(&a, &r), Err(TenantLookupError::UnknownTenant));
/// assert_eq!(interpret_lookup_response(&a, &LookupResponse::failed(LookupResponseKind::Timeout)), Err(TenantLookupError::Timeout));
/// ```
pub fn interpret_lookup_response(
    authority: &Authority,
    response: &LookupResponse,
) -> Result<TenantLookup, TenantLookupError> {
    interpret_lookup_response_with(authority, response, DiscoveryDocument::parse)
}

/// [`interpret_lookup_response`] with another JSON parser for the body (the browser module
/// uses the browser's `JSON.parse`, which keeps serde_json's parser out of the module).
pub fn interpret_lookup_response_with(
    authority: &Authority,
    response: &LookupResponse,
    parse: impl FnOnce(&str) -> Option<DiscoveryDocument>,
) -> Result<TenantLookup, TenantLookupError> {
    let status = match response.kind {
        LookupResponseKind::Offline => return Err(TenantLookupError::Offline),
        LookupResponseKind::Timeout => return Err(TenantLookupError::Timeout),
        LookupResponseKind::Response => response.status.unwrap_or(0),
    };
    let unexpected = |detail| TenantLookupError::UnexpectedResponse { status, detail };
    let doc = parse(response.body.as_deref().unwrap_or(""));
    if let Some(doc) = &doc {
        if doc.error_codes.contains(&AADSTS_TENANT_NOT_FOUND)
            || doc.error.as_deref() == Some("invalid_tenant")
        {
            return Err(TenantLookupError::UnknownTenant);
        }
    }
    if status != 200 {
        return Err(unexpected(""));
    }
    let doc = doc.ok_or(unexpected("; the body is not a JSON discovery document"))?;
    let issuer = doc
        .issuer
        .ok_or(unexpected("; the discovery document has no issuer"))?;
    let (host, tenant) = issuer_parts(&issuer).ok_or(unexpected(
        "; the issuer is not https://<sign-in host>/<tenant>/v2.0",
    ))?;
    let tenant_id = tenant
        .parse::<TenantId>()
        .map_err(|_| unexpected("; the issuer names no tenant GUID"))?;
    let instance_cloud = doc
        .cloud_instance_name
        .as_deref()
        .and_then(|name| Cloud::of_host(&format!("login.{name}")));
    let cloud = instance_cloud
        .or_else(|| Cloud::of_host(host))
        .or(authority.cloud)
        .ok_or(unexpected(
            "; the issuer is not a Microsoft Entra sign-in host",
        ))?;
    Ok(TenantLookup {
        tenant_id,
        cloud,
        cloud_name: cloud.display_name(),
        issuer,
        tenant_region_scope: doc.tenant_region_scope,
        cloud_instance_name: doc.cloud_instance_name,
    })
}

/// Splits `https://{host}/{tenant}/v2.0` (a trailing `/` accepted) into host and tenant.
fn issuer_parts(issuer: &str) -> Option<(&str, &str)> {
    let rest = issuer.strip_prefix("https://")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let mut parts = rest.split('/');
    let (host, tenant, version) = (parts.next()?, parts.next()?, parts.next()?);
    (version == "v2.0" && parts.next().is_none()).then_some((host, tenant))
}

/// The outcome of a tenant lookup as data, for callers across a serialization boundary.
///
/// JSON: `{ "result": "found", …TenantLookup }` or
/// `{ "result": "failed", "code": "unknown-tenant", "message": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum TenantLookupOutcome {
    /// The tenant was found.
    Found(TenantLookup),
    /// The lookup failed.
    Failed(TenantLookupFailure),
}

/// A failed lookup as data: the stable code of [`TenantLookupError::code`] and its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct TenantLookupFailure {
    /// `authority-not-allowed`, `loopback-not-allowed`, `not-a-domain`, `unknown-tenant`,
    /// `offline`, `timeout` or `unexpected-response`.
    pub code: &'static str,
    /// What went wrong and what to do, for a person (sentence case).
    pub message: String,
}

impl From<TenantLookupError> for TenantLookupFailure {
    fn from(err: TenantLookupError) -> Self {
        // Every message starts with an ASCII letter: capitalize it as a sentence.
        let mut message = err.to_string();
        message[..1].make_ascii_uppercase();
        message.push('.');
        TenantLookupFailure {
            code: err.code(),
            message,
        }
    }
}

impl From<Result<TenantLookup, TenantLookupError>> for TenantLookupOutcome {
    fn from(result: Result<TenantLookup, TenantLookupError>) -> Self {
        match result {
            Ok(found) => TenantLookupOutcome::Found(found),
            Err(err) => TenantLookupOutcome::Failed(err.into()),
        }
    }
}

/// Where and how to look tenants up: the authority origin (default
/// [`DEFAULT_AUTHORITY`]) and whether a loopback authority is accepted (tests only).
///
/// JSON: `{ "authority"?: "https://login.microsoftonline.us", "allowLoopback"?: false }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct TenantLookupOptions {
    /// The authority origin; absent for [`DEFAULT_AUTHORITY`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub authority: Option<String>,
    /// Accept `http://127.0.0.1:<port>` and `http://localhost:<port>` (for tests).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub allow_loopback: bool,
}

impl TenantLookupOptions {
    /// The authority these options name.
    pub fn authority(&self) -> Result<Authority, TenantLookupError> {
        match &self.authority {
            None => Ok(Authority::default()),
            Some(a) => Authority::parse(a, self.allow_loopback),
        }
    }
}

/// The first half of a lookup as data: the URL to GET, or why there is none.
///
/// JSON: `{ "result": "ready", "url": "…" }` or
/// `{ "result": "failed", "code": "not-a-domain", "message": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum TenantLookupRequest {
    /// GET this URL (no credentials, no custom headers).
    Ready {
        /// The discovery-document URL.
        url: String,
    },
    /// The lookup cannot start.
    Failed(TenantLookupFailure),
}

/// Starts a lookup across a serialization boundary: [`tenant_lookup_url`] with the
/// authority of `options`, as data.
///
/// ```
/// use azure_onboarding::authority::{prepare_tenant_lookup, TenantLookupOptions, TenantLookupRequest};
/// let r = prepare_tenant_lookup("contoso.onmicrosoft.com", &TenantLookupOptions::default());
/// assert!(matches!(r, TenantLookupRequest::Ready { .. }));
/// ```
pub fn prepare_tenant_lookup(domain: &str, options: &TenantLookupOptions) -> TenantLookupRequest {
    match options
        .authority()
        .and_then(|authority| tenant_lookup_url(&authority, domain))
    {
        Ok(url) => TenantLookupRequest::Ready { url },
        Err(err) => TenantLookupRequest::Failed(err.into()),
    }
}

/// Finishes a lookup across a serialization boundary: [`interpret_lookup_response_with`]
/// with the authority of `options`, as data.
pub fn finish_tenant_lookup(
    response: &LookupResponse,
    options: &TenantLookupOptions,
    parse: impl FnOnce(&str) -> Option<DiscoveryDocument>,
) -> TenantLookupOutcome {
    options
        .authority()
        .and_then(|authority| interpret_lookup_response_with(&authority, response, parse))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUID: &str = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";

    #[test]
    fn a_cloud_wire_name_is_its_serde_name() {
        for cloud in [Cloud::Global, Cloud::UsGovernment, Cloud::China] {
            let serde = serde_json::to_value(cloud).unwrap();
            assert_eq!(serde, serde_json::Value::from(cloud.as_str()), "{cloud:?}");
        }
    }

    fn ok(body: &str) -> LookupResponse {
        LookupResponse::response(200, body)
    }

    #[test]
    fn authorities() {
        for (host, cloud) in AUTHORITY_HOSTS {
            let a = Authority::parse(&format!("https://{host}"), false).unwrap();
            assert_eq!(a.cloud(), Some(cloud));
            assert_eq!(a.origin(), format!("https://{host}"));
        }
        for bad in [
            "",
            "login.microsoftonline.com",
            "http://login.microsoftonline.com",
            "https://login.microsoftonline.com/common",
            "https://login.microsoftonline.com.evil.example",
            "https://evil.example/login.microsoftonline.com",
            "https://user@login.microsoftonline.com",
            "https://login.microsoftonline.com:8443",
            "https://login.microsoftonline.com?x",
            "ftp://127.0.0.1",
            "http://127.0.0.2:80",
            "http://127.0.0.1:abc",
            "http://127.0.0.1:8080/path",
        ] {
            assert!(Authority::parse(bad, true).is_err(), "{bad}");
        }
        for loopback in [
            "http://127.0.0.1:4100",
            "http://localhost:1",
            "http://[::1]:9",
            "http://127.0.0.1/",
        ] {
            assert_eq!(
                Authority::parse(loopback, false),
                Err(TenantLookupError::LoopbackNotAllowed),
                "{loopback}"
            );
            assert_eq!(Authority::parse(loopback, true).unwrap().cloud(), None);
        }
    }

    #[test]
    fn urls() {
        let a = Authority::parse("http://127.0.0.1:4100/", true).unwrap();
        assert_eq!(
            tenant_lookup_url(&a, "it@Fabrikam.COM.").unwrap(),
            "http://127.0.0.1:4100/fabrikam.com/v2.0/.well-known/openid-configuration"
        );
        for bad in [
            "",
            "contoso",
            "contoso.onmicrosoft.com/../x",
            "a b.com",
            "ünï.example",
            GUID,
        ] {
            assert_eq!(
                tenant_lookup_url(&a, bad),
                Err(TenantLookupError::NotADomain),
                "{bad}"
            );
        }
    }

    #[test]
    fn responses() {
        let a = Authority::default();
        let found = interpret_lookup_response(
            &a,
            &ok(&format!(
                r#"{{"issuer":"https://login.microsoftonline.com/{}/v2.0"}}"#,
                GUID.to_uppercase()
            )),
        )
        .unwrap();
        assert_eq!(found.tenant_id.to_string(), GUID);
        assert_eq!(
            (found.cloud, found.tenant_region_scope),
            (Cloud::Global, None)
        );

        // The cloud instance name wins over the host asked (a US Government tenant found
        // through the global authority).
        let gov = format!(
            r#"{{"issuer":"https://login.microsoftonline.us/{GUID}/v2.0","tenant_region_scope":"USGov","cloud_instance_name":"microsoftonline.us"}}"#
        );
        let found = interpret_lookup_response(&a, &ok(&gov)).unwrap();
        assert_eq!(found.cloud, Cloud::UsGovernment);
        assert_eq!(found.tenant_region_scope.as_deref(), Some("USGov"));

        let loopback = Authority::parse("http://127.0.0.1:1", true).unwrap();
        let fake_host = format!(r#"{{"issuer":"https://sts.example/{GUID}/v2.0"}}"#);
        assert!(matches!(
            interpret_lookup_response(&loopback, &ok(&fake_host)),
            Err(TenantLookupError::UnexpectedResponse { status: 200, .. })
        ));
        assert_eq!(
            interpret_lookup_response(&a, &ok(&fake_host))
                .unwrap()
                .cloud,
            Cloud::Global
        );

        for body in [
            "<html>",
            "{}",
            r#"{"issuer":"https://login.microsoftonline.com/common/v2.0"}"#,
            r#"{"issuer":"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"}"#,
            r#"{"issuer":"https://sts.windows.net/6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b/"}"#,
            r#"{"issuer":42}"#,
        ] {
            let err = interpret_lookup_response(&a, &ok(body)).unwrap_err();
            assert_eq!(err.code(), "unexpected-response", "{body}");
        }
        let unknown =
            LookupResponse::response(400, r#"{"error":"invalid_tenant","error_codes":[90002]}"#);
        assert_eq!(
            interpret_lookup_response(&a, &unknown),
            Err(TenantLookupError::UnknownTenant)
        );
        let server_error = LookupResponse::response(503, "");
        assert_eq!(
            interpret_lookup_response(&a, &server_error).unwrap_err().to_string(),
            "the sign-in service answered HTTP 503 without a tenant ID; try again later, or copy the tenant ID from Microsoft Entra ID > Overview"
        );
    }

    #[test]
    fn outcome_json() {
        let outcome: TenantLookupOutcome = Err(TenantLookupError::Offline).into();
        let _: LookupResponse = serde_json::from_str(r#"{"kind":"offline"}"#).unwrap();
        let json = serde_json::to_value(&outcome).unwrap();
        assert_eq!(json["result"], "failed");
        assert_eq!(json["code"], "offline");
        assert!(json["message"]
            .as_str()
            .unwrap()
            .starts_with("The Microsoft sign-in service"));
        let found: TenantLookupOutcome = interpret_lookup_response(
            &Authority::default(),
            &ok(&format!(r#"{{"issuer":"https://login.microsoftonline.com/{GUID}/v2.0","cloud_instance_name":"microsoftonline.com"}}"#)),
        )
        .into();
        let json = serde_json::to_value(&found).unwrap();
        assert_eq!(json["result"], "found");
        assert_eq!(json["tenantId"], GUID);
        assert_eq!(json["cloud"], "global");
        assert_eq!(json["cloudInstanceName"], "microsoftonline.com");
    }
}
