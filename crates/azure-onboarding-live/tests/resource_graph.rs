//! The inventory through Azure Resource Graph against the fake: the same report as the
//! per-subscription lists, paged by `$skipToken`, within the Resource Graph quota, nothing
//! lost, the secret nowhere; and the fallback to the lists when Resource Graph refuses (403),
//! is unavailable (404, or 5xx after retries) or answers something unreadable.

mod common;

use azure_onboarding::catalog::endpoints;
use azure_onboarding::catalog::graph;
use azure_onboarding::{assess, OnboardingPlan, Snapshot, SnapshotResponse, SNAPSHOT_FORMAT_V2};
use azure_onboarding_live::testing::{
    FakeAzure, FakeConfig, Fault, FaultAction, ResourceGraphConfig, Throttling,
};
use azure_onboarding_live::{Budget, Budgets, CollectOptions, Collected};
use common::*;
use serde_json::json;
use std::time::Duration;

const ARG: &str = "/providers/Microsoft.ResourceGraph/resources";

fn graph_options() -> CollectOptions {
    CollectOptions {
        resource_graph: true,
        ..fast_options()
    }
}

/// The ready tenant of the core's tests: every read answered 200.
fn ready() -> (OnboardingPlan, Snapshot) {
    let read = |f: &str| {
        std::fs::read_to_string(
            root()
                .join("crates/azure-onboarding/tests/fixtures")
                .join(f),
        )
        .unwrap()
    };
    (
        OnboardingPlan::from_json(&read("ready-plan.json")).unwrap(),
        Snapshot::from_json(&read("ready-snapshot.json")).unwrap(),
    )
}

async fn fake_of(
    world: &(OnboardingPlan, Snapshot),
    graph: Option<ResourceGraphConfig>,
    faults: Vec<Fault>,
) -> FakeAzure {
    FakeAzure::start(FakeConfig {
        resource_graph: graph,
        faults,
        ..fake_config(&world.0, &world.1)
    })
    .await
    .unwrap()
}

async fn demo_fake(graph: Option<ResourceGraphConfig>, faults: Vec<Fault>) -> FakeAzure {
    fake_of(&demo(), graph, faults).await
}

async fn collect_world(
    fake: &FakeAzure,
    world: &(OnboardingPlan, Snapshot),
    options: CollectOptions,
) -> Collected {
    collect_from(
        fake,
        &world.0,
        &secret_credentials(&world.0),
        options,
        &world.1.collected_at,
    )
    .await
}

async fn collect_demo(fake: &FakeAzure, options: CollectOptions) -> Collected {
    collect_world(fake, &demo(), options).await
}

fn posts(s: &Snapshot) -> Vec<&SnapshotResponse> {
    s.responses.iter().filter(|r| r.method == "POST").collect()
}

/// The per-subscription inventory lists (S1, S2, S3, S5, S6) the snapshot holds.
fn inventory_lists(s: &Snapshot) -> usize {
    s.responses
        .iter()
        .filter(|r| r.method == "GET" && r.url.starts_with(endpoints::ARM))
        .filter(|r| {
            let path = r.url.split('?').next().unwrap_or("");
            let rest = path.split("/subscriptions/").nth(1).unwrap_or("");
            !rest.contains("/resourceGroups/")
        })
        .count()
}

fn no_secret_anywhere(c: &Collected) {
    let text = format!(
        "{}{:?}{:?}{:?}",
        c.snapshot.to_json(),
        c.notes,
        c.stats,
        c.snapshot
    );
    assert!(!text.contains("CANARY"), "the secret leaked");
}

#[tokio::test]
async fn the_inventory_through_resource_graph_assesses_as_the_lists() {
    for (name, world) in [("ready", ready()), ("demo", demo())] {
        let plan = &world.0;
        let lists_fake = fake_of(&world, None, vec![]).await;
        let lists = collect_world(&lists_fake, &world, fast_options()).await;
        assert!(posts(&lists.snapshot).is_empty());
        let reference = assess(plan, &lists.snapshot);
        assert_eq!(reference, assess(plan, &world.1), "{name}");

        for page_rows in [1000, 1] {
            let graph = ResourceGraphConfig {
                refuse: false,
                page_rows,
                truncate: false,
            };
            let fake = fake_of(&world, Some(graph), vec![]).await;
            let c = collect_world(&fake, &world, graph_options()).await;
            assert!(c.notes.is_empty(), "{name}: {:?}", c.notes);
            assert_eq!(c.snapshot.format, SNAPSHOT_FORMAT_V2);
            let again = Snapshot::from_json(&c.snapshot.to_json()).unwrap();
            let report = assess(plan, &again);
            if name == "ready" {
                assert_eq!(report, reference, "{name}, {page_rows} a page");
                assert!(report.ready);
            } else {
                // The documented limit: ARM refused subscription B's Defender pricings (the
                // identity lacks Microsoft.Security/pricings/read there, though it reads
                // the subscription); Resource Graph leaves such rows out instead of
                // refusing, so the plans read as off (warn) where the list said unknown.
                // Every other step is the same.
                for (got, want) in report.steps.iter().zip(&reference.steps) {
                    if got.id != "prerequisites" {
                        assert_eq!(got, want, "{name}, {page_rows} a page");
                    }
                }
                assert_eq!(report.ready, reference.ready);
            }
            // The queries (5 for 2 subscriptions), every page recorded, all 200.
            let p = posts(&c.snapshot);
            assert!(p
                .iter()
                .all(|r| r.status == 200 && r.request_body.is_some()));
            if page_rows == 1 {
                assert!(p.len() > 5, "paged: {}", p.len());
            } else {
                assert_eq!(p.len(), 5);
            }
            // The per-subscription lists Resource Graph answered were not read again.
            assert_eq!(inventory_lists(&c.snapshot), 0, "{name}: {:?}", c.stats);
            assert!(inventory_lists(&lists.snapshot) >= 10);
            no_secret_anywhere(&c);
        }
    }
}

#[tokio::test]
async fn refused_unavailable_or_unreadable_resource_graph_falls_back_to_the_lists() {
    let (plan, demo) = demo();
    let reference = assess(&plan, &demo);
    let cases: Vec<(&str, Option<ResourceGraphConfig>, Vec<Fault>)> = vec![
        (
            "refused",
            Some(ResourceGraphConfig {
                refuse: true,
                ..ResourceGraphConfig::default()
            }),
            vec![],
        ),
        ("absent (404)", None, vec![]),
        (
            "503 after retries",
            Some(ResourceGraphConfig::default()),
            vec![Fault {
                url_contains: ARG.into(),
                action: FaultAction::Status {
                    status: 503,
                    retry_after: None,
                },
                times: None,
            }],
        ),
        (
            "truncated",
            Some(ResourceGraphConfig {
                refuse: false,
                page_rows: 1,
                truncate: true,
            }),
            vec![],
        ),
        (
            "unreadable",
            Some(ResourceGraphConfig::default()),
            vec![Fault {
                url_contains: ARG.into(),
                action: FaultAction::BrokenBody,
                times: None,
            }],
        ),
    ];
    for (name, graph, faults) in cases {
        let fake = demo_fake(graph, faults).await;
        let c = collect_demo(&fake, graph_options()).await;
        assert_eq!(c.notes.len(), 1, "{name}: {:?}", c.notes);
        assert!(
            c.notes[0].contains("per-subscription ARM requests instead"),
            "{name}: {:?}",
            c.notes
        );
        // The failed answers are recorded too (nothing lost), and the lists were read.
        assert_eq!(posts(&c.snapshot).len(), 5, "{name}");
        assert!(inventory_lists(&c.snapshot) >= 10, "{name}");
        let again = Snapshot::from_json(&c.snapshot.to_json()).unwrap();
        assert_eq!(assess(&plan, &again), reference, "{name}");
        no_secret_anywhere(&c);
    }
}

#[tokio::test]
async fn the_fake_refuses_queries_the_collector_does_not_build() {
    let (plan, demo) = demo();
    let fake = FakeAzure::start(FakeConfig {
        resource_graph: Some(ResourceGraphConfig::default()),
        accepted_tokens: vec!["arg-test-token".into()],
        ..fake_config(&plan, &demo)
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let token = "arg-test-token";
    let url = format!("{}{ARG}?api-version=2022-10-01", fake.base_url());
    let req = &azure_onboarding::inventory_requests(&plan.subscriptions)[2];
    let send = |body: serde_json::Value| {
        client
            .post(&url)
            .bearer_auth(token)
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
    };
    let ok = send(req.body(None)).await.unwrap();
    assert_eq!(ok.status(), 200);
    let mut other = req.body(None);
    other["query"] = "resources | project id, properties.secret".into();
    let mut bad_sub = req.body(None);
    bad_sub["subscriptions"] = json!(["x' or 1 == 1"]);
    let mut bad_token = req.body(None);
    bad_token["options"]["$skipToken"] = "forged".into();
    let mut too_many = req.body(None);
    too_many["subscriptions"] = json!(vec![plan.subscriptions[0].to_string(); 301]);
    for body in [other, bad_sub, bad_token, too_many, json!("not an object")] {
        let r = send(body.clone()).await.unwrap();
        assert_eq!(r.status(), 400, "{body}");
    }
    drop(demo);
}

fn guid(kind: u32, n: usize) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

/// SUBS subscriptions of 3 storage accounts each.
fn big_tenant(subs: usize) -> (OnboardingPlan, Snapshot) {
    let tenant = guid(1, 1);
    let subs: Vec<String> = (0..subs).map(|i| guid(3, i)).collect();
    let arm = endpoints::ARM;
    let mut responses = Vec::new();
    for s in &subs {
        let get = |path: &str, body| {
            SnapshotResponse::get(format!("{arm}/subscriptions/{s}{path}"), 200, body)
        };
        responses.push(get("", json!({"id": format!("/subscriptions/{s}"), "subscriptionId": s, "tenantId": tenant, "displayName": s, "state": "Enabled"})));
        responses.push(get("/providers/Microsoft.Authorization/roleAssignments", json!({"value": [
            {"id": format!("/subscriptions/{s}/providers/Microsoft.Authorization/roleAssignments/ra"),
             "properties": {"scope": format!("/subscriptions/{s}"), "principalId": guid(9, 1),
               "roleDefinitionId": format!("/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/73c42c96-874c-492b-b04d-ab87d138a893")}}]})));
        for list in [
            "Microsoft.Security/pricings",
            "Microsoft.ClassicStorage/storageAccounts",
        ] {
            responses.push(get(&format!("/providers/{list}"), json!({"value": []})));
        }
        let accounts: Vec<_> = (0..3)
            .map(|a| json!({"id": format!("/subscriptions/{s}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct{a}"), "name": format!("acct{a}"), "type": "Microsoft.Storage/storageAccounts", "kind": "BlobStorage", "location": "westeurope", "properties": {}}))
            .collect();
        responses.push(get(
            "/providers/Microsoft.Storage/storageAccounts",
            json!({ "value": accounts }),
        ));
        for a in 0..3 {
            responses.push(get(
                &format!("/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct{a}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings"),
                json!({"value": []}),
            ));
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

#[tokio::test]
async fn paged_queries_keep_to_the_resource_graph_quota_and_lose_nothing() {
    // 650 subscriptions: three groups (300, 300, 50), 5 queries each, 100 rows a page.
    let (plan, snapshot) = big_tenant(650);
    let start = |graph: Option<ResourceGraphConfig>| {
        FakeAzure::start(FakeConfig {
            snapshot: Some(snapshot.clone()),
            client_id: Some(plan.application_id.to_string()),
            client_secret: Some(CANARY_SECRET.into()),
            graph_roles: vec![graph::SECURITY_ALERT_READ_ALL.name.into()],
            keep_alive: true,
            throttling: Some(Throttling {
                arg_queries: 10,
                arg_window: Duration::from_secs(1),
                ..Throttling::azure()
            }),
            resource_graph: graph,
            ..FakeConfig::default()
        })
    };
    let options = CollectOptions {
        concurrency: 64,
        budgets: Budgets {
            resource_graph: Budget::Window {
                capacity: 10,
                period: Duration::from_secs(1),
            },
            ..Budgets::default()
        },
        ..graph_options()
    };
    let collected_at = "2026-11-26T12:00:00Z";
    let fake = start(Some(ResourceGraphConfig {
        refuse: false,
        page_rows: 100,
        truncate: false,
    }))
    .await
    .unwrap();
    let c = collect_from(
        &fake,
        &plan,
        &secret_credentials(&plan),
        options.clone(),
        collected_at,
    )
    .await;
    let served = fake.throttle_counters();
    assert_eq!(served.throttled, 0, "{served:?}");
    assert_eq!(c.stats.throttled, 0, "{:?}", c.stats);
    assert!(c.notes.is_empty(), "{:?}", c.notes);
    // Pages: subscriptions 3+3+1, role assignments 3+3+1, storage accounts 9+9+2, pricings
    // and classic accounts 1 each per group.
    assert_eq!(served.arg_served, 7 + 7 + 20 + 3 + 3, "{served:?}");
    assert_eq!(posts(&c.snapshot).len(), served.arg_served);
    assert!(posts(&c.snapshot).iter().all(|r| r.status == 200));
    assert_eq!(inventory_lists(&c.snapshot), 0);
    // The same report as the lists, read without Resource Graph.
    let lists_fake = start(None).await.unwrap();
    let lists = collect_from(
        &lists_fake,
        &plan,
        &secret_credentials(&plan),
        CollectOptions {
            resource_graph: false,
            ..options
        },
        collected_at,
    )
    .await;
    assert_eq!(assess(&plan, &c.snapshot), assess(&plan, &lists.snapshot));
    assert!(
        c.stats.http_requests + 650 * 4 < lists.stats.http_requests,
        "{:?} vs {:?}",
        c.stats,
        lists.stats
    );
    no_secret_anywhere(&c);
}
