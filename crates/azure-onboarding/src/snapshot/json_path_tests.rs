//! `json_path`'s paths and messages are held equal to `serde_path_to_error`'s (the reference this
//! module replaced) on valid inputs with one random change each.

use crate::json_path::{from_value, read, Read};
use crate::snapshot::readers::{
    AppRoleAssignment, DiagnosticSetting, DirectoryRoleAssignment, GraphObject, Page, Pricing,
    RoleAssignment, StorageAccount, Subscription,
};
use crate::{OnboardingPlan, Snapshot, WorkbenchConfig};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::json;
use serde_json::Value;

const PLAN: &str = include_str!("../../tests/fixtures/ready-plan.json");
const SNAPSHOT: &str = include_str!("../../tests/fixtures/ready-snapshot.json");

/// `Ok(())` or the path and message, by this module.
fn ours<T: DeserializeOwned>(v: &Value) -> Result<(), (String, String)> {
    from_value::<T>(v)
        .map(drop)
        .map_err(|e| (e.path, e.error.to_string()))
}

/// Exactly the reference, for a type read with `Read` (no serde): the same
/// value (by its `Debug` form) or the same path and message.
fn identical<T: Read + DeserializeOwned + std::fmt::Debug>(v: &Value) -> Result<(), TestCaseError> {
    let ours = read::<T>(v).map_err(|e| (e.path, e.error.to_string()));
    let theirs = serde_path_to_error::deserialize::<_, T>(v)
        .map_err(|e| (e.path().to_string(), e.inner().to_string()));
    prop_assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{}", v);
    Ok(())
}

/// The same, by `serde_path_to_error` over serde_json's own value deserializer.
fn reference<T: DeserializeOwned>(v: &Value) -> Result<(), (String, String)> {
    serde_path_to_error::deserialize::<_, T>(v)
        .map(drop)
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

fn same<T: DeserializeOwned>(v: &Value) -> Result<(), TestCaseError> {
    let (a, b) = (ours::<T>(v), reference::<T>(v));
    // The one intended difference: serde_json reads a struct from an array by position,
    // `json_path` refuses it. Then the value at the reported path must be an array.
    if let Err((path, message)) = &a {
        if message.starts_with("invalid type: sequence, expected struct") {
            prop_assert!(at(v, path).is_some_and(Value::is_array), "{path} in {v}");
            return Ok(());
        }
    }
    prop_assert_eq!(&a, &b, "{}", v);
    Ok(())
}

/// [`same`] for a type the wasm package reads with `Read` (no serde): the same value (by its
/// `Debug` form), or the same path and message, as the serde reference.
/// (The struct-from-array difference is [`same`]'s.)
fn same_read<T: Read + DeserializeOwned + std::fmt::Debug>(v: &Value) -> Result<(), TestCaseError> {
    if let Err(e) = read::<T>(v) {
        if e.error
            .to_string()
            .starts_with("invalid type: sequence, expected struct")
        {
            prop_assert!(
                at(v, &e.path).is_some_and(Value::is_array),
                "{} in {v}",
                e.path
            );
            return Ok(());
        }
    }
    identical::<T>(v)
}

/// The value at a path in `serde_path_to_error`'s notation (`a.b[2].c`, `.`), if there is one.
fn at<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    if path == "." {
        return Some(v);
    }
    let mut v = v;
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            v = v.get(key)?;
        }
        while let Some((index, after)) = rest.split_once(']') {
            v = v.get(index.parse::<usize>().ok()?)?;
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Some(v)
}

/// Every value in `v`, depth first (the root first).
fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// Calls `f` on the `n`-th value of `v` (depth first, the root is 0); false past the end.
fn visit_nth(v: &mut Value, n: &mut usize, f: &mut dyn FnMut(&mut Value)) -> bool {
    if *n == 0 {
        f(v);
        return true;
    }
    *n -= 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|x| visit_nth(x, n, f)),
        Value::Object(o) => o.values_mut().any(|x| visit_nth(x, n, f)),
        _ => false,
    }
}

/// Changes the `at`-th value of `v`: replaced by `with`, or (`drop_key`) an object loses
/// its first member (or gains an unknown one when it has none).
fn mutate(v: &mut Value, at: usize, with: Value, drop_key: bool) {
    let mut n = at % count(v);
    let mut with = Some(with);
    visit_nth(v, &mut n, &mut |target| match target {
        Value::Object(o) if drop_key => {
            if let Some(k) = o.keys().next().cloned() {
                o.remove(&k);
            } else {
                o.insert("unexpectedKey".into(), with.take().unwrap_or_default());
            }
        }
        _ => *target = with.take().unwrap_or_default(),
    });
}

fn junk() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(true)),
        Just(json!(7)),
        Just(json!(-7)),
        Just(json!(2.5)),
        Just(json!(1e21)),
        Just(json!(-1.5e-7)),
        Just(json!("")),
        Just(json!("customApp")),
        Just(json!("00000000-0000-0000-0000-000000000000")),
        Just(json!([])),
        Just(json!([1, "x"])),
        Just(json!({})),
        Just(json!({"value": []})),
        Just(json!({"enterpriseApp": 1})),
        Just(json!({"customApp": null})),
        Just(json!({"customApp": null, "x": 1})),
        Just(json!(70000)),
        Just(json!("all")),
        Just(json!("analyst@provider.example")),
    ]
}

fn readers(v: &Value) -> Result<(), TestCaseError> {
    identical::<Subscription>(v)?;
    identical::<Page<RoleAssignment>>(v)?;
    identical::<Page<StorageAccount>>(v)?;
    identical::<Page<DiagnosticSetting>>(v)?;
    identical::<Page<Pricing>>(v)?;
    identical::<Page<GraphObject>>(v)?;
    identical::<Page<AppRoleAssignment>>(v)?;
    identical::<Page<DirectoryRoleAssignment>>(v)?;
    identical::<Vec<StorageAccount>>(v)
}

#[test]
fn the_fixtures_read_the_same() {
    let plan: Value = serde_json::from_str(PLAN).unwrap();
    let snapshot: Value = serde_json::from_str(SNAPSHOT).unwrap();
    assert!(ours::<OnboardingPlan>(&plan).is_ok());
    assert!(ours::<Snapshot>(&snapshot).is_ok());
    same_read::<OnboardingPlan>(&plan).unwrap();
    same_read::<Snapshot>(&snapshot).unwrap();
    assert!(read::<OnboardingPlan>(&plan).is_ok());
    assert!(read::<Snapshot>(&snapshot).is_ok());
    for r in snapshot["responses"].as_array().unwrap() {
        readers(&r["body"]).unwrap();
    }
}

#[test]
fn paths_in_known_places() {
    let mut plan: Value = serde_json::from_str(PLAN).unwrap();
    plan["subscriptions"][1] = json!("not-a-guid");
    let e = from_value::<OnboardingPlan>(&plan).unwrap_err();
    assert_eq!(e.path, "subscriptions[1]");
    let e = read::<Page<GraphObject>>(
        &json!({"value": [{"passwordCredentials": [{"endDateTime": 5}]}]}),
    )
    .unwrap_err();
    assert_eq!(e.path, "value[0].passwordCredentials[0].endDateTime");
    assert_eq!(
        e.error.to_string(),
        "invalid type: integer `5`, expected a string"
    );
    assert_eq!(
        from_value::<OnboardingPlan>(&json!(5)).unwrap_err().path,
        "."
    );
    let mut plan: Value = serde_json::from_str(PLAN).unwrap();
    plan["guestUser"] = json!(["analyst@provider.example"]);
    let e = from_value::<OnboardingPlan>(&plan).unwrap_err();
    assert_eq!(e.path, "guestUser");
    assert_eq!(
        e.error.to_string(),
        "invalid type: sequence, expected struct GuestUser"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn plans_fail_at_the_same_path(at in 0usize..10_000, with in junk(), drop_key: bool) {
        let mut plan: Value = serde_json::from_str(PLAN).unwrap();
        mutate(&mut plan, at, with, drop_key);
        same::<OnboardingPlan>(&plan)?;
        same_read::<OnboardingPlan>(&plan)?;
        same::<WorkbenchConfig>(&plan)?;
    }

    #[test]
    fn snapshots_fail_at_the_same_path(at in 0usize..100_000, with in junk(), drop_key: bool) {
        let mut snapshot: Value = serde_json::from_str(SNAPSHOT).unwrap();
        mutate(&mut snapshot, at, with, drop_key);
        same::<Snapshot>(&snapshot)?;
        same_read::<Snapshot>(&snapshot)?;
    }

    #[test]
    fn responses_fail_at_the_same_path(
        response in 0usize..1_000,
        at in 0usize..10_000,
        with in junk(),
        drop_key: bool,
    ) {
        let snapshot: Value = serde_json::from_str(SNAPSHOT).unwrap();
        let responses = snapshot["responses"].as_array().unwrap();
        let mut body = responses[response % responses.len()]["body"].clone();
        mutate(&mut body, at, with, drop_key);
        readers(&body)?;
    }
}
