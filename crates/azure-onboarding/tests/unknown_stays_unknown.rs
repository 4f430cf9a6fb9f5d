//! "Unknown is not pass" as a property (issue 12 §4): removing or nulling any field of any
//! response body of a not-ready snapshot never makes the report ready, and never turns a step
//! or resource that failed (or could not be checked) into a pass.
//!
//! Every field is tried (an exhaustive walk of the bodies, not a random sample), on the demo
//! snapshot and on the ready fixture with one diagnostic setting removed, each mutated both by removing the field and by setting it to
//! `null`; and with `proptest`, on pairs of such mutations at once.

mod common;

use azure_onboarding::{assess, OnboardingPlan, ReadinessReport, Snapshot, Status};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn examples(n: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(n),
    )
    .unwrap()
}

/// (plan, snapshot JSON) pairs whose report is not ready.
fn cases() -> Vec<(&'static str, OnboardingPlan, Value)> {
    let demo_plan = OnboardingPlan::from_json(&examples("demo-plan.json")).unwrap();
    let demo: Value = serde_json::from_str(&examples("demo-snapshot.json")).unwrap();
    let ready_plan = OnboardingPlan::from_json(&common::fixture("ready-plan.json")).unwrap();
    let mut ready: Value = serde_json::from_str(&common::fixture("ready-snapshot.json")).unwrap();
    // One service without its diagnostic setting: a fail.
    let r = ready["responses"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["url"].as_str().unwrap().contains("diagnosticSettings"))
        .unwrap();
    r["body"] = serde_json::json!({"value": []});
    vec![
        ("demo", demo_plan, demo),
        ("ready but one diagnostic setting", ready_plan, ready),
    ]
}

/// JSON pointers of every field (object member) under `responses[i].body`.
fn fields(snapshot: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                    out.push(p.clone());
                    walk(x, p, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (i, r) in snapshot["responses"].as_array().unwrap().iter().enumerate() {
        let at = format!("/responses/{i}/body");
        out.push(at.clone());
        walk(&r["body"], at, &mut out);
    }
    out
}

#[derive(Clone, Copy, Debug)]
enum Mutation {
    Remove,
    Null,
}

fn mutate(v: &mut Value, pointer: &str, m: Mutation) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    let Some(p) = v.pointer_mut(parent) else {
        return;
    };
    match (p, m) {
        (Value::Object(o), Mutation::Remove) => {
            o.remove(&key);
        }
        (Value::Object(o), _) => {
            if let Some(x) = o.get_mut(&key) {
                *x = Value::Null;
            }
        }
        _ => {}
    }
}

fn report(plan: &OnboardingPlan, snap: &Value) -> Option<ReadinessReport> {
    // A mutation may make the snapshot itself unreadable: refused as a whole, never ready.
    let s = Snapshot::from_json(&snap.to_string()).ok()?;
    Some(assess(plan, &s))
}

fn not_passing(s: Status) -> bool {
    matches!(s, Status::Fail | Status::Unknown)
}

/// The violations of the property between the original report and a mutated one.
fn violations(before: &ReadinessReport, after: &ReadinessReport) -> Vec<String> {
    let mut v = Vec::new();
    if !before.ready && after.ready {
        v.push("became ready".to_owned());
    }
    let steps: HashMap<&str, Status> = after
        .steps
        .iter()
        .map(|s| (s.id.as_str(), s.status))
        .collect();
    for s in &before.steps {
        if not_passing(s.status) && steps.get(s.id.as_str()) == Some(&Status::Pass) {
            v.push(format!("step {} went {:?} -> pass", s.id, s.status));
        }
    }
    let res: HashMap<String, Status> = after
        .resources
        .iter()
        .map(|r| (r.id.to_lowercase(), r.status))
        .collect();
    for r in &before.resources {
        if not_passing(r.status) && res.get(&r.id.to_lowercase()) == Some(&Status::Pass) {
            v.push(format!("resource {} went {:?} -> pass", r.id, r.status));
        }
    }
    v
}

#[test]
fn removing_or_nulling_any_field_never_makes_a_report_more_ready() {
    let mut bad = Vec::new();
    let mut tried = 0;
    for (name, plan, snap) in cases() {
        let before = report(&plan, &snap).unwrap();
        assert!(!before.ready, "{name}: the base case must not be ready");
        for f in fields(&snap) {
            for m in [Mutation::Remove, Mutation::Null] {
                let mut s = snap.clone();
                mutate(&mut s, &f, m);
                tried += 1;
                if let Some(after) = report(&plan, &s) {
                    for x in violations(&before, &after) {
                        bad.push(format!("{name}: {m:?} {f}: {x}"));
                    }
                }
            }
        }
    }
    assert!(tried > 500, "only {tried} mutations");
    assert!(
        bad.is_empty(),
        "{} violations:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn two_mutations_at_once_never_make_a_report_more_ready(a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), ma in any::<bool>(), mb in any::<bool>(), which in any::<bool>()) {
        let cases = cases();
        let (name, plan, snap) = &cases[usize::from(which)];
        let before = report(plan, snap).unwrap();
        let f = fields(snap);
        let m = |x: bool| if x { Mutation::Remove } else { Mutation::Null };
        let mut s = snap.clone();
        mutate(&mut s, &f[a.index(f.len())], m(ma));
        mutate(&mut s, &f[b.index(f.len())], m(mb));
        if let Some(after) = report(plan, &s) {
            let v = violations(&before, &after);
            prop_assert!(v.is_empty(), "{name}: {v:?}");
        }
    }
}
