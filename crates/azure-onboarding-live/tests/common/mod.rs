//! Shared helpers: the demo plan and snapshot, the fake of Azure, fast retry options.
#![allow(dead_code)]

use azure_onboarding::catalog::graph;
use azure_onboarding::{OnboardingPlan, SecretString, Snapshot};
use azure_onboarding_live::testing::{FakeAzure, FakeConfig};
use azure_onboarding_live::{
    Budgets, Cloud, CollectOptions, Collected, Collector, Credentials, ReqwestTransport,
};
use std::path::PathBuf;
use std::time::Duration;

/// The canary secret: a well-formed secret value that must never leak.
pub const CANARY_SECRET: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn demo() -> (OnboardingPlan, Snapshot) {
    let read = |f: &str| std::fs::read_to_string(root().join("examples").join(f)).unwrap();
    (
        OnboardingPlan::from_json(&read("demo-plan.json")).unwrap(),
        Snapshot::from_json(&read("demo-snapshot.json")).unwrap(),
    )
}

pub fn all_roles() -> Vec<String> {
    [
        graph::SECURITY_ALERT_READ_ALL,
        graph::SECURITY_INCIDENT_READ_ALL,
        graph::SECURITY_EVENTS_READ_ALL,
        graph::USER_READ_ALL,
    ]
    .iter()
    .map(|p| p.name.to_owned())
    .collect()
}

/// A fake replaying `snapshot` that accepts only the plan's app and the canary secret.
pub fn fake_config(plan: &OnboardingPlan, snapshot: &Snapshot) -> FakeConfig {
    FakeConfig {
        snapshot: Some(snapshot.clone()),
        client_id: Some(plan.application_id.to_string()),
        client_secret: Some(CANARY_SECRET.into()),
        graph_roles: all_roles(),
        ..FakeConfig::default()
    }
}

pub fn secret_credentials(plan: &OnboardingPlan) -> Credentials {
    Credentials::ClientSecret {
        client_id: plan.application_id,
        secret: SecretString::new(CANARY_SECRET.into()),
    }
}

/// Short waits so that fault tests run fast. The inventory is read with the
/// per-subscription lists (`resource_graph: false`); `tests/resource_graph.rs` covers the
/// Resource Graph path and its fallback.
pub fn fast_options() -> CollectOptions {
    CollectOptions {
        concurrency: 8,
        budgets: Budgets::default(),
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(2),
        request_timeout: Duration::from_secs(5),
        overall_timeout: Duration::from_secs(60),
        max_pages: 100,
        resource_graph: false,
    }
}

pub fn transport() -> ReqwestTransport {
    ReqwestTransport::new(true, Duration::from_secs(5)).unwrap()
}

pub async fn collect_from(
    fake: &FakeAzure,
    plan: &OnboardingPlan,
    credentials: &Credentials,
    options: CollectOptions,
    collected_at: &str,
) -> Collected {
    let t = transport();
    let cloud = Cloud::public().with_endpoints_for_testing(&fake.base_url());
    let collector = Collector::new(&t, cloud).options(options);
    let collected = collector.collect(plan, credentials, collected_at).await;
    collected.unwrap()
}
