//! Shared by the integration tests: the ready tenant of `tests/fixtures/ready-*.json` (the
//! demo with every problem fixed) and ways to change one response of it.
#![allow(dead_code)]

pub mod golden;

use azure_onboarding::{OnboardingPlan, Snapshot, SnapshotResponse};
use serde_json::Value;
use std::path::PathBuf;

/// Subscription A (holds the log account), B, the app's service principal and the guest.
pub const SUB_A: &str = "3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718";
pub const SUB_B: &str = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d";
pub const SP: &str = "5b7e3c1a-9d8f-4e2b-a6c7-3f1e0d9c8b7a";
pub const GUEST: &str = "c81f5e2d-6a4b-4c3d-9e8f-7a6b5c4d3e2f";
pub const TENANT: &str = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";

pub fn fixture(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A real Azure example body: the spec examples' `responses.200.body`, or the file itself.
pub fn example(path: &str) -> Value {
    let v: Value = serde_json::from_str(&fixture(&format!("azure-examples/{path}"))).unwrap();
    match v.pointer("/responses/200/body") {
        Some(b) => b.clone(),
        None => v,
    }
}

pub fn log_account() -> String {
    format!("/subscriptions/{SUB_A}/resourceGroups/rg-security-logs/providers/Microsoft.Storage/storageAccounts/contosoworkbenchlogs")
}

pub fn account(sub: &str, rg: &str, name: &str) -> String {
    format!("/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name}")
}

#[derive(Debug, Clone)]
pub struct World {
    pub plan: OnboardingPlan,
    pub snapshot: Snapshot,
}

impl World {
    pub fn ready() -> World {
        World {
            plan: OnboardingPlan::from_json(&fixture("ready-plan.json")).unwrap(),
            snapshot: Snapshot::from_json(&fixture("ready-snapshot.json")).unwrap(),
        }
    }

    /// The one response whose URL contains `fragment` (case-sensitive).
    pub fn response(&mut self, fragment: &str) -> &mut SnapshotResponse {
        let mut hits = self
            .snapshot
            .responses
            .iter_mut()
            .filter(|r| r.url.contains(fragment));
        let r = hits
            .next()
            .unwrap_or_else(|| panic!("no response for {fragment}"));
        assert!(hits.next().is_none(), "several responses for {fragment}");
        r
    }

    pub fn body(&mut self, fragment: &str) -> &mut Value {
        &mut self.response(fragment).body
    }

    pub fn set(&mut self, fragment: &str, status: u16, body: Value) {
        let r = self.response(fragment);
        r.status = status;
        r.body = body;
    }

    pub fn remove(&mut self, fragment: &str) {
        let n = self.snapshot.responses.len();
        self.snapshot
            .responses
            .retain(|r| !r.url.contains(fragment));
        assert_eq!(self.snapshot.responses.len(), n - 1, "{fragment}");
    }

    /// Removes the list entries of a response's `value` for which `drop` is true.
    pub fn drop_values(&mut self, fragment: &str, drop: impl Fn(&Value) -> bool) {
        let v = self.body(fragment)["value"].as_array_mut().unwrap();
        let n = v.len();
        v.retain(|x| !drop(x));
        assert!(v.len() < n, "nothing dropped from {fragment}");
    }

    pub fn push(&mut self, url: &str, status: u16, body: Value) {
        self.snapshot
            .responses
            .push(SnapshotResponse::get(url, status, body));
    }
}

/// URL fragments of the ready tenant's responses.
pub fn roles_of(sub: &str) -> String {
    format!("/subscriptions/{sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01")
}
pub fn accounts_of(sub: &str) -> String {
    format!("/subscriptions/{sub}/providers/Microsoft.Storage/storageAccounts?")
}
pub fn pricings_of(sub: &str) -> String {
    format!("/subscriptions/{sub}/providers/Microsoft.Security/pricings?")
}
pub fn classic_of(sub: &str) -> String {
    format!("/subscriptions/{sub}/providers/Microsoft.ClassicStorage/")
}
pub fn subscription(sub: &str) -> String {
    format!("/subscriptions/{sub}?")
}
pub fn diag(account_name: &str, service: &str) -> String {
    format!(
        "/{account_name}/{service}Services/default/providers/Microsoft.Insights/diagnosticSettings"
    )
}
pub const G1: &str = "/servicePrincipals?";
pub const G2: &str = "/appRoleAssignments";
pub const G3: &str = "/users?";
pub const G4: &str = "/roleManagement/";
pub const G5: &str = "/applications?";
