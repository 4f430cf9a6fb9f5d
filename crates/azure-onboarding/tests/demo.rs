//! The demo the product ships (`examples/demo-plan.json`, `examples/demo-snapshot.json`)
//! assesses to the reviewed report in `tests/golden/demo-report.json`.
//!
//! After a deliberate change, regenerate with `UPDATE_GOLDEN=1 cargo test -p azure-onboarding --test demo`
//! and review the diff.

mod common;

use azure_onboarding::{assess, required_requests, FindingCode, OnboardingPlan, Snapshot, Status};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demo() -> (OnboardingPlan, Snapshot) {
    let read = |f: &str| std::fs::read_to_string(root().join("examples").join(f)).unwrap();
    (
        OnboardingPlan::from_json(&read("demo-plan.json")).unwrap(),
        Snapshot::from_json(&read("demo-snapshot.json")).unwrap(),
    )
}

#[test]
fn demo_report_matches_the_golden_file() {
    let (plan, snapshot) = demo();
    let report = assess(&plan, &snapshot);
    let actual = serde_json::to_string_pretty(&report).unwrap() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/demo-report.json");
    common::golden::assert_golden(&path, &actual);
}

#[test]
fn demo_is_instructive() {
    let (plan, snapshot) = demo();
    let report = assess(&plan, &snapshot);
    assert!(!report.ready);
    for code in [
        FindingCode::LogAnalyticsReaderMissing,
        FindingCode::DiagnosticSettingMissing,
        FindingCode::DiagnosticCategoryMissing,
        FindingCode::StorageFirewallBlocksLogs,
        FindingCode::GraphPermissionMissing,
        FindingCode::LegacySecurityAlertsPermission,
        FindingCode::ClientSecretExpiring,
        FindingCode::DefenderPlanNotEnabled,
        FindingCode::ClassicStorageAccount,
        FindingCode::StorageAccountContributorAssigned,
        FindingCode::NotAuthorizedToRead,
    ] {
        assert!(report.has(code), "{code}");
    }
    // Nothing is missing from the snapshot: the demo has every response it needs.
    assert!(!report.has(FindingCode::NotCollected));
    // Only the Defender read was refused, and that check is not required.
    let unknown: Vec<_> = report
        .findings()
        .filter(|f| f.status == Status::Unknown)
        .collect();
    assert_eq!(unknown.len(), 1);
    assert!(!unknown[0].required);
    // Every request the assessment needs is in the snapshot, and every response is used.
    let needed = required_requests(&plan, &snapshot);
    assert_eq!(
        needed.len() + 1,
        snapshot.responses.len(),
        "one response is a second page"
    );
    // Failing findings carry real IDs, no placeholders.
    for f in report.findings() {
        assert!(
            !f.remediation.cli.contains("{subscriptionId}"),
            "{}",
            f.remediation.cli
        );
        assert!(
            !f.remediation.cli.contains("{spObjectId}"),
            "{}",
            f.remediation.cli
        );
        assert!(
            !f.remediation.portal.is_empty() && !f.remediation.cli.is_empty(),
            "{f:?}"
        );
    }
}
