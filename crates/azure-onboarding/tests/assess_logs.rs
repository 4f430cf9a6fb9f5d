//! Logs arriving (issue 16): the ready tenant (`tests/fixtures/ready-*.json`, whose
//! snapshot holds the Blob-service answers B1 and B2) with one thing changed per case; each
//! case states its findings, and that none of them blocks readiness (the rule: only a
//! collection with the application's identity may, see the live crate's tests).

mod common;

use azure_onboarding::{
    assess, required_requests, FindingCode as C, ReadinessReport, RequestId, Status as S,
};
use common::*;
use serde_json::{json, Value};

const B1: &str = "?comp=list&prefix=insights-logs-";
const PROD_BLOB: &str = "CONTOSOPRODDATA/BLOBSERVICES/DEFAULT/y%3D2026/m%3D11/d%3D26/";

/// The findings that are not `pass`, sorted; and the report is still ready.
fn expect(w: &World, want: &[(C, S)]) -> ReadinessReport {
    let r = assess(&w.plan, &w.snapshot);
    let mut got: Vec<(&str, &str)> = r
        .findings()
        .filter(|f| f.status != S::Pass)
        .map(|f| (f.code.as_str(), f.status.as_str()))
        .collect();
    let mut want: Vec<(&str, &str)> = want.iter().map(|(c, s)| (c.as_str(), s.as_str())).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{:#?}", r.findings().collect::<Vec<_>>());
    for f in r.findings().filter(|f| f.status != S::Pass) {
        assert!(!f.required, "{f:?}");
        assert!(f.remediation.cli.starts_with("az "), "{f:?}");
        assert!(!f.remediation.portal.is_empty(), "{f:?}");
    }
    assert!(r.ready, "log findings never block readiness offline");
    r
}

fn xml(s: &str) -> Value {
    Value::String(format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{s}"))
}

fn containers(names: &[&str], marker: &str) -> Value {
    let c: String = names
        .iter()
        .map(|n| format!("<Container><Name>{n}</Name><Properties/></Container>"))
        .collect();
    xml(&format!("<EnumerationResults ServiceEndpoint=\"https://contosoworkbenchlogs.blob.core.windows.net/\"><Prefix>insights-logs-</Prefix><Containers>{c}</Containers><NextMarker>{marker}</NextMarker></EnumerationResults>"))
}

fn no_blobs() -> Value {
    xml("<EnumerationResults><Blobs /><NextMarker /></EnumerationResults>")
}

fn error(code: &str) -> Value {
    xml(&format!(
        "<Error><Code>{code}</Code><Message>This request is not authorized to perform this operation.</Message></Error>"
    ))
}

fn message(r: &ReadinessReport, code: C) -> String {
    r.findings()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code}"))
        .message
        .clone()
}

#[test]
fn logs_arriving_names_the_newest_log() {
    let w = World::ready();
    let r = expect(&w, &[]);
    let f = r.findings().find(|f| f.code == C::LogsArriving).unwrap();
    assert_eq!(f.status, S::Pass);
    assert!(f.message.contains("2026-11-26T11:58:00Z"), "{}", f.message);
    assert!(f
        .resource
        .ends_with("/storageAccounts/contosoworkbenchlogs"));
    // Every Blob request the assessment reads is in the fixture, and nothing else.
    let needed = required_requests(&w.plan, &w.snapshot);
    assert!(needed.iter().any(|s| s.id == RequestId::B1));
    assert_eq!(needed.iter().filter(|s| s.id == RequestId::B2).count(), 13);
}

#[test]
fn an_idle_service_warns_with_a_read_to_try() {
    let mut w = World::ready();
    w.set(PROD_BLOB, 200, no_blobs());
    // The day before is asked for when the collection's day has nothing yet.
    let r = expect(&w, &[(C::NotCollected, S::Unknown)]);
    let f = r.findings().find(|f| f.code == C::NotCollected).unwrap();
    assert!(f.request.as_deref().unwrap().contains("d%3D25/"), "{f:?}");
    let yesterday = f.request.clone().unwrap();
    w.push(&yesterday, 200, no_blobs());
    let r = expect(&w, &[(C::LogsIdle, S::Warn)]);
    let f = r.findings().find(|f| f.code == C::LogsIdle).unwrap();
    assert!(f.resource.ends_with("contosoproddata/blobServices/default"));
    assert!(
        f.message.contains("Blob service of contosoproddata"),
        "{}",
        f.message
    );
    assert!(f.message.contains("none in the last two days"));
    assert_eq!(
        f.remediation.cli,
        "az storage container list --account-name contosoproddata --auth-mode login"
    );
    // A log of yesterday but older than 24 hours is idle too, and says when it was.
    let old = xml("<EnumerationResults><Blobs><Blob><Name>resourceId=/X/y=2026/m=11/d=25/h=03/m=00/PT1H.json</Name><Properties><Last-Modified>Wed, 25 Nov 2026 03:58:00 GMT</Last-Modified></Properties></Blob></Blobs><NextMarker /></EnumerationResults>");
    w.set("d%3D25/", 200, old);
    let r = expect(&w, &[(C::LogsIdle, S::Warn)]);
    assert!(message(&r, C::LogsIdle).contains("2026-11-25T03:58:00Z"));
    // And one within 24 hours (yesterday evening) counts as arriving.
    let recent = xml("<EnumerationResults><Blobs><Blob><Name>resourceId=/X/y=2026/m=11/d=25/h=22/m=00/PT1H.json</Name></Blob></Blobs><NextMarker /></EnumerationResults>");
    w.set("d%3D25/", 200, recent);
    expect(&w, &[]);
}

#[test]
fn no_container_a_day_after_the_settings_fails_and_before_warns() {
    let mut w = World::ready();
    w.set(B1, 200, containers(&[], ""));
    // The settings do not say when they were created: it may only be early.
    let r = expect(&w, &[(C::LogsIdle, S::Warn)]);
    assert!(message(&r, C::LogsIdle).contains("do not say when"));
    assert!(!r.has(C::LogsArriving));
    // Created two days before the collection: nothing has ever arrived.
    let settings: Vec<String> = w
        .snapshot
        .responses
        .iter()
        .filter(|r| r.url.contains("diagnosticSettings"))
        .map(|r| r.url.clone())
        .collect();
    for u in &settings {
        if let Some(v) = w.body(u)["value"].as_array_mut() {
            for s in v {
                s["systemData"] = json!({"createdAt": "2026-11-24T08:00:00.1234567Z"});
            }
        }
    }
    let r = expect(&w, &[(C::LogsNotArriving, S::Fail)]);
    let f = r.findings().find(|f| f.code == C::LogsNotArriving).unwrap();
    assert!(f.message.contains("2026-11-24T08:00:00Z"), "{}", f.message);
    assert!(f.remediation.portal.contains("Storage browser"));
    assert!(f
        .remediation
        .cli
        .starts_with("az storage container list --account-name contosoworkbenchlogs"));
    // One setting created an hour ago: early, a warning.
    let first = &settings[0];
    w.body(first)["value"][0]["systemData"]["createdAt"] = json!("2026-11-26T11:00:00Z");
    let r = expect(&w, &[(C::LogsIdle, S::Warn)]);
    assert!(message(&r, C::LogsIdle).contains("less than a day ago"));
}

#[test]
fn refused_reads_name_the_role_or_the_firewall() {
    let mut w = World::ready();
    w.set(B1, 403, error("AuthorizationPermissionMismatch"));
    let r = expect(&w, &[(C::LogReadNotPermitted, S::Unknown)]);
    let f = r
        .findings()
        .find(|f| f.code == C::LogReadNotPermitted)
        .unwrap();
    assert!(f.message.contains("403 AuthorizationPermissionMismatch"));
    assert!(
        f.remediation
            .cli
            .contains("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
        "{}",
        f.remediation.cli
    );
    assert!(f.request.as_deref().unwrap().contains(B1));
    w.set(B1, 403, error("AuthorizationFailure"));
    let r = expect(&w, &[(C::LogReadBlockedByFirewall, S::Unknown)]);
    let f = r
        .findings()
        .find(|f| f.code == C::LogReadBlockedByFirewall)
        .unwrap();
    assert!(
        f.remediation
            .cli
            .starts_with("az storage account network-rule add --account-name contosoworkbenchlogs"),
        "{}",
        f.remediation.cli
    );
    // A 403 of a blob list (B2) is reported on that service.
    let mut w = World::ready();
    w.set(PROD_BLOB, 403, error("AuthorizationPermissionMismatch"));
    let r = expect(&w, &[(C::LogReadNotPermitted, S::Unknown)]);
    let f = r
        .findings()
        .find(|f| f.code == C::LogReadNotPermitted)
        .unwrap();
    assert!(f.resource.ends_with("contosoproddata/blobServices/default"));
    // Another 403 (no Blob error code) is the generic unknown.
    w.set(PROD_BLOB, 403, Value::Null);
    expect(&w, &[(C::NotAuthorizedToRead, S::Unknown)]);
}

#[test]
fn not_collected_or_unreadable_is_unknown_and_not_required() {
    // An older snapshot, or one collected in the browser: no Blob answers at all.
    let mut w = World::ready();
    w.snapshot
        .responses
        .retain(|r| !r.url.contains(".blob.core.windows.net"));
    let r = expect(&w, &[(C::NotCollected, S::Unknown)]);
    assert_eq!(r.summary.fail, 0);
    // A body that declares entities is refused, never expanded.
    let mut w = World::ready();
    w.set(
        B1,
        200,
        xml("<!DOCTYPE x [<!ENTITY a \"b\">]><EnumerationResults/>"),
    );
    let r = expect(&w, &[(C::ResponseUnreadable, S::Unknown)]);
    assert!(message(&r, C::ResponseUnreadable).contains("<!DOCTYPE"));
    // JSON where XML is due.
    w.set(B1, 200, json!({"value": []}));
    expect(&w, &[(C::ResponseUnreadable, S::Unknown)]);
    // 500 of the Blob service.
    w.set(B1, 500, Value::Null);
    expect(&w, &[(C::RequestFailed, S::Unknown)]);
}

#[test]
fn container_lists_are_followed_through_next_marker() {
    let mut w = World::ready();
    let url = w.response(B1).url.clone();
    w.set(B1, 200, containers(&[], "2!72!bWFya2Vy"));
    // The second page is missing: unknown, naming the page.
    let r = expect(&w, &[(C::NotCollected, S::Unknown)]);
    let f = r.findings().find(|f| f.code == C::NotCollected).unwrap();
    assert!(
        f.request
            .as_deref()
            .unwrap()
            .ends_with("&marker=2%2172%21bWFya2Vy"),
        "{f:?}"
    );
    assert!(f.message.contains("later page"));
    w.push(
        &format!("{url}&marker=2%2172%21bWFya2Vy"),
        200,
        containers(&["insights-logs-storageread"], ""),
    );
    let r = expect(&w, &[]);
    assert!(r.has(C::LogsArriving));
}

#[test]
fn nothing_sent_to_the_log_account_reads_no_blob() {
    let mut w = World::ready();
    let settings: Vec<String> = w
        .snapshot
        .responses
        .iter()
        .filter(|r| r.url.contains("diagnosticSettings"))
        .map(|r| r.url.clone())
        .collect();
    for u in &settings {
        w.set(u, 200, json!({"value": []}));
    }
    let r = assess(&w.plan, &w.snapshot);
    assert!(r.has(C::DiagnosticSettingMissing));
    assert!(!r
        .findings()
        .any(|f| f.code == C::LogsArriving || f.code == C::LogsIdle));
    assert!(!required_requests(&w.plan, &w.snapshot)
        .iter()
        .any(|s| matches!(s.id, RequestId::B1 | RequestId::B2)));
}
