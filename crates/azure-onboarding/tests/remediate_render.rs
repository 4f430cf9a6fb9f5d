//! The renderings of remediation plans: every ARM template validates against the subset of
//! the ARM deployment template schemas we rely on (`tests/schema/arm-subset.schema.json`,
//! sources named there), and every az script passes `bash -n` and `shellcheck`.
//!
//! The `jsonschema` crate was not used: it pulls in an HTTP client, TLS and regex engines,
//! too much to build on every CI run for one test; the schema keywords the subset uses are
//! checked by the small validator below.

mod common;

use azure_onboarding::{
    remediate, render_arm, render_az_script, Change, OnboardingPlan, RemediationPlan, Snapshot,
};
use common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

// ---- a validator for the JSON Schema keywords the subset uses ----------------------------

fn resolve<'a>(root: &'a Value, r: &str) -> &'a Value {
    let ptr = r.strip_prefix('#').expect("local $ref");
    root.pointer(ptr)
        .unwrap_or_else(|| panic!("unresolved {r}"))
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "null" => v.is_null(),
        _ => panic!("unknown type {t}"),
    }
}

fn validate(root: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(s) = schema.as_object() else { return };
    for k in s.keys() {
        assert!(
            [
                "$comment",
                "$ref",
                "definitions",
                "type",
                "required",
                "properties",
                "additionalProperties",
                "items",
                "enum",
                "const",
                "minLength",
                "maxLength",
                "oneOf"
            ]
            .contains(&k.as_str()),
            "the validator does not know the keyword {k}"
        );
    }
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        validate(root, resolve(root, r), v, path, errors);
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => true,
        };
        if !ok {
            errors.push(format!("{path}: expected {t}, got {v}"));
            return;
        }
    }
    if let Some(c) = s.get("const") {
        if c != v {
            errors.push(format!("{path}: expected {c}, got {v}"));
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{path}: {v} is not one of {e:?}"));
        }
    }
    if let Some(text) = v.as_str() {
        let n = text.chars().count() as u64;
        if s.get("minLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| n < m)
        {
            errors.push(format!("{path}: too short"));
        }
        if s.get("maxLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| n > m)
        {
            errors.push(format!("{path}: too long"));
        }
    }
    if let Some(o) = v.as_object() {
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !o.contains_key(r.as_str().unwrap()) {
                errors.push(format!("{path}: missing {r}"));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in o {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(root, ps, x, &format!("{path}.{k}"), errors),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        errors.push(format!("{path}: unexpected property {k}"))
                    }
                    Some(ap @ Value::Object(_)) => {
                        validate(root, ap, x, &format!("{path}.{k}"), errors)
                    }
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(a)) = (s.get("items"), v.as_array()) {
        for (i, x) in a.iter().enumerate() {
            validate(root, items, x, &format!("{path}[{i}]"), errors);
        }
    }
    if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
        let results: Vec<Vec<String>> = one
            .iter()
            .map(|o| {
                let mut e = Vec::new();
                validate(root, o, v, path, &mut e);
                e
            })
            .collect();
        let ok = results.iter().filter(|e| e.is_empty()).count();
        if ok != 1 {
            let closest = results.into_iter().min_by_key(Vec::len).unwrap_or_default();
            errors.push(format!(
                "{path}: matches {ok} of the oneOf schemas; closest: {closest:?}"
            ));
        }
    }
}

fn schema() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/arm-subset.schema.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn schema_errors(template: &Value) -> Vec<String> {
    let root = schema();
    let mut errors = Vec::new();
    validate(&root, &root, template, "$", &mut errors);
    errors
}

// ---- the cases ---------------------------------------------------------------------------

fn demo() -> (OnboardingPlan, Snapshot) {
    let read = |p: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples")
                .join(p),
        )
        .unwrap()
    };
    (
        OnboardingPlan::from_json(&read("demo-plan.json")).unwrap(),
        Snapshot::from_json(&read("demo-snapshot.json")).unwrap(),
    )
}

/// Remediation plans covering every kind of change and parameter.
fn cases() -> Vec<(&'static str, RemediationPlan)> {
    let (plan, snap) = demo();
    let mut out = vec![
        ("demo", remediate(&plan, Some(&snap))),
        ("demo without snapshot", remediate(&plan, None)),
    ];
    // The log account missing (created, with its resource group on request).
    let mut w = World::ready();
    let la = log_account();
    w.drop_values(&accounts_of(SUB_A), |v| v["id"] == la.as_str());
    w.set(&diag("contosodevdata", "queue"), 200, json!({"value": []}));
    out.push(("log account missing", remediate(&w.plan, Some(&w.snapshot))));
    // Public access disabled; a category missing with a hostile setting name kept.
    let mut w = World::ready();
    let body = w.body(&accounts_of(SUB_A));
    for a in body["value"].as_array_mut().unwrap() {
        if a["id"] == la.as_str() {
            a["properties"]["publicNetworkAccess"] = json!("Disabled");
        }
    }
    w.set(&diag("contosoweb", "blob"), 200, json!({"value": [{"name": "it's $(touch pwned) \"x\"", "properties": {"storageAccountId": la, "eventHubName": "hub", "metrics": [{"category": "Transaction", "enabled": true}], "logs": [{"categoryGroup": "audit", "enabled": true}]}}]}));
    out.push((
        "firewall and hostile names",
        remediate(&w.plan, Some(&w.snapshot)),
    ));
    // No service principal, no guest: everything resolved at deploy time.
    let mut w = World::ready();
    w.set(G1, 200, json!({"value": []}));
    w.set(G3, 200, json!({"value": []}));
    w.remove(G4);
    out.push(("no principals", remediate(&w.plan, Some(&w.snapshot))));
    // The full setup of a plan with listed accounts.
    let mut p = World::ready().plan;
    p.monitored_storage_accounts = azure_onboarding::MonitoredStorageAccounts::List(vec![
        account(SUB_B, "rg-dev-data", "contosodevdata")
            .parse()
            .unwrap(),
        account(SUB_A, "rg-security-logs", "contosootherlogs")
            .parse()
            .unwrap(),
    ]);
    out.push(("listed accounts", remediate(&p, None)));
    out
}

#[test]
fn every_template_validates_against_the_schema_subset() {
    let mut templates = 0;
    for (name, r) in cases() {
        let rendered = render_arm(&r);
        assert!(!rendered.is_empty(), "{name}");
        for t in rendered {
            let errors = schema_errors(&t.template);
            assert!(
                errors.is_empty(),
                "{name}, {}: {errors:#?}\n{:#}",
                t.subscription_id,
                t.template
            );
            templates += 1;
        }
    }
    assert!(templates >= 10, "{templates}");
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let (plan, _) = demo();
    let t = render_arm(&remediate(&plan, None)).remove(0).template;
    for (pointer, bad) in [
        (
            "/$schema",
            json!(
                "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
            ),
        ),
        ("/resources/0/properties/principalType", json!("Robot")),
        ("/resources/0/apiVersion", json!("2015-07-01")),
        ("/resources/0/properties/principalId", json!("")),
    ] {
        let mut broken = t.clone();
        *broken.pointer_mut(pointer).unwrap() = bad;
        assert!(!schema_errors(&broken).is_empty(), "{pointer} accepted");
    }
    let mut broken = t.clone();
    broken["resources"][0]["properties"]["surprise"] = json!(1);
    assert!(!schema_errors(&broken).is_empty());
}

#[test]
fn templates_are_deterministic_and_the_log_account_subscription_comes_first() {
    let (plan, _) = demo();
    let r = remediate(&plan, None);
    let a = render_arm(&r);
    assert_eq!(a, render_arm(&r));
    assert_eq!(a[0].subscription_id, SUB_A);
    let text = serde_json::to_string(&a[0].template).unwrap();
    // Role assignment names are guid(scope, principalId, roleDefinitionId): redeploying is harmless.
    assert!(text.contains(&format!("[guid('/subscriptions/{SUB_A}', parameters('servicePrincipalObjectId'), '73c42c96-874c-492b-b04d-ab87d138a893')]")), "{text}");
    assert!(text.contains("\"principalType\":\"ServicePrincipal\""));
    assert!(text.contains("\"principalType\":\"User\""));
    // Without a snapshot the object IDs are required parameters (no default).
    let params = &a[0].template["parameters"];
    assert!(params["servicePrincipalObjectId"]
        .get("defaultValue")
        .is_none());
    assert_eq!(params["createResourceGroup"]["defaultValue"], false);
    assert_eq!(
        params["location"]["defaultValue"],
        "[deployment().location]"
    );
    // The new account: StorageV2, HTTPS only, TLS 1.2, no public blobs, Logging bypass.
    let nested = a[0].template["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "Microsoft.Resources/deployments")
        .unwrap();
    let account = &nested["properties"]["template"]["resources"][0];
    assert_eq!(account["kind"], "StorageV2");
    assert_eq!(account["properties"]["supportsHttpsTrafficOnly"], true);
    assert_eq!(account["properties"]["minimumTlsVersion"], "TLS1_2");
    assert_eq!(account["properties"]["allowBlobPublicAccess"], false);
    assert_eq!(
        account["properties"]["networkAcls"]["bypass"],
        "Logging, AzureServices"
    );
    assert_eq!(
        account["properties"]["networkAcls"]["ipRules"][1]["value"],
        "198.51.100.0/29"
    );
    let role = &nested["properties"]["template"]["resources"][1];
    assert_eq!(
        role["scope"],
        "Microsoft.Storage/storageAccounts/contosoworkbenchlogs"
    );
    assert_eq!(
        role["dependsOn"][0],
        "[resourceId('Microsoft.Storage/storageAccounts', 'contosoworkbenchlogs')]"
    );

    // With a snapshot the found object ID is the parameter's default.
    let (plan, snap) = demo();
    let t = render_arm(&remediate(&plan, Some(&snap)));
    let sub_b = t.iter().find(|t| t.subscription_id == SUB_B).unwrap();
    assert_eq!(
        sub_b.template["parameters"]["servicePrincipalObjectId"]["defaultValue"],
        SP
    );
}

#[test]
fn diagnostic_settings_go_on_the_service_in_the_documented_form() {
    let (plan, snap) = demo();
    let t = render_arm(&remediate(&plan, Some(&snap)));
    let text = serde_json::to_string(&t).unwrap();
    assert!(text.contains(
        "\"type\":\"Microsoft.Storage/storageAccounts/queueServices/providers/diagnosticSettings\""
    ));
    assert!(text.contains(
        "\"name\":\"contosoproddata/default/Microsoft.Insights/workbench-storage-logs\""
    ));
    assert!(text.contains("\"type\":\"Microsoft.Security/pricings\""));
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn scripts_pass_bash_n_and_shellcheck() {
    let dir = std::env::temp_dir().join(format!("remediate-scripts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shellcheck = have("shellcheck");
    if !shellcheck {
        eprintln!(
            "SKIPPED shellcheck: not installed (apt-get install shellcheck); bash -n still runs"
        );
    }
    for (i, (name, r)) in cases().into_iter().enumerate() {
        let script = render_az_script(&r);
        assert!(script.starts_with("#!/usr/bin/env bash\n"), "{name}");
        assert!(script.contains("\nset -euo pipefail\n"), "{name}");
        let path = dir.join(format!("case{i}.sh"));
        std::fs::write(&path, &script).unwrap();
        let out = Command::new("bash").arg("-n").arg(&path).output().unwrap();
        assert!(
            out.status.success(),
            "{name}: bash -n: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if shellcheck {
            let out = Command::new("shellcheck")
                .arg("--severity=style")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: shellcheck:\n{}\n{script}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A setting's name from the snapshot (its author chose it) is given to az as it is meant, or
/// not at all:
/// - a NUL: no shell word holds one (`$'a\x00b'` is `a` to bash: another setting);
/// - a leading `@`: az reads the file it names (`@~/.azure/msal_token_cache.json`);
/// - `x=@file`: az splits a word at its first `=` and reads the file after `@`, unless the
///   value is joined to its option (`--name='x=@file'`);
/// - a leading `-`: az reads `--name -x` as two options; joined, as meant.
///
/// The script and the assessment's fix say which way; nothing else is lost (the check is not
/// unknown).
#[test]
fn setting_names_az_cannot_take_as_they_are_are_joined_or_left_to_the_portal() {
    let la = log_account();
    let world = |name: &str| {
        let mut w = World::ready();
        w.set(
            &diag("contosoweb", "blob"),
            200,
            json!({"value": [{"name": name, "properties": {"storageAccountId": la, "logs": [{"category": "StorageRead", "enabled": true}]}}]}),
        );
        w
    };
    let fix_of = |w: &World| -> String {
        let report = serde_json::to_value(azure_onboarding::assess(&w.plan, &w.snapshot)).unwrap();
        let found: Vec<String> = report["steps"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["findings"].as_array().unwrap())
            .filter(|f| f["code"] == "diagnostic-category-missing")
            .map(|f| f["remediation"]["cli"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].clone()
    };
    // Not one resource name (a NUL, a `/`): no step at all, the Portal's way (a manual step).
    for name in ["workbench\u{0}x", "@~/.azure/msal_token_cache.json"] {
        let w = world(name);
        let r = remediate(&w.plan, Some(&w.snapshot));
        let script = render_az_script(&r);
        assert!(
            !script.contains('\0') && !script.contains("\\x00"),
            "{script}"
        );
        // Named only in the manual step's comment.
        assert!(
            !script
                .lines()
                .any(|l| !l.starts_with('#') && l.contains("msal_token_cache.json")),
            "{script}"
        );
        assert!(!serde_json::to_string(&r.changes)
            .unwrap()
            .contains("workbench-storage-logs-"));
        let fix = fix_of(&w);
        assert!(
            fix.starts_with("# This setting's name is not one resource name"),
            "{fix}"
        );
    }
    for name in ["@token_cache.json", "--"] {
        let w = world(name);
        let script = render_az_script(&remediate(&w.plan, Some(&w.snapshot)));
        assert!(
            !script.contains('\0') && !script.contains("\\x00"),
            "{script}"
        );
        assert!(!script.contains("token_cache.json'"), "{script}");
        assert!(
            script.contains("done_ 'skipped: its name or a destination it keeps (from the snapshot) cannot be given to az")
                && script.contains("\nINCOMPLETE=1\n"),
            "{name:?}: {script}"
        );
        let fix = fix_of(&w);
        assert!(
            fix.starts_with("# This setting's name cannot be given to az"),
            "{fix}"
        );
    }
    for (name, joined) in [
        ("x=@token_cache.json", "--name='x=@token_cache.json'"),
        ("-storage-logs", "--name='-storage-logs'"),
    ] {
        let w = world(name);
        let script = render_az_script(&remediate(&w.plan, Some(&w.snapshot)));
        assert!(
            script.contains(&format!("create {joined} --resource")),
            "{script}"
        );
        assert!(!script.contains("skipped: its name"), "{script}");
        assert!(
            fix_of(&w).contains(&format!("create {joined} --resource")),
            "{}",
            fix_of(&w)
        );
    }
}

#[test]
fn script_values_are_quoted_and_steps_check_first() {
    let (_, r) = cases()
        .into_iter()
        .find(|(n, _)| *n == "firewall and hostile names")
        .unwrap();
    let script = render_az_script(&r);
    // A hostile setting name from the snapshot stays one single-quoted word.
    assert!(
        script.contains(r#"--name 'it'\''s $(touch pwned) "x"'"#),
        "{script}"
    );
    assert!(script.contains("--event-hub 'hub'"));
    assert!(script.contains(r#""categoryGroup":"audit""#));
    assert!(script.contains("--public-network-access Enabled --default-action Deny"));
    // Run the generated script against a fake `az` that records its calls and answers
    // "already done" to every check: nothing is created.
    if !have("bash") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("remediate-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (plan, snap) = demo();
    let demo_script = render_az_script(&remediate(&plan, Some(&snap)));
    std::fs::write(dir.join("run.sh"), &demo_script).unwrap();
    let fake = r#"#!/usr/bin/env bash
echo "$*" >> "$AZ_LOG"
case "$*" in
  *"role assignment list"*) echo existing-id ;;
  *"networkRuleSet.bypass"*) echo "AzureServices, Logging" ;;
  *"network-rule list"*) echo Allow ;;
  *"diagnostic-settings show"*) printf '%s\n' "$FAKE_LOG_ACCOUNT" StorageRead StorageWrite StorageDelete ;;
  *"pricing show"*) echo Standard ;;
esac
"#;
    std::fs::write(dir.join("az"), fake).unwrap();
    let _ = Command::new("chmod").arg("+x").arg(dir.join("az")).status();
    let out = Command::new("bash")
        .arg(dir.join("run.sh"))
        .env(
            "PATH",
            format!(
                "{}:{}",
                dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("AZ_LOG", dir.join("calls"))
        .env("FAKE_LOG_ACCOUNT", log_account())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let calls = std::fs::read_to_string(dir.join("calls")).unwrap();
    for verb in [" create ", " update ", "network-rule add"] {
        assert!(
            !calls.contains(verb),
            "{verb} although everything exists:\n{calls}"
        );
    }
    assert!(
        stdout.contains("already assigned") && stdout.contains("already on"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(r
        .changes
        .iter()
        .any(|c| matches!(c, Change::UpdateStorageFirewall { .. })));
}

/// A /31 is two addresses to Azure Storage; one of them also given alone is the same rule:
/// each address is added once (ARM's ipRules and the script's network-rule adds).
#[test]
fn an_address_inside_a_planned_slash_31_is_added_once() {
    let mut w = World::ready();
    let la = log_account();
    w.drop_values(&accounts_of(SUB_A), |v| v["id"] == la.as_str());
    w.plan.egress_ips = vec![
        "203.0.113.6/31".parse().unwrap(),
        "203.0.113.7".parse().unwrap(),
    ];
    let r = remediate(&w.plan, Some(&w.snapshot));
    let ips: Vec<&String> = r
        .changes
        .iter()
        .find_map(|c| match c {
            Change::CreateStorageAccount { egress_ips, .. } => Some(egress_ips.iter().collect()),
            _ => None,
        })
        .expect("the log account is created");
    assert_eq!(ips, ["203.0.113.6", "203.0.113.7"]);
    let script = render_az_script(&r);
    assert_eq!(
        script.matches("--ip-address '203.0.113.7'").count(),
        1,
        "{script}"
    );
}
