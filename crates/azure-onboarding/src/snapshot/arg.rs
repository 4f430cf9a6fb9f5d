//! The tenant's inventory through Azure Resource Graph (ARG), FACTS §9: a handful of paged
//! POST queries per 300 subscriptions instead of one ARM list per subscription per kind.
//!
//! - [`inventory_requests`] builds the queries. Their KQL is fixed text ([`InventoryQuery::kql`]):
//!   nothing from a plan or a snapshot goes into it. The subscriptions go into the body's
//!   `subscriptions` array as validated [`SubscriptionId`]s (at most
//!   [`ARG_SUBSCRIPTIONS_PER_QUERY`] a query), the page token into `options.$skipToken`
//!   as a JSON string.
//! - [`expand`] reads the recorded answers back and turns their rows into the very list
//!   responses the per-subscription ARM requests (S1, S2, S3, S5, S6) would have given, so
//!   the checks read both the same way. Only answers to our own queries are read, and only
//!   complete ones: a refused query (401/403) reads as a refused ARM list (unknown, naming
//!   the permission), and a partial one (a page missing, `resultTruncated`, rows short of
//!   `totalRecords`, a row that names no subscription) answers nothing, so what it lists
//!   stays unknown unless the ARM list itself was recorded (which then wins).
//! - Resource Graph leaves out rows the caller may not read rather than refusing them, so a
//!   list is answered only for a subscription whose own row came back from the
//!   subscriptions query (the identity reads it); for the others the per-subscription ARM
//!   requests are read instead (and say 403 when they are refused). What this cannot see:
//!   an identity that reads a subscription but not one resource type in it (a custom role
//!   without `Microsoft.Storage/storageAccounts/read`, say) gets an empty list from
//!   Resource Graph where ARM would have said 403.

use super::index::{Fetched, Index};
use super::requests::{RequestId, RequestSpec};
use super::url::{arm_url, url_key};
use super::SnapshotResponse;
use crate::catalog::endpoints as ep;
use crate::catalog::roles;
use crate::keyed::Keyed;
use crate::SubscriptionId;
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// The most subscriptions in one query (FACTS §9: "keep subscription groups under 300 per
/// query"; azqr uses 300).
pub const ARG_SUBSCRIPTIONS_PER_QUERY: usize = 300;

/// Rows a page asks for (`options.$top`): ARG's most (FACTS §9, 1,000 rows a page).
pub const ARG_PAGE_ROWS: usize = 1000;

/// One of the inventory queries, and the per-subscription ARM list it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InventoryQuery {
    /// `resourcecontainers`: the subscriptions, with state and management-group chain (S1).
    Subscriptions,
    /// `authorizationresources`: role assignments of the roles the checks read, at the
    /// subscriptions, below them and above them (management groups, root) (S2).
    RoleAssignments,
    /// `resources`: storage accounts with kind, SKU and network rules (S3).
    StorageAccounts,
    /// `securityresources`: Defender for Cloud pricings (S5).
    Pricings,
    /// `resources`: classic storage accounts (S6).
    ClassicStorageAccounts,
}

impl InventoryQuery {
    /// Every inventory query, in the order they are issued.
    pub const ALL: [InventoryQuery; 5] = [
        InventoryQuery::Subscriptions,
        InventoryQuery::RoleAssignments,
        InventoryQuery::StorageAccounts,
        InventoryQuery::Pricings,
        InventoryQuery::ClassicStorageAccounts,
    ];

    /// The per-subscription request whose answer this query's rows stand for.
    pub fn answers(self) -> RequestId {
        match self {
            InventoryQuery::Subscriptions => RequestId::S1,
            InventoryQuery::RoleAssignments => RequestId::S2,
            InventoryQuery::StorageAccounts => RequestId::S3,
            InventoryQuery::Pricings => RequestId::S5,
            InventoryQuery::ClassicStorageAccounts => RequestId::S6,
        }
    }

    /// The ARM list request of one subscription that this query answers.
    pub fn arm_request(self, sub: &SubscriptionId) -> RequestSpec {
        let s = sub.to_string();
        match self {
            InventoryQuery::Subscriptions => RequestSpec::subscription(&s),
            InventoryQuery::RoleAssignments => RequestSpec::role_assignments(&s),
            InventoryQuery::StorageAccounts => RequestSpec::storage_accounts(&s),
            InventoryQuery::Pricings => RequestSpec::pricings(&s),
            InventoryQuery::ClassicStorageAccounts => RequestSpec::classic_storage_accounts(&s),
        }
    }

    /// The query's KQL: fixed text (FACTS §9 tables). The role assignment query names the
    /// role definition GUIDs of the catalog the checks compare with, each checked to be a
    /// GUID (lowercase hex and hyphens) before it is written between quotes.
    pub fn kql(self) -> String {
        match self {
            InventoryQuery::Subscriptions => "resourcecontainers \
                | where type =~ 'microsoft.resources/subscriptions' \
                | project id, subscriptionId, tenantId, displayName = name, \
                state = tostring(properties.state), \
                managementGroupAncestorsChain = properties.managementGroupAncestorsChain"
                .into(),
            InventoryQuery::RoleAssignments => {
                let guids: Vec<String> = ROLES_READ
                    .iter()
                    .filter(|g| is_guid(g))
                    .map(|g| format!("'{}'", g.to_ascii_lowercase()))
                    .collect();
                format!(
                    "authorizationresources \
                    | where type =~ 'microsoft.authorization/roleassignments' \
                    | extend roleDefinitionGuid = tolower(tostring(split(tostring(properties.roleDefinitionId), '/')[-1])) \
                    | where roleDefinitionGuid in ({}) \
                    | project id, name, type, properties, subscriptionId",
                    guids.join(", ")
                )
            }
            InventoryQuery::StorageAccounts => "resources \
                | where type =~ 'microsoft.storage/storageaccounts' \
                | project id, name, type, kind, location, sku, properties, subscriptionId"
                .into(),
            InventoryQuery::Pricings => "securityresources \
                | where type =~ 'microsoft.security/pricings' \
                | project id, name, type, properties, subscriptionId"
                .into(),
            InventoryQuery::ClassicStorageAccounts => "resources \
                | where type =~ 'microsoft.classicstorage/storageaccounts' \
                | project id, name, type, subscriptionId"
                .into(),
        }
    }

    /// The query whose KQL is `kql` (whitespace runs folded), if it is one of ours.
    pub fn from_kql(kql: &str) -> Option<InventoryQuery> {
        let folded = fold(kql);
        Self::ALL.into_iter().find(|q| fold(&q.kql()) == folded)
    }
}

/// The role definitions whose assignments the checks read (Log Analytics Reader, Storage
/// Account Contributor, the Blob data roles): what the role assignment query keeps.
const ROLES_READ: [&str; 5] = [
    roles::LOG_ANALYTICS_READER.id,
    roles::STORAGE_ACCOUNT_CONTRIBUTOR.id,
    roles::STORAGE_BLOB_DATA_READER.id,
    roles::STORAGE_BLOB_DATA_CONTRIBUTOR.id,
    roles::STORAGE_BLOB_DATA_OWNER.id,
];

fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One inventory query over a group of subscriptions: what a collector POSTs (and pages)
/// and records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryRequest {
    /// Which query.
    pub query: InventoryQuery,
    /// The subscriptions it covers (at most [`ARG_SUBSCRIPTIONS_PER_QUERY`]).
    pub subscriptions: Vec<SubscriptionId>,
    /// `POST https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=…`.
    pub url: String,
}

impl InventoryRequest {
    /// The JSON body of the page after `skip_token` (`None`: the first page):
    /// `{ "subscriptions": […], "query": "…", "options": { "resultFormat": "objectArray",
    /// "$top": 1000, "$skipToken": … } }`; the role assignment query also asks for the
    /// assignments above the subscriptions (`authorizationScopeFilter`).
    pub fn body(&self, skip_token: Option<&str>) -> Value {
        let mut options = Map::new();
        options.insert("resultFormat".into(), "objectArray".into());
        options.insert("$top".into(), ARG_PAGE_ROWS.into());
        if self.query == InventoryQuery::RoleAssignments {
            options.insert(
                "authorizationScopeFilter".into(),
                "AtScopeAboveAndBelow".into(),
            );
        }
        if let Some(t) = skip_token {
            options.insert("$skipToken".into(), t.into());
        }
        let subs: Vec<String> = self.subscriptions.iter().map(|s| s.to_string()).collect();
        json!({ "subscriptions": subs, "query": self.query.kql(), "options": options })
    }
}

/// The inventory queries for `subscriptions` (duplicates dropped, in groups of at most
/// [`ARG_SUBSCRIPTIONS_PER_QUERY`]): every [`InventoryQuery`] per group.
///
/// ```
/// use azure_onboarding::{inventory_requests, SubscriptionId};
/// let subs: Vec<SubscriptionId> = (0..301)
///     .map(|i| format!("{i:08x}-1111-4111-8111-111111111111").parse().unwrap())
///     .collect();
/// let r = inventory_requests(&subs);
/// assert_eq!(r.len(), 10); // 5 queries × 2 groups
/// assert_eq!(r[0].subscriptions.len(), 300);
/// assert_eq!(r[9].subscriptions.len(), 1);
/// ```
pub fn inventory_requests(subscriptions: &[SubscriptionId]) -> Vec<InventoryRequest> {
    let mut seen = HashSet::new();
    let subs: Vec<SubscriptionId> = subscriptions
        .iter()
        .filter(|s| seen.insert(s.to_string()))
        .copied()
        .collect();
    let url = arm_url(ep::RESOURCE_GRAPH_PATH, ep::RESOURCE_GRAPH_API);
    subs.chunks(ARG_SUBSCRIPTIONS_PER_QUERY)
        .flat_map(|group| {
            InventoryQuery::ALL
                .into_iter()
                .map(|query| InventoryRequest {
                    query,
                    subscriptions: group.to_vec(),
                    url: url.clone(),
                })
        })
        .collect()
}

/// Whether an ARG answer says Resource Graph cut the result (`"resultTruncated": "true"`,
/// or `true`): then it is no answer, and the lists it stands for are read instead.
pub fn result_truncated(answer: &Value) -> bool {
    match answer.get("resultTruncated") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// An ARG answer's `$skipToken` (the next page), if non-empty.
pub fn skip_token(answer: &Value) -> Option<&str> {
    answer
        .get("$skipToken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
}

/// `sent` with `options.$skipToken` set to `token` (a JSON string: the one encoder of a
/// value in a JSON body).
pub(crate) fn with_skip_token(sent: &Value, token: &str) -> Value {
    let mut next = sent.clone();
    if let Some(o) = next.as_object_mut() {
        let options = o
            .entry("options")
            .or_insert_with(|| Value::Object(Map::new()));
        if !options.is_object() {
            *options = Value::Object(Map::new());
        }
        if let Some(opts) = options.as_object_mut() {
            opts.insert("$skipToken".into(), token.into());
        }
    }
    next
}

/// Whether `r` is a POST to Resource Graph's query endpoint with a body.
fn is_arg_request(r: &SnapshotResponse) -> bool {
    r.request_body.is_some()
        && url_key(&r.method, &r.url).is_some_and(|k| {
            k.request
                == format!(
                    "POST management.azure.com{}?",
                    ep::RESOURCE_GRAPH_PATH.to_ascii_lowercase()
                )
        })
}

/// What one recorded query came to.
enum Outcome<'s> {
    /// Every page, complete: the rows.
    Rows(Vec<&'s Map<String, Value>>),
    /// Refused (401/403).
    Refused(u16),
}

/// The subscriptions of a query body, each a valid GUID (canonical form); `None` if the
/// body has no such list (not one of ours).
fn body_subscriptions(body: &Value) -> Option<Vec<SubscriptionId>> {
    body.get("subscriptions")?
        .as_array()?
        .iter()
        .map(|s| s.as_str().and_then(|s| s.parse().ok()))
        .collect()
}

/// The rows of every page, or `None` when the answer is partial or not what ARG sends.
fn rows_of<'s>(pages: &[&'s Value]) -> Option<Vec<&'s Map<String, Value>>> {
    let mut rows = Vec::new();
    for p in pages {
        if result_truncated(p) {
            return None;
        }
        for row in p.get("data")?.as_array()? {
            rows.push(row.as_object()?);
        }
    }
    let total = pages
        .first()
        .and_then(|p| p.get("totalRecords"))
        .and_then(Value::as_u64);
    match total {
        Some(t) if t != rows.len() as u64 => None,
        _ => Some(rows),
    }
}

/// A row's subscription, from `subscriptionId` (canonical form).
fn row_subscription(row: &Map<String, Value>) -> Option<SubscriptionId> {
    row.get("subscriptionId")?.as_str()?.parse().ok()
}

/// The recorded answers to our inventory queries, turned into the per-subscription ARM
/// responses they stand for (see the module documentation). Empty when the snapshot holds
/// no Resource Graph answer. The assessment indexes them after the recorded responses, so
/// a recorded ARM list wins over its stand-in.
pub fn expand(responses: &[SnapshotResponse]) -> Vec<SnapshotResponse> {
    if !responses.iter().any(is_arg_request) {
        return Vec::new();
    }
    let idx = Index::new(responses);
    let mut done = HashSet::new();
    let mut answers: Vec<(InventoryQuery, Vec<SubscriptionId>, Outcome)> = Vec::new();
    for r in responses.iter().filter(|r| is_arg_request(r)) {
        let Some(sent) = r.request_body.as_ref() else {
            continue;
        };
        let later_page = sent
            .get("options")
            .and_then(|o| o.get("$skipToken"))
            .is_some_and(|t| !t.is_null());
        if later_page {
            continue;
        }
        let Some(query) = sent
            .get("query")
            .and_then(Value::as_str)
            .and_then(InventoryQuery::from_kql)
        else {
            continue;
        };
        let Some(subs) = body_subscriptions(sent) else {
            continue;
        };
        let Some(key) = super::url::request_key(&r.method, &r.url, Some(sent)) else {
            continue;
        };
        if !done.insert(key.request) {
            continue;
        }
        let outcome = match idx.fetch_request(&r.method, &r.url, Some(sent)) {
            Fetched::Ok(pages) => match rows_of(&pages) {
                Some(rows) => Outcome::Rows(rows),
                None => continue,
            },
            Fetched::Status(s @ (401 | 403)) => Outcome::Refused(s),
            _ => continue,
        };
        answers.push((query, subs, outcome));
    }

    // Each subscription's management groups (names, lowercase), from the subscriptions
    // query: which assignments above the subscriptions reach which of them.
    // (Keyed by the subscription's text in a `Keyed`: one hash table type for every such map
    // in the wasm builds, see keyed.rs.)
    let mut chains: Keyed<HashSet<String>> = Keyed::default();
    for (q, _, outcome) in &answers {
        if let (InventoryQuery::Subscriptions, Outcome::Rows(rows)) = (q, outcome) {
            for row in rows {
                let Some(sub) = row_subscription(row) else {
                    continue;
                };
                let Some(chain) = row
                    .get("managementGroupAncestorsChain")
                    .and_then(Value::as_array)
                else {
                    continue;
                };
                let names: Option<HashSet<String>> = chain
                    .iter()
                    .map(|g| g.get("name").and_then(Value::as_str).map(str::to_lowercase))
                    .collect();
                if let Some(names) = names {
                    chains.insert(sub.to_string(), names);
                }
            }
        }
    }

    // The subscriptions the collecting identity can read: Resource Graph leaves out what the
    // caller may not read instead of refusing it, so an empty list means "none" only for a
    // subscription whose own row came back.
    let visible: HashSet<String> = answers
        .iter()
        .filter(|(q, _, _)| *q == InventoryQuery::Subscriptions)
        .filter_map(|(_, _, o)| match o {
            Outcome::Rows(rows) => Some(
                rows.iter()
                    .filter_map(|r| row_subscription(r))
                    .map(|s| s.to_string()),
            ),
            Outcome::Refused(_) => None,
        })
        .flatten()
        .collect();

    let mut out = Vec::new();
    for (query, subs, outcome) in answers {
        match outcome {
            Outcome::Refused(status) => {
                for s in &subs {
                    out.push(SnapshotResponse::get(
                        query.arm_request(s).url,
                        status,
                        json!({"error": {"code": "ResourceGraphRefused",
                            "message": "Azure Resource Graph refused the inventory query that stands for this list"}}),
                    ));
                }
            }
            Outcome::Rows(rows) => out.extend(stand_ins(query, &subs, &rows, &chains, &visible)),
        }
    }
    out
}

/// The ARM responses the rows of one complete query stand for.
fn stand_ins(
    query: InventoryQuery,
    subs: &[SubscriptionId],
    rows: &[&Map<String, Value>],
    chains: &Keyed<HashSet<String>>,
    visible: &HashSet<String>,
) -> Vec<SnapshotResponse> {
    let covered: HashSet<String> = subs.iter().map(|s| s.to_string()).collect();
    let mut per_sub: Keyed<Vec<Value>> = Keyed::default();
    // Role assignments above the subscriptions: at the root (`/`) or a management group.
    let mut above: Vec<(Option<String>, &Map<String, Value>)> = Vec::new();
    for row in rows {
        let scope = row
            .get("properties")
            .and_then(|p| p.get("scope"))
            .and_then(Value::as_str);
        let sub = match (query, scope) {
            (InventoryQuery::RoleAssignments, Some(scope)) => {
                let s = scope.trim().trim_end_matches('/').to_ascii_lowercase();
                if s.is_empty() {
                    above.push((None, row));
                    continue;
                }
                if let Some(mg) =
                    s.strip_prefix("/providers/microsoft.management/managementgroups/")
                {
                    above.push((Some(mg.to_owned()), row));
                    continue;
                }
                s.strip_prefix("/subscriptions/")
                    .and_then(|r| r.split('/').next())
                    .and_then(|g| g.parse::<SubscriptionId>().ok())
            }
            _ => row_subscription(row),
        }
        .map(|s| s.to_string());
        match sub {
            Some(s) if covered.contains(&s) => per_sub
                .get_or_insert_with(s, Vec::new)
                .push(Value::Object((*row).clone())),
            // A row that names no subscription of the query: the answer is not what we
            // asked for, so it answers nothing.
            _ => return Vec::new(),
        }
    }
    let mut out = Vec::new();
    for sub in subs {
        let s = &sub.to_string();
        if !visible.contains(s) {
            continue;
        }
        let url = query.arm_request(sub).url;
        match query {
            InventoryQuery::Subscriptions => {
                // No row: ARG does not say the subscription is missing (it may not be
                // readable); the collector reads it with the ARM GET.
                if let Some(row) = per_sub.get(s).and_then(|r| r.first()) {
                    out.push(SnapshotResponse::get(url, 200, row.clone()));
                }
            }
            InventoryQuery::RoleAssignments => {
                let mut list = per_sub.get(s).cloned().unwrap_or_default();
                if !above.is_empty() {
                    let mgs = above.iter().any(|(mg, _)| mg.is_some());
                    let Some(chain) = chains.get(s) else {
                        if mgs {
                            // Which management groups hold it is unknown: so is the list.
                            continue;
                        }
                        list.extend(above.iter().map(|(_, r)| Value::Object((*r).clone())));
                        out.push(SnapshotResponse::get(url, 200, json!({ "value": list })));
                        continue;
                    };
                    list.extend(
                        above
                            .iter()
                            .filter(|(mg, _)| mg.as_ref().is_none_or(|m| chain.contains(m)))
                            .map(|(_, r)| Value::Object((*r).clone())),
                    );
                }
                out.push(SnapshotResponse::get(url, 200, json!({ "value": list })));
            }
            _ => {
                let list = per_sub.get(s).cloned().unwrap_or_default();
                out.push(SnapshotResponse::get(url, 200, json!({ "value": list })));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(i: u32) -> SubscriptionId {
        format!("{i:08x}-1111-4111-8111-111111111111")
            .parse()
            .unwrap()
    }

    #[test]
    fn queries_are_fixed_text_and_recognised_only_as_written() {
        for q in InventoryQuery::ALL {
            assert_eq!(InventoryQuery::from_kql(&q.kql()), Some(q));
            assert_eq!(
                InventoryQuery::from_kql(&format!("  {}\n", q.kql().replace(' ', "\n  "))),
                Some(q)
            );
            assert_eq!(
                InventoryQuery::from_kql(&format!("{} | take 1", q.kql())),
                None
            );
        }
        for g in ROLES_READ {
            assert!(is_guid(g), "{g}");
            assert!(InventoryQuery::RoleAssignments.kql().contains(g));
        }
    }

    #[test]
    fn bodies_carry_validated_subscriptions_and_the_page_token_as_json() {
        let r = &inventory_requests(&[sub(1), sub(1), sub(2)])[1];
        assert_eq!(r.query, InventoryQuery::RoleAssignments);
        assert_eq!(r.subscriptions, vec![sub(1), sub(2)]);
        assert_eq!(
            r.url,
            "https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01"
        );
        let evil = "x\"}, \"query\": \"resources | project secret";
        let b = r.body(Some(evil));
        assert_eq!(b["options"]["$skipToken"], evil);
        assert_eq!(b["query"], r.query.kql());
        assert_eq!(
            b["options"]["authorizationScopeFilter"],
            "AtScopeAboveAndBelow"
        );
        assert_eq!(b["subscriptions"][0], sub(1).to_string());
        assert_eq!(with_skip_token(&r.body(None), evil), b);
    }

    fn answer(rows: Vec<Value>, token: Option<&str>) -> Value {
        let mut a = json!({"totalRecords": rows.len(), "count": rows.len(), "data": rows, "resultTruncated": "false"});
        if let Some(t) = token {
            a["$skipToken"] = t.into();
        }
        a
    }

    /// The subscriptions query's answer: `subs` are readable.
    fn readable(subs: &[u32]) -> SnapshotResponse {
        let req = &inventory_requests(&subs.iter().map(|&s| sub(s)).collect::<Vec<_>>())[0];
        let rows = subs
            .iter()
            .map(|&s| json!({"id": format!("/subscriptions/{}", sub(s)), "subscriptionId": sub(s).to_string(), "state": "Enabled"}))
            .collect();
        SnapshotResponse::post(&req.url, req.body(None), 200, answer(rows, None))
    }

    /// `expand`'s storage account lists (the subscriptions' stand-ins left out).
    fn accounts(recorded: &[SnapshotResponse]) -> Vec<SnapshotResponse> {
        let mut all = vec![readable(&[1, 2])];
        all.extend_from_slice(recorded);
        expand(&all)
            .into_iter()
            .filter(|r| r.url.contains("storageAccounts"))
            .collect()
    }

    #[test]
    fn pages_rows_and_partial_answers() {
        let req = &inventory_requests(&[sub(1), sub(2)])[2]; // storage accounts
        let acct = |s: u32, n: &str| {
            json!({"id": format!("/subscriptions/{}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/{n}", sub(s)),
                   "name": n, "kind": "StorageV2", "subscriptionId": sub(s).to_string()})
        };
        let mut p1 = answer(vec![acct(1, "a")], Some("t2"));
        p1["totalRecords"] = 2.into();
        let mut p2 = answer(vec![acct(2, "b")], None);
        p2["totalRecords"] = 2.into();
        let full = vec![
            SnapshotResponse::post(&req.url, req.body(Some("t2")), 200, p2),
            SnapshotResponse::post(&req.url, req.body(None), 200, p1),
        ];
        let out = accounts(&full);
        assert_eq!(out.len(), 2);
        assert_eq!(
            out[0].url,
            RequestSpec::storage_accounts(&sub(1).to_string()).url
        );
        assert_eq!(out[0].body["value"][0]["name"], "a");
        assert_eq!(out[1].body["value"][0]["name"], "b");
        // Only for subscriptions the identity reads: Resource Graph leaves out the others.
        let mut one = vec![readable(&[1])];
        one.extend_from_slice(&full);
        let out: Vec<_> = expand(&one)
            .into_iter()
            .filter(|r| r.url.contains("storageAccounts"))
            .collect();
        assert_eq!(out.len(), 1);
        // The second page missing: nothing is answered.
        assert!(accounts(&full[1..]).is_empty());
        // Truncated: nothing either.
        let mut t = answer(vec![acct(1, "a")], None);
        t["resultTruncated"] = "true".into();
        assert!(accounts(&[SnapshotResponse::post(&req.url, req.body(None), 200, t)]).is_empty());
        // Rows short of totalRecords: nothing.
        let mut short = answer(vec![acct(1, "a")], None);
        short["totalRecords"] = 5.into();
        assert!(
            accounts(&[SnapshotResponse::post(&req.url, req.body(None), 200, short)]).is_empty()
        );
        // A query that is not ours: ignored.
        let mut other = req.body(None);
        other["query"] = "resources | project id, subscriptionId".into();
        assert!(accounts(&[SnapshotResponse::post(
            &req.url,
            other,
            200,
            answer(vec![], None)
        )])
        .is_empty());
        // Refused: a refused list per subscription.
        let out = accounts(&[SnapshotResponse::post(
            &req.url,
            req.body(None),
            403,
            json!({}),
        )]);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|r| r.status == 403));
        // A row of a subscription not asked for: the answer is not ours.
        let stray = answer(vec![acct(3, "c")], None);
        assert!(
            accounts(&[SnapshotResponse::post(&req.url, req.body(None), 200, stray)]).is_empty()
        );
    }

    #[test]
    fn assignments_above_reach_the_subscriptions_under_them() {
        let reqs = inventory_requests(&[sub(1), sub(2)]);
        let subs_row = |s: u32, mgs: &[&str]| {
            let chain: Vec<Value> = mgs.iter().map(|m| json!({"name": m})).collect();
            json!({"id": format!("/subscriptions/{}", sub(s)), "subscriptionId": sub(s).to_string(),
                   "state": "Enabled", "managementGroupAncestorsChain": chain})
        };
        let ra = |scope: &str| {
            json!({"id": format!("{scope}/providers/Microsoft.Authorization/roleAssignments/x"),
            "properties": {"scope": scope, "principalId": "p", "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/r"}})
        };
        let roles = SnapshotResponse::post(
            &reqs[1].url,
            reqs[1].body(None),
            200,
            answer(
                vec![
                    ra("/providers/Microsoft.Management/managementGroups/Prod"),
                    ra(&format!("/subscriptions/{}", sub(2))),
                ],
                None,
            ),
        );
        // Without the subscriptions' chains the lists are unknown.
        assert!(expand(std::slice::from_ref(&roles)).is_empty());
        let subs = SnapshotResponse::post(
            &reqs[0].url,
            reqs[0].body(None),
            200,
            answer(
                vec![
                    subs_row(1, &["prod", "tenant"]),
                    subs_row(2, &["dev", "tenant"]),
                ],
                None,
            ),
        );
        let out = expand(&[subs, roles]);
        let list = |s: u32| {
            let url = RequestSpec::role_assignments(&sub(s).to_string()).url;
            out.iter().find(|r| r.url == url).unwrap().body["value"]
                .as_array()
                .unwrap()
                .len()
        };
        assert_eq!(list(1), 1); // the management group's
        assert_eq!(list(2), 1); // its own
    }
}
