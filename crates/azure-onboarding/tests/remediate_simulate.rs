//! "Assess after remediate is ready", as a test: for the demo tenant, the ready tenant and
//! one broken case per remediable finding code, `remediate` plans changes, the simulator
//! applies them to the snapshot, and assessing again leaves no remediable finding failing;
//! remediating the result again plans nothing. Plus properties over generated tenants.

mod common;

use azure_onboarding::{
    assess, catalog, remediate, simulate, Change, FindingCode as C, OnboardingPlan,
    RemediationPlan, Snapshot, Status,
};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Codes that Changes (not manual steps) fix.
const REMEDIABLE: [C; 7] = [
    C::LogAnalyticsReaderMissing,
    C::LogStorageAccountMissing,
    C::StorageBlobDataReaderMissing,
    C::StorageFirewallBlocksLogs,
    C::DiagnosticSettingMissing,
    C::DiagnosticCategoryMissing,
    C::DefenderPlanNotEnabled,
];

fn failing(plan: &OnboardingPlan, s: &Snapshot) -> Vec<(C, String)> {
    assess(plan, s)
        .findings()
        .filter(|f| REMEDIABLE.contains(&f.code) && f.status != Status::Unknown)
        .map(|f| (f.code, f.resource.clone()))
        .collect()
}

/// Remediates, simulates, reassesses: returns the plan and the snapshot after.
fn round_trip(plan: &OnboardingPlan, s: &Snapshot) -> (RemediationPlan, Snapshot) {
    let r = remediate(plan, Some(s));
    let after = simulate::apply(s, &r);
    assert_eq!(
        failing(plan, &after),
        vec![],
        "still failing after {:#?}",
        r.changes
    );
    let again = remediate(plan, Some(&after));
    assert_eq!(again.changes, vec![], "a second round plans more");
    (r, after)
}

fn kinds(r: &RemediationPlan) -> Vec<&'static str> {
    r.changes
        .iter()
        .map(|c| match c {
            Change::AssignRole { .. } => "assignRole",
            Change::CreateStorageAccount { .. } => "createStorageAccount",
            Change::UpdateStorageFirewall { .. } => "updateStorageFirewall",
            Change::SetDiagnosticSetting { .. } => "setDiagnosticSetting",
            Change::EnableDefenderPlan { .. } => "enableDefenderPlan",
            // `Change` is non_exhaustive (kinds are only added): a new kind fails the
            // comparisons below until it is named here.
            _ => "a kind this test does not name",
        })
        .collect()
}

fn steps(r: &RemediationPlan) -> Vec<&str> {
    r.manual_steps.iter().map(|m| m.id.as_str()).collect()
}

fn demo() -> (OnboardingPlan, Snapshot) {
    let read = |p: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples")
                .join(p),
        )
        .unwrap()
    };
    (
        OnboardingPlan::from_json(&read("demo-plan.json")).unwrap(),
        Snapshot::from_json(&read("demo-snapshot.json")).unwrap(),
    )
}

/// Drops role assignments from every page of a subscription's list.
fn drop_roles(w: &mut World, sub: &str, drop: impl Fn(&Value) -> bool) {
    let fragment = roles_of(sub);
    for r in w
        .snapshot
        .responses
        .iter_mut()
        .filter(|r| r.url.contains(&fragment))
    {
        if let Some(v) = r.body["value"].as_array_mut() {
            v.retain(|x| !drop(x));
        }
    }
}

fn is_role(v: &Value, role: &str, principal: &str) -> bool {
    v["properties"]["roleDefinitionId"]
        .as_str()
        .unwrap()
        .ends_with(role)
        && v["properties"]["principalId"] == principal
}

#[test]
fn the_demo_tenant() {
    let (plan, s) = demo();
    let (r, after) = round_trip(&plan, &s);
    assert_eq!(
        kinds(&r),
        [
            "updateStorageFirewall",
            "assignRole",
            "setDiagnosticSetting",
            "setDiagnosticSetting",
            "enableDefenderPlan"
        ]
    );
    assert_eq!(
        steps(&r),
        [
            "admin-consent",
            "client-secret",
            "collect-again",
            "storage-account-contributor-assigned",
            "classic-storage-account",
            // Two idle services: read something, then collect again (a person's step).
            "logs-idle",
            "logs-idle"
        ]
    );
    // What is left are the findings only a person can fix (and the unknown Defender plans).
    let report = assess(&plan, &after);
    let mut left: Vec<&str> = report.findings().map(|f| f.code.as_str()).collect();
    left.sort();
    assert_eq!(
        left,
        [
            "classic-storage-account",
            "client-secret-expiring",
            "graph-permission-missing",
            "legacy-security-alerts-permission",
            // Logs: arriving from the services that sent before, the two idle ones still
            // idle, and the newly configured service's logs not read yet (not required).
            "logs-arriving",
            "logs-idle",
            "logs-idle",
            "not-authorized-to-read",
            "not-collected",
            "storage-account-contributor-assigned"
        ]
    );
    assert!(report
        .findings()
        .filter(|f| f.code == azure_onboarding::FindingCode::NotCollected)
        .all(|f| !f.required
            && f.request
                .as_deref()
                .is_some_and(|u| u.contains(".blob.core.windows.net/"))));
}

#[test]
fn the_ready_tenant_needs_nothing() {
    let w = World::ready();
    let r = remediate(&w.plan, Some(&w.snapshot));
    assert_eq!(r.changes, vec![]);
    assert_eq!(r.manual_steps, vec![]);
    assert_eq!(r.service_principal_object_id.as_deref(), Some(SP));
    assert_eq!(r.guest_object_id.as_deref(), Some(GUEST));
}

#[test]
fn log_analytics_reader_for_the_app_and_for_the_guest() {
    for (who, ty) in [(SP, "ServicePrincipal"), (GUEST, "User")] {
        let mut w = World::ready();
        drop_roles(&mut w, SUB_B, |v| {
            is_role(v, catalog::roles::LOG_ANALYTICS_READER.id, who)
        });
        let (r, _) = round_trip(&w.plan, &w.snapshot);
        assert_eq!(r.changes.len(), 1, "{:#?}", r.changes);
        let Change::AssignRole {
            scope,
            principal_id,
            principal_type,
            ..
        } = &r.changes[0]
        else {
            panic!("{:?}", r.changes)
        };
        assert_eq!(scope, &format!("/subscriptions/{SUB_B}"));
        assert_eq!(principal_id.as_deref(), Some(who));
        assert_eq!(principal_type.as_str(), ty);
    }
}

#[test]
fn log_storage_account_missing_creates_it_with_the_blob_reader_role() {
    let mut w = World::ready();
    let la = log_account();
    w.drop_values(&accounts_of(SUB_A), |v| v["id"] == la.as_str());
    // The role at the account goes with it (the assignment's scope no longer exists).
    drop_roles(&mut w, SUB_A, |v| {
        is_role(v, catalog::roles::STORAGE_BLOB_DATA_READER.id, SP)
    });
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    assert_eq!(kinds(&r), ["createStorageAccount", "assignRole"]);
    let Change::CreateStorageAccount {
        name, egress_ips, ..
    } = &r.changes[0]
    else {
        unreachable!()
    };
    assert_eq!(name, "contosoworkbenchlogs");
    assert_eq!(egress_ips, &["203.0.113.10", "198.51.100.0/29"]);
}

#[test]
fn storage_blob_data_reader_missing() {
    let mut w = World::ready();
    drop_roles(&mut w, SUB_A, |v| {
        is_role(v, catalog::roles::STORAGE_BLOB_DATA_READER.id, SP)
    });
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    assert!(
        matches!(&r.changes[..], [Change::AssignRole { scope, .. }] if *scope == log_account())
    );
}

fn set_acls(w: &mut World, acls: Value, public: Option<&str>) {
    let la = log_account();
    let body = w.body(&accounts_of(SUB_A));
    let a = body["value"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["id"] == la.as_str())
        .unwrap();
    a["properties"]["networkAcls"] = acls;
    if let Some(p) = public {
        a["properties"]["publicNetworkAccess"] = json!(p);
    }
}

#[test]
fn storage_firewall_keeps_every_existing_rule() {
    let mut w = World::ready();
    let vnet = "/subscriptions/x/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/s";
    set_acls(
        &mut w,
        json!({"defaultAction": "Deny", "bypass": "Metrics", "ipRules": [{"value": "192.0.2.1", "action": "Allow"}], "virtualNetworkRules": [{"id": vnet, "action": "Allow"}]}),
        None,
    );
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    let Change::UpdateStorageFirewall {
        network_acls,
        add_bypass,
        add_ip_rules,
        ..
    } = &r.changes[0]
    else {
        panic!("{:?}", r.changes)
    };
    assert_eq!(add_bypass, &["Logging"]);
    assert_eq!(add_ip_rules, &["203.0.113.10", "198.51.100.0/29"]);
    assert_eq!(network_acls["bypass"], "Metrics, Logging");
    assert_eq!(network_acls["ipRules"][0]["value"], "192.0.2.1");
    assert_eq!(network_acls["ipRules"].as_array().unwrap().len(), 3);
    assert_eq!(network_acls["virtualNetworkRules"][0]["id"], vnet);

    // Public network access disabled: enabled again, still denying by default.
    let mut w = World::ready();
    set_acls(
        &mut w,
        json!({"defaultAction": "Allow", "bypass": "AzureServices"}),
        Some("Disabled"),
    );
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    let Change::UpdateStorageFirewall {
        network_acls,
        enable_public_network_access,
        ..
    } = &r.changes[0]
    else {
        panic!("{:?}", r.changes)
    };
    assert!(enable_public_network_access);
    assert_eq!(network_acls["defaultAction"], "Deny");
    assert_eq!(network_acls["bypass"], "AzureServices, Logging");
}

#[test]
fn diagnostic_settings_are_created_completed_and_never_clobbered() {
    // Missing on one service.
    let mut w = World::ready();
    w.set(&diag("contosoweb", "queue"), 200, json!({"value": []}));
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    assert!(
        matches!(&r.changes[..], [Change::SetDiagnosticSetting { name, .. }] if name == "workbench-storage-logs")
    );

    // A setting of the same name to another destination is kept: a new name is chosen.
    let mut w = World::ready();
    w.set(&diag("contosoweb", "queue"), 200, json!({"value": [{"name": "workbench-storage-logs", "properties": {"workspaceId": "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z", "logs": [{"category": "StorageRead", "enabled": true}]}}]}));
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    assert!(
        matches!(&r.changes[..], [Change::SetDiagnosticSetting { name, .. }] if name == "workbench-storage-logs-2"),
        "{:?}",
        r.changes
    );

    // A category missing: the existing setting is completed, its metrics and workspace kept.
    let mut w = World::ready();
    let la = log_account();
    w.set(&diag("contosoweb", "queue"), 200, json!({"value": [{"name": "to-logs", "properties": {"storageAccountId": la, "workspaceId": "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z", "metrics": [{"category": "Transaction", "enabled": true}], "logs": [{"category": "StorageRead", "enabled": true}, {"category": "StorageWrite", "enabled": false}]}}]}));
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    let [Change::SetDiagnosticSetting {
        name,
        categories,
        metrics,
        keep,
        ..
    }] = &r.changes[..]
    else {
        panic!("{:?}", r.changes)
    };
    assert_eq!(name, "to-logs");
    assert_eq!(
        categories,
        &["StorageRead", "StorageWrite", "StorageDelete"]
    );
    assert_eq!(metrics, &["Transaction"]);
    assert!(keep.contains_key("workspaceId"));

    // At the limit of five settings: nothing can be added, a manual step says so.
    let mut w = World::ready();
    let five: Vec<Value> = (0..5)
        .map(|i| json!({"name": format!("s{i}"), "properties": {"workspaceId": "/w", "logs": []}}))
        .collect();
    w.set(&diag("contosoweb", "queue"), 200, json!({ "value": five }));
    let r = remediate(&w.plan, Some(&w.snapshot));
    assert_eq!(r.changes, vec![]);
    assert_eq!(
        steps(&r),
        ["diagnostic-setting-missing", "diagnostic-settings-limit"]
    );
}

#[test]
fn defender_plans() {
    let mut w = World::ready();
    for p in w.body(&pricings_of(SUB_B))["value"].as_array_mut().unwrap() {
        if p["name"] == "KeyVaults" || p["name"] == "Arm" {
            p["properties"]["pricingTier"] = json!("Free");
        }
    }
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    let plans: Vec<&str> = r
        .changes
        .iter()
        .map(|c| match c {
            Change::EnableDefenderPlan {
                plan,
                subscription_id,
                ..
            } => {
                assert_eq!(subscription_id, SUB_B);
                plan.as_str()
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(plans, ["KeyVaults", "Arm"]);
}

#[test]
fn manual_steps_for_what_templates_cannot_do() {
    // Consent, guest and secret problems.
    let mut w = World::ready();
    w.set(G2, 200, json!({"value": []}));
    w.set(G3, 200, json!({"value": []}));
    w.remove(G4);
    drop_roles(&mut w, SUB_A, |v| v["properties"]["principalId"] == GUEST);
    w.set(G5, 200, json!({"value": [{"appId": "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6", "passwordCredentials": []}]}));
    let r = remediate(&w.plan, Some(&w.snapshot));
    assert_eq!(
        steps(&r),
        [
            "admin-consent",
            "client-secret",
            "invite-guest",
            "assign-global-reader"
        ]
    );
    let consent = &r.manual_steps[0];
    assert_eq!(
        consent.url.as_deref(),
        Some(format!("https://login.microsoftonline.com/{TENANT}/adminconsent?client_id=0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6").as_str())
    );
    // One az rest appRoleAssignment per missing permission: four Graph, one Log Analytics.
    assert_eq!(
        consent
            .commands
            .iter()
            .filter(|c| c.contains("/appRoleAssignments"))
            .count(),
        5
    );
    assert!(r.manual_steps[1].instructions.contains("24 months"));
    // The guest's roles wait for the invitation: the principal is unknown.
    assert!(r.changes.iter().all(|c| matches!(
        c,
        Change::AssignRole {
            principal_id: None,
            ..
        }
    )));
    assert!(!r.changes.is_empty());

    // No service principal: create it, consent, then the roles (object ID resolved later).
    let mut w = World::ready();
    w.set(G1, 200, json!({"value": []}));
    let r = remediate(&w.plan, Some(&w.snapshot));
    assert_eq!(r.service_principal_object_id, None);
    assert_eq!(
        &steps(&r)[..2],
        ["create-service-principal", "admin-consent"]
    );
    assert!(r.changes.iter().all(|c| matches!(c, Change::AssignRole { principal_id: None, principal_type, .. } if principal_type.as_str() == "ServicePrincipal")));
    assert_eq!(r.changes.len(), 3, "{:#?}", r.changes); // two subscriptions and the log account
}

#[test]
fn unknown_checks_plan_nothing_and_ask_for_a_new_snapshot() {
    let mut w = World::ready();
    w.set(
        &roles_of(SUB_B),
        403,
        json!({"error": {"code": "AuthorizationFailed"}}),
    );
    let r = remediate(&w.plan, Some(&w.snapshot));
    assert_eq!(r.changes, vec![]);
    assert_eq!(steps(&r), ["collect-again"]);
}

#[test]
fn without_a_snapshot_the_full_setup() {
    let w = World::ready();
    let r = remediate(&w.plan, None);
    assert_eq!(r.collected_at, None);
    // Account, blob reader, 2 subscriptions x (app + guest), 2 x 6 Defender plans.
    assert_eq!(r.changes.len(), 1 + 1 + 4 + 12);
    assert!(r.changes.iter().all(|c| !matches!(
        c,
        Change::AssignRole {
            principal_id: Some(_),
            ..
        }
    )));
    assert_eq!(
        steps(&r),
        [
            "admin-consent",
            "client-secret",
            "invite-guest",
            "assign-global-reader",
            "diagnostic-settings-all-accounts"
        ]
    );

    // A listed account gets a setting on each of its four services; the empty tenant is
    // made ready by applying it (the manual steps aside).
    let mut plan = w.plan.clone();
    let acc = account(SUB_B, "rg-dev-data", "contosodevdata");
    plan.monitored_storage_accounts =
        azure_onboarding::MonitoredStorageAccounts::List(vec![acc.parse().unwrap()]);
    let r = remediate(&plan, None);
    let diags = r
        .changes
        .iter()
        .filter(|c| matches!(c, Change::SetDiagnosticSetting { .. }))
        .count();
    assert_eq!(diags, 4);
}

#[test]
fn the_empty_tenant_is_made_ready_by_the_full_setup() {
    // The ready tenant with everything Changes create removed; the identities exist.
    let mut w = World::ready();
    let la = log_account();
    w.drop_values(&accounts_of(SUB_A), |v| v["id"] == la.as_str());
    for sub in [SUB_A, SUB_B] {
        drop_roles(&mut w, sub, |v| {
            v["properties"]["principalId"] == SP || v["properties"]["principalId"] == GUEST
        });
        w.set(&pricings_of(sub), 200, json!({"value": []}));
    }
    for (acc, svc) in [
        ("contosoproddata", "blob"),
        ("contosoweb", "table"),
        ("contosodevdata", "file"),
    ] {
        w.set(&diag(acc, svc), 200, json!({"value": []}));
    }
    let (r, _) = round_trip(&w.plan, &w.snapshot);
    assert!(r.changes.len() >= 1 + 1 + 4 + 12 + 3, "{}", r.changes.len());
}

// ---- properties ----------------------------------------------------------------------

/// A generated tenant: the ready one with some of its pieces broken.
#[derive(Debug, Clone)]
struct Breakage {
    drop_app_roles: Vec<bool>,
    drop_guest_roles: Vec<bool>,
    drop_log_account: bool,
    firewall: Option<(String, bool)>,
    empty_diag: Vec<(usize, usize)>,
    free_plans: Vec<(bool, usize)>,
    no_guest: bool,
}

fn breakage() -> impl Strategy<Value = Breakage> {
    (
        proptest::collection::vec(any::<bool>(), 2),
        proptest::collection::vec(any::<bool>(), 2),
        any::<bool>(),
        proptest::option::of((
            prop::sample::select(vec!["None", "AzureServices", "Metrics, AzureServices"])
                .prop_map(String::from),
            any::<bool>(),
        )),
        proptest::collection::vec((0usize..3, 0usize..4), 0..4),
        proptest::collection::vec((any::<bool>(), 0usize..6), 0..5),
        any::<bool>(),
    )
        .prop_map(|(a, g, l, f, d, p, n)| Breakage {
            drop_app_roles: a,
            drop_guest_roles: g,
            drop_log_account: l,
            firewall: f,
            empty_diag: d,
            free_plans: p,
            no_guest: n,
        })
}

fn build(b: &Breakage) -> World {
    let mut w = World::ready();
    let subs = [SUB_A, SUB_B];
    if b.no_guest {
        w.plan.guest_user = None;
    }
    for (i, sub) in subs.iter().enumerate() {
        if b.drop_app_roles[i] {
            drop_roles(&mut w, sub, |v| {
                is_role(v, catalog::roles::LOG_ANALYTICS_READER.id, SP)
            });
        }
        if b.drop_guest_roles[i] {
            drop_roles(&mut w, sub, |v| {
                is_role(v, catalog::roles::LOG_ANALYTICS_READER.id, GUEST)
            });
        }
    }
    if let Some((bypass, public_disabled)) = &b.firewall {
        set_acls(
            &mut w,
            json!({"defaultAction": "Deny", "bypass": bypass, "ipRules": []}),
            public_disabled.then_some("Disabled"),
        );
    }
    if b.drop_log_account {
        let la = log_account();
        w.drop_values(&accounts_of(SUB_A), |v| v["id"] == la.as_str());
    }
    let accounts = ["contosoproddata", "contosoweb", "contosodevdata"];
    for (a, s) in &b.empty_diag {
        let svc = ["blob", "file", "queue", "table"][*s];
        w.set(&diag(accounts[*a], svc), 200, json!({"value": []}));
    }
    for (second, p) in &b.free_plans {
        let sub = subs[usize::from(*second)];
        let name = catalog::defender::MONITORED[*p];
        for x in w.body(&pricings_of(sub))["value"].as_array_mut().unwrap() {
            if x["name"] == name {
                x["properties"]["pricingTier"] = json!("Free");
            }
        }
    }
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn remediating_generated_tenants_makes_them_ready(b in breakage()) {
        let w = build(&b);
        let (r, after) = round_trip(&w.plan, &w.snapshot);
        // Nothing that passed is touched: every change answers a finding.
        let before = assess(&w.plan, &w.snapshot);
        prop_assert_eq!(r.changes.is_empty(), !before.findings().any(|f| REMEDIABLE.contains(&f.code)));
        let report = assess(&w.plan, &after);
        prop_assert!(report.ready, "{:#?}", report.findings().collect::<Vec<_>>());
        // The manual steps are only for what changes cannot do.
        prop_assert!(r.manual_steps.is_empty(), "{:?}", r.manual_steps);
    }

    #[test]
    fn the_full_setup_renders_for_any_subset_of_subscriptions(n in 1usize..3, guest in any::<bool>()) {
        let mut w = World::ready();
        w.plan.subscriptions.truncate(n);
        if !guest { w.plan.guest_user = None; }
        let r = remediate(&w.plan, None);
        let templates = azure_onboarding::render_arm(&r);
        prop_assert_eq!(templates.len(), n);
        prop_assert!(azure_onboarding::render_az_script(&r).starts_with("#!/usr/bin/env bash\n"));
    }
}
