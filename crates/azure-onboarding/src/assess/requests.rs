//! The GET requests the assessment reads, and finding their responses in a snapshot.

use crate::catalog::endpoints as ep;
use crate::snapshot::SnapshotResponse;
use core::fmt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The stable id of a kind of request (the table in the snapshot contract).
///
/// | id | request |
/// |---|---|
/// | `S1` | `GET {arm}/subscriptions/{sub}` |
/// | `S2` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.Authorization/roleAssignments` |
/// | `S3` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.Storage/storageAccounts` |
/// | `S4` | `GET {arm}{storageAccountId}/{blob,file,queue,table}Services/default/providers/Microsoft.Insights/diagnosticSettings` |
/// | `S5` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.Security/pricings` |
/// | `S6` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.ClassicStorage/storageAccounts` |
/// | `G1` | `GET {graph}/servicePrincipals?$filter=appId eq '{applicationId}'` |
/// | `G2` | `GET {graph}/servicePrincipals/{spObjectId}/appRoleAssignments` |
/// | `G3` | `GET {graph}/users?$filter=mail eq '{guest mail}'` |
/// | `G4` | `GET {graph}/roleManagement/directory/roleAssignments?$filter=principalId eq '{userObjectId}'` |
/// | `G5` | `GET {graph}/applications?$filter=appId eq '{applicationId}'` (custom app: secret expiry) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum RequestId {
    S1,
    S2,
    S3,
    S4,
    S5,
    S6,
    G1,
    G2,
    G3,
    G4,
    G5,
}

impl RequestId {
    /// The read permission an identity needs for this request; named in
    /// `not-authorized-to-read` findings.
    pub fn permission(self) -> &'static str {
        use RequestId::*;
        match self {
            S1 | S3 | S6 => "Reader on the subscription (Microsoft.Resources/subscriptions/read, Microsoft.Storage/storageAccounts/read)",
            S2 => "Reader on the subscription (Microsoft.Authorization/roleAssignments/read)",
            S4 => "Reader or Monitoring Reader on the storage account (Microsoft.Insights/diagnosticSettings/read)",
            S5 => "Security Reader or Reader on the subscription (Microsoft.Security/pricings/read)",
            G1 | G2 | G5 => "the Microsoft Graph permission Application.Read.All (or Directory.Read.All), or a Global Reader sign-in",
            G3 => "the Microsoft Graph permission User.Read.All, or a Global Reader sign-in",
            G4 => "the Microsoft Graph permission RoleManagement.Read.Directory, or a Global Reader sign-in",
        }
    }

    /// `S1` … `G5`.
    pub fn as_str(self) -> &'static str {
        use RequestId::*;
        match self {
            S1 => "S1",
            S2 => "S2",
            S3 => "S3",
            S4 => "S4",
            S5 => "S5",
            S6 => "S6",
            G1 => "G1",
            G2 => "G2",
            G3 => "G3",
            G4 => "G4",
            G5 => "G5",
        }
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One request the assessment reads: what a collector must GET and record.
///
/// JSON: `{ "id": "S2", "method": "GET", "url": "https://management.azure.com/…?api-version=…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RequestSpec {
    /// Kind of request.
    pub id: RequestId,
    /// Always `GET`.
    pub method: String,
    /// The absolute URL, with the api-version the collector should use.
    pub url: String,
}

impl RequestSpec {
    fn arm(id: RequestId, path: &str, api: &str) -> Self {
        RequestSpec {
            id,
            method: "GET".into(),
            url: format!("{}{path}?api-version={api}", ep::ARM),
        }
    }

    fn graph(id: RequestId, path: &str) -> Self {
        RequestSpec {
            id,
            method: "GET".into(),
            url: format!("{}{path}", ep::GRAPH),
        }
    }

    pub(crate) fn subscription(id: RequestId, sub: &str) -> Self {
        let (suffix, api) = match id {
            RequestId::S2 => (
                "/providers/Microsoft.Authorization/roleAssignments",
                ep::ROLE_ASSIGNMENTS_API,
            ),
            RequestId::S3 => (
                "/providers/Microsoft.Storage/storageAccounts",
                ep::STORAGE_API,
            ),
            RequestId::S5 => ("/providers/Microsoft.Security/pricings", ep::PRICINGS_API),
            RequestId::S6 => (
                "/providers/Microsoft.ClassicStorage/storageAccounts",
                ep::CLASSIC_STORAGE_API,
            ),
            _ => ("", ep::SUBSCRIPTIONS_API),
        };
        Self::arm(id, &format!("/subscriptions/{sub}{suffix}"), api)
    }

    pub(crate) fn diagnostic_settings(service_id: &str) -> Self {
        Self::arm(
            RequestId::S4,
            &format!("{service_id}/providers/Microsoft.Insights/diagnosticSettings"),
            ep::DIAGNOSTIC_SETTINGS_API,
        )
    }

    /// A Graph list filtered by `{key} eq '{value}'` (G1, G3, G4, G5).
    pub(crate) fn graph_filter(id: RequestId, key: &str, value: &str) -> Self {
        let collection = match id {
            RequestId::G1 => "servicePrincipals",
            RequestId::G3 => "users",
            RequestId::G4 => "roleManagement/directory/roleAssignments",
            _ => "applications",
        };
        // OData doubles a quote inside a string literal.
        let value = value.replace('\'', "''");
        Self::graph(id, &format!("/{collection}?$filter={key} eq '{value}'"))
    }

    pub(crate) fn app_role_assignments(sp_object_id: &str) -> Self {
        Self::graph(
            RequestId::G2,
            &format!("/servicePrincipals/{sp_object_id}/appRoleAssignments"),
        )
    }
}

/// A URL taken apart for matching: host, path and `$filter` folded, api-version dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlKey {
    /// `method host/path?$filter`: what the contract matches on.
    pub(crate) request: String,
    /// `request` plus the other query parameters but api-version: one page of a list.
    pub(crate) page: String,
}

fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let hex = |c: u8| (c as char).to_digit(16);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whitespace runs to one space, trimmed, lowercase.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Parses `https://host[:port]/path?query#fragment` into its matching keys (method `GET`);
/// `None` unless it is an absolute https URL with a host.
pub(crate) fn parse_url(url: &str) -> Option<UrlKey> {
    url_key("GET", url)
}

pub(crate) fn url_key(method: &str, url: &str) -> Option<UrlKey> {
    let url = url.trim();
    let scheme_end = url.find("://")?;
    if !url[..scheme_end].eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = &url[scheme_end + 3..];
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    if host.is_empty() || host.contains('@') {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let host = host.strip_suffix(":443").unwrap_or(&host);
    let path = percent_decode(path, false).to_lowercase();
    let path = path.trim_end_matches('/');
    let mut filter = String::new();
    let mut others: Vec<(String, String)> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = percent_decode(k, true).trim().to_ascii_lowercase();
        let v = percent_decode(v, true);
        match k.as_str() {
            "api-version" => {}
            "$filter" => filter = fold(&v),
            _ => others.push((k, v)),
        }
    }
    others.sort();
    let method = method.trim().to_ascii_uppercase();
    let request = format!("{method} {host}{path}?{filter}");
    let mut page = request.clone();
    for (k, v) in others {
        page.push('&');
        page.push_str(&k);
        page.push('=');
        page.push_str(&v);
    }
    Some(UrlKey { request, page })
}

/// What a request came to in the snapshot.
#[derive(Debug)]
pub(crate) enum Fetched<'s> {
    /// 2xx: the bodies of every page, in order.
    Ok(Vec<&'s Value>),
    /// 404.
    NotFound,
    /// A page was 401/403 (status) or another error status.
    Status(u16),
    /// A page is not in the snapshot: the URL that is missing.
    Absent(String),
}

/// The next page's URL: `nextLink` (ARM) or `@odata.nextLink` (Graph), whichever holds a
/// non-empty string (`"nextLink": null` does not hide `@odata.nextLink`).
fn next_link(body: &Value) -> Option<&str> {
    ["nextLink", "@odata.nextLink"].iter().find_map(|k| {
        body.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    })
}

/// The snapshot's responses hashed by request and by page key: lookups are O(1), so a
/// tenant of 50,000 storage accounts assesses in time linear in the snapshot.
#[derive(Debug)]
pub(crate) struct Index<'s> {
    responses: &'s [SnapshotResponse],
    by_request: HashMap<String, Vec<usize>>,
    by_page: HashMap<String, usize>,
    next_targets: HashSet<String>,
}

impl<'s> Index<'s> {
    pub(crate) fn new(responses: &'s [SnapshotResponse]) -> Self {
        let mut by_request: HashMap<String, Vec<usize>> = HashMap::with_capacity(responses.len());
        let mut by_page = HashMap::with_capacity(responses.len());
        let mut next_targets = HashSet::new();
        for (i, r) in responses.iter().enumerate() {
            let Some(k) = url_key(&r.method, &r.url) else {
                continue;
            };
            if let Some(next) = next_link(&r.body).and_then(|n| url_key(&r.method, n)) {
                next_targets.insert(next.page);
            }
            by_page.entry(k.page).or_insert(i);
            by_request.entry(k.request).or_default().push(i);
        }
        Index {
            responses,
            by_request,
            by_page,
            next_targets,
        }
    }

    /// The response to `spec`, following `nextLink` / `@odata.nextLink` across entries.
    pub(crate) fn fetch(&self, spec: &RequestSpec) -> Fetched<'s> {
        let Some(key) = url_key(&spec.method, &spec.url) else {
            return Fetched::Absent(spec.url.clone());
        };
        let Some(entries) = self.by_request.get(&key.request) else {
            return Fetched::Absent(spec.url.clone());
        };
        // The first page: the exact page if recorded, else the first entry that no other
        // entry's nextLink points at (so a later page is never taken for the first).
        let first = self.by_page.get(&key.page).copied().or_else(|| {
            entries.iter().copied().find(|&i| {
                url_key(&self.responses[i].method, &self.responses[i].url)
                    .is_some_and(|k| !self.next_targets.contains(&k.page))
            })
        });
        let Some(mut i) = first.or_else(|| entries.first().copied()) else {
            return Fetched::Absent(spec.url.clone());
        };
        let mut bodies = Vec::new();
        let mut seen = HashSet::new();
        loop {
            let r = &self.responses[i];
            match r.status {
                200..=299 => {}
                404 if bodies.is_empty() => return Fetched::NotFound,
                s => return Fetched::Status(s),
            }
            bodies.push(&r.body);
            seen.insert(i);
            let Some(next) = next_link(&r.body) else {
                return Fetched::Ok(bodies);
            };
            let found = url_key(&r.method, next).and_then(|k| self.by_page.get(&k.page));
            match found {
                Some(&n) if !seen.contains(&n) => i = n,
                // A nextLink back to a page already read: the list ends there.
                Some(_) => return Fetched::Ok(bodies),
                None => return Fetched::Absent(next.to_owned()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_fold_case_encoding_and_api_version() {
        let a = parse_url(
            "https://Management.Azure.com/SUBSCRIPTIONS/ABC/providers/x/?api-version=2022-01-01",
        )
        .unwrap();
        let b = parse_url("https://management.azure.com/subscriptions/abc/providers/X").unwrap();
        assert_eq!(a, b);
        let g1 = parse_url("https://graph.microsoft.com/v1.0/users?$filter=mail eq 'A@b.example'")
            .unwrap();
        let g2 = parse_url("https://graph.microsoft.com/v1.0/users?%24filter=mail%20eq%20%27a%40b.example%27&$select=id").unwrap();
        let g3 = parse_url("https://graph.microsoft.com/v1.0/users?$filter=mail+eq++'a@b.example'")
            .unwrap();
        assert_eq!(g1.request, g2.request);
        assert_eq!(g1.request, g3.request);
        assert_ne!(g1.page, g2.page);
        assert!(parse_url("http://x/y").is_none());
        assert!(parse_url("https:///y").is_none());
        assert!(parse_url("not a url").is_none());
        assert!(parse_url("https://x/%").is_some());
        assert!(parse_url("https://x/%4").is_some());
        assert_eq!(percent_decode("%e2%82%ac%zz%", false), "€%zz%");
    }

    #[test]
    fn follows_next_links_and_reports_missing_pages() {
        let base = "https://management.azure.com/subscriptions/s/providers/p";
        let page2 = format!("{base}?api-version=1&$skiptoken=2");
        let responses = vec![
            // Page 2 recorded first: it must not be taken for page 1.
            SnapshotResponse::get(page2.clone(), 200, json!({"value": [2]})),
            SnapshotResponse::get(
                format!("{base}?api-version=1"),
                200,
                json!({"value": [1], "nextLink": page2}),
            ),
        ];
        let idx = Index::new(&responses);
        let spec = RequestSpec {
            id: RequestId::S2,
            method: "GET".into(),
            url: format!("{base}?api-version=9"),
        };
        match idx.fetch(&spec) {
            Fetched::Ok(b) => assert_eq!(b.len(), 2),
            other => panic!("{other:?}"),
        }
        let broken = vec![SnapshotResponse::get(
            format!("{base}?api-version=1"),
            200,
            json!({"value": [1], "nextLink": format!("{base}?$skiptoken=3")}),
        )];
        let idx = Index::new(&broken);
        assert!(matches!(idx.fetch(&spec), Fetched::Absent(u) if u.contains("skiptoken=3")));
        let looped = vec![SnapshotResponse::get(
            format!("{base}?api-version=1"),
            200,
            json!({"value": [1], "nextLink": base}),
        )];
        let idx = Index::new(&looped);
        assert!(matches!(idx.fetch(&spec), Fetched::Ok(b) if b.len() == 1));
    }

    #[test]
    fn a_null_next_link_does_not_hide_the_odata_one() {
        let base = "https://graph.microsoft.com/v1.0/servicePrincipals";
        let page2 = format!("{base}?$skiptoken=2");
        let responses = vec![
            SnapshotResponse::get(
                base,
                200,
                json!({"value": [1], "nextLink": null, "@odata.nextLink": page2}),
            ),
            SnapshotResponse::get(page2.clone(), 200, json!({"value": [2]})),
        ];
        let idx = Index::new(&responses);
        let spec = RequestSpec {
            id: RequestId::G1,
            method: "GET".into(),
            url: base.into(),
        };
        assert!(matches!(idx.fetch(&spec), Fetched::Ok(b) if b.len() == 2));
        // And a missing second page is reported, not silently dropped.
        let idx = Index::new(&responses[..1]);
        assert!(matches!(idx.fetch(&spec), Fetched::Absent(u) if u == page2));
    }
}
