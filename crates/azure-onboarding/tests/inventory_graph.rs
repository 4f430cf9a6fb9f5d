//! The inventory read through Azure Resource Graph (snapshot v2) is assessed the same as the
//! per-subscription ARM lists: the same tenant recorded both ways gives the same report, and
//! a refused or partial Resource Graph answer without the ARM list is unknown, never pass.

mod common;

use azure_onboarding::{
    assess, inventory_requests, FindingCode, InventoryQuery, InventoryRequest, OnboardingPlan,
    ReadinessReport, RequestId, Snapshot, SnapshotResponse, Status, SNAPSHOT_FORMAT_V2,
};
use common::World;
use serde_json::{json, Value};

/// The role definitions the role assignment query keeps (the query filters server-side).
fn kept_role(a: &Value) -> bool {
    let kql = InventoryQuery::RoleAssignments.kql();
    let id = a
        .pointer("/properties/roleDefinitionId")
        .and_then(Value::as_str)
        .unwrap_or("");
    let guid = id.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    !guid.is_empty() && kql.contains(&format!("'{guid}'"))
}

/// The ARM list responses of `q` for `sub` in `snap` (all pages' `value` items, or the S1 body).
fn arm_rows(snap: &Snapshot, q: InventoryQuery, sub: &str) -> Option<Vec<Value>> {
    let spec = q.arm_request(&sub.parse().unwrap());
    let key = |u: &str| azure_onboarding::snapshot_rules::url_key("GET", u).map(|k| k.request);
    let want = key(&spec.url)?;
    let pages: Vec<&SnapshotResponse> = snap
        .responses
        .iter()
        .filter(|r| key(&r.url).as_ref() == Some(&want))
        .collect();
    if pages.is_empty() || pages.iter().any(|p| p.status != 200) {
        return None;
    }
    let mut rows = Vec::new();
    for p in pages {
        match q {
            InventoryQuery::Subscriptions => {
                let mut row = p.body.clone();
                row["managementGroupAncestorsChain"] =
                    json!([{ "name": common::TENANT, "displayName": "Tenant Root Group" }]);
                rows.push(row);
            }
            _ => {
                for mut item in p.body["value"].as_array().cloned().unwrap_or_default() {
                    if q == InventoryQuery::RoleAssignments && !kept_role(&item) {
                        continue;
                    }
                    item["subscriptionId"] = sub.into();
                    rows.push(item);
                }
            }
        }
    }
    Some(rows)
}

/// `world`'s snapshot with its S1, S2, S3, S5 and S6 lists replaced by Resource Graph
/// answers holding the same items (role assignments filtered to the roles the query keeps),
/// `page_rows` rows a page.
fn through_graph(world: &World, page_rows: usize) -> Snapshot {
    let subs = world.plan.subscriptions.clone();
    let mut snap = world.snapshot.clone();
    let answered: Vec<RequestId> = InventoryQuery::ALL.iter().map(|q| q.answers()).collect();
    let mut graph = Vec::new();
    for req in inventory_requests(&subs) {
        let mut rows = Vec::new();
        for s in &req.subscriptions {
            rows.extend(arm_rows(&world.snapshot, req.query, &s.to_string()).unwrap_or_default());
        }
        graph.extend(pages(&req, &rows, page_rows));
    }
    // A list ARM refused stays as recorded (the collector reads it again when Resource Graph
    // does not answer for it, and the recorded list wins over a stand-in).
    snap.responses.retain(|r| {
        r.status != 200
            || !subs.iter().any(|s| {
                answered.iter().any(|&id| {
                    InventoryQuery::ALL
                        .iter()
                        .find(|q| q.answers() == id)
                        .is_some_and(|q| same_request(&q.arm_request(s).url, &r.url))
                })
            })
    });
    snap.responses.extend(graph);
    snap.fit_format();
    snap
}

fn same_request(a: &str, b: &str) -> bool {
    let k = |u: &str| azure_onboarding::snapshot_rules::url_key("GET", u).map(|k| k.request);
    k(a) == k(b)
}

/// The recorded pages of one query answering `rows`, `per_page` a page.
fn pages(req: &InventoryRequest, rows: &[Value], per_page: usize) -> Vec<SnapshotResponse> {
    let chunks: Vec<&[Value]> = if rows.is_empty() {
        vec![&[]]
    } else {
        rows.chunks(per_page).collect()
    };
    let n = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let token = (i > 0).then(|| format!("page {i} \"&"));
            let mut answer = json!({ "totalRecords": rows.len(), "count": chunk.len(),
                "data": chunk, "resultTruncated": "false" });
            if i + 1 < n {
                answer["$skipToken"] = format!("page {} \"&", i + 1).into();
            }
            SnapshotResponse::post(&req.url, req.body(token.as_deref()), 200, answer)
        })
        .collect()
}

fn report_json(plan: &OnboardingPlan, snap: &Snapshot) -> Value {
    serde_json::to_value(assess(plan, snap)).unwrap()
}

fn worlds() -> Vec<(&'static str, World)> {
    let demo = World {
        plan: OnboardingPlan::from_json(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../examples/demo-plan.json"
            ))
            .unwrap(),
        )
        .unwrap(),
        snapshot: Snapshot::from_json(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../examples/demo-snapshot.json"
            ))
            .unwrap(),
        )
        .unwrap(),
    };
    vec![("ready", World::ready()), ("demo", demo)]
}

#[test]
fn the_same_tenant_through_graph_gives_the_same_report() {
    for (name, world) in worlds() {
        let lists = report_json(&world.plan, &world.snapshot);
        for per_page in [1000, 1] {
            let graph = through_graph(&world, per_page);
            assert_eq!(graph.format, SNAPSHOT_FORMAT_V2);
            // No ARM list of S1..S6 is left: the report reads the graph answers only.
            assert!(graph.responses.iter().any(|r| r.method == "POST"));
            // It round-trips through JSON as v2.
            let graph = Snapshot::from_json(&graph.to_json()).unwrap();
            assert_eq!(
                report_json(&world.plan, &graph),
                lists,
                "{name}, {per_page} a page"
            );
        }
    }
}

#[test]
fn a_refused_or_partial_graph_answer_is_unknown_never_pass() {
    let world = World::ready();
    assert!(assess(&world.plan, &world.snapshot).ready);
    let graph = through_graph(&world, 1);

    // Refused: every stand-in list is refused, so what it lists is unknown.
    let mut refused = graph.clone();
    for r in &mut refused.responses {
        if r.method == "POST" {
            r.status = 403;
            r.body = json!({"error": {"code": "AuthorizationFailed"}});
        }
    }
    let rep = assess(&world.plan, &refused);
    assert!(!rep.ready);
    assert!(rep.has(FindingCode::NotAuthorizedToRead));

    // Partial: the last page of each query dropped.
    let mut partial = graph.clone();
    let last_pages: Vec<usize> = partial
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| r.method == "POST" && r.body.get("$skipToken").is_none())
        .filter(|(_, r)| {
            r.request_body.as_ref().unwrap()["options"]
                .get("$skipToken")
                .is_some()
        })
        .map(|(i, _)| i)
        .collect();
    assert!(!last_pages.is_empty());
    for i in last_pages.into_iter().rev() {
        partial.responses.remove(i);
    }
    let rep = assess(&world.plan, &partial);
    assert!(!rep.ready);
    assert!(rep.has(FindingCode::NotCollected));
    assert_no_pass_from_nothing(&rep);

    // Truncated by Resource Graph: the same.
    let mut truncated = graph.clone();
    for r in &mut truncated.responses {
        if r.method == "POST" {
            r.body["resultTruncated"] = "true".into();
        }
    }
    assert!(!assess(&world.plan, &truncated).ready);

    // Refused, with the per-subscription lists recorded as the fallback: as the lists say.
    let mut fallback = refused.clone();
    fallback
        .responses
        .extend(world.snapshot.responses.iter().cloned());
    assert_eq!(
        report_json(&world.plan, &fallback),
        report_json(&world.plan, &world.snapshot)
    );
}

fn assert_no_pass_from_nothing(rep: &ReadinessReport) {
    let subs = rep
        .steps
        .iter()
        .find(|s| s.id == "subscription-roles")
        .expect("the subscription step");
    assert_ne!(subs.status, Status::Pass);
}

#[test]
fn a_v1_snapshot_cannot_hold_a_request_body() {
    let mut s = World::ready().snapshot;
    let req = &inventory_requests(&World::ready().plan.subscriptions)[0];
    s.responses.push(SnapshotResponse::post(
        &req.url,
        req.body(None),
        200,
        json!({"data": []}),
    ));
    let e = Snapshot::from_json(&s.to_json()).unwrap_err();
    assert_eq!(
        e.path(),
        Some(&*format!(
            "responses[{}].requestBody",
            s.responses.len() - 1
        ))
    );
    s.fit_format();
    assert!(Snapshot::from_json(&s.to_json()).is_ok());
    // Without a body the format goes back to v1.
    s.responses.pop();
    s.fit_format();
    assert_eq!(s.format, azure_onboarding::SNAPSHOT_FORMAT);
}
