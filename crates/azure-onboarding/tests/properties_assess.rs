//! Property tests: arbitrary mutations of a snapshot (and of its text) never make loading
//! or assessment panic, and `ready` always agrees with the findings.

mod common;

use azure_onboarding::{assess, required_requests, OnboardingPlan, Snapshot, Status};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn base() -> &'static (OnboardingPlan, Value, String) {
    static B: OnceLock<(OnboardingPlan, Value, String)> = OnceLock::new();
    B.get_or_init(|| {
        let text = common::fixture("ready-snapshot.json");
        (
            OnboardingPlan::from_json(&common::fixture("ready-plan.json")).unwrap(),
            serde_json::from_str(&text).unwrap(),
            text,
        )
    })
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        Just(json!(
            "https://management.azure.com/subscriptions/%ZZ?$filter=%27"
        )),
        Just(json!("Deny")),
        Just(json!("2026-11-26T12:00:00Z")),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"value": [{"id": 1}]})),
        Just(json!({"nextLink": "https://management.azure.com/"})),
    ]
}

/// Replaces the value at a path chosen by `picks` (indices into objects and arrays).
fn mutate(v: &mut Value, picks: &[usize], new: Value) {
    let Some((&p, rest)) = picks.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            let k = m.keys().nth(p % m.len()).unwrap().clone();
            mutate(m.get_mut(&k).unwrap(), rest, new)
        }
        Value::Array(a) if !a.is_empty() => {
            let n = a.len();
            mutate(&mut a[p % n], rest, new)
        }
        _ => *v = new,
    }
}

fn check(plan: &OnboardingPlan, text: &str) {
    if let Ok(s) = Snapshot::from_json(text) {
        let r = assess(plan, &s);
        let blocking = r
            .findings()
            .any(|f| f.required && matches!(f.status, Status::Fail | Status::Unknown));
        assert_eq!(r.ready, !blocking);
        let _ = required_requests(plan, &s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_values_never_panic(
        muts in proptest::collection::vec((proptest::collection::vec(any::<usize>(), 0..8), leaf()), 1..6)
    ) {
        let (plan, value, _) = base();
        let mut v = value.clone();
        for (picks, new) in muts {
            mutate(&mut v["responses"], &picks, new);
        }
        check(plan, &v.to_string());
    }

    /// `collectedAt` is the "now" of expiry checks: any valid timestamp (before 1970, year 0,
    /// year 9999, odd offsets), with the responses mutated too, never overflows.
    #[test]
    fn mutated_collected_at_never_panics(
        year in 0u32..=9999,
        rest in prop_oneof![
            Just("-01-01T00:00:00Z"),
            Just("-06-01T00:00:00Z"),
            Just("-12-31T23:59:59.999+23:59"),
            Just("-02-29T12:00:00-23:59"),
        ],
        creds in prop_oneof![
            Just(json!([{"endDateTime": null}])),
            Just(json!([{}])),
            Just(json!([{"endDateTime": "0000-01-01T00:00:00Z"}])),
            Just(json!([{"endDateTime": "9999-12-31T23:59:59Z"}, {"endDateTime": "x"}])),
            Just(json!([{"endDateTime": "1969-06-01T00:00:00Z"}])),
        ],
        muts in proptest::collection::vec((proptest::collection::vec(any::<usize>(), 0..8), leaf()), 0..3)
    ) {
        let (plan, value, _) = base();
        let mut v = value.clone();
        v["collectedAt"] = json!(format!("{year:04}{rest}"));
        for r in v["responses"].as_array_mut().unwrap() {
            if r["url"].as_str().is_some_and(|u| u.contains("/applications?")) {
                r["body"]["value"][0]["passwordCredentials"] = creds.clone();
            }
        }
        for (picks, new) in muts {
            mutate(&mut v["responses"], &picks, new);
        }
        check(plan, &v.to_string());
    }

    #[test]
    fn mutated_text_never_panics(cut in any::<usize>(), insert in ".{0,8}", at in any::<usize>()) {
        let (plan, _, text) = base();
        let mut t: String = text.clone();
        let mut at = at % t.len();
        while !t.is_char_boundary(at) { at -= 1; }
        t.insert_str(at, &insert);
        // The cut is at least half the text, moved back to a char boundary.
        let mut cut = (cut % (t.len() + 1)).max(t.len() / 2);
        while !t.is_char_boundary(cut) { cut -= 1; }
        check(plan, &t[..cut]);
        check(plan, &t);
    }
}
