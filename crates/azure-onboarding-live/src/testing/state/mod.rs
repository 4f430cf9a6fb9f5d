//! The fake's state: the ARM resources the product changes, loaded from a snapshot, changed
//! by requests as Azure would change them, and read back as a snapshot.
//!
//! Owned (with [`FakeConfig::stateful`](super::FakeConfig::stateful)), for every subscription
//! whose list the snapshot holds with status 200:
//!
//! | resource | requests |
//! |---|---|
//! | subscriptions, tenants | `GET /subscriptions`, `GET /subscriptions/{s}`, `GET /tenants` (az login) |
//! | resource groups | `HEAD`/`GET`/`PUT /subscriptions/{s}/resourcegroups/{rg}` |
//! | role assignments | `GET {scope}/providers/Microsoft.Authorization/roleAssignments` with `$filter` `atScope()`, `principalId eq '…'`, `assignedTo('…')` (joined by `and`); `GET`/`PUT …/roleAssignments/{name}`; `GET …/roleDefinitions` |
//! | storage accounts | `POST …/checkNameAvailability`; `GET` list per subscription or resource group; `GET`/`PUT`/`PATCH` one account (PATCH replaces each property it names, e.g. `networkAcls` whole, as ARM does) |
//! | diagnostic settings | `GET` list, `GET`/`PUT` one, on an account or its `{blob,file,queue,table}Services/default` |
//! | Defender pricings | `GET` list, `GET`/`PUT` one |
//! | subscription deployments | `PUT`, `POST …/validate`, `GET /subscriptions/{s}/providers/Microsoft.Resources/deployments/{name}`: the template's resources applied as above ([`super::deploy`]) |
//! | Graph, for az's look-ups | `GET /v1.0/servicePrincipals?$filter=servicePrincipalNames/any(…)`, `POST /v1.0/directoryObjects/getByIds` (from the snapshot's Graph bodies) |
//!
//! Any api-version is accepted. A collection the snapshot does not hold with 200 (absent, or
//! 403) is not owned: its requests fall through to the snapshot's replay, as before.

use azure_onboarding::catalog::roles;
use azure_onboarding::{Snapshot, SnapshotResponse, SNAPSHOT_FORMAT};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

/// One request the fake received, with the tag of the client that sent it: the text after
/// `azcmd=` in its `User-Agent` (az appends `AZURE_HTTP_USER_AGENT` there), so a test can tell
/// which command made which call. No header or body is kept besides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedCall {
    /// The method.
    pub method: String,
    /// The public-form URL (`https://management.azure.com/…`, `https://graph.microsoft.com/…`),
    /// or the path for the token and discovery endpoints.
    pub url: String,
    /// The status answered (0 when the connection was closed).
    pub status: u16,
    /// The client's tag, if its `User-Agent` carried `azcmd=TAG`.
    pub tag: Option<String>,
}

/// What the fake keeps besides the replayed snapshot.
#[derive(Default)]
pub(crate) struct Ext {
    pub(crate) state: Mutex<Option<State>>,
    pub(crate) https_base: OnceLock<String>,
    pub(crate) calls: Mutex<Vec<RecordedCall>>,
}

const TIME: &str = "2026-11-30T12:00:00.0000000Z";
const ARM: &str = "https://management.azure.com";

/// Tag of a `User-Agent`: the word after `azcmd=`.
pub(crate) fn tag_of(user_agent: Option<&str>) -> Option<String> {
    let rest = user_agent?.split("azcmd=").nth(1)?;
    let tag: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!tag.is_empty()).then_some(tag)
}

/// ARM resources the product changes. Keys are lowercase; values keep Azure's case.
#[derive(Debug, Default)]
pub(crate) struct State {
    subscriptions: Vec<Value>,
    role_assignments: Vec<Value>,
    role_subs: BTreeSet<String>,
    storage: Vec<Value>,
    storage_subs: BTreeSet<String>,
    groups: BTreeSet<String>,
    /// Lowercase resource ID → (resource ID, settings).
    diagnostics: BTreeMap<String, (String, Vec<Value>)>,
    /// Lowercase subscription ID → pricings.
    pricings: BTreeMap<String, Vec<Value>>,
    /// Graph objects seen in the snapshot (service principals, users), for az's look-ups.
    graph_objects: Vec<Value>,
    /// Lowercase deployment ID → the deployment (see [`super::deploy`]).
    deployments: BTreeMap<String, Value>,
}

type Answer = (u16, Value);

fn error(status: u16, code: &str, message: &str) -> Answer {
    (status, json!({"error": {"code": code, "message": message}}))
}

fn not_found(what: &str) -> Answer {
    error(
        404,
        "ResourceNotFound",
        &format!("The resource '{what}' was not found (fake)."),
    )
}

/// Path segments of a public-form URL, percent-decoded, and its query pairs.
/// Host, path segments and query pairs of a URL.
type Parsed = (String, Vec<String>, Vec<(String, String)>);

fn parse(url: &str) -> Option<Parsed> {
    let (_, authority, rest) = crate::cloud::split_url(url)?;
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let segments = super::percent_decode(path, false)
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                super::percent_decode(k, true).to_ascii_lowercase(),
                super::percent_decode(v, true),
            )
        })
        .collect();
    Some((authority, segments, pairs))
}

fn lower(segments: &[String]) -> Vec<String> {
    segments.iter().map(|s| s.to_ascii_lowercase()).collect()
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn id_of(v: &Value) -> String {
    str_at(v, "/id").to_ascii_lowercase()
}

/// Adds `items` to `list`, replacing the entry of the same ID.
fn upsert(list: &mut Vec<Value>, item: Value) {
    let id = id_of(&item);
    match list.iter_mut().find(|v| id_of(v) == id) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}

fn values(body: &Value) -> impl Iterator<Item = &Value> {
    body.get("value")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// The subscription ID of an ARM ID (`/subscriptions/{s}/…`), lowercase.
fn subscription_of(id: &str) -> Option<String> {
    let mut parts = id.split('/').filter(|s| !s.is_empty());
    (parts.next()?.eq_ignore_ascii_case("subscriptions"))
        .then(|| parts.next().map(str::to_ascii_lowercase))
        .flatten()
}

/// `a` is `b` or an ancestor scope of it (case-insensitive).
fn at_or_above(a: &str, b: &str) -> bool {
    let (a, b) = (
        a.trim_end_matches('/').to_ascii_lowercase(),
        b.trim_end_matches('/').to_ascii_lowercase(),
    );
    a.is_empty() || a == b || b.starts_with(&format!("{a}/"))
}

/// Index of `providers/{namespace}/{type}` in lowercase segments.
fn provider_at(l: &[String], namespace: &str, kind: &str) -> Option<usize> {
    (0..l.len().saturating_sub(2))
        .find(|&i| l[i] == "providers" && l[i + 1] == namespace && l[i + 2] == kind)
}

const STORAGE_SERVICES: [&str; 4] = [
    "blobservices",
    "fileservices",
    "queueservices",
    "tableservices",
];

impl State {
    /// Loads what the snapshot holds with status 200.
    pub(crate) fn from_snapshot(responses: &[SnapshotResponse]) -> State {
        let mut state = State::default();
        for r in responses {
            let Some((host, segments, _)) = parse(&r.url) else {
                continue;
            };
            if r.status != 200 || r.method != "GET" {
                continue;
            }
            if host == "graph.microsoft.com" {
                for v in values(&r.body).chain(r.body.get("id").is_some().then_some(&r.body)) {
                    if v.get("appId").is_some() || v.get("userPrincipalName").is_some() {
                        upsert(&mut state.graph_objects, v.clone());
                    }
                }
                continue;
            }
            let l = lower(&segments);
            match l.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                ["subscriptions", _] => upsert(&mut state.subscriptions, r.body.clone()),
                ["subscriptions", s, "providers", "microsoft.authorization", "roleassignments"] => {
                    state.role_subs.insert((*s).to_owned());
                    for v in values(&r.body) {
                        upsert(&mut state.role_assignments, v.clone());
                    }
                }
                ["subscriptions", s, "providers", "microsoft.storage", "storageaccounts"] => {
                    state.storage_subs.insert((*s).to_owned());
                    for v in values(&r.body) {
                        let id = str_at(v, "/id");
                        if let Some(rg) = id.split('/').nth(4) {
                            state.groups.insert(format!(
                                "/subscriptions/{s}/resourcegroups/{}",
                                rg.to_ascii_lowercase()
                            ));
                        }
                        upsert(&mut state.storage, v.clone());
                    }
                }
                ["subscriptions", s, "providers", "microsoft.security", "pricings"] => {
                    let list = state.pricings.entry((*s).to_owned()).or_default();
                    for v in values(&r.body) {
                        upsert(list, v.clone());
                    }
                }
                [.., "providers", "microsoft.insights", "diagnosticsettings"] => {
                    let resource = format!("/{}", segments[..segments.len() - 3].join("/"));
                    let entry = state
                        .diagnostics
                        .entry(resource.to_ascii_lowercase())
                        .or_insert_with(|| (resource, Vec::new()));
                    for v in values(&r.body) {
                        upsert(&mut entry.1, v.clone());
                    }
                }
                _ => {}
            }
        }
        state
    }

    /// The state as a snapshot: the original responses, with every owned collection
    /// replaced by one 200 entry of its current content.
    pub(crate) fn to_snapshot(
        &self,
        original: &[SnapshotResponse],
        collected_at: &str,
    ) -> Snapshot {
        let mut responses: Vec<SnapshotResponse> = original
            .iter()
            .filter(|r| !(r.status == 200 && self.owns_collection(&r.url)))
            .cloned()
            .collect();
        let entry = |url: String, body: Value| SnapshotResponse {
            method: "GET".into(),
            url,
            status: 200,
            body,
            request_body: None,
        };
        for s in &self.subscriptions {
            responses.push(entry(
                format!("{ARM}{}?api-version=2022-12-01", str_at(s, "/id")),
                s.clone(),
            ));
        }
        for sub in &self.role_subs {
            let list: Vec<&Value> = self
                .role_assignments
                .iter()
                .filter(|a| subscription_of(str_at(a, "/properties/scope")).as_deref() == Some(sub))
                .collect();
            responses.push(entry(
                format!("{ARM}/subscriptions/{sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"),
                json!({"value": list}),
            ));
        }
        for sub in &self.storage_subs {
            responses.push(entry(
                format!("{ARM}/subscriptions/{sub}/providers/Microsoft.Storage/storageAccounts?api-version=2024-01-01"),
                json!({"value": self.accounts_in(&format!("/subscriptions/{sub}/"))}),
            ));
        }
        for (resource, list) in self.diagnostics.values() {
            responses.push(entry(
                format!("{ARM}{resource}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview"),
                json!({"value": list}),
            ));
        }
        for (sub, list) in &self.pricings {
            responses.push(entry(
                format!("{ARM}/subscriptions/{sub}/providers/Microsoft.Security/pricings?api-version=2024-01-01"),
                json!({"value": list}),
            ));
        }
        Snapshot {
            format: SNAPSHOT_FORMAT.into(),
            collected_at: collected_at.into(),
            responses,
        }
    }

    /// Whether a snapshot URL is one of the collections this state answers.
    fn owns_collection(&self, url: &str) -> bool {
        let Some((host, segments, _)) = parse(url) else {
            return false;
        };
        if host != "management.azure.com" {
            return false;
        }
        let l = lower(&segments);
        match l.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["subscriptions", s] => self
                .subscriptions
                .iter()
                .any(|v| str_at(v, "/subscriptionId").eq_ignore_ascii_case(s)),
            ["subscriptions", s, "providers", "microsoft.authorization", "roleassignments"] => {
                self.role_subs.contains(*s)
            }
            ["subscriptions", s, "providers", "microsoft.storage", "storageaccounts"] => {
                self.storage_subs.contains(*s)
            }
            ["subscriptions", s, "providers", "microsoft.security", "pricings"] => {
                self.pricings.contains_key(*s)
            }
            [.., "providers", "microsoft.insights", "diagnosticsettings"] => {
                let resource = format!("/{}", l[..l.len() - 3].join("/"));
                self.diagnostics.contains_key(&resource)
            }
            _ => false,
        }
    }

    fn accounts_in(&self, prefix: &str) -> Vec<&Value> {
        let prefix = prefix.to_ascii_lowercase();
        self.storage
            .iter()
            .filter(|a| id_of(a).starts_with(&prefix))
            .collect()
    }

    /// The answer to a request this state owns, or `None` to fall through to the replay.
    pub(crate) fn handle(&mut self, method: &str, url: &str, body: &[u8]) -> Option<Answer> {
        let (host, segments, query) = parse(url)?;
        let body: Value = if body.is_empty() {
            Value::Null
        } else {
            match parse_body(body) {
                Some(v) => v,
                None => {
                    return Some(error(
                        400,
                        "InvalidRequestContent",
                        "The request content is not valid JSON (fake).",
                    ))
                }
            }
        };
        if host == "graph.microsoft.com" {
            return self.graph(method, &segments, &query, &body);
        }
        let l = lower(&segments);
        let ls: Vec<&str> = l.iter().map(String::as_str).collect();
        match ls.as_slice() {
            ["subscriptions"] if method == "GET" => {
                return Some((
                    200,
                    json!({"value": self.subscriptions, "count": {"type": "Total", "value": self.subscriptions.len()}}),
                ));
            }
            ["tenants"] if method == "GET" => {
                let tenants: BTreeSet<&str> = self
                    .subscriptions
                    .iter()
                    .map(|s| str_at(s, "/tenantId"))
                    .collect();
                let value: Vec<Value> = tenants.iter().map(|t| json!({
                    "id": format!("/tenants/{t}"), "tenantId": t, "countryCode": "NL",
                    "displayName": "Contoso (fake)", "domains": ["contoso.example"],
                    "tenantCategory": "Home", "defaultDomain": "contoso.example", "tenantType": "AAD"
                })).collect();
                return Some((200, json!({"value": value})));
            }
            ["subscriptions", s] if method == "GET" => {
                return self
                    .subscriptions
                    .iter()
                    .find(|v| str_at(v, "/subscriptionId").eq_ignore_ascii_case(s))
                    .map(|v| (200, v.clone()));
            }
            ["subscriptions", s, "resourcegroups", _] if self.storage_subs.contains(*s) => {
                return Some(self.resource_group(method, &segments, &body));
            }
            ["subscriptions", s, "providers", "microsoft.storage", "checknameavailability"]
                if method == "POST" && self.storage_subs.contains(*s) =>
            {
                let name = str_at(&body, "/name").to_ascii_lowercase();
                let taken = self
                    .storage
                    .iter()
                    .any(|a| str_at(a, "/name").eq_ignore_ascii_case(&name));
                return Some((
                    200,
                    if taken {
                        json!({"nameAvailable": false, "reason": "AlreadyExists", "message": format!("The storage account named {name} is already taken.")})
                    } else {
                        json!({"nameAvailable": true})
                    },
                ));
            }
            ["subscriptions", s, "providers", "microsoft.resources", "deployments", name, rest @ ..]
                if self.storage_subs.contains(*s) =>
            {
                let id =
                    format!("/subscriptions/{s}/providers/microsoft.resources/deployments/{name}");
                let name = segments[5].clone();
                let sub = segments[1].clone();
                return Some(match (method, rest) {
                    ("PUT", []) => {
                        let answer = super::deploy::deploy(self, &sub, &name, &body, true);
                        if answer.0 < 300 {
                            self.deployments.insert(id, answer.1.clone());
                        }
                        answer
                    }
                    ("POST", ["validate"]) => {
                        super::deploy::deploy(self, &sub, &name, &body, false)
                    }
                    ("GET", []) => self.deployments.get(&id).map_or_else(
                        || {
                            error(
                                404,
                                "DeploymentNotFound",
                                &format!("Deployment '{name}' could not be found (fake)."),
                            )
                        },
                        |d| (200, d.clone()),
                    ),
                    _ => error(405, "MethodNotAllowed", "Not supported by the fake."),
                });
            }
            _ => {}
        }
        if let Some(i) = provider_at(&l, "microsoft.authorization", "roleassignments") {
            let scope = format!("/{}", segments[..i].join("/"));
            if !self.role_subs.contains(&subscription_of(&scope)?) {
                return None;
            }
            return Some(match &segments[i + 3..] {
                [] if method == "GET" => self.list_assignments(&scope, &query),
                [name] if method == "GET" => {
                    let id =
                        format!("{scope}/providers/Microsoft.Authorization/roleAssignments/{name}");
                    self.role_assignments
                        .iter()
                        .find(|a| id_of(a) == id.to_ascii_lowercase())
                        .map_or_else(
                            || {
                                error(
                                    404,
                                    "RoleAssignmentNotFound",
                                    "The role assignment does not exist (fake).",
                                )
                            },
                            |a| (200, a.clone()),
                        )
                }
                [name] if method == "PUT" => self.put_assignment(&scope, name, &body),
                _ => error(405, "MethodNotAllowed", "Not supported by the fake."),
            });
        }
        if let Some(i) = provider_at(&l, "microsoft.authorization", "roledefinitions") {
            let scope = format!("/{}", segments[..i].join("/"));
            let sub = subscription_of(&scope)?;
            if method != "GET" || !self.role_subs.contains(&sub) {
                return None;
            }
            return Some((200, role_definitions(&sub)));
        }
        if let Some(i) = provider_at(&l, "microsoft.insights", "diagnosticsettings") {
            let resource = format!("/{}", segments[..i].join("/"));
            return self.diagnostic(method, &resource, &segments[i + 3..], &body);
        }
        if let Some(i) = provider_at(&l, "microsoft.security", "pricings") {
            let sub = match ls.as_slice() {
                ["subscriptions", s, ..] if i == 2 => (*s).to_owned(),
                _ => return None,
            };
            return self.pricing(method, &sub, &segments[i + 3..], &body);
        }
        if let Some(i) = provider_at(&l, "microsoft.storage", "storageaccounts") {
            let sub = match ls.as_slice() {
                ["subscriptions", s, ..] => (*s).to_owned(),
                _ => return None,
            };
            if !self.storage_subs.contains(&sub) {
                return None;
            }
            let container = format!("/{}/", segments[..i].join("/"));
            return Some(match &segments[i + 3..] {
                [] if method == "GET" => (200, json!({"value": self.accounts_in(&container)})),
                [name] => self.storage_account(method, &segments[..i], name, &body),
                _ => return None,
            });
        }
        None
    }
}

/// A request body: JSON, or what `az deployment … create` sends, JSON with one unquoted
/// key (`…, template:{…}}}`, spliced in by azure-cli), which ARM's lenient parser accepts.
fn parse_body(body: &[u8]) -> Option<Value> {
    if let Ok(v) = serde_json::from_slice(body) {
        return Some(v);
    }
    let text = std::str::from_utf8(body).ok()?;
    let (head, tail) = text.split_once(", template:")?;
    serde_json::from_str(&format!("{head}, \"template\":{tail}")).ok()
}

/// A role definitions list as ARM answers it for a subscription (the built-in roles the
/// catalog names).
fn role_definitions(sub: &str) -> Value {
    let known = [
        roles::READER,
        roles::LOG_ANALYTICS_READER,
        roles::STORAGE_BLOB_DATA_READER,
        roles::STORAGE_ACCOUNT_CONTRIBUTOR,
        roles::SECURITY_READER,
        roles::MONITORING_READER,
        roles::CONTRIBUTOR,
        roles::OWNER,
    ];
    let value: Vec<Value> = known.iter().map(|r| json!({
        "id": format!("/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{}", r.id),
        "name": r.id,
        "type": "Microsoft.Authorization/roleDefinitions",
        "properties": {
            "roleName": r.name, "type": "BuiltInRole", "description": "",
            "assignableScopes": ["/"], "permissions": [], "createdOn": TIME, "updatedOn": TIME,
            "createdBy": null, "updatedBy": null
        }
    })).collect();
    json!({"value": value})
}

fn new_account(id: &str, name: &str, body: &Value) -> Value {
    let location = body.get("location").cloned().unwrap_or(json!("westeurope"));
    let loc = location.as_str().unwrap_or("westeurope").to_owned();
    let sku = body
        .pointer("/sku/name")
        .and_then(Value::as_str)
        .unwrap_or("Standard_LRS")
        .to_owned();
    let endpoint = |svc: &str| format!("https://{name}.{svc}.core.windows.net/");
    json!({
        "sku": {"name": sku, "tier": if sku.starts_with("Premium") { "Premium" } else { "Standard" }},
        "kind": body.get("kind").cloned().unwrap_or(json!("StorageV2")),
        "id": id,
        "name": name,
        "type": "Microsoft.Storage/storageAccounts",
        "location": location,
        "tags": body.get("tags").cloned().unwrap_or(json!({})),
        "properties": {
            "keyCreationTime": {"key1": TIME, "key2": TIME},
            "privateEndpointConnections": [],
            "minimumTlsVersion": "TLS1_0",
            "allowBlobPublicAccess": true,
            "publicNetworkAccess": "Enabled",
            "networkAcls": {"bypass": "AzureServices", "virtualNetworkRules": [], "ipRules": [], "defaultAction": "Allow"},
            "supportsHttpsTrafficOnly": true,
            "encryption": {
                "services": {"file": {"keyType": "Account", "enabled": true, "lastEnabledTime": TIME},
                             "blob": {"keyType": "Account", "enabled": true, "lastEnabledTime": TIME}},
                "keySource": "Microsoft.Storage"
            },
            "accessTier": "Hot",
            "provisioningState": "Succeeded",
            "creationTime": TIME,
            "primaryEndpoints": {"dfs": endpoint("dfs"), "web": endpoint("z6.web"), "blob": endpoint("blob"),
                                  "queue": endpoint("queue"), "table": endpoint("table"), "file": endpoint("file")},
            "primaryLocation": loc,
            "statusOfPrimary": "available"
        }
    })
}

/// PATCH (and PUT on an existing account): each named top-level field and each named
/// property replaces the old one whole, as the storage resource provider does.
fn merge_account(account: &mut Value, body: &Value) {
    for k in ["sku", "tags", "identity", "kind"] {
        if let Some(v) = body.get(k) {
            if !v.is_null() {
                account[k] = v.clone();
            }
        }
    }
    if let (Some(props), Some(given)) = (
        account.get_mut("properties").and_then(Value::as_object_mut),
        body.get("properties").and_then(Value::as_object),
    ) {
        for (k, v) in given {
            if !v.is_null() {
                props.insert(k.clone(), v.clone());
            }
        }
    }
}

mod resources;
#[cfg(test)]
mod tests;
