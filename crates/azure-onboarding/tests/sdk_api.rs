//! The Rust SDK is hard to misuse (issue 15): plain serde cannot skip the plan's and the
//! snapshot's checks, the codes parse from their JSON names, and `Status` orders as documented.

use azure_onboarding::{
    FindingCode, IssueCode, OnboardingPlan, Snapshot, Status, UnknownCode, WorkbenchConfig,
};
use serde_json::{json, Value};

const DEMO_PLAN: &str = include_str!("../../../examples/demo-plan.json");
const DEMO_SNAPSHOT: &str = include_str!("../../../examples/demo-snapshot.json");

fn demo_plan() -> Value {
    serde_json::from_str(DEMO_PLAN).unwrap()
}

fn with(mut doc: Value, pointer: &str, value: Value) -> Value {
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    doc
}

#[test]
fn plain_serde_refuses_a_plan_without_subscriptions() {
    let text = with(demo_plan(), "/subscriptions", json!([])).to_string();
    let err = serde_json::from_str::<OnboardingPlan>(&text).unwrap_err();
    assert!(
        err.to_string().contains("list at least one subscription"),
        "{err}"
    );
    // from_json: the same refusal, with the JSON path.
    let err = OnboardingPlan::from_json(&text).unwrap_err();
    assert_eq!(err.path(), Some("subscriptions"), "{err}");
}

#[test]
fn plain_serde_runs_every_check_of_validate_on_a_plan() {
    let sub = demo_plan()["subscriptions"][0].clone();
    let account = demo_plan()["logStorageAccount"].clone();
    let cases = [
        (
            "/subscriptions",
            json!([sub, sub]),
            "subscriptions[1]",
            "listed twice",
        ),
        (
            "/guestUser",
            json!({ "mail": "a$(id)@provider.example" }),
            "guestUser.mail",
            "e-mail address",
        ),
        (
            "/defenderPlans",
            json!(["StorageAccounts", ""]),
            "defenderPlans[1]",
            "plan name is empty",
        ),
        (
            "/defenderPlans",
            json!(["Storage Accounts"]),
            "defenderPlans[0]",
            "Defender for Cloud plan name",
        ),
        (
            "/monitoredStorageAccounts",
            json!([account, account]),
            "monitoredStorageAccounts[1]",
            "listed twice",
        ),
        // ARM refuses a template declaring one pricing twice; plan names are case-insensitive.
        (
            "/defenderPlans",
            json!(["StorageAccounts", "KeyVaults", "storageaccounts"]),
            "defenderPlans[2]",
            "Defender plan is listed twice",
        ),
        // One rule, written two ways.
        (
            "/egressIps",
            json!(["198.51.100.0/24", "203.0.113.7", "203.0.113.7/32"]),
            "egressIps[2]",
            "listed twice",
        ),
    ];
    for (pointer, value, path, message) in cases {
        let mut doc = demo_plan();
        doc.as_object_mut()
            .unwrap()
            .insert(pointer[1..].to_owned(), value);
        let text = doc.to_string();
        let err = serde_json::from_str::<OnboardingPlan>(&text).expect_err(path);
        assert!(err.to_string().contains(message), "{path}: {err}");
        let err = OnboardingPlan::from_json(&text).expect_err(path);
        assert_eq!(err.path(), Some(path), "{err}");
        assert!(err.to_string().contains(message), "{path}: {err}");
        // Through a serde_json::Value too (another Deserializer, as frameworks use).
        assert!(
            serde_json::from_value::<OnboardingPlan>(doc).is_err(),
            "{path}"
        );
    }
}

/// A plan built in Rust (public fields) gets the same refusals from `validate`.
#[test]
fn validate_refuses_a_defender_plan_or_an_egress_rule_given_twice() {
    let plan = OnboardingPlan::from_json(DEMO_PLAN).unwrap();
    let mut twice = plan.clone();
    twice.defender_plans = vec!["Containers".into(), "CONTAINERS".into()];
    let err = twice.validate().unwrap_err();
    assert_eq!(err.path(), Some("defenderPlans[1]"), "{err}");
    let mut twice = plan.clone();
    let rule: azure_onboarding::EgressRule = "203.0.113.7".parse().unwrap();
    twice.egress_ips = vec![rule, "203.0.113.7/32".parse().unwrap()];
    let err = twice.validate().unwrap_err();
    assert_eq!(err.path(), Some("egressIps[1]"), "{err}");
    assert!(err.to_string().contains("listed twice"), "{err}");
    assert_eq!(plan.validate(), Ok(()));
}

#[test]
fn a_plan_that_deserializes_is_valid_and_the_same_as_from_json() {
    let plain: OnboardingPlan = serde_json::from_str(DEMO_PLAN).unwrap();
    assert_eq!(plain.validate(), Ok(()));
    assert_eq!(plain, OnboardingPlan::from_json(DEMO_PLAN).unwrap());
    // Round trip: what serializes deserializes again.
    let again: OnboardingPlan =
        serde_json::from_str(&serde_json::to_string(&plain).unwrap()).unwrap();
    assert_eq!(again, plain);
}

#[test]
fn plain_serde_runs_every_check_of_validate_on_a_snapshot() {
    let snapshot: Value = serde_json::from_str(DEMO_SNAPSHOT).unwrap();
    let cases = [
        (
            "/format",
            json!("azure-onboarding-snapshot/v0"),
            "format",
            "unsupported snapshot format",
        ),
        (
            "/collectedAt",
            json!("yesterday"),
            "collectedAt",
            "RFC 3339",
        ),
        (
            "/responses/0/url",
            json!("http://management.azure.com/x"),
            "responses[0].url",
            "absolute https URL",
        ),
        (
            "/responses/1/method",
            json!("  "),
            "responses[1].method",
            "method is empty",
        ),
        (
            "/responses/2/status",
            json!(700),
            "responses[2].status",
            "from 100 to 599",
        ),
    ];
    for (pointer, value, path, message) in cases {
        let text = with(snapshot.clone(), pointer, value).to_string();
        let err = serde_json::from_str::<Snapshot>(&text).expect_err(path);
        assert!(err.to_string().contains(message), "{path}: {err}");
        let err = Snapshot::from_json(&text).expect_err(path);
        assert_eq!(err.path(), Some(path), "{err}");
    }
    let plain: Snapshot = serde_json::from_str(DEMO_SNAPSHOT).unwrap();
    assert_eq!(plain.validate(), Ok(()));
    assert_eq!(plain, Snapshot::from_json(DEMO_SNAPSHOT).unwrap());
}

#[test]
fn issue_codes_parse_from_their_serde_names() {
    for code in IssueCode::ALL {
        let name = serde_json::to_value(code).unwrap();
        assert_eq!(name, Value::String(code.as_str().to_owned()));
        assert_eq!(code.as_str().parse::<IssueCode>(), Ok(code));
        assert_eq!(code.to_string().parse::<IssueCode>(), Ok(code));
        assert_eq!(serde_json::from_value::<IssueCode>(name).unwrap(), code);
    }
    for bad in [
        "",
        "NotAGuid",
        "not_a_guid",
        "Not-A-Guid",
        " not-a-guid",
        "not-collected",
    ] {
        assert_eq!(bad.parse::<IssueCode>(), Err(UnknownCode::Issue), "{bad:?}");
    }
    assert!(!UnknownCode::Issue.to_string().contains("NotAGuid"));
}

#[test]
fn finding_codes_parse_from_their_serde_names() {
    assert!(FindingCode::ALL.len() >= 33);
    for &code in FindingCode::ALL {
        let name = serde_json::to_value(code).unwrap();
        assert_eq!(name, Value::String(code.as_str().to_owned()));
        assert_eq!(code.as_str().parse::<FindingCode>(), Ok(code));
        assert_eq!(serde_json::from_value::<FindingCode>(name).unwrap(), code);
    }
    for bad in ["", "NotCollected", "not_collected", "nil-guid"] {
        assert_eq!(
            bad.parse::<FindingCode>(),
            Err(UnknownCode::Finding),
            "{bad:?}"
        );
    }
}

#[test]
fn status_orders_pass_warn_unknown_fail_and_worst_is_max() {
    let mut all = [Status::Fail, Status::Pass, Status::Unknown, Status::Warn];
    all.sort();
    assert_eq!(
        all,
        [Status::Pass, Status::Warn, Status::Unknown, Status::Fail]
    );
    for a in all {
        for b in all {
            assert_eq!(a.worst(b), a.max(b), "{a} {b}");
        }
    }
}

#[test]
fn a_configuration_is_data_to_validate_not_refused_by_serde() {
    // The form's mistakes are findings: plain serde accepts any strings, validate() reports.
    let c: WorkbenchConfig = serde_json::from_str(r#"{"tenantId": "not a guid"}"#).unwrap();
    assert!(!azure_onboarding::validate(&c).valid);
}
