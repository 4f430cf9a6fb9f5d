//! The wasm-bindgen tests shared by the Node and the Chromium runs.

use azure_onboarding_wasm::{catalog, validate_config, validate_field, version};
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

/// A format-valid client secret (40 characters, `8Q~` at index 3) used to prove that the
/// secret never comes back out.
const CANARY: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property readable")
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .expect("stringify")
        .as_string()
        .expect("a string")
}

#[wasm_bindgen_test]
fn version_matches_the_core_crate() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn a_valid_custom_app_config_is_valid_and_the_secret_stays_inside() {
    let config = json(&format!(
        r#"{{"accessOption":"customApp","tenantId":" 6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B ",
            "clientId":"1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d","clientSecret":"{CANARY}",
            "deviceName":"Azure production","location":"Microsoft Cloud"}}"#
    ));
    let report = validate_config(config).expect("a report, not an exception");
    assert_eq!(
        get(&report, "valid"),
        JsValue::TRUE,
        "{}",
        stringify(&report)
    );
    let normalized = get(&report, "normalized");
    assert_eq!(
        get(&normalized, "tenantId").as_string().as_deref(),
        Some("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b")
    );
    assert_eq!(
        get(&normalized, "clientSecret").as_string().as_deref(),
        Some("abc…")
    );
    // Plain objects only: JSON.stringify of an ES Map would lose its entries.
    assert!(!stringify(&report).contains("CANARY"));
    assert!(!report.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
fn findings_are_data_not_exceptions() {
    let config = json(r#"{"accessOption":"customApp","tenantId":"contoso.onmicrosoft.com"}"#);
    let report = validate_config(config).expect("a report");
    assert_eq!(get(&report, "valid"), JsValue::FALSE);
    let issues: Array = get(&report, "issues")
        .dyn_into()
        .expect("issues is an array");
    let codes: Vec<String> = issues
        .iter()
        .map(|i| get(&i, "code").as_string().unwrap())
        .collect();
    assert!(
        codes.iter().any(|c| c == "tenant-id-is-domain"),
        "{codes:?}"
    );
    assert!(codes.iter().any(|c| c == "required"), "{codes:?}");
}

#[wasm_bindgen_test]
fn misuse_throws_an_error_subclass_with_code_and_json_path() {
    let err = validate_config(json(r#"{"tenantId": 42}"#)).expect_err("a number is misuse");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("AzureOnboardingError")
    );
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid-argument")
    );
    assert_eq!(
        get(&err, "path").as_string().as_deref(),
        Some("config.tenantId")
    );

    let err = validate_field(JsValue::from_str("tenantID"), "x", None)
        .expect_err("an unknown field name is misuse");
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("field"));
}

#[wasm_bindgen_test]
fn misuse_errors_never_quote_the_secret() {
    // The whole secret passed where the config object belongs.
    let err = validate_config(JsValue::from_str(CANARY)).expect_err("a string is misuse");
    let message = get(&err, "message").as_string().unwrap();
    assert!(!message.contains("CANARY"), "{message}");
    assert!(message.starts_with("config: invalid type"), "{message}");
    // The secret inside an array where a string belongs.
    let err = validate_config(json(&format!(r#"{{"clientSecret":["{CANARY}"]}}"#))).unwrap_err();
    assert!(!get(&err, "message").as_string().unwrap().contains("CANARY"));
}

#[wasm_bindgen_test]
fn validate_field_gives_keystroke_feedback() {
    let context = json(r#"{"accessOption":"customApp"}"#);
    let issues = validate_field(
        JsValue::from_str("clientSecret"),
        "2f1c6a0e-9b7d-4c3e-8a51-6d2b9f0e7a41",
        Some(context),
    )
    .expect("issues");
    let text = stringify(&issues);
    assert!(text.contains("secret-id-instead-of-value"), "{text}");
    let none = validate_field(
        JsValue::from_str("tenantId"),
        "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b",
        None,
    )
    .expect("issues");
    assert_eq!(Array::from(&none).length(), 0, "{}", stringify(&none));
}

#[wasm_bindgen_test]
fn catalog_is_plain_data_with_steps() {
    let catalog = catalog().expect("catalog");
    let text = stringify(&catalog);
    assert!(
        text.contains("73c42c96-874c-492b-b04d-ab87d138a893"),
        "Log Analytics Reader GUID"
    );
    assert!(
        text.contains("f2ef992c-3afb-46b9-b7cf-a126ee74c451"),
        "Global Reader template ID"
    );
}

#[cfg(feature = "assess")]
#[wasm_bindgen_test]
fn assess_reports_the_demo_tenant_as_not_ready_with_findings_as_data() {
    let plan = json(include_str!("../../../../examples/demo-plan.json"));
    let snapshot = json(include_str!("../../../../examples/demo-snapshot.json"));
    let report = azure_onboarding_wasm::assess(plan.clone(), snapshot).expect("a report");
    assert_eq!(get(&report, "ready"), JsValue::FALSE);
    let summary = get(&report, "summary");
    assert!(
        get(&summary, "fail").as_f64().unwrap() >= 1.0,
        "{}",
        stringify(&summary)
    );

    let err = azure_onboarding_wasm::assess(plan, json(r#"{"format":"v0"}"#))
        .expect_err("a snapshot of the wrong shape is misuse");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid-argument")
    );
    assert!(get(&err, "path")
        .as_string()
        .unwrap()
        .starts_with("snapshot"));
}
