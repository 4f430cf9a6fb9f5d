//! The [`Checker`]: what every check reads and records. It reads the snapshot through the
//! [`Index`] (recording each request it asks for, so [`required_requests`](super::required_requests)
//! lists them), parses responses into the typed readers, and records findings per step and
//! resource. The checks themselves live in [`checks`](super::checks), one file per step.

use super::report::{
    Finding, FindingCode, ReadinessReport, Remediation, ResourceKind, ResourceStatus, Status,
    StepReport, Summary,
};
use super::subject::{Noted, Subject};
use super::STEP_IDS;
use crate::catalog::{self, Catalog};
use crate::json_path::Read;
use crate::keyed::Keyed;
use crate::shell::{quote, word};
use crate::snapshot::index::{Fetched, Index};
use crate::snapshot::readers::{page, parse, RoleAssignment, StorageAccount};
use crate::snapshot::{RequestId, RequestSpec};
use crate::{OnboardingPlan, Snapshot, SubscriptionId};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Why a response could not be used.
#[derive(Debug, Clone)]
pub(in crate::assess) struct Problem {
    pub(in crate::assess) code: FindingCode,
    pub(in crate::assess) id: RequestId,
    pub(in crate::assess) url: String,
    pub(in crate::assess) detail: String,
}

pub(in crate::assess) enum Got<T> {
    Ok(T),
    NotFound,
    Problem(Problem),
}

/// An identity the checks need the object ID of.
#[derive(Debug, Clone)]
pub(in crate::assess) enum Principal {
    Known(String),
    Missing,
    Unknown(Problem),
}

pub(in crate::assess) type Listed<T> = Rc<Result<Vec<T>, Option<Problem>>>;

/// A subscription's lists as read (each at most once) and whether it is missing.
#[derive(Default)]
pub(in crate::assess) struct PerSubscription {
    missing: bool,
    accounts: Option<Listed<StorageAccount>>,
    roles: Option<Listed<RoleAssignment>>,
}

pub(in crate::assess) struct Checker<'a> {
    pub(in crate::assess) plan: &'a OnboardingPlan,
    pub(in crate::assess) idx: Index<'a>,
    pub(in crate::assess) now: Option<i64>,
    pub(in crate::assess) collected_at: &'a str,
    pub(in crate::assess) cat: &'static Catalog,
    pub(in crate::assess) vars: Vec<(&'static str, String)>,
    pub(in crate::assess) steps: Vec<(Summary, Vec<Noted>)>,
    pub(in crate::assess) resources: Vec<ResourceStatus>,
    /// Per resource: whether a check on it was counted (one that has none is `unknown`).
    pub(in crate::assess) checked: Vec<bool>,
    pub(in crate::assess) resource_ix: HashMap<String, usize>,
    pub(in crate::assess) requests: Vec<RequestSpec>,
    pub(in crate::assess) requested: HashSet<String>,
    pub(in crate::assess) sp: Principal,
    pub(in crate::assess) guest: Principal,
    /// What is known of each subscription, by its text (one `Keyed` rather than a map per
    /// kind of value keyed by `SubscriptionId`: see keyed.rs).
    pub(in crate::assess) subs: Keyed<PerSubscription>,
    pub(in crate::assess) contributor_seen: HashSet<String>,
    /// Services whose diagnostic settings send to the log account (set by `diagnostics`,
    /// read by `log_arrival`).
    pub(in crate::assess) log_sources: Vec<LogSource>,
}

/// A storage service that sends logs to the log account: its ID, the storage account's
/// resource index, and when its newest setting to the log account was created (seconds,
/// `None` when ARM did not say).
#[derive(Debug, Clone)]
pub(in crate::assess) struct LogSource {
    pub(in crate::assess) service: String,
    pub(in crate::assess) resource: usize,
    pub(in crate::assess) created: Option<i64>,
}

pub(in crate::assess) fn lc(s: &str) -> String {
    s.trim().trim_end_matches('/').to_ascii_lowercase()
}

pub(in crate::assess) fn eq(a: &str, b: &str) -> bool {
    a.trim()
        .trim_end_matches('/')
        .eq_ignore_ascii_case(b.trim().trim_end_matches('/'))
}

/// Whether a role assignment at `scope` applies to `target` (same, ancestor or management
/// group; a subscription's list holds only the management groups above it).
pub(in crate::assess) fn covers(scope: &str, target: &str) -> bool {
    let s = lc(scope);
    if scope.trim() == "/" || s.starts_with("/providers/microsoft.management/managementgroups/") {
        return true;
    }
    let t = lc(target);
    !s.is_empty() && (t == s || t.strip_prefix(&s).is_some_and(|r| r.starts_with('/')))
}

/// The `az rest` call that collects `url`; the URL may come from the snapshot (a
/// `nextLink`), so it is single-quoted.
pub(in crate::assess) fn az_get(url: &str) -> String {
    // The URL may come from a snapshot (a nextLink): see `shell::option` and `az_can_carry`.
    // A command is suggested only for Azure's own API hosts: a nextLink can name any host.
    if !crate::snapshot::url::is_azure_api_url(url) {
        "# The snapshot's URL for this request is not on an Azure API host: collect the snapshot again (azure-onboard collect, or the collect-script).".to_owned()
    } else if crate::shell::az_can_carry(url) {
        format!(
            "az rest --method get {}",
            crate::shell::option("--url", url, quote)
        )
    } else {
        "# The URL of this request in the snapshot holds a NUL character, which no command can carry.".to_owned()
    }
}

pub(in crate::assess) fn finding(
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

pub(in crate::assess) fn fail(
    code: FindingCode,
    resource: &str,
    message: String,
    rem: Remediation,
) -> Finding {
    finding(code, Status::Fail, true, resource, message, rem)
}

pub(in crate::assess) fn warn(
    code: FindingCode,
    resource: &str,
    message: String,
    rem: Remediation,
) -> Finding {
    finding(code, Status::Warn, false, resource, message, rem)
}

pub(in crate::assess) fn rem(portal: impl Into<String>, cli: impl Into<String>) -> Remediation {
    Remediation {
        portal: portal.into(),
        cli: cli.into(),
    }
}

impl<'a> Checker<'a> {
    /// A checker of `plan` against `snapshot`, reading `responses`: the snapshot's own,
    /// followed by the stand-ins of its Resource Graph answers (see `snapshot::arg`).
    pub(in crate::assess) fn new(
        plan: &'a OnboardingPlan,
        snapshot: &'a Snapshot,
        responses: &'a [crate::SnapshotResponse],
    ) -> Self {
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
        Checker {
            plan,
            idx: Index::new(responses),
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
            subs: Keyed::default(),
            contributor_seen: HashSet::new(),
            log_sources: Vec::new(),
        }
    }

    pub(in crate::assess) fn set_var(&mut self, name: &str, value: String) {
        if let Some(v) = self.vars.iter_mut().find(|(k, _)| *k == name) {
            v.1 = value;
        }
    }

    /// The catalog requirement's portal steps and its `az` template filled in.
    pub(in crate::assess) fn fix(&self, requirement: &str, extra: &[(&str, &str)]) -> Remediation {
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

    pub(in crate::assess) fn var(&self, name: &str) -> &str {
        self.vars
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    // ---- recording -------------------------------------------------------------------

    pub(in crate::assess) fn resource(
        &mut self,
        kind: ResourceKind,
        id: &str,
        name: Option<String>,
    ) -> usize {
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
    pub(in crate::assess) fn pass(&mut self, step: usize, res: usize) {
        self.steps[step].0.add(Status::Pass);
        self.checked[res] = true;
    }

    pub(in crate::assess) fn push(&mut self, step: usize, res: usize, f: Finding) {
        self.push_about(step, res, f, Subject::Other);
    }

    /// Records a finding about a typed subject (what remediation plans from).
    pub(in crate::assess) fn push_about(
        &mut self,
        step: usize,
        res: usize,
        finding: Finding,
        subject: Subject,
    ) {
        self.steps[step].0.add(finding.status);
        self.checked[res] = true;
        let r = &mut self.resources[res];
        r.status = r.status.worst(finding.status);
        self.steps[step].1.push(Noted { finding, subject });
    }

    pub(in crate::assess) fn outcome(&mut self, step: usize, res: usize, f: Option<Finding>) {
        self.outcome_about(step, res, f, Subject::Other);
    }

    /// A finding about `subject`, or a pass.
    pub(in crate::assess) fn outcome_about(
        &mut self,
        step: usize,
        res: usize,
        f: Option<Finding>,
        subject: Subject,
    ) {
        match f {
            Some(f) => self.push_about(step, res, f, subject),
            None => self.pass(step, res),
        }
    }

    /// An `unknown` finding: `what` could not be checked because of `p`.
    pub(in crate::assess) fn unknown(
        &mut self,
        step: usize,
        res: usize,
        required: bool,
        what: &str,
        p: &Problem,
    ) {
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
            format!(
                "Cannot check {what}: the read of {} {}.",
                p.id.reads(),
                p.detail
            ),
            rem(portal, az_get(&p.url)),
        );
        f.request = Some(p.url.clone());
        self.push(step, res, f);
    }

    // ---- reading the snapshot ----------------------------------------------------------

    pub(in crate::assess) fn fetch(&mut self, spec: RequestSpec) -> Got<Vec<&'a Value>> {
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
            Fetched::Looped(link) => problem(
                FindingCode::NotCollected,
                link,
                "is in the snapshot, but its pages loop (a nextLink leads back to a page already read): whether the list has more is unknown".to_owned(),
            ),
            Fetched::BadNextLink(key) => problem(
                FindingCode::ResponseUnreadable,
                url,
                format!("has a body Azure would not send: its {key} is neither a URL nor null, so the rest of the list cannot be read"),
            ),
        }
    }

    pub(in crate::assess) fn get_list<T: Read>(&mut self, spec: RequestSpec) -> Got<Vec<T>> {
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

    pub(in crate::assess) fn get_one<T: Read>(&mut self, spec: RequestSpec) -> Got<T> {
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

    pub(in crate::assess) fn listed<T: Read>(&mut self, spec: RequestSpec) -> Listed<T> {
        Rc::new(match self.get_list::<T>(spec) {
            Got::Ok(v) => Ok(v),
            Got::NotFound => Err(None),
            Got::Problem(p) => Err(Some(p)),
        })
    }

    pub(in crate::assess) fn accounts_of(&mut self, sub: SubscriptionId) -> Listed<StorageAccount> {
        let key = sub.to_string();
        if let Some(l) = self.subs.get(&key).and_then(|s| s.accounts.clone()) {
            return l;
        }
        let l = self.listed(RequestSpec::storage_accounts(&key));
        self.subs.get_or_insert_with(key, Default::default).accounts = Some(l.clone());
        l
    }

    pub(in crate::assess) fn roles_of(&mut self, sub: SubscriptionId) -> Listed<RoleAssignment> {
        let key = sub.to_string();
        if let Some(l) = self.subs.get(&key).and_then(|s| s.roles.clone()) {
            return l;
        }
        let l = self.listed(RequestSpec::role_assignments(&key));
        self.subs.get_or_insert_with(key, Default::default).roles = Some(l.clone());
        l
    }

    /// Records that `sub` does not exist (its GET answered 404).
    pub(in crate::assess) fn mark_missing(&mut self, sub: SubscriptionId) {
        self.subs
            .get_or_insert_with(sub.to_string(), Default::default)
            .missing = true;
    }

    /// Whether `sub` was found not to exist.
    pub(in crate::assess) fn is_missing(&self, sub: SubscriptionId) -> bool {
        self.subs.get(&sub.to_string()).is_some_and(|s| s.missing)
    }

    /// The report, with every finding's subject (in the order of
    /// [`ReadinessReport::findings`]) and the principals' object IDs as read.
    pub(in crate::assess) fn assessed(mut self) -> Assessed {
        let known = |p: &Principal| match p {
            Principal::Known(id) => Some(id.clone()),
            _ => None,
        };
        let service_principal_object_id = known(&self.sp);
        let guest_object_id = known(&self.guest);
        let mut subjects = Vec::new();
        for (s, noted) in &mut self.steps {
            if *s != Summary::default() {
                subjects.extend(noted.iter().map(|n| n.subject.clone()));
            }
        }
        Assessed {
            report: self.report(),
            subjects,
            service_principal_object_id,
            guest_object_id,
        }
    }

    pub(in crate::assess) fn report(mut self) -> ReadinessReport {
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
            .map(|(id, (s, noted))| {
                let findings: Vec<Finding> = noted.into_iter().map(|n| n.finding).collect();
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
}

/// What [`assess`](crate::assess()) found, with what remediation plans from.
pub(crate) struct Assessed {
    /// The public report.
    pub(crate) report: ReadinessReport,
    /// The subject of every finding, in the order of [`ReadinessReport::findings`].
    pub(crate) subjects: Vec<Subject>,
    /// The service principal's object ID, when G1 had a valid one.
    pub(crate) service_principal_object_id: Option<String>,
    /// The guest analyst's object ID, when G3 had a valid one.
    pub(crate) guest_object_id: Option<String>,
}
