//! Golden files of the demo tenant's remediation (`tests/golden/remediate/`): the plan as
//! JSON, the ARM template of each subscription and the az script, with and without the
//! demo snapshot. `UPDATE_GOLDEN=1 cargo test --test remediate_golden` rewrites them.

mod common;

use azure_onboarding::{remediate, render_arm, render_az_script, OnboardingPlan, Snapshot};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn demo() -> (OnboardingPlan, Snapshot) {
    let read = |p: &str| std::fs::read_to_string(root().join("../../examples").join(p)).unwrap();
    (
        OnboardingPlan::from_json(&read("demo-plan.json")).unwrap(),
        Snapshot::from_json(&read("demo-snapshot.json")).unwrap(),
    )
}

fn golden(name: &str, actual: &str) {
    common::golden::assert_golden(&root().join("tests/golden/remediate").join(name), actual);
}

fn check(prefix: &str, with_snapshot: bool) {
    let (plan, snapshot) = demo();
    let r = remediate(&plan, with_snapshot.then_some(&snapshot));
    golden(
        &format!("{prefix}.json"),
        &(serde_json::to_string_pretty(&r).unwrap() + "\n"),
    );
    for t in render_arm(&r) {
        golden(
            &format!("{prefix}.{}.arm.json", t.subscription_id),
            &(serde_json::to_string_pretty(&t.template).unwrap() + "\n"),
        );
    }
    golden(&format!("{prefix}.sh"), &render_az_script(&r));
}

#[test]
fn demo_with_snapshot() {
    check("demo", true);
}

#[test]
fn demo_without_snapshot() {
    check("demo-full", false);
}
