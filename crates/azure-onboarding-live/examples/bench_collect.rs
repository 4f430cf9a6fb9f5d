//! Benchmark (not a test): collect a tenant of SUBS subscriptions × ACCOUNTS storage accounts
//! (default 200 × 10) from the fake of Azure with LATENCY_MS of injected latency per
//! response (default 50), against the fake throttling as Azure does; report wall time,
//! requests made, 429s, peak concurrency, for main's behaviour (8 in flight, no budgets:
//! `BASELINE=1`, the default), the adaptive collector reading the inventory with the
//! per-subscription lists, and the adaptive collector reading it through Azure Resource
//! Graph first (`GRAPH=1`, the default), side by side in one run. The runs' reports are
//! compared (the snapshots differ: Resource Graph answers are POST entries).
//!
//! `cargo run --release -p azure-onboarding-live --example bench_collect --features testing`
//! (environment: SUBS, ACCOUNTS, LATENCY_MS, CONCURRENCY (the adaptive run's), BASELINE,
//! KEEP_ALIVE: the fake keeps connections open, as Azure does; default 1).

use azure_onboarding::catalog::{endpoints, graph};
use azure_onboarding::{OnboardingPlan, SecretString, Snapshot, SnapshotResponse};
use azure_onboarding_live::testing::{FakeAzure, FakeConfig, ResourceGraphConfig, Throttling};
use azure_onboarding_live::{
    Budgets, Cloud, CollectOptions, Collector, Credentials, ReqwestTransport,
};
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
    // The fake (Azure's side) runs on a thread of its own, as a server would: the collector's
    // single-threaded runtime is what is measured.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let server = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the fake");
        server.block_on(async move {
            let fake = FakeAzure::start(FakeConfig {
                snapshot: Some(snapshot),
                graph_roles: vec![graph::SECURITY_ALERT_READ_ALL.name.into()],
                latency,
                throttling: Some(Throttling::azure()),
                keep_alive: env("KEEP_ALIVE", 1) == 1,
                resource_graph: Some(ResourceGraphConfig::default()),
                ..FakeConfig::default()
            })
            .await
            .expect("the fake starts");
            tx.send(fake).expect("the bench waits for the fake");
            core::future::pending::<()>().await;
        });
    });
    let fake = rx.recv().expect("the fake started");
    runtime.block_on(async {
        println!("tenant: {subs} subscriptions x {accounts} storage accounts, {} ms latency; the fake throttles as Azure (ARM 250 + 25/s per subscription, ARG 15 per 5 s, Graph 3,500 RU per 10 s)", latency.as_millis());
        let mut runs = Vec::new();
        if env("BASELINE", 1) == 1 {
            // main's behaviour: 8 in flight, no budgets, no interleaving effect on it.
            let options = CollectOptions { concurrency: 8, budgets: Budgets::unlimited(), overall_timeout: Duration::from_secs(3600), resource_graph: false, ..CollectOptions::default() };
            runs.push(("baseline (fixed 8, no budgets, lists)", options));
        }
        let options = CollectOptions { concurrency: env("CONCURRENCY", CollectOptions::default().concurrency), overall_timeout: Duration::from_secs(3600), resource_graph: false, ..CollectOptions::default() };
        runs.push(("adaptive (budgets, AIMD), lists only", options.clone()));
        if env("GRAPH", 1) == 1 {
            runs.push(("adaptive (budgets, AIMD), Resource Graph first", CollectOptions { resource_graph: true, ..options }));
        }
        let mut reports = Vec::new();
        for (name, options) in runs {
            let before = fake.throttle_counters();
            let served_before = fake.requests().len();
            let transport = ReqwestTransport::new(true, Duration::from_secs(5)).expect("a transport");
            let cloud = Cloud::public().with_endpoints_for_testing(&fake.base_url());
            let creds = Credentials::ClientSecret { client_id: plan.application_id, secret: SecretString::new("bench-secret-value-000000000000000000".into()) };
            let concurrency = options.concurrency;
            let started = Instant::now();
            let collected = Collector::new(&transport, cloud)
                .options(options)
                .collect(&plan, &creds, "2026-11-26T12:00:00Z")
                .await
                .expect("collected");
            let wall = started.elapsed();
            let s = &collected.stats;
            let after = fake.throttle_counters();
            let not_ok = collected.snapshot.responses.iter().filter(|r| r.status != 200).count();
            let posts = collected.snapshot.responses.iter().filter(|r| r.method == "POST").count();
            println!("\n== {name}: concurrency {concurrency}");
            println!("wall time: {:.2} s", wall.as_secs_f64());
            println!("requests listed: {}, HTTP requests: {} ({} retries), entries recorded: {} ({} not 200; {} Resource Graph pages), rounds: {}", s.listed_requests, s.http_requests, s.retries, s.pages, not_ok, posts, s.rounds);
            if !collected.notes.is_empty() {
                println!("notes: {:?}", collected.notes);
            }
            println!("429s received: {} (fake refused: ARM {}, ARG {}, Graph {}), lowest window: {}", s.throttled, after.arm_throttled - before.arm_throttled, after.arg_throttled - before.arg_throttled, after.graph_throttled - before.graph_throttled, s.lowest_window);
            println!("served by the fake: {} requests (ARM {}, ARG {}, Graph {}); fewest tokens left in an ARM bucket: {:?}", fake.requests().len() - served_before, after.arm_served - before.arm_served, after.arg_served - before.arg_served, after.graph_served - before.graph_served, after.arm_lowest_tokens);
            println!("peak concurrency: collector {}, server {}", s.peak_concurrency, fake.peak_concurrency());
            println!("throughput: {:.0} requests/s", s.http_requests as f64 / wall.as_secs_f64());
            reports.push(azure_onboarding::assess(&plan, &collected.snapshot));
            // Let the buckets refill before the next run.
            tokio::time::sleep(Duration::from_secs(11)).await;
        }
        if reports.len() > 1 {
            println!("\nreports identical across runs: {}", reports.windows(2).all(|w| w[0] == w[1]));
        }
    });
}
