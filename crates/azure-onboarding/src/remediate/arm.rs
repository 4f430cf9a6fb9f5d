//! ARM rendering: one subscription-scope deployment template per subscription, deployable
//! with `az deployment sub create`; resource-group resources go in nested deployments.
//!
//! Sources for the forms used:
//! - subscription templates, nested deployments with `resourceGroup`: learn.microsoft.com
//!   `azure-resource-manager/templates/deploy-to-subscription` ("Deploy to resource groups");
//! - diagnostic settings on storage services: type
//!   `Microsoft.Storage/storageAccounts/blobServices/providers/diagnosticSettings`, name
//!   `{account}/default/Microsoft.Insights/{setting}` (MicrosoftDocs/azure-docs
//!   `articles/azure-monitor/essentials/resource-manager-diagnostic-settings.md`,
//!   "Diagnostic setting for Azure Storage");
//! - role assignments on a resource: the extension resource's `scope` property
//!   (learn.microsoft.com `azure-resource-manager/templates/scope-extension-resources`);
//!   deterministic names `guid(scope, principalId, roleDefinitionId)` and `principalType`
//!   against the replication delay (`role-based-access-control/role-assignments-template`);
//! - api-versions: the catalog's (`catalog::endpoints`).

use super::{Change, PrincipalType, RemediationPlan};
use crate::arm_expr;
use crate::catalog::{endpoints as ep, pricing, storage};
use crate::keyed::Keyed;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

const P_SP: &str = "servicePrincipalObjectId";
const P_GUEST: &str = "guestObjectId";
const P_LOCATION: &str = "location";
const P_CREATE_RG: &str = "createResourceGroup";

/// The ARM deployment template of one subscription.
///
/// JSON: `{ "subscriptionId": "<guid>", "template": { "$schema": "…subscriptionDeploymentTemplate.json#", … } }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ArmTemplate {
    /// The subscription to deploy it to.
    pub subscription_id: String,
    /// The template.
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub template: Value,
}

/// Renders the plan's changes as one subscription-scope template per subscription, in
/// deployment order (the log account's subscription first: other subscriptions' diagnostic
/// settings need the account). Deploy each with
/// `az deployment sub create --subscription <id> --location <region> --template-file <file>`.
///
/// Parameters an operator may change: `servicePrincipalObjectId` and `guestObjectId`
/// (default: the object IDs found in the snapshot; required without one), `location` of a
/// new log account (default: the deployment's) and `createResourceGroup` (default false:
/// create the log account's resource group too).
pub fn render_arm(plan: &RemediationPlan) -> Vec<ArmTemplate> {
    // Each subscription's changes in the plan's order, the subscriptions in order of first
    // appearance (IDs compared ignoring case), grouped in one pass: filtering the whole plan
    // once per subscription was quadratic (2,000 subscriptions: 0.62 s, 16,000 changes).
    let mut groups: Keyed<(&str, Vec<&Change>)> = Keyed::default();
    for c in &plan.changes {
        let sub = c.subscription_id();
        groups
            .get_or_insert_with(sub.to_ascii_lowercase(), || (sub, Vec::new()))
            .1
            .push(c);
    }
    groups
        .into_values()
        .into_iter()
        .map(|(sub, changes)| ArmTemplate {
            subscription_id: sub.to_owned(),
            template: template(plan, sub, &changes),
        })
        .collect()
}

/// An object of `pairs` (taken out of the slice): one function for every size, where an
/// array by value compiled a copy per length (issue 15: the wasm build's size).
fn obj(pairs: &mut [(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter_mut()
            .map(|(k, v)| ((*k).to_owned(), v.take()))
            .collect(),
    )
}

/// A literal string from the plan, the snapshot or the catalog: through
/// [`arm_expr::literal`], so that it can never become an expression.
fn s(v: impl Into<String>) -> Value {
    Value::String(arm_expr::literal(&v.into()))
}

/// A template expression this renderer builds (`[parameters('x')]`, `[guid(…)]`); values
/// inside it are ARM string literals ([`lit`]).
fn e(v: impl Into<String>) -> Value {
    Value::String(v.into())
}

fn param(name: &str) -> String {
    format!("[parameters('{name}')]")
}

fn lit(v: &str) -> String {
    format!("'{}'", v.replace('\'', "''"))
}

/// The parameters a set of resources uses, in a fixed order.
#[derive(Default)]
struct Used([bool; 4]);

const NAMES: [&str; 4] = [P_SP, P_GUEST, P_LOCATION, P_CREATE_RG];

impl Used {
    fn mark(&mut self, name: &str) {
        if let Some(i) = NAMES.iter().position(|n| *n == name) {
            self.0[i] = true;
        }
    }
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        NAMES
            .iter()
            .zip(self.0)
            .filter(|(_, u)| *u)
            .map(|(n, _)| *n)
    }
}

fn principal_param(t: PrincipalType) -> &'static str {
    match t {
        PrincipalType::ServicePrincipal => P_SP,
        PrincipalType::User => P_GUEST,
    }
}

fn role_assignment(
    c: &Change,
    scope_prop: Option<String>,
    depends: Option<String>,
    used: &mut Used,
) -> Value {
    let Change::AssignRole {
        scope,
        role_definition_id,
        principal_type,
        reason,
        ..
    } = c
    else {
        return Value::Null;
    };
    let p = principal_param(*principal_type);
    used.mark(p);
    let mut r = obj(&mut [
        ("type", s("Microsoft.Authorization/roleAssignments")),
        ("apiVersion", s(ep::ROLE_ASSIGNMENTS_API)),
        (
            "name",
            e(format!(
                "[guid({}, parameters('{p}'), {})]",
                lit(scope),
                lit(role_definition_id)
            )),
        ),
        (
            "properties",
            obj(&mut [
                (
                    "roleDefinitionId",
                    e(format!(
                        "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', {})]",
                        lit(role_definition_id)
                    )),
                ),
                ("principalId", e(param(p))),
                ("principalType", s(principal_type.as_str())),
                ("description", s(reason.as_str())),
            ]),
        ),
    ]);
    let o = r.as_object_mut().expect("object");
    if let Some(sc) = scope_prop {
        o.insert("scope".into(), s(sc));
    }
    if let Some(d) = depends {
        o.insert("dependsOn".into(), Value::Array(vec![e(d)]));
    }
    r
}

fn storage_id_expr(name: &str) -> String {
    format!("[resourceId('{}', {})]", storage::RESOURCE_TYPE, lit(name))
}

fn ip_rules(values: &[String]) -> Value {
    Value::Array(
        values
            .iter()
            .map(|v| obj(&mut [("value", s(v.as_str())), ("action", s("Allow"))]))
            .collect(),
    )
}

/// A resource of a nested (resource-group) template; `created` are the storage accounts
/// this template creates or updates (dependencies).
fn inner_resource(c: &Change, created: &[&str], used: &mut Used) -> Value {
    match c {
        Change::CreateStorageAccount {
            name,
            location,
            egress_ips,
            ..
        } => {
            let loc = match location {
                Some(l) => s(l.as_str()),
                None => {
                    used.mark(P_LOCATION);
                    e(param(P_LOCATION))
                }
            };
            obj(&mut [
                ("type", s(storage::RESOURCE_TYPE)),
                ("apiVersion", s(ep::STORAGE_API)),
                ("name", s(name.as_str())),
                ("location", loc),
                ("kind", s(storage::KIND_STORAGE_V2)),
                ("sku", obj(&mut [("name", s(storage::SKU_STANDARD_LRS))])),
                (
                    "properties",
                    obj(&mut [
                        ("supportsHttpsTrafficOnly", Value::Bool(true)),
                        ("minimumTlsVersion", s(storage::MIN_TLS_VERSION)),
                        ("allowBlobPublicAccess", Value::Bool(false)),
                        (
                            "networkAcls",
                            obj(&mut [
                                ("defaultAction", s(storage::DEFAULT_ACTION_DENY)),
                                (
                                    "bypass",
                                    s(format!(
                                        "{}, {}",
                                        storage::BYPASS_LOGGING,
                                        storage::BYPASS_AZURE_SERVICES
                                    )),
                                ),
                                ("ipRules", ip_rules(egress_ips)),
                            ]),
                        ),
                    ]),
                ),
            ])
        }
        // A PUT of the existing account with its own location, kind and SKU: the storage
        // provider updates the properties given and keeps the others; `networkAcls` is the
        // complete existing rule set plus the additions.
        Change::UpdateStorageFirewall {
            name,
            location,
            account_kind,
            sku,
            network_acls,
            enable_public_network_access,
            ..
        } => {
            let mut props = Map::new();
            props.insert("networkAcls".into(), arm_expr::literal_value(network_acls));
            if *enable_public_network_access {
                props.insert("publicNetworkAccess".into(), s("Enabled"));
            }
            obj(&mut [
                ("type", s(storage::RESOURCE_TYPE)),
                ("apiVersion", s(ep::STORAGE_API)),
                ("name", s(name.as_str())),
                ("location", s(location.as_str())),
                ("kind", s(account_kind.as_str())),
                ("sku", obj(&mut [("name", s(sku.as_str()))])),
                ("properties", Value::Object(props)),
            ])
        }
        Change::AssignRole { scope, .. } => {
            let rel = scope.split_once("/providers/").map_or("", |(_, r)| r);
            let account = rel.rsplit('/').next().unwrap_or("");
            let dep = created
                .iter()
                .any(|a| a.eq_ignore_ascii_case(account))
                .then(|| storage_id_expr(account));
            role_assignment(c, Some(rel.to_owned()), dep, used)
        }
        Change::SetDiagnosticSetting {
            resource_id,
            name,
            storage_account_id,
            categories,
            category_groups,
            metrics,
            keep,
            ..
        } => {
            // …/storageAccounts/{account}/{blobServices}/default
            let mut tail = resource_id.rsplitn(4, '/');
            let (_default, svc, account) = (
                tail.next(),
                tail.next().unwrap_or(""),
                tail.next().unwrap_or(""),
            );
            let enabled = |k: &str, v: &String| {
                obj(&mut [(k, s(v.as_str())), ("enabled", Value::Bool(true))])
            };
            let mut props = match arm_expr::literal_value(&Value::Object(keep.clone())) {
                Value::Object(o) => o,
                _ => Map::new(),
            };
            props.insert("storageAccountId".into(), s(storage_account_id.as_str()));
            let logs = categories
                .iter()
                .map(|c| enabled("category", c))
                .chain(category_groups.iter().map(|g| enabled("categoryGroup", g)));
            props.insert("logs".into(), Value::Array(logs.collect()));
            if !metrics.is_empty() {
                props.insert(
                    "metrics".into(),
                    Value::Array(metrics.iter().map(|m| enabled("category", m)).collect()),
                );
            }
            let log_name = storage_account_id.rsplit('/').next().unwrap_or("");
            let mut r = obj(&mut [
                (
                    "type",
                    s(format!(
                        "{}/{svc}/providers/diagnosticSettings",
                        storage::RESOURCE_TYPE
                    )),
                ),
                ("apiVersion", s(ep::DIAGNOSTIC_SETTINGS_API)),
                (
                    "name",
                    s(format!("{account}/default/Microsoft.Insights/{name}")),
                ),
                ("properties", Value::Object(props)),
            ]);
            if created.iter().any(|a| a.eq_ignore_ascii_case(log_name))
                && sub_rg_eq(resource_id, storage_account_id)
            {
                r.as_object_mut().expect("object").insert(
                    "dependsOn".into(),
                    Value::Array(vec![e(storage_id_expr(log_name))]),
                );
            }
            r
        }
        Change::EnableDefenderPlan { .. } => Value::Null,
    }
}

/// Whether two ARM IDs are in the same subscription and resource group.
fn sub_rg_eq(a: &str, b: &str) -> bool {
    let key = |id: &str| {
        id.split('/')
            .take(5)
            .collect::<Vec<_>>()
            .join("/")
            .to_ascii_lowercase()
    };
    key(a) == key(b)
}

/// A nested deployment's name: ARM allows 1–64 characters of ASCII letters, digits and
/// `- _ . ( )`. Other characters of the resource group (any Unicode letter is legal there)
/// become `-`; the index keeps names distinct.
fn deployment_name(i: usize, rg: &str) -> String {
    format!("workbench-onboarding-{i}-{rg}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '(' | ')') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect()
}

/// Whether `n` is a valid ARM deployment name.
#[cfg(test)]
pub(crate) fn is_deployment_name(n: &str) -> bool {
    (1..=64).contains(&n.chars().count())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '(' | ')'))
}

/// The template of subscription `sub`, whose changes (in the plan's order) are `changes`.
fn template(plan: &RemediationPlan, sub: &str, changes: &[&Change]) -> Value {
    let mut used = Used::default();
    let mut resources = Vec::new();
    // Subscription-scope role assignments.
    for c in changes.iter().filter(|c| c.resource_group().is_none()) {
        if let Change::AssignRole { .. } = c {
            resources.push(role_assignment(c, None, None, &mut used));
        }
    }
    // Defender plans, one after the other (concurrent pricing updates can conflict).
    let mut previous: Option<&str> = None;
    for c in changes {
        if let Change::EnableDefenderPlan { plan: name, .. } = c {
            let mut r = obj(&mut [
                ("type", s("Microsoft.Security/pricings")),
                ("apiVersion", s(ep::PRICINGS_API)),
                ("name", s(name.as_str())),
                (
                    "properties",
                    obj(&mut [("pricingTier", s(pricing::STANDARD))]),
                ),
            ]);
            if let Some(p) = previous {
                r.as_object_mut().expect("object").insert(
                    "dependsOn".into(),
                    Value::Array(vec![e(format!(
                        "[subscriptionResourceId('Microsoft.Security/pricings', {})]",
                        lit(p)
                    ))]),
                );
            }
            previous = Some(name);
            resources.push(r);
        }
    }
    // Resource groups (names compared ignoring ASCII case), in order of first appearance (the
    // log account's comes first), each with its changes: grouped in one pass. Filtering the
    // changes once per group was quadratic (2,000 resource groups: 12 s in a debug build).
    let mut groups: Keyed<(&str, Vec<&Change>)> = Keyed::default();
    for c in changes {
        if let Some(rg) = c.resource_group() {
            groups
                .get_or_insert_with(rg.to_ascii_lowercase(), || (rg, Vec::new()))
                .1
                .push(c);
        }
    }
    let mut first_deployment: Option<String> = None;
    for (i, (rg, in_rg)) in groups.into_values().into_iter().enumerate() {
        let created: Vec<&str> = in_rg
            .iter()
            .filter_map(|c| match c {
                Change::CreateStorageAccount { name, .. }
                | Change::UpdateStorageFirewall { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let creates_account = in_rg
            .iter()
            .any(|c| matches!(c, Change::CreateStorageAccount { .. }));
        let mut inner_used = Used::default();
        let inner: Vec<Value> = in_rg
            .iter()
            .map(|c| inner_resource(c, &created, &mut inner_used))
            .collect();
        let mut depends = Vec::new();
        if creates_account {
            used.mark(P_CREATE_RG);
            used.mark(P_LOCATION);
            inner_used.mark(P_LOCATION);
            let rg_id = format!(
                "[subscriptionResourceId('Microsoft.Resources/resourceGroups', {})]",
                lit(rg)
            );
            resources.push(obj(&mut [
                ("condition", e(param(P_CREATE_RG))),
                ("type", s("Microsoft.Resources/resourceGroups")),
                ("apiVersion", s(ep::DEPLOYMENTS_API)),
                ("name", s(rg)),
                ("location", e(param(P_LOCATION))),
            ]));
            depends.push(e(rg_id));
        }
        if let Some(d) = &first_deployment {
            depends.push(e(d.clone()));
        }
        let mut inner_params = Map::new();
        let mut pass = Map::new();
        for n in inner_used.names() {
            used.mark(n);
            inner_params.insert(n.into(), obj(&mut [("type", s("string"))]));
            pass.insert(n.into(), obj(&mut [("value", e(param(n)))]));
        }
        let name = deployment_name(i, rg);
        if i == 0 && !created.is_empty() {
            first_deployment = Some(format!(
                "[resourceId({}, 'Microsoft.Resources/deployments', {})]",
                lit(rg),
                lit(&name)
            ));
        }
        let mut d = obj(&mut [
            ("type", s("Microsoft.Resources/deployments")),
            ("apiVersion", s(ep::DEPLOYMENTS_API)),
            ("name", s(name)),
            ("resourceGroup", s(rg)),
            (
                "properties",
                obj(&mut [
                    ("mode", s("Incremental")),
                    (
                        "expressionEvaluationOptions",
                        obj(&mut [("scope", s("inner"))]),
                    ),
                    ("parameters", Value::Object(pass)),
                    (
                        "template",
                        obj(&mut [
                            ("$schema", s(ep::DEPLOYMENT_SCHEMA)),
                            ("contentVersion", s("1.0.0.0")),
                            ("parameters", Value::Object(inner_params)),
                            ("resources", Value::Array(inner)),
                        ]),
                    ),
                ]),
            ),
        ]);
        if !depends.is_empty() {
            d.as_object_mut()
                .expect("object")
                .insert("dependsOn".into(), Value::Array(depends));
        }
        resources.push(d);
    }
    let mut params = Map::new();
    for n in used.names() {
        let (ty, default, what): (&str, Option<Value>, &str) = match n {
            // Only a GUID becomes a default; anything else is an unknown principal.
            P_SP => ("string", plan.service_principal_object_id.as_deref().and_then(crate::shell::object_id).map(s), "Object ID of the application's service principal (az ad sp show --id <appId> --query id)."),
            P_GUEST => ("string", plan.guest_object_id.as_deref().and_then(crate::shell::object_id).map(s), "Object ID of the guest analyst (az ad user list --filter \"mail eq '<mail>'\" --query [0].id)."),
            P_LOCATION => ("string", Some(e("[deployment().location]")), "Region of the new log storage account (and of its resource group, if created)."),
            _ => ("bool", Some(Value::Bool(false)), "Create the log storage account's resource group as well (it must not exist in another region)."),
        };
        let mut p = obj(&mut [
            ("type", s(ty)),
            ("metadata", obj(&mut [("description", s(what))])),
        ]);
        if let Some(d) = default {
            p.as_object_mut()
                .expect("object")
                .insert("defaultValue".into(), d);
        }
        params.insert(n.into(), p);
    }
    obj(&mut [
        ("$schema", s(ep::SUBSCRIPTION_DEPLOYMENT_SCHEMA)),
        ("contentVersion", s("1.0.0.0")),
        ("metadata", obj(&mut [("description", s(format!(
            "Workbench onboarding changes for subscription {sub} (tenant {}); generated by azure-onboard remediate. Deploy: az deployment sub create --subscription {sub} --location <region> --template-file <this file>. The template writes the state read in the snapshot: a storage account's networkAcls and each diagnostic setting it contains are PUT whole, so a firewall rule, bypass or diagnostic-setting log, metric or destination added after the snapshot is removed by deploying it. Take a new snapshot and render again right before deploying, or prefer the az script (remediate --format cli): it reads the firewall just before changing it and only adds to it, and writes a diagnostic setting only when it does not already send the logs.",
            plan.tenant_id
        )))])),
        ("parameters", Value::Object(params)),
        ("resources", Value::Array(resources)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deployment_names_are_within_arm_rules_whatever_the_resource_group() {
        let rg = "é".repeat(40);
        let n = deployment_name(0, &rg);
        assert!(is_deployment_name(&n), "{n}");
        assert_eq!(n, format!("workbench-onboarding-0-{}", "-".repeat(40)));
        for rg in [
            "rg(1).x",
            "a b$c",
            &"ü".repeat(90),
            "日本語",
            &"x".repeat(90),
        ] {
            let n = deployment_name(12, rg);
            assert!(is_deployment_name(&n), "{n}");
        }
        assert_eq!(
            deployment_name(1, "rg-logs"),
            "workbench-onboarding-1-rg-logs"
        );
    }
}
