//! With the `typescript` feature, the declarations of the assessment's types have the JSON
//! shapes of the contracts (string unions for codes and statuses, optional plan keys).
#![cfg(feature = "typescript")]

use azure_onboarding::{
    Finding, FindingCode, OnboardingPlan, ReadinessReport, RequestSpec, Snapshot, SnapshotResponse,
    Status,
};
use tsify::Tsify;

#[test]
fn declarations_match_the_json_contracts() {
    let code = FindingCode::DECL;
    assert!(
        code.contains("\"log-analytics-reader-missing\"") && code.contains("\"not-collected\""),
        "{code}"
    );
    assert!(
        Status::DECL.contains("\"pass\" | \"warn\" | \"unknown\" | \"fail\""),
        "{}",
        Status::DECL
    );
    let f = Finding::DECL;
    assert!(
        f.contains("request?: string") && f.contains("remediation: Remediation"),
        "{f}"
    );
    let r = ReadinessReport::DECL;
    assert!(
        r.contains("collectedAt: string") && r.contains("steps: StepReport[]"),
        "{r}"
    );
    let p = OnboardingPlan::DECL;
    for key in [
        "tenantId: string",
        "subscriptions: string[]",
        "monitoredStorageAccounts?: \"all\" | string[]",
        "egressIps?: string[]",
        "guestUser?: GuestUser",
    ] {
        assert!(p.contains(key), "{key}\n{p}");
    }
    assert!(
        SnapshotResponse::DECL.contains("body") && SnapshotResponse::DECL.contains("unknown"),
        "{}",
        SnapshotResponse::DECL
    );
    assert!(Snapshot::DECL.contains("responses"), "{}", Snapshot::DECL);
    assert!(
        RequestSpec::DECL.contains("id: RequestId"),
        "{}",
        RequestSpec::DECL
    );
    if std::env::var_os("PRINT_TS").is_some() {
        for d in [code, f, r, p, SnapshotResponse::DECL] {
            println!("{d}\n");
        }
    }
}
