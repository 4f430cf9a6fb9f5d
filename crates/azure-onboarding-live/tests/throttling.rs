//! The collector against the fake throttling as Azure does (issue 14): it keeps to the
//! budgets, recovers when it overruns them (429 + `Retry-After`, in seconds and as an
//! HTTP-date), and loses nothing: the snapshot is the one a slow sequential collection gets.

mod common;

use azure_onboarding::catalog::{endpoints, graph};
use azure_onboarding::{OnboardingPlan, Snapshot, SnapshotResponse};
use azure_onboarding_live::testing::{FakeAzure, FakeConfig, Throttling};
use azure_onboarding_live::{rfc3339_utc, Budget, Budgets, CollectOptions, Collected};
use common::*;
use serde_json::json;
use std::time::Duration;

const SUBS: usize = 3;
const ACCOUNTS: usize = 12;
/// Requests per subscription: S1, S2, S3, S5, S6 and four diagnostic settings per account.
const PER_SUB: usize = 5 + 4 * ACCOUNTS;

fn guid(kind: u32, n: usize) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

/// A tenant of SUBS subscriptions with ACCOUNTS storage accounts each, and its plan.
fn tenant() -> (OnboardingPlan, Snapshot) {
    let tenant = guid(1, 1);
    let subs: Vec<String> = (0..SUBS).map(|i| guid(3, i)).collect();
    let arm = endpoints::ARM;
    let mut responses = Vec::new();
    for s in &subs {
        let get = |path: &str, body| {
            SnapshotResponse::get(format!("{arm}/subscriptions/{s}{path}"), 200, body)
        };
        responses.push(get("", json!({"id": format!("/subscriptions/{s}"), "subscriptionId": s, "tenantId": tenant, "displayName": s, "state": "Enabled"})));
        for list in [
            "Microsoft.Authorization/roleAssignments",
            "Microsoft.Security/pricings",
            "Microsoft.ClassicStorage/storageAccounts",
        ] {
            responses.push(get(&format!("/providers/{list}"), json!({"value": []})));
        }
        let accounts: Vec<_> = (0..ACCOUNTS)
            .map(|a| json!({"id": format!("/subscriptions/{s}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct{a}"), "name": format!("acct{a}"), "type": "Microsoft.Storage/storageAccounts", "kind": "StorageV2", "location": "westeurope", "properties": {}}))
            .collect();
        responses.push(get(
            "/providers/Microsoft.Storage/storageAccounts",
            json!({ "value": accounts }),
        ));
        for a in 0..ACCOUNTS {
            for svc in ["blob", "file", "queue", "table"] {
                responses.push(get(
                    &format!("/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct{a}/{svc}Services/default/providers/Microsoft.Insights/diagnosticSettings"),
                    json!({"value": [{"id": format!("ds-{s}-{a}-{svc}"), "properties": {"logs": []}}]}),
                ));
            }
        }
    }
    let mut snapshot = Snapshot::new("2026-11-26T12:00:00Z");
    snapshot.responses = responses;
    let plan = OnboardingPlan::from_json(
        &json!({
            "tenantId": tenant, "accessOption": "customApp", "applicationId": guid(2, 1),
            "subscriptions": subs,
            "logStorageAccount": format!("/subscriptions/{}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs", guid(3, 0)),
        })
        .to_string(),
    )
    .unwrap();
    (plan, snapshot)
}

/// ARM: a bucket of 20 per subscription refilled at 40/s (Azure's shape, scaled down so
/// that a subscription's 53 reads cannot all go at once).
fn tight() -> Throttling {
    Throttling {
        arm_capacity: 20,
        arm_refill_per_second: 40.0,
        ..Throttling::azure()
    }
}

fn the_collectors_budgets() -> Budgets {
    Budgets {
        arm_subscription: Budget::Bucket {
            capacity: 20,
            refill: 40,
            period: Duration::from_secs(1),
        },
        ..Budgets::default()
    }
}

async fn start(
    snapshot: &Snapshot,
    plan: &OnboardingPlan,
    throttling: Option<Throttling>,
) -> FakeAzure {
    FakeAzure::start(FakeConfig {
        snapshot: Some(snapshot.clone()),
        client_id: Some(plan.application_id.to_string()),
        client_secret: Some(CANARY_SECRET.into()),
        graph_roles: vec![graph::SECURITY_ALERT_READ_ALL.name.into()],
        latency: Duration::from_millis(5),
        throttling,
        keep_alive: true,
        ..FakeConfig::default()
    })
    .await
    .unwrap()
}

fn now() -> String {
    let s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    rfc3339_utc(s as i64)
}

async fn collect(fake: &FakeAzure, plan: &OnboardingPlan, options: CollectOptions) -> Collected {
    collect_from(fake, plan, &secret_credentials(plan), options, &now()).await
}

fn sorted(s: &Snapshot) -> Vec<String> {
    let mut v: Vec<String> = s
        .responses
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    v.sort();
    v
}

/// The reference: one request at a time, from a fake that does not throttle.
async fn sequential(plan: &OnboardingPlan, snapshot: &Snapshot) -> Vec<String> {
    let fake = start(snapshot, plan, None).await;
    let options = CollectOptions {
        concurrency: 1,
        budgets: Budgets::unlimited(),
        ..fast_options()
    };
    let c = collect(&fake, plan, options).await;
    // The three token requests (ARM, Graph, Azure Storage) go together; then one request
    // at a time.
    assert!(c.stats.peak_concurrency <= 3, "{:?}", c.stats);
    sorted(&c.snapshot)
}

fn every_arm_request_answered(c: &Collected) {
    let arm: Vec<_> = c
        .snapshot
        .responses
        .iter()
        .filter(|r| r.url.starts_with(endpoints::ARM))
        .collect();
    assert_eq!(arm.len(), SUBS * PER_SUB, "{:?}", c.stats);
    assert!(arm.iter().all(|r| r.status == 200), "{:?}", c.stats);
}

#[tokio::test]
async fn the_collector_keeps_to_the_budgets_and_loses_nothing() {
    let (plan, snapshot) = tenant();
    let reference = sequential(&plan, &snapshot).await;
    let fake = start(&snapshot, &plan, Some(tight())).await;
    let options = CollectOptions {
        concurrency: 32,
        budgets: the_collectors_budgets(),
        ..fast_options()
    };
    let c = collect(&fake, &plan, options).await;
    let served = fake.throttle_counters();
    // Each subscription read more than its bucket holds, and the fake refused nothing.
    assert_eq!(served.arm_served, SUBS * PER_SUB, "{served:?}");
    assert!(PER_SUB > tight().arm_capacity as usize);
    assert_eq!(served.throttled, 0, "{served:?}");
    assert_eq!(c.stats.throttled, 0, "{:?}", c.stats);
    assert_eq!(c.stats.retries, 0, "{:?}", c.stats);
    assert!(c.stats.peak_concurrency > 4, "{:?}", c.stats);
    every_arm_request_answered(&c);
    assert_eq!(sorted(&c.snapshot), reference);
}

#[tokio::test]
async fn a_collector_that_overruns_is_throttled_waits_and_loses_nothing() {
    let (plan, snapshot) = tenant();
    let reference = sequential(&plan, &snapshot).await;
    for http_date in [false, true] {
        let fake = start(
            &snapshot,
            &plan,
            Some(Throttling {
                retry_after_http_date: http_date,
                ..tight()
            }),
        )
        .await;
        // No budgets: it learns the limits from the 429s.
        let options = CollectOptions {
            concurrency: 32,
            budgets: Budgets::unlimited(),
            max_attempts: 8,
            max_retry_after: Duration::from_secs(3),
            ..fast_options()
        };
        let c = collect(&fake, &plan, options).await;
        let served = fake.throttle_counters();
        assert!(served.arm_throttled > 0, "{served:?}");
        assert_eq!(c.stats.throttled, served.throttled, "{:?}", c.stats);
        assert!(
            c.stats.lowest_window < 32,
            "the window halved: {:?}",
            c.stats
        );
        every_arm_request_answered(&c);
        assert_eq!(sorted(&c.snapshot), reference, "http_date {http_date}");
    }
}

/// A transport without a clock (`now` is `None`): only the window and each request's own
/// `Retry-After` wait apply.
struct NoClock(azure_onboarding_live::ReqwestTransport);

impl azure_onboarding_live::Transport for NoClock {
    fn send(
        &self,
        request: azure_onboarding_live::Request,
    ) -> impl std::future::Future<
        Output = Result<azure_onboarding_live::Response, azure_onboarding_live::TransportError>,
    > {
        self.0.send(request)
    }

    fn sleep(&self, duration: Duration) -> impl std::future::Future<Output = ()> {
        self.0.sleep(duration)
    }
}

#[tokio::test]
async fn without_a_clock_a_429_is_still_waited_out_and_nothing_is_lost() {
    let (plan, snapshot) = tenant();
    let reference = sequential(&plan, &snapshot).await;
    let fake = start(&snapshot, &plan, Some(tight())).await;
    let t = NoClock(transport());
    let cloud = azure_onboarding_live::Cloud::public().with_endpoints_for_testing(&fake.base_url());
    let options = CollectOptions {
        concurrency: 32,
        max_attempts: 8,
        ..fast_options()
    };
    let c = azure_onboarding_live::Collector::new(&t, cloud)
        .options(options)
        .collect(&plan, &secret_credentials(&plan), &now())
        .await
        .unwrap();
    let served = fake.throttle_counters();
    // Without a clock the budgets cannot be kept: the fake refuses some, each is retried.
    assert!(served.arm_throttled > 0, "{served:?}");
    assert_eq!(c.stats.throttled, served.throttled);
    every_arm_request_answered(&c);
    assert_eq!(sorted(&c.snapshot), reference);
}
