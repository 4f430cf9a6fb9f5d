//! Admin consent read from the app-only Microsoft Graph token itself: its `roles` claim lists
//! the application permissions granted, so a missing consent shows before any Graph call
//! fails with 403 (and even when the app may not read its own appRoleAssignments, G2).

use crate::token::AccessToken;
use azure_onboarding::catalog::{apps, graph, Named};
use azure_onboarding::{AccessOption, Finding, FindingCode, OnboardingPlan, Remediation, Status};
use base64::Engine as _;
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
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ClaimsError::BadPayload)?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
