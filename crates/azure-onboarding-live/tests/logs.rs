//! Logs arriving (issue 16), end to end: the collector reads the log account's Blob service
//! of the fake (`testing::blob`: XML lists, `NextMarker` paging, the 403s) with the
//! application's own identity, and the assessment plus `apply_live_findings` say what
//! Workbench will find.

mod common;

use azure_onboarding::{
    assess, FindingCode as C, OnboardingPlan, ReadinessReport, Snapshot, Status,
};
use azure_onboarding_live::apply_live_findings;
use azure_onboarding_live::testing::{BlobConfig, FakeAzure, FakeBlob};
use common::*;

const LOG_ACCOUNT: &str = "contosoworkbenchlogs";

/// The demo without its recorded Blob answers (the fake's Blob service answers instead),
/// and the storage services whose settings send to the log account.
fn demo_without_blobs() -> (OnboardingPlan, Snapshot, Vec<String>) {
    let (plan, mut demo) = demo();
    demo.responses
        .retain(|r| !r.url.contains(".blob.core.windows.net"));
    let services = demo
        .responses
        .iter()
        .filter(|r| {
            r.url
                .contains("/providers/Microsoft.Insights/diagnosticSettings")
        })
        .filter(|r| r.body.to_string().to_lowercase().contains(LOG_ACCOUNT))
        .map(|r| {
            let path = r.url.strip_prefix("https://management.azure.com").unwrap();
            path.split("/providers/Microsoft.Insights")
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    (plan, demo, services)
}

/// A log account whose `insights-logs-storageread` holds the hours 00–11 of the demo's
/// day for every service, with pages of at most 5 items (3 for the containers' list).
fn arriving(services: &[String]) -> BlobConfig {
    let mut c = BlobConfig::new(LOG_ACCOUNT);
    let blobs = services
        .iter()
        .flat_map(|s| (0..12).map(move |h| FakeBlob::hourly_log(s, (2026, 11, 26), h)))
        .collect();
    c.containers
        .push(("insights-logs-storageread".into(), blobs));
    c.containers
        .push(("insights-logs-storagewrite".into(), Vec::new()));
    c.containers
        .push(("insights-logs-other".into(), Vec::new()));
    c.page_size = Some(5);
    // (The containers list pages too: see `page_size` in the test below.)
    c
}

async fn verify(
    blob: BlobConfig,
) -> (
    ReadinessReport,
    ReadinessReport,
    azure_onboarding_live::Collected,
    FakeAzure,
) {
    let (plan, demo, _) = demo_without_blobs();
    let mut config = fake_config(&plan, &demo);
    config.blob = Some(blob);
    let fake = FakeAzure::start(config).await.unwrap();
    let c = collect_from(
        &fake,
        &plan,
        &secret_credentials(&plan),
        fast_options(),
        &demo.collected_at,
    )
    .await;
    let offline = assess(&plan, &c.snapshot);
    let mut live = offline.clone();
    apply_live_findings(&mut live, &plan, &c);
    (offline, live, c, fake)
}

fn of(r: &ReadinessReport, code: C) -> Vec<&azure_onboarding::Finding> {
    r.findings().filter(|f| f.code == code).collect()
}

#[tokio::test]
async fn logs_present_assess_as_arriving_with_the_applications_identity() {
    let (_, _, services) = demo_without_blobs();
    assert_eq!(services.len(), 12);
    let (offline, live, c, fake) = verify(arriving(&services)).await;
    assert!(c.read_with_application);
    let arriving = of(&live, C::LogsArriving);
    assert_eq!(
        arriving.len(),
        1,
        "{:#?}",
        live.findings().collect::<Vec<_>>()
    );
    assert_eq!(arriving[0].status, Status::Pass);
    assert!(
        arriving[0].message.contains("2026-11-26T11:58:00Z"),
        "{}",
        arriving[0].message
    );
    for code in [
        C::LogsIdle,
        C::LogsNotArriving,
        C::LogReadNotPermitted,
        C::LogReadBlockedByFirewall,
        C::NotCollected,
    ] {
        assert!(of(&live, code).is_empty(), "{code}");
    }
    assert_eq!(offline.ready, live.ready);
    // Every Blob call carried the storage token and x-ms-version (else 401 / 400), and
    // only the log account's host was asked.
    let blob_calls: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.url.contains(".blob."))
        .collect();
    assert!(!blob_calls.is_empty());
    assert!(blob_calls.iter().all(|r| r.status == 200), "{blob_calls:?}");
    assert!(blob_calls.iter().all(|r| r
        .url
        .starts_with(&format!("https://{LOG_ACCOUNT}.blob.core.windows.net/"))));
    // Pages of 5: a day of 12 blobs is three pages (two followed through NextMarker).
    let paged: Vec<_> = c
        .snapshot
        .responses
        .iter()
        .filter(|r| r.url.contains("&marker="))
        .collect();
    assert_eq!(paged.len(), services.len() * 2);
    let b1: Vec<_> = c
        .snapshot
        .responses
        .iter()
        .filter(|r| r.url.contains("?comp=list&prefix=insights-logs-"))
        .collect();
    assert_eq!(b1.len(), 1);
    // Bodies are the XML, verbatim, as a JSON string.
    assert!(b1[0].body.as_str().unwrap().contains("<EnumerationResults"));
    // No token reaches the snapshot, the notes or a report.
    let texts = [
        c.snapshot.to_json(),
        format!("{c:?}"),
        serde_json::to_string(&live).unwrap(),
    ];
    for t in fake.issued_tokens() {
        assert!(texts.iter().all(|x| !x.contains(&t)));
    }
    assert!(texts.iter().all(|x| !x.contains("CANARY")));
}

#[tokio::test]
async fn without_a_data_role_the_read_fails_and_blocks_readiness_live_only() {
    let (_, _, services) = demo_without_blobs();
    let mut blob = arriving(&services);
    blob.data_role = false;
    let (offline, live, _, _) = verify(blob).await;
    let f = of(&offline, C::LogReadNotPermitted);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].status, f[0].required), (Status::Unknown, false));
    let f = of(&live, C::LogReadNotPermitted);
    assert_eq!((f[0].status, f[0].required), (Status::Fail, true));
    assert!(f[0].message.contains("application's own identity"));
    assert!(f[0]
        .remediation
        .cli
        .contains("--role 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"));
    assert!(!live.ready);
    assert_eq!(live.summary.fail, offline.summary.fail + 1);
    assert_eq!(live.summary.unknown + 1, offline.summary.unknown);
    let log = live
        .resources
        .iter()
        .find(|r| r.id.ends_with(LOG_ACCOUNT))
        .unwrap();
    assert_eq!(log.status, Status::Fail);
}

#[tokio::test]
async fn a_firewall_refusing_the_reader_fails_live() {
    let (_, _, services) = demo_without_blobs();
    let mut blob = arriving(&services);
    blob.firewall_allows = false;
    let (offline, live, _, _) = verify(blob).await;
    assert_eq!(
        of(&offline, C::LogReadBlockedByFirewall)[0].status,
        Status::Unknown
    );
    let f = of(&live, C::LogReadBlockedByFirewall);
    assert_eq!((f[0].status, f[0].required), (Status::Fail, true));
    assert!(f[0]
        .remediation
        .cli
        .starts_with("az storage account network-rule add"));
}

#[tokio::test]
async fn an_account_without_log_containers_is_idle_until_a_day_has_passed() {
    let (_, _, _) = demo_without_blobs();
    let mut blob = BlobConfig::new(LOG_ACCOUNT);
    blob.containers.push(("unrelated".into(), Vec::new()));
    let (offline, live, _, _) = verify(blob).await;
    // The demo's settings do not say when they were created: a warning, not a failure.
    assert_eq!(of(&live, C::LogsIdle).len(), 1);
    assert!(of(&live, C::LogsNotArriving).is_empty());
    assert_eq!(offline.ready, live.ready);
}

#[tokio::test]
async fn the_containers_list_is_followed_through_next_marker() {
    let (_, _, services) = demo_without_blobs();
    let mut blob = arriving(&services);
    blob.page_size = Some(1);
    let (_, live, c, _) = verify(blob).await;
    let b1: Vec<_> = c
        .snapshot
        .responses
        .iter()
        .filter(|r| r.url.contains("?comp=list&prefix=insights-logs-"))
        .collect();
    // insights-logs-other, -storageread, -storagewrite: one a page.
    assert_eq!(
        b1.len(),
        3,
        "{:?}",
        b1.iter().map(|r| &r.url).collect::<Vec<_>>()
    );
    assert!(
        b1[1].url.ends_with("&marker=insights-logs-storageread"),
        "{}",
        b1[1].url
    );
    assert_eq!(of(&live, C::LogsArriving).len(), 1);
}
