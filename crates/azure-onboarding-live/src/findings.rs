//! What only a live collection knows, as readiness findings: token failures (AADSTS codes)
//! and consent read from the Graph token.

use crate::collect::Collected;
use crate::token::{TokenError, TokenErrorKind};
use azure_onboarding::{
    catalog, Finding, FindingCode, OnboardingPlan, ReadinessReport, Remediation, Status,
    StepReport, Summary,
};

/// The step token and consent findings belong to.
const STEP: &str = "application-access";

/// The finding for a token that could not be obtained.
///
/// The core has no finding code of its own for a failed token request yet, so:
/// AADSTS7000222 becomes `client-secret-expired` (fail), AADSTS700016
/// `service-principal-not-found` (fail), and every other failure `not-authorized-to-read`
/// (unknown: nothing behind the token could be checked) whose message carries the AADSTS code
/// and its explanation. Resource: `servicePrincipals(appId='…')`.
pub fn token_error_finding(plan: &OnboardingPlan, error: &TokenError) -> Finding {
    let app = plan.application_id.to_string();
    let tenant = plan.tenant_id.to_string();
    let (code, status) = match error.kind {
        TokenErrorKind::ClientSecretExpired => (FindingCode::ClientSecretExpired, Status::Fail),
        TokenErrorKind::ApplicationNotInTenant => {
            (FindingCode::ServicePrincipalNotFound, Status::Fail)
        }
        _ => (FindingCode::NotAuthorizedToRead, Status::Unknown),
    };
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
        TokenErrorKind::Unreachable | TokenErrorKind::Unexpected => format!(
            "az login --service-principal --username {app} --tenant {tenant} --password \"$WORKBENCH_CLIENT_SECRET\""
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
            portal: capitalize(error.kind.explanation()) + ".",
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
    let mut new: Vec<Finding> = collected
        .token_errors
        .iter()
        .map(|e| token_error_finding(plan, e))
        .collect();
    for f in &collected.consent {
        let already = report.findings().any(|g| {
            g.code == FindingCode::GraphPermissionMissing
                && g.resource == f.resource
                && permission_of(&g.message) == permission_of(&f.message)
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

/// The permission a graph-permission-missing message names (the word after "permission").
fn permission_of(message: &str) -> Option<&str> {
    let i = message.find("permission ")? + "permission ".len();
    message[i..].split_whitespace().next()
}

fn count(s: &mut Summary, status: Status) {
    match status {
        Status::Pass => s.pass += 1,
        Status::Warn => s.warn += 1,
        Status::Unknown => s.unknown += 1,
        Status::Fail => s.fail += 1,
    }
}
