//! A small simulator of Azure for tests: applies [`Change`]s to a [`Snapshot`] the way
//! Azure would change the responses the assessment reads, so that "assess after
//! remediate is ready" is a test. Not a stable API.

use super::{Change, PrincipalType, RemediationPlan};
use crate::catalog::{pricing, storage};
use crate::snapshot::url::url_key;
use crate::snapshot::RequestSpec;
use crate::{Snapshot, SnapshotResponse};
use serde_json::{Map, Value};

fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The `value` list of the first readable page of `spec`'s response, added (status 200) if
/// the snapshot has none or only a 404. `None` if the response was refused or failed:
/// Azure's state is unknown there.
fn list_of<'s>(snap: &'s mut Snapshot, spec: &RequestSpec) -> Option<&'s mut Vec<Value>> {
    let key = url_key(&spec.method, &spec.url)?.request;
    let hits: Vec<usize> = snap
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| url_key(&r.method, &r.url).is_some_and(|k| k.request == key))
        .map(|(i, _)| i)
        .collect();
    if hits
        .iter()
        .any(|&i| !matches!(snap.responses[i].status, 200..=299 | 404))
    {
        return None;
    }
    let i = match hits.iter().find(|&&i| snap.responses[i].status != 404) {
        Some(&i) => i,
        None => {
            snap.responses
                .retain(|r| url_key(&r.method, &r.url).is_none_or(|k| k.request != key));
            snap.responses.push(SnapshotResponse::get(
                spec.url.clone(),
                200,
                obj([("value", Value::Array(Vec::new()))]),
            ));
            snap.responses.len() - 1
        }
    };
    let body = &mut snap.responses[i].body;
    if body.is_array() {
        let items = body.take();
        *body = obj([("value", items)]);
    }
    if !body.get("value").is_some_and(Value::is_array) {
        *body = obj([("value", Value::Array(Vec::new()))]);
    }
    body.get_mut("value").and_then(Value::as_array_mut)
}

fn account_id(sub: &str, rg: &str, name: &str) -> String {
    format!(
        "/subscriptions/{sub}/resourceGroups/{rg}/providers/{}/{name}",
        storage::RESOURCE_TYPE
    )
}

/// The snapshot as it would read after deploying `plan`'s changes (manual steps are not
/// simulated; a role for a principal whose object ID is unknown is skipped).
pub fn apply(snapshot: &Snapshot, plan: &RemediationPlan) -> Snapshot {
    let mut snap = snapshot.clone();
    for (n, c) in plan.changes.iter().enumerate() {
        let sub = c.subscription_id().to_owned();
        match c {
            Change::AssignRole {
                scope,
                role_definition_id,
                principal_type,
                principal_id,
                ..
            } => {
                let known = match principal_type {
                    PrincipalType::ServicePrincipal => &plan.service_principal_object_id,
                    PrincipalType::User => &plan.guest_object_id,
                };
                let Some(pid) = principal_id.clone().or_else(|| known.clone()) else {
                    continue;
                };
                if let Some(l) = list_of(&mut snap, &RequestSpec::role_assignments(&sub)) {
                    l.push(obj([
                        ("id", format!("{scope}/providers/Microsoft.Authorization/roleAssignments/simulated-{n}").into()),
                        ("properties", obj([
                            ("roleDefinitionId", format!("/providers/Microsoft.Authorization/roleDefinitions/{role_definition_id}").into()),
                            ("principalId", pid.into()),
                            ("principalType", principal_type.as_str().into()),
                            ("scope", scope.clone().into()),
                        ])),
                    ]));
                }
            }
            Change::CreateStorageAccount {
                subscription_id,
                resource_group,
                name,
                location,
                egress_ips,
                ..
            } => {
                let rules = egress_ips
                    .iter()
                    .map(|v| obj([("value", v.clone().into()), ("action", "Allow".into())]))
                    .collect();
                if let Some(l) = list_of(&mut snap, &RequestSpec::storage_accounts(&sub)) {
                    l.push(obj([
                        (
                            "id",
                            account_id(subscription_id, resource_group, name).into(),
                        ),
                        ("name", name.clone().into()),
                        ("kind", storage::KIND_STORAGE_V2.into()),
                        ("location", location.clone().unwrap_or_default().into()),
                        (
                            "properties",
                            obj([
                                ("publicNetworkAccess", "Enabled".into()),
                                (
                                    "networkAcls",
                                    obj([
                                        ("defaultAction", storage::DEFAULT_ACTION_DENY.into()),
                                        (
                                            "bypass",
                                            format!(
                                                "{}, {}",
                                                storage::BYPASS_LOGGING,
                                                storage::BYPASS_AZURE_SERVICES
                                            )
                                            .into(),
                                        ),
                                        ("ipRules", Value::Array(rules)),
                                    ]),
                                ),
                            ]),
                        ),
                    ]));
                }
            }
            Change::UpdateStorageFirewall {
                subscription_id,
                resource_group,
                name,
                network_acls,
                enable_public_network_access,
                ..
            } => {
                let id = account_id(subscription_id, resource_group, name);
                let Some(l) = list_of(&mut snap, &RequestSpec::storage_accounts(&sub)) else {
                    continue;
                };
                for a in l.iter_mut().filter(|a| {
                    a.get("id")
                        .and_then(Value::as_str)
                        .is_some_and(|i| i.eq_ignore_ascii_case(&id))
                }) {
                    if let Some(o) = a.as_object_mut() {
                        o.remove("networkRuleSet");
                        let props = o
                            .entry("properties")
                            .or_insert_with(|| Value::Object(Map::new()));
                        if let Some(p) = props.as_object_mut() {
                            p.insert("networkAcls".into(), network_acls.clone());
                            if *enable_public_network_access {
                                p.insert("publicNetworkAccess".into(), "Enabled".into());
                            }
                        }
                    }
                }
            }
            Change::SetDiagnosticSetting {
                resource_id,
                name,
                storage_account_id,
                categories,
                category_groups,
                ..
            } => {
                let logs = categories
                    .iter()
                    .map(|c| obj([("category", c.clone().into()), ("enabled", true.into())]))
                    .chain(category_groups.iter().map(|g| {
                        obj([
                            ("categoryGroup", g.clone().into()),
                            ("enabled", true.into()),
                        ])
                    }))
                    .collect();
                let setting = obj([
                    (
                        "id",
                        format!(
                            "{resource_id}/providers/microsoft.insights/diagnosticSettings/{name}"
                        )
                        .into(),
                    ),
                    ("name", name.clone().into()),
                    (
                        "properties",
                        obj([
                            ("storageAccountId", storage_account_id.clone().into()),
                            ("logs", Value::Array(logs)),
                        ]),
                    ),
                ]);
                if let Some(l) = list_of(&mut snap, &RequestSpec::diagnostic_settings(resource_id))
                {
                    l.retain(|d| {
                        !d.get("name")
                            .and_then(Value::as_str)
                            .is_some_and(|x| x.eq_ignore_ascii_case(name))
                    });
                    l.push(setting);
                }
            }
            Change::EnableDefenderPlan { plan: p, .. } => {
                if let Some(l) = list_of(&mut snap, &RequestSpec::pricings(&sub)) {
                    l.retain(|x| {
                        !x.get("name")
                            .and_then(Value::as_str)
                            .is_some_and(|x| x.eq_ignore_ascii_case(p))
                    });
                    l.push(obj([
                        ("name", p.clone().into()),
                        (
                            "properties",
                            obj([("pricingTier", pricing::STANDARD.into())]),
                        ),
                    ]));
                }
            }
        }
    }
    snap
}
