//! Hostile and odd input from outside (issue 12): the `azure-onboard` process given plans and
//! snapshots an attacker (or an odd but legal tenant) could write.

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_azure-onboard");

fn fixture(n: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/azure-onboarding/tests/fixtures")
        .join(n)
        .to_str()
        .unwrap()
        .to_owned()
}

fn read(n: &str) -> String {
    std::fs::read_to_string(fixture(n)).unwrap()
}

/// A file in the temp dir, removed on drop.
struct Temp(PathBuf);
impl Temp {
    fn new(name: &str, content: &str) -> Self {
        let p = std::env::temp_dir().join(format!("hostile-{}-{name}", std::process::id()));
        std::fs::write(&p, content).unwrap();
        Temp(p)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}
impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn plan_with_mail(mail: &str) -> Temp {
    let plan = read("ready-plan.json").replace("analyst@provider.example", mail);
    Temp::new(&format!("plan-{}.json", mail.len()), &plan)
}

#[test]
fn collect_script_percent_encodes_the_guest_mail_in_the_filter() {
    let plan = plan_with_mail("analyst+soc@x.example");
    let out = run(&["collect-script", "--plan", plan.path()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.contains("mail eq '\\''analyst%2Bsoc@x.example'\\''"),
        "{s}"
    );
    assert!(!s.contains("analyst+soc"), "{s}");
}

#[test]
fn the_odata_injection_of_issue_12_stays_one_literal() {
    let evil = "x%27%20or%20startswith(mail,%27a%27)%20or%20mail%20eq%20%27y@z.example";
    let plan = plan_with_mail(evil);
    let out = run(&["collect-script", "--plan", plan.path()]);
    if out.status.success() {
        let s = text(&out.stdout);
        let line = s
            .lines()
            .find(|l| l.starts_with("get ") && l.contains("/users?"))
            .unwrap();
        // Every `%` of the value is itself encoded: Graph decodes it back to the text as
        // written, one string literal; no `%27` reaches Graph as a quote.
        assert!(
            line.contains("mail eq '\\''x%2527%2520or%2520startswith(mail,%2527a%2527)"),
            "{line}"
        );
        assert!(!line.contains("x%27%20or"), "{line}");
    } else {
        // Refused outright is fine too, with the JSON path of the mail.
        assert!(
            text(&out.stderr).contains("guestUser.mail"),
            "{}",
            text(&out.stderr)
        );
    }
}

fn example(n: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(n),
    )
    .unwrap()
}

fn remediate(plan: &str, snapshot: Option<&str>, format: &str) -> Output {
    let mut args = vec!["remediate", "--plan", plan, "--format", format];
    if let Some(s) = snapshot {
        args.extend(["--snapshot", s]);
    }
    run(&args)
}

/// Every string in `v` with its JSON path.
fn strings(v: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((path, s.clone())),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(x, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                // A property name is evaluated by ARM as a value is: collected too.
                out.push((format!("{path}.<key>"), k.clone()));
                strings(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

const LIST_KEYS: &str = "[listKeys(resourceId('Microsoft.Storage/storageAccounts','victim'),'2023-01-01').keys[0].value]";

#[test]
fn a_snapshot_string_never_becomes_an_arm_expression() {
    let rules = format!(
        r#""virtualNetworkRules": [], "resourceAccessRules": [{{"tenantId": "{LIST_KEYS}", "resourceId": "[concat('x')]", "{LIST_KEYS}": "x"}}],"#
    );
    let snap = example("demo-snapshot.json").replacen(r#""virtualNetworkRules": [],"#, &rules, 1);
    let snap = Temp::new("evil-snapshot.json", &snap);
    let plan = Temp::new("demo-plan.json", &example("demo-plan.json"));
    let out = remediate(plan.path(), Some(snap.path()), "arm");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut all = Vec::new();
    strings(&v, String::new(), &mut all);
    let copied: Vec<_> = all.iter().filter(|(_, s)| s.contains("listKeys")).collect();
    assert!(
        !copied.is_empty(),
        "the rules are copied into the firewall update"
    );
    assert!(
        copied.iter().any(|(path, _)| path.ends_with("<key>")),
        "the rule's property name is copied too"
    );
    for (path, s) in copied {
        assert_eq!(s, &format!("[{LIST_KEYS}"), "{path}");
    }
    assert!(all.iter().any(|(_, s)| s == "[[concat('x')]"));
}

#[test]
fn a_snapshot_location_outside_its_grammar_is_not_copied_into_a_template() {
    let snap = example("demo-snapshot.json").replacen(
        r#""location": "westeurope","#,
        r#""location": "[deployment().properties]","#,
        1,
    );
    let snap = Temp::new("badloc-snapshot.json", &snap);
    let plan = Temp::new("demo-plan2.json", &example("demo-plan.json"));
    let out = remediate(plan.path(), Some(snap.path()), "json");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(!s.contains("deployment().properties"), "{s}");
    assert!(s.contains("log-account-unreadable"), "{s}");
    assert!(
        s.contains("The snapshot's location of the log storage account"),
        "{s}"
    );
}

#[test]
fn a_defender_plan_name_outside_its_grammar_is_refused_with_its_json_path() {
    let plan = read("ready-plan.json").replace("\"KeyVaults\"", "\"[subscription().id]\"");
    let plan = Temp::new("badplan.json", &plan);
    let out = remediate(plan.path(), None, "arm");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains("defenderPlans[1]"), "{err}");
}

fn plan_with_resource_group(rg: &str) -> Temp {
    let plan = read("ready-plan.json").replace("rg-security-logs", rg);
    Temp::new(&format!("rg-{}.json", rg.len()), &plan)
}

#[test]
fn a_unicode_resource_group_does_not_crash_the_arm_renderer() {
    let plan = plan_with_resource_group(&"é".repeat(40));
    let out = remediate(plan.path(), None, "arm");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names = Vec::new();
    for t in v.as_array().unwrap() {
        for r in t["template"]["resources"].as_array().unwrap() {
            if r["type"] == "Microsoft.Resources/deployments" {
                names.push(r["name"].as_str().unwrap().to_owned());
            }
        }
    }
    assert!(!names.is_empty());
    for n in names {
        assert!(n.len() <= 64, "{n}");
        assert!(
            n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.()".contains(c)),
            "{n}"
        );
    }
}

#[test]
fn arm_metadata_says_what_a_redeploy_replaces() {
    let snap = Temp::new("demo-snap3.json", &example("demo-snapshot.json"));
    let plan = Temp::new("demo-plan3.json", &example("demo-plan.json"));
    let out = remediate(plan.path(), Some(snap.path()), "arm");
    let s = text(&out.stdout);
    assert!(!s.contains("Nothing is removed"), "{s}");
    assert!(s.contains("networkAcls and each diagnostic setting it contains are PUT whole"));
    assert!(s.contains("prefer the az script (remediate --format cli)"));
}

fn assess(plan: &str, snapshot: &str) -> Output {
    run(&[
        "assess",
        "--plan",
        plan,
        "--snapshot",
        snapshot,
        "--format",
        "json",
    ])
}

#[test]
fn fix_commands_quote_the_resource_group() {
    // `(` is legal in a resource group and special to bash.
    let plan = Temp::new(
        "paren-plan.json",
        &example("demo-plan.json").replace("rg-security-logs", "rg(1)"),
    );
    let snap = Temp::new(
        "paren-snap.json",
        &example("demo-snapshot.json").replace("rg-security-logs", "rg(1)"),
    );
    let out = assess(plan.path(), snap.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("--resource-group 'rg(1)'"), "{s}");
    assert!(!s.contains("--resource-group rg(1)"), "{s}");
}

#[test]
fn a_resource_group_outside_azure_rules_is_refused_when_the_plan_is_read() {
    for rg in ["rg$(id)", "rg;ls", "rg&&whoami", "rg.", "rg name"] {
        let plan = Temp::new(
            "badrg-plan.json",
            &read("ready-plan.json").replace("rg-security-logs", rg),
        );
        let out = run(&["collect-script", "--plan", plan.path()]);
        assert_eq!(out.status.code(), Some(2), "{rg}: {}", text(&out.stdout));
        let err = text(&out.stderr);
        assert!(
            err.contains("logStorageAccount") && err.contains("resource group"),
            "{rg}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_snapshot_account_whose_id_breaks_azure_rules_is_unreadable_not_pasted() {
    // The demo plan monitors "all" accounts: a listed account under a resource group named
    // `rg$(touch x)` is reported as response-unreadable, never put into a command.
    let snap = example("demo-snapshot.json")
        .replace("resourceGroups/rg-web/", "resourceGroups/rg$(touch x)/");
    let snap = Temp::new("badid-snap.json", &snap);
    let plan = Temp::new("badid-plan.json", &example("demo-plan.json"));
    let out = assess(plan.path(), snap.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut all = Vec::new();
    strings(&v, String::new(), &mut all);
    assert!(
        all.iter()
            .any(|(p, s)| p.ends_with(".code") && s == "response-unreadable"),
        "{v}"
    );
    for (p, s) in &all {
        if p.ends_with(".cli") || p.contains("commands") {
            assert!(!s.contains("touch x"), "{p}: {s}");
        }
    }
    let out = remediate(plan.path(), Some(snap.path()), "cli");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("touch x"));
}

/// The demo snapshot with the body of the first response whose URL contains `fragment`
/// replaced by `body`.
fn demo_with_body(fragment: &str, body: serde_json::Value) -> Temp {
    let mut v: serde_json::Value = serde_json::from_str(&example("demo-snapshot.json")).unwrap();
    let r = v["responses"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["url"].as_str().unwrap().contains(fragment))
        .unwrap();
    r["body"] = body;
    Temp::new(&format!("body-{}.json", fragment.len()), &v.to_string())
}

#[test]
fn a_list_without_its_value_is_unreadable_not_empty() {
    let plan = Temp::new("list-plan.json", &example("demo-plan.json"));
    for body in [
        serde_json::json!({}),
        serde_json::json!({"value": null}),
        serde_json::Value::Null,
    ] {
        for fragment in [
            "Microsoft.Storage/storageAccounts?",
            "Microsoft.ClassicStorage/storageAccounts?",
        ] {
            let snap = demo_with_body(fragment, body.clone());
            let out = assess(plan.path(), snap.path());
            assert_eq!(
                out.status.code(),
                Some(1),
                "{fragment} {body}: {}",
                text(&out.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["ready"], false);
            let mut all = Vec::new();
            strings(&v, String::new(), &mut all);
            assert!(
                all.iter()
                    .any(|(p, s)| p.ends_with(".code") && s == "response-unreadable"),
                "{fragment} {body}: {v}"
            );
        }
    }
}
