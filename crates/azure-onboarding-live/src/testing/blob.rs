//! The fake's Blob service (issue 16): the List Containers and List Blobs calls of one
//! storage account, as XML, with `prefix`, `maxresults`, `marker`/`NextMarker` paging and
//! the 403s of Azure (no data role: `AuthorizationPermissionMismatch`; the firewall refuses
//! the caller: `AuthorizationFailure`). A collector reaches it through
//! [`Cloud::with_endpoints_for_testing`](crate::Cloud::with_endpoints_for_testing): a Blob
//! URL `https://{account}.blob.core.windows.net/{rest}` goes to `{base}/_blob/{account}/{rest}`.
//!
//! Only a bearer token the fake issued for `https://storage.azure.com/.default` (or an
//! accepted one) is let in; `x-ms-version` is required, as for OAuth calls to Azure.
//! Without a [`BlobConfig`] for the account, the snapshot's recorded answers are replayed.

use azure_onboarding::snapshot_rules::percent_decode;

/// One blob of the fake account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeBlob {
    /// The blob's name.
    pub name: String,
    /// `Last-Modified`, an HTTP date (`Thu, 26 Nov 2026 11:58:00 GMT`).
    pub last_modified: String,
}

impl FakeBlob {
    /// The hourly log blob Azure Monitor writes for a storage service (`…/blobServices/default`)
    /// at `y-m-d h:00`, last written at `h:58`
    /// (`resourceId=/SUBSCRIPTIONS/…/BLOBSERVICES/DEFAULT/y=2026/m=11/d=26/h=11/m=00/PT1H.json`).
    pub fn hourly_log(service_id: &str, (y, m, d): (i32, u32, u32), h: u32) -> FakeBlob {
        FakeBlob {
            name: format!(
                "resourceId={}/y={y:04}/m={m:02}/d={d:02}/h={h:02}/m=00/PT1H.json",
                service_id.to_uppercase()
            ),
            last_modified: http_date((y, m, d), h, 58),
        }
    }
}

/// The Blob service of one storage account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobConfig {
    /// The account name (`{account}.blob.core.windows.net`).
    pub account: String,
    /// Containers and their blobs (any order; lists are sorted by name, as Azure's are).
    pub containers: Vec<(String, Vec<FakeBlob>)>,
    /// Whether the caller holds a data role (else 403 AuthorizationPermissionMismatch).
    pub data_role: bool,
    /// Whether the account's firewall lets the caller in (else 403 AuthorizationFailure).
    pub firewall_allows: bool,
    /// Most items a page holds whatever `maxresults` asks (forces `NextMarker` paging).
    pub page_size: Option<usize>,
}

impl BlobConfig {
    /// An account the caller may read, without containers.
    pub fn new(account: &str) -> BlobConfig {
        BlobConfig {
            account: account.into(),
            containers: Vec::new(),
            data_role: true,
            firewall_allows: true,
            page_size: None,
        }
    }
}

/// The Blob service's answer to `GET {rest}` (`/{account}/…?query`) under `config`:
/// (status, XML body). `None` when `config` is not for that account.
pub(crate) fn answer(
    config: &BlobConfig,
    account: &str,
    rest: &str,
    x_ms_version: Option<&str>,
) -> Option<(u16, String)> {
    if account != config.account {
        return None;
    }
    if x_ms_version.is_none() {
        return Some(error(
            400,
            "MissingRequiredHeader",
            "An HTTP header that's mandatory for this request is not specified (x-ms-version).",
        ));
    }
    if !config.firewall_allows {
        return Some(error(
            403,
            "AuthorizationFailure",
            "This request is not authorized to perform this operation.",
        ));
    }
    if !config.data_role {
        return Some(error(
            403,
            "AuthorizationPermissionMismatch",
            "This request is not authorized to perform this operation using this permission.",
        ));
    }
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let param = |k: &str| {
        query.split('&').find_map(|p| {
            let (key, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(key, true).eq_ignore_ascii_case(k)).then(|| percent_decode(v, true))
        })
    };
    if param("comp").as_deref() != Some("list") {
        return Some(error(
            400,
            "InvalidQueryParameterValue",
            "Only list calls are served by the fake.",
        ));
    }
    let prefix = param("prefix").unwrap_or_default();
    let max = match param("maxresults").map(|m| m.parse::<usize>()) {
        None => 5000,
        Some(Ok(n)) if (1..=5000).contains(&n) => n,
        Some(_) => {
            return Some(error(
                400,
                "OutOfRangeQueryParameterValue",
                "maxresults must be 1 to 5000.",
            ))
        }
    };
    let max = config.page_size.map_or(max, |p| max.min(p.max(1)));
    let marker = param("marker").unwrap_or_default();
    let container = percent_decode(path.trim_start_matches('/'), false);
    let (names, items): (Vec<String>, &str) = if container.is_empty() {
        (
            config.containers.iter().map(|(c, _)| c.clone()).collect(),
            "Containers",
        )
    } else {
        if param("restype").as_deref() != Some("container") {
            return Some(error(
                400,
                "InvalidQueryParameterValue",
                "restype=container is required.",
            ));
        }
        match config.containers.iter().find(|(c, _)| *c == container) {
            Some((_, blobs)) => (blobs.iter().map(|b| b.name.clone()).collect(), "Blobs"),
            None => {
                return Some(error(
                    404,
                    "ContainerNotFound",
                    "The specified container does not exist.",
                ))
            }
        }
    };
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(&prefix) && n.as_str() >= marker.as_str())
        .collect();
    names.sort();
    let next = names.get(max).cloned();
    names.truncate(max);
    let mut body = format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"https://{}.blob.core.windows.net/\"",
        config.account
    );
    if !container.is_empty() {
        body.push_str(&format!(" ContainerName=\"{}\"", escape(&container)));
    }
    body.push_str(&format!("><Prefix>{}</Prefix>", escape(&prefix)));
    if !marker.is_empty() {
        body.push_str(&format!("<Marker>{}</Marker>", escape(&marker)));
    }
    body.push_str(&format!("<MaxResults>{max}</MaxResults><{items}>"));
    for n in &names {
        if items == "Containers" {
            body.push_str(&format!("<Container><Name>{}</Name><Properties><Last-Modified>Mon, 02 Nov 2026 09:12:40 GMT</Last-Modified></Properties></Container>", escape(n)));
        } else {
            let blob = config
                .containers
                .iter()
                .find(|(c, _)| *c == container)
                .and_then(|(_, b)| b.iter().find(|b| b.name == *n));
            let modified = blob.map_or("", |b| b.last_modified.as_str());
            body.push_str(&format!("<Blob><Name>{}</Name><Properties><Last-Modified>{}</Last-Modified><BlobType>AppendBlob</BlobType></Properties></Blob>", escape(n), escape(modified)));
        }
    }
    body.push_str(&format!(
        "</{items}><NextMarker>{}</NextMarker></EnumerationResults>",
        next.as_deref().map(escape).unwrap_or_default()
    ));
    Some((200, body))
}

fn error(status: u16, code: &str, message: &str) -> (u16, String) {
    (
        status,
        format!("\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}\nRequestId:00000000-0000-0000-0000-000000000000\nTime:2026-11-26T12:00:00.0000000Z</Message></Error>"),
    )
}

/// XML character data with `& < > " '` escaped.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `Thu, 26 Nov 2026 11:58:00 GMT`.
fn http_date((y, m, d): (i32, u32, u32), h: u32, min: u32) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let secs =
        azure_onboarding::rfc3339_seconds(&format!("{y:04}-{m:02}-{d:02}T00:00:00Z")).unwrap_or(0);
    let weekday = DAYS[secs.div_euclid(86_400).rem_euclid(7) as usize];
    let month = MONTHS[(m.clamp(1, 12) - 1) as usize];
    format!("{weekday}, {d:02} {month} {y:04} {h:02}:{min:02}:00 GMT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pages_and_refuses() {
        let mut c = BlobConfig::new("logs");
        c.containers.push((
            "insights-logs-storageread".into(),
            vec![
                FakeBlob::hourly_log("/subscriptions/s/x/blobServices/default", (2026, 11, 26), 1),
                FakeBlob::hourly_log("/subscriptions/s/x/blobServices/default", (2026, 11, 26), 0),
            ],
        ));
        assert!(answer(&c, "other", "/?comp=list", Some("v")).is_none());
        let (s, b) = answer(&c, "logs", "/?comp=list&prefix=insights-logs-", Some("v")).unwrap();
        assert_eq!(s, 200);
        assert!(b.contains("<Name>insights-logs-storageread</Name>"), "{b}");
        let (_, b) = answer(&c, "logs", "/insights-logs-storageread?restype=container&comp=list&prefix=resourceId%3D/SUBSCRIPTIONS/&maxresults=1", Some("v")).unwrap();
        assert!(b.contains("h=00/m=00/PT1H.json</Name><Properties><Last-Modified>Thu, 26 Nov 2026 00:58:00 GMT"), "{b}");
        let marker = b
            .split("<NextMarker>")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_owned();
        assert!(marker.ends_with("h=01/m=00/PT1H.json"));
        let (_, b) = answer(&c, "logs", &format!("/insights-logs-storageread?restype=container&comp=list&maxresults=1&marker={marker}"), Some("v")).unwrap();
        assert!(
            b.contains("h=01/m=00") && b.contains("<NextMarker></NextMarker>"),
            "{b}"
        );
        assert_eq!(
            answer(&c, "logs", "/nope?restype=container&comp=list", Some("v"))
                .unwrap()
                .0,
            404
        );
        assert_eq!(answer(&c, "logs", "/?comp=list", None).unwrap().0, 400);
        c.data_role = false;
        assert!(answer(&c, "logs", "/?comp=list", Some("v"))
            .unwrap()
            .1
            .contains("AuthorizationPermissionMismatch"));
        c.firewall_allows = false;
        assert!(answer(&c, "logs", "/?comp=list", Some("v"))
            .unwrap()
            .1
            .contains("<Code>AuthorizationFailure</Code>"));
    }
}
