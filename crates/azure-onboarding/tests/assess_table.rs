//! One or more cases per finding code: the ready tenant (`tests/fixtures/ready-*.json`)
//! with one thing broken, often by a real Azure example body
//! (`tests/fixtures/azure-examples/`). Each case states the exact findings it expects.

mod common;

use azure_onboarding::{
    assess, catalog, FindingCode as C, MonitoredStorageAccounts, ReadinessReport, Status as S,
};
use common::*;
use serde_json::{json, Value};

fn expect(w: &World, want: &[(C, S)]) -> ReadinessReport {
    let report = assess(&w.plan, &w.snapshot);
    // `logs-arriving` is the one passing finding (it carries the newest log's time); the
    // cases state what does not pass.
    let mut got: Vec<(&str, &str)> = report
        .findings()
        .filter(|f| f.status != S::Pass)
        .map(|f| (f.code.as_str(), f.status.as_str()))
        .collect();
    let mut want: Vec<(&str, &str)> = want.iter().map(|(c, s)| (c.as_str(), s.as_str())).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{:#?}", report.findings().collect::<Vec<_>>());
    let blocking = report
        .findings()
        .any(|f| f.required && matches!(f.status, S::Fail | S::Unknown));
    assert_eq!(report.ready, !blocking);
    for f in report.findings().filter(|f| f.status != S::Pass) {
        assert!(!f.remediation.portal.is_empty(), "{f:?}");
        assert!(f.remediation.cli.starts_with("az "), "{f:?}");
        if f.status == S::Warn {
            assert!(!f.required);
        }
    }
    report
}

fn finding(r: &ReadinessReport, code: C) -> &azure_onboarding::Finding {
    r.findings().find(|f| f.code == code).unwrap()
}

fn is_role(v: &Value, role: &str, principal: &str) -> bool {
    v["properties"]["roleDefinitionId"]
        .as_str()
        .unwrap()
        .ends_with(role)
        && v["properties"]["principalId"] == principal
}

#[test]
fn the_ready_tenant_is_ready() {
    let w = World::ready();
    let r = expect(&w, &[]);
    assert!(r.ready);
    assert_eq!(r.summary.fail + r.summary.warn + r.summary.unknown, 0);
    assert!(r.summary.pass > 40, "{:?}", r.summary);
    assert!(r.resources.iter().all(|x| x.status == S::Pass));
}

#[test]
fn subscription_not_found() {
    let mut w = World::ready();
    w.set(
        &subscription(SUB_B),
        404,
        json!({"error": {"code": "SubscriptionNotFound"}}),
    );
    let r = expect(&w, &[(C::SubscriptionNotFound, S::Fail)]);
    assert!(!r.ready);
    assert!(finding(&r, C::SubscriptionNotFound)
        .remediation
        .cli
        .contains(TENANT));
}

#[test]
fn subscription_disabled_and_warned() {
    for (state, status) in [
        ("Disabled", S::Fail),
        ("PastDue", S::Fail),
        ("Deleted", S::Fail),
        ("Warned", S::Warn),
    ] {
        let mut w = World::ready();
        w.body(&subscription(SUB_B))["state"] = state.into();
        let r = expect(&w, &[(C::SubscriptionDisabled, status)]);
        assert_eq!(r.ready, status == S::Warn, "{state}");
    }
}

#[test]
fn subscription_from_the_real_example_in_another_tenant() {
    let mut w = World::ready();
    // The spec example's first subscription (tenant 31c75423-…), renamed to ours.
    let mut sub = example("resources/GetSubscriptions.2022-12-01.json")["value"][0].clone();
    sub["subscriptionId"] = SUB_B.into();
    w.set(&subscription(SUB_B), 200, sub);
    let r = expect(&w, &[(C::SubscriptionWrongTenant, S::Fail)]);
    assert!(finding(&r, C::SubscriptionWrongTenant)
        .message
        .contains("31c75423-32d6-4322-88b7-c478bdde4858"));
    assert_eq!(
        r.resources
            .iter()
            .find(|x| x.id.ends_with(SUB_B))
            .unwrap()
            .name
            .as_deref(),
        Some("Example Subscription")
    );
}

#[test]
fn service_principal_not_found() {
    let mut w = World::ready();
    w.body(G1)["value"] = json!([]);
    // Without a service principal nothing holds the roles either.
    let r = expect(
        &w,
        &[
            (C::ServicePrincipalNotFound, S::Fail),
            (C::LogAnalyticsReaderMissing, S::Fail),
            (C::LogAnalyticsReaderMissing, S::Fail),
            (C::StorageBlobDataReaderMissing, S::Fail),
        ],
    );
    let f = finding(&r, C::LogAnalyticsReaderMissing);
    assert!(
        f.remediation
            .cli
            .contains("$(az ad sp show --id 0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6"),
        "{}",
        f.remediation.cli
    );
}

#[test]
fn graph_permission_missing_names_each_permission() {
    let mut w = World::ready();
    let incident = catalog::graph::SECURITY_INCIDENT_READ_ALL;
    let users = catalog::graph::USER_READ_ALL;
    w.drop_values(G2, |v| {
        v["appRoleId"] == incident.id || v["appRoleId"] == users.id
    });
    let r = expect(
        &w,
        &[
            (C::GraphPermissionMissing, S::Fail),
            (C::GraphPermissionMissing, S::Fail),
        ],
    );
    let msgs: Vec<&str> = r.findings().map(|f| f.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains(incident.name))
            && msgs.iter().any(|m| m.contains(users.name))
    );
    assert!(r
        .findings()
        .filter(|f| f.status != S::Pass)
        .all(|f| f.remediation.cli.contains("admin-consent")));
}

#[test]
fn graph_permissions_of_the_real_example_grant_nothing_needed() {
    let mut w = World::ready();
    // The docs example grants Mail.ReadWrite only.
    w.set(
        G2,
        200,
        example("graph/serviceprincipal-list-approleassignments.docs-response.json"),
    );
    expect(
        &w,
        &[
            (C::GraphPermissionMissing, S::Fail),
            (C::GraphPermissionMissing, S::Fail),
            (C::GraphPermissionMissing, S::Fail),
            (C::GraphPermissionMissing, S::Fail),
            (C::LogAnalyticsPermissionMissing, S::Fail),
        ],
    );
}

#[test]
fn enterprise_app_permission_fix_assigns_the_app_role() {
    let mut w = World::ready();
    w.plan.access_option = azure_onboarding::AccessOption::EnterpriseApp;
    w.remove(G5); // no client secret for the enterprise app: not requested
    w.drop_values(G2, |v| {
        v["appRoleId"] == catalog::log_analytics::DATA_READ.id
    });
    let r = expect(&w, &[(C::LogAnalyticsPermissionMissing, S::Fail)]);
    let cli = &finding(&r, C::LogAnalyticsPermissionMissing)
        .remediation
        .cli;
    assert!(
        cli.contains(&format!("servicePrincipals/{SP}/appRoleAssignments")),
        "{cli}"
    );
    assert!(
        cli.contains(catalog::apps::LOG_ANALYTICS_API.id)
            && cli.contains(catalog::log_analytics::DATA_READ.id)
    );
}

#[test]
fn legacy_security_alerts_permission() {
    let mut w = World::ready();
    w.drop_values(G2, |v| {
        v["appRoleId"] == catalog::graph::SECURITY_ALERT_READ_ALL.id
    });
    expect(
        &w,
        &[
            (C::GraphPermissionMissing, S::Fail),
            (C::LegacySecurityAlertsPermission, S::Warn),
        ],
    );
}

#[test]
fn client_secrets() {
    let cases = [
        (json!([]), Some((C::ClientSecretMissing, S::Fail))),
        (
            json!([{"endDateTime": "2026-11-26T11:59:59Z"}]),
            Some((C::ClientSecretExpired, S::Fail)),
        ),
        (
            json!([{"endDateTime": "2026-01-01T00:00:00Z"}, {"endDateTime": "2026-12-20T00:00:00.000Z"}]),
            Some((C::ClientSecretExpiring, S::Warn)),
        ),
        (
            json!([{"endDateTime": "2026-01-01T00:00:00Z"}, {"endDateTime": "2028-01-01T00:00:00Z"}]),
            None,
        ),
        // A secret without a readable end date is unknown, not pass: see
        // review_regressions.rs.
    ];
    for (creds, want) in cases {
        let mut w = World::ready();
        w.body(G5)["value"][0]["passwordCredentials"] = creds.clone();
        let want: Vec<_> = want.into_iter().collect();
        let r = expect(&w, &want);
        let fixes: Vec<&str> = r
            .findings()
            .filter(|f| f.status != S::Pass)
            .map(|f| f.remediation.cli.as_str())
            .collect();
        assert!(
            fixes.iter().all(|c| c.contains("credential reset")),
            "{creds}"
        );
    }
    let mut w = World::ready();
    w.body(G5)["value"] = json!([]);
    expect(&w, &[(C::ClientSecretMissing, S::Fail)]);
}

#[test]
fn log_analytics_reader_missing_for_the_app_and_for_the_guest() {
    let mut w = World::ready();
    w.drop_values(&roles_of(SUB_B), |v| {
        is_role(v, catalog::roles::LOG_ANALYTICS_READER.id, SP)
    });
    let r = expect(&w, &[(C::LogAnalyticsReaderMissing, S::Fail)]);
    let f = finding(&r, C::LogAnalyticsReaderMissing);
    assert_eq!(f.resource, format!("/subscriptions/{SUB_B}"));
    assert!(
        f.remediation
            .cli
            .contains(&format!("--assignee-object-id {SP}"))
            && f.remediation
                .cli
                .ends_with(&format!("--scope /subscriptions/{SUB_B}"))
    );

    let mut w = World::ready();
    w.drop_values(&roles_of(SUB_B), |v| {
        is_role(v, catalog::roles::LOG_ANALYTICS_READER.id, GUEST)
    });
    let r = expect(&w, &[(C::LogAnalyticsReaderMissing, S::Fail)]);
    assert!(finding(&r, C::LogAnalyticsReaderMissing)
        .remediation
        .cli
        .contains(GUEST));

    // Without a guest in the plan the guest's role is not checked.
    w.plan.guest_user = None;
    w.remove(G3);
    w.remove(G4);
    expect(&w, &[]);
}

#[test]
fn log_analytics_reader_inherited_counts_but_a_resource_group_does_not() {
    for (scope, ok) in [
        (
            "/providers/Microsoft.Management/managementGroups/contoso-root".to_owned(),
            true,
        ),
        ("/".to_owned(), true),
        (
            format!("/subscriptions/{SUB_B}/resourceGroups/rg-dev-data"),
            false,
        ),
        (format!("/subscriptions/{SUB_A}"), false),
    ] {
        let mut w = World::ready();
        for v in w.body(&roles_of(SUB_B))["value"].as_array_mut().unwrap() {
            if is_role(v, catalog::roles::LOG_ANALYTICS_READER.id, SP) {
                v["properties"]["scope"] = scope.clone().into();
            }
        }
        let want: &[(C, S)] = if ok {
            &[]
        } else {
            &[(C::LogAnalyticsReaderMissing, S::Fail)]
        };
        expect(&w, want);
    }
}

#[test]
fn role_assignments_in_the_az_cli_shape_and_tenant_role_form() {
    let mut w = World::ready();
    // `az role assignment list` output: a bare array of flattened assignments.
    let flat: Vec<Value> = w.body(&roles_of(SUB_B))["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let p = &v["properties"];
            let role = p["roleDefinitionId"].as_str().unwrap().rsplit('/').next().unwrap();
            json!({"id": v["id"], "principalId": p["principalId"], "scope": p["scope"],
                   "roleDefinitionId": format!("/providers/Microsoft.Authorization/roleDefinitions/{}", role.to_uppercase()),
                   "principalName": "x", "roleDefinitionName": "y"})
        })
        .collect();
    w.set(&roles_of(SUB_B), 200, Value::Array(flat));
    expect(&w, &[]);
}

#[test]
fn guest_user_not_found_and_global_reader_missing() {
    let mut w = World::ready();
    w.body(G3)["value"] = json!([]);
    expect(
        &w,
        &[
            (C::GuestUserNotFound, S::Fail),
            (C::LogAnalyticsReaderMissing, S::Fail),
            (C::LogAnalyticsReaderMissing, S::Fail),
        ],
    );

    let mut w = World::ready();
    w.body(G4)["value"][0]["roleDefinitionId"] =
        catalog::directory_roles::SECURITY_READER.id.into();
    let r = expect(&w, &[(C::GlobalReaderMissing, S::Fail)]);
    assert!(finding(&r, C::GlobalReaderMissing)
        .remediation
        .cli
        .contains(GUEST));
}

#[test]
fn log_storage_account_missing() {
    let mut w = World::ready();
    let log = log_account();
    w.drop_values(&accounts_of(SUB_A), |v| v["id"] == log.as_str());
    let r = expect(&w, &[(C::LogStorageAccountMissing, S::Fail)]);
    let cli = &finding(&r, C::LogStorageAccountMissing).remediation.cli;
    assert!(
        cli.contains("--name contosoworkbenchlogs --resource-group rg-security-logs")
            && cli.contains(SUB_A),
        "{cli}"
    );
}

#[test]
fn log_storage_account_kind_from_the_real_examples() {
    for (file, upgradable) in [
        ("storage/StorageAccountGetProperties.2024-01-01.json", true), // kind Storage
        ("storage/NfsV3AccountCreate.2024-01-01.json", false),         // kind BlockBlobStorage
    ] {
        let mut w = World::ready();
        let mut acct = example(file);
        acct["id"] = log_account().into();
        w.body(&accounts_of(SUB_A))["value"][0] = acct;
        let r = expect(&w, &[(C::LogStorageAccountKind, S::Fail)]);
        let cli = &finding(&r, C::LogStorageAccountKind).remediation.cli;
        assert_eq!(cli.contains("--set kind=StorageV2"), upgradable, "{cli}");
    }
}

#[test]
fn storage_blob_data_reader() {
    let sbdr = catalog::roles::STORAGE_BLOB_DATA_READER.id;
    for (scope, ok) in [
        (
            format!("/subscriptions/{SUB_A}/resourceGroups/rg-security-logs"),
            true,
        ),
        (format!("/subscriptions/{SUB_A}"), true),
        (
            format!("{}/blobServices/default/containers/other", log_account()),
            false,
        ),
        (
            account(SUB_A, "rg-security-logs", "contosoworkbenchlogs2"),
            false,
        ),
    ] {
        let mut w = World::ready();
        for v in w.body("$skiptoken")["value"].as_array_mut().unwrap() {
            if is_role(v, sbdr, SP) {
                v["properties"]["scope"] = scope.clone().into();
            }
        }
        let want: &[(C, S)] = if ok {
            &[]
        } else {
            &[(C::StorageBlobDataReaderMissing, S::Fail)]
        };
        let r = expect(&w, want);
        if !ok {
            let cli = &finding(&r, C::StorageBlobDataReaderMissing).remediation.cli;
            assert!(
                cli.contains(sbdr) && cli.contains(&log_account()) && cli.contains(SP),
                "{cli}"
            );
        }
    }
}

#[test]
fn storage_blob_data_reader_from_the_docs_output() {
    // The docs' real-world output: a subscription-qualified roleDefinitionId.
    let text = fixture("azure-examples/authorization/role-assignments-list-rest.docs-output.json")
        .replace("{subscriptionId1}", SUB_A)
        .replace("{objectId1}", SP)
        .replace(
            "{roleAssignmentId1}",
            "0e5a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c",
        );
    let mut w = World::ready();
    w.set("$skiptoken", 200, serde_json::from_str(&text).unwrap());
    // Page 2 held the guest's reader role on A too; its loss is the one finding.
    expect(&w, &[(C::LogAnalyticsReaderMissing, S::Fail)]);
}

#[test]
fn storage_firewall() {
    let cases: Vec<(Value, Option<&str>, bool)> = vec![
        // Deny, no Logging bypass, one of two egress ranges allowed.
        (
            json!({"defaultAction": "Deny", "bypass": "AzureServices", "ipRules": [{"value": "203.0.113.10", "action": "Allow"}]}),
            None,
            false,
        ),
        // Logging among several bypass values, odd spacing and case.
        (
            json!({"defaultAction": "Deny", "bypass": "Metrics,  logging", "ipRules": []}),
            None,
            true,
        ),
        // Every egress address inside an allowed range.
        (
            json!({"defaultAction": "Deny", "bypass": "None", "ipRules": [{"value": "203.0.113.0/24"}, {"value": "198.51.100.0/28"}]}),
            None,
            true,
        ),
        // A /29 only partly allowed.
        (
            json!({"defaultAction": "Deny", "bypass": "None", "ipRules": [{"value": "203.0.113.10"}, {"value": "198.51.100.0/30"}]}),
            None,
            false,
        ),
        // Allow by default: rules have no effect.
        (
            json!({"defaultAction": "Allow", "bypass": "None", "ipRules": []}),
            None,
            true,
        ),
        // Public network access disabled blocks everything.
        (
            json!({"defaultAction": "Allow", "bypass": "Logging"}),
            Some("Disabled"),
            false,
        ),
    ];
    for (acl, public, ok) in cases {
        let mut w = World::ready();
        let props = &mut w.body(&accounts_of(SUB_A))["value"][0]["properties"];
        props["networkAcls"] = acl.clone();
        if let Some(p) = public {
            props["publicNetworkAccess"] = p.into();
        }
        let want: &[(C, S)] = if ok {
            &[]
        } else {
            &[(C::StorageFirewallBlocksLogs, S::Fail)]
        };
        let r = expect(&w, want);
        if !ok {
            let f = finding(&r, C::StorageFirewallBlocksLogs);
            assert!(
                f.remediation.cli.contains("Logging"),
                "{acl}: {}",
                f.remediation.cli
            );
        }
    }
    // The az CLI shape: `networkRuleSet` at the top level.
    let mut w = World::ready();
    let acct = &mut w.body(&accounts_of(SUB_A))["value"][0];
    acct["properties"]["networkAcls"].take();
    acct["networkRuleSet"] =
        json!({"defaultAction": "Deny", "bypass": "AzureServices", "ipRules": []});
    let r = expect(&w, &[(C::StorageFirewallBlocksLogs, S::Fail)]);
    assert!(finding(&r, C::StorageFirewallBlocksLogs)
        .message
        .contains("198.51.100.0/29"));
}

#[test]
fn monitored_storage_account_not_found() {
    let mut w = World::ready();
    let real = account(SUB_B, "rg-dev-data", "contosodevdata");
    let gone = account(SUB_B, "rg-dev-data", "contosogone");
    w.plan.monitored_storage_accounts =
        MonitoredStorageAccounts::List(vec![real.parse().unwrap(), gone.parse().unwrap()]);
    let r = expect(&w, &[(C::MonitoredStorageAccountNotFound, S::Fail)]);
    assert_eq!(
        finding(&r, C::MonitoredStorageAccountNotFound).resource,
        gone
    );
    // Only the listed accounts are checked.
    assert_eq!(
        r.resources
            .iter()
            .filter(|x| x.kind == azure_onboarding::ResourceKind::StorageAccount)
            .count(),
        2
    );
}

#[test]
fn diagnostic_setting_missing_with_the_real_example() {
    let mut w = World::ready();
    // A real setting that sends allLogs, but to another storage account.
    w.set(
        &diag("contosoproddata", "queue"),
        200,
        example("monitor/listDiagnosticSettings.2021-05-01-preview.json"),
    );
    let r = expect(&w, &[(C::DiagnosticSettingMissing, S::Fail)]);
    let f = finding(&r, C::DiagnosticSettingMissing);
    assert!(f
        .resource
        .ends_with("/contosoproddata/queueServices/default"));
    assert!(
        f.remediation
            .cli
            .contains("/contosoproddata/queueServices/default --storage-account"),
        "{}",
        f.remediation.cli
    );
    assert!(f
        .remediation
        .cli
        .contains(&format!("--storage-account {}", log_account())));
}

#[test]
fn diagnostic_setting_with_all_logs_to_the_log_account_passes() {
    let mut w = World::ready();
    let mut body = example("monitor/listDiagnosticSettings.2021-05-01-preview.json");
    body["value"][0]["properties"]["storageAccountId"] = log_account().to_lowercase().into();
    w.set(&diag("contosoproddata", "queue"), 200, body);
    expect(&w, &[]);
}

#[test]
fn diagnostic_category_missing() {
    let mut w = World::ready();
    let mut body = example("monitor/getDiagnosticSettingCategory.2021-05-01-preview.json");
    body["properties"]["storageAccountId"] = log_account().into();
    body["properties"]["logs"] = json!([
        {"category": "StorageRead", "enabled": true},
        {"category": "StorageWrite", "enabled": false},
        {"categoryGroup": "audit", "enabled": true}
    ]);
    w.set(
        &diag("contosodevdata", "table"),
        200,
        json!({"value": [body]}),
    );
    let r = expect(&w, &[(C::DiagnosticCategoryMissing, S::Fail)]);
    let f = finding(&r, C::DiagnosticCategoryMissing);
    assert!(
        f.message.contains("StorageWrite, StorageDelete") && f.message.contains("'mysetting'"),
        "{}",
        f.message
    );
    assert!(
        f.remediation.cli.contains("--name 'mysetting'"),
        "{}",
        f.remediation.cli
    );
}

#[test]
fn diagnostic_settings_limit() {
    let mut w = World::ready();
    let setting = example("monitor/getDiagnosticSetting.2021-05-01-preview.json");
    w.set(
        &diag("contosoweb", "file"),
        200,
        json!({"value": vec![setting; 5]}),
    );
    expect(
        &w,
        &[
            (C::DiagnosticSettingMissing, S::Fail),
            (C::DiagnosticSettingsLimit, S::Fail),
        ],
    );
}

#[test]
fn a_404_for_a_service_the_accounts_kind_has_is_unknown() {
    // contosoweb is StorageV2, which has a file service: the 404 is a failed read, not
    // "nothing to log" (issue 12 §4; before, this was silently skipped).
    let mut w = World::ready();
    w.set(
        &diag("contosoweb", "file"),
        404,
        json!({"error": {"code": "ResourceNotFound"}}),
    );
    let r = expect(&w, &[(C::RequestFailed, S::Unknown)]);
    assert!(!r.ready);
}

#[test]
fn classic_storage_account() {
    let mut w = World::ready();
    w.body(&classic_of(SUB_A))["value"] = json!([{"id": format!("/subscriptions/{SUB_A}/resourceGroups/Default-Storage-WestEurope/providers/Microsoft.ClassicStorage/storageAccounts/old1"), "name": "old1"}]);
    let r = expect(&w, &[(C::ClassicStorageAccount, S::Warn)]);
    assert!(r.ready);
}

#[test]
fn defender_plans_from_the_real_example() {
    let mut w = World::ready();
    w.set(
        &pricings_of(SUB_A),
        200,
        example("security/ListPricings_example.2024-01-01.json"),
    );
    let r = expect(
        &w,
        &[
            (C::DefenderPlanNotEnabled, S::Warn),
            (C::DefenderPlanNotEnabled, S::Warn),
        ],
    );
    let named: Vec<bool> = ["AppServices", "CosmosDbs"]
        .iter()
        .map(|p| {
            r.findings().any(|f| {
                f.message.contains(p)
                    && f.remediation
                        .cli
                        .contains(&format!("--name {p} --tier Standard"))
            })
        })
        .collect();
    assert_eq!(named, [true, true]);
    assert!(r.ready);
}

#[test]
fn storage_account_contributor_assigned() {
    let mut w = World::ready();
    let id = format!("/subscriptions/{SUB_B}/providers/Microsoft.Authorization/roleAssignments/0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
    w.body(&roles_of(SUB_B))["value"].as_array_mut().unwrap().push(json!({
        "id": id, "properties": {"roleDefinitionId": format!("/providers/Microsoft.Authorization/roleDefinitions/{}", catalog::roles::STORAGE_ACCOUNT_CONTRIBUTOR.id),
        "principalId": SP, "principalType": "ServicePrincipal", "scope": format!("/subscriptions/{SUB_B}")}}));
    let r = expect(&w, &[(C::StorageAccountContributorAssigned, S::Warn)]);
    assert!(finding(&r, C::StorageAccountContributorAssigned)
        .remediation
        .cli
        .ends_with(&id));
}

#[test]
fn not_authorized_to_read_names_the_permission() {
    let mut w = World::ready();
    w.set(
        &roles_of(SUB_B),
        403,
        json!({"error": {"code": "AuthorizationFailed"}}),
    );
    let r = expect(
        &w,
        &[
            (C::NotAuthorizedToRead, S::Unknown),
            (C::NotAuthorizedToRead, S::Unknown),
        ],
    );
    assert!(!r.ready);
    let f = finding(&r, C::NotAuthorizedToRead);
    assert!(
        f.message.contains("roleAssignments/read") && f.required,
        "{}",
        f.message
    );
    assert!(f.request.as_deref().unwrap().contains("roleAssignments"));

    let mut w = World::ready();
    w.set(G3, 401, Value::Null);
    let r = expect(
        &w,
        &[
            (C::NotAuthorizedToRead, S::Unknown),
            (C::NotAuthorizedToRead, S::Unknown),
            (C::NotAuthorizedToRead, S::Unknown),
        ],
    );
    assert!(finding(&r, C::NotAuthorizedToRead)
        .message
        .contains("User.Read.All"));
}

#[test]
fn not_collected() {
    let mut w = World::ready();
    w.remove(G2);
    let r = expect(&w, &[(C::NotCollected, S::Unknown)]);
    let f = finding(&r, C::NotCollected);
    assert!(
        f.remediation.cli.starts_with("az rest --method get --url")
            && f.remediation.cli.contains(SP)
    );

    // A missing later page of a paged list.
    let mut w = World::ready();
    w.remove("$skiptoken");
    let r = expect(
        &w,
        &[
            (C::NotCollected, S::Unknown),
            (C::NotCollected, S::Unknown),
            (C::NotCollected, S::Unknown),
        ],
    );
    assert!(r.findings().filter(|f| f.status != S::Pass).all(|f| f
        .request
        .as_deref()
        .unwrap()
        .contains("skiptoken")
        && f.message.contains("later page")));

    // The log account's subscription's storage accounts.
    let mut w = World::ready();
    w.remove(&accounts_of(SUB_A));
    let r = expect(
        &w,
        &[(C::NotCollected, S::Unknown), (C::NotCollected, S::Unknown)],
    );
    assert!(!r.ready);
}

#[test]
fn optional_checks_do_not_block_readiness_when_unknown() {
    let mut w = World::ready();
    w.remove(&pricings_of(SUB_A));
    w.set(
        &classic_of(SUB_B),
        409,
        json!({"error": {"code": "MissingSubscriptionRegistration"}}),
    );
    let r = expect(
        &w,
        &[
            (C::NotCollected, S::Unknown),
            (C::RequestFailed, S::Unknown),
        ],
    );
    assert!(r.ready);
}

#[test]
fn request_failed() {
    let mut w = World::ready();
    w.set(&subscription(SUB_A), 503, Value::Null);
    let r = expect(&w, &[(C::RequestFailed, S::Unknown)]);
    assert!(finding(&r, C::RequestFailed).message.contains("503"));
}

#[test]
fn response_unreadable_names_the_json_path() {
    let mut w = World::ready();
    w.body(&accounts_of(SUB_B))["value"][1]["kind"] = json!(5);
    let r = expect(&w, &[(C::ResponseUnreadable, S::Unknown)]);
    assert!(
        finding(&r, C::ResponseUnreadable)
            .message
            .contains("value[1].kind"),
        "{}",
        finding(&r, C::ResponseUnreadable).message
    );
}

#[test]
fn every_code_is_exercised_or_documented() {
    // Codes are public API: this list is the table in FindingCode's docs.
    let all: Vec<&str> = C::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(all.len(), 38);
    for c in C::ALL {
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
    }
}
