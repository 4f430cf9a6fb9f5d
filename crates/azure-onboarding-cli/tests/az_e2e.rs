//! The remediation script, run by the real Azure CLI against the fake Azure (https on
//! 127.0.0.1), makes the tenant ready; a second run writes nothing; nothing the customer had
//! is removed. Needs az: `cargo xtask test-az` installs it (pinned, from PyPI, into
//! `target/azure-cli-venv`) and runs these tests (`--ignored`); `AZ_E2E_AZ` names another az.
//!
//! Each scenario: load the fake from a snapshot, `azure-onboard remediate --format cli`, sign
//! az in to the fake as the onboarding app (client secret = the canary), run the script with
//! bash, collect from the fake with the project's collector, assess, plan again; run the
//! script a second time and count write requests; compare the state before and after.
//! Every az call is tagged (`AZURE_HTTP_USER_AGENT=azcmd=cN`), so the fake's log tells which
//! command made which REST call: `docs/az-rest-calls.md` is that table, checked here
//! (`UPDATE_GOLDEN=1` rewrites it).

use azure_onboarding::catalog::graph;
use azure_onboarding::{assess, remediate, OnboardingPlan, SecretString, Snapshot};
use azure_onboarding_live::testing::{
    FakeAzure, FakeConfig, RecordedCall, ResourceGraphConfig, TlsIdentity, CLOUD_NAME,
};
use azure_onboarding_live::{Cloud, CollectOptions, Collector, Credentials, ReqwestTransport};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The canary secret of the fake's onboarding app: must appear in nothing we capture.
const CANARY: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";
/// The demo snapshot's own `collectedAt`: the log-arrival check reads the log blobs of the
/// collection's day, and the fake answers those from the demo's recorded lists (of that day).
/// With another day the collector got 404s the fake's state did not have (the check's
/// `request-failed` against the state's `not-collected`).
const COLLECTED_AT: &str = "2026-11-26T12:00:00Z";

/// The REST-call table is built from every scenario's traffic; tests run in parallel.
static TRAFFIC: Mutex<BTreeMap<String, Vec<String>>> = Mutex::new(BTreeMap::new());

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn az_path() -> PathBuf {
    if let Some(p) = std::env::var_os("AZ_E2E_AZ") {
        return PathBuf::from(p);
    }
    let venv = root().join("target/azure-cli-venv/bin/az");
    assert!(
        venv.exists(),
        "the Azure CLI is not installed: run `cargo xtask test-az` (installs it into target/azure-cli-venv), or set AZ_E2E_AZ"
    );
    venv
}

/// A CA and a leaf for 127.0.0.1 signed by it, made for this run.
fn certificate() -> (TlsIdentity, String) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "azure-onboarding fake Azure test CA");
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let mut leaf_params = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    leaf_params
        .distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    (
        TlsIdentity {
            cert_der: leaf.der().to_vec(),
            key_der: leaf_key.serialize_der(),
        },
        ca.pem(),
    )
}

struct Scenario {
    name: &'static str,
    plan: OnboardingPlan,
    plan_json: String,
    snapshot: Snapshot,
}

fn demo() -> Scenario {
    let plan_json = std::fs::read_to_string(root().join("examples/demo-plan.json")).unwrap();
    let snapshot = std::fs::read_to_string(root().join("examples/demo-snapshot.json")).unwrap();
    assert!(
        snapshot.contains(&format!("\"collectedAt\": \"{COLLECTED_AT}\"")),
        "COLLECTED_AT is the demo snapshot's collectedAt"
    );
    Scenario {
        name: "demo",
        plan: OnboardingPlan::from_json(&plan_json).unwrap(),
        plan_json,
        snapshot: Snapshot::from_json(&snapshot).unwrap(),
    }
}

/// The demo tenant with every remediable check failing (and the rest passing, so that the
/// script alone can make it ready), plus things of the customer's that must survive:
/// another diagnostic setting, a firewall bypass and IP rule, other role assignments, a
/// Defender plan outside the plan's list.
fn failing_everywhere() -> Scenario {
    let d = demo();
    let mut snap: Value = serde_json::to_value(&d.snapshot).unwrap();
    let app_sp = "5b7e3c1a-9d8f-4e2b-a6c7-3f1e0d9c8b7a";
    for r in snap["responses"].as_array_mut().unwrap() {
        let url = r["url"].as_str().unwrap().to_owned();
        if url.contains("/appRoleAssignments") {
            // Admin consent given for every permission (the script cannot grant it).
            grant_consent(r);
        } else if url.contains("/Microsoft.Authorization/roleAssignments") {
            // The app's and the guest's roles are gone; the customer's own stay.
            r["body"]["value"].as_array_mut().unwrap().retain(|a| {
                let p = a["properties"]["principalId"].as_str().unwrap_or("");
                p != app_sp && p != "c81f5e2d-6a4b-4c3d-9e8f-7a6b5c4d3e2f"
            });
        } else if url.contains("/Microsoft.Storage/storageAccounts?") {
            for a in r["body"]["value"].as_array_mut().unwrap() {
                if a["name"] == "contosoworkbenchlogs" {
                    let p = &mut a["properties"];
                    p["publicNetworkAccess"] = json!("Disabled");
                    p["networkAcls"]["bypass"] = json!("Metrics");
                    p["networkAcls"]["defaultAction"] = json!("Deny");
                    p["networkAcls"]["ipRules"] =
                        json!([{"value": "192.0.2.7", "action": "Allow"}]);
                }
            }
        } else if url.contains("/diagnosticSettings") {
            let list = r["body"]["value"].as_array_mut().unwrap();
            if url.contains("contosoproddata/blobServices") {
                // The customer's own setting (to a workspace) stays; the Workbench one is gone.
                let mut mine = list[0].clone();
                let id = mine["id"]
                    .as_str()
                    .unwrap()
                    .replace("workbench-storage-logs", "customer-siem");
                mine["id"] = json!(id);
                mine["name"] = json!("customer-siem");
                mine["properties"]["storageAccountId"] = Value::Null;
                mine["properties"]["workspaceId"] = json!("/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/rg-siem/providers/Microsoft.OperationalInsights/workspaces/siem");
                *list = vec![mine];
            } else if url.contains("contosoweb/fileServices") {
                // The Workbench setting sends only StorageRead: categories missing.
                let logs = list[0]["properties"]["logs"].as_array_mut().unwrap();
                for l in logs.iter_mut().skip(1) {
                    l["enabled"] = json!(false);
                }
            } else {
                list.clear();
            }
        } else if url.contains("/Microsoft.Security/pricings") {
            r["status"] = json!(200);
            let sub = url.split('/').nth(4).unwrap().to_owned();
            // A plan outside the onboarding plan's list, already on: it stays on.
            r["body"] = pricings(&sub, |p| {
                if p == "VirtualMachines" {
                    "Standard"
                } else {
                    "Free"
                }
            });
        }
    }
    Scenario {
        name: "failing-everywhere",
        snapshot: serde_json::from_value(snap).unwrap(),
        ..d
    }
}

/// The demo tenant without the log storage account (nor its resource group), with admin
/// consent given and the Defender plans readable (all on in the second subscription): the
/// script creates the account and its group, and fixes the demo's other findings.
fn new_log_account() -> Scenario {
    let d = demo();
    let mut snap: Value = serde_json::to_value(&d.snapshot).unwrap();
    for r in snap["responses"].as_array_mut().unwrap() {
        let url = r["url"].as_str().unwrap().to_owned();
        if url.contains("/Microsoft.Storage/storageAccounts?") {
            r["body"]["value"]
                .as_array_mut()
                .unwrap()
                .retain(|a| a["name"] != "contosoworkbenchlogs");
        } else if url.contains("/Microsoft.Authorization/roleAssignments") {
            // Deleting a resource deletes the role assignments on it.
            r["body"]["value"].as_array_mut().unwrap().retain(|a| {
                !a["properties"]["scope"]
                    .as_str()
                    .unwrap_or("")
                    .ends_with("/contosoworkbenchlogs")
            });
        } else if url.contains("/appRoleAssignments") {
            grant_consent(r);
        } else if url.contains("/Microsoft.Security/pricings") && r["status"] == 403 {
            let sub = url.split('/').nth(4).unwrap().to_owned();
            r["status"] = json!(200);
            r["body"] = pricings(&sub, |_| "Standard");
        }
    }
    Scenario {
        name: "new-log-account",
        snapshot: serde_json::from_value(snap).unwrap(),
        ..d
    }
}

/// [`new_log_account`] with the new account in a resource group whose name starts with a
/// hyphen (Azure allows it): az reads `--resource-group -wb-logs(1)` as two options and
/// refuses the command, so the script passes it as `--resource-group='-wb-logs(1)'`.
fn hyphen_resource_group() -> Scenario {
    let d = new_log_account();
    let plan_json = d.plan_json.replace(
        "/resourceGroups/rg-security-logs/",
        "/resourceGroups/-wb-logs(1)/",
    );
    assert_ne!(plan_json, d.plan_json);
    Scenario {
        name: "hyphen-resource-group",
        plan: OnboardingPlan::from_json(&plan_json).unwrap(),
        plan_json,
        ..d
    }
}

/// Admin consent for SecurityAlert.Read.All, the permission the demo's app lacks.
fn grant_consent(r: &mut Value) {
    let list = r["body"]["value"].as_array_mut().unwrap();
    let mut extra = list[0].clone();
    extra["appRoleId"] = json!(graph::SECURITY_ALERT_READ_ALL.id);
    extra["id"] = json!("consentSecurityAlertReadAll0000000000000000");
    list.push(extra);
}

/// A pricings list of the plans the demo names, and VirtualMachines.
fn pricings(sub: &str, tier: impl Fn(&str) -> &'static str) -> Value {
    let plans = [
        "VirtualMachines",
        "StorageAccounts",
        "KeyVaults",
        "Arm",
        "AppServices",
        "SqlServers",
        "CosmosDbs",
    ];
    let value: Vec<Value> = plans
        .iter()
        .map(|p| {
            json!({"id": format!("/subscriptions/{sub}/providers/Microsoft.Security/pricings/{p}"),
                   "name": p, "type": "Microsoft.Security/pricings",
                   "properties": {"pricingTier": tier(p), "freeTrialRemainingTime": "PT0S"}})
        })
        .collect();
    json!({"value": value})
}

/// One scenario's working directory under the cargo target dir.
fn workdir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("az-e2e-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Az {
    real: PathBuf,
    dir: PathBuf,
    ca_bundle: PathBuf,
}

impl Az {
    /// az's environment: its own config dir, the fake's CA, no telemetry, no proxy.
    fn command(&self, program: &Path) -> Command {
        let mut c = Command::new(program);
        c.env("AZURE_CONFIG_DIR", self.dir.join("azure-config"))
            .env("REQUESTS_CA_BUNDLE", &self.ca_bundle)
            .env("AZURE_CORE_COLLECT_TELEMETRY", "false")
            .env("AZURE_CORE_SURVEY_MESSAGE", "false")
            .env("AZURE_CORE_NO_COLOR", "true")
            .env("AZURE_CORE_DISABLE_PROGRESS_BAR", "true")
            .env("AZURE_EXTENSION_USE_DYNAMIC_INSTALL", "no")
            .env("NO_PROXY", "127.0.0.1")
            .env_remove("HTTP_PROXY")
            .env_remove("HTTPS_PROXY")
            .env_remove("http_proxy")
            .env_remove("https_proxy")
            .env_remove("AZURE_HTTP_USER_AGENT");
        c
    }

    fn run(&self, what: &str, args: &[&str]) -> Output {
        let out = self.command(&self.real).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "az {what} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs the script with bash; every az call goes through a wrapper that tags it.
    fn script(&self, script: &Path, run: &str) -> (Output, Vec<(String, String)>) {
        let bin = self.dir.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let wrapper = bin.join("az");
        std::fs::write(
            &wrapper,
            // Arguments joined by the unit separator (0x1f): a --query may hold spaces.
            "#!/usr/bin/env bash\nn=$(( $(cat \"$AZ_TAG_COUNTER\" 2>/dev/null || echo 0) + 1 ))\necho \"$n\" > \"$AZ_TAG_COUNTER\"\n(IFS=$'\\x1f'; printf '%s\\t%s\\n' \"$AZ_TAG_RUN$n\" \"$*\") >> \"$AZ_TAG_LOG\"\nAZURE_HTTP_USER_AGENT=\"azcmd=$AZ_TAG_RUN$n\" exec \"$AZ_REAL\" \"$@\"\n",
        )
        .unwrap();
        Command::new("chmod")
            .arg("+x")
            .arg(&wrapper)
            .status()
            .unwrap();
        let log = self.dir.join(format!("az-commands-{run}.tsv"));
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = self
            .command(Path::new("bash"))
            .arg(script)
            .env("PATH", path)
            .env("AZ_REAL", &self.real)
            .env("AZ_TAG_COUNTER", self.dir.join(format!("counter-{run}")))
            .env("AZ_TAG_LOG", &log)
            .env("AZ_TAG_RUN", format!("{run}c"))
            // What the script asks for when it creates the log storage account.
            .env("LOCATION", "westeurope")
            .output()
            .unwrap();
        let commands = std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(t, c)| (t.to_owned(), c.to_owned()))
            .collect();
        (out, commands)
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_no_canary(what: &str, s: &str) {
    assert!(
        !s.contains(CANARY) && !s.contains("CANARYcanary"),
        "the client secret appears in {what}"
    );
}

/// Writes: PUT, PATCH, DELETE, and POST other than the reads by POST: the token endpoint,
/// Graph's `directoryObjects/getByIds`, storage's `checkNameAvailability`, a deployment's
/// `validate`.
fn is_write(c: &RecordedCall) -> bool {
    match c.method.as_str() {
        "GET" | "HEAD" | "OPTIONS" => false,
        "POST" => {
            let path = c.url.split('?').next().unwrap_or("");
            ![
                "/oauth2/v2.0/token",
                "/directoryObjects/getByIds",
                "/checkNameAvailability",
                "/validate",
            ]
            .iter()
            .any(|p| path.ends_with(p))
        }
        _ => true,
    }
}

fn collect(rt: &tokio::runtime::Runtime, fake: &FakeAzure, plan: &OnboardingPlan) -> Snapshot {
    let t = ReqwestTransport::new(true, Duration::from_secs(10)).unwrap();
    let cloud = Cloud::public().with_endpoints_for_testing(&fake.base_url());
    let credentials = Credentials::ClientSecret {
        client_id: plan.application_id,
        secret: SecretString::new(CANARY.into()),
    };
    let collected = rt
        .block_on(
            Collector::new(&t, cloud)
                .options(CollectOptions::default())
                .collect(plan, &credentials, COLLECTED_AT),
        )
        .unwrap();
    collected.snapshot
}

/// Not-passing findings (code, status, resource), for messages and comparisons.
fn open_findings(plan: &OnboardingPlan, snap: &Snapshot) -> BTreeSet<(String, String, String)> {
    let report = serde_json::to_value(assess(plan, snap)).unwrap();
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["findings"].as_array().unwrap().iter())
        .filter(|f| f["status"] != "pass")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_owned();
            (s("code"), s("status"), s("resource"))
        })
        .collect()
}

/// What the customer had must still be there: every role assignment, every diagnostic
/// setting (with its destinations and enabled categories), every IP rule and bypass value,
/// every Defender plan that was on.
fn assert_nothing_removed(before: &Snapshot, after: &Snapshot) {
    let items = |s: &Snapshot, path: &str| -> Vec<Value> {
        s.responses
            .iter()
            .filter(|r| r.status == 200 && r.url.split('?').next().unwrap().ends_with(path))
            .flat_map(|r| r.body["value"].as_array().cloned().unwrap_or_default())
            .collect()
    };
    let by_id = |v: Vec<Value>| -> BTreeMap<String, Value> {
        v.into_iter()
            .map(|x| (x["id"].as_str().unwrap_or("").to_ascii_lowercase(), x))
            .collect()
    };
    for path in [
        "/roleAssignments",
        "/diagnosticSettings",
        "/storageAccounts",
        "/pricings",
    ] {
        let (b, a) = (by_id(items(before, path)), by_id(items(after, path)));
        for (id, old) in &b {
            let new = a.get(id).unwrap_or_else(|| panic!("{id} was removed"));
            match path {
                "/diagnosticSettings" => {
                    for k in [
                        "storageAccountId",
                        "workspaceId",
                        "eventHubAuthorizationRuleId",
                    ] {
                        if !old["properties"][k].is_null() {
                            assert_eq!(
                                old["properties"][k], new["properties"][k],
                                "{id}: {k} changed"
                            );
                        }
                    }
                    let on = |v: &Value| -> BTreeSet<String> {
                        v["properties"]["logs"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter(|l| l["enabled"] == true)
                            .map(|l| {
                                l["category"]
                                    .as_str()
                                    .or(l["categoryGroup"].as_str())
                                    .unwrap_or("")
                                    .to_owned()
                            })
                            .collect()
                    };
                    assert!(
                        on(old).is_subset(&on(new)),
                        "{id}: a log category was turned off"
                    );
                }
                "/storageAccounts" => {
                    let acl = |v: &Value| v["properties"]["networkAcls"].clone();
                    let words = |v: &Value| -> BTreeSet<String> {
                        acl(v)["bypass"]
                            .as_str()
                            .unwrap_or("")
                            .split(',')
                            .map(|w| w.trim().to_owned())
                            .filter(|w| !w.is_empty() && w != "None")
                            .collect()
                    };
                    assert!(
                        words(old).is_subset(&words(new)),
                        "{id}: a bypass value was dropped"
                    );
                    let ips = |v: &Value| -> BTreeSet<String> {
                        acl(v)["ipRules"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|r| r["value"].as_str().unwrap_or("").to_owned())
                            .collect()
                    };
                    assert!(
                        ips(old).is_subset(&ips(new)),
                        "{id}: an IP rule was dropped"
                    );
                    if acl(old)["defaultAction"] == "Deny" {
                        assert_eq!(
                            acl(new)["defaultAction"],
                            "Deny",
                            "{id}: the firewall was opened"
                        );
                    }
                }
                "/pricings" => {
                    if old["properties"]["pricingTier"] == "Standard" {
                        assert_eq!(
                            new["properties"]["pricingTier"], "Standard",
                            "{id}: a plan was turned off"
                        );
                    }
                }
                _ => assert_eq!(old["properties"], new["properties"], "{id} changed"),
            }
        }
    }
}

/// `/subscriptions/3c…/resourceGroups/rg/…` → `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/…`.
fn template(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = path
        .strip_prefix("https://management.azure.com")
        .or_else(|| path.strip_prefix("https://graph.microsoft.com"))
        .unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let prev = if i > 0 {
            segments[i - 1].to_ascii_lowercase()
        } else {
            String::new()
        };
        let placeholder = match prev.as_str() {
            "subscriptions" => Some("{subscriptionId}"),
            "resourcegroups" => Some("{resourceGroup}"),
            "storageaccounts" => Some("{account}"),
            "roleassignments" => Some("{assignmentName}"),
            "diagnosticsettings" => Some("{settingName}"),
            "pricings" => Some("{plan}"),
            "deployments" => Some("{deploymentName}"),
            "tenants" if s.len() == 36 => Some("{tenant}"),
            "" if i == 1 && s.len() == 36 => Some("{tenant}"),
            _ => None,
        };
        let s = match placeholder {
            Some(p) => p.to_owned(),
            None if s.ends_with("Services")
                && i > 2
                && segments[i - 2].eq_ignore_ascii_case("storageAccounts") =>
            {
                "{service}".to_owned()
            }
            None => (*s).to_owned(),
        };
        out.push(s);
    }
    let mut path = out.join("/");
    let mut api = String::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "api-version" => api = v.to_owned(),
            "$filter" | "%24filter" => {
                let v = regex_guids(&percent_decode(v));
                path.push_str(&format!("?$filter={v}"));
            }
            _ => {}
        }
    }
    format!("{path}\t{api}")
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// GUIDs in a filter → `{id}`.
fn regex_guids(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let candidate = s.get(i..i + 36);
        if candidate.is_some_and(|c| {
            c.len() == 36
                && c.char_indices().all(|(j, ch)| {
                    if [8, 13, 18, 23].contains(&j) {
                        ch == '-'
                    } else {
                        ch.is_ascii_hexdigit()
                    }
                })
        }) {
            out.push_str("{id}");
            i += 36;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

/// `az storage account show --name 'x' …` → `az storage account show --name --resource-group … --query networkRuleSet.bypass`
/// (values dropped, except a --query, which says what is read).
fn command_shape(args: &str) -> String {
    if !args.contains('\x1f') {
        return args.to_owned();
    }
    let words: Vec<&str> = args.split('\x1f').collect();
    let mut out = vec!["az".to_owned()];
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.starts_with("--") {
            // `--resource-group=-rg`: the option's value is not part of the shape.
            out.push(w.split('=').next().unwrap_or(w).to_owned());
            if w == "--query"
                || w == "--output"
                || w == "--tier"
                || w == "--assignee-principal-type"
            {
                if let Some(v) = words.get(i + 1) {
                    // A quoted literal in a query (an IP address) → '{value}'.
                    let mut parts = v.split('\'');
                    let mut shown = parts.next().unwrap_or("").to_owned();
                    for (k, part) in parts.enumerate() {
                        shown.push('\'');
                        shown.push_str(if k % 2 == 0 { "{value}" } else { part });
                    }
                    out.push(if shown.contains(' ') {
                        format!("\"{shown}\"")
                    } else {
                        shown
                    });
                }
            }
        } else if out.iter().all(|o| !o.starts_with("--")) {
            out.push(w.to_owned());
        }
        i += 1;
    }
    out.join(" ")
}

fn record_traffic(commands: &[(String, String)], calls: &[RecordedCall]) {
    let mut table = TRAFFIC.lock().unwrap();
    for (tag, args) in commands {
        let shape = command_shape(args);
        let rows = table.entry(shape).or_default();
        for c in calls
            .iter()
            .filter(|c| c.tag.as_deref() == Some(tag.as_str()))
        {
            let row = format!("{}\t{}", c.method, template(&c.url));
            if !rows.contains(&row) {
                rows.push(row);
            }
        }
    }
}

/// Runs one scenario end to end (see the module documentation) and records its traffic.
/// A fake loaded from the scenario's snapshot, and az signed in to it as the onboarding app.
struct Session {
    rt: tokio::runtime::Runtime,
    fake: FakeAzure,
    az: Az,
    dir: PathBuf,
    /// What az printed so far (checked for the canary).
    captured: String,
}

fn start(s: &Scenario, dir: PathBuf, resource_graph: Option<ResourceGraphConfig>) -> Session {
    let (identity, ca_pem) = certificate();
    let ca_bundle = dir.join("fake-ca.pem");
    std::fs::write(&ca_bundle, ca_pem).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let fake = rt
        .block_on(FakeAzure::start(FakeConfig {
            snapshot: Some(s.snapshot.clone()),
            client_id: Some(s.plan.application_id.to_string()),
            client_secret: Some(CANARY.into()),
            graph_roles: [
                graph::SECURITY_ALERT_READ_ALL,
                graph::SECURITY_INCIDENT_READ_ALL,
                graph::SECURITY_EVENTS_READ_ALL,
                graph::USER_READ_ALL,
            ]
            .iter()
            .map(|p| p.name.to_owned())
            .collect(),
            tls: Some(identity),
            stateful: true,
            resource_graph,
            ..FakeConfig::default()
        }))
        .unwrap();
    let https = fake.https_base_url().unwrap();
    // az, signed in to the fake as the onboarding app.
    let az = Az {
        real: az_path(),
        dir: dir.clone(),
        ca_bundle,
    };
    let mut captured = String::new();
    captured += &text(&az.run(
        "cloud register",
        &[
            "cloud",
            "register",
            "-n",
            CLOUD_NAME,
            "--endpoint-resource-manager",
            &format!("{https}/"),
            "--output",
            "none",
        ],
    ));
    captured += &text(&az.run(
        "cloud set",
        &["cloud", "set", "-n", CLOUD_NAME, "--output", "none"],
    ));
    captured += &text(&az.run(
        "config set",
        &[
            "config",
            "set",
            "core.instance_discovery=false",
            "--output",
            "none",
        ],
    ));
    let login = az
        .command(Path::new("bash"))
        .args(["-c", "\"$AZ_REAL\" login --service-principal --username \"$APP_ID\" --password \"$APP_SECRET\" --tenant \"$TENANT_ID\" --output none"])
        .env("AZ_REAL", &az.real)
        .env("APP_ID", s.plan.application_id.to_string())
        .env("APP_SECRET", CANARY)
        .env("TENANT_ID", s.plan.tenant_id.to_string())
        .output()
        .unwrap();
    assert!(login.status.success(), "az login failed: {}", text(&login));
    captured += &text(&login);
    Session {
        rt,
        fake,
        az,
        dir,
        captured,
    }
}

fn remediate_cli(s: &Scenario, dir: &Path, format: &str) -> Output {
    std::fs::write(dir.join("plan.json"), &s.plan_json).unwrap();
    std::fs::write(dir.join("snapshot.json"), s.snapshot.to_json()).unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_azure-onboard"));
    c.args(["remediate", "--format", format, "--plan"])
        .arg(dir.join("plan.json"))
        .arg("--snapshot")
        .arg(dir.join("snapshot.json"));
    if format == "cli" {
        c.arg("--out").arg(dir.join("out"));
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    out
}

fn run_scenario(s: Scenario) {
    let started = Instant::now();
    let dir = workdir(s.name);
    let Session {
        rt,
        fake,
        az,
        dir,
        mut captured,
    } = start(&s, dir, None);
    let before = fake.state_snapshot(COLLECTED_AT).unwrap();

    // The script, from the plan and the snapshot, by the product's CLI.
    remediate_cli(&s, &dir, "cli");
    let script = dir.join("out/remediate.sh");
    let planned = remediate(&s.plan, Some(&s.snapshot));
    assert!(
        !planned.changes.is_empty(),
        "{}: nothing to remediate",
        s.name
    );
    let set_up = fake.calls().len();

    // First run: changes.
    let (first, commands1) = az.script(&script, "r1");
    captured += &text(&first);
    assert!(
        first.status.success(),
        "{}: the script failed:\n{}",
        s.name,
        text(&first)
    );
    let calls1: Vec<RecordedCall> = fake.calls()[set_up..].to_vec();
    let failed: Vec<&RecordedCall> = calls1
        .iter()
        .filter(|c| c.status >= 400 && c.status != 404)
        .collect();
    let writes1: Vec<&RecordedCall> = calls1.iter().filter(|c| is_write(c)).collect();
    assert!(
        !writes1.is_empty(),
        "{}: the first run wrote nothing",
        s.name
    );
    assert!(
        failed.is_empty(),
        "{}: requests refused: {failed:#?}",
        s.name
    );

    // Collect with the project's collector, assess, plan again.
    let collected = collect(&rt, &fake, &s.plan);
    let open = open_findings(&s.plan, &collected);
    let replanned = remediate(&s.plan, Some(&collected));
    assert!(
        replanned.changes.is_empty(),
        "{}: changes still planned after the script: {:#?}",
        s.name,
        replanned.changes
    );
    // The state read back as a snapshot assesses the same as what the collector read. The
    // fake's state models ARM and Graph; its Blob service replays the demo's recorded lists
    // (an empty list for a prefix it has none for), the same answers the collector got: those
    // are taken from the collection.
    let mut after = fake.state_snapshot(COLLECTED_AT).unwrap();
    for r in &collected.responses {
        let blob = r
            .url
            .split('/')
            .nth(2)
            .is_some_and(|h| h.ends_with(".blob.core.windows.net"));
        if blob && !after.responses.iter().any(|a| a.url == r.url) {
            after.responses.push(r.clone());
        }
    }
    assert_eq!(
        open,
        open_findings(&s.plan, &after),
        "{}: state and collection disagree",
        s.name
    );
    let report = assess(&s.plan, &collected);
    if s.name == "demo" {
        // What remains is what the script cannot do: admin consent, and the Defender plans of
        // the subscription the snapshot could not read (403), both manual steps.
        let blocking: BTreeSet<&str> = open
            .iter()
            .filter(|(_, st, _)| st == "fail" || st == "unknown")
            .map(|(c, _, _)| c.as_str())
            .collect();
        assert_eq!(
            blocking,
            BTreeSet::from(["graph-permission-missing", "not-authorized-to-read"]),
            "demo: {open:#?}"
        );
    } else {
        assert!(
            report.ready,
            "{}: not ready after the script: {open:#?}",
            s.name
        );
    }

    // Second run: no writes.
    // From here: the second run's calls (not the collector's above).
    let before_second = fake.calls().len();
    let (second, commands2) = az.script(&script, "r2");
    captured += &text(&second);
    assert!(
        second.status.success(),
        "{}: the second run failed:\n{}",
        s.name,
        text(&second)
    );
    let calls2: Vec<RecordedCall> = fake.calls()[before_second..].to_vec();
    let writes2: Vec<&RecordedCall> = calls2.iter().filter(|c| is_write(c)).collect();
    assert!(
        writes2.is_empty(),
        "{}: the second run wrote: {writes2:#?}",
        s.name
    );
    assert!(!calls2.is_empty());

    assert_nothing_removed(&before, &fake.state_snapshot(COLLECTED_AT).unwrap());

    // The canary: not in what the product wrote, what az and the script printed, the
    // commands az ran, what the fake logged, or the collected snapshot.
    assert_no_canary("the script", &std::fs::read_to_string(&script).unwrap());
    assert_no_canary("az's and the script's output", &captured);
    for f in ["az-commands-r1.tsv", "az-commands-r2.tsv"] {
        assert_no_canary(f, &std::fs::read_to_string(dir.join(f)).unwrap_or_default());
    }
    assert_no_canary(
        "the fake's log",
        &format!("{:?}{:?}", fake.calls(), fake.requests()),
    );
    assert_no_canary("the collected snapshot", &collected.to_json());
    assert_no_canary("the report", &serde_json::to_string(&report).unwrap());

    let setup_calls: Vec<(String, String)> = vec![(
        "setup".into(),
        "az cloud register, az login (the test's sign-in, not the script)".into(),
    )];
    let mut setup_tagged: Vec<RecordedCall> = fake.calls()[..set_up].to_vec();
    for c in &mut setup_tagged {
        c.tag = Some("setup".into());
    }
    record_traffic(&setup_calls, &setup_tagged);
    record_traffic(&commands1, &calls1);
    record_traffic(&commands2, &calls2);
    // az's own files hold the secret (service_principal_entries.json): remove them.
    let _ = std::fs::remove_dir_all(dir.join("azure-config"));
    eprintln!(
        "{}: {} az commands, {} requests in the first run ({} writes), {} in the second; {:.1}s",
        s.name,
        commands1.len(),
        calls1.len(),
        writes1.len(),
        calls2.len(),
        started.elapsed().as_secs_f64()
    );
}

/// The ARM templates, deployed with `az deployment sub create` into the fake (which applies
/// their resources): ready, nothing left to plan, nothing removed; deploying again changes
/// nothing.
fn run_arm_scenario(s: Scenario) {
    let started = Instant::now();
    let dir = workdir(&format!("{}-arm", s.name));
    let Session {
        rt,
        fake,
        az,
        dir,
        mut captured,
    } = start(&s, dir, None);
    let before = fake.state_snapshot(COLLECTED_AT).unwrap();
    let out = remediate_cli(&s, &dir, "arm");
    let templates: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!templates.is_empty());
    let set_up = fake.calls().len();
    let deploy = |run: &str| -> String {
        let mut printed = String::new();
        for (i, t) in templates.iter().enumerate() {
            let sub = t["subscriptionId"].as_str().unwrap();
            let file = dir.join(format!("{sub}.json"));
            std::fs::write(&file, t["template"].to_string()).unwrap();
            let mut args = vec![
                "deployment".to_owned(),
                "sub".into(),
                "create".into(),
                "--subscription".into(),
                sub.into(),
                "--location".into(),
                "westeurope".into(),
                "--name".into(),
                format!("workbench-onboarding-{i}"),
                "--template-file".into(),
                file.display().to_string(),
                "--output".into(),
                "none".into(),
            ];
            // The resource group of a new log storage account: the customer says to create it.
            if t["template"]["parameters"]
                .get("createResourceGroup")
                .is_some()
            {
                args.extend(["--parameters".into(), "createResourceGroup=true".into()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            printed += &text(&az.run(&format!("deployment sub create ({run})"), &args));
        }
        printed
    };
    captured += &deploy("first");
    let calls1 = fake.calls()[set_up..].to_vec();
    let refused: Vec<&RecordedCall> = calls1
        .iter()
        .filter(|c| c.status >= 400 && c.status != 404)
        .collect();
    assert!(
        refused.is_empty(),
        "{}: requests refused: {refused:#?}",
        s.name
    );
    let collected = collect(&rt, &fake, &s.plan);
    let open = open_findings(&s.plan, &collected);
    assert!(
        assess(&s.plan, &collected).ready,
        "{} (ARM): not ready after deploying: {open:#?}",
        s.name
    );
    let replanned = remediate(&s.plan, Some(&collected));
    assert!(
        replanned.changes.is_empty(),
        "{} (ARM): changes still planned: {:#?}",
        s.name,
        replanned.changes
    );
    let after_first = fake.state_snapshot(COLLECTED_AT).unwrap();
    captured += &deploy("second");
    let after_second = fake.state_snapshot(COLLECTED_AT).unwrap();
    assert_eq!(
        serde_json::to_value(&after_first).unwrap(),
        serde_json::to_value(&after_second).unwrap(),
        "{} (ARM): deploying again changed the tenant",
        s.name
    );
    assert_nothing_removed(&before, &after_second);
    assert_no_canary("az's output", &captured);
    assert_no_canary("the templates", &String::from_utf8_lossy(&out.stdout));
    assert_no_canary(
        "the fake's log",
        &format!("{:?}{:?}", fake.calls(), fake.requests()),
    );
    let commands = vec![(
        "arm".to_owned(),
        "az deployment sub create (the ARM templates)".to_owned(),
    )];
    let mut tagged = calls1.clone();
    for c in &mut tagged {
        c.tag = Some("arm".into());
    }
    record_traffic(&commands, &tagged);
    let _ = std::fs::remove_dir_all(dir.join("azure-config"));
    eprintln!(
        "{} (ARM): {} templates, {} requests; {:.1}s",
        s.name,
        templates.len(),
        calls1.len(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
#[ignore = "needs the Azure CLI: cargo xtask test-az"]
fn az_runs_the_script_against_the_fake() {
    // One after the other: side by side was slower here (az's start-up reads thousands of files).
    run_scenario(demo());
    run_scenario(failing_everywhere());
    run_scenario(new_log_account());
    run_scenario(hyphen_resource_group());
    run_arm_scenario(failing_everywhere());
    run_arm_scenario(new_log_account());
    check_doc();
}

/// Stands in for DNS: the collect-script names Azure's public hosts, the fake serves them
/// all on one https origin (storage accounts under `/_blob/{account}`); every other
/// argument goes to the real az unchanged.
const HOSTS_TO_FAKE: &str = r#"#!/usr/bin/env bash
args=()
for a in "$@"; do
  case "$a" in
    https://management.azure.com/*) a="__BASE__${a#https://management.azure.com}" ;;
    https://graph.microsoft.com/*) a="__BASE__${a#https://graph.microsoft.com}" ;;
    https://*.blob.core.windows.net/*) r="${a#https://}"; a="__BASE__/_blob/${r%%.*}/${r#*/}" ;;
    --url=https://management.azure.com/*) a="--url=__BASE__${a#--url=https://management.azure.com}" ;;
    --url=https://graph.microsoft.com/*) a="--url=__BASE__${a#--url=https://graph.microsoft.com}" ;;
    --url=https://*.blob.core.windows.net/*) r="${a#--url=https://}"; a="--url=__BASE__/_blob/${r%%.*}/${r#*/}" ;;
  esac
  args+=("$a")
done
exec "__AZ__" "${args[@]}"
"#;

/// `azure-onboard collect-script` run by bash and the real az against the fake with Resource
/// Graph (`refuse`: answering 403): its snapshot assesses as the project's collector's does.
fn run_collect_script(name: &'static str, refuse: bool) -> Snapshot {
    let s = demo();
    let Session {
        rt,
        fake,
        az,
        dir,
        mut captured,
    } = start(
        &s,
        workdir(name),
        Some(ResourceGraphConfig {
            refuse,
            page_rows: 2,
            truncate: false,
        }),
    );
    let hosts = dir.join("az-on-fake");
    std::fs::write(
        &hosts,
        HOSTS_TO_FAKE
            .replace("__BASE__", &fake.https_base_url().unwrap())
            .replace("__AZ__", &az.real.display().to_string()),
    )
    .unwrap();
    let az = Az {
        real: hosts.clone(),
        ..az
    };
    Command::new("chmod")
        .arg("+x")
        .arg(&hosts)
        .status()
        .unwrap();
    std::fs::write(dir.join("plan.json"), &s.plan_json).unwrap();
    let script = Command::new(env!("CARGO_BIN_EXE_azure-onboard"))
        .args(["collect-script", "--plan"])
        .arg(dir.join("plan.json"))
        .output()
        .unwrap();
    assert!(script.status.success(), "{}", text(&script));
    std::fs::write(dir.join("collect.sh"), &script.stdout).unwrap();
    let out = dir.join("collected.json");
    let launch = dir.join("launch.sh");
    std::fs::write(
        &launch,
        format!(
            "AZURE_ONBOARD_COLLECTED_AT={COLLECTED_AT} exec bash {} {}\n",
            dir.join("collect.sh").display(),
            out.display()
        ),
    )
    .unwrap();
    let (run, _) = az.script(&launch, "c1");
    captured += &text(&run);
    assert!(run.status.success(), "{name}: {}", text(&run));
    let written = std::fs::read_to_string(&out).unwrap();
    let snap = Snapshot::from_json(&written).unwrap();
    let posts: Vec<_> = snap
        .responses
        .iter()
        .filter(|r| r.method == "POST")
        .collect();
    // Five queries (one subscription group): answered, several pages each at two rows a
    // page; refused, one each.
    assert!(
        if refuse {
            posts.len() == 5
        } else {
            posts.len() > 5
        },
        "{name}: {} POSTs",
        posts.len()
    );
    assert!(posts.iter().all(|r| r
        .url
        .starts_with("https://management.azure.com/providers/Microsoft.ResourceGraph/resources?")
        && r.request_body
            .as_ref()
            .is_some_and(|b| b["query"].is_string())));
    let want = if refuse { 403 } else { 200 };
    assert!(
        posts.iter().all(|r| r.status == want),
        "{name}: {}",
        text(&run)
    );
    let fell_back = text(&run).contains("did not answer every inventory query");
    assert_eq!(fell_back, refuse, "{name}: {}", text(&run));
    let native = collect(&rt, &fake, &s.plan);
    assert_eq!(
        serde_json::to_value(assess(&s.plan, &snap)).unwrap(),
        serde_json::to_value(assess(&s.plan, &native)).unwrap(),
        "{name}: the script's snapshot and the collector's assess differently"
    );
    assert_no_canary(
        "the collect-script",
        &String::from_utf8_lossy(&script.stdout),
    );
    assert_no_canary("az's and the script's output", &captured);
    assert_no_canary("the script's snapshot", &written);
    let _ = std::fs::remove_dir_all(dir.join("azure-config"));
    snap
}

#[test]
#[ignore = "needs the Azure CLI: cargo xtask test-az"]
fn az_runs_the_collect_script_through_resource_graph() {
    let graph = run_collect_script("collect-script-graph", false);
    let lists = run_collect_script("collect-script-lists", true);
    let gets = |s: &Snapshot| s.responses.iter().filter(|r| r.method == "GET").count();
    // Refused, the script reads the per-subscription lists instead.
    assert!(gets(&lists) > gets(&graph));
}

const DOC_MARKER: &str = "<!-- Generated below by crates/azure-onboarding-cli/tests/az_e2e.rs from the recorded traffic. -->";

/// `docs/az-rest-calls.md` is the table of what each generated command calls.
fn check_doc() {
    let table = TRAFFIC.lock().unwrap();
    let mut doc = String::new();
    for (shape, rows) in table.iter() {
        doc.push_str(&format!(
            "\n## `{shape}`\n\n| method | path | api-version |\n|---|---|---|\n"
        ));
        for r in rows {
            let cols: Vec<&str> = r.split('\t').collect();
            doc.push_str(&format!(
                "| {} | `{}` | {} |\n",
                cols[0],
                cols[1],
                cols.get(2).unwrap_or(&"")
            ));
        }
    }
    // The text above the marker is written by hand; the tables below it are this test's.
    let path = root().join("docs/az-rest-calls.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let Some((intro, tables)) = committed.split_once(DOC_MARKER) else {
        panic!("docs/az-rest-calls.md lacks the line {DOC_MARKER}");
    };
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(
            &path,
            format!("{intro}{DOC_MARKER}\n\n{}", doc.trim_start()),
        )
        .unwrap();
        return;
    }
    assert_eq!(
        tables.trim_start(),
        doc.trim_start(),
        "docs/az-rest-calls.md is out of date: run `UPDATE_GOLDEN=1 cargo xtask test-az` and review the diff"
    );
}
