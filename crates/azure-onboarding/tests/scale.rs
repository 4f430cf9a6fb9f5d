//! Scale: a generated tenant assesses completely and correctly. The full size (1,000
//! subscriptions, 50,000 storage accounts, 200,000 diagnostic-setting responses) runs with
//! `cargo test --release -p azure-onboarding --test scale`; debug builds run a smaller
//! tenant. Timings: `cargo bench -p azure-onboarding --bench assess`.

#[path = "common/scale.rs"]
mod scale;

use azure_onboarding::{assess, required_requests, OnboardingPlan, ResourceKind, Snapshot};

fn run(subs: usize, accounts: usize) {
    let plan = OnboardingPlan::from_json(&scale::plan(subs)).unwrap();
    let text = scale::snapshot(subs, accounts);
    let snapshot = Snapshot::from_json(&text).unwrap();
    let start = std::time::Instant::now();
    let report = assess(&plan, &snapshot);
    let took = start.elapsed();
    assert!(
        report.ready,
        "{:#?}",
        report.findings().take(3).collect::<Vec<_>>()
    );
    let n = |k| report.resources.iter().filter(|r| r.kind == k).count();
    assert_eq!(n(ResourceKind::Subscription), subs);
    assert_eq!(n(ResourceKind::StorageAccount), subs * accounts);
    // Per subscription: state, tenant, 2 readers, contributor, 6 plans, classic; per
    // account: 4 services; once: SP, 5 permissions + legacy, secret, guest, global
    // reader, log account kind, firewall, blob reader.
    let expected = subs * 12 + subs * accounts * 4 + 13;
    assert_eq!(report.summary.pass as usize, expected);
    assert_eq!(
        required_requests(&plan, &snapshot).len(),
        snapshot.responses.len()
    );
    eprintln!(
        "{subs} subscriptions x {accounts} accounts: {} responses, {} MB, assessed in {took:?}",
        snapshot.responses.len(),
        text.len() / 1_000_000
    );
}

#[test]
fn a_generated_tenant_assesses_completely() {
    run(20, 25);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "full size: run with --release")]
fn a_thousand_subscriptions_and_fifty_thousand_accounts() {
    run(1_000, 50);
}
