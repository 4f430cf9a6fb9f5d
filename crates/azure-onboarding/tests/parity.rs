//! Parity with the npm package: the validation table in `tests/parity/` is run here through
//! the Rust API and in `tests/js/parity.test.mjs` through `@workbench/azure-onboarding`;
//! both must produce exactly the reports in `tests/parity/validation-reports.json`.
//! Regenerate that file with `UPDATE_GOLDEN=1 cargo test -p azure-onboarding --test parity`
//! and review the diff.

mod common;

use azure_onboarding::{validate, WorkbenchConfig};
use serde_json::{json, Value};
use std::path::PathBuf;

fn parity_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/parity")
}

#[test]
fn validation_reports_match_the_shared_golden_file() {
    let cases: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(parity_dir().join("validation-cases.json")).unwrap(),
    )
    .unwrap();
    assert!(cases.len() >= 10, "the table has real cases");
    let reports: Vec<Value> = cases
        .iter()
        .map(|case| {
            let config: WorkbenchConfig =
                serde_json::from_value(case["config"].clone()).expect("case config parses");
            json!({ "name": case["name"], "report": validate(&config) })
        })
        .collect();
    let actual = serde_json::to_string_pretty(&reports).unwrap() + "\n";
    let golden = parity_dir().join("validation-reports.json");
    common::golden::assert_golden(&golden, &actual);
    assert!(!actual.contains("CANARY"), "no secret in any report");
}

/// The tenant lookup's answers: the table in `tests/parity/lookup-cases.json` through the
/// Rust API (`finish_tenant_lookup` with the core's own JSON reading) must give exactly the
/// outcomes in `lookup-results.json`, which `tests/js/parity.test.mjs` checks through the
/// npm package (the browser's `JSON.parse` and `discoveryFrom`): the SDK, the CLI and a page
/// read the same discovery document the same way.
#[test]
fn lookup_outcomes_match_the_shared_golden_file() {
    use azure_onboarding::authority::{
        finish_tenant_lookup, DiscoveryDocument, LookupResponse, TenantLookupOptions,
    };
    let cases: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(parity_dir().join("lookup-cases.json")).unwrap(),
    )
    .unwrap();
    assert!(cases.len() >= 30, "the table has real cases");
    let outcomes: Vec<Value> = cases
        .iter()
        .map(|case| {
            let response: LookupResponse =
                serde_json::from_value(case["response"].clone()).expect("case response parses");
            let options: TenantLookupOptions = match case.get("options") {
                Some(o) => serde_json::from_value(o.clone()).expect("case options parse"),
                None => TenantLookupOptions::default(),
            };
            let outcome = finish_tenant_lookup(&response, &options, DiscoveryDocument::parse);
            json!({ "name": case["name"], "outcome": outcome })
        })
        .collect();
    let actual = serde_json::to_string_pretty(&outcomes).unwrap() + "\n";
    common::golden::assert_golden(&parity_dir().join("lookup-results.json"), &actual);
}
