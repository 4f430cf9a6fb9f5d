//! `azure-onboard collect`, `verify` and `collect-script`, against the fake of Azure on
//! 127.0.0.1 (hidden flag --endpoints-for-testing).

mod common;

use azure_onboarding::catalog::graph;
use azure_onboarding::{assess, ReadinessReport, Snapshot};
use azure_onboarding_live::testing::{FakeAzure, FakeConfig};
use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_azure-onboard");
const CANARY: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";

use common::{demo, example};

async fn fake(token_error: Option<u32>) -> FakeAzure {
    let (plan, snapshot) = demo();
    FakeAzure::start(FakeConfig {
        snapshot: Some(snapshot),
        client_id: Some(plan.application_id.to_string()),
        client_secret: Some(CANARY.into()),
        token_error,
        graph_roles: [
            graph::SECURITY_ALERT_READ_ALL,
            graph::SECURITY_INCIDENT_READ_ALL,
            graph::SECURITY_EVENTS_READ_ALL,
            graph::USER_READ_ALL,
        ]
        .iter()
        .map(|p| p.name.to_owned())
        .collect(),
        ..FakeConfig::default()
    })
    .await
    .unwrap()
}

/// Runs the binary off the runtime's thread, so that the fake keeps serving.
async fn run(args: Vec<String>, secret: &'static str) -> Output {
    tokio::task::spawn_blocking(move || {
        Command::new(BIN)
            .args(&args)
            .env("WB_SECRET", secret)
            .env("NO_COLOR", "1")
            // The demo's time: its Blob lists (B2) are of that day.
            .env(
                "AZURE_ONBOARD_COLLECTED_AT_FOR_TESTING",
                "2026-11-26T12:00:00Z",
            )
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("azure-onboard-{}-{name}", std::process::id()))
}

fn assert_no_canary(out: &Output) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("CANARY"), "a canary leaked: {text}");
}

#[tokio::test]
async fn collect_writes_a_snapshot_that_assesses_like_the_original() {
    let fake = fake(None).await;
    let out_path = temp("collected.json");
    let plan = example("demo-plan.json");
    let out = run(
        args(&[
            "collect",
            "--plan",
            plan.to_str().unwrap(),
            "--client-secret-env",
            "WB_SECRET",
            "--out",
            out_path.to_str().unwrap(),
            "--endpoints-for-testing",
            &fake.base_url(),
            "--backoff-ms-for-testing",
            "10",
        ]),
        CANARY,
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_canary(&out);
    let text = std::fs::read_to_string(&out_path).unwrap();
    std::fs::remove_file(&out_path).ok();
    assert!(!text.contains("CANARY"));
    let collected = Snapshot::from_json(&text).unwrap();
    let (plan, original) = demo();
    let mut expected = assess(&plan, &original);
    let mut got = assess(&plan, &collected);
    // collectedAt is the system clock: compare the rest.
    got.collected_at.clear();
    expected.collected_at.clear();
    // Expiry checks read collectedAt; the demo's secret stays valid either way.
    assert_eq!(got.steps.len(), expected.steps.len());
    assert_eq!(
        got.findings()
            .map(|f| (f.code, &f.resource))
            .collect::<Vec<_>>(),
        expected
            .findings()
            .map(|f| (f.code, &f.resource))
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn verify_prints_the_report_and_exits_like_assess() {
    let fake = fake(None).await;
    let plan = example("demo-plan.json");
    let out = run(
        args(&[
            "verify",
            "--plan",
            plan.to_str().unwrap(),
            "--client-secret-env",
            "WB_SECRET",
            "--format",
            "json",
            "--endpoints-for-testing",
            &fake.base_url(),
        ]),
        CANARY,
    )
    .await;
    assert_no_canary(&out);
    let report: ReadinessReport = serde_json::from_slice(&out.stdout).unwrap();
    let (plan, original) = demo();
    let expected = assess(&plan, &original);
    assert_eq!(report.ready, expected.ready);
    assert_eq!(out.status.code(), Some(if expected.ready { 0 } else { 1 }));
    assert_eq!(report.summary, expected.summary);
}

#[tokio::test]
async fn verify_explains_a_secret_id_pasted_for_the_secret() {
    let fake = fake(None).await;
    let plan = example("demo-plan.json");
    let out = run(
        args(&[
            "verify",
            "--plan",
            plan.to_str().unwrap(),
            "--client-secret-env",
            "WB_SECRET",
            "--endpoints-for-testing",
            &fake.base_url(),
        ]),
        "4f1e2d3c-0b9a-4876-a5b4-c3d2e1f0a9b8",
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("AADSTS7000215"), "{stdout}");
    assert!(stdout.contains("Secret ID"), "{stdout}");
    assert!(!stdout.contains("4f1e2d3c-0b9a-4876-a5b4-c3d2e1f0a9b8"));
}

#[tokio::test]
async fn unusable_input_exits_2_without_sending_anything() {
    let fake = fake(None).await;
    let plan = example("demo-plan.json");
    let base = fake.base_url();
    for (case, secret) in [
        // No such variable.
        (vec!["--client-secret-env", "WB_NOT_SET_ANYWHERE"], CANARY),
        // No credentials at all.
        (vec![], CANARY),
        // Not a loopback or Azure host.
        (
            vec![
                "--client-secret-env",
                "WB_SECRET",
                "--endpoints-for-testing",
                "https://evil.example",
            ],
            CANARY,
        ),
        // Unknown cloud.
        (
            vec!["--client-secret-env", "WB_SECRET", "--cloud", "Mars"],
            CANARY,
        ),
    ] {
        let mut a = args(&["collect", "--plan", plan.to_str().unwrap(), "--out", "-"]);
        a.extend(case.iter().map(|s| (*s).to_owned()));
        if !case.contains(&"--endpoints-for-testing") {
            a.extend(["--endpoints-for-testing".to_owned(), base.clone()]);
        }
        let out = run(a, secret).await;
        assert_eq!(
            out.status.code(),
            Some(2),
            "{case:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_no_canary(&out);
    }
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
}

#[test]
fn collect_script_is_valid_bash_and_passes_shellcheck() {
    let out = Command::new(BIN)
        .args([
            "collect-script",
            "--plan",
            example("demo-plan.json").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8(out.stdout).unwrap();
    let (plan, _) = demo();
    // Every request of the first round is in it, verbatim.
    for r in azure_onboarding::required_requests(&plan, &Snapshot::new("2026-11-26T12:00:00Z")) {
        let quoted = format!("'{}'", r.url.replace('\'', r"'\''"));
        assert!(script.contains(&quoted), "{} missing", r.url);
    }
    assert!(script.contains("/appRoleAssignments"));
    assert!(script.contains("roleManagement/directory/roleAssignments"));
    assert!(script.contains("diagnosticSettings?api-version="));
    assert!(script.contains("azure-onboarding-snapshot/v1"));
    let path = temp("collect.sh");
    std::fs::write(&path, &script).unwrap();
    let bash = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    match Command::new("shellcheck").arg(&path).output() {
        Ok(sc) => assert!(
            sc.status.success(),
            "{}",
            String::from_utf8_lossy(&sc.stdout)
        ),
        Err(_) => eprintln!("shellcheck is not installed: skipped"),
    }
    std::fs::remove_file(&path).ok();
}

/// A stand-in for `az`: answers `az rest --url URL [--query 'value[0].id']` from a table.
/// It first notes, in `file-reads`, every argument the real az would replace with a file's
/// content: one whose first `=` is followed by `@` (shown with azure-cli 2.x: `az rest --url
/// 'https://h/x?a=@/tmp/f'` requested `https://h/x?a=<the content of /tmp/f>`; `--url=https://h/x?a=@/tmp/f`
/// requested it as written), or one starting with `@` other than `--body`'s request file.
const FAKE_AZ: &str = r#"#!/usr/bin/env bash
dir="$(dirname "$0")"
previous=""
for a in "$@"; do
  value="${a#*=}"
  if { [ "$value" != "$a" ] && [ "${value#@}" != "$value" ]; } || { [ "${a#@}" != "$a" ] && [ "$previous" != --body ]; }; then
    printf '%s\n' "$a" >>"$dir/file-reads"
  fi
  previous="$a"
done
url=""
query=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="$2"; shift 2 ;;
    --url=*) url="${1#--url=}"; shift ;;
    --query) query="$2"; shift 2 ;;
    *) shift ;;
  esac
done
n="$(awk -F '\t' -v u="$url" 'tolower($1) == tolower(u) { print $2; exit }' "$dir/index.tsv")"
if [ -z "$n" ]; then
  echo 'ERROR: Not Found({"error":{"code":"ResourceNotFound"}})' >&2
  exit 1
fi
if [ "$(cat "$dir/$n.status")" != 200 ]; then
  echo "ERROR: $(cat "$dir/$n.reason")($(cat "$dir/$n.body"))" >&2
  exit 1
fi
if [ -n "$query" ]; then cat "$dir/$n.id"; else cat "$dir/$n.body"; fi
"#;

/// The demo plan, and what the collector records of it from the fake (with each response).
async fn collected_demo() -> (azure_onboarding::OnboardingPlan, Snapshot) {
    let fake = fake(None).await;
    let (plan, _) = demo();
    let transport =
        azure_onboarding_live::ReqwestTransport::new(true, std::time::Duration::from_secs(5))
            .unwrap();
    let cloud = azure_onboarding_live::Cloud::public().with_endpoints_for_testing(&fake.base_url());
    let creds = azure_onboarding_live::Credentials::ClientSecret {
        client_id: plan.application_id,
        secret: azure_onboarding::SecretString::new(CANARY.into()),
    };
    let collected = azure_onboarding_live::Collector::new(&transport, cloud)
        .collect(&plan, &creds, "2026-11-26T12:00:00Z")
        .await
        .unwrap();
    (plan, collected.snapshot)
}

#[tokio::test]
async fn the_collect_script_records_what_the_collector_records() {
    let (plan, collected) = collected_demo().await;
    let scripted = script_over(&collected, "fake-az");
    assert_eq!(assess(&plan, &scripted), assess(&plan, &collected));
}

/// The demo's collect-script run with the stand-in `az` answering `snapshot`'s responses
/// (printed as az prints them); what the script wrote, dated as `snapshot`.
fn script_over(snapshot: &Snapshot, name: &str) -> Snapshot {
    let dir = temp(name);
    std::fs::create_dir_all(&dir).unwrap();
    let mut index = String::new();
    for (i, r) in snapshot.responses.iter().enumerate() {
        index.push_str(&format!("{}\t{i}\n", r.url));
        std::fs::write(dir.join(format!("{i}.status")), r.status.to_string()).unwrap();
        // As az prints it: JSON indented by two spaces with its keys sorted (knack's
        // format_json; serde_json's Value keeps its keys sorted), or the text of a body that
        // is not JSON (the Blob service's XML).
        let body = match &r.body {
            serde_json::Value::String(text) => text.clone(),
            other => serde_json::to_string_pretty(other).unwrap(),
        };
        std::fs::write(dir.join(format!("{i}.body")), body).unwrap();
        let reason = match r.status {
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            _ => "Internal Server Error",
        };
        std::fs::write(dir.join(format!("{i}.reason")), reason).unwrap();
        let id = r.body["value"][0]["id"].as_str().unwrap_or("");
        std::fs::write(dir.join(format!("{i}.id")), format!("{id}\n")).unwrap();
    }
    std::fs::write(dir.join("index.tsv"), index).unwrap();
    // The script, run with that `az` first on PATH.
    let (run, out_path) = common::run_demo_collect_script(&dir, FAKE_AZ);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out_path).unwrap();
    let file_reads = std::fs::read_to_string(dir.join("file-reads")).unwrap_or_default();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        file_reads.is_empty(),
        "az would have read files for these arguments:\n{file_reads}"
    );
    let mut scripted = Snapshot::from_json(&text).unwrap();
    scripted.collected_at = snapshot.collected_at.clone();
    scripted
}

/// Tags are the customer's (anyone who may tag a resource sets them): a tag named `nextLink`
/// or `id` on a storage account is not a page to follow nor an account to read. The script
/// reads only the keys az prints at the response's and at a list item's own depth.
#[tokio::test]
async fn tags_that_look_like_keys_the_collect_script_reads_are_not_read() {
    let (plan, mut snapshot) = collected_demo().await;
    let sub = plan.subscriptions[0];
    let spoofed_page = format!("https://management.azure.com/subscriptions/{sub}/resourceGroups/spoof/providers/Microsoft.Storage/storageAccounts?api-version=2025-08-01");
    let spoofed_account =
        format!("/subscriptions/{sub}/resourceGroups/spoof/providers/Microsoft.Storage/storageAccounts/spoofed");
    let mut tagged = 0;
    for r in &mut snapshot.responses {
        if r.url
            .contains("/providers/Microsoft.Storage/storageAccounts?")
            && r.status == 200
        {
            for account in r.body["value"].as_array_mut().into_iter().flatten() {
                account["tags"] = serde_json::json!({
                    "nextLink": spoofed_page,
                    "id": spoofed_account,
                    "subscriptionId": sub.to_string(),
                });
                tagged += 1;
            }
        }
    }
    assert!(tagged > 0, "no storage account to tag");
    let scripted = script_over(&snapshot, "fake-az-tags");
    let read: Vec<&str> = scripted
        .responses
        .iter()
        .map(|r| r.url.as_str())
        .filter(|u| u.contains("spoof"))
        .collect();
    assert!(read.is_empty(), "the script read what tags said: {read:#?}");
    assert_eq!(assess(&plan, &scripted), assess(&plan, &snapshot));
}

/// A nextLink is Azure's text: one whose first `=` is followed by `@` and a path is requested
/// as written, never with that file's content (az reads the file after `=@` when that `=` is
/// an argument's first; the script gives every URL as `--url=URL`, where the first `=` is the
/// option's).
#[tokio::test]
async fn a_next_link_naming_a_file_is_requested_as_written() {
    let (plan, mut snapshot) = collected_demo().await;
    let sub = plan.subscriptions[0];
    let next = format!("https://management.azure.com/subscriptions/{sub}/providers/Microsoft.Storage/storageAccounts?$skipToken=@/root/.azure/msal_token_cache.json&api-version=2025-08-01");
    let mut linked = 0;
    for r in &mut snapshot.responses {
        if r.url
            .contains("/providers/Microsoft.Storage/storageAccounts?")
            && r.status == 200
        {
            r.body["nextLink"] = serde_json::Value::String(next.clone());
            linked += 1;
        }
    }
    assert!(linked > 0, "no storage account list to page");
    let scripted = script_over(&snapshot, "fake-az-next-link-file");
    assert!(
        scripted.responses.iter().any(|r| r.url == next),
        "the nextLink was not followed as written"
    );
}

/// The secret read from the environment is trimmed into a new zeroized copy (the untrimmed
/// value is zeroized too): the token request still carries exactly the secret, and nothing
/// printed holds it.
#[tokio::test]
async fn a_secret_with_surrounding_whitespace_signs_in_and_stays_hidden() {
    let fake = fake(None).await;
    let plan = example("demo-plan.json");
    const PADDED: &str = "  abc8Q~CANARYcanaryCANARYcanaryCANARY1234 \n";
    assert_eq!(PADDED.trim(), CANARY);
    let out = run(
        args(&[
            "collect",
            "--plan",
            plan.to_str().unwrap(),
            "--client-secret-env",
            "WB_SECRET",
            "--out",
            "-",
            "--endpoints-for-testing",
            &fake.base_url(),
            "--backoff-ms-for-testing",
            "10",
        ]),
        PADDED,
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_canary(&out);
}

/// The collect-script records a failed `az rest` with the status its error names: az writes
/// `ERROR: <reason phrase>(<body>)`. A name in the body's message (a resource group called
/// rg-forbidden) does not turn a 404 into a 403.
#[test]
fn the_collect_script_reads_a_failure_s_status_from_az_s_reason_phrase() {
    let plan = example("demo-plan.json");
    let out = Command::new(BIN)
        .args(["collect-script", "--plan", plan.to_str().unwrap()])
        .output()
        .unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    let start = script.find("error_status() {").expect("error_status");
    let end = start + script[start..].find("\n}\n").unwrap() + 3;
    let function = &script[start..end];
    let cases = [
        (r#"ERROR: Not Found({"error":{"code":"ResourceGroupNotFound","message":"Resource group 'rg-forbidden' could not be found."}})"#, "404"),
        (r#"ERROR: Forbidden({"error":{"code":"AuthorizationFailed","message":"no access to notfoundlogs"}})"#, "403"),
        (r#"ERROR: Unauthorized({"error":{"code":"InvalidAuthenticationToken","message":"x"}})"#, "401"),
        ("ERROR: Too Many Requests", "429"),
        (r#"ERROR: Bad Request({"error":{"code":"InvalidResource","message":"Forbidden, Not Found, Unauthorized"}})"#, "500"),
        // Without a reason phrase: the error code where the body names it.
        ("ERROR: <?xml version=\"1.0\"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>m</Message></Error>", "403"),
        (r#"ERROR: {"error":{"code":"NotFound","message":"Forbidden"}}"#, "404"),
    ];
    for (message, status) in cases {
        let dir = temp("error-status");
        std::fs::create_dir_all(&dir).unwrap();
        let err = dir.join("err");
        std::fs::write(&err, format!("{message}\n")).unwrap();
        let run = Command::new("bash")
            .arg("-c")
            .arg(format!("{function}\nerror_status \"$1\""))
            .arg("bash")
            .arg(&err)
            .output()
            .unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(
            String::from_utf8_lossy(&run.stdout).trim(),
            status,
            "{message}"
        );
    }
}
