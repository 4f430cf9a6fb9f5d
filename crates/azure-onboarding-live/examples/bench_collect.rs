//! Benchmark (not a test): collect a tenant of SUBS subscriptions × ACCOUNTS storage accounts
//! (default 200 × 10) from the fake of Azure with LATENCY_MS of injected latency per
//! response (default 50), and report wall time, requests made and peak concurrency.
//!
//! `cargo run --release -p azure-onboarding-live --example bench_collect --features testing`
//! (environment: SUBS, ACCOUNTS, LATENCY_MS, CONCURRENCY).

use azure_onboarding::catalog::{endpoints, graph};
use azure_onboarding::{OnboardingPlan, SecretString, Snapshot, SnapshotResponse};
use azure_onboarding_live::testing::{FakeAzure, FakeConfig};
use azure_onboarding_live::{Cloud, CollectOptions, Collector, Credentials, ReqwestTransport};
use serde_json::json;
use std::time::{Duration, Instant};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn guid(kind: u32, n: usize) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

fn main() {
    let (subs, accounts) = (env("SUBS", 200), env("ACCOUNTS", 10));
    let latency = Duration::from_millis(env("LATENCY_MS", 50) as u64);
    let concurrency = env("CONCURRENCY", 8);
    let tenant = guid(1, 1);
    let app = guid(2, 1);
    let sub_ids: Vec<String> = (0..subs).map(|i| guid(3, i)).collect();
    let arm = endpoints::ARM;
    let mut responses = Vec::new();
    for s in &sub_ids {
        let get = |path: &str, body| {
            SnapshotResponse::get(format!("{arm}/subscriptions/{s}{path}"), 200, body)
        };
        responses.push(get("", json!({"id": format!("/subscriptions/{s}"), "subscriptionId": s, "tenantId": tenant, "displayName": s, "state": "Enabled"})));
        responses.push(get(
            "/providers/Microsoft.Authorization/roleAssignments",
            json!({"value": []}),
        ));
        responses.push(get(
            "/providers/Microsoft.Security/pricings",
            json!({"value": []}),
        ));
        responses.push(get(
            "/providers/Microsoft.ClassicStorage/storageAccounts",
            json!({"value": []}),
        ));
        let list: Vec<_> = (0..accounts)
            .map(|a| {
                let id = format!("/subscriptions/{s}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct{a}");
                json!({"id": id, "name": format!("acct{a}"), "type": "Microsoft.Storage/storageAccounts", "kind": "StorageV2", "location": "westeurope", "properties": {}})
            })
            .collect();
        responses.push(get(
            "/providers/Microsoft.Storage/storageAccounts",
            json!({ "value": list }),
        ));
        for a in 0..accounts {
            for svc in [
                "blobServices",
                "fileServices",
                "queueServices",
                "tableServices",
            ] {
                responses.push(get(
                    &format!("/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct{a}/{svc}/default/providers/Microsoft.Insights/diagnosticSettings"),
                    json!({"value": []}),
                ));
            }
        }
    }
    let mut snapshot = Snapshot::new("2026-11-26T12:00:00Z");
    snapshot.responses = responses;
    let plan = OnboardingPlan::from_json(
        &json!({
            "tenantId": tenant, "accessOption": "customApp", "applicationId": app,
            "subscriptions": sub_ids,
            "logStorageAccount": format!("/subscriptions/{}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs", sub_ids[0]),
        })
        .to_string(),
    )
    .expect("a valid plan");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let fake = FakeAzure::start(FakeConfig {
            snapshot: Some(snapshot),
            graph_roles: vec![graph::SECURITY_ALERT_READ_ALL.name.into()],
            latency,
            ..FakeConfig::default()
        })
        .await
        .expect("the fake starts");
        let transport = ReqwestTransport::new(true, Duration::from_secs(5)).expect("a transport");
        let cloud = Cloud::public().with_endpoints_for_testing(&fake.base_url());
        let options = CollectOptions { concurrency, overall_timeout: Duration::from_secs(3600), ..CollectOptions::default() };
        let creds = Credentials::ClientSecret { client_id: plan.application_id, secret: SecretString::new("bench-secret-value-000000000000000000".into()) };
        let started = Instant::now();
        let collected = Collector::new(&transport, cloud)
            .options(options)
            .collect(&plan, &creds, "2026-11-26T12:00:00Z")
            .await
            .expect("collected");
        let wall = started.elapsed();
        let s = &collected.stats;
        println!("tenant: {subs} subscriptions x {accounts} storage accounts, {} ms latency, concurrency {concurrency}", latency.as_millis());
        println!("wall time: {:.2} s", wall.as_secs_f64());
        println!("requests listed: {}, HTTP requests: {} ({} retries), entries recorded: {}, rounds: {}", s.listed_requests, s.http_requests, s.retries, s.pages, s.rounds);
        println!("peak concurrency: collector {}, server {}", s.peak_concurrency, fake.peak_concurrency());
        println!("throughput: {:.0} requests/s", s.http_requests as f64 / wall.as_secs_f64());
    });
}
