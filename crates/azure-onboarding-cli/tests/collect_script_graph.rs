//! The collect-script's inventory through Azure Resource Graph (`az rest --method post
//! --body @file`), run with a stand-in `az` that forwards every call to the fake of Azure
//! (curl): the queries the script builds are the ones the fake's Resource Graph understands
//! (it refuses anything else with 400), pages follow `$skipToken`, and when Resource Graph
//! refuses, the script reads the per-subscription lists instead. (`cargo xtask test-az`
//! runs the real Azure CLI.)

mod common;

use azure_onboarding::catalog::graph;
use azure_onboarding::{assess, ReadinessReport, Snapshot, SNAPSHOT_FORMAT_V2};
use azure_onboarding_live::testing::{FakeAzure, FakeConfig, ResourceGraphConfig};

const TOKEN: &str = "script-test-token";

use common::demo;

/// A stand-in for `az rest`: the same call, sent to the fake with curl, its answer printed as
/// az prints it (python3, as az itself).
const FORWARDING_AZ: &str = r#"#!/usr/bin/env bash
method=get url="" query="" body=""
while [ $# -gt 0 ]; do
  case "$1" in
    --method) method="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --url=*) url="${1#--url=}"; shift ;;
    --query) query="$2"; shift 2 ;;
    --body) body="$2"; shift 2 ;;
    *) shift ;;
  esac
done
base="__BASE__"
case "$url" in
  https://management.azure.com/*) target="$base${url#https://management.azure.com}" ;;
  https://graph.microsoft.com/*) target="$base${url#https://graph.microsoft.com}" ;;
  https://*.blob.core.windows.net/*)
    rest="${url#https://}"
    target="$base/_blob/${rest%%.*}/${rest#*/}" ;;
  *) echo "ERROR: Bad Request(unknown host)" >&2; exit 1 ;;
esac
target="${target// /%20}"
out="$(mktemp)"
args=(-s --globoff -o "$out" -w '%{http_code}' -X "${method^^}" -H "Authorization: Bearer __TOKEN__" -H "x-ms-version: 2021-08-06")
if [ -n "$body" ]; then args+=(-H "Content-Type: application/json" --data-binary "$body"); fi
code="$(curl "${args[@]}" "$target")"
if [ "$code" -ge 200 ] && [ "$code" -lt 300 ]; then
  if [ -n "$query" ]; then
    grep -oE '"id": *"[^"]+"' "$out" | head -n 1 | sed -E 's/^"id": *"//; s/"$//'
  else
    # As az prints it: JSON as knack's format_json writes it (two-space indent, keys sorted),
    # any other body (the Blob service's XML) as it is.
    python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    print(json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True, separators=(",", ": ")))
except ValueError:
    sys.stdout.write(text)
' "$out"
  fi
  rm -f "$out"
  exit 0
fi
case "$code" in
  401) reason=Unauthorized ;;
  403) reason=Forbidden ;;
  404) reason="Not Found" ;;
  400) reason="Bad Request" ;;
  *) reason="Internal Server Error" ;;
esac
echo "ERROR: $reason($(cat "$out"))" >&2
rm -f "$out"
exit 1
"#;

/// Runs the collect-script of the demo plan against `fake`; the snapshot and stderr.
fn run_script(base_url: &str, name: &str) -> (Snapshot, String) {
    let dir = std::env::temp_dir().join(format!(
        "azure-onboard-script-graph-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let az = FORWARDING_AZ
        .replace("__BASE__", base_url)
        .replace("__TOKEN__", TOKEN);
    let (run, out_path) = common::run_demo_collect_script(&dir, &az);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    let text = std::fs::read_to_string(&out_path).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    (Snapshot::from_json(&text).unwrap(), stderr)
}

async fn start(graph: ResourceGraphConfig) -> FakeAzure {
    let (plan, snapshot) = demo();
    FakeAzure::start(FakeConfig {
        snapshot: Some(snapshot),
        client_id: Some(plan.application_id.to_string()),
        graph_roles: vec![graph::SECURITY_ALERT_READ_ALL.name.into()],
        accepted_tokens: vec![TOKEN.into()],
        resource_graph: Some(graph),
        ..FakeConfig::default()
    })
    .await
    .unwrap()
}

/// The subscription-level inventory lists (S1, S2, S3, S5, S6) a snapshot holds.
fn inventory_lists(s: &Snapshot) -> usize {
    s.responses
        .iter()
        .filter(|r| r.method == "GET" && r.url.starts_with("https://management.azure.com/"))
        .filter(|r| {
            let path = r.url.split('?').next().unwrap_or("");
            !path
                .split("/subscriptions/")
                .nth(1)
                .unwrap_or("")
                .contains("/resourceGroups/")
        })
        .count()
}

/// Every step but `prerequisites`: the demo's subscription B refuses its Defender pricings
/// to ARM while Resource Graph leaves them out (the documented limit, see
/// docs/contracts.md), so only that step may differ.
fn steps_but_prerequisites(r: &ReadinessReport) -> Vec<String> {
    r.steps
        .iter()
        .filter(|s| s.id != "prerequisites")
        .map(|s| serde_json::to_string(s).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_collect_script_reads_the_inventory_through_resource_graph() {
    let (plan, demo) = demo();
    let reference = assess(&plan, &demo);
    for page_rows in [1000, 1] {
        let fake = start(ResourceGraphConfig {
            refuse: false,
            page_rows,
            truncate: false,
        })
        .await;
        let base = fake.base_url();
        let (snap, stderr) =
            tokio::task::spawn_blocking(move || run_script(&base, &format!("ok{page_rows}")))
                .await
                .unwrap();
        assert!(!stderr.contains("did not answer"), "{stderr}");
        assert_eq!(snap.format, SNAPSHOT_FORMAT_V2);
        let posts: Vec<_> = snap
            .responses
            .iter()
            .filter(|r| r.method == "POST")
            .collect();
        assert!(posts.iter().all(|r| r.status == 200), "{stderr}");
        if page_rows == 1 {
            assert!(posts.len() > 5);
        } else {
            assert_eq!(posts.len(), 5);
        }
        // Resource Graph answered every subscription: no per-subscription list was read.
        assert_eq!(inventory_lists(&snap), 0);
        let report = assess(&plan, &snap);
        assert_eq!(
            steps_but_prerequisites(&report),
            steps_but_prerequisites(&reference)
        );
        assert_eq!(report.ready, reference.ready);
    }
}

/// The script run against a fake whose Resource Graph answers as `graph` says, when that is
/// no answer: it says so, reads the per-subscription lists, and its snapshot assesses as the
/// demo's. The Resource Graph requests it recorded (one page each).
async fn lists_read_instead(
    graph: ResourceGraphConfig,
    name: &'static str,
) -> Vec<serde_json::Value> {
    let (plan, demo) = demo();
    let fake = start(graph).await;
    let base = fake.base_url();
    let (snap, stderr) = tokio::task::spawn_blocking(move || run_script(&base, name))
        .await
        .unwrap();
    assert!(
        stderr.contains("did not answer every inventory query"),
        "{stderr}"
    );
    let posts: Vec<_> = snap
        .responses
        .iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 5, "one page each");
    assert!(inventory_lists(&snap) >= 10);
    assert_eq!(assess(&plan, &snap), assess(&plan, &demo));
    posts
        .iter()
        .map(|r| serde_json::json!({"status": r.status, "body": r.body}))
        .collect()
}

/// A result Resource Graph cut (`"resultTruncated": "true"`, no `$skipToken`) is not an
/// answer: the script reads the per-subscription lists, as for a refusal (outside review: it
/// took the first page for the whole inventory and read no storage account list).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_resource_graph_result_is_not_taken_for_the_inventory() {
    let graph = ResourceGraphConfig {
        refuse: false,
        page_rows: 1,
        truncate: true,
    };
    let posts = lists_read_instead(graph, "truncated").await;
    assert!(
        posts
            .iter()
            .any(|r| r["body"]["resultTruncated"] == serde_json::json!("true")),
        "the fake cut a result"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_resource_graph_refuses_the_script_reads_the_lists() {
    let graph = ResourceGraphConfig {
        refuse: true,
        ..ResourceGraphConfig::default()
    };
    let posts = lists_read_instead(graph, "refused").await;
    assert!(posts.iter().all(|r| r["status"] == 403));
}
