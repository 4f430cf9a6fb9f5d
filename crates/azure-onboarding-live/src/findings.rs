//! What only a live collection knows, as readiness findings: token failures (AADSTS codes)
//! and consent read from the Graph token.

use crate::collect::Collected;
use crate::consent::{missing_graph_permissions, REQUIRED_GRAPH_PERMISSIONS};
use crate::token::{TokenError, TokenErrorKind};
use azure_onboarding::catalog::Named;
use azure_onboarding::{
    catalog, Finding, FindingCode, OnboardingPlan, ReadinessReport, Remediation, Status,
    StepReport, Summary,
};

/// The step token and consent findings belong to.
const STEP: &str = "application-access";

/// The finding code and status of a token failure, by its structured kind (the AADSTS
/// code the token endpoint answered with, or none).
///
/// | kind | AADSTS | code | status |
/// |---|---|---|---|
/// | `InvalidClientSecret` | 7000215 | `client-secret-invalid` | fail |
/// | `ClientSecretExpired` | 7000222 | `client-secret-expired` | fail |
/// | `ApplicationNotInTenant` | 700016 | `service-principal-not-found` | fail |
/// | `TenantNotFound` | 90002, 900023 | `tenant-not-found` | fail |
/// | `ApplicationDisabled` | 7000112 | `application-disabled` | fail |
/// | `ConditionalAccess` | 53003 | `conditional-access-blocked` | fail |
/// | `Unreachable`, `Unexpected` | — / other | `token-request-failed` | unknown |
pub fn token_error_code(kind: TokenErrorKind) -> (FindingCode, Status) {
    match kind {
        TokenErrorKind::InvalidClientSecret => (FindingCode::ClientSecretInvalid, Status::Fail),
        TokenErrorKind::ClientSecretExpired => (FindingCode::ClientSecretExpired, Status::Fail),
        TokenErrorKind::ApplicationNotInTenant => {
            (FindingCode::ServicePrincipalNotFound, Status::Fail)
        }
        TokenErrorKind::TenantNotFound => (FindingCode::TenantNotFound, Status::Fail),
        TokenErrorKind::ApplicationDisabled => (FindingCode::ApplicationDisabled, Status::Fail),
        TokenErrorKind::ConditionalAccess => (FindingCode::ConditionalAccessBlocked, Status::Fail),
        TokenErrorKind::Unreachable | TokenErrorKind::Unexpected => {
            (FindingCode::TokenRequestFailed, Status::Unknown)
        }
    }
}

/// The finding for a token that could not be obtained: code and status by the error's
/// kind (`token_error_code`); the message carries the AADSTS code and its explanation.
/// Resource: `servicePrincipals(appId='…')`. The suggested commands never put the client
/// secret on a command line.
pub fn token_error_finding(plan: &OnboardingPlan, error: &TokenError) -> Finding {
    let app = plan.application_id.to_string();
    let tenant = plan.tenant_id.to_string();
    let (code, status) = token_error_code(error.kind);
    let cli = match error.kind {
        TokenErrorKind::InvalidClientSecret | TokenErrorKind::ClientSecretExpired => format!(
            "az ad app credential reset --id {app} --append --display-name workbench --years 1"
        ),
        TokenErrorKind::ApplicationNotInTenant => format!("az ad sp show --id {app}"),
        TokenErrorKind::TenantNotFound => {
            format!("az rest --method get --url https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration")
        }
        TokenErrorKind::ApplicationDisabled => {
            format!("az ad sp update --id {app} --set accountEnabled=true")
        }
        TokenErrorKind::ConditionalAccess => "az rest --method get --url https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies".into(),
        // Try the token request by hand. The secret is read from a file (only the owner
        // may read it) through stdin: never in argv, where other users' `ps` could see it.
        TokenErrorKind::Unreachable | TokenErrorKind::Unexpected => format!(
            "tr -d '\\r\\n' < workbench-client-secret.txt | curl -sS https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token -d grant_type=client_credentials -d client_id={app} --data-urlencode scope=https://graph.microsoft.com/.default --data-urlencode client_secret@-"
        ),
    };
    Finding {
        code,
        status,
        required: true,
        resource: format!("servicePrincipals(appId='{app}')"),
        message: format!("Could not sign in as the application: {error}."),
        request: None,
        remediation: Remediation {
            portal: match error.kind {
                TokenErrorKind::Unreachable | TokenErrorKind::Unexpected => format!(
                    "{}. To try the token request by hand, save the secret's Value in workbench-client-secret.txt (chmod 600, delete it afterwards) and run the command: it reads the secret from the file, never from the command line.",
                    capitalize(error.kind.explanation())
                ),
                _ => capitalize(error.kind.explanation()) + ".",
            },
            cli,
        },
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Adds what the collection learned beyond the snapshot to a report of
/// [`assess`](azure_onboarding::assess()) of its snapshot: one finding per token failure,
/// and the `graph-permission-missing` findings from the Graph token that the report does
/// not already have (when the app could not read its own appRoleAssignments, G2, the token
/// is the only witness). Counts, statuses and `ready` are updated.
pub fn apply_live_findings(
    report: &mut ReadinessReport,
    plan: &OnboardingPlan,
    collected: &Collected,
) {
    if collected.read_with_application {
        require_log_reads(report);
    }
    let mut new: Vec<Finding> = collected
        .token_errors
        .iter()
        .map(|e| token_error_finding(plan, e))
        .collect();
    // The consent findings are one per missing permission of the Graph token's claims, in
    // order: that gives each its permission. The report's findings name theirs by the app
    // role ID in their `az` fix. No message text is compared.
    let perms: Vec<Option<Named>> = match &collected.graph_claims {
        Some(c) if missing_graph_permissions(c).len() == collected.consent.len() => {
            missing_graph_permissions(c).into_iter().map(Some).collect()
        }
        _ => vec![None; collected.consent.len()],
    };
    for (f, perm) in collected.consent.iter().zip(perms) {
        let already = perm.is_some_and(|perm| {
            report.findings().any(|g| {
                g.code == FindingCode::GraphPermissionMissing
                    && g.resource == f.resource
                    && permission_in(&g.remediation.cli) == Some(perm.id)
            })
        });
        if !already {
            new.push(f.clone());
        }
    }
    if new.is_empty() {
        return;
    }
    let index = match report.steps.iter().position(|s| s.id == STEP) {
        Some(i) => i,
        None => {
            let title = catalog::catalog()
                .step(STEP)
                .map(|s| s.title)
                .unwrap_or("Application access");
            // Steps are in procedure order: after prerequisites and console access.
            let at = report
                .steps
                .iter()
                .position(|s| matches!(s.id.as_str(), "subscription-roles" | "resource-logs"))
                .unwrap_or(report.steps.len());
            report.steps.insert(
                at,
                StepReport {
                    id: STEP.into(),
                    title: title.into(),
                    status: Status::Pass,
                    summary: Summary::default(),
                    findings: Vec::new(),
                },
            );
            at
        }
    };
    for (n, f) in new.into_iter().enumerate() {
        count(&mut report.summary, f.status);
        let step = &mut report.steps[index];
        count(&mut step.summary, f.status);
        step.status = step.status.worst(f.status);
        if f.required && matches!(f.status, Status::Fail | Status::Unknown) {
            report.ready = false;
        }
        for r in report.resources.iter_mut().filter(|r| r.id == f.resource) {
            r.status = r.status.worst(f.status);
        }
        // Live findings first: they explain the step's other findings.
        step.findings.insert(n, f);
    }
}

/// Read with the application's own identity (`verify`), the log account's blobs prove what
/// Workbench can read (issue 16's readiness rule): a refused read (`log-read-not-permitted`,
/// `log-read-blocked-by-firewall`, unknown offline) is a failure, and it and
/// `logs-not-arriving` become required. Counts, statuses and `ready` are updated.
pub(crate) fn require_log_reads(report: &mut ReadinessReport) {
    let mut changed = Vec::new();
    for step in &mut report.steps {
        for f in &mut step.findings {
            let status = match f.code {
                FindingCode::LogReadNotPermitted | FindingCode::LogReadBlockedByFirewall => {
                    Status::Fail
                }
                FindingCode::LogsNotArriving => f.status,
                _ => continue,
            };
            uncount(&mut step.summary, f.status);
            uncount(&mut report.summary, f.status);
            count(&mut step.summary, status);
            count(&mut report.summary, status);
            f.status = status;
            f.required = true;
            if f.code != FindingCode::LogsNotArriving {
                f.message.push_str(" It was read with the application's own identity, as Workbench reads: Workbench cannot read the logs until this is fixed.");
            }
            changed.push((f.resource.clone(), status));
        }
        step.status = step.summary.status();
    }
    for (resource, status) in changed {
        for r in report.resources.iter_mut().filter(|r| {
            resource == r.id
                || resource
                    .strip_prefix(r.id.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        }) {
            r.status = r.status.worst(status);
        }
    }
    let blocked = report
        .findings()
        .any(|f| f.required && matches!(f.status, Status::Fail | Status::Unknown));
    report.ready = !blocked;
}

fn uncount(s: &mut Summary, status: Status) {
    let n = match status {
        Status::Pass => &mut s.pass,
        Status::Warn => &mut s.warn,
        Status::Unknown => &mut s.unknown,
        Status::Fail => &mut s.fail,
    };
    *n = n.saturating_sub(1);
}

/// The required Graph permission whose app role ID a `graph-permission-missing` fix grants
/// (the assessment's fixes name it: `--api-permissions {id}=Role`, `"appRoleId":"{id}"`).
fn permission_in(cli: &str) -> Option<&'static str> {
    let cli = cli.to_ascii_lowercase();
    REQUIRED_GRAPH_PERMISSIONS
        .iter()
        .map(|p| p.id)
        .find(|id| cli.contains(&id.to_ascii_lowercase()))
}

fn count(s: &mut Summary, status: Status) {
    match status {
        Status::Pass => s.pass += 1,
        Status::Warn => s.warn += 1,
        Status::Unknown => s.unknown += 1,
        Status::Fail => s.fail += 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::Api;
    use crate::consent::{consent_findings, TokenClaims};
    use crate::token::TokenApi;
    use azure_onboarding::{assess, Snapshot};
    use serde_json::json;

    fn plan(option: &str) -> OnboardingPlan {
        OnboardingPlan::from_json(&format!(r#"{{
          "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b", "accessOption": "{option}",
          "applicationId": "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
          "subscriptions": ["11111111-1111-4111-8111-111111111111"],
          "logStorageAccount": "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
        }}"#))
        .unwrap()
    }

    fn error(kind: TokenErrorKind, aadsts: Option<u32>) -> TokenError {
        TokenError {
            api: TokenApi(Api::Graph),
            kind,
            aadsts,
            status: 401,
            body: json!({}),
        }
    }

    #[test]
    fn token_failures_map_by_kind_to_their_own_codes() {
        let p = plan("customApp");
        for (aadsts, code, status) in [
            (
                Some(7_000_215),
                FindingCode::ClientSecretInvalid,
                Status::Fail,
            ),
            (
                Some(7_000_222),
                FindingCode::ClientSecretExpired,
                Status::Fail,
            ),
            (
                Some(700_016),
                FindingCode::ServicePrincipalNotFound,
                Status::Fail,
            ),
            (Some(90_002), FindingCode::TenantNotFound, Status::Fail),
            (Some(900_023), FindingCode::TenantNotFound, Status::Fail),
            (
                Some(7_000_112),
                FindingCode::ApplicationDisabled,
                Status::Fail,
            ),
            (
                Some(53_003),
                FindingCode::ConditionalAccessBlocked,
                Status::Fail,
            ),
            (
                Some(50_058),
                FindingCode::TokenRequestFailed,
                Status::Unknown,
            ),
            (None, FindingCode::TokenRequestFailed, Status::Unknown),
        ] {
            let kind = TokenErrorKind::from_code(aadsts);
            let f = token_error_finding(&p, &error(kind, aadsts));
            assert_eq!((f.code, f.status), (code, status), "{aadsts:?}");
            assert!(f.required);
        }
        let f = token_error_finding(&p, &error(TokenErrorKind::Unreachable, None));
        assert_eq!(f.code, FindingCode::TokenRequestFailed);
    }

    #[test]
    fn no_suggested_command_puts_the_secret_in_argv() {
        let p = plan("customApp");
        for kind in [
            TokenErrorKind::InvalidClientSecret,
            TokenErrorKind::ClientSecretExpired,
            TokenErrorKind::ApplicationNotInTenant,
            TokenErrorKind::TenantNotFound,
            TokenErrorKind::ApplicationDisabled,
            TokenErrorKind::ConditionalAccess,
            TokenErrorKind::Unreachable,
            TokenErrorKind::Unexpected,
        ] {
            let cli = token_error_finding(&p, &error(kind, None)).remediation.cli;
            for bad in ["--password", "$WORKBENCH_CLIENT_SECRET", "client_secret="] {
                assert!(!cli.contains(bad), "{kind:?}: {cli}");
            }
        }
        let cli = token_error_finding(&p, &error(TokenErrorKind::Unexpected, None))
            .remediation
            .cli;
        assert!(cli.contains("client_secret@-"), "{cli}");
    }

    /// A report whose app holds no Graph permission, and a token that says the same.
    fn report_and_collected(option: &str) -> (OnboardingPlan, ReadinessReport, Collected) {
        let p = plan(option);
        let app = p.application_id.to_string();
        let sp = "5b7e3c1a-9d8f-4e2b-a6c7-3f1e0d9c8b7a";
        let mut snapshot = Snapshot::new("2026-11-26T12:00:00Z");
        snapshot
            .responses
            .push(azure_onboarding::SnapshotResponse::get(
                format!(
                    "https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId eq '{app}'"
                ),
                200,
                json!({"value": [{"id": sp, "appId": app}]}),
            ));
        snapshot
            .responses
            .push(azure_onboarding::SnapshotResponse::get(
                format!(
                    "https://graph.microsoft.com/v1.0/servicePrincipals/{sp}/appRoleAssignments"
                ),
                200,
                json!({"value": []}),
            ));
        let report = assess(&p, &snapshot);
        let claims = TokenClaims {
            audience: None,
            tenant: None,
            app_id: Some(app),
            roles: vec![],
            app_only: true,
        };
        let collected = Collected {
            snapshot,
            token_errors: vec![],
            consent: consent_findings(&p, &claims),
            graph_claims: Some(claims),
            notes: vec![],
            stats: Default::default(),
            read_with_application: false,
        };
        (p, report, collected)
    }

    #[test]
    fn consent_findings_are_matched_by_permission_not_by_message_text() {
        for option in ["customApp", "enterpriseApp"] {
            let (p, mut report, collected) = report_and_collected(option);
            let count = |r: &ReadinessReport| {
                r.findings()
                    .filter(|f| f.code == FindingCode::GraphPermissionMissing)
                    .count()
            };
            assert_eq!(count(&report), REQUIRED_GRAPH_PERMISSIONS.len(), "{option}");
            // Messages are for people (and may be translated): they do not decide.
            for s in &mut report.steps {
                for f in &mut s.findings {
                    f.message = "Berechtigung fehlt.".into();
                }
            }
            let before = count(&report);
            apply_live_findings(&mut report, &p, &collected);
            assert_eq!(count(&report), before, "{option}: duplicates added");
        }
        // Without the assessment's findings, the token's are added.
        let (p, mut report, collected) = report_and_collected("customApp");
        for s in &mut report.steps {
            s.findings
                .retain(|f| f.code != FindingCode::GraphPermissionMissing);
        }
        apply_live_findings(&mut report, &p, &collected);
        assert_eq!(
            report
                .findings()
                .filter(|f| f.code == FindingCode::GraphPermissionMissing)
                .count(),
            REQUIRED_GRAPH_PERMISSIONS.len()
        );
    }
}
