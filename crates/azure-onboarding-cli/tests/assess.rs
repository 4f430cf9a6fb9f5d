//! `azure-onboard assess` on the shipped demo and on the ready fixture: exit codes,
//! formats, colours and unreadable input.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_azure-onboard");

fn path(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
        .to_str()
        .unwrap()
        .to_owned()
}

fn demo() -> (String, String) {
    (
        path("examples/demo-plan.json"),
        path("examples/demo-snapshot.json"),
    )
}

fn ready() -> (String, String) {
    let f = |n: &str| path(&format!("crates/azure-onboarding/tests/fixtures/{n}"));
    (f("ready-plan.json"), f("ready-snapshot.json"))
}

fn assess(plan: &str, snapshot: &str, extra: &[&str]) -> Output {
    Command::new(BIN)
        .args(["assess", "--plan", plan, "--snapshot", snapshot])
        .args(extra)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn ready_exits_0_and_not_ready_exits_1() {
    let (p, s) = ready();
    let out = assess(&p, &s, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("READY"));
    let (p, s) = demo();
    let out = assess(&p, &s, &[]);
    assert_eq!(out.status.code(), Some(1));
    let human = text(&out.stdout);
    assert!(human.starts_with("NOT READY"), "{human}");
    for needle in [
        "Step 3: Enable roles within Azure subscriptions",
        "FAIL    log-analytics-reader-missing: /subscriptions/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d",
        "CLI:    az role assignment create --assignee-object-id 5b7e3c1a-9d8f-4e2b-a6c7-3f1e0d9c8b7a",
        "diagnostic-setting-missing",
        "By resource:",
        "Contoso Development",
    ] {
        assert!(human.contains(needle), "{needle}\n{human}");
    }
    // Not a terminal: no colour codes.
    assert!(!human.contains('\x1b'));
}

#[test]
fn json_is_the_report() {
    let (p, s) = demo();
    let out = assess(&p, &s, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ready"], false);
    let golden: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path(
            "crates/azure-onboarding/tests/golden/demo-report.json",
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(v, golden);
}

#[test]
fn markdown_for_a_ticket() {
    let (p, s) = demo();
    let out = assess(&p, &s, &["--format", "markdown"]);
    assert_eq!(out.status.code(), Some(1));
    let md = text(&out.stdout);
    assert!(
        md.starts_with("# Azure onboarding readiness: not ready\n"),
        "{md}"
    );
    assert!(
        md.contains("\n## Step 4: Enable Azure resource logs: **FAIL**\n"),
        "{md}"
    );
    assert!(
        md.contains("- **FAIL** `storage-firewall-blocks-logs` on `"),
        "{md}"
    );
    assert!(md.contains("```sh\n  az storage account update"), "{md}");
    assert!(
        md.contains("| FAIL | subscription | Contoso Development |"),
        "{md}"
    );
}

#[test]
fn unreadable_input_exits_2_with_the_json_path() {
    let dir = std::env::temp_dir().join(format!("azure-onboard-assess-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad-snapshot.json");
    std::fs::write(
        &bad,
        r#"{"format":"azure-onboarding-snapshot/v1","collectedAt":"2026-11-26T12:00:00Z","responses":[{"url":"https://x/y","status":"200"}]}"#,
    )
    .unwrap();
    let (p, _) = demo();
    let out = assess(&p, bad.to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("responses[0].status") && err.contains("bad-snapshot.json"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let bad_plan = dir.join("bad-plan.json");
    std::fs::write(&bad_plan, r#"{"tenantId": "contoso.onmicrosoft.com"}"#).unwrap();
    let (_, s) = demo();
    let out = assess(bad_plan.to_str().unwrap(), &s, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`tenantId`"),
        "{}",
        text(&out.stderr)
    );

    let out = assess(&p, dir.join("missing.json").to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read the snapshot"));
    std::fs::remove_dir_all(&dir).unwrap();

    // Usage errors are 2 as well.
    let out = assess(&p, &s, &["--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = assess("-", "-", &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_snapshot_can_come_from_standard_input() {
    let (p, s) = ready();
    let out = common::run_with_stdin(
        &[
            "assess",
            "--plan",
            &p,
            "--snapshot",
            "-",
            "--format",
            "json",
        ],
        &std::fs::read(&s).unwrap(),
    );
    assert_eq!(out.status.code(), Some(0));
}
