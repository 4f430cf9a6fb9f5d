//! Credentials, the client-credentials token request, and token errors explained
//! (AADSTS codes, FACTS §8).

use crate::cloud::{Api, Cloud};
use crate::transport::{Method, Request};
use azure_onboarding::{ClientId, SecretString};
use core::fmt;
use serde_json::Value;
use zeroize::Zeroizing;

/// An OAuth access token (a JWT). Zeroized on drop; `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(SecretString);

impl AccessToken {
    /// Wraps a token (e.g. the output of `az account get-access-token`); surrounding
    /// whitespace and a leading `Bearer ` are dropped.
    pub fn new(token: impl Into<String>) -> AccessToken {
        // The untrimmed original is a copy of the token too.
        let token = Zeroizing::new(token.into());
        let t = token.trim();
        let t = t
            .strip_prefix("Bearer ")
            .or_else(|| t.strip_prefix("bearer "))
            .unwrap_or(t)
            .trim();
        AccessToken(SecretString::new(t.to_owned()))
    }

    /// The token itself: only for the `Authorization` header and for reading its claims.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    pub(crate) fn secret(&self) -> SecretString {
        self.0.clone()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// How the collector authenticates.
#[derive(Clone)]
pub enum Credentials {
    /// Client credentials of the onboarding app itself (tenant from the plan): what
    /// Workbench will use, so this checks the secret, consent and roles as Workbench sees them.
    ClientSecret {
        /// Application (client) ID.
        client_id: ClientId,
        /// The client secret value.
        secret: SecretString,
    },
    /// Tokens obtained by the caller (an admin's `az account get-access-token`, or MSAL in a
    /// browser) for fuller checks. A missing token leaves its API's requests uncollected.
    Tokens {
        /// Token for `https://management.azure.com` (S1–S6).
        arm: Option<AccessToken>,
        /// Token for `https://graph.microsoft.com` (G1–G5).
        graph: Option<AccessToken>,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::ClientSecret { client_id, .. } => f
                .debug_struct("ClientSecret")
                .field("client_id", client_id)
                .field("secret", &"<redacted>")
                .finish(),
            Credentials::Tokens { arm, graph } => f
                .debug_struct("Tokens")
                .field("arm", arm)
                .field("graph", graph)
                .finish(),
        }
    }
}

/// What went wrong at the token endpoint, by AADSTS code (FACTS §8). Serialized kebab-case;
/// values are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenErrorKind {
    /// AADSTS7000215: the secret is wrong.
    InvalidClientSecret,
    /// AADSTS7000222: the secret has expired.
    ClientSecretExpired,
    /// AADSTS700016: no such application in this tenant.
    ApplicationNotInTenant,
    /// AADSTS90002 (or 900023): no such tenant.
    TenantNotFound,
    /// AADSTS7000112: the application is disabled.
    ApplicationDisabled,
    /// AADSTS53003: blocked by Conditional Access.
    ConditionalAccess,
    /// The token endpoint could not be reached.
    Unreachable,
    /// Anything else.
    Unexpected,
}

impl TokenErrorKind {
    /// The kind for an AADSTS code.
    pub fn from_code(code: Option<u32>) -> TokenErrorKind {
        match code {
            Some(7_000_215) => TokenErrorKind::InvalidClientSecret,
            Some(7_000_222) => TokenErrorKind::ClientSecretExpired,
            Some(700_016) => TokenErrorKind::ApplicationNotInTenant,
            Some(90_002 | 900_023) => TokenErrorKind::TenantNotFound,
            Some(7_000_112) => TokenErrorKind::ApplicationDisabled,
            Some(53_003) => TokenErrorKind::ConditionalAccess,
            _ => TokenErrorKind::Unexpected,
        }
    }

    /// What it means and what to do, for a person.
    pub fn explanation(self) -> &'static str {
        match self {
            TokenErrorKind::InvalidClientSecret => "the client secret is not valid for this application. Did you paste the Secret ID (a GUID) instead of the secret's Value? The Value is shown only once, when the secret is created: create a new client secret and copy its Value column",
            TokenErrorKind::ClientSecretExpired => "the client secret has expired: create a new client secret (Certificates & secrets > New client secret) and enter its Value in Workbench",
            TokenErrorKind::ApplicationNotInTenant => "no application with this client ID exists in this tenant: check the Application (client) ID and the Directory (tenant) ID, or consent to the enterprise application in this tenant first",
            TokenErrorKind::TenantNotFound => "no such tenant: check the Directory (tenant) ID (and that it belongs to this Azure cloud)",
            TokenErrorKind::ApplicationDisabled => "the application is disabled in this tenant: enable sign-in for its enterprise application (Properties > Enabled for users to sign in)",
            TokenErrorKind::ConditionalAccess => "a Conditional Access policy for workload identities blocks this application: exclude it from the policy or allow the provider's egress addresses",
            TokenErrorKind::Unreachable => "the token endpoint could not be reached: check the network and proxy settings",
            TokenErrorKind::Unexpected => "the token endpoint refused the request for an unexpected reason: see the AADSTS code at https://login.microsoftonline.com/error",
        }
    }
}

/// A token could not be obtained. The message never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {api} token request failed{}: {}", aadsts.map(|c| format!(" with AADSTS{c}")).unwrap_or_default(), kind.explanation())]
pub struct TokenError {
    /// The API the token was for.
    pub api: TokenApi,
    /// What went wrong.
    pub kind: TokenErrorKind,
    /// The first of `error_codes[]`, if the endpoint answered with one.
    pub aadsts: Option<u32>,
    /// HTTP status of the token response (0 when there was none).
    pub status: u16,
    /// The token endpoint's error body (`error`, `error_description`, `error_codes`,
    /// `trace_id`, `correlation_id`, `timestamp`), with any copy of the secret removed;
    /// recorded in the snapshot as the 401 of every request that needed the token.
    pub body: Value,
}

/// The API a token is for (`Display`: `ARM` / `Microsoft Graph`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenApi(pub Api);

impl fmt::Display for TokenApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

/// The first AADSTS code of a token error body: `error_codes[0]`, else `AADSTS<n>` in
/// `error_description`.
///
/// ```
/// use azure_onboarding_live::aadsts_code;
/// use serde_json::json;
/// assert_eq!(aadsts_code(&json!({"error_codes": [7000215]})), Some(7000215));
/// assert_eq!(aadsts_code(&json!({"error_description": "AADSTS90002: Tenant 'x' not found."})), Some(90002));
/// assert_eq!(aadsts_code(&json!("nonsense")), None);
/// ```
pub fn aadsts_code(body: &Value) -> Option<u32> {
    if let Some(c) = body
        .get("error_codes")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_u64)
    {
        return u32::try_from(c).ok();
    }
    let d = body.get("error_description")?.as_str()?;
    let i = d.find("AADSTS")? + 6;
    let digits: String = d[i..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Keeps the documented fields of a token error body, with `secret` removed from strings.
fn sanitize(body: &Value, secret: &str) -> Value {
    let mut out = serde_json::Map::new();
    let scrub = |s: &str| {
        if secret.len() >= 4 && s.contains(secret) {
            s.replace(secret, "[redacted]")
        } else {
            s.to_owned()
        }
    };
    for key in [
        "error",
        "error_description",
        "error_codes",
        "timestamp",
        "trace_id",
        "correlation_id",
        "error_uri",
    ] {
        match body.get(key) {
            Some(Value::String(s)) => {
                out.insert(key.into(), Value::String(scrub(s)));
            }
            Some(v @ Value::Array(_)) if key == "error_codes" => {
                let codes: Vec<Value> = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|c| c.is_u64())
                    .cloned()
                    .collect();
                out.insert(key.into(), Value::Array(codes));
            }
            _ => {}
        }
    }
    Value::Object(out)
}

/// `application/x-www-form-urlencoded` escaping, into a zeroized string allocated once at
/// its largest size (every byte as `%XX`): growing it would leave copies of a partly
/// escaped secret in freed memory.
pub(crate) fn form_escape(s: &str) -> Zeroizing<String> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Zeroizing::new(String::with_capacity(s.len() * 3));
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    out
}

/// The client-credentials token request for `api` (POST `{authority}/{tenant}/oauth2/v2.0/token`
/// with scope `{api}/.default`).
pub(crate) fn token_request(
    cloud: &Cloud,
    tenant: &str,
    client_id: &str,
    secret: &SecretString,
    api: Api,
) -> Request {
    // Built in one allocation of the final size, so that no reallocation leaves a copy of
    // the secret behind; every intermediate copy is zeroized.
    let parts: [(&str, Zeroizing<String>); 3] = [
        (
            "grant_type=client_credentials&client_id=",
            form_escape(client_id),
        ),
        ("&client_secret=", form_escape(secret.expose_secret())),
        ("&scope=", form_escape(cloud.scope(api))),
    ];
    let mut body = String::with_capacity(parts.iter().map(|(k, v)| k.len() + v.len()).sum());
    for (key, value) in &parts {
        body.push_str(key);
        body.push_str(value);
    }
    Request {
        method: Method::Post,
        url: cloud.token_url(tenant),
        bearer: None,
        form: Some(SecretString::new(body)),
        json: None,
        x_ms_version: None,
    }
}

/// Reads a token response: the access token, or a [`TokenError`].
pub(crate) fn read_token_response(
    api: Api,
    status: u16,
    body: &[u8],
    secret: &str,
) -> Result<AccessToken, TokenError> {
    let mut json: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    if (200..300).contains(&status) {
        if let Some(Value::String(t)) = json.get_mut("access_token") {
            // Taken out of the parsed body (which is not zeroized), zeroized on drop.
            let t = Zeroizing::new(core::mem::take(t));
            if !t.trim().is_empty() {
                return Ok(AccessToken::new(t.as_str()));
            }
        }
    }
    let aadsts = aadsts_code(&json);
    let mut body = sanitize(&json, secret);
    if body.as_object().is_some_and(|o| o.is_empty()) {
        body = serde_json::json!({
            "error": "unexpected_response",
            "error_description": format!("the token endpoint answered {status} without an OAuth error body"),
        });
    }
    Err(TokenError {
        api: TokenApi(api),
        kind: TokenErrorKind::from_code(aadsts),
        aadsts,
        status,
        body,
    })
}

/// A token error for a token endpoint that gave no response.
pub(crate) fn unreachable(api: Api, detail: &str) -> TokenError {
    TokenError {
        api: TokenApi(api),
        kind: TokenErrorKind::Unreachable,
        aadsts: None,
        status: 0,
        body: serde_json::json!({
            "error": "collector_unreachable",
            "error_description": format!("the collector got no response from the token endpoint: {detail}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SECRET: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";

    #[test]
    fn codes_are_explained() {
        for (code, kind, words) in [
            (7_000_215, TokenErrorKind::InvalidClientSecret, "Secret ID"),
            (7_000_222, TokenErrorKind::ClientSecretExpired, "expired"),
            (700_016, TokenErrorKind::ApplicationNotInTenant, "client ID"),
            (90_002, TokenErrorKind::TenantNotFound, "tenant"),
            (7_000_112, TokenErrorKind::ApplicationDisabled, "disabled"),
            (
                53_003,
                TokenErrorKind::ConditionalAccess,
                "Conditional Access",
            ),
            (50_000, TokenErrorKind::Unexpected, "unexpected"),
        ] {
            let body = json!({"error": "invalid_client", "error_codes": [code],
                "error_description": format!("AADSTS{code}: something about {SECRET}")});
            let e = read_token_response(Api::Graph, 401, body.to_string().as_bytes(), SECRET)
                .unwrap_err();
            assert_eq!(e.kind, kind);
            assert_eq!(e.aadsts, Some(code));
            let text = e.to_string();
            assert!(text.contains(words), "{text}");
            assert!(text.contains(&format!("AADSTS{code}")), "{text}");
            assert!(!format!("{e:?}").contains(SECRET));
        }
    }

    #[test]
    fn odd_token_responses_are_errors_not_panics() {
        for (status, body) in [
            (200, &b"{}"[..]),
            (200, b"not json"),
            (200, br#"{"access_token": "  "}"#),
            (500, b""),
            (400, br#"{"error_codes": ["x", -1]}"#),
        ] {
            let e = read_token_response(Api::Arm, status, body, SECRET).unwrap_err();
            assert_eq!(e.kind, TokenErrorKind::Unexpected, "{body:?}");
        }
        let t = read_token_response(Api::Arm, 200, br#"{"access_token":"eyJ.x.y"}"#, SECRET);
        assert_eq!(t.unwrap().expose_secret(), "eyJ.x.y");
    }

    #[test]
    fn secrets_are_escaped_and_redacted() {
        assert_eq!(form_escape("a b~+/=&").as_str(), "a+b%7E%2B%2F%3D%26");
        let r = token_request(
            &Cloud::public(),
            "t",
            "c",
            &SecretString::new(SECRET.into()),
            Api::Arm,
        );
        assert!(r
            .form
            .as_ref()
            .unwrap()
            .expose_secret()
            .contains("client_secret=abc8Q%7ECANARY"));
        assert!(!format!("{r:?}").contains("CANARY"));
        let creds = Credentials::ClientSecret {
            client_id: "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6".parse().unwrap(),
            secret: SecretString::new(SECRET.into()),
        };
        assert!(!format!("{creds:?}").contains("CANARY"));
        assert_eq!(
            format!("{:?}", AccessToken::new("Bearer abc")),
            "AccessToken(<redacted>)"
        );
        assert_eq!(AccessToken::new(" Bearer abc\n").expose_secret(), "abc");
    }

    /// Every copy of the secret made for the token request is a `Zeroizing` (checked by the
    /// types below) allocated once at its final size: a `String` that grew would have left
    /// copies of part of the secret in the freed buffers, which nothing zeroizes.
    #[test]
    fn copies_of_the_secret_are_zeroized_and_never_reallocated() {
        for secret in [SECRET, "a b~+/=&", "é\u{0}\"x", ""] {
            let escaped: Zeroizing<String> = form_escape(secret);
            assert_eq!(escaped.capacity(), secret.len() * 3, "allocated once");
            let r = token_request(
                &Cloud::public(),
                "t",
                "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
                &SecretString::new(secret.into()),
                Api::Graph,
            );
            let form: &SecretString = r.form.as_ref().unwrap();
            let body = form.expose_secret();
            assert!(body.contains(&format!("&client_secret={}&", escaped.as_str())));
            assert!(body.starts_with("grant_type=client_credentials&client_id="));
        }
    }

    #[test]
    fn a_token_response_gives_up_its_token() {
        let body = br#"{"token_type":"Bearer","access_token":"eyJ.CANARY.token"}"#;
        let t = read_token_response(Api::Arm, 200, body, SECRET).unwrap();
        assert_eq!(t.expose_secret(), "eyJ.CANARY.token");
        let e = read_token_response(Api::Arm, 200, br#"{"access_token":"  "}"#, SECRET);
        assert!(e.is_err(), "a blank token is no token");
    }
}
