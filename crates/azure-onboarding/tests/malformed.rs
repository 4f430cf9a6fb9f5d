//! Malformed snapshots and plans: an error with the JSON path, never a panic.

mod common;

use azure_onboarding::{InputError, OnboardingPlan, Snapshot, MAX_JSON_BYTES};

fn snapshot_err(text: &str) -> InputError {
    Snapshot::from_json(text).unwrap_err()
}

const HEAD: &str =
    r#"{"format":"azure-onboarding-snapshot/v1","collectedAt":"2026-11-26T12:00:00Z","responses":"#;

#[test]
fn wrong_types_name_the_path() {
    let cases = [
        (format!("{HEAD}{{}}}}"), "responses"),
        (
            format!("{HEAD}[{{\"url\":\"https://x/y\",\"status\":\"200\"}}]}}"),
            "responses[0].status",
        ),
        (
            format!(
                "{HEAD}[{{\"url\":\"https://x/y\",\"status\":200}},{{\"url\":7,\"status\":200}}]}}"
            ),
            "responses[1].url",
        ),
        (
            format!("{HEAD}[{{\"url\":\"https://x/y\",\"status\":70000}}]}}"),
            "responses[0].status",
        ),
        (
            format!("{HEAD}[{{\"url\":\"https://x/y\",\"status\":99}}]}}"),
            "responses[0].status",
        ),
        (
            format!("{HEAD}[{{\"url\":\"ftp://x/y\",\"status\":200}}]}}"),
            "responses[0].url",
        ),
        (format!("{HEAD}[{{\"status\":200}}]}}"), "responses[0]"),
        (
            r#"{"format":"azure-onboarding-snapshot/v3","collectedAt":"2026-11-26T12:00:00Z"}"#
                .into(),
            "format",
        ),
        (
            r#"{"format":"azure-onboarding-snapshot/v1","collectedAt":"yesterday"}"#.into(),
            "collectedAt",
        ),
        (r#"{"format":"azure-onboarding-snapshot/v1"}"#.into(), "."),
        ("[]".into(), "."),
    ];
    for (text, path) in cases {
        let e = snapshot_err(&text);
        assert!(matches!(e, InputError::Invalid { .. }), "{text}: {e}");
        assert_eq!(e.path(), Some(path), "{text}: {e}");
        assert!(e.to_string().contains(path), "{e}");
    }
}

#[test]
fn truncated_json_is_a_syntax_error_at_every_cut() {
    let text = common::fixture("ready-snapshot.json");
    let step = (text.len() / 400).max(1);
    for cut in (0..text.len() - 2).step_by(step) {
        if !text.is_char_boundary(cut) {
            continue;
        }
        match Snapshot::from_json(&text[..cut]) {
            Err(InputError::Syntax { path, .. } | InputError::Invalid { path, .. }) => {
                assert!(!path.is_empty())
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

#[test]
fn junk_is_rejected() {
    for junk in [
        "",
        "   ",
        "nul",
        "\u{feff}{}",
        "{\"format\":",
        "]]]]",
        "💥",
        "{\"a\":1}{\"b\":2}",
    ] {
        let e = snapshot_err(junk);
        assert!(e.path().is_some(), "{junk:?}: {e}");
    }
    // Deep nesting stops at serde_json's recursion limit instead of the stack.
    let deep = format!(
        "{HEAD}[{{\"url\":\"https://x/y\",\"status\":200,\"body\":{}{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(snapshot_err(&deep), InputError::Syntax { .. }));
}

#[test]
fn a_hundred_megabytes_of_junk() {
    let junk = "x".repeat(100 * 1024 * 1024);
    let e = snapshot_err(&junk);
    assert!(
        matches!(
            e,
            InputError::Syntax {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{e}"
    );
    let mut valid_start = String::from(HEAD);
    valid_start.push('[');
    valid_start.push_str(&"{\"url\":\"https://x/y\",\"status\":200,\"body\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"},".repeat(200_000));
    valid_start.push_str("junk");
    assert!(valid_start.len() > 10_000_000);
    let e = snapshot_err(&valid_start);
    assert_eq!(e.path(), Some("responses[200000]"), "{e}");
}

#[test]
fn over_the_limit_is_refused_unread() {
    let big = " ".repeat(MAX_JSON_BYTES + 1);
    assert!(matches!(snapshot_err(&big), InputError::TooLarge { .. }));
    assert!(matches!(
        OnboardingPlan::from_json(&big),
        Err(InputError::TooLarge { .. })
    ));
}

#[test]
fn plan_errors_name_the_path() {
    let good: serde_json::Value =
        serde_json::from_str(&common::fixture("ready-plan.json")).unwrap();
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        ("/tenantId", "contoso.onmicrosoft.com".into(), "tenantId"),
        ("/applicationId", "Secret ID".into(), "applicationId"),
        ("/accessOption", "option3".into(), "accessOption"),
        ("/subscriptions", serde_json::json!(["3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718", "nope"]), "subscriptions[1]"),
        ("/subscriptions", serde_json::json!([]), "subscriptions"),
        ("/subscriptions", serde_json::json!(["3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718", "3C2E1F4A-8B9D-4E6F-A1B2-C3D4E5F60718"]), "subscriptions[1]"),
        ("/logStorageAccount", "/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv".into(), "logStorageAccount"),
        ("/monitoredStorageAccounts", "some".into(), "monitoredStorageAccounts"),
        ("/monitoredStorageAccounts", serde_json::json!(["/subscriptions/x"]), "monitoredStorageAccounts[0]"),
        ("/egressIps", serde_json::json!(["203.0.113.10", "10.0.0.1"]), "egressIps[1]"),
        ("/guestUser", serde_json::json!({"mail": "not a mail"}), "guestUser.mail"),
        ("/defenderPlans", serde_json::json!([""]), "defenderPlans[0]"),
    ];
    for (pointer, value, path) in cases {
        let mut plan = good.clone();
        *plan.pointer_mut(pointer).unwrap() = value;
        let e = OnboardingPlan::from_json(&plan.to_string()).unwrap_err();
        assert_eq!(e.path(), Some(path), "{pointer}: {e}");
    }
    let e = OnboardingPlan::from_json("{\"tenantId\": \"6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b\"")
        .unwrap_err();
    assert!(matches!(e, InputError::Syntax { .. }));
}

/// serde_json's deserializer reads a struct from an array too, by position: a configuration
/// `["customApp", "<guid>", …]` was valid, `[]` an empty one, a plan or a snapshot response
/// could be written as an array. Every reader of JSON text now wants an object where an
/// object belongs, as the npm package does, and names the path.
#[test]
fn an_array_is_never_read_as_an_object() {
    use azure_onboarding::WorkbenchConfig;
    let config = r#"["customApp","6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b","0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6","abc8Q~CANARYcanaryCANARYcanaryCANARY1234","Azure production","Microsoft Cloud"]"#;
    for text in [config, "[]"] {
        let err = WorkbenchConfig::from_json(text).unwrap_err();
        assert_eq!(err.path(), Some("."), "{err}");
        assert!(err.to_string().contains("sequence"), "{err}");
        assert!(!err.to_string().contains("CANARY"), "{err}");
    }
    let plan: serde_json::Value =
        serde_json::from_str(include_str!("../../../examples/demo-plan.json")).unwrap();
    let as_array = |v: &serde_json::Value| {
        serde_json::Value::Array(v.as_object().unwrap().values().cloned().collect())
    };
    let err = OnboardingPlan::from_json(&as_array(&plan).to_string()).unwrap_err();
    assert_eq!(err.path(), Some("."), "{err}");
    let mut guest = plan.clone();
    guest["guestUser"] = serde_json::json!(["analyst@provider.example"]);
    let err = OnboardingPlan::from_json(&guest.to_string()).unwrap_err();
    assert_eq!(err.path(), Some("guestUser"), "{err}");

    let snapshot: serde_json::Value =
        serde_json::from_str(include_str!("../../../examples/demo-snapshot.json")).unwrap();
    let err = Snapshot::from_json(&as_array(&snapshot).to_string()).unwrap_err();
    assert_eq!(err.path(), Some("."), "{err}");
    let mut positional = snapshot.clone();
    let first = positional["responses"][0].clone();
    positional["responses"][0] = as_array(&first);
    let err = Snapshot::from_json(&positional.to_string()).unwrap_err();
    assert_eq!(err.path(), Some("responses[0]"), "{err}");
    // The documents themselves still read.
    assert!(OnboardingPlan::from_json(&plan.to_string()).is_ok());
    assert!(Snapshot::from_json(&snapshot.to_string()).is_ok());
}

/// A key given twice in one object is refused at that member's path (serde_json's `Value`
/// would keep the last silently): in a configuration, a plan, a snapshot, a response's body.
#[test]
fn a_key_given_twice_is_refused_at_its_path() {
    use azure_onboarding::WorkbenchConfig;
    let err =
        WorkbenchConfig::from_json(r#"{"tenantId": "a", "deviceName": "x", "tenantId": "b"}"#)
            .unwrap_err();
    assert_eq!(err.path(), Some("tenantId"), "{err}");
    assert!(err.to_string().contains("duplicate field"), "{err}");
    let plan = include_str!("../../../examples/demo-plan.json");
    let twice = plan.replacen(
        '{',
        r#"{"tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b","#,
        1,
    );
    let err = OnboardingPlan::from_json(&twice).unwrap_err();
    assert_eq!(err.path(), Some("tenantId"), "{err}");
    let snapshot = include_str!("../../../examples/demo-snapshot.json");
    let twice = snapshot.replacen(r#""status":"#, r#""status": 500, "status":"#, 1);
    assert_ne!(twice, snapshot);
    let err = Snapshot::from_json(&twice).unwrap_err();
    assert_eq!(err.path(), Some("responses[0].status"), "{err}");
    // Inside a response's body too (the demo's bodies are objects with a "value" or an "id").
    let body_twice = snapshot.replacen(r#""body": {"#, r#""body": {"value": [], "id": "x", "#, 1);
    assert_ne!(body_twice, snapshot);
    let err = Snapshot::from_json(&body_twice).unwrap_err();
    assert!(
        err.path()
            .is_some_and(|p| p.starts_with("responses[") && p.contains(".body.")),
        "{err}"
    );
    assert!(err.to_string().contains("duplicate field"), "{err}");
}
