//! The fake's handlers per resource type (resource groups, role assignments, storage
//! accounts, diagnostic settings, Defender pricings, Graph), split from `state` to keep
//! each file readable.

use super::*;

impl State {
    pub(super) fn resource_group(
        &mut self,
        method: &str,
        segments: &[String],
        body: &Value,
    ) -> Answer {
        let id = format!("/{}", segments.join("/"));
        let key = id.to_ascii_lowercase();
        let group = |state: &State| {
            json!({
                "id": id, "name": segments[3], "type": "Microsoft.Resources/resourceGroups",
                "location": state.storage.iter().find(|a| id_of(a).starts_with(&format!("{key}/"))).map_or("westeurope", |a| str_at(a, "/location")),
                "properties": {"provisioningState": "Succeeded"}
            })
        };
        match method {
            "HEAD" | "GET" if self.groups.contains(&key) => {
                (if method == "HEAD" { 204 } else { 200 }, group(self))
            }
            "HEAD" | "GET" => error(
                404,
                "ResourceGroupNotFound",
                &format!(
                    "Resource group '{}' could not be found (fake).",
                    segments[3]
                ),
            ),
            "PUT" => {
                let created = self.groups.insert(key.clone());
                let mut g = group(self);
                if let Some(loc) = body.get("location") {
                    g["location"] = loc.clone();
                }
                (if created { 201 } else { 200 }, g)
            }
            _ => error(405, "MethodNotAllowed", "Not supported by the fake."),
        }
    }

    pub(super) fn list_assignments(&self, scope: &str, query: &[(String, String)]) -> Answer {
        let filter = query
            .iter()
            .find(|(k, _)| k == "$filter")
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default();
        let mut at_scope = false;
        let mut principal: Option<String> = None;
        for term in filter
            .split(" and ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let t = term.to_ascii_lowercase();
            if t == "atscope()" {
                at_scope = true;
            } else if let Some(v) = t
                .strip_prefix("principalid eq '")
                .and_then(|v| v.strip_suffix('\''))
            {
                principal = Some(v.to_owned());
            } else if let Some(v) = t
                .strip_prefix("assignedto('")
                .and_then(|v| v.strip_suffix("')"))
            {
                principal = Some(v.to_owned());
            } else {
                return error(
                    400,
                    "InvalidFilter",
                    &format!("The filter '{term}' is not supported (fake)."),
                );
            }
        }
        let value: Vec<&Value> = self
            .role_assignments
            .iter()
            .filter(|a| {
                let s = str_at(a, "/properties/scope");
                let scoped = at_or_above(s, scope) || (!at_scope && at_or_above(scope, s));
                let who = principal
                    .as_deref()
                    .is_none_or(|p| str_at(a, "/properties/principalId").eq_ignore_ascii_case(p));
                scoped && who
            })
            .collect();
        (200, json!({"value": value}))
    }

    pub(super) fn put_assignment(&mut self, scope: &str, name: &str, body: &Value) -> Answer {
        let props = body.get("properties").cloned().unwrap_or(Value::Null);
        let role = str_at(&props, "/roleDefinitionId");
        let principal = str_at(&props, "/principalId");
        let role_guid = role.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        let role_ok = {
            let l = role.to_ascii_lowercase();
            let sub_ok = match subscription_of(&l) {
                Some(s) => subscription_of(scope).as_deref() == Some(s.as_str()),
                None => true,
            };
            l.ends_with(&format!(
                "/providers/microsoft.authorization/roledefinitions/{role_guid}"
            )) && role_guid.len() == 36
                && sub_ok
        };
        if !role_ok {
            return error(400, "InvalidRoleDefinitionId", &format!("The role definition ID '{role}' is not valid for scope '{scope}' (fake: a subscription-qualified role definition must name the scope's subscription)."));
        }
        if principal.len() != 36 {
            return error(
                400,
                "InvalidPrincipalId",
                "A valid principal ID must be provided (fake).",
            );
        }
        let id = format!("{scope}/providers/Microsoft.Authorization/roleAssignments/{name}");
        let same = |a: &&Value| {
            at_or_above(str_at(a, "/properties/scope"), scope)
                && at_or_above(scope, str_at(a, "/properties/scope"))
                && str_at(a, "/properties/principalId").eq_ignore_ascii_case(principal)
                && str_at(a, "/properties/roleDefinitionId")
                    .to_ascii_lowercase()
                    .ends_with(&role_guid)
        };
        if let Some(existing) = self.role_assignments.iter().find(same) {
            if id_of(existing) != id.to_ascii_lowercase() {
                return error(
                    409,
                    "RoleAssignmentExists",
                    "The role assignment already exists.",
                );
            }
        }
        let assignment = json!({
            "properties": {
                "roleDefinitionId": role,
                "principalId": principal,
                "principalType": props.get("principalType").cloned().unwrap_or(json!("User")),
                "scope": scope,
                "condition": props.get("condition").cloned().unwrap_or(Value::Null),
                "conditionVersion": props.get("conditionVersion").cloned().unwrap_or(Value::Null),
                "createdOn": TIME, "updatedOn": TIME,
                "createdBy": "00000000-0000-0000-0000-00000000fa4e", "updatedBy": "00000000-0000-0000-0000-00000000fa4e",
                "delegatedManagedIdentityResourceId": null,
                "description": props.get("description").cloned().unwrap_or(Value::Null),
            },
            "id": id,
            "type": "Microsoft.Authorization/roleAssignments",
            "name": name,
        });
        upsert(&mut self.role_assignments, assignment.clone());
        (201, assignment)
    }

    pub(super) fn storage_account(
        &mut self,
        method: &str,
        container: &[String],
        name: &str,
        body: &Value,
    ) -> Answer {
        let id = format!(
            "/{}/providers/Microsoft.Storage/storageAccounts/{name}",
            container.join("/")
        );
        let key = id.to_ascii_lowercase();
        let pos = self.storage.iter().position(|a| id_of(a) == key);
        match (method, pos) {
            ("GET", Some(i)) => (200, self.storage[i].clone()),
            ("GET" | "PATCH", None) => error(404, "ResourceNotFound", &format!("The Resource 'Microsoft.Storage/storageAccounts/{name}' under resource group '{}' was not found (fake).", container.get(3).map_or("", String::as_str))),
            ("PATCH", Some(i)) => {
                let account = &mut self.storage[i];
                merge_account(account, body);
                (200, account.clone())
            }
            ("PUT", _) => {
                let group = format!("/{}", container.join("/")).to_ascii_lowercase();
                if container.len() != 4 || !self.groups.contains(&group) {
                    return error(404, "ResourceGroupNotFound", "The resource group was not found (fake).");
                }
                let mut account = match pos {
                    Some(i) => self.storage[i].clone(),
                    None => new_account(&id, name, body),
                };
                merge_account(&mut account, body);
                upsert(&mut self.storage, account.clone());
                (200, account)
            }
            _ => error(405, "MethodNotAllowed", "Not supported by the fake."),
        }
    }

    /// Diagnostic settings of a storage account or one of its four services (the account
    /// must exist in the state).
    pub(super) fn diagnostic(
        &mut self,
        method: &str,
        resource: &str,
        rest: &[String],
        body: &Value,
    ) -> Option<Answer> {
        let key = resource.to_ascii_lowercase();
        let account = match key.rsplit_once("/providers/microsoft.storage/storageaccounts/") {
            Some((_, tail)) => {
                let (name, service) = tail.split_once('/').unwrap_or((tail, ""));
                let ok = service.is_empty()
                    || STORAGE_SERVICES
                        .iter()
                        .any(|s| service == format!("{s}/default"));
                if !ok {
                    return None;
                }
                key[..key.len() - tail.len()].to_owned() + name
            }
            None => return None,
        };
        if !self.storage.iter().any(|a| id_of(a) == account) {
            return None;
        }
        let entry = self
            .diagnostics
            .entry(key)
            .or_insert_with(|| (resource.to_owned(), Vec::new()));
        Some(match (method, rest) {
            ("GET", []) => (200, json!({"value": entry.1})),
            ("GET", [name]) => entry
                .1
                .iter()
                .find(|d| str_at(d, "/name").eq_ignore_ascii_case(name))
                .map_or_else(
                    || not_found(&format!("diagnosticSettings/{name}")),
                    |d| (200, d.clone()),
                ),
            ("PUT", [name]) => {
                let props = body.get("properties").cloned().unwrap_or(json!({}));
                let with_retention = |list: Option<&Value>, group: bool| -> Value {
                    Value::Array(
                        list.and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .map(|e| {
                                let mut e = e.clone();
                                if let Some(o) = e.as_object_mut() {
                                    if group {
                                        o.entry("categoryGroup").or_insert(Value::Null);
                                    }
                                    o.entry("retentionPolicy")
                                        .or_insert(json!({"enabled": false, "days": 0}));
                                }
                                e
                            })
                            .collect(),
                    )
                };
                let mut p = Map::new();
                for k in [
                    "storageAccountId",
                    "serviceBusRuleId",
                    "workspaceId",
                    "eventHubAuthorizationRuleId",
                    "eventHubName",
                    "marketplacePartnerId",
                    "logAnalyticsDestinationType",
                ] {
                    p.insert(k.into(), props.get(k).cloned().unwrap_or(Value::Null));
                }
                p.insert(
                    "metrics".into(),
                    with_retention(props.get("metrics"), false),
                );
                p.insert("logs".into(), with_retention(props.get("logs"), true));
                let setting = json!({
                    "id": format!("{}/providers/microsoft.insights/diagnosticSettings/{name}", entry.0),
                    "type": "Microsoft.Insights/diagnosticSettings",
                    "name": name,
                    "location": null,
                    "properties": p,
                });
                upsert(&mut entry.1, setting.clone());
                (200, setting)
            }
            _ => error(405, "MethodNotAllowed", "Not supported by the fake."),
        })
    }

    pub(super) fn pricing(
        &mut self,
        method: &str,
        sub: &str,
        rest: &[String],
        body: &Value,
    ) -> Option<Answer> {
        let list = self.pricings.get_mut(sub)?;
        Some(match (method, rest) {
            ("GET", []) => (200, json!({"value": list})),
            ("GET", [name]) => list
                .iter()
                .find(|p| str_at(p, "/name").eq_ignore_ascii_case(name))
                .map_or_else(
                    || not_found(&format!("pricings/{name}")),
                    |p| (200, p.clone()),
                ),
            ("PUT", [name]) => {
                let given = body.get("properties").cloned().unwrap_or(json!({}));
                let tier = str_at(&given, "/pricingTier");
                if tier != "Standard" && tier != "Free" {
                    return Some(error(
                        400,
                        "InvalidInputJson",
                        "pricingTier must be Free or Standard (fake).",
                    ));
                }
                let existing = list
                    .iter()
                    .find(|p| str_at(p, "/name").eq_ignore_ascii_case(name))
                    .cloned();
                let mut pricing = existing.unwrap_or_else(|| json!({
                    "id": format!("/subscriptions/{sub}/providers/Microsoft.Security/pricings/{name}"),
                    "name": name,
                    "type": "Microsoft.Security/pricings",
                    "properties": {"freeTrialRemainingTime": "PT0S"}
                }));
                if let (Some(p), Some(g)) =
                    (pricing["properties"].as_object_mut(), given.as_object())
                {
                    for (k, v) in g {
                        p.insert(k.clone(), v.clone());
                    }
                    if tier == "Standard" {
                        p.entry("enablementTime").or_insert(json!(TIME));
                    } else {
                        p.remove("enablementTime");
                    }
                }
                upsert(list, pricing.clone());
                (200, pricing)
            }
            _ => error(405, "MethodNotAllowed", "Not supported by the fake."),
        })
    }

    /// Graph look-ups az makes around role assignments, answered from the snapshot's
    /// Graph objects; everything else falls through to the replay.
    pub(super) fn graph(
        &self,
        method: &str,
        segments: &[String],
        query: &[(String, String)],
        body: &Value,
    ) -> Option<Answer> {
        let l = lower(segments);
        let ls: Vec<&str> = l.iter().map(String::as_str).collect();
        let typed = |v: &Value| {
            let mut v = v.clone();
            let kind = if v.get("appId").is_some() {
                "#microsoft.graph.servicePrincipal"
            } else {
                "#microsoft.graph.user"
            };
            v["@odata.type"] = json!(kind);
            v
        };
        match (method, ls.as_slice()) {
            ("POST", ["v1.0", "directoryobjects", "getbyids"]) => {
                let ids: Vec<String> = body
                    .get("ids")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_ascii_lowercase)
                    .collect();
                let value: Vec<Value> = self
                    .graph_objects
                    .iter()
                    .filter(|o| ids.contains(&id_of(o)))
                    .map(typed)
                    .collect();
                Some((
                    200,
                    json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects", "value": value}),
                ))
            }
            ("GET", ["v1.0", "serviceprincipals"]) => {
                let filter = query
                    .iter()
                    .find(|(k, _)| k == "$filter")
                    .map(|(_, v)| v.to_ascii_lowercase())?;
                let name = filter
                    .strip_prefix("serviceprincipalnames/any(c:c eq '")?
                    .strip_suffix("')")?
                    .to_owned();
                let value: Vec<Value> = self
                    .graph_objects
                    .iter()
                    .filter(|o| {
                        o.get("servicePrincipalNames")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .any(|n| n.eq_ignore_ascii_case(&name))
                    })
                    .map(typed)
                    .collect();
                Some((
                    200,
                    json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals", "value": value}),
                ))
            }
            _ => None,
        }
    }
}
