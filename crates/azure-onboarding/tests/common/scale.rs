//! A generated tenant of any size for the scale test and the benchmark: `subs`
//! subscriptions of `accounts` storage accounts each, every account with four
//! diagnostic-setting responses, everything configured as needed (the report is ready).

use std::fmt::Write as _;

pub const TENANT: &str = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";
pub const APP: &str = "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6";
const SP: &str = "5b7e3c1a-9d8f-4e2b-a6c7-3f1e0d9c8b7a";
const GUEST: &str = "c81f5e2d-6a4b-4c3d-9e8f-7a6b5c4d3e2f";
const ARM: &str = "https://management.azure.com";
const GRAPH: &str = "https://graph.microsoft.com/v1.0";

fn sub_id(i: usize) -> String {
    format!("{:08x}-0000-4000-8000-{:012x}", i + 1, i + 1)
}

fn account_id(sub: &str, j: usize) -> String {
    format!("/subscriptions/{sub}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acct{j:05}")
}

fn log_id() -> String {
    format!("/subscriptions/{}/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/workbenchlogs", sub_id(0))
}

/// The plan as JSON text.
pub fn plan(subs: usize) -> String {
    let list: Vec<String> = (0..subs).map(|i| format!("\"{}\"", sub_id(i))).collect();
    format!(
        r#"{{"tenantId":"{TENANT}","accessOption":"customApp","applicationId":"{APP}","guestUser":{{"mail":"analyst@provider.example"}},"subscriptions":[{}],"logStorageAccount":"{}","egressIps":["203.0.113.10"]}}"#,
        list.join(","),
        log_id()
    )
}

fn response(out: &mut String, url: &str, body: &str) {
    if !out.ends_with('[') {
        out.push(',');
    }
    let _ = write!(
        out,
        r#"{{"method":"GET","url":"{url}","status":200,"body":{body}}}"#
    );
}

fn role(scope: &str, role: &str, principal: &str, n: usize) -> String {
    format!(
        r#"{{"id":"{scope}/providers/Microsoft.Authorization/roleAssignments/{n:08x}-0000-4000-8000-000000000000","properties":{{"roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/{role}","principalId":"{principal}","principalType":"ServicePrincipal","scope":"{scope}"}}}}"#
    )
}

fn account(id: &str, name: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{name}","kind":"StorageV2","type":"Microsoft.Storage/storageAccounts","location":"westeurope","properties":{{"networkAcls":{{"bypass":"AzureServices, Logging","defaultAction":"Deny","ipRules":[]}},"publicNetworkAccess":"Enabled","provisioningState":"Succeeded"}}}}"#
    )
}

/// The snapshot as JSON text.
pub fn snapshot(subs: usize, accounts: usize) -> String {
    let mut out = String::with_capacity(subs * accounts * 1400 + 10_000);
    out.push_str(r#"{"format":"azure-onboarding-snapshot/v1","collectedAt":"2026-11-26T12:00:00Z","responses":["#);
    let g = |p: &str| format!("{GRAPH}{p}");
    response(
        &mut out,
        &g(&format!("/servicePrincipals?$filter=appId eq '{APP}'")),
        &format!(r#"{{"value":[{{"id":"{SP}","appId":"{APP}"}}]}}"#),
    );
    let perms = [
        "472e4a4d-bb4a-4026-98d1-0b0d74cb74a5",
        "45cc0394-e837-488b-a098-1918f48d186c",
        "bf394140-e372-4bf9-a898-299cfc7564e5",
        "df021288-bdef-4463-88db-98f22de89214",
        "e8f6e161-84d0-4cd7-9441-2d46ec9ec3d5",
    ];
    let grants: Vec<String> = perms
        .iter()
        .map(|p| format!(r#"{{"appRoleId":"{p}"}}"#))
        .collect();
    response(
        &mut out,
        &g(&format!("/servicePrincipals/{SP}/appRoleAssignments")),
        &format!(r#"{{"value":[{}]}}"#, grants.join(",")),
    );
    response(
        &mut out,
        &g(&format!("/applications?$filter=appId eq '{APP}'")),
        &format!(
            r#"{{"value":[{{"appId":"{APP}","passwordCredentials":[{{"endDateTime":"2027-09-01T00:00:00Z"}}]}}]}}"#
        ),
    );
    response(
        &mut out,
        &g("/users?$filter=mail eq 'analyst@provider.example'"),
        &format!(r#"{{"value":[{{"id":"{GUEST}"}}]}}"#),
    );
    response(
        &mut out,
        &g(&format!(
            "/roleManagement/directory/roleAssignments?$filter=principalId eq '{GUEST}'"
        )),
        r#"{"value":[{"roleDefinitionId":"f2ef992c-3afb-46b9-b7cf-a126ee74c451","directoryScopeId":"/"}]}"#,
    );
    let lar = "73c42c96-874c-492b-b04d-ab87d138a893";
    let log = log_id();
    for i in 0..subs {
        let s = sub_id(i);
        let scope = format!("/subscriptions/{s}");
        response(
            &mut out,
            &format!("{ARM}{scope}?api-version=2022-12-01"),
            &format!(
                r#"{{"subscriptionId":"{s}","tenantId":"{TENANT}","displayName":"Subscription {i}","state":"Enabled"}}"#
            ),
        );
        let mut roles = vec![role(&scope, lar, SP, 1), role(&scope, lar, GUEST, 2)];
        let mut accts: Vec<String> = Vec::new();
        if i == 0 {
            roles.push(role(&log, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", SP, 3));
            accts.push(account(&log, "workbenchlogs"));
        }
        response(&mut out, &format!("{ARM}{scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"), &format!(r#"{{"value":[{}]}}"#, roles.join(",")));
        for j in 0..accounts {
            accts.push(account(&account_id(&s, j), &format!("acct{j:05}")));
        }
        response(
            &mut out,
            &format!(
                "{ARM}{scope}/providers/Microsoft.Storage/storageAccounts?api-version=2024-01-01"
            ),
            &format!(r#"{{"value":[{}]}}"#, accts.join(",")),
        );
        let plans: Vec<String> = [
            "StorageAccounts",
            "KeyVaults",
            "Arm",
            "AppServices",
            "SqlServers",
            "CosmosDbs",
        ]
        .iter()
        .map(|p| format!(r#"{{"name":"{p}","properties":{{"pricingTier":"Standard"}}}}"#))
        .collect();
        response(
            &mut out,
            &format!("{ARM}{scope}/providers/Microsoft.Security/pricings?api-version=2024-01-01"),
            &format!(r#"{{"value":[{}]}}"#, plans.join(",")),
        );
        response(&mut out, &format!("{ARM}{scope}/providers/Microsoft.ClassicStorage/storageAccounts?api-version=2016-11-01"), r#"{"value":[]}"#);
        for j in 0..accounts {
            let a = account_id(&s, j);
            for svc in ["blob", "file", "queue", "table"] {
                response(
                    &mut out,
                    &format!("{ARM}{a}/{svc}Services/default/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview"),
                    &format!(r#"{{"value":[{{"name":"workbench-storage-logs","properties":{{"storageAccountId":"{log}","workspaceId":"","logs":[{{"category":"StorageRead","enabled":true}},{{"category":"StorageWrite","enabled":true}},{{"category":"StorageDelete","enabled":true}}]}}}}]}}"#),
                );
            }
        }
    }
    // The log account's containers (B1): none yet, so no blob list is needed (logs-idle).
    response(
        &mut out,
        "https://workbenchlogs.blob.core.windows.net/?comp=list&prefix=insights-logs-",
        r#""<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults><Prefix>insights-logs-</Prefix><Containers /><NextMarker /></EnumerationResults>""#,
    );
    out.push_str("]}");
    out
}
