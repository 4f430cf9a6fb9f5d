//! Every real Azure example response in `tests/fixtures/azure-examples/` parses with the
//! assessment's readers for the request it answers.

mod common;

use azure_onboarding::{check_response_body, RequestId};
use common::example;

#[test]
fn every_example_response_parses() {
    let cases = [
        (
            "authorization/RoleAssignments_ListForResourceGroup.json",
            RequestId::S2,
        ),
        (
            "authorization/RoleAssignments_ListForScope.json",
            RequestId::S2,
        ),
        (
            "authorization/role-assignments-list-rest.docs-output.json",
            RequestId::S2,
        ),
        (
            "graph/serviceprincipal-list-approleassignments.docs-response.json",
            RequestId::G2,
        ),
        (
            "monitor/listDiagnosticSettings.2021-05-01-preview.json",
            RequestId::S4,
        ),
        (
            "security/ListPricings_example.2024-01-01.json",
            RequestId::S5,
        ),
        ("resources/GetSubscriptions.2022-12-01.json", RequestId::S3), // a list page
    ];
    for (file, id) in cases {
        check_response_body(id, &example(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    // Single objects: a subscription, storage accounts and diagnostic settings as list items.
    let sub = &example("resources/GetSubscriptions.2022-12-01.json")["value"][0];
    check_response_body(RequestId::S1, sub).unwrap();
    for file in [
        "storage/StorageAccountGetProperties.2024-01-01.json",
        "storage/NfsV3AccountCreate.2024-01-01.json",
    ] {
        let page = serde_json::json!({ "value": [example(file)] });
        check_response_body(RequestId::S3, &page).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    for file in [
        "monitor/getDiagnosticSetting.2021-05-01-preview.json",
        "monitor/getDiagnosticSettingCategory.2021-05-01-preview.json",
    ] {
        let page = serde_json::json!({ "value": [example(file)] });
        check_response_body(RequestId::S4, &page).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

#[test]
fn every_example_file_is_covered() {
    // New example files must be added to the cases above (or here, if not a response).
    let not_responses = [
        "graph/permissions-descriptions.subset.json",
        "monitor/listDiagnosticSettingsCategories.2021-05-01-preview.json",
    ];
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/azure-examples");
    let this = include_str!("examples_parse.rs");
    let mut n = 0;
    for group in std::fs::read_dir(&dir).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&group).unwrap() {
            let f = f.unwrap().path();
            let rel = format!(
                "{}/{}",
                group.file_name().unwrap().to_str().unwrap(),
                f.file_name().unwrap().to_str().unwrap()
            );
            assert!(this.contains(&format!("\"{rel}\"")), "{rel} is not tested");
            if !not_responses.contains(&rel.as_str()) {
                serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&f).unwrap())
                    .unwrap();
            }
            n += 1;
        }
    }
    assert_eq!(n, 13);
}
