//! Remediation: the changes that make a tenant ready, as one intermediate representation
//! ([`Change`]) rendered as ARM templates ([`render_arm`]) and as an idempotent `az` script
//! ([`render_az_script`]), plus the [`ManualStep`]s no template can do (admin consent,
//! inviting the guest, creating a client secret).
//!
//! [`remediate`] is pure. Without a snapshot it plans the full setup of the plan; with one it
//! plans only what [`assess`](crate::assess()) found not passing, adds and never removes:
//! a passing resource is never touched, a firewall keeps its rules, a diagnostic setting
//! keeps its categories and destinations.
//!
//! # Principal object IDs
//! Role assignments name the service principal's *object* ID, not the appId. With a
//! snapshot it comes from G1 (and the guest's from G3) and is recorded in
//! [`RemediationPlan::service_principal_object_id`]; without one it is left `null`, and the
//! renderings resolve it at deploy time: the ARM templates take the parameter
//! `servicePrincipalObjectId` (`guestObjectId` for the guest), the script looks it up with
//! `az ad sp show --id {appId} --query id` (`az ad user list --filter "mail eq '…'"`).
//! A known ID is still overridable: the parameter's default, the script variable's value.

mod arm;
mod change;
mod script;
#[doc(hidden)]
pub mod simulate;

pub use arm::{render_arm, ArmTemplate};
pub use change::{Change, ManualStep, PrincipalType, RemediationPlan, RenderedRemediation};
pub use script::render_az_script;

use crate::assess::subject::{Grantee, Subject};
use crate::catalog::{
    apps, directory_roles, endpoints, log_analytics, roles, secrets, storage, Named,
};
use crate::keyed::Keyed;
use crate::shell::word;
use crate::snapshot::readers::{DiagnosticSetting, Firewall, StorageAccount};
use crate::{
    AccessOption, EgressRule, Finding, FindingCode as C, MonitoredStorageAccounts, OnboardingPlan,
    Snapshot, Status, StorageService,
};
use serde_json::{Map, Value};

/// Name of the diagnostic settings the remediation creates (the catalog's `az` command's).
pub const DIAGNOSTIC_SETTING_NAME: &str = "workbench-storage-logs";

/// Plans the changes that make the tenant ready.
///
/// Without a snapshot: the full setup of the plan (every role, the log account, the
/// diagnostic settings of the listed accounts, every Defender plan) and every manual step.
/// With one: only what [`assess`](crate::assess()) found failing or warned about and that
/// adding can fix; nothing that passes, nothing removed.
///
/// ```
/// use azure_onboarding::{remediate, Change, OnboardingPlan};
/// let plan = OnboardingPlan::from_json(r#"{
///   "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b", "accessOption": "customApp",
///   "applicationId": "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
///   "subscriptions": ["11111111-1111-4111-8111-111111111111"],
///   "logStorageAccount": "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
/// }"#).unwrap();
/// let r = remediate(&plan, None);
/// assert!(matches!(r.changes[0], Change::CreateStorageAccount { .. }));
/// assert!(r.manual_steps.iter().any(|m| m.id == "admin-consent"));
/// ```
pub fn remediate(plan: &OnboardingPlan, snapshot: Option<&Snapshot>) -> RemediationPlan {
    let tenant = plan.tenant_id.to_string();
    let app = plan.application_id.to_string();
    let guest_mail = plan.guest_user.as_ref().map(|g| g.mail.trim().to_owned());
    let mut b = Builder {
        plan,
        findings: None,
        out: RemediationPlan {
            tenant_id: tenant,
            application_id: app,
            service_principal_object_id: None,
            guest_object_id: None,
            guest_mail,
            collected_at: snapshot.map(|s| s.collected_at.clone()),
            changes: Vec::new(),
            manual_steps: Vec::new(),
        },
        handled: Vec::new(),
        by_subject: Keyed::default(),
        unknown: Vec::new(),
    };
    if let Some(s) = snapshot {
        let assessed = crate::assess::assess_typed(plan, s);
        b.findings = Some(
            assessed
                .report
                .findings()
                .zip(&assessed.subjects)
                .filter(|(f, _)| matches!(f.status, Status::Fail | Status::Warn))
                .map(|(f, s)| (f.clone(), s.clone()))
                .collect(),
        );
        let findings = b.findings.as_deref().unwrap_or_default();
        b.handled = vec![false; findings.len()];
        for (i, (_, subject)) in findings.iter().enumerate() {
            if let Some(key) = subject_key(subject) {
                b.by_subject.get_or_insert_with(key, Vec::new).push(i);
            }
        }
        b.unknown = assessed
            .report
            .findings()
            .filter(|f| f.status == Status::Unknown)
            .cloned()
            .collect();
        // Only object IDs (GUIDs) as the assessment read them: anything else is an unknown
        // principal, looked up when the script or template runs.
        b.out.service_principal_object_id = assessed.service_principal_object_id;
        b.out.guest_object_id = assessed.guest_object_id;
    }
    b.run();
    b.out
}

struct Builder<'a> {
    plan: &'a OnboardingPlan,
    /// Non-passing findings (fail or warn) with their subjects; `None` without a snapshot.
    findings: Option<Vec<(Finding, Subject)>>,
    out: RemediationPlan,
    /// Per finding of `findings`: a change or specific step addresses it.
    handled: Vec<bool>,
    /// The findings about a role at a scope or a subscription's Defender plan, by
    /// [`subject_key`]: asked once per subscription, a scan of every finding each time was
    /// quadratic (4,000 subscriptions: 4.2 s in a debug build).
    by_subject: Keyed<Vec<usize>>,
    /// Checks that could not be made: nothing is planned for them.
    unknown: Vec<Finding>,
}

/// The key of a role or Defender-plan subject in `Builder::by_subject` (a role's scope
/// without a trailing `/`, ASCII case ignored: scopes compare so).
fn subject_key(s: &Subject) -> Option<String> {
    match s {
        Subject::Role {
            principal,
            role,
            scope,
        } => Some(role_key(*principal, role, scope)),
        Subject::DefenderPlan { subscription, name } => Some(defender_key(subscription, name)),
        _ => None,
    }
}

fn role_key(principal: Grantee, role: &str, scope: &str) -> String {
    let who = match principal {
        Grantee::Application => 'a',
        Grantee::Guest => 'g',
    };
    format!(
        "r {who} {role} {}",
        scope.trim_end_matches('/').to_ascii_lowercase()
    )
}

fn defender_key(subscription: &crate::SubscriptionId, name: &str) -> String {
    format!("d {subscription} {name}")
}

/// The egress rules as storage firewall `ipRules` values: a /31 as its two addresses
/// (Azure Storage accepts neither /31 nor /32 ranges), a /32 as the address; each value
/// once (a /31 and one of its addresses, both in the plan, are one rule to Azure).
fn ip_rule_values(rules: &[EgressRule]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: String| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    for r in rules {
        if r.prefix() == 31 {
            let n = u32::from(r.network());
            push(core::net::Ipv4Addr::from(n).to_string());
            push(core::net::Ipv4Addr::from(n | 1).to_string());
        } else {
            push(r.to_string());
        }
    }
    out
}

fn az_rest_post(url: &str, body: &str) -> String {
    format!("az rest --method POST --url \"{url}\" --headers Content-Type=application/json --body \"{body}\"")
}

impl<'a> Builder<'a> {
    fn snapshot_mode(&self) -> bool {
        self.findings.is_some()
    }

    /// Whether a non-passing finding matches `about` (its code and typed subject); marks
    /// the ones found handled. Without a snapshot everything is needed.
    fn needed(&mut self, about: impl Fn(C, &Subject) -> bool) -> bool {
        let Some(findings) = &self.findings else {
            return true;
        };
        let mut hit = false;
        for (i, (f, s)) in findings.iter().enumerate() {
            if about(f.code, s) {
                hit = true;
                self.handled[i] = true;
            }
        }
        hit
    }

    /// [`Self::needed`] for the findings whose [`subject_key`] is `key` and whose code
    /// `code` accepts: a lookup instead of a scan.
    fn needed_about(&mut self, key: &str, code: impl Fn(C) -> bool) -> bool {
        let Some(findings) = &self.findings else {
            return true;
        };
        let mut hit = false;
        for &i in self
            .by_subject
            .get(key)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            if code(findings[i].0.code) {
                hit = true;
                self.handled[i] = true;
            }
        }
        hit
    }

    fn step(
        &mut self,
        id: &str,
        title: &str,
        instructions: String,
        commands: Vec<String>,
    ) -> &mut ManualStep {
        self.out.manual_steps.push(ManualStep {
            id: id.to_owned(),
            title: title.to_owned(),
            resource: None,
            instructions,
            url: None,
            commands,
        });
        self.out.manual_steps.last_mut().expect("just pushed")
    }

    fn run(&mut self) {
        self.application();
        self.guest();
        self.log_account();
        let plan = self.plan;
        for sub in &plan.subscriptions {
            let sid = format!("/subscriptions/{sub}");
            self.role(
                &sid,
                roles::LOG_ANALYTICS_READER,
                PrincipalType::ServicePrincipal,
                false,
                "Workbench reads the subscription's logs and activity (Step 3).",
            );
            if plan.guest_user.is_some() {
                self.role(
                    &sid,
                    roles::LOG_ANALYTICS_READER,
                    PrincipalType::User,
                    false,
                    "The guest analyst investigates the subscription's logs (Step 3).",
                );
            }
        }
        self.diagnostics();
        for sub in &plan.subscriptions {
            for p in &plan.defender_plans {
                let p = p.trim();
                let key = defender_key(sub, p);
                if self.needed_about(&key, |c| c == C::DefenderPlanNotEnabled) {
                    self.out.changes.push(Change::EnableDefenderPlan {
                        subscription_id: sub.to_string(),
                        plan: p.to_owned(),
                        reason: format!("Workbench receives the alerts of Microsoft Defender for {p} (prerequisites)."),
                    });
                }
            }
        }
        self.other_findings();
    }

    /// A role assignment, if a finding says `who` lacks `role` at `scope` (or `also`: the
    /// scope itself is being created, so nothing is assigned yet).
    fn role(&mut self, scope: &str, role: Named, who: PrincipalType, also: bool, reason: &str) {
        let grantee = match who {
            PrincipalType::ServicePrincipal => Grantee::Application,
            PrincipalType::User => Grantee::Guest,
        };
        let key = role_key(grantee, role.id, scope);
        if !(self.needed_about(&key, |_| true) || also) {
            return;
        }
        let principal_id = match who {
            PrincipalType::ServicePrincipal => self.out.service_principal_object_id.clone(),
            PrincipalType::User => self.out.guest_object_id.clone(),
        };
        self.out.changes.push(Change::AssignRole {
            scope: scope.to_owned(),
            role_definition_id: role.id.to_owned(),
            role_name: role.name.to_owned(),
            principal_type: who,
            principal_id,
            reason: reason.to_owned(),
        });
    }

    /// The service principal, admin consent of the API permissions, the client secret.
    fn application(&mut self) {
        let app = self.out.application_id.clone();
        let tenant = self.out.tenant_id.clone();
        let res = format!("servicePrincipals(appId='{app}')");
        let custom = self.plan.access_option == AccessOption::CustomApp;
        let sp_missing = |_: C, s: &Subject| matches!(s, Subject::ServicePrincipal);
        if self.snapshot_mode() && self.needed(sp_missing) {
            let how = if custom {
                "Create the service principal of your app registration (Microsoft Entra ID > Enterprise applications appear once it exists), or correct the applicationId in the plan."
            } else {
                "Grant admin consent to the provider's enterprise application (the link below): consent creates its service principal in your tenant."
            };
            let s = self.step(
                "create-service-principal",
                "Create the application's service principal",
                how.into(),
                vec![format!("az ad sp create --id \"{app}\"")],
            );
            s.resource = Some(res.clone());
        }
        // Admin consent: the permissions not granted (all of them without a snapshot).
        let wanted: Vec<(Named, Named)> = crate::catalog::graph::REQUIRED_APPLICATION_PERMISSIONS
            .iter()
            .map(|p| (apps::MICROSOFT_GRAPH, *p))
            .chain([(apps::LOG_ANALYTICS_API, log_analytics::DATA_READ)])
            .collect();
        let mut missing = Vec::new();
        for (api, perm) in wanted {
            let sp_gone = self.snapshot_mode() && self.needed(sp_missing);
            let not_granted = |c: C, s: &Subject| {
                matches!(
                    c,
                    C::GraphPermissionMissing | C::LogAnalyticsPermissionMissing
                ) && matches!(s, Subject::ApiPermission { id } if *id == perm.id)
            };
            if self.needed(not_granted) || sp_gone {
                missing.push((api, perm));
            }
        }
        // Granting the missing permissions (SecurityAlert.Read.All) also answers the legacy warning.
        self.needed(|c, _| c == C::LegacySecurityAlertsPermission);
        if !missing.is_empty() {
            let url = format!("{}/{tenant}/adminconsent?client_id={app}", endpoints::LOGIN);
            let sp = self
                .out
                .service_principal_object_id
                .clone()
                .unwrap_or_else(|| "$SP_OBJECT_ID".into());
            let mut commands = Vec::new();
            if self.out.service_principal_object_id.is_none() {
                commands.push(format!(
                    "SP_OBJECT_ID=\"$(az ad sp show --id \"{app}\" --query id --output tsv)\""
                ));
            }
            let mut names = Vec::new();
            let mut apis: Vec<Named> = Vec::new();
            for (api, perm) in &missing {
                names.push(format!("{} {}", api.name, perm.name));
                if !apis.contains(api) {
                    apis.push(*api);
                    commands.push(format!(
                        "{}=\"$(az ad sp show --id \"{}\" --query id --output tsv)\"",
                        api_var(*api),
                        api.id
                    ));
                }
            }
            for (api, perm) in &missing {
                let body = format!(
                    "{{\\\"principalId\\\":\\\"{sp}\\\",\\\"resourceId\\\":\\\"${}\\\",\\\"appRoleId\\\":\\\"{}\\\"}}",
                    api_var(*api),
                    perm.id
                );
                commands.push(az_rest_post(
                    &format!(
                        "{}/servicePrincipals/{sp}/appRoleAssignments",
                        endpoints::GRAPH
                    ),
                    &body,
                ));
            }
            let registration = if custom {
                " In the app registration, API permissions lists them as configured permissions: add any that are missing (Add a permission > APIs my organization uses > Application permissions) before granting consent."
            } else {
                ""
            };
            let s = self.step("admin-consent", "Grant admin consent for the API permissions",
                format!("A Global Administrator or Privileged Role Administrator grants these application permissions: {}. Open the link and accept, or run the commands (they grant each permission to the service principal directly, as consent does).{registration} Templates cannot grant Graph permissions.", names.join(", ")),
                commands);
            s.url = Some(url);
            s.resource = Some(res.clone());
        }
        if custom && self.needed(|_, s| matches!(s, Subject::ClientSecret)) {
            let s = self.step("client-secret", "Create a client secret and enter it in Workbench",
                format!("In Microsoft Entra ID > App registrations > your app > Certificates & secrets, create a new client secret. Its lifetime is {} months at most in the portal (\"Never\" no longer exists); Microsoft recommends under {}. Copy the secret's Value (not the Secret ID) at once, it is shown only once; enter it in the Workbench form; record the expiry date and create the next secret before it.",
                    secrets::PORTAL_MAX_LIFETIME_MONTHS, secrets::RECOMMENDED_MAX_LIFETIME_MONTHS),
                vec![
                    format!("az ad app credential reset --id \"{app}\" --display-name Workbench --years 1 --append --query password --output tsv"),
                    format!("az ad app credential list --id \"{app}\" --query \"[].{{name:displayName, expires:endDateTime}}\" --output table"),
                ]);
            s.resource = Some(res);
        }
    }

    /// Step 1: invite the guest analyst and give it Global Reader.
    fn guest(&mut self) {
        let Some(mail) = self.out.guest_mail.clone() else {
            return;
        };
        let invite = self.needed(|_, s| matches!(s, Subject::GuestUser));
        if invite {
            let body = format!("{{\\\"invitedUserEmailAddress\\\":\\\"{mail}\\\",\\\"inviteRedirectUrl\\\":\\\"https://myapps.microsoft.com\\\",\\\"sendInvitationMessage\\\":true}}");
            let s = self.step("invite-guest", "Invite the provider's analyst as a guest",
                format!("In Microsoft Entra ID > Users > New user > Invite external user, invite {mail} (a Guest Inviter or User Administrator can). The analyst accepts the invitation from the e-mail."),
                vec![az_rest_post(&format!("{}/invitations", endpoints::GRAPH), &body)]);
            s.resource = Some(mail.clone());
        }
        let global_reader = |_: C, s: &Subject| {
            matches!(s, Subject::GuestUser)
                || matches!(s, Subject::DirectoryRole { role } if *role == directory_roles::GLOBAL_READER.id)
        };
        if self.needed(global_reader) {
            let (lookup, id) = match &self.out.guest_object_id {
                Some(id) => (None, id.clone()),
                None => (Some(format!("GUEST_OBJECT_ID=\"$(az ad user list --filter \"mail eq '{mail}'\" --query \"[0].id\" --output tsv)\"")), "$GUEST_OBJECT_ID".to_owned()),
            };
            let body = format!("{{\\\"principalId\\\":\\\"{id}\\\",\\\"roleDefinitionId\\\":\\\"{}\\\",\\\"directoryScopeId\\\":\\\"/\\\"}}", directory_roles::GLOBAL_READER.id);
            let commands = lookup
                .into_iter()
                .chain([az_rest_post(
                    &format!(
                        "{}/roleManagement/directory/roleAssignments",
                        endpoints::GRAPH
                    ),
                    &body,
                )])
                .collect();
            let s = self.step("assign-global-reader", "Give the guest analyst the Global Reader role",
                format!("In Microsoft Entra ID > Roles and administrators > Global Reader > Add assignments, select {mail}{}. Directory roles cannot be assigned by an ARM template.", if invite { " once the invitation is accepted" } else { "" }),
                commands);
            s.resource = Some(mail);
        }
    }

    /// Step 4: the log storage account, its firewall and the app's blob read role.
    fn log_account(&mut self) {
        let la = &self.plan.log_storage_account;
        let id = la.to_string();
        let missing = self.needed(|_, s| matches!(s, Subject::LogStorageAccount));
        if missing {
            self.out.changes.push(Change::CreateStorageAccount {
                subscription_id: la.subscription_id().to_string(),
                resource_group: la.resource_group().to_owned(),
                name: la.name().to_string(),
                location: None,
                egress_ips: ip_rule_values(&self.plan.egress_ips),
                reason: "Workbench reads the storage logs from this StorageV2 account (Step 4)."
                    .into(),
            });
        }
        let blocked = self.findings.iter().flatten().find_map(|(_, s)| match s {
            Subject::Firewall { account, firewall } => Some((account.clone(), firewall.clone())),
            _ => None,
        });
        if self.snapshot_mode() && self.needed(|_, s| matches!(s, Subject::Firewall { .. })) {
            if let Some((account, firewall)) = blocked {
                match unfit_for_template(&account) {
                    None => {
                        let change = self.firewall(&account, &firewall);
                        self.out.changes.push(change);
                    }
                    Some((path, what)) => {
                        let s = self.step(
                            "log-account-unreadable",
                            "Check the log storage account by hand",
                            format!("The snapshot's {path} of the log storage account is not {what}, so no firewall change is generated from it. Read the account again (az storage account show) and allow Logging and the provider's egress IPs in Networking > Firewalls and virtual networks."),
                            Vec::new(),
                        );
                        s.resource = Some(id.clone());
                    }
                }
            }
        }
        self.role(
            &id,
            roles::STORAGE_BLOB_DATA_READER,
            PrincipalType::ServicePrincipal,
            missing,
            "Workbench reads the logs in the log storage account's blobs (Step 4).",
        );
    }

    /// The firewall change for the existing log account, from the firewall the assessment
    /// read ([`StorageAccount::firewall`]: the one rule): add `Logging` to `bypass` and the
    /// blocked egress IPs; everything else in `networkAcls` is kept.
    fn firewall(&self, account: &StorageAccount, fw: &Firewall) -> Change {
        debug_assert!(unfit_for_template(account).is_none());
        let la = &self.plan.log_storage_account;
        let found = account.acls().cloned().unwrap_or_default();
        let mut acls = found.kept();
        // REST shape out: the az CLI's `ipAddressOrRange` becomes `value`.
        let mut rules: Vec<Value> = found.ip_rules.iter().map(|r| r.to_rest()).collect();
        let add_ip_rules = ip_rule_values(&fw.blocked);
        for v in &add_ip_rules {
            let mut o = Map::new();
            o.insert("value".into(), v.clone().into());
            o.insert("action".into(), "Allow".into());
            rules.push(Value::Object(o));
        }
        let mut bypass = fw.bypass.clone();
        let mut add_bypass = Vec::new();
        if !fw.logging {
            bypass.push(storage::BYPASS_LOGGING.into());
            add_bypass.push(storage::BYPASS_LOGGING.to_owned());
        }
        acls.insert("bypass".into(), bypass.join(", ").into());
        acls.insert("ipRules".into(), Value::Array(rules));
        let default_action = if fw.disabled || found.default_action.is_empty() {
            storage::DEFAULT_ACTION_DENY
        } else {
            found.default_action.as_str()
        };
        acls.insert("defaultAction".into(), default_action.into());
        let sku = if account.sku.is_empty() {
            storage::SKU_STANDARD_LRS
        } else {
            account.sku.as_str()
        };
        Change::UpdateStorageFirewall {
            subscription_id: la.subscription_id().to_string(),
            resource_group: la.resource_group().to_owned(),
            name: la.name().to_string(),
            location: account.location.clone(),
            account_kind: account.kind.clone(),
            sku: sku.to_owned(),
            add_bypass,
            add_ip_rules,
            enable_public_network_access: fw.disabled,
            network_acls: Value::Object(acls),
            reason: "Workbench must read the log account through its firewall: allow read access to storage logging (bypass Logging) and the provider's egress IPs (Step 4).".into(),
        }
    }

    /// Step 4: diagnostic settings of the monitored accounts' services.
    fn diagnostics(&mut self) {
        let log_id = self.plan.log_storage_account.to_string();
        let categories = || {
            storage::LOG_CATEGORIES
                .iter()
                .map(|c| (*c).to_owned())
                .collect::<Vec<_>>()
        };
        let reason = "Workbench reads the service's StorageRead, StorageWrite and StorageDelete logs from the log storage account (Step 4).";
        let Some(findings) = self.findings.clone() else {
            match &self.plan.monitored_storage_accounts {
                MonitoredStorageAccounts::List(ids) => {
                    for a in ids {
                        for svc in StorageService::ALL {
                            self.out.changes.push(Change::SetDiagnosticSetting {
                                resource_id: a.service(svc),
                                name: DIAGNOSTIC_SETTING_NAME.into(),
                                storage_account_id: log_id.clone(),
                                categories: categories(),
                                category_groups: Vec::new(),
                                metrics: Vec::new(),
                                keep: Map::new(),
                                reason: reason.into(),
                            });
                        }
                    }
                }
                MonitoredStorageAccounts::All => self.all_accounts_step(&log_id),
            }
            return;
        };
        for (i, (f, subject)) in findings.iter().enumerate() {
            let missing = f.code == C::DiagnosticSettingMissing;
            if !(missing || f.code == C::DiagnosticCategoryMissing) {
                continue;
            }
            let Subject::DiagnosticSettings { service, settings } = subject else {
                continue;
            };
            let limit = findings.iter().any(|(g, s)| {
                g.code == C::DiagnosticSettingsLimit
                    && matches!(s, Subject::DiagnosticSettings { service: other, .. } if other == service)
            });
            if limit {
                continue; // a manual step (the limit finding) instead: nothing can be added.
            }
            let to_log = settings.iter().find(|d| d.sends_to(&log_id));
            if !missing && to_log.is_some_and(|d| !crate::resource_id::is_name_segment(&d.name)) {
                // A name no template or command can address (a `/` would make it a path of
                // several names): the finding's own Portal steps, as a manual step.
                continue;
            }
            self.handled[i] = true;
            let change = match (missing, to_log) {
                (false, Some(d)) => complete_setting(d, service, &log_id, reason),
                _ => {
                    let taken = |n: &str| settings.iter().any(|d| d.name.eq_ignore_ascii_case(n));
                    let mut name = DIAGNOSTIC_SETTING_NAME.to_owned();
                    let mut k = 2;
                    while taken(&name) {
                        name = format!("{DIAGNOSTIC_SETTING_NAME}-{k}");
                        k += 1;
                    }
                    Change::SetDiagnosticSetting {
                        resource_id: service.clone(),
                        name,
                        storage_account_id: log_id.clone(),
                        categories: categories(),
                        category_groups: Vec::new(),
                        metrics: Vec::new(),
                        keep: Map::new(),
                        reason: reason.into(),
                    }
                }
            };
            self.out.changes.push(change);
        }
    }

    fn all_accounts_step(&mut self, log_id: &str) {
        let logs = serde_json::to_string(
            &storage::LOG_CATEGORIES
                .iter()
                .map(|c| {
                    let mut o = Map::new();
                    o.insert("category".into(), (*c).into());
                    o.insert("enabled".into(), true.into());
                    Value::Object(o)
                })
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default();
        let commands = self
            .plan
            .subscriptions
            .iter()
            .map(|s| format!(
                "for id in $(az storage account list --subscription {} --query {} --output tsv); do for svc in blobServices fileServices queueServices tableServices; do az monitor diagnostic-settings create --name {DIAGNOSTIC_SETTING_NAME} --resource \"$id/$svc/default\" --storage-account {} --logs '{logs}' --output none || echo \"skipped $id/$svc (no such service?)\"; done; done", word(&s.to_string()), word(&format!("[?id!='{log_id}'].id")), word(log_id)
            ))
            .collect();
        self.step("diagnostic-settings-all-accounts", "Send the logs of every storage account to the log account",
            "The plan monitors \"all\" storage accounts, and without a snapshot they are not known: collect a snapshot (azure-onboard collect, or the script of azure-onboard collect-script) and run azure-onboard remediate --snapshot again, or run these loops. Each Blob, File, Queue and Table service gets a diagnostic setting; the setting belongs on the service, not on the account.".into(),
            commands);
    }

    /// Every other non-passing finding becomes a manual step built from its own remediation;
    /// checks that could not be made ask for a new snapshot.
    fn other_findings(&mut self) {
        if !self.unknown.is_empty() {
            let unknown = core::mem::take(&mut self.unknown);
            let mut commands: Vec<String> = Vec::new();
            let mut seen: Keyed<()> = Keyed::default();
            for f in &unknown {
                if seen.get(&f.remediation.cli).is_none() {
                    seen.insert(f.remediation.cli.clone(), ());
                    commands.push(f.remediation.cli.clone());
                }
            }
            let what: Vec<&str> = unknown.iter().map(|f| f.message.as_str()).collect();
            self.step("collect-again", "Collect what could not be checked, then remediate again",
                format!("{} check(s) could not be made, so nothing is planned for them: {} Record these responses (with an identity that may read them), add them to the snapshot and run remediate again.", unknown.len(), what.join(" ")),
                commands);
        }
        let Some(findings) = self.findings.clone() else {
            return;
        };
        for (i, (f, _)) in findings.iter().enumerate() {
            if self.handled[i] {
                continue;
            }
            let title = match f.status {
                Status::Warn => format!("Recommended: {}", f.code),
                _ => format!("Fix {}", f.code),
            };
            let id = f.code.as_str().to_owned();
            let s = self.step(
                &id,
                &title,
                format!("{} {}", f.message, f.remediation.portal),
                vec![f.remediation.cli.clone()],
            );
            s.resource = Some(f.resource.clone());
        }
    }
}

fn api_var(api: Named) -> &'static str {
    if api.id == apps::MICROSOFT_GRAPH.id {
        "GRAPH_SP_ID"
    } else {
        "LOG_ANALYTICS_SP_ID"
    }
}

/// The existing setting `d` to the log account, completed with the missing categories;
/// its other log categories, groups, metrics and destinations are kept.
fn complete_setting(d: &DiagnosticSetting, resource: &str, log_id: &str, reason: &str) -> Change {
    let mut categories: Vec<String> = storage::LOG_CATEGORIES
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    for c in d.enabled_logs(false) {
        if !categories.iter().any(|x| x.eq_ignore_ascii_case(&c)) {
            categories.push(c);
        }
    }
    Change::SetDiagnosticSetting {
        resource_id: resource.to_owned(),
        name: d.name.clone(),
        storage_account_id: log_id.to_owned(),
        categories,
        category_groups: d.enabled_logs(true),
        metrics: d.properties.metrics.clone(),
        keep: d.destinations(),
        reason: reason.to_owned(),
    }
}

/// The first field of a listed account that a firewall update would copy into a template but
/// that breaks its Azure grammar: `(JSON path, what it should be)`.
fn unfit_for_template(a: &StorageAccount) -> Option<(&'static str, &'static str)> {
    use crate::arm_expr::{is_account_kind, is_location, is_sku_name};
    if !is_location(&a.location) {
        Some(("location", "an Azure region name"))
    } else if !is_account_kind(&a.kind) {
        Some(("kind", "a storage account kind"))
    } else if !a.sku.is_empty() && !is_sku_name(&a.sku) {
        Some(("sku.name", "a storage SKU name"))
    } else {
        None
    }
}
