//! Readiness assessment: given an [`OnboardingPlan`] and a [`Snapshot`] of the tenant's
//! Azure state, say for every step, subscription and storage account whether onboarding
//! will work, and if not what is wrong and how to fix it.
//!
//! [`assess`] is pure: it reads only its arguments, and the "now" of expiry checks is the
//! snapshot's `collectedAt`. [`required_requests`] lists the GET requests the assessment
//! reads, so a collector records exactly those.

mod azure;
mod report;
pub(crate) mod requests;

pub use report::{
    Finding, FindingCode, ReadinessReport, Remediation, ResourceKind, ResourceStatus, Status,
    StepReport, Summary,
};
pub use requests::{RequestId, RequestSpec};

use crate::catalog::{
    self, apps, directory_roles, graph, log_analytics, pricing, roles, storage, subscriptions,
    Catalog, Named,
};
use crate::shell::{object_id, quote, word};
use crate::{
    AccessOption, EgressRule, MonitoredStorageAccounts, OnboardingPlan, Snapshot, StorageService,
    SubscriptionId, TenantId,
};
use azure::{
    AppRoleAssignment, DiagnosticSetting, DirectoryRoleAssignment, GraphObject, Page, Pricing,
    RoleAssignment, StorageAccount, Subscription,
};
use requests::{Fetched, Index, RequestId as R};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A client secret expiring within this many days of `collectedAt` gets a warning.
pub const SECRET_EXPIRY_WARNING_DAYS: i64 = 30;

/// The Microsoft Graph application permissions Workbench needs (both access options).
pub(crate) const GRAPH_PERMISSIONS: [Named; 4] = [
    graph::SECURITY_ALERT_READ_ALL,
    graph::SECURITY_INCIDENT_READ_ALL,
    graph::SECURITY_EVENTS_READ_ALL,
    graph::USER_READ_ALL,
];

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
    Cx::new(plan, snapshot).run().report()
}

/// The GET requests the assessment of `plan` reads, given what `snapshot` already holds.
///
/// Some requests depend on earlier responses (G2 needs the service principal's object ID
/// from G1, G4 the guest's from G3, S4 the storage accounts from S3 when the plan says
/// `"all"`). A collector calls this, records the responses it does not have yet, and calls
/// again until nothing new is listed (at most three rounds).
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
    Cx::new(plan, snapshot).run().requests
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
    fn list<T: DeserializeOwned>(b: &Value) -> Result<(), String> {
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
    }
}

fn parse<T: DeserializeOwned>(body: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize(body).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
}

/// A list page: `{ "value": [...] }`, a bare array (az CLI output), or `null` (empty).
fn page<T: DeserializeOwned>(body: &Value) -> Result<Vec<T>, String> {
    match body {
        Value::Null => Ok(Vec::new()),
        Value::Array(_) => parse(body),
        _ => parse::<Page<T>>(body).map(|p| p.value),
    }
}

/// Why a response could not be used.
#[derive(Debug, Clone)]
struct Problem {
    code: FindingCode,
    id: RequestId,
    url: String,
    detail: String,
}

enum Got<T> {
    Ok(T),
    NotFound,
    Problem(Problem),
}

/// An identity the checks need the object ID of.
#[derive(Debug, Clone)]
enum Principal {
    Known(String),
    Missing,
    Unknown(Problem),
}

type Listed<T> = Rc<Result<Vec<T>, Option<Problem>>>;

struct Cx<'a> {
    plan: &'a OnboardingPlan,
    idx: Index<'a>,
    now: Option<i64>,
    collected_at: &'a str,
    cat: &'static Catalog,
    vars: Vec<(&'static str, String)>,
    steps: Vec<(Summary, Vec<Finding>)>,
    resources: Vec<ResourceStatus>,
    /// Per resource: whether a check on it was counted (one that has none is `unknown`).
    checked: Vec<bool>,
    resource_ix: HashMap<String, usize>,
    requests: Vec<RequestSpec>,
    requested: HashSet<String>,
    sp: Principal,
    guest: Principal,
    missing_subs: HashSet<SubscriptionId>,
    accounts: HashMap<SubscriptionId, Listed<StorageAccount>>,
    role_lists: HashMap<SubscriptionId, Listed<RoleAssignment>>,
    contributor_seen: HashSet<String>,
}

fn lc(s: &str) -> String {
    s.trim().trim_end_matches('/').to_ascii_lowercase()
}

fn eq(a: &str, b: &str) -> bool {
    a.trim()
        .trim_end_matches('/')
        .eq_ignore_ascii_case(b.trim().trim_end_matches('/'))
}

/// Whether a role assignment at `scope` applies to `target` (same, ancestor or management
/// group; a subscription's list holds only the management groups above it).
fn covers(scope: &str, target: &str) -> bool {
    let s = lc(scope);
    if scope.trim() == "/" || s.starts_with("/providers/microsoft.management/managementgroups/") {
        return true;
    }
    let t = lc(target);
    !s.is_empty() && (t == s || t.strip_prefix(&s).is_some_and(|r| r.starts_with('/')))
}

/// The `az rest` call that collects `url`; the URL may come from the snapshot (a
/// `nextLink`), so it is single-quoted.
fn az_get(url: &str) -> String {
    format!("az rest --method get --url {}", quote(url))
}

/// An ARM role assignment ID (`{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}`),
/// as a shell word; `None` when the snapshot's value does not have that shape.
fn role_assignment_id(id: &str) -> Option<String> {
    let id = id.trim();
    let (scope, name) = id.rsplit_once('/')?;
    let well_formed = id.starts_with('/')
        && !id.chars().any(|c| c.is_control() || c.is_whitespace())
        && scope
            .to_ascii_lowercase()
            .ends_with("/providers/microsoft.authorization/roleassignments")
        && object_id(name).is_some();
    well_formed.then(|| word(id))
}

fn service_name(s: StorageService) -> &'static str {
    match s {
        StorageService::Blob => "Blob",
        StorageService::File => "File",
        StorageService::Queue => "Queue",
        StorageService::Table => "Table",
    }
}

/// The services an account of this kind has (premium and legacy blob kinds have one).
fn services_of(kind: &str) -> &'static [StorageService] {
    if kind.eq_ignore_ascii_case(storage::KIND_BLOB_STORAGE)
        || kind.eq_ignore_ascii_case(storage::KIND_BLOCK_BLOB_STORAGE)
    {
        &[StorageService::Blob]
    } else if kind.eq_ignore_ascii_case(storage::KIND_FILE_STORAGE) {
        &[StorageService::File]
    } else {
        &StorageService::ALL
    }
}

fn finding(
    code: FindingCode,
    status: Status,
    required: bool,
    resource: &str,
    message: String,
    remediation: Remediation,
) -> Finding {
    Finding {
        code,
        status,
        required,
        resource: resource.to_owned(),
        message,
        request: None,
        remediation,
    }
}

fn fail(code: FindingCode, resource: &str, message: String, rem: Remediation) -> Finding {
    finding(code, Status::Fail, true, resource, message, rem)
}

fn warn(code: FindingCode, resource: &str, message: String, rem: Remediation) -> Finding {
    finding(code, Status::Warn, false, resource, message, rem)
}

fn rem(portal: impl Into<String>, cli: impl Into<String>) -> Remediation {
    Remediation {
        portal: portal.into(),
        cli: cli.into(),
    }
}

impl<'a> Cx<'a> {
    fn new(plan: &'a OnboardingPlan, snapshot: &'a Snapshot) -> Self {
        let la = &plan.log_storage_account;
        let app = plan.application_id.to_string();
        let guest_mail = plan
            .guest_user
            .as_ref()
            .map(|g| g.mail.trim().to_owned())
            .unwrap_or_default();
        let vars = vec![
            ("tenantId", plan.tenant_id.to_string()),
            (
                "spObjectId",
                format!("$(az ad sp show --id {app} --query id --output tsv)"),
            ),
            (
                "guestObjectId",
                format!("$(az ad user list --filter \"mail eq '{guest_mail}'\" --query [0].id --output tsv)"),
            ),
            ("applicationId", app),
            ("guestMail", guest_mail),
            // Values that go into commands are shell words (quoted unless plain).
            ("resourceGroup", word(la.resource_group())),
            ("logStorageAccount", word(&la.name().to_string())),
            ("logStorageAccountId", word(&la.to_string())),
        ];
        Cx {
            plan,
            idx: Index::new(&snapshot.responses),
            now: crate::rfc3339_seconds(&snapshot.collected_at),
            collected_at: &snapshot.collected_at,
            cat: catalog::catalog(),
            vars,
            steps: vec![Default::default(); STEP_IDS.len()],
            resources: Vec::new(),
            checked: Vec::new(),
            resource_ix: HashMap::new(),
            requests: Vec::new(),
            requested: HashSet::new(),
            sp: Principal::Missing,
            guest: Principal::Missing,
            missing_subs: HashSet::new(),
            accounts: HashMap::new(),
            role_lists: HashMap::new(),
            contributor_seen: HashSet::new(),
        }
    }

    fn set_var(&mut self, name: &str, value: String) {
        if let Some(v) = self.vars.iter_mut().find(|(k, _)| *k == name) {
            v.1 = value;
        }
    }

    /// The catalog requirement's portal steps and its `az` template filled in.
    fn fix(&self, requirement: &str, extra: &[(&str, &str)]) -> Remediation {
        let Some(r) = self.cat.requirement(requirement) else {
            return rem("", "");
        };
        let mut vars: Vec<(&str, &str)> = extra.to_vec();
        vars.extend(self.vars.iter().map(|(k, v)| (*k, v.as_str())));
        rem(
            r.portal.join(" "),
            r.cli
                .map(|c| crate::catalog::fill_placeholders(c, &vars))
                .unwrap_or_default(),
        )
    }

    fn var(&self, name: &str) -> &str {
        self.vars
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    // ---- recording -------------------------------------------------------------------

    fn resource(&mut self, kind: ResourceKind, id: &str, name: Option<String>) -> usize {
        let key = lc(id);
        if let Some(&i) = self.resource_ix.get(&key) {
            return i;
        }
        self.resources.push(ResourceStatus {
            id: id.to_owned(),
            kind,
            name,
            status: Status::Pass,
        });
        self.checked.push(false);
        self.resource_ix.insert(key, self.resources.len() - 1);
        self.resources.len() - 1
    }

    /// A passing check (the resource's status only ever gets worse).
    fn pass(&mut self, step: usize, res: usize) {
        self.steps[step].0.add(Status::Pass);
        self.checked[res] = true;
    }

    fn push(&mut self, step: usize, res: usize, f: Finding) {
        self.steps[step].0.add(f.status);
        self.checked[res] = true;
        let r = &mut self.resources[res];
        r.status = r.status.worst(f.status);
        self.steps[step].1.push(f);
    }

    fn outcome(&mut self, step: usize, res: usize, f: Option<Finding>) {
        match f {
            Some(f) => self.push(step, res, f),
            None => self.pass(step, res),
        }
    }

    /// An `unknown` finding: `what` could not be checked because of `p`.
    fn unknown(&mut self, step: usize, res: usize, required: bool, what: &str, p: &Problem) {
        let resource = self.resources[res].id.clone();
        let portal = if p.code == FindingCode::NotAuthorizedToRead {
            format!(
                "Collect the snapshot again with an identity that has {}, then assess again.",
                p.id.permission()
            )
        } else {
            "Collect this request again, add its response to the snapshot, then assess again."
                .to_owned()
        };
        let mut f = finding(
            p.code,
            Status::Unknown,
            required,
            &resource,
            format!("Cannot check {what}: request {} {}.", p.id, p.detail),
            rem(portal, az_get(&p.url)),
        );
        f.request = Some(p.url.clone());
        self.push(step, res, f);
    }

    // ---- reading the snapshot ----------------------------------------------------------

    fn fetch(&mut self, spec: RequestSpec) -> Got<Vec<&'a Value>> {
        let fetched = self.idx.fetch(&spec);
        let id = spec.id;
        let url = spec.url.clone();
        if self.requested.insert(spec.url.clone()) {
            self.requests.push(spec);
        }
        let problem = |code, url: String, detail: String| {
            Got::Problem(Problem {
                code,
                id,
                url,
                detail,
            })
        };
        match fetched {
            Fetched::Ok(bodies) => Got::Ok(bodies),
            Fetched::NotFound => Got::NotFound,
            Fetched::Status(s @ (401 | 403)) => problem(
                FindingCode::NotAuthorizedToRead,
                url,
                format!(
                    "was refused ({s}): the identity that collected the snapshot needs {}",
                    id.permission()
                ),
            ),
            Fetched::Status(s) => problem(
                FindingCode::RequestFailed,
                url,
                format!("failed with status {s}"),
            ),
            Fetched::Absent(missing) => {
                let detail = if missing == url {
                    "is not in the snapshot".to_owned()
                } else {
                    "is in the snapshot, but a later page of the list (its nextLink) is not"
                        .to_owned()
                };
                problem(FindingCode::NotCollected, missing, detail)
            }
        }
    }

    fn get_list<T: DeserializeOwned>(&mut self, spec: RequestSpec) -> Got<Vec<T>> {
        let (id, url) = (spec.id, spec.url.clone());
        match self.fetch(spec) {
            Got::Ok(bodies) => {
                let mut all = Vec::new();
                for b in bodies {
                    match page::<T>(b) {
                        Ok(v) => all.extend(v),
                        Err(e) => {
                            return Got::Problem(Problem {
                                code: FindingCode::ResponseUnreadable,
                                id,
                                url,
                                detail: format!("has a body Azure would not send, {e}"),
                            });
                        }
                    }
                }
                Got::Ok(all)
            }
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        }
    }

    fn get_one<T: DeserializeOwned>(&mut self, spec: RequestSpec) -> Got<T> {
        let (id, url) = (spec.id, spec.url.clone());
        match self.fetch(spec) {
            Got::Ok(bodies) => match parse::<T>(bodies[0]) {
                Ok(v) => Got::Ok(v),
                Err(e) => Got::Problem(Problem {
                    code: FindingCode::ResponseUnreadable,
                    id,
                    url,
                    detail: format!("has a body Azure would not send, {e}"),
                }),
            },
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        }
    }

    fn listed<T: DeserializeOwned>(&mut self, spec: RequestSpec) -> Listed<T> {
        Rc::new(match self.get_list::<T>(spec) {
            Got::Ok(v) => Ok(v),
            Got::NotFound => Err(None),
            Got::Problem(p) => Err(Some(p)),
        })
    }

    fn accounts_of(&mut self, sub: SubscriptionId) -> Listed<StorageAccount> {
        if let Some(l) = self.accounts.get(&sub) {
            return l.clone();
        }
        let l = self.listed(RequestSpec::subscription(R::S3, &sub.to_string()));
        self.accounts.insert(sub, l.clone());
        l
    }

    fn roles_of(&mut self, sub: SubscriptionId) -> Listed<RoleAssignment> {
        if let Some(l) = self.role_lists.get(&sub) {
            return l.clone();
        }
        let l = self.listed(RequestSpec::subscription(R::S2, &sub.to_string()));
        self.role_lists.insert(sub, l.clone());
        l
    }

    // ---- the checks ------------------------------------------------------------------

    fn run(mut self) -> Self {
        self.application();
        self.guest_user();
        let plan = self.plan;
        for &sub in &plan.subscriptions {
            self.subscription(sub);
        }
        self.log_account();
        self.diagnostics();
        self
    }

    fn report(mut self) -> ReadinessReport {
        // A resource is `pass` only once a check on it passed.
        for (r, checked) in self.resources.iter_mut().zip(&self.checked) {
            if !checked {
                r.status = Status::Unknown;
            }
        }
        let mut summary = Summary::default();
        let mut ready = true;
        let steps = STEP_IDS
            .iter()
            .zip(self.steps)
            .filter(|(_, (s, _))| *s != Summary::default())
            .map(|(id, (s, findings))| {
                summary.pass += s.pass;
                summary.fail += s.fail;
                summary.warn += s.warn;
                summary.unknown += s.unknown;
                ready &= !findings
                    .iter()
                    .any(|f| f.required && matches!(f.status, Status::Fail | Status::Unknown));
                StepReport {
                    id: (*id).to_owned(),
                    title: self.cat.step(id).map_or("", |s| s.title).to_owned(),
                    status: s.status(),
                    summary: s,
                    findings,
                }
            })
            .collect();
        ReadinessReport {
            ready,
            collected_at: self.collected_at.to_owned(),
            summary,
            steps,
            resources: self.resources,
        }
    }

    /// Step 2: the service principal, its API permissions and (custom app) its secret.
    fn application(&mut self) {
        let app = self.plan.application_id.to_string();
        let res_id = format!("servicePrincipals(appId='{app}')");
        let r = self.resource(ResourceKind::ServicePrincipal, &res_id, None);
        let custom = self.plan.access_option == AccessOption::CustomApp;
        let g1 = RequestSpec::graph_filter(R::G1, "appId", &app);
        let g1_url = g1.url.clone();
        // The service principal of the app: the object whose appId matches (an object
        // without appId is taken as the filter's answer); its id must be an object ID.
        let found = match self.get_list::<GraphObject>(g1) {
            Got::Ok(list) => Got::Ok(
                list.into_iter()
                    .enumerate()
                    .find(|(_, o)| o.app_id.is_empty() || eq(&o.app_id, &app)),
            ),
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        };
        let found = match found {
            Got::Ok(Some((i, sp))) => match object_id(&sp.id) {
                Some(id) => Got::Ok(Some((sp, id))),
                None => Got::Problem(Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::G1,
                    url: g1_url,
                    detail: format!("has a service principal whose id is not an object ID (a GUID), at `value[{i}].id`"),
                }),
            },
            Got::Ok(None) => Got::Ok(None),
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        };
        match found {
            Got::Ok(Some((sp, id))) => {
                if !sp.display_name.is_empty() {
                    self.resources[r].name = Some(sp.display_name.clone());
                }
                self.pass(APP, r);
                self.set_var("spObjectId", id.clone());
                self.sp = Principal::Known(id);
            }
            Got::Ok(None) | Got::NotFound => {
                let (req, what) = if custom {
                    ("custom-app-registered", "Create the service principal of your app registration (Enterprise applications), or check the applicationId in the plan.")
                } else {
                    ("enterprise-app-consented", "Grant admin consent to the provider's enterprise application: consent creates its service principal in your tenant.")
                };
                let mut fix = self.fix(req, &[]);
                fix.portal = format!("{what} {}", fix.portal);
                fix.cli = format!("az ad sp create --id {app}");
                self.push(APP, r, fail(FindingCode::ServicePrincipalNotFound, &res_id,
                    format!("No service principal for application {app} in this tenant: the app was never consented to or created here, or the applicationId is wrong."), fix));
                self.sp = Principal::Missing;
            }
            Got::Problem(p) => {
                self.unknown(
                    APP,
                    r,
                    true,
                    "whether the application's service principal exists",
                    &p,
                );
                self.sp = Principal::Unknown(p);
            }
        }
        match self.sp.clone() {
            Principal::Known(id) => self.permissions(r, &res_id, &id),
            Principal::Missing => {}
            Principal::Unknown(p) => self.unknown(
                APP,
                r,
                true,
                "the application's API permissions (they need its service principal)",
                &p,
            ),
        }
        if custom {
            self.secret(r, &res_id, &app);
        }
    }

    fn permissions(&mut self, r: usize, res_id: &str, sp: &str) {
        let granted: HashSet<String> =
            match self.get_list::<AppRoleAssignment>(RequestSpec::app_role_assignments(sp)) {
                Got::Ok(l) => l.into_iter().map(|a| lc(&a.app_role_id)).collect(),
                Got::NotFound => HashSet::new(),
                Got::Problem(p) => {
                    return self.unknown(APP, r, true, "the application's API permissions", &p);
                }
            };
        let has = |n: Named| granted.contains(n.id);
        for perm in GRAPH_PERMISSIONS {
            let f = (!has(perm)).then(|| {
                fail(
                    FindingCode::GraphPermissionMissing,
                    res_id,
                    format!("The Microsoft Graph application permission {} is not granted (admin consent missing).", perm.name),
                    self.permission_fix(apps::MICROSOFT_GRAPH, perm),
                )
            });
            self.outcome(APP, r, f);
        }
        let la = log_analytics::DATA_READ;
        let f = (!has(la)).then(|| {
            fail(
                FindingCode::LogAnalyticsPermissionMissing,
                res_id,
                "The Log Analytics API application permission Data.Read is not granted (admin consent missing).".into(),
                self.permission_fix(apps::LOG_ANALYTICS_API, la),
            )
        });
        self.outcome(APP, r, f);
        let legacy = has(graph::SECURITY_EVENTS_READ_ALL) && !has(graph::SECURITY_ALERT_READ_ALL);
        let f = legacy.then(|| {
            warn(
                FindingCode::LegacySecurityAlertsPermission,
                res_id,
                format!("SecurityEvents.Read.All is granted without SecurityAlert.Read.All: the legacy alerts API it served was retired on {}.", catalog::dates::GRAPH_LEGACY_ALERTS_RETIRED_ON),
                self.permission_fix(apps::MICROSOFT_GRAPH, graph::SECURITY_ALERT_READ_ALL),
            )
        });
        self.outcome(APP, r, f);
    }

    fn permission_fix(&self, api: Named, perm: Named) -> Remediation {
        let app = self.var("applicationId");
        if self.plan.access_option == AccessOption::CustomApp {
            let mut fix = self.fix("custom-app-admin-consent", &[]);
            fix.portal = format!(
                "In the app registration, open API permissions > Add a permission > {} > Application permissions, add {}. {}",
                api.name, perm.name, fix.portal
            );
            fix.cli = format!(
                "az ad app permission add --id {app} --api {} --api-permissions {}=Role && {}",
                api.id, perm.id, fix.cli
            );
            fix
        } else {
            let sp = self.var("spObjectId");
            let mut fix = self.fix("enterprise-app-consented", &[]);
            fix.cli = format!(
                "az rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals/{sp}/appRoleAssignments --body \"{{\\\"principalId\\\":\\\"{sp}\\\",\\\"resourceId\\\":\\\"$(az ad sp show --id {} --query id --output tsv)\\\",\\\"appRoleId\\\":\\\"{}\\\"}}\"",
                api.id, perm.id
            );
            fix
        }
    }

    fn secret(&mut self, r: usize, res_id: &str, app: &str) {
        let g5 = RequestSpec::graph_filter(R::G5, "appId", app);
        let g5_url = g5.url.clone();
        let apps = match self.get_list::<GraphObject>(g5) {
            Got::Ok(l) => l,
            Got::NotFound => Vec::new(),
            Got::Problem(p) => {
                return self.unknown(
                    APP,
                    r,
                    true,
                    "the expiry of the application's client secret",
                    &p,
                )
            }
        };
        let fix = self.fix("custom-app-client-secret", &[]);
        let fix = rem(
            format!(
                "{} Then enter the new secret Value in the Workbench form.",
                fix.portal
            ),
            fix.cli,
        );
        let registration = apps
            .into_iter()
            .enumerate()
            .find(|(_, a)| a.app_id.is_empty() || eq(&a.app_id, app));
        let (reg_ix, creds) = registration
            .map(|(i, a)| (i, a.password_credentials))
            .unwrap_or_default();
        if creds.is_empty() {
            let f = fail(FindingCode::ClientSecretMissing, res_id,
                "The application has no client secret (or no app registration in this tenant): Workbench signs in with a client secret.".into(), fix);
            return self.push(APP, r, f);
        }
        let Some(now) = self.now else {
            let p = Problem {
                code: FindingCode::ResponseUnreadable,
                id: R::G5,
                url: String::new(),
                detail: "cannot be judged: the snapshot's collectedAt is not an RFC 3339 timestamp"
                    .into(),
            };
            return self.unknown(
                APP,
                r,
                true,
                "the expiry of the application's client secret",
                &p,
            );
        };
        // The latest readable end date. A secret whose end cannot be read is not taken as
        // never expiring ("Never" no longer exists): it makes the check unknown, unless a
        // readable one is valid beyond the warning period anyway.
        let mut latest: Option<(i64, &str)> = None;
        let mut unreadable: Option<usize> = None;
        for (j, c) in creds.iter().enumerate() {
            match crate::rfc3339_seconds(&c.end_date_time) {
                Some(t) if latest.is_none_or(|(l, _)| t > l) => {
                    latest = Some((t, c.end_date_time.as_str()));
                }
                Some(_) => {}
                None => {
                    unreadable.get_or_insert(j);
                }
            }
        }
        let warning = SECRET_EXPIRY_WARNING_DAYS.saturating_mul(86_400);
        let left = latest.map(|(t, _)| t.saturating_sub(now));
        let (latest, left) = match (latest, left, unreadable) {
            (Some((_, end)), Some(left), None) => (end, left),
            (Some((_, end)), Some(left), Some(_)) if left >= warning => (end, left),
            (_, _, j) => {
                let p = Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::G5,
                    url: g5_url,
                    detail: format!(
                        "has a client secret without a readable end date (`value[{reg_ix}].passwordCredentials[{}].endDateTime` is missing or not an RFC 3339 timestamp); secrets can no longer be created without an expiry",
                        j.unwrap_or(0)
                    ),
                };
                return self.unknown(
                    APP,
                    r,
                    true,
                    "the expiry of the application's client secret",
                    &p,
                );
            }
        };
        let day = latest.get(..10).unwrap_or(latest);
        let f = if left <= 0 {
            Some(fail(FindingCode::ClientSecretExpired, res_id,
                format!("Every client secret of the application has expired (the latest on {day}): Workbench can no longer sign in."), fix))
        } else if left < warning {
            let days = left / 86_400;
            Some(warn(FindingCode::ClientSecretExpiring, res_id,
                format!("The application's latest client secret expires on {day}, in {days} days: create a new one and update Workbench before then."), fix))
        } else {
            None
        };
        self.outcome(APP, r, f);
    }

    /// Step 1: the guest analyst and its Global Reader role.
    fn guest_user(&mut self) {
        let plan = self.plan;
        let Some(g) = &plan.guest_user else {
            return;
        };
        let mail = g.mail.trim().to_owned();
        let r = self.resource(ResourceKind::GuestUser, &mail, None);
        let g3 = RequestSpec::graph_filter(R::G3, "mail", &mail);
        let g3_url = g3.url.clone();
        let found = match self.get_list::<GraphObject>(g3) {
            // The user's id must be an object ID: it goes into requests and commands.
            Got::Ok(l) if !l.is_empty() => match object_id(&l[0].id) {
                Some(id) => Got::Ok(Some((l.into_iter().next().unwrap_or_default(), id))),
                None => Got::Problem(Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::G3,
                    url: g3_url,
                    detail: "has a user whose id is not an object ID (a GUID), at `value[0].id`"
                        .into(),
                }),
            },
            Got::Ok(_) => Got::Ok(None),
            Got::NotFound => Got::NotFound,
            Got::Problem(p) => Got::Problem(p),
        };
        match found {
            Got::Ok(Some((user, id))) => {
                if !user.display_name.is_empty() {
                    self.resources[r].name = Some(user.display_name.clone());
                }
                self.pass(CONSOLE, r);
                self.set_var("guestObjectId", id.clone());
                self.guest = Principal::Known(id.clone());
                let roles = match self.get_list::<DirectoryRoleAssignment>(
                    RequestSpec::graph_filter(R::G4, "principalId", &id),
                ) {
                    Got::Ok(l) => l,
                    Got::NotFound => Vec::new(),
                    Got::Problem(p) => {
                        return self.unknown(
                            CONSOLE,
                            r,
                            true,
                            "the guest analyst's directory roles",
                            &p,
                        )
                    }
                };
                let has = roles
                    .iter()
                    .any(|a| eq(&a.role_definition_id, directory_roles::GLOBAL_READER.id));
                let f = (!has).then(|| fail(FindingCode::GlobalReaderMissing, &mail,
                    format!("The guest analyst {mail} does not have the Global Reader directory role."),
                    self.fix("guest-analyst-global-reader", &[])));
                self.outcome(CONSOLE, r, f);
            }
            Got::Ok(None) | Got::NotFound => {
                let f = fail(FindingCode::GuestUserNotFound, &mail,
                    format!("No user with mail {mail} in the directory: the provider's analyst has not been invited (or accepted under another address)."),
                    self.fix("guest-analyst-invited", &[]));
                self.push(CONSOLE, r, f);
            }
            Got::Problem(p) => {
                self.unknown(CONSOLE, r, true, "whether the guest analyst is invited", &p);
                self.guest = Principal::Unknown(p);
            }
        }
    }

    /// Step 3 and the per-subscription parts of the prerequisites and Step 4.
    fn subscription(&mut self, sub: SubscriptionId) {
        let s = sub.to_string();
        let sid = format!("/subscriptions/{s}");
        let r = self.resource(ResourceKind::Subscription, &sid, None);
        let s1 = RequestSpec::subscription(R::S1, &s);
        let s1_url = s1.url.clone();
        let unreadable = |detail: &str| Problem {
            code: FindingCode::ResponseUnreadable,
            id: R::S1,
            url: s1_url.clone(),
            detail: detail.to_owned(),
        };
        match self.get_one::<Subscription>(s1) {
            Got::NotFound => {
                let t = self.plan.tenant_id;
                let f = fail(FindingCode::SubscriptionNotFound, &sid,
                    format!("Subscription {s} was not found: the ID is wrong, or it is not in tenant {t}, or it was deleted."),
                    rem(format!("Check the subscription ID in the plan: in the Azure portal switch to directory {t}, open Subscriptions and copy the Subscription ID; or remove it from the plan."),
                        format!("az account list --all --query \"[?tenantId=='{t}'].[id,name,state]\" --output table")));
                self.push(SUBS, r, f);
                self.missing_subs.insert(sub);
                return;
            }
            Got::Problem(p) => self.unknown(
                SUBS,
                r,
                true,
                "whether the subscription exists and is enabled",
                &p,
            ),
            Got::Ok(info) => {
                if !info.display_name.is_empty() {
                    self.resources[r].name = Some(info.display_name.clone());
                }
                let state = info.state.trim();
                let check = format!(
                    "az account show --subscription {s} --query \"[state,tenantId]\" --output tsv"
                );
                // A body without `state` or `tenantId` proves neither.
                let f = if state.is_empty() {
                    let p = unreadable(
                        "has no `state`: the body Azure sends for a subscription always has one",
                    );
                    self.unknown(SUBS, r, true, "whether the subscription is enabled", &p);
                    None
                } else if subscriptions::STATES_INACTIVE
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(state))
                {
                    Some(fail(FindingCode::SubscriptionDisabled, &sid,
                        format!("Subscription {s} is {state}: nothing in it can be monitored."),
                        rem("Open Cost Management + Billing and resolve the subscription's billing, or reactivate it under Subscriptions > Overview; or remove it from the plan.", check.clone())))
                } else if state.eq_ignore_ascii_case(subscriptions::STATE_WARNED) {
                    Some(warn(FindingCode::SubscriptionDisabled, &sid,
                        format!("Subscription {s} is Warned (billing): it will be disabled unless resolved."),
                        rem("Open Cost Management + Billing and resolve the subscription's billing warning.", check.clone())))
                } else {
                    self.pass(SUBS, r);
                    None
                };
                if let Some(f) = f {
                    self.push(SUBS, r, f);
                }
                match info.tenant_id.parse::<TenantId>() {
                    Err(_) => {
                        let p = unreadable(if info.tenant_id.trim().is_empty() {
                            "has no `tenantId`: the body Azure sends for a subscription always has one"
                        } else {
                            "has a `tenantId` that is not a GUID"
                        });
                        self.unknown(
                            SUBS,
                            r,
                            true,
                            "which tenant the subscription belongs to",
                            &p,
                        );
                    }
                    Ok(t) if t != self.plan.tenant_id => {
                        let f = fail(FindingCode::SubscriptionWrongTenant, &sid,
                            format!("Subscription {s} belongs to tenant {t}, not to the plan's tenant {}.", self.plan.tenant_id),
                            rem("Onboard that tenant separately, or move the subscription (Subscriptions > Change directory), or remove it from the plan.", check));
                        self.push(SUBS, r, f);
                    }
                    Ok(_) => self.pass(SUBS, r),
                }
            }
        }
        // Step 3: Log Analytics Reader for the application and the guest.
        let roles = self.roles_of(sub);
        let who = [(
            self.sp.clone(),
            "app-log-analytics-reader",
            "the application",
        )]
        .into_iter()
        .chain(self.plan.guest_user.as_ref().map(|_| {
            (
                self.guest.clone(),
                "guest-log-analytics-reader",
                "the guest analyst",
            )
        }));
        for (principal, req, name) in who.collect::<Vec<_>>() {
            let what = format!("Log Analytics Reader of {name} on {sid}");
            let has = match (&*roles, &principal) {
                (Err(Some(p)), _) | (_, Principal::Unknown(p)) => {
                    self.unknown(SUBS, r, true, &what, p);
                    continue;
                }
                (Err(None), _) | (_, Principal::Missing) => false,
                (Ok(l), Principal::Known(id)) => l.iter().any(|a| {
                    eq(a.principal(), id)
                        && eq(a.role(), roles::LOG_ANALYTICS_READER.id)
                        && covers(a.scope(), &sid)
                }),
            };
            let f = (!has).then(|| fail(FindingCode::LogAnalyticsReaderMissing, &sid,
                format!("{} lacks Log Analytics Reader on subscription {s}: Workbench cannot read its logs.", capitalize(name)),
                self.fix(req, &[("subscriptionId", &s)])));
            self.outcome(SUBS, r, f);
        }
        self.contributor(r, &roles);
        self.defender(r, &s, &sid);
        self.classic(r, &s, &sid);
    }

    /// Storage Account Contributor held by the application (once per assignment).
    fn contributor(&mut self, r: usize, roles: &Listed<RoleAssignment>) {
        let (Ok(list), Principal::Known(sp)) = (&**roles, &self.sp) else {
            return;
        };
        let held: Vec<(String, String)> = list
            .iter()
            .filter(|a| {
                eq(a.principal(), sp) && eq(a.role(), roles::STORAGE_ACCOUNT_CONTRIBUTOR.id)
            })
            .filter(|a| self.contributor_seen.insert(lc(&a.id)))
            .map(|a| (a.id.clone(), a.scope().to_owned()))
            .collect();
        if held.is_empty() {
            return self.pass(LOGS, r);
        }
        for (id, scope) in held {
            // The ID comes from the snapshot: only a role assignment ID goes into the command.
            let id = role_assignment_id(&id).unwrap_or_else(|| "<role-assignment-id>".into());
            let f = warn(FindingCode::StorageAccountContributorAssigned, &scope,
                format!("The application holds Storage Account Contributor at {scope}: it grants the account keys, far more than reading logs needs."),
                rem(format!("Open {scope} > Access control (IAM) > Role assignments, remove the application's Storage Account Contributor assignment, and rely on Storage Blob Data Reader on the log storage account."),
                    format!("az role assignment delete --ids {id}")));
            self.push(LOGS, r, f);
        }
    }

    fn defender(&mut self, r: usize, s: &str, sid: &str) {
        let plans = match self.get_list::<Pricing>(RequestSpec::subscription(R::S5, s)) {
            Got::Ok(l) => l,
            Got::NotFound => Vec::new(),
            Got::Problem(p) => {
                return self.unknown(PRE, r, false, &format!("the Defender plans of {sid}"), &p)
            }
        };
        let wanted = &self.plan.defender_plans;
        for plan in wanted {
            let on = plans
                .iter()
                .any(|p| eq(&p.name, plan) && eq(&p.properties.pricing_tier, pricing::STANDARD));
            let f = (!on).then(|| warn(FindingCode::DefenderPlanNotEnabled, sid,
                format!("The Microsoft Defender plan {plan} is not on (Standard) in subscription {s}: Workbench gets no alerts from it."),
                self.fix("defender-plans", &[("subscriptionId", s), ("plan", &word(plan))])));
            self.outcome(PRE, r, f);
        }
    }

    fn classic(&mut self, r: usize, s: &str, sid: &str) {
        let list = match self.get_list::<StorageAccount>(RequestSpec::subscription(R::S6, s)) {
            Got::Ok(l) => l,
            Got::NotFound => Vec::new(),
            Got::Problem(p) => {
                return self.unknown(
                    LOGS,
                    r,
                    false,
                    &format!("whether {sid} has classic storage accounts"),
                    &p,
                )
            }
        };
        if list.is_empty() {
            return self.pass(LOGS, r);
        }
        for a in list {
            let id = if a.id.is_empty() {
                sid.to_owned()
            } else {
                a.id.clone()
            };
            let f = warn(FindingCode::ClassicStorageAccount, &id,
                format!("Classic storage account {} was retired on {} and cannot be monitored: migrate it to Azure Resource Manager.", a.name, storage::CLASSIC_RETIRED_ON),
                self.fix("classic-storage-accounts", &[("subscriptionId", s)]));
            self.push(LOGS, r, f);
        }
    }

    /// Step 4: the log storage account, its kind, firewall and the app's blob read role.
    fn log_account(&mut self) {
        let la = self.plan.log_storage_account.clone();
        let id = la.to_string();
        let sub = la.subscription_id();
        let s = sub.to_string();
        let r = self.resource(
            ResourceKind::LogStorageAccount,
            &id,
            Some(la.name().to_string()),
        );
        let listed = if self.missing_subs.contains(&sub) {
            Rc::new(Err(None))
        } else {
            self.accounts_of(sub)
        };
        let account = match &*listed {
            Ok(l) => l.iter().find(|a| eq(&a.id, &id)),
            Err(None) => None,
            Err(Some(p)) => {
                self.unknown(LOGS, r, true, "whether the log storage account exists", p);
                return self.blob_reader(r, sub, &id);
            }
        };
        let Some(account) = account else {
            let mut fix = self.fix("log-storage-account", &[]);
            fix.cli.push_str(&format!(" --subscription {s}"));
            let f = fail(FindingCode::LogStorageAccountMissing, &id,
                format!("The log storage account {} does not exist in resource group {} of subscription {s}.", la.name(), la.resource_group()), fix);
            self.push(LOGS, r, f);
            return;
        };
        let kind = account.kind.as_str();
        let f = (!kind.eq_ignore_ascii_case(storage::KIND_STORAGE_V2)).then(|| {
            let upgradable = kind.eq_ignore_ascii_case(storage::KIND_STORAGE) || kind.eq_ignore_ascii_case(storage::KIND_BLOB_STORAGE);
            let fix = if upgradable {
                rem("Open the storage account > Settings > Configuration and select Upgrade to general-purpose v2.",
                    format!("az storage account update --name {} --resource-group {} --subscription {s} --set kind={} --access-tier Hot", la.name(), la.resource_group(), storage::KIND_STORAGE_V2))
            } else {
                let mut fix = self.fix("log-storage-account", &[]);
                fix.portal = format!("A {kind} account cannot be upgraded: create a new StorageV2 account and put it in the plan. {}", fix.portal);
                fix
            };
            fail(FindingCode::LogStorageAccountKind, &id,
                format!("The log storage account is of kind {kind}, not StorageV2 (general-purpose v2)."), fix)
        });
        self.outcome(LOGS, r, f);
        match self.firewall(account, &id, &s) {
            Ok(f) => self.outcome(LOGS, r, f),
            Err(detail) => {
                let p = Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::S3,
                    url: RequestSpec::subscription(R::S3, &s).url,
                    detail,
                };
                self.unknown(
                    LOGS,
                    r,
                    true,
                    "whether the log storage account's firewall lets Workbench through",
                    &p,
                );
            }
        }
        self.blob_reader(r, sub, &id);
    }

    /// The firewall finding, if any; `Err` (what is missing) when the listing does not say
    /// what the firewall is: no `properties` (REST) and no `networkRuleSet` (az CLI).
    fn firewall(
        &self,
        account: &StorageAccount,
        id: &str,
        s: &str,
    ) -> Result<Option<Finding>, String> {
        if account.properties.is_none() && account.network_rule_set.is_none() {
            return Err("lists the log storage account without `properties` (nor the az CLI's `networkRuleSet`), so its firewall is unknown".into());
        }
        let la = &self.plan.log_storage_account;
        let acls = account.acls();
        let bypass: Vec<&str> = acls
            .map(|a| {
                a.bypass
                    .split(',')
                    .map(str::trim)
                    .filter(|b| !b.is_empty() && !b.eq_ignore_ascii_case("None"))
                    .collect()
            })
            .unwrap_or_default();
        let logging = bypass
            .iter()
            .any(|b| b.eq_ignore_ascii_case(storage::BYPASS_LOGGING));
        let deny = acls.is_some_and(|a| {
            a.default_action
                .eq_ignore_ascii_case(storage::DEFAULT_ACTION_DENY)
        });
        let disabled = account
            .public_network_access()
            .eq_ignore_ascii_case(storage::PUBLIC_NETWORK_ACCESS_DISABLED);
        let rules: Vec<EgressRule> = acls
            .map(|a| {
                a.ip_rules
                    .iter()
                    .filter_map(|r| r.value.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        let allowed = |e: &EgressRule| {
            rules
                .iter()
                .any(|r| r.prefix() <= e.prefix() && r.contains(e.network()))
        };
        let blocked: Vec<String> = self
            .plan
            .egress_ips
            .iter()
            .filter(|e| !allowed(e))
            .map(ToString::to_string)
            .collect();
        let why = if disabled {
            "public network access is Disabled, so no request from the Internet reaches it"
                .to_owned()
        } else if !deny || logging {
            return Ok(None);
        } else if self.plan.egress_ips.is_empty() {
            "its firewall denies by default, does not allow read access to storage logging (bypass Logging), and the plan lists no egress IPs to allow".to_owned()
        } else if blocked.is_empty() {
            return Ok(None);
        } else {
            format!("its firewall denies by default, does not allow read access to storage logging (bypass Logging), and does not allow the egress IPs {}", blocked.join(", "))
        };
        // The snapshot's bypass values, as shell words.
        let mut keep: Vec<String> = bypass
            .into_iter()
            .filter(|b| !b.eq_ignore_ascii_case(storage::BYPASS_LOGGING))
            .map(word)
            .collect();
        keep.push(storage::BYPASS_LOGGING.into());
        let mut fix = self.fix("log-storage-firewall", &[]);
        fix.cli = format!("az storage account update --name {} --resource-group {} --subscription {s} --bypass {}{}",
            la.name(), la.resource_group(), keep.join(" "),
            if disabled { " --public-network-access Enabled --default-action Deny" } else { "" });
        Ok(Some(fail(
            FindingCode::StorageFirewallBlocksLogs,
            id,
            format!("Workbench cannot read the log storage account: {why}."),
            fix,
        )))
    }

    fn blob_reader(&mut self, r: usize, sub: SubscriptionId, id: &str) {
        if self.missing_subs.contains(&sub) {
            return;
        }
        let roles = self.roles_of(sub);
        let what =
            "whether the application can read the log account's blobs (Storage Blob Data Reader)";
        let has = match (&*roles, &self.sp) {
            (Err(Some(p)), _) | (_, Principal::Unknown(p)) => {
                let p = p.clone();
                return self.unknown(LOGS, r, true, what, &p);
            }
            (Err(None), _) | (_, Principal::Missing) => false,
            (Ok(l), Principal::Known(sp)) => l.iter().any(|a| {
                eq(a.principal(), sp)
                    && BLOB_READ_ROLES.iter().any(|x| eq(a.role(), x))
                    && covers(a.scope(), id)
            }),
        };
        let f = (!has).then(|| fail(FindingCode::StorageBlobDataReaderMissing, id,
            "The application cannot read the log storage account's blobs: it lacks Storage Blob Data Reader on the account, its resource group, subscription or above.".into(),
            self.fix("log-storage-blob-data-reader", &[])));
        self.outcome(LOGS, r, f);
    }

    /// Step 4: every monitored account's services send the three log categories.
    fn diagnostics(&mut self) {
        let log_id = self.plan.log_storage_account.to_string();
        // (account ID, its kind or why the kind is unknown, name).
        let mut targets: Vec<(String, Result<String, Problem>, Option<String>)> = Vec::new();
        let plan = self.plan;
        // The kind an account is listed with; a missing one is unknown.
        let kind_of = |kind: &str, s3: &str| {
            if kind.trim().is_empty() {
                Err(Problem {
                    code: FindingCode::ResponseUnreadable,
                    id: R::S3,
                    url: s3.to_owned(),
                    detail: "lists the storage account without its `kind`".into(),
                })
            } else {
                Ok(kind.to_owned())
            }
        };
        match &plan.monitored_storage_accounts {
            MonitoredStorageAccounts::All => {
                for &sub in &plan.subscriptions {
                    if self.missing_subs.contains(&sub) {
                        continue;
                    }
                    let s3 = RequestSpec::subscription(R::S3, &sub.to_string()).url;
                    let sid = format!("/subscriptions/{sub}");
                    match &*self.accounts_of(sub) {
                        Ok(list) => {
                            for (i, a) in list.iter().enumerate() {
                                if a.id.is_empty() || eq(&a.id, &log_id) {
                                    continue;
                                }
                                // The ID goes into requests and commands: only a storage
                                // account resource ID, in canonical form.
                                match a.id.parse::<crate::StorageAccountId>() {
                                    Ok(id) => targets.push((
                                        id.to_string(),
                                        kind_of(&a.kind, &s3),
                                        Some(a.name.clone()),
                                    )),
                                    Err(_) => {
                                        let p = Problem {
                                            code: FindingCode::ResponseUnreadable,
                                            id: R::S3,
                                            url: s3.clone(),
                                            detail: format!("lists a storage account whose id is not a storage account resource ID, at `value[{i}].id`"),
                                        };
                                        let r =
                                            self.resource(ResourceKind::Subscription, &sid, None);
                                        self.unknown(LOGS, r, true, &format!("the diagnostic settings of a storage account of {sid}"), &p);
                                    }
                                }
                            }
                        }
                        Err(None) => {}
                        Err(Some(p)) => {
                            let r = self.resource(ResourceKind::Subscription, &sid, None);
                            self.unknown(LOGS, r, true, &format!("the diagnostic settings of the storage accounts of {sid} (they cannot be listed)"), p);
                        }
                    }
                }
            }
            MonitoredStorageAccounts::List(ids) => {
                for a in ids {
                    let id = a.to_string();
                    let sub = a.subscription_id();
                    let s3 = RequestSpec::subscription(R::S3, &sub.to_string()).url;
                    // The account's kind (or why it is unknown); `None` when it does not exist.
                    let found: Option<Result<String, Problem>> = if self.missing_subs.contains(&sub)
                    {
                        None
                    } else {
                        match &*self.accounts_of(sub) {
                            Ok(l) => l
                                .iter()
                                .find(|x| eq(&x.id, &id))
                                .map(|x| kind_of(&x.kind, &s3)),
                            Err(Some(p)) => Some(Err(p.clone())),
                            Err(None) => Some(Err(Problem {
                                code: FindingCode::RequestFailed,
                                id: R::S3,
                                url: s3,
                                detail: "failed with status 404".into(),
                            })),
                        }
                    };
                    match found {
                        Some(kind) => targets.push((id, kind, Some(a.name().to_string()))),
                        None => {
                            let r = self.resource(
                                ResourceKind::StorageAccount,
                                &id,
                                Some(a.name().to_string()),
                            );
                            let f = fail(FindingCode::MonitoredStorageAccountNotFound, &id,
                                format!("The storage account {} listed in the plan does not exist.", a.name()),
                                rem("Check the storage account's resource ID in the plan (storage account > Settings > Endpoints or Properties > Resource ID), or remove it from the plan.",
                                    format!("az storage account list --subscription {sub} --query [].id --output tsv")));
                            self.push(LOGS, r, f);
                        }
                    }
                }
            }
        }
        let log_lc = lc(&log_id);
        for (id, kind, name) in targets {
            let r = self.resource(ResourceKind::StorageAccount, &id, name);
            let services = kind
                .as_deref()
                .map_or(&StorageService::ALL[..], services_of);
            for &svc in services {
                self.service_logs(r, &id, svc, &log_lc, kind.as_ref().err());
            }
        }
    }

    /// One service's diagnostic settings. `kind_unknown`: why the account's kind is not
    /// known; then a 404 cannot be told from a missing account and is `unknown`.
    fn service_logs(
        &mut self,
        r: usize,
        account: &str,
        svc: StorageService,
        log_lc: &str,
        kind_unknown: Option<&Problem>,
    ) {
        let svc_id = format!("{account}/{}", svc.path());
        let name = service_name(svc);
        let settings = match self
            .get_list::<DiagnosticSetting>(RequestSpec::diagnostic_settings(&svc_id))
        {
            Got::Ok(l) => l,
            // The account's kind has no such service (e.g. no file service): nothing to log.
            Got::NotFound => {
                if let Some(p) = kind_unknown {
                    self.unknown(
                            LOGS,
                            r,
                            true,
                            &format!("the {name} service's diagnostic settings (its 404 means the service does not exist only for a kind of account without it, and the account's kind is unknown)"),
                            p,
                        );
                }
                return;
            }
            Got::Problem(p) => {
                return self.unknown(
                    LOGS,
                    r,
                    true,
                    &format!("the {name} service's diagnostic settings"),
                    &p,
                )
            }
        };
        let to_log: Vec<&DiagnosticSetting> = settings
            .iter()
            .filter(|d| lc(&d.properties.storage_account_id) == log_lc)
            .collect();
        let fix = || {
            let mut fix = self.fix(
                "storage-diagnostic-settings",
                &[("storageAccountId", &word(account))],
            );
            fix.cli = fix.cli.replace(StorageService::Blob.path(), svc.path());
            fix
        };
        if to_log.is_empty() {
            let f = fail(FindingCode::DiagnosticSettingMissing, &svc_id,
                format!("The {name} service sends no logs to the log storage account (the setting belongs on the service, not the account)."), fix());
            self.push(LOGS, r, f);
            if settings.len() >= storage::MAX_DIAGNOSTIC_SETTINGS {
                let f = fail(FindingCode::DiagnosticSettingsLimit, &svc_id,
                    format!("The {name} service already has {} diagnostic settings, the most Azure allows: one more cannot be added.", settings.len()),
                    rem(format!("Open the storage account > Monitoring > Diagnostic settings > {name}: delete a setting no longer needed, or add the log storage account as a destination of an existing one."),
                        format!("az monitor diagnostic-settings list --resource {} --query [].name --output tsv", word(&svc_id))));
                self.push(LOGS, r, f);
            }
            return;
        }
        let mut sent = [false; 3];
        for d in &to_log {
            for l in d.properties.logs.iter().filter(|l| l.enabled) {
                let all = l
                    .category_group
                    .eq_ignore_ascii_case(storage::CATEGORY_GROUP_ALL_LOGS);
                for (i, c) in storage::LOG_CATEGORIES.iter().enumerate() {
                    sent[i] |= all || l.category.eq_ignore_ascii_case(c);
                }
            }
        }
        let missing: Vec<&str> = storage::LOG_CATEGORIES
            .iter()
            .zip(sent)
            .filter(|(_, s)| !s)
            .map(|(c, _)| *c)
            .collect();
        let f = (!missing.is_empty()).then(|| {
            let setting = &to_log[0].name;
            let mut fix = fix();
            // The setting's name comes from the snapshot: quoted.
            fix.cli = fix.cli.replacen("workbench-storage-logs", &quote(setting), 1);
            fail(FindingCode::DiagnosticCategoryMissing, &svc_id,
                format!("The {name} service's diagnostic setting '{setting}' does not send {} to the log storage account.", missing.join(", ")), fix)
        });
        self.outcome(LOGS, r, f);
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
