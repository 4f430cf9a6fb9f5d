//! Property tests over odd but possibly legal names (issue 12 §5): arbitrary Unicode resource
//! groups and account names through `remediate` and both renderers never panic; a name Azure
//! allows yields valid deployment names and scripts that `bash -n` and shellcheck accept; a name
//! Azure does not allow is refused when the plan is read.

use azure_onboarding::{remediate, render_arm, render_az_script, OnboardingPlan, Snapshot};
use proptest::prelude::*;
use std::process::Command;

fn plan_json(rg: &str, account: &str, monitored_rg: &str) -> String {
    serde_json::json!({
        "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b",
        "accessOption": "customApp",
        "applicationId": "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
        "guestUser": { "mail": "analyst+soc@provider.example" },
        "subscriptions": ["3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718"],
        "logStorageAccount": format!("/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{account}"),
        "monitoredStorageAccounts": [format!("/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/{monitored_rg}/providers/Microsoft.Storage/storageAccounts/data01")]
    })
    .to_string()
}

/// Azure's resource group rule (the one the plan enforces).
fn azure_rg_ok(rg: &str) -> bool {
    (1..=90).contains(&rg.chars().count())
        && !rg.ends_with('.')
        && rg
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.()".contains(c))
}

fn deployment_name_ok(n: &str) -> bool {
    (1..=64).contains(&n.len())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.()".contains(c))
}

fn have_shellcheck() -> bool {
    Command::new("shellcheck").arg("--version").output().is_ok()
}

fn check_script(script: &str, tag: &str) {
    let path = std::env::temp_dir().join(format!("hostile-{}-{tag}.sh", std::process::id()));
    std::fs::write(&path, script).unwrap();
    let out = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "bash -n: {}\n{script}",
        String::from_utf8_lossy(&out.stderr)
    );
    if have_shellcheck() {
        let out = Command::new("shellcheck")
            .arg("--severity=style")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "shellcheck:\n{}\n{script}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let _ = std::fs::remove_file(&path);
}

/// Legal resource group names: Unicode letters and digits and `_ - . ( )`, some long.
fn legal_rg() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\p{L}\\p{N}_().-]{0,89}[\\p{L}\\p{N}_()-]",
        Just("é".repeat(40)),
        Just("日本".repeat(45)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn legal_unicode_resource_groups_render_valid_templates_and_scripts(rg in legal_rg(), other in legal_rg()) {
        prop_assume!(azure_rg_ok(&rg) && azure_rg_ok(&other));
        let plan = OnboardingPlan::from_json(&plan_json(&rg, "contosologs", &other)).expect("legal names are accepted");
        let r = remediate(&plan, None);
        for t in render_arm(&r) {
            let text = t.template.to_string();
            prop_assert!(!text.contains("[listKeys"));
            for res in t.template["resources"].as_array().unwrap() {
                if res["type"] == "Microsoft.Resources/deployments" {
                    let n = res["name"].as_str().unwrap();
                    prop_assert!(deployment_name_ok(n), "{n}");
                }
            }
        }
        check_script(&render_az_script(&r), "legal");
    }

    #[test]
    fn arbitrary_names_never_panic_and_illegal_ones_are_refused(rg in "\\PC{0,100}", account in "\\PC{0,30}") {
        let json = plan_json(&rg, &account, "rg");
        match OnboardingPlan::from_json(&json) {
            Ok(plan) => {
                prop_assert!(azure_rg_ok(&rg), "accepted an illegal resource group {rg:?}");
                let r = remediate(&plan, Some(&Snapshot::new("2026-01-01T00:00:00Z")));
                let _ = render_arm(&r);
                let _ = render_az_script(&r);
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.contains("logStorageAccount") || msg.contains("monitoredStorageAccounts"), "{msg}");
            }
        }
    }
}
