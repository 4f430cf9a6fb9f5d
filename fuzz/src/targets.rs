//! The body of every fuzz target: untrusted bytes in, no panic out, and the documented
//! invariants of each result checked. Shared by the cargo-fuzz binaries (nightly) and the
//! stable replay of the committed seed corpus (`crates/azure-onboarding/tests/fuzz_corpus.rs`,
//! which includes this file by path), so this file uses only `azure_onboarding`,
//! `serde_json` and `std`.
//!
//! Inputs of the targets that need a plan and a snapshot (`assess`, `remediate`,
//! `render_arm`, `render_script`): the plan's JSON, a NUL byte, the snapshot's JSON. NUL
//! never occurs in JSON text, so neither half can swallow the separator. Without a NUL the
//! whole input is the snapshot, assessed against the demo plan; a lone plan is remediated
//! without a snapshot (`<plan>\0`).

#![allow(dead_code)] // The replay test calls the targets through `TARGETS` only.

use azure_onboarding::{
    assess, check_response_body, normalize, remediate, render_arm, render_az_script, validate,
    validate_field, Field, OnboardingPlan, RemediationPlan, RequestId, Severity, Snapshot, Status,
    WorkbenchConfig,
};

/// The demo tenant's plan (`examples/demo-plan.json`): the plan when an input has none.
pub const DEMO_PLAN: &str = include_str!("../../examples/demo-plan.json");

/// A target's body: whether the input got past parsing to the code under test.
pub type Target = fn(&[u8]) -> bool;

/// Every target by name (the name of its binary and of its corpus directory). A target
/// returns whether the input got past parsing to the code under test.
pub const TARGETS: &[(&str, Target)] = &[
    ("config", config),
    ("plan", plan),
    ("snapshot", snapshot),
    ("assess", assess_target),
    ("remediate", remediate_target),
    ("render_arm", render_arm_target),
    ("render_script", render_script_target),
    ("blob_list", blob_list),
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The configuration parser, `validate`, `validate_field` and `normalize`.
pub fn config(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let Ok(config) = WorkbenchConfig::from_json(text) else {
        return false;
    };
    let report = validate(&config);
    assert_eq!(
        report.valid,
        !report.issues.iter().any(|i| i.severity == Severity::Error),
        "valid is false exactly when some issue is an error"
    );
    serde_json::to_string(&report).expect("a report serializes");
    for field in Field::ALL {
        if let Some(value) = config.get(field) {
            let alone = validate_field(field, value, &config);
            let within: Vec<_> = report.issues_for(field).cloned().collect();
            assert_eq!(
                alone, within,
                "validate_field agrees with validate on {field:?}"
            );
        }
    }
    let once = normalize(&config);
    assert_eq!(normalize(&once), once, "normalize is idempotent");
    true
}

/// The plan parser: what it accepts serializes and reads back the same.
pub fn plan(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let Ok(plan) = OnboardingPlan::from_json(text) else {
        return false;
    };
    let json = serde_json::to_string(&plan).expect("a plan serializes");
    let again = OnboardingPlan::from_json(&json).expect("a serialized plan reads back");
    assert_eq!(again, plan, "a plan survives a round trip");
    true
}

/// The snapshot parser: what it accepts serializes and reads back the same.
pub fn snapshot(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let Ok(snapshot) = Snapshot::from_json(text) else {
        return false;
    };
    let json = serde_json::to_string(&snapshot).expect("a snapshot serializes");
    let again = Snapshot::from_json(&json).expect("a serialized snapshot reads back");
    assert_eq!(again, snapshot, "a snapshot survives a round trip");
    true
}

/// A plan and a snapshot from one input (see the module documentation).
fn plan_and_snapshot(data: &[u8]) -> Option<(OnboardingPlan, Option<Snapshot>)> {
    match data.iter().position(|&b| b == 0) {
        None => {
            let plan = OnboardingPlan::from_json(DEMO_PLAN).expect("the demo plan parses");
            let snapshot = Snapshot::from_json(text(data)?).ok()?;
            Some((plan, Some(snapshot)))
        }
        Some(i) => {
            let plan = OnboardingPlan::from_json(text(&data[..i])?).ok()?;
            let rest = &data[i + 1..];
            if rest.iter().all(u8::is_ascii_whitespace) {
                return Some((plan, None));
            }
            let snapshot = Snapshot::from_json(text(rest)?).ok()?;
            Some((plan, Some(snapshot)))
        }
    }
}

/// `assess`: `ready` exactly when no required finding is `fail` or `unknown`.
pub fn assess_target(data: &[u8]) -> bool {
    let Some((plan, snapshot)) = plan_and_snapshot(data) else {
        return false;
    };
    let snapshot = snapshot.unwrap_or_else(|| Snapshot::new("2026-11-26T12:00:00Z"));
    let report = assess(&plan, &snapshot);
    let blocking = report
        .findings()
        .any(|f| f.required && matches!(f.status, Status::Fail | Status::Unknown));
    assert_eq!(report.ready, !blocking, "ready iff nothing required blocks");
    serde_json::to_string(&report).expect("a report serializes");
    true
}

fn remediation(data: &[u8]) -> Option<RemediationPlan> {
    let (plan, snapshot) = plan_and_snapshot(data)?;
    Some(remediate(&plan, snapshot.as_ref()))
}

/// `remediate`: the plan of changes serializes.
pub fn remediate_target(data: &[u8]) -> bool {
    let Some(r) = remediation(data) else {
        return false;
    };
    serde_json::to_string(&r).expect("a remediation plan serializes");
    true
}

/// The ARM renderer: one template per subscription that has changes, each serializable.
pub fn render_arm_target(data: &[u8]) -> bool {
    let Some(r) = remediation(data) else {
        return false;
    };
    for t in render_arm(&r) {
        serde_json::to_string(&t.template).expect("a template serializes");
    }
    true
}

/// The `az` script renderer: a bash script without NUL bytes (bash cannot hold them).
pub fn render_script_target(data: &[u8]) -> bool {
    let Some(r) = remediation(data) else {
        return false;
    };
    let script = render_az_script(&r);
    assert!(script.starts_with("#!/usr/bin/env bash\n"));
    assert!(!script.contains('\0'), "a script never holds a NUL byte");
    true
}

/// The Blob service's XML list answers (B1, B2), as the snapshot records them (a JSON
/// string): the bounded XML reader and the list reader never panic, and a next page keeps
/// the request's URL.
pub fn blob_list(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let body = serde_json::Value::String(text.to_owned());
    let read = check_response_body(RequestId::B2, &body);
    assert_eq!(
        read.is_ok(),
        check_response_body(RequestId::B1, &body).is_ok(),
        "B1 and B2 read the same list shape"
    );
    let url =
        "https://logs.blob.core.windows.net/insights-logs-storageread?restype=container&comp=list";
    if let Some(next) = azure_onboarding::snapshot_rules::blob_next_page(url, &body) {
        assert!(read.is_ok(), "only a readable list has a next page");
        assert!(next.starts_with(url) && next.contains("&marker="), "{next}");
    }
    read.is_ok()
}
