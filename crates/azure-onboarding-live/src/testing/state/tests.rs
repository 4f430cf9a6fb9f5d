use super::*;

fn demo() -> Vec<SnapshotResponse> {
    let text = include_str!("../../../../../examples/demo-snapshot.json");
    Snapshot::from_json(text).unwrap().responses
}

const SUB: &str = "3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718";

#[test]
fn role_assignment_filters_and_conflicts() {
    let mut s = State::from_snapshot(&demo());
    let scope = format!("/subscriptions/{SUB}");
    let url = |q: &str| {
        format!("{ARM}{scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01{q}")
    };
    let (status, all) = s.handle("GET", &url(""), b"").unwrap();
    assert_eq!(status, 200);
    let n_all = all["value"].as_array().unwrap().len();
    let (_, at) = s.handle("GET", &url("&$filter=atScope()"), b"").unwrap();
    let n_at = at["value"].as_array().unwrap().len();
    assert!(n_at > 0 && n_at <= n_all);
    assert!(at["value"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| at_or_above(str_at(a, "/properties/scope"), &scope)));
    let principal = "00000000-0000-0000-0000-0000000000aa";
    let body = json!({"properties": {"roleDefinitionId": format!("/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{}", roles::READER.id), "principalId": principal, "principalType": "ServicePrincipal"}});
    let put = |name: &str| {
        format!("{ARM}{scope}/providers/Microsoft.Authorization/roleAssignments/{name}?api-version=2022-04-01")
    };
    let (status, _) = s
        .handle(
            "PUT",
            &put("11111111-1111-1111-1111-111111111111"),
            body.to_string().as_bytes(),
        )
        .unwrap();
    assert_eq!(status, 201);
    let (status, e) = s
        .handle(
            "PUT",
            &put("22222222-2222-2222-2222-222222222222"),
            body.to_string().as_bytes(),
        )
        .unwrap();
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (409, Some("RoleAssignmentExists"))
    );
    let (_, mine) = s
        .handle(
            "GET",
            &url(&format!("&$filter=principalId%20eq%20'{principal}'")),
            b"",
        )
        .unwrap();
    assert_eq!(mine["value"].as_array().unwrap().len(), 1);
    let (_, mine) = s
        .handle(
            "GET",
            &url(&format!("&$filter=atScope()+and+assignedTo('{principal}')")),
            b"",
        )
        .unwrap();
    assert_eq!(mine["value"].as_array().unwrap().len(), 1);
    let (status, _) = s
        .handle("GET", &url("&$filter=roleName eq 'x'"), b"")
        .unwrap();
    assert_eq!(status, 400);
    // A role definition of another subscription is refused.
    let other = json!({"properties": {"roleDefinitionId": format!("/subscriptions/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d/providers/Microsoft.Authorization/roleDefinitions/{}", roles::OWNER.id), "principalId": principal}});
    let (status, _) = s
        .handle(
            "PUT",
            &put("33333333-3333-3333-3333-333333333333"),
            other.to_string().as_bytes(),
        )
        .unwrap();
    assert_eq!(status, 400);
}

#[test]
fn storage_patch_replaces_named_properties_only() {
    let mut s = State::from_snapshot(&demo());
    let id = format!("/subscriptions/{SUB}/resourceGroups/rg-security-logs/providers/Microsoft.Storage/storageAccounts/contosoworkbenchlogs");
    let (status, before) = s
        .handle("GET", &format!("{ARM}{id}?api-version=2025-08-01"), b"")
        .unwrap();
    assert_eq!(status, 200);
    let patch = json!({"properties": {"networkAcls": {"bypass": "AzureServices, Logging", "defaultAction": "Deny", "ipRules": []}}});
    let (status, after) = s
        .handle(
            "PATCH",
            &format!("{ARM}{id}?api-version=2025-08-01"),
            patch.to_string().as_bytes(),
        )
        .unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        after["properties"]["networkAcls"]["bypass"],
        "AzureServices, Logging"
    );
    assert_eq!(
        after["properties"]["encryption"],
        before["properties"]["encryption"]
    );
    let snap = s.to_snapshot(&demo(), "2026-11-30T12:00:00Z");
    let list = snap
        .responses
        .iter()
        .find(|r| {
            r.url.contains(&format!(
                "/subscriptions/{SUB}/providers/Microsoft.Storage/storageAccounts"
            ))
        })
        .unwrap();
    assert!(list.body.to_string().contains("AzureServices, Logging"));
    assert_eq!(
        snap.responses
            .iter()
            .filter(|r| r.url.contains("Microsoft.Storage/storageAccounts?"))
            .count(),
        2
    );
}

#[test]
fn diagnostic_settings_and_pricings_round_trip() {
    let mut s = State::from_snapshot(&demo());
    let svc = format!("/subscriptions/{SUB}/resourceGroups/rg-prod-data/providers/Microsoft.Storage/storageAccounts/contosoproddata/queueServices/default");
    let one = format!("{ARM}{svc}/providers/Microsoft.Insights/diagnosticSettings/x?api-version=2021-05-01-preview");
    assert_eq!(s.handle("GET", &one, b"").unwrap().0, 404);
    let body = json!({"properties": {"storageAccountId": "/subscriptions/a/x", "logs": [{"category": "StorageRead", "enabled": true}]}});
    let (status, set) = s.handle("PUT", &one, body.to_string().as_bytes()).unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        set["properties"]["logs"][0]["retentionPolicy"]["enabled"],
        false
    );
    assert_eq!(s.handle("GET", &one, b"").unwrap().1, set);
    // Not a storage service: not owned.
    assert!(s.handle("GET", &format!("{ARM}/subscriptions/{SUB}/resourceGroups/r/providers/Microsoft.Web/sites/w/providers/Microsoft.Insights/diagnosticSettings"), b"").is_none());
    let p = format!("{ARM}/subscriptions/{SUB}/providers/Microsoft.Security/pricings/CosmosDbs?api-version=2024-01-01");
    let (status, on) = s
        .handle("PUT", &p, br#"{"properties":{"pricingTier":"Standard"}}"#)
        .unwrap();
    assert_eq!(
        (status, on["properties"]["pricingTier"].as_str()),
        (200, Some("Standard"))
    );
    // The 403 of the other subscription's pricings stays the replay's.
    assert!(s.handle("GET", &format!("{ARM}/subscriptions/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d/providers/Microsoft.Security/pricings"), b"").is_none());
}

#[test]
fn tags_come_from_the_user_agent() {
    assert_eq!(
        tag_of(Some("AZURECLI/2.91.0 (PIP) azcmd=c12 x")),
        Some("c12".into())
    );
    assert_eq!(tag_of(Some("python-requests")), None);
    assert_eq!(tag_of(None), None);
}
