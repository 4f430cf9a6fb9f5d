//! The wasm-bindgen tests shared by the Node and the Chromium runs.

use azure_onboarding_wasm::{validate_config, validate_field, version};
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

    let err = validate_field(
        JsValue::from_str("tenantID"),
        JsValue::from_str("x"),
        JsValue::UNDEFINED,
    )
    .expect_err("an unknown field name is misuse");
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("field"));
}

#[wasm_bindgen_test]
fn misuse_errors_never_quote_the_secret() {
    // The whole secret passed where the config object belongs.
    let err = validate_config(JsValue::from_str(CANARY)).expect_err("a string is misuse");
    let message = get(&err, "message").as_string().unwrap();
    assert!(!message.contains("CANARY"), "{message}");
    assert_eq!(message, "config: expected an object, got a string");
    // The secret inside an array where a string belongs.
    let err = validate_config(json(&format!(r#"{{"clientSecret":["{CANARY}"]}}"#))).unwrap_err();
    assert!(!get(&err, "message").as_string().unwrap().contains("CANARY"));
}

/// `(code, path, message)` of a misuse error.
fn misuse_of(err: JsValue) -> (String, String, String) {
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("AzureOnboardingError")
    );
    let text = |k: &str| get(&err, k).as_string().unwrap_or_default();
    (text("code"), text("path"), text("message"))
}

#[wasm_bindgen_test]
fn validate_field_refuses_what_is_not_a_string() {
    let field = || JsValue::from_str("tenantId");
    for (value, got) in [
        (JsValue::from_f64(42.0), "a number"),
        (JsValue::TRUE, "a boolean"),
        (json("{}"), "an object"),
        (JsValue::NULL, "null"),
        (JsValue::UNDEFINED, "undefined"),
    ] {
        let (code, path, message) =
            misuse_of(validate_field(field(), value, JsValue::UNDEFINED).unwrap_err());
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("invalid-argument", "value")
        );
        assert!(
            message.starts_with(&format!("value: expected a string, got {got}")),
            "{message}"
        );
    }
    let (_, path, message) = misuse_of(
        validate_field(
            JsValue::from_f64(1.0),
            JsValue::from_str("x"),
            JsValue::UNDEFINED,
        )
        .unwrap_err(),
    );
    assert_eq!(path, "field");
    assert_eq!(message, "field: expected a string, got a number");
    // Field names are ours, not secret: the list is there to read.
    let (_, _, message) = misuse_of(
        validate_field(
            JsValue::from_str("tenantID"),
            JsValue::from_str("x"),
            JsValue::UNDEFINED,
        )
        .unwrap_err(),
    );
    assert!(
        message.contains("accessOption, tenantId, clientId"),
        "{message}"
    );
    // The module still answers.
    assert!(validate_field(field(), JsValue::from_str(""), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn validate_config_refuses_arrays_maps_and_null() {
    let map = js_sys::Map::new();
    map.set(&JsValue::from_str("tenantId"), &JsValue::from_str("x"));
    for (config, got) in [
        (json("[]"), "an array"),
        (map.into(), "a Map"),
        (JsValue::NULL, "null"),
        (JsValue::UNDEFINED, "undefined"),
    ] {
        let (code, path, message) = misuse_of(validate_config(config).unwrap_err());
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("invalid-argument", "config")
        );
        assert_eq!(message, format!("config: expected an object, got {got}"));
    }
}

#[wasm_bindgen_test]
fn misuse_messages_speak_javascript() {
    for (config, path, message) in [
        (
            r#"{"tenantId": 42}"#,
            "config.tenantId",
            "config.tenantId: expected a string, got a number",
        ),
        (
            r#"{"deviceName": {"a": 1}}"#,
            "config.deviceName",
            "config.deviceName: expected a string, got an object",
        ),
        (
            r#"{"location": [1]}"#,
            "config.location",
            "config.location: expected a string, got an array",
        ),
        (
            r#"{"clientId": true}"#,
            "config.clientId",
            "config.clientId: expected a string, got a boolean",
        ),
    ] {
        let (_, p, m) = misuse_of(validate_config(json(config)).unwrap_err());
        assert_eq!((p.as_str(), m.as_str()), (path, message));
        assert!(!m.contains("JsValue") && !m.contains("struct") && !m.contains("invalid type"));
    }
}

#[wasm_bindgen_test]
fn a_field_longer_than_the_cap_is_refused_without_being_echoed() {
    let long = "6f1d2c3b".repeat(1_250_000); // 10 MB
    let config = js_sys::Object::new();
    js_sys::Reflect::set(&config, &"tenantId".into(), &JsValue::from_str(&long)).unwrap();
    let (code, path, message) = misuse_of(validate_config(config.into()).unwrap_err());
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalid-argument", "config.tenantId")
    );
    assert!(message.contains("longer than 4096 characters"), "{message}");
    assert!(!message.contains("6f1d2c3b"));
    let (_, path, _) = misuse_of(
        validate_field(
            JsValue::from_str("tenantId"),
            JsValue::from_str(&long),
            JsValue::UNDEFINED,
        )
        .unwrap_err(),
    );
    assert_eq!(path, "value");
    // 4096 characters are still a value to validate (and get a finding, not an error).
    let edge = "a".repeat(4096);
    assert!(validate_field(
        JsValue::from_str("deviceName"),
        JsValue::from_str(&edge),
        JsValue::UNDEFINED
    )
    .is_ok());
}

#[wasm_bindgen_test]
fn validate_field_gives_keystroke_feedback() {
    let context = json(r#"{"accessOption":"customApp"}"#);
    let issues = validate_field(
        JsValue::from_str("clientSecret"),
        JsValue::from_str("2f1c6a0e-9b7d-4c3e-8a51-6d2b9f0e7a41"),
        context,
    )
    .expect("issues");
    let text = stringify(&issues);
    assert!(text.contains("secret-id-instead-of-value"), "{text}");
    let none = validate_field(
        JsValue::from_str("tenantId"),
        JsValue::from_str("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b"),
        JsValue::NULL,
    )
    .expect("issues");
    assert_eq!(Array::from(&none).length(), 0, "{}", stringify(&none));
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

/// `depth` arrays nested in one another, built without recursion.
#[cfg(feature = "assess")]
fn nested(depth: usize) -> JsValue {
    let mut v: JsValue = Array::new().into();
    for _ in 1..depth {
        v = Array::of1(&v).into();
    }
    v
}

#[cfg(feature = "assess")]
#[wasm_bindgen_test]
fn an_over_deep_snapshot_is_refused_and_the_next_call_works() {
    let plan = || json(include_str!("../../../../examples/demo-plan.json"));
    let snapshot = |body: JsValue| {
        let s = json(
            r#"{"format":"azure-onboarding-snapshot/v1","collectedAt":"2026-11-26T12:00:00Z","responses":[{"method":"GET","url":"https://management.azure.com/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718","status":200,"body":null}]}"#,
        );
        let first = Array::from(&get(&s, "responses")).get(0);
        js_sys::Reflect::set(&first, &"body".into(), &body).unwrap();
        s
    };
    // 100,000 levels would exhaust the WebAssembly stack inside the conversion.
    for depth in [130, 100_000] {
        let err = azure_onboarding_wasm::assess(plan(), snapshot(nested(depth))).unwrap_err();
        let (code, path, message) = misuse_of(err);
        assert_eq!(code, "invalid-argument");
        assert!(
            path.starts_with("snapshot.responses[0].body[0][0]"),
            "{path}"
        );
        assert!(
            message.ends_with("nested more than 128 levels deep"),
            "{message}"
        );
        // The next call works.
        assert!(azure_onboarding_wasm::assess(plan(), snapshot(JsValue::NULL)).is_ok());
    }
    // Within serde_json's limit (the snapshot adds three levels): read like the CLI reads it.
    assert!(azure_onboarding_wasm::assess(plan(), snapshot(nested(120))).is_ok());
    // An over-deep plan and a deep remediate argument too.
    let deep_plan = plan();
    js_sys::Reflect::set(&deep_plan, &"egressIps".into(), &nested(500)).unwrap();
    let (_, path, _) = misuse_of(
        azure_onboarding_wasm::assess(deep_plan.clone(), snapshot(JsValue::NULL)).unwrap_err(),
    );
    assert!(path.starts_with("plan.egressIps"), "{path}");
    let (_, path, _) = misuse_of(azure_onboarding_wasm::remediate(deep_plan, None).unwrap_err());
    assert!(path.starts_with("plan.egressIps"), "{path}");
    assert!(azure_onboarding_wasm::remediate(plan(), None).is_ok());
}

#[cfg(feature = "assess")]
#[wasm_bindgen_test]
fn functions_and_maps_inside_a_plan_are_refused_with_their_path() {
    let plan = json(include_str!("../../../../examples/demo-plan.json"));
    js_sys::Reflect::set(&plan, &"guestUser".into(), &js_sys::Map::new()).unwrap();
    let (_, path, message) = misuse_of(azure_onboarding_wasm::remediate(plan, None).unwrap_err());
    assert_eq!(path, "plan.guestUser");
    assert!(message.ends_with("got a Map"), "{message}");
}
