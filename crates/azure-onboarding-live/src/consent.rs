//! Admin consent read from the app-only Microsoft Graph token itself: its `roles` claim lists
//! the application permissions granted, so a missing consent shows before any Graph call
//! fails with 403 (and even when the app may not read its own appRoleAssignments, G2).

use crate::token::AccessToken;
use azure_onboarding::catalog::{apps, graph, Named};
use azure_onboarding::{AccessOption, Finding, FindingCode, OnboardingPlan, Remediation, Status};
use serde_json::Value;

/// The Microsoft Graph application permissions Workbench needs: the catalog's one list
/// ([`graph::REQUIRED_APPLICATION_PERMISSIONS`]), which the assessment reads too.
pub const REQUIRED_GRAPH_PERMISSIONS: [Named; 4] = graph::REQUIRED_APPLICATION_PERMISSIONS;

/// The claims of an access token that the consent check reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TokenClaims {
    /// `aud`: the API the token is for.
    pub audience: Option<String>,
    /// `tid`: the tenant that issued it.
    pub tenant: Option<String>,
    /// `appid` / `azp`: the client that obtained it.
    pub app_id: Option<String>,
    /// `roles`: the application permissions granted (app-only tokens).
    pub roles: Vec<String>,
    /// True for an app-only token (`idtyp` is `app`, or there is no `scp` claim).
    pub app_only: bool,
}

/// Why a token's claims could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    /// Not three dot-separated parts.
    #[error("the access token is not a JWT (expected three parts separated by dots)")]
    NotJwt,
    /// The payload is not base64url JSON.
    #[error("the access token's payload is not base64url-encoded JSON")]
    BadPayload,
}

/// Reads the payload of a JWT access token.
///
/// The signature is deliberately not checked: the collector only reads the token it was
/// just given by the token endpoint, to explain a missing consent to the person onboarding.
/// Nothing is authorized on the strength of these claims; Azure checks the token itself.
pub fn token_claims(token: &AccessToken) -> Result<TokenClaims, ClaimsError> {
    let mut parts = token.expose_secret().split('.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ClaimsError::NotJwt);
    };
    let bytes = base64url_decode(payload.trim_end_matches('=')).ok_or(ClaimsError::BadPayload)?;
    let json: Value = serde_json::from_slice(&bytes).map_err(|_| ClaimsError::BadPayload)?;
    if !json.is_object() {
        return Err(ClaimsError::BadPayload);
    }
    let s = |k: &str| json.get(k).and_then(Value::as_str).map(str::to_owned);
    let roles = json
        .get("roles")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let app_only = match s("idtyp") {
        Some(t) => t.eq_ignore_ascii_case("app"),
        None => json.get("scp").is_none(),
    };
    Ok(TokenClaims {
        audience: s("aud"),
        tenant: s("tid"),
        app_id: s("appid").or_else(|| s("azp")),
        roles,
        app_only,
    })
}

/// The required Graph application permissions absent from the token's `roles`
/// (names compared case-insensitively). Empty for a delegated token: its permissions are
/// the signed-in user's, not the app's.
pub fn missing_graph_permissions(claims: &TokenClaims) -> Vec<Named> {
    if !claims.app_only {
        return Vec::new();
    }
    REQUIRED_GRAPH_PERMISSIONS
        .into_iter()
        .filter(|p| !claims.roles.iter().any(|r| r.eq_ignore_ascii_case(p.name)))
        .collect()
}

/// One `graph-permission-missing` finding (status `fail`, required) per required Graph
/// application permission absent from the app-only Graph token. Resource:
/// `servicePrincipals(appId='…')`, as in the assessment.
pub fn consent_findings(plan: &OnboardingPlan, claims: &TokenClaims) -> Vec<Finding> {
    let app = plan.application_id.to_string();
    missing_graph_permissions(claims)
        .into_iter()
        .map(|perm| {
            let (portal, cli) = if plan.access_option == AccessOption::CustomApp {
                (
                    format!("In Microsoft Entra admin center > App registrations > the app > API permissions > Add a permission > {} > Application permissions, add {}, then Grant admin consent.", apps::MICROSOFT_GRAPH.name, perm.name),
                    format!("az ad app permission add --id {app} --api {} --api-permissions {}=Role && az ad app permission admin-consent --id {app}", apps::MICROSOFT_GRAPH.id, perm.id),
                )
            } else {
                (
                    format!("Open the provider's consent link as a Global Administrator and accept: it grants {} to the enterprise application.", perm.name),
                    format!("az ad app permission admin-consent --id {app}"),
                )
            };
            Finding {
                code: FindingCode::GraphPermissionMissing,
                status: Status::Fail,
                required: true,
                resource: format!("servicePrincipals(appId='{app}')"),
                message: format!(
                    "The Microsoft Graph application permission {} is not granted (admin consent missing): the app's Graph token has no such role.",
                    perm.name
                ),
                request: None,
                remediation: Remediation { portal, cli },
            }
        })
        .collect()
}

/// base64url without padding (RFC 4648 §5), as a JWT's parts are written: `None` for a
/// character outside the alphabet, a length that leaves one character over, or non-zero
/// bits after the last byte. The same answers as the base64 crate's `URL_SAFE_NO_PAD`
/// (a property test holds them equal), without its engine in the wasm build.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let sextet = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        }))
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let mut bits = 0u32;
        for &c in chunk {
            bits = bits << 6 | sextet(c)?;
        }
        // 4 characters: 24 bits, 3 bytes; 3: 18 bits, 2 bytes and 2 bits over; 2: 12 bits,
        // 1 byte and 4 over; 1: 6 bits, no whole byte.
        let (bytes, over) = match chunk.len() {
            4 => (3, 0),
            3 => (2, 2),
            2 => (1, 4),
            _ => return None,
        };
        if bits & ((1 << over) - 1) != 0 {
            return None;
        }
        let bits = bits >> over;
        out.extend((0..bytes).rev().map(|i| (bits >> (8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn jwt(payload: &str) -> AccessToken {
        let b = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        AccessToken::new(format!("{}.{}.sig", b(r#"{"alg":"RS256"}"#), b(payload)))
    }

    #[test]
    fn reads_roles_of_app_only_tokens() {
        let t = jwt(
            r#"{"aud":"https://graph.microsoft.com","tid":"t","appid":"a","idtyp":"app","roles":["User.Read.All","securityalert.read.all"]}"#,
        );
        let c = token_claims(&t).unwrap();
        assert!(c.app_only);
        let missing: Vec<_> = missing_graph_permissions(&c)
            .iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(
            missing,
            ["SecurityIncident.Read.All", "SecurityEvents.Read.All"]
        );
        let delegated = token_claims(&jwt(r#"{"scp":"User.Read"}"#)).unwrap();
        assert!(!delegated.app_only);
        assert!(missing_graph_permissions(&delegated).is_empty());
        let none = token_claims(&jwt(r#"{"aud":"x"}"#)).unwrap();
        assert_eq!(missing_graph_permissions(&none).len(), 4);
    }

    /// The decoder against the base64 crate (a dev-dependency): every string over the
    /// alphabet, its padding and a few strangers, up to 5 characters, and random longer ones.
    #[test]
    fn base64url_matches_the_base64_crate() {
        let reference = |s: &str| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(s)
                .ok()
        };
        let alphabet = b"AQgwBa-_9=+/ .\xc3";
        let mut stack = vec![String::new()];
        let mut checked = 0;
        while let Some(s) = stack.pop() {
            assert_eq!(base64url_decode(&s), reference(&s), "{s:?}");
            checked += 1;
            if s.len() < 5 {
                stack.extend(alphabet.iter().map(|&c| format!("{s}{}", c as char)));
            }
        }
        assert!(checked > 500_000, "{checked}");
        let mut seed = 0x9e37_79b9_u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for _ in 0..20_000 {
            let len = (next() % 64) as usize;
            let s: String = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 50 == 0 {
                        '='
                    } else {
                        let a = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                        a[(r % 64) as usize] as char
                    }
                })
                .collect();
            assert_eq!(base64url_decode(&s), reference(&s), "{s:?}");
        }
        assert_eq!(base64url_decode("eyJhIjoxfQ"), Some(br#"{"a":1}"#.to_vec()));
    }

    #[test]
    fn bad_tokens_are_errors() {
        assert_eq!(
            token_claims(&AccessToken::new("abc")),
            Err(ClaimsError::NotJwt)
        );
        assert_eq!(
            token_claims(&AccessToken::new("a.b.c.d")),
            Err(ClaimsError::NotJwt)
        );
        assert_eq!(
            token_claims(&AccessToken::new("a.!!!.c")),
            Err(ClaimsError::BadPayload)
        );
        assert_eq!(token_claims(&jwt("[1]")), Err(ClaimsError::BadPayload));
    }
}
