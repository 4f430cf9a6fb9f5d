//! `azure-onboard remediate`: formats, files per subscription, exit codes.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_azure-onboard");
const SUB_A: &str = "3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718";
const SUB_B: &str = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d";

fn path(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
        .to_str()
        .unwrap()
        .to_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("remediate")
        .args(args)
        .output()
        .unwrap()
}

fn demo_args<'a>(plan: &'a str, snapshot: &'a str, format: &'a str) -> Vec<&'a str> {
    vec!["--plan", plan, "--snapshot", snapshot, "--format", format]
}

#[test]
fn json_arm_and_cli_to_standard_output() {
    let (plan, snap) = (
        path("examples/demo-plan.json"),
        path("examples/demo-snapshot.json"),
    );
    let out = run(&demo_args(&plan, &snap, "json"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 5);
    assert_eq!(v["changes"][0]["kind"], "updateStorageFirewall");
    assert_eq!(v["manualSteps"][0]["id"], "admin-consent");
    assert!(String::from_utf8_lossy(&out.stderr).contains("manual step"));

    let out = run(&demo_args(&plan, &snap, "arm"));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subs: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["subscriptionId"].as_str().unwrap())
        .collect();
    assert_eq!(subs, [SUB_A, SUB_B]);
    assert!(v[0]["template"]["$schema"]
        .as_str()
        .unwrap()
        .ends_with("subscriptionDeploymentTemplate.json#"));

    let out = run(&demo_args(&plan, &snap, "cli"));
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.starts_with("#!/usr/bin/env bash\n"));
    assert!(script.contains("set -euo pipefail"));

    // Without a snapshot: the full setup; the plan may come from standard input.
    let out = common::run_with_stdin(
        &["remediate", "--plan", "-", "--format", "json"],
        &std::fs::read(&plan).unwrap(),
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["collectedAt"], serde_json::Value::Null);
    assert!(v["changes"].as_array().unwrap().len() > 10);
}

#[test]
fn out_writes_one_template_per_subscription_and_the_script() {
    let dir = std::env::temp_dir().join(format!("azure-onboard-remediate-{}", std::process::id()));
    let d = dir.to_str().unwrap();
    let (plan, snap) = (
        path("examples/demo-plan.json"),
        path("examples/demo-snapshot.json"),
    );
    let mut args = demo_args(&plan, &snap, "arm");
    args.extend(["--out", d]);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    for sub in [SUB_A, SUB_B] {
        let t: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{sub}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(t["contentVersion"], "1.0.0.0");
    }
    let mut args = demo_args(&plan, &snap, "cli");
    args.extend(["--out", d]);
    assert!(run(&args).status.success());
    let script = dir.join("remediate.sh");
    assert!(std::fs::read_to_string(&script)
        .unwrap()
        .starts_with("#!/usr/bin/env bash"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&script).unwrap().permissions().mode() & 0o111,
            0o111
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_ready_tenant_plans_nothing() {
    let f = |n: &str| path(&format!("crates/azure-onboarding/tests/fixtures/{n}"));
    let out = run(&demo_args(
        &f("ready-plan.json"),
        &f("ready-snapshot.json"),
        "json",
    ));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["changes"], serde_json::json!([]));
    assert_eq!(v["manualSteps"], serde_json::json!([]));
    let out = run(&demo_args(
        &f("ready-plan.json"),
        &f("ready-snapshot.json"),
        "arm",
    ));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}

#[test]
fn unreadable_input_and_usage_errors_exit_2() {
    let plan = path("examples/demo-plan.json");
    for args in [
        vec!["--plan", "/nonexistent/plan.json", "--format", "json"],
        vec![
            "--plan",
            plan.as_str(),
            "--snapshot",
            "/nonexistent/snapshot.json",
        ],
        vec!["--plan", plan.as_str(), "--snapshot", plan.as_str()],
        vec!["--plan", "-", "--snapshot", "-"],
        vec!["--plan", plan.as_str(), "--format", "terraform"],
        vec!["--format", "json"],
    ] {
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty());
    }
}

/// The script's `has_all` (is every wanted log category and the log account already in the
/// diagnostic setting?) compares fixed strings: with a regex, the dots of
/// `Microsoft.Storage` would match any character and a different account would count as
/// "already sends the logs".
#[test]
fn the_scripts_has_all_compares_fixed_strings() {
    let (plan, snap) = (
        path("examples/demo-plan.json"),
        path("examples/demo-snapshot.json"),
    );
    let out = run(&demo_args(&plan, &snap, "cli"));
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8(out.stdout).unwrap();
    let start = script
        .find("has_all() {")
        .expect("the script defines has_all");
    let end = start + script[start..].find("\n}\n").unwrap() + 3;
    assert!(
        script[end..].contains("if has_all \"$have\""),
        "and uses it"
    );
    let has_all = |lines: &str, word: &str| {
        Command::new("bash")
            .arg("-c")
            .arg(format!("{}\nhas_all \"$1\" \"$2\"", &script[start..end]))
            .args(["has_all", lines, word])
            .status()
            .unwrap()
            .success()
    };
    let id = format!("/subscriptions/{SUB_A}/resourceGroups/rg-security-logs/providers/Microsoft.Storage/storageAccounts/contosoworkbenchlogs");
    assert!(has_all(&format!("{}\nStorageRead", id.to_uppercase()), &id));
    let lookalike = id.replace("Microsoft.Storage", "Microsoft-Storage");
    assert!(!has_all(&lookalike, &id), "a dot is no wildcard");
    assert!(!has_all("StorageRead", "Storage.*"));
}
