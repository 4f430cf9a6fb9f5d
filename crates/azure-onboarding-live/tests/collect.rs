//! The collector against the fake of Azure on 127.0.0.1: round trip, faults, tokens,
//! consent, redaction and the host allowlist.

mod common;

use azure_onboarding::{assess, FindingCode, Snapshot, SnapshotResponse, Status};
use azure_onboarding_live::testing::{FakeAzure, FakeConfig, Fault, FaultAction};
use azure_onboarding_live::{
    apply_live_findings, AccessToken, Cloud, CollectError, Collector, Credentials, TokenErrorKind,
};
use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

fn fault(url_contains: &str, action: FaultAction, times: Option<u32>) -> Fault {
    Fault {
        url_contains: url_contains.into(),
        action,
        times,
    }
}

/// A fault that answers with `status` (and `Retry-After` seconds, if any).
fn status_fault(status: u16, retry_after: Option<u64>) -> FaultAction {
    FaultAction::Status {
        status,
        retry_after,
    }
}

/// Collects the demo plan from `fake`, signing in with the canary secret, stamped with the
/// demo snapshot's `collectedAt` so that reports compare.
async fn collect_demo(
    fake: &FakeAzure,
    plan: &azure_onboarding::OnboardingPlan,
    demo: &Snapshot,
    options: azure_onboarding_live::CollectOptions,
) -> azure_onboarding_live::Collected {
    collect_from(
        fake,
        plan,
        &secret_credentials(plan),
        options,
        &demo.collected_at,
    )
    .await
}

fn entries<'s>(s: &'s Snapshot, contains: &str) -> Vec<&'s SnapshotResponse> {
    s.responses
        .iter()
        .filter(|r| r.url.contains(contains))
        .collect()
}

#[tokio::test]
async fn collecting_a_replayed_snapshot_assesses_identically() {
    let (plan, demo) = demo();
    let fake = FakeAzure::start(fake_config(&plan, &demo)).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    assert!(c.token_errors.is_empty(), "{:?}", c.token_errors);
    assert!(c.consent.is_empty());
    assert!(c.notes.is_empty(), "{:?}", c.notes);
    c.snapshot.validate().unwrap();
    assert_eq!(assess(&plan, &c.snapshot), assess(&plan, &demo));
    // Every entry of the demo was requested once, pages included, and nothing else.
    assert_eq!(c.snapshot.responses.len(), demo.responses.len());
    assert_eq!(c.stats.pages, demo.responses.len());
    // S3/G1/G3 → S4/G2/G4 → B1 (logs are sent) → B2 (today) → B2 (the day before, idle).
    assert_eq!(c.stats.rounds, 5);
    assert_eq!(c.stats.retries, 0);
    assert!(
        fake.requests()
            .iter()
            .all(|r| r.status != 401 && r.status != 404),
        "{:?}",
        fake.requests()
    );
    // The paged role assignments: two entries, the second under its nextLink URL.
    let pages = entries(
        &c.snapshot,
        "3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/providers/Microsoft.Authorization/roleAssignments",
    );
    assert_eq!(pages.len(), 2);
    assert!(pages[1].url.contains("$skiptoken="));
    // Recorded under the public-cloud form, whatever host was asked.
    assert!(c.snapshot.responses.iter().all(|r| r
        .url
        .starts_with("https://management.azure.com/")
        || r.url.starts_with("https://graph.microsoft.com/v1.0/")
        || r.url
            .starts_with("https://contosoworkbenchlogs.blob.core.windows.net/")));
    // The collected snapshot round-trips through JSON.
    assert_eq!(
        Snapshot::from_json(&c.snapshot.to_json()).unwrap(),
        c.snapshot
    );
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_after_the_wait() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.faults = vec![fault(
        "/providers/Microsoft.Security/pricings",
        status_fault(429, Some(1)),
        Some(1),
    )];
    let fake = FakeAzure::start(config).await.unwrap();
    let started = Instant::now();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured"
    );
    assert_eq!(c.stats.retries, 1);
    assert_eq!(assess(&plan, &c.snapshot), assess(&plan, &demo));
    let log: Vec<u16> = fake
        .requests()
        .iter()
        .filter(|r| r.url.contains("pricings"))
        .map(|r| r.status)
        .collect();
    assert_eq!(log.iter().filter(|s| **s == 429).count(), 1);
    assert_eq!(log.iter().filter(|s| **s != 429).count(), 2);
}

#[tokio::test]
async fn persistent_500_is_recorded_and_assessed_unknown() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.faults = vec![fault(
        "/providers/Microsoft.Security/pricings",
        status_fault(500, None),
        None,
    )];
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    let pricings = entries(&c.snapshot, "pricings");
    assert_eq!(pricings.len(), 2);
    assert!(pricings.iter().all(|r| r.status == 500));
    // 3 attempts per subscription.
    assert_eq!(
        fake.requests()
            .iter()
            .filter(|r| r.url.contains("pricings"))
            .count(),
        6
    );
    let report = assess(&plan, &c.snapshot);
    let failed: Vec<_> = report
        .findings()
        .filter(|f| f.code == FindingCode::RequestFailed)
        .collect();
    assert!(!failed.is_empty());
    assert!(failed.iter().all(|f| f.status == Status::Unknown));
    assert!(
        !report.has(FindingCode::DefenderPlanNotEnabled)
            || assess(&plan, &demo).has(FindingCode::DefenderPlanNotEnabled)
    );
}

#[tokio::test]
async fn a_slow_response_times_out_and_is_assessed_unknown() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.faults = vec![fault(
        "/providers/Microsoft.ClassicStorage/",
        FaultAction::Delay(Duration::from_secs(5)),
        None,
    )];
    let fake = FakeAzure::start(config).await.unwrap();
    let mut options = fast_options();
    options.request_timeout = Duration::from_millis(200);
    options.max_attempts = 2;
    let started = Instant::now();
    let c = collect_demo(&fake, &plan, &demo, options).await;
    assert!(started.elapsed() < Duration::from_secs(4));
    let classic = entries(&c.snapshot, "ClassicStorage");
    assert_eq!(classic.len(), 2);
    for r in classic {
        assert_eq!(r.status, 504);
        assert_eq!(r.body["error"]["code"], "CollectorTimeout");
    }
    let report = assess(&plan, &c.snapshot);
    assert!(report
        .findings()
        .any(|f| f.code == FindingCode::RequestFailed
            && f.status == Status::Unknown
            && f.request
                .as_deref()
                .is_some_and(|u| u.contains("ClassicStorage"))));
}

#[tokio::test]
async fn the_overall_timeout_records_what_was_not_read() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.faults = vec![fault(
        "https://",
        FaultAction::Delay(Duration::from_secs(3)),
        None,
    )];
    let fake = FakeAzure::start(config).await.unwrap();
    let mut options = fast_options();
    options.overall_timeout = Duration::from_millis(300);
    let c = collect_demo(&fake, &plan, &demo, options).await;
    assert!(c.stats.timed_out);
    assert!(!c.snapshot.responses.is_empty());
    assert!(c.snapshot.responses.iter().all(|r| r.status == 504));
    // The timeout is said in words, not in Debug (which the wasm builds compile to nothing).
    assert!(
        c.notes
            .iter()
            .any(|n| n == "The collection was cut short by the overall timeout (300 ms)."),
        "{:?}",
        c.notes
    );
    c.snapshot.validate().unwrap();
    let report = assess(&plan, &c.snapshot);
    assert!(!report.ready);
    assert_eq!(report.summary.pass, 0, "{:#?}", report.summary);
}

#[tokio::test]
async fn a_403_becomes_not_authorized_to_read() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.faults = vec![fault(
        "/roleManagement/directory/roleAssignments",
        status_fault(403, None),
        None,
    )];
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    assert_eq!(c.stats.retries, 0, "403 is not retried");
    let report = assess(&plan, &c.snapshot);
    let f = report
        .findings()
        .find(|f| {
            f.code == FindingCode::NotAuthorizedToRead
                && f.request
                    .as_deref()
                    .is_some_and(|u| u.contains("roleManagement"))
        })
        .expect("a not-authorized finding");
    assert_eq!(f.status, Status::Unknown);
    assert!(
        f.message.contains("RoleManagement.Read.Directory"),
        "{}",
        f.message
    );
}

#[tokio::test]
async fn broken_pages_and_dropped_connections_are_never_a_pass() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.faults = vec![
        fault(
            "/providers/Microsoft.Storage/storageAccounts?",
            FaultAction::BrokenBody,
            None,
        ),
        fault(
            "/providers/Microsoft.Security/pricings",
            FaultAction::Close,
            None,
        ),
    ];
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    let lists = entries(&c.snapshot, "/providers/Microsoft.Storage/storageAccounts?");
    assert_eq!(lists.len(), 2);
    assert!(lists.iter().all(|r| r.status == 200 && r.body.is_string()));
    let pricings = entries(&c.snapshot, "pricings");
    assert!(
        pricings
            .iter()
            .all(|r| r.status == 502 && r.body["error"]["code"] == "CollectorConnectionFailed"),
        "{pricings:?}"
    );
    let report = assess(&plan, &c.snapshot);
    assert!(report.has(FindingCode::ResponseUnreadable));
    assert!(report.has(FindingCode::RequestFailed));
    assert!(!report.ready);
}

#[tokio::test]
async fn token_errors_are_explained_recorded_and_reported() {
    let (plan, demo) = demo();
    for (code, kind, words, finding) in [
        (
            7_000_215,
            TokenErrorKind::InvalidClientSecret,
            "Secret ID",
            FindingCode::ClientSecretInvalid,
        ),
        (
            7_000_222,
            TokenErrorKind::ClientSecretExpired,
            "expired",
            FindingCode::ClientSecretExpired,
        ),
        (
            700_016,
            TokenErrorKind::ApplicationNotInTenant,
            "client ID",
            FindingCode::ServicePrincipalNotFound,
        ),
        (
            90_002,
            TokenErrorKind::TenantNotFound,
            "tenant",
            FindingCode::TenantNotFound,
        ),
        (
            7_000_112,
            TokenErrorKind::ApplicationDisabled,
            "disabled",
            FindingCode::ApplicationDisabled,
        ),
        (
            53_003,
            TokenErrorKind::ConditionalAccess,
            "Conditional Access",
            FindingCode::ConditionalAccessBlocked,
        ),
        (
            50_058,
            TokenErrorKind::Unexpected,
            "unexpected",
            FindingCode::TokenRequestFailed,
        ),
    ] {
        let mut config = fake_config(&plan, &demo);
        config.token_error = Some(code);
        let fake = FakeAzure::start(config).await.unwrap();
        let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
        assert_eq!(c.token_errors.len(), 2, "{code}");
        for e in &c.token_errors {
            assert_eq!(e.kind, kind);
            assert_eq!(e.aadsts, Some(code));
            assert!(e.to_string().contains(words), "{e}");
        }
        // Nothing was sent to ARM or Graph; every request is recorded as a 401 with the AAD error.
        assert!(fake.requests().iter().all(|r| r.method == "POST"));
        assert!(!c.snapshot.responses.is_empty());
        assert!(c
            .snapshot
            .responses
            .iter()
            .all(|r| r.status == 401 && r.body["error_codes"][0] == code));
        let mut report = assess(&plan, &c.snapshot);
        assert!(!report.ready);
        assert_eq!(report.summary.pass, 0);
        let before = report.summary;
        apply_live_findings(&mut report, &plan, &c);
        let step = report
            .steps
            .iter()
            .find(|s| s.id == "application-access")
            .unwrap();
        assert_eq!(step.findings[0].code, finding, "{code}");
        assert!(step.findings[0].message.contains(&format!("AADSTS{code}")));
        assert_eq!(
            report.summary.fail + report.summary.unknown,
            before.fail + before.unknown + 2
        );
    }
}

#[tokio::test]
async fn a_wrong_secret_is_refused_by_the_fake_as_azure_does() {
    let (plan, demo) = demo();
    let fake = FakeAzure::start(fake_config(&plan, &demo)).await.unwrap();
    let wrong = Credentials::ClientSecret {
        client_id: plan.application_id,
        // The Secret ID (a GUID) pasted instead of the value.
        secret: azure_onboarding::SecretString::new("4f1e2d3c-0b9a-4876-a5b4-c3d2e1f0a9b8".into()),
    };
    let c = collect_from(&fake, &plan, &wrong, fast_options(), &demo.collected_at).await;
    assert!(c
        .token_errors
        .iter()
        .all(|e| e.kind == TokenErrorKind::InvalidClientSecret));
    assert!(c.token_errors[0]
        .to_string()
        .contains("Did you paste the Secret ID"));
}

#[tokio::test]
async fn missing_consent_is_read_from_the_graph_token() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.graph_roles = vec!["User.Read.All".into(), "SecurityEvents.Read.All".into()];
    // The app may not read its own appRoleAssignments: only the token tells.
    config.faults = vec![fault("/appRoleAssignments", status_fault(403, None), None)];
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    let claims = c.graph_claims.as_ref().unwrap();
    assert!(claims.app_only);
    let missing: Vec<_> = c.consent.iter().map(|f| f.message.clone()).collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(
        missing[0].contains("SecurityAlert.Read.All")
            && missing[1].contains("SecurityIncident.Read.All")
    );
    let mut report = assess(&plan, &c.snapshot);
    assert!(
        !report.has(FindingCode::GraphPermissionMissing)
            || assess(&plan, &demo).has(FindingCode::GraphPermissionMissing)
    );
    let had = report
        .findings()
        .filter(|f| f.code == FindingCode::GraphPermissionMissing)
        .count();
    apply_live_findings(&mut report, &plan, &c);
    let now = report
        .findings()
        .filter(|f| f.code == FindingCode::GraphPermissionMissing)
        .count();
    assert_eq!(now, had + 2);
    assert!(!report.ready);
    // Applying twice adds nothing more.
    let again = report.clone();
    apply_live_findings(&mut report, &plan, &c);
    assert_eq!(
        report.findings().count(),
        again.findings().count() + c.token_errors.len()
    );
}

#[tokio::test]
async fn secrets_and_tokens_never_leak() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.graph_roles = vec![];
    config.faults = vec![fault("pricings", status_fault(503, Some(0)), None)];
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    let tokens = fake.issued_tokens();
    // ARM, Graph and Azure Storage (the log account's blobs).
    assert_eq!(tokens.len(), 3);
    let mut report = assess(&plan, &c.snapshot);
    apply_live_findings(&mut report, &plan, &c);
    let texts = [
        c.snapshot.to_json(),
        format!("{c:?}"),
        format!("{:?}", secret_credentials(&plan)),
        serde_json::to_string(&report).unwrap(),
        c.notes.join("\n"),
    ];
    for text in &texts {
        assert!(!text.contains(CANARY_SECRET), "the secret leaked: {text}");
        assert!(!text.contains("CANARY"), "a canary leaked");
        for t in &tokens {
            assert!(!text.contains(t.as_str()));
        }
    }
    // Token failures too.
    let mut config = fake_config(&plan, &demo);
    config.token_error = Some(7_000_215);
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    let text = format!("{c:?} {} {}", c.token_errors[0], c.snapshot.to_json());
    assert!(!text.contains("CANARY"));
}

#[tokio::test]
async fn caller_tokens_are_used_and_a_missing_graph_token_is_noted() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.accepted_tokens = vec!["arm-token-CANARY".into()];
    let fake = FakeAzure::start(config).await.unwrap();
    let creds = Credentials::Tokens {
        arm: Some(AccessToken::new("arm-token-CANARY")),
        graph: None,
    };
    let c = collect_from(&fake, &plan, &creds, fast_options(), &demo.collected_at).await;
    let mut got: Vec<_> = c.snapshot.responses.iter().collect();
    got.sort_by(|a, b| a.url.cmp(&b.url));
    let mut arm: Vec<_> = demo
        .responses
        .iter()
        .filter(|r| r.url.starts_with("https://management.azure.com/"))
        .collect();
    arm.sort_by(|a, b| a.url.cmp(&b.url));
    assert_eq!(got.len(), arm.len());
    for (got, want) in got.into_iter().zip(arm) {
        assert_eq!(
            (got.status, &got.body),
            (want.status, &want.body),
            "{}",
            got.url
        );
    }
    assert!(c
        .snapshot
        .responses
        .iter()
        .any(|r| r.url.contains("diagnosticSettings")));
    assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
    assert!(c.notes[0].contains("No Microsoft Graph token"));
    // The browser's case: no Blob read, and why (CORS), said once.
    assert!(c.notes[1].contains("CORS"), "{}", c.notes[1]);
    assert!(!fake.requests().iter().any(|r| r.url.contains(".blob.")));
    assert!(fake.requests().iter().all(|r| r.method == "GET"));
    let report = assess(&plan, &c.snapshot);
    assert!(report.has(FindingCode::NotCollected));
    assert!(!format!("{c:?}{creds:?}").contains("CANARY"));
}

/// A client secret given as a caller's token is refused by the collector itself (the CLI and
/// the browser package map the error to their own words): nothing is sent, to the token
/// endpoint or to Azure.
#[tokio::test]
async fn a_client_secret_given_as_a_token_is_refused_before_anything_is_sent() {
    let (plan, demo) = demo();
    let fake = FakeAzure::start(fake_config(&plan, &demo)).await.unwrap();
    let t = transport();
    let collector = Collector::new(
        &t,
        Cloud::public().with_endpoints_for_testing(&fake.base_url()),
    );
    let secret = || Some(AccessToken::new(CANARY_SECRET));
    let jwt = || Some(AccessToken::new("eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln"));
    for (arm, graph, api) in [
        (secret(), None, "ARM"),
        (jwt(), secret(), "Graph"),
        (None, secret(), "Graph"),
    ] {
        let creds = Credentials::Tokens { arm, graph };
        let err = collector
            .collect(&plan, &creds, &demo.collected_at)
            .await
            .unwrap_err();
        assert_eq!(err, CollectError::SecretAsToken(api));
        assert!(!err.to_string().contains("CANARY"), "{err}");
    }
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
}

#[tokio::test]
async fn concurrency_is_bounded() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.latency = Duration::from_millis(50);
    let fake = FakeAzure::start(config).await.unwrap();
    let mut options = fast_options();
    options.concurrency = 3;
    let c = collect_demo(&fake, &plan, &demo, options).await;
    assert!(c.stats.peak_concurrency <= 3, "{:?}", c.stats);
    assert!(
        fake.peak_concurrency() <= 3 && fake.peak_concurrency() >= 2,
        "{}",
        fake.peak_concurrency()
    );
    assert_eq!(assess(&plan, &c.snapshot), assess(&plan, &demo));
}

#[tokio::test]
async fn hosts_outside_the_allowlist_are_refused_before_sending() {
    let (plan, demo) = demo();
    let fake = FakeAzure::start(fake_config(&plan, &demo)).await.unwrap();
    let t = transport();
    // Loopback without allow_loopback.
    let mut cloud = Cloud::public().with_endpoints_for_testing(&fake.base_url());
    cloud.allow_loopback = false;
    let e = Collector::new(&t, cloud)
        .collect(&plan, &secret_credentials(&plan), "2026-11-26T12:00:00Z")
        .await
        .unwrap_err();
    assert!(matches!(e, CollectError::Refused(_)), "{e}");
    // A look-alike host.
    let mut cloud = Cloud::public();
    cloud.authority = "https://login.microsoftonline.com.evil.example".into();
    let e = Collector::new(&t, cloud)
        .collect(&plan, &secret_credentials(&plan), "2026-11-26T12:00:00Z")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("known Azure cloud"), "{e}");
    assert!(fake.requests().is_empty());
    // The transport refuses by itself too.
    use azure_onboarding_live::{Request, Transport};
    let strict =
        azure_onboarding_live::ReqwestTransport::new(false, Duration::from_secs(1)).unwrap();
    let r = strict
        .send(Request::get(
            format!("{}/subscriptions", fake.base_url()),
            Some(azure_onboarding::SecretString::new("t".into())),
        ))
        .await;
    assert!(r.is_err());
    assert!(fake.requests().is_empty());
    // A bad timestamp is misuse.
    let cloud = Cloud::public().with_endpoints_for_testing(&fake.base_url());
    let e = Collector::new(&t, cloud)
        .collect(&plan, &secret_credentials(&plan), "yesterday")
        .await
        .unwrap_err();
    assert_eq!(e, CollectError::BadTimestamp);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let (plan, mut demo) = demo();
    let r = demo
        .responses
        .iter_mut()
        .find(|r| r.url.contains("/Microsoft.Security/pricings"))
        .unwrap();
    r.body["nextLink"] = json!("https://evil.example/steal?page=2");
    let fake = FakeAzure::start(fake_config(&plan, &demo)).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    assert!(
        c.notes.iter().any(|n| n.contains("another host")),
        "{:?}",
        c.notes
    );
    let report = assess(&plan, &c.snapshot);
    assert!(report
        .findings()
        .any(|f| f.code == FindingCode::NotCollected
            && f.request.as_deref() == Some("https://evil.example/steal?page=2")));
}

#[tokio::test]
async fn an_empty_fake_yields_not_found_never_pass() {
    let (plan, _) = demo();
    let fake = FakeAzure::start(FakeConfig {
        graph_roles: all_roles(),
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let c = collect_from(
        &fake,
        &plan,
        &secret_credentials(&plan),
        fast_options(),
        "2026-11-26T12:00:00Z",
    )
    .await;
    assert!(c.snapshot.responses.iter().all(|r| r.status == 404));
    assert!(!assess(&plan, &c.snapshot).ready);
}

/// Sends raw HTTP/1.1 to the fake and returns the whole answer.
async fn raw_http(fake: &FakeAzure, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = fake.base_url().trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn the_fake_answers_browsers_with_cors() {
    let (plan, demo) = demo();
    let fake = FakeAzure::start(fake_config(&plan, &demo)).await.unwrap();
    let preflight = raw_http(
        &fake,
        "OPTIONS /subscriptions/x HTTP/1.1\r\nHost: fake\r\nOrigin: http://127.0.0.1:1\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n\r\n",
    )
    .await;
    assert!(preflight.starts_with("HTTP/1.1 204 "), "{preflight}");
    for header in [
        "Access-Control-Allow-Origin: *",
        "Access-Control-Allow-Headers: Authorization, Content-Type",
    ] {
        assert!(preflight.contains(header), "{preflight}");
    }
    let refused = raw_http(
        &fake,
        "GET /subscriptions/x HTTP/1.1\r\nHost: fake\r\nOrigin: http://127.0.0.1:1\r\n\r\n",
    )
    .await;
    assert!(refused.starts_with("HTTP/1.1 401 "), "{refused}");
    assert!(
        refused.contains("Access-Control-Allow-Origin: *"),
        "{refused}"
    );
    assert!(
        refused.contains("Access-Control-Expose-Headers: Retry-After"),
        "{refused}"
    );
    // Preflights are not requests of the collector: not logged.
    assert_eq!(fake.requests().len(), 1);
}

/// A body without Content-Length that never ends is cut at MAX_BODY_BYTES while it streams
/// (the native transport; the browser transport is tested the same way in Chromium by
/// tests/e2e/collect-in-browser.test.mjs) and recorded as unreadable, never as a pass.
#[tokio::test]
async fn an_endless_body_is_cut_at_the_cap_and_recorded_as_unreadable() {
    let (plan, demo) = demo();
    let mut config = fake_config(&plan, &demo);
    config.faults = vec![fault(
        "Microsoft.Security/pricings",
        FaultAction::EndlessBody,
        None,
    )];
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_demo(&fake, &plan, &demo, fast_options()).await;
    let pricings = entries(&c.snapshot, "Microsoft.Security/pricings");
    assert!(!pricings.is_empty());
    for r in pricings {
        assert_eq!(r.status, 502);
        assert_eq!(r.body["error"]["code"], "CollectorResponseTooLarge");
    }
    let report = assess(&plan, &c.snapshot);
    assert!(!report.ready);
    assert!(report.findings().any(|f| f.status == Status::Unknown
        && f.request.as_deref().is_some_and(|u| u.contains("pricings"))));
}
