//! The snapshot's responses indexed by request and page, and paging (`nextLink`, and the
//! Blob service's `NextMarker`).

use super::blob_list::blob_next_page;
use super::requests::RequestSpec;
use super::url::request_key;
use super::SnapshotResponse;
use crate::keyed::Keyed;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

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
    /// A page's nextLink leads back to a page already read: the pages loop, and whether the
    /// list has more is unknown (the collector stops there too, with a note). The link.
    Looped(String),
    /// A page's `nextLink` / `@odata.nextLink` is neither a string nor null: where the list
    /// goes on cannot be read. The key.
    BadNextLink(&'static str),
}

/// The paging key of `body` holding something other than a string or null, if any.
fn bad_next_link(body: &Value) -> Option<&'static str> {
    ["nextLink", "@odata.nextLink"]
        .into_iter()
        .find(|k| body.get(k).is_some_and(|v| !v.is_string() && !v.is_null()))
}

/// The next page's URL: `nextLink` (ARM) or `@odata.nextLink` (Graph), whichever holds a
/// non-empty string (`"nextLink": null` does not hide `@odata.nextLink`). The collector
/// follows the same key the index does.
pub fn next_link(body: &Value) -> Option<(&'static str, &str)> {
    ["nextLink", "@odata.nextLink"].into_iter().find_map(|k| {
        body.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(|s| (k, s))
    })
}

/// The request of the page after `r`: for a POST with a body (a Resource Graph query), the
/// same URL with the body's `options.$skipToken` set to the answer's `$skipToken`; else its
/// `nextLink` / `@odata.nextLink`, or for a Blob-service list its URL with `marker` set to
/// its `NextMarker`.
fn next_page(r: &SnapshotResponse) -> Option<(String, Option<Value>)> {
    if let Some(sent) = &r.request_body {
        let token = super::arg::skip_token(&r.body)?;
        return Some((
            r.url.clone(),
            Some(super::arg::with_skip_token(sent, token)),
        ));
    }
    match next_link(&r.body) {
        Some((_, n)) => Some((n.to_owned(), None)),
        None => blob_next_page(&r.url, &r.body).map(|u| (u, None)),
    }
}

fn key_of(r: &SnapshotResponse) -> Option<super::url::UrlKey> {
    request_key(&r.method, &r.url, r.request_body.as_ref())
}

/// The snapshot's responses hashed by request and by page key: lookups are O(1), so a
/// tenant of 50,000 storage accounts assesses in time linear in the snapshot.
#[derive(Debug)]
pub(crate) struct Index<'s> {
    responses: &'s [SnapshotResponse],
    by_request: Keyed<Vec<usize>>,
    by_page: HashMap<String, usize>,
    next_targets: HashSet<String>,
}

impl<'s> Index<'s> {
    pub(crate) fn new(responses: &'s [SnapshotResponse]) -> Self {
        let mut by_request: Keyed<Vec<usize>> = Keyed::default();
        let mut by_page = HashMap::with_capacity(responses.len());
        let mut next_targets = HashSet::new();
        for (i, r) in responses.iter().enumerate() {
            let Some(k) = key_of(r) else {
                continue;
            };
            if let Some(next) =
                next_page(r).and_then(|(u, b)| request_key(&r.method, &u, b.as_ref()))
            {
                next_targets.insert(next.page);
            }
            by_page.entry(k.page).or_insert(i);
            by_request.get_or_insert_with(k.request, Vec::new).push(i);
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
        self.fetch_request(&spec.method, &spec.url, None)
    }

    /// The response to a `method` request to `url` that sent `body` (`None`: no body),
    /// following its pages across entries.
    pub(crate) fn fetch_request(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
    ) -> Fetched<'s> {
        let Some(key) = request_key(method, url, body) else {
            return Fetched::Absent(url.to_owned());
        };
        let Some(entries) = self.by_request.get(&key.request) else {
            return Fetched::Absent(url.to_owned());
        };
        // The first page: the exact page if recorded, else the first entry that no other
        // entry's nextLink points at (so a later page is never taken for the first).
        let first = self.by_page.get(&key.page).copied().or_else(|| {
            entries.iter().copied().find(|&i| {
                key_of(&self.responses[i]).is_some_and(|k| !self.next_targets.contains(&k.page))
            })
        });
        let Some(mut i) = first.or_else(|| entries.first().copied()) else {
            return Fetched::Absent(url.to_owned());
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
            if let Some(key) = bad_next_link(&r.body) {
                return Fetched::BadNextLink(key);
            }
            let Some((next, next_body)) = next_page(r) else {
                return Fetched::Ok(bodies);
            };
            let found = request_key(&r.method, &next, next_body.as_ref())
                .and_then(|k| self.by_page.get(&k.page));
            match found {
                Some(&n) if !seen.contains(&n) => i = n,
                // A nextLink back to a page already read: a server that loops; the rest of
                // the list is unknown, not empty.
                Some(_) => return Fetched::Looped(next),
                None => return Fetched::Absent(next),
            }
        }
    }
}

impl<'s> Index<'s> {
    /// The body of the first recorded answer to `spec` that is not a success (the Blob
    /// service's `<Error>` of a 403, say), if any.
    pub(crate) fn error_body(&self, spec: &RequestSpec) -> Option<&'s Value> {
        let key = request_key(&spec.method, &spec.url, None)?;
        self.by_request.get(&key.request)?.iter().find_map(|&i| {
            let r = &self.responses[i];
            (!(200..300).contains(&r.status)).then_some(&r.body)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::RequestId;
    use serde_json::json;

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
        assert!(matches!(idx.fetch(&spec), Fetched::Looped(u) if u == base));
        for next in [json!(5), json!({"href": base}), json!([base])] {
            let odd = vec![SnapshotResponse::get(
                format!("{base}?api-version=1"),
                200,
                json!({"value": [1], "nextLink": next}),
            )];
            let idx = Index::new(&odd);
            assert!(matches!(idx.fetch(&spec), Fetched::BadNextLink("nextLink")));
        }
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
