//! Readiness assessment: given an [`OnboardingPlan`] and a [`Snapshot`] of the tenant's
//! Azure state, say for every step, subscription and storage account whether onboarding
//! will work, and if not what is wrong and how to fix it.
//!
//! [`assess`] is pure: it reads only its arguments, and the "now" of expiry checks is the
//! snapshot's `collectedAt`. [`required_requests`] lists the GET requests the assessment
//! reads, so a collector records exactly those.

mod checks;
mod context;
mod report;
pub(crate) mod subject;

pub use report::{
    Finding, FindingCode, ReadinessReport, Remediation, ResourceKind, ResourceStatus, Status,
    StepReport, Summary,
};

use crate::catalog::roles;
use crate::json_path::Read;
use crate::snapshot::readers::{
    page, parse, AppRoleAssignment, DiagnosticSetting, DirectoryRoleAssignment, GraphObject,
    Pricing, RoleAssignment, StorageAccount, Subscription,
};
use crate::snapshot::{RequestId, RequestId as R, RequestSpec};
use crate::{OnboardingPlan, Snapshot};
pub(crate) use context::Assessed;
use context::Checker;
use serde_json::Value;

/// A client secret expiring within this many days of `collectedAt` gets a warning.
pub const SECRET_EXPIRY_WARNING_DAYS: i64 = 30;

/// Roles that let the application read the log account's blobs.
const BLOB_READ_ROLES: [&str; 3] = [
    roles::STORAGE_BLOB_DATA_READER.id,
    roles::STORAGE_BLOB_DATA_CONTRIBUTOR.id,
    roles::STORAGE_BLOB_DATA_OWNER.id,
];

// Steps assessed, in procedure order (the catalog's ids).
const STEP_IDS: [&str; 5] = [
    "prerequisites",
    "console-access",
    "application-access",
    "subscription-roles",
    "resource-logs",
];
const PRE: usize = 0;
const CONSOLE: usize = 1;
const APP: usize = 2;
const SUBS: usize = 3;
const LOGS: usize = 4;

/// The snapshot's responses, followed by the stand-ins of its Resource Graph answers (the
/// per-subscription ARM lists they answer; a recorded ARM list comes first and wins).
fn with_inventory(snapshot: &Snapshot) -> std::borrow::Cow<'_, [crate::SnapshotResponse]> {
    let stand_ins = crate::snapshot::arg::expand(&snapshot.responses);
    if stand_ins.is_empty() {
        std::borrow::Cow::Borrowed(&snapshot.responses)
    } else {
        let mut all = snapshot.responses.clone();
        all.extend(stand_ins);
        std::borrow::Cow::Owned(all)
    }
}

/// Runs every check, in procedure order (the order of the report's findings).
fn run<'a>(
    plan: &'a OnboardingPlan,
    snapshot: &'a Snapshot,
    responses: &'a [crate::SnapshotResponse],
) -> Checker<'a> {
    let mut c = Checker::new(plan, snapshot, responses);
    c.application();
    c.guest_user();
    for &sub in &plan.subscriptions {
        c.subscription(sub);
    }
    c.log_account();
    c.diagnostics();
    c.log_arrival();
    c
}

/// Assesses whether onboarding will work, from a plan and a snapshot.
///
/// Pure and total: it never panics, whatever the snapshot holds; an unexpected response
/// makes the checks that read it `unknown`. Lookups are hashed, so the time is linear in
/// the size of the snapshot.
///
/// ```
/// use azure_onboarding::{assess, FindingCode, OnboardingPlan, Snapshot};
/// let plan = OnboardingPlan::from_json(r#"{
///   "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b", "accessOption": "enterpriseApp",
///   "applicationId": "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
///   "subscriptions": ["11111111-1111-4111-8111-111111111111"],
///   "logStorageAccount": "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
/// }"#).unwrap();
/// let report = assess(&plan, &Snapshot::new("2026-11-26T12:00:00Z"));
/// assert!(!report.ready);
/// assert!(report.has(FindingCode::NotCollected));
/// ```
pub fn assess(plan: &OnboardingPlan, snapshot: &Snapshot) -> ReadinessReport {
    let responses = with_inventory(snapshot);
    run(plan, snapshot, &responses).report()
}

/// [`assess`], with every finding's typed subject: what remediation plans from.
pub(crate) fn assess_typed(plan: &OnboardingPlan, snapshot: &Snapshot) -> Assessed {
    let responses = with_inventory(snapshot);
    run(plan, snapshot, &responses).assessed()
}

/// The GET requests the assessment of `plan` reads, given what `snapshot` already holds.
///
/// Some requests depend on earlier responses (G2 needs the service principal's object ID
/// from G1, G4 the guest's from G3, S4 the storage accounts from S3 when the plan says
/// `"all"`, B1 the services sending to the log account from S4, B2 the containers from B1,
/// and B2 of the day before an empty B2). A collector calls this, records the responses it
/// does not have yet, and calls again until nothing new is listed (at most five rounds).
///
/// ```
/// use azure_onboarding::{required_requests, OnboardingPlan, RequestId, Snapshot};
/// let plan = OnboardingPlan::from_json(r#"{
///   "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b", "accessOption": "customApp",
///   "applicationId": "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
///   "subscriptions": ["11111111-1111-4111-8111-111111111111"],
///   "logStorageAccount": "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
/// }"#).unwrap();
/// let first = required_requests(&plan, &Snapshot::new("2026-11-26T12:00:00Z"));
/// assert_eq!(first[0].id, RequestId::G1);
/// assert!(first.iter().any(|r| r.url.ends_with("/Microsoft.Security/pricings?api-version=2024-01-01")));
/// ```
pub fn required_requests(plan: &OnboardingPlan, snapshot: &Snapshot) -> Vec<RequestSpec> {
    let responses = with_inventory(snapshot);
    run(plan, snapshot, &responses).requests
}

/// Checks that a response body has the shape the assessment reads for this kind of
/// request (an ARM/Graph list page, a bare array, or for `S1` a subscription object).
/// `Err` names the JSON path. The collector can use it to reject a body early.
///
/// ```
/// use azure_onboarding::{check_response_body, RequestId};
/// use serde_json::json;
/// assert!(check_response_body(RequestId::S5, &json!({"value": [{"name": "Arm", "properties": {"pricingTier": "Free"}}]})).is_ok());
/// assert!(check_response_body(RequestId::S5, &json!({"value": [{"name": 3}]})).unwrap_err().contains("value[0].name"));
/// ```
pub fn check_response_body(id: RequestId, body: &Value) -> Result<(), String> {
    fn list<T: Read>(b: &Value) -> Result<(), String> {
        page::<T>(b).map(drop)
    }
    match id {
        R::S1 => parse::<Subscription>(body).map(drop),
        R::S2 => list::<RoleAssignment>(body),
        R::S3 | R::S6 => list::<StorageAccount>(body),
        R::S4 => list::<DiagnosticSetting>(body),
        R::S5 => list::<Pricing>(body),
        R::G1 | R::G3 | R::G5 => list::<GraphObject>(body),
        R::G2 => list::<AppRoleAssignment>(body),
        R::G4 => list::<DirectoryRoleAssignment>(body),
        R::B1 | R::B2 => crate::snapshot::blob_list::blob_list(body).map(drop),
    }
}
