//! The fake's Azure Resource Graph endpoint (`POST /providers/Microsoft.ResourceGraph/resources`,
//! FACTS §9), answering the collector's inventory queries from its model: the snapshot's
//! per-subscription ARM lists (S1, S2, S3, S5, S6), so that the same tenant can be collected
//! both ways.
//!
//! It parses only what the collector's builder emits: a query text that is one of
//! [`InventoryQuery`]'s (exact, whitespace folded), 1 to 300 subscription GUIDs,
//! `resultFormat: objectArray`, `$top` ≤ 1,000, a `$skipToken` it issued. Anything else is
//! refused with 400. Like Resource Graph it leaves out what the caller may not read (a list
//! the model answers with a status other than 200 gives no rows), returns each role
//! assignment above the subscriptions once, and pages with `$skipToken`. The quota window is
//! the throttling's ([`super::throttle`]); [`ResourceGraphConfig::refuse`] answers every query
//! 403, to test the fallback to the lists.

use super::Shared;
use azure_onboarding::snapshot_rules::next_link;
use azure_onboarding::{InventoryQuery, SubscriptionId, ARG_PAGE_ROWS};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// How the fake's Resource Graph answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceGraphConfig {
    /// Answer every query 403 (the identity may not use Resource Graph).
    pub refuse: bool,
    /// The most rows a page holds (at most 1,000; smaller to test paging).
    pub page_rows: usize,
    /// Answer as Resource Graph does when it cut a result it could not page: the first page
    /// only, `"resultTruncated": "true"`, no `$skipToken`.
    pub truncate: bool,
}

impl Default for ResourceGraphConfig {
    fn default() -> Self {
        ResourceGraphConfig {
            refuse: false,
            page_rows: ARG_PAGE_ROWS,
            truncate: false,
        }
    }
}

const TOKEN_PREFIX: &str = "fake-skip-";

fn bad(message: &str) -> (u16, Value) {
    (
        400,
        json!({"error": {"code": "BadRequest", "message": format!("fake Resource Graph: {message}")}}),
    )
}

/// The answer to one query (`body` as sent).
pub(super) fn answer(shared: &Shared, config: &ResourceGraphConfig, body: &[u8]) -> (u16, Value) {
    if config.refuse {
        return (
            403,
            json!({"error": {"code": "AuthorizationFailed", "message": "fake Resource Graph: the caller may not query (switch `refuse`)"}}),
        );
    }
    let Ok(sent) = serde_json::from_slice::<Value>(body) else {
        return bad("the body is not JSON");
    };
    let Some(sent) = sent.as_object() else {
        return bad("the body is not an object");
    };
    if sent
        .keys()
        .any(|k| !["subscriptions", "query", "options"].contains(&k.as_str()))
    {
        return bad("unexpected field in the body");
    }
    let Some(query) = sent
        .get("query")
        .and_then(Value::as_str)
        .and_then(InventoryQuery::from_kql)
    else {
        return bad("only the collector's inventory queries are understood");
    };
    let subs: Option<Vec<SubscriptionId>> = sent
        .get("subscriptions")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().map(|s| s.as_str()?.parse().ok()).collect());
    let Some(subs) = subs.filter(|s| !s.is_empty() && s.len() <= 300) else {
        return bad("`subscriptions` must be 1 to 300 subscription GUIDs");
    };
    let empty = Map::new();
    let options = match sent.get("options") {
        None => &empty,
        Some(Value::Object(o)) => o,
        Some(_) => return bad("`options` is not an object"),
    };
    let mut top = ARG_PAGE_ROWS;
    let mut offset = 0usize;
    for (k, v) in options {
        match (k.as_str(), v) {
            ("resultFormat", Value::String(f)) if f == "objectArray" => {}
            ("$top", Value::Number(n)) if n.as_u64().is_some_and(|n| (1..=1000).contains(&n)) => {
                top = n.as_u64().unwrap_or(1000) as usize;
            }
            ("$skipToken", Value::String(t)) => {
                match t.strip_prefix(TOKEN_PREFIX).and_then(|n| n.parse().ok()) {
                    Some(n) => offset = n,
                    None => return bad("a $skipToken the fake did not issue"),
                }
            }
            ("authorizationScopeFilter", Value::String(f))
                if query == InventoryQuery::RoleAssignments && f == "AtScopeAboveAndBelow" => {}
            _ => return bad("an option the fake does not understand"),
        }
    }
    let rows = rows(shared, query, &subs);
    let per_page = top.min(config.page_rows.clamp(1, ARG_PAGE_ROWS));
    let page: Vec<Value> = rows.iter().skip(offset).take(per_page).cloned().collect();
    let mut out = json!({
        "totalRecords": rows.len(),
        "count": page.len(),
        "data": page,
        "facets": [],
        "resultTruncated": "false",
    });
    if config.truncate && per_page < rows.len() {
        out["resultTruncated"] = "true".into();
    } else if offset + per_page < rows.len() {
        out["$skipToken"] = format!("{TOKEN_PREFIX}{}", offset + per_page).into();
    }
    (200, out)
}

/// The items of the model's list at `url` (following its nextLinks), or `None` when the
/// model does not answer it with 200.
fn list(shared: &Shared, url: &str) -> Option<Vec<Value>> {
    let mut items = Vec::new();
    let mut url = url.to_owned();
    let mut seen = HashSet::new();
    loop {
        let r = shared.recorded(&url)?;
        if r.status != 200 || !seen.insert(url.clone()) {
            return (r.status == 200).then_some(items);
        }
        match &r.body {
            Value::Array(a) => items.extend(a.iter().cloned()),
            b => items.extend(b.get("value")?.as_array()?.iter().cloned()),
        }
        match next_link(&r.body) {
            Some((_, n)) => url = n.to_owned(),
            None => return Some(items),
        }
    }
}

/// Whether a role assignment's role is one the query keeps (its KQL names the GUIDs).
fn kept(query_text: &str, item: &Value) -> bool {
    let id = item
        .pointer("/properties/roleDefinitionId")
        .or_else(|| item.get("roleDefinitionId"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let guid = id.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    !guid.is_empty() && query_text.contains(&format!("'{}'", guid.to_ascii_lowercase()))
}

fn scope_of(item: &Value) -> String {
    item.pointer("/properties/scope")
        .or_else(|| item.get("scope"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .trim_end_matches('/')
        .to_ascii_lowercase()
}

const MG_PREFIX: &str = "/providers/microsoft.management/managementgroups/";

/// The rows of `query` over `subs`, from the model.
fn rows(shared: &Shared, query: InventoryQuery, subs: &[SubscriptionId]) -> Vec<Value> {
    let text = query.kql();
    let mut rows = Vec::new();
    let mut above_seen = HashSet::new();
    for s in subs {
        let url = query.arm_request(s).url;
        let sid = s.to_string();
        match query {
            InventoryQuery::Subscriptions => {
                let Some(r) = shared.recorded(&url).filter(|r| r.status == 200) else {
                    continue;
                };
                let mut row = r.body.clone();
                if !row.is_object() {
                    continue;
                }
                // The management groups above it: those its role assignment list shows,
                // under the tenant root group.
                let mut chain: Vec<Value> = Vec::new();
                let ras = list(shared, &InventoryQuery::RoleAssignments.arm_request(s).url);
                for a in ras.unwrap_or_default() {
                    if let Some(mg) = scope_of(&a).strip_prefix(MG_PREFIX) {
                        if !chain.iter().any(|c| c["name"] == mg) {
                            chain.push(json!({ "name": mg }));
                        }
                    }
                }
                let root = row
                    .get("tenantId")
                    .and_then(Value::as_str)
                    .unwrap_or("tenant-root")
                    .to_owned();
                chain.push(json!({ "name": root }));
                row["subscriptionId"] = sid.into();
                row["managementGroupAncestorsChain"] = Value::Array(chain);
                rows.push(row);
            }
            _ => {
                for mut item in list(shared, &url).unwrap_or_default() {
                    if query == InventoryQuery::RoleAssignments {
                        if !kept(&text, &item) {
                            continue;
                        }
                        let scope = scope_of(&item);
                        if scope.is_empty() || scope.starts_with(MG_PREFIX) {
                            // Above the subscriptions: once, with no subscription.
                            let id = item.get("id").and_then(Value::as_str).unwrap_or("");
                            if above_seen.insert(id.to_ascii_lowercase()) {
                                item["subscriptionId"] = "".into();
                                rows.push(item);
                            }
                            continue;
                        }
                    }
                    if item.is_object() {
                        item["subscriptionId"] = sid.clone().into();
                        rows.push(item);
                    }
                }
            }
        }
    }
    rows
}
