//! The parts of Azure's responses the assessment reads, parsed tolerantly: unknown fields
//! are ignored, missing ones and `null` take their default, and the `az` CLI's flattened
//! shapes (role assignments without `properties`, `networkRuleSet`) are accepted too.
//!
//! Read without serde ([`Read`], issue 15: a derived `Deserialize` per type took about 85 KB
//! of the browser's full build). Each type's fields are listed once, in [`read_struct!`], with
//! how each is read; in tests the same types derive `Deserialize` with the serde attributes
//! that say the same, as the reference that `snapshot/json_path_tests.rs` holds these readers
//! to (same values, same paths and messages on mutated responses).

use crate::catalog::storage;
use crate::json_path::{members, At, Read};
use crate::EgressRule;
use serde_json::{Map, Value};

/// `Read` for a struct whose fields all have a default (serde's `#[serde(default)]`): each
/// `field: "jsonName" by reader`, `reader` a `fn(&Value, &mut At) -> Result<T, _>`.
macro_rules! read_struct {
    ($ty:ident { $($field:ident: $key:literal by $how:expr),* $(,)? }) => {
        impl Read for $ty {
            fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
                let mut out = Self::default();
                members(value, at, (stringify!($ty), true), &[$($key),*], &mut |key, item, at| {
                    match key {
                        $($key => out.$field = $how(item, at)?,)*
                        _ => {}
                    }
                    Ok(())
                })?;
                Ok(out)
            }
        }
    };
}

/// `null` as the default value.
fn nd<'a, T: Default + Read>(value: &'a Value, at: &mut At<'a>) -> Result<T, serde_json::Error> {
    match value {
        Value::Null => Ok(T::default()),
        _ => T::read(value, at),
    }
}

/// The serde reference of these readers, for tests: the `deserialize_with` functions of the
/// derived `Deserialize` impls.
#[cfg(test)]
mod reference {
    use serde::{Deserialize, Deserializer};
    use serde_json::Value;

    pub(super) fn nd<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
    }

    pub(super) fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(super::lenient(&Value::deserialize(d)?, &mut Vec::new()).unwrap_or_default())
    }

    pub(super) fn lenient_sku<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(super::lenient_sku(&Value::deserialize(d)?, &mut Vec::new()).unwrap_or_default())
    }

    pub(super) fn enabled_categories<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<String>, D::Error> {
        Ok(super::enabled_categories(&Value::deserialize(d)?, &mut Vec::new()).unwrap_or_default())
    }
}

/// An ARM or Graph list page: `{ "value": [...] }` (the next-link is followed by the index).
#[derive(Debug)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(bound = "T: serde::Deserialize<'de>")
)]
pub(crate) struct Page<T> {
    /// Required and not `null`: a page without its list is unknown, not empty.
    pub value: Vec<T>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { value: Vec::new() }
    }
}

/// `value` required (serde's "missing field"; from an array, its one element).
impl<T: Read> Read for Page<T> {
    fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        let mut list = None;
        members(value, at, ("Page", true), &["value"], &mut |_, item, at| {
            list = Some(Vec::read(item, at)?);
            Ok(())
        })?;
        match list {
            Some(value) => Ok(Page { value }),
            None if value.is_array() => Err(serde::de::Error::invalid_length(
                0,
                &"struct Page with 1 element",
            )),
            None => Err(serde::de::Error::missing_field("value")),
        }
    }
}

/// `GET /subscriptions/{id}`.
#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct Subscription {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub tenant_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub display_name: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub state: String,
}

#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct RoleAssignmentProperties {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub role_definition_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub principal_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub scope: String,
}

/// A role assignment, REST shape (`properties`) or `az role assignment list` shape (flat).
#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct RoleAssignment {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub properties: Option<RoleAssignmentProperties>,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub role_definition_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub principal_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub scope: String,
}

impl RoleAssignment {
    fn pick<'a>(
        &'a self,
        f: impl Fn(&'a RoleAssignmentProperties) -> &'a str,
        flat: &'a str,
    ) -> &'a str {
        self.properties.as_ref().map_or(flat, f)
    }

    pub(crate) fn principal(&self) -> &str {
        self.pick(|p| &p.principal_id, &self.principal_id)
    }

    pub(crate) fn scope(&self) -> &str {
        self.pick(|p| &p.scope, &self.scope)
    }

    /// The role definition GUID: the last segment of either ID form.
    pub(crate) fn role(&self) -> &str {
        let r = self.pick(|p| &p.role_definition_id, &self.role_definition_id);
        r.trim_end_matches('/').rsplit('/').next().unwrap_or("")
    }
}

/// Any JSON value as a string: a string as it is, anything else as empty. For fields only
/// copied into a change (never checked), so that they cannot make a response unreadable.
fn lenient(value: &Value, _: &mut At<'_>) -> Result<String, serde_json::Error> {
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// A firewall IP rule: `value` (REST) or `ipAddressOrRange` (az CLI), and its `action`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct IpRule {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub value: String,
    /// The az CLI's name of `value` (copied, never checked).
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub ip_address_or_range: String,
    /// `Allow` (copied, never checked).
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub action: String,
}

impl IpRule {
    /// The address or range the rule allows, in either shape.
    pub(crate) fn address(&self) -> &str {
        if self.value.is_empty() {
            &self.ip_address_or_range
        } else {
            &self.value
        }
    }

    /// The rule in the REST shape (`value`, `action`).
    pub(crate) fn to_rest(&self) -> Value {
        let mut o = Map::new();
        if !self.address().is_empty() {
            o.insert("value".into(), self.address().into());
        }
        if !self.action.is_empty() {
            o.insert("action".into(), self.action.as_str().into());
        }
        Value::Object(o)
    }
}

/// `networkAcls` (REST) / `networkRuleSet` (az CLI).
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct NetworkAcls {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub bypass: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub default_action: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub ip_rules: Vec<IpRule>,
    /// The other rules (`virtualNetworkRules`, `resourceAccessRules`, `ipv6Rules`), verbatim:
    /// a firewall update keeps them. Never checked, so any value is accepted.
    pub virtual_network_rules: Option<Value>,
    pub resource_access_rules: Option<Value>,
    pub ipv6_rules: Option<Value>,
}

impl NetworkAcls {
    /// The rules a firewall update keeps as they are, by their JSON keys.
    pub(crate) fn kept(&self) -> Map<String, Value> {
        [
            ("virtualNetworkRules", &self.virtual_network_rules),
            ("resourceAccessRules", &self.resource_access_rules),
            ("ipv6Rules", &self.ipv6_rules),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_owned(), v.clone()?)))
        .collect()
    }

    /// The `bypass` values, without `None` and empty ones.
    pub(crate) fn bypass_values(&self) -> Vec<&str> {
        self.bypass
            .split(',')
            .map(str::trim)
            .filter(|b| !b.is_empty() && !b.eq_ignore_ascii_case("None"))
            .collect()
    }
}

/// The storage firewall rule, read once: whether Workbench can reach the log account's
/// logs, and what is in the way. The assessment judges from it and the remediation plans
/// from the same value.
#[derive(Debug, Clone, Default)]
pub(crate) struct Firewall {
    /// The `bypass` values as found (without `None`).
    pub bypass: Vec<String>,
    /// Whether `bypass` has `Logging`.
    pub logging: bool,
    /// Whether the default action is `Deny`.
    pub deny: bool,
    /// Whether `publicNetworkAccess` is `Disabled`.
    pub disabled: bool,
    /// The plan's egress rules no IP rule allows.
    pub blocked: Vec<EgressRule>,
}

impl Firewall {
    /// Whether the firewall blocks Workbench: public access disabled, or denying by default
    /// without the Logging bypass and with egress IPs not allowed (or none planned).
    pub(crate) fn blocks(&self, egress: &[EgressRule]) -> bool {
        self.disabled
            || (self.deny && !self.logging && (egress.is_empty() || !self.blocked.is_empty()))
    }
}

#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct StorageProperties {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub network_acls: Option<NetworkAcls>,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub public_network_access: String,
}

/// A storage account (also a classic one: only `id` and `name` are read then).
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct StorageAccount {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub name: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub kind: String,
    /// `None` when absent or `null`: then (without `networkRuleSet`) the firewall is unknown.
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub properties: Option<StorageProperties>,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub network_rule_set: Option<NetworkAcls>,
    /// The az CLI's flattened `publicNetworkAccess`.
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub public_network_access: String,
    /// The region (copied into a firewall update, never checked).
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub location: String,
    /// The SKU (copied into a firewall update, never checked).
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient_sku"))]
    pub sku: String,
}

/// `sku.name`, leniently (see [`lenient`]).
fn lenient_sku(value: &Value, _: &mut At<'_>) -> Result<String, serde_json::Error> {
    Ok(value
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned())
}

impl StorageAccount {
    pub(crate) fn acls(&self) -> Option<&NetworkAcls> {
        self.properties
            .as_ref()
            .and_then(|p| p.network_acls.as_ref())
            .or(self.network_rule_set.as_ref())
    }

    /// The firewall rule for `egress` (see [`Firewall`]); `None` when the listing does not
    /// say what the firewall is: no `properties.networkAcls` (REST) and no `networkRuleSet`
    /// (az CLI), or one without its `defaultAction`. A missing rule set is unknown, not an
    /// open firewall.
    pub(crate) fn firewall(&self, egress: &[EgressRule]) -> Option<Firewall> {
        let found = self.acls()?;
        if found.default_action.trim().is_empty() {
            return None;
        }
        let acls = Some(found);
        let rules: Vec<EgressRule> = acls
            .map(|a| {
                a.ip_rules
                    .iter()
                    .filter_map(|r| r.address().parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        let bypass: Vec<String> = acls
            .map(|a| a.bypass_values().into_iter().map(str::to_owned).collect())
            .unwrap_or_default();
        Some(Firewall {
            logging: bypass
                .iter()
                .any(|b| b.eq_ignore_ascii_case(storage::BYPASS_LOGGING)),
            bypass,
            deny: acls.is_some_and(|a| {
                a.default_action
                    .eq_ignore_ascii_case(storage::DEFAULT_ACTION_DENY)
            }),
            disabled: self
                .public_network_access()
                .eq_ignore_ascii_case(storage::PUBLIC_NETWORK_ACCESS_DISABLED),
            blocked: egress
                .iter()
                .filter(|e| {
                    !rules
                        .iter()
                        .any(|r| r.prefix() <= e.prefix() && r.contains(e.network()))
                })
                .copied()
                .collect(),
        })
    }

    /// `publicNetworkAccess`, REST (`properties`) or az CLI (top level) shape.
    pub(crate) fn public_network_access(&self) -> &str {
        self.properties
            .as_ref()
            .map(|p| p.public_network_access.as_str())
            .filter(|p| !p.is_empty())
            .unwrap_or(&self.public_network_access)
    }
}

#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct LogSetting {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub category: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub category_group: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub enabled: bool,
}

#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct DiagnosticProperties {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub storage_account_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub logs: Vec<LogSetting>,
    /// The enabled metric categories (kept when a setting is completed, never checked).
    #[cfg_attr(test, serde(deserialize_with = "reference::enabled_categories"))]
    pub metrics: Vec<String>,
    /// The other destinations (copied when a setting is completed, never checked).
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub workspace_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub event_hub_authorization_rule_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub event_hub_name: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub service_bus_rule_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub marketplace_partner_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::lenient"))]
    pub log_analytics_destination_type: String,
}

/// The `category` of every enabled entry of a list, leniently (see [`lenient`]).
fn enabled_categories(value: &Value, _: &mut At<'_>) -> Result<Vec<String>, serde_json::Error> {
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l.get("enabled").and_then(Value::as_bool).unwrap_or(false))
        .filter_map(|l| l.get("category").and_then(Value::as_str))
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect())
}

/// A diagnostic setting.
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct DiagnosticSetting {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub name: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub properties: DiagnosticProperties,
    /// ARM's `systemData` (`createdAt`): when the setting was created, if ARM said.
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub system_data: SystemData,
}

/// ARM's `systemData` of a resource: only `createdAt` is read.
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct SystemData {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub created_at: String,
}

#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct PricingProperties {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub pricing_tier: String,
}

/// A Defender for Cloud pricing.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(serde::Deserialize), serde(default))]
pub(crate) struct Pricing {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub name: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub properties: PricingProperties,
}

impl DiagnosticSetting {
    /// Whether the setting sends to the storage account `log_id` (IDs compare trimmed,
    /// case-insensitively, without a trailing slash).
    pub(crate) fn sends_to(&self, log_id: &str) -> bool {
        let canon = |s: &str| s.trim().trim_end_matches('/').to_ascii_lowercase();
        canon(&self.properties.storage_account_id) == canon(log_id)
    }

    /// The enabled log entries' `field` values (`category` or `categoryGroup`), non-empty.
    pub(crate) fn enabled_logs(&self, group: bool) -> Vec<String> {
        self.properties
            .logs
            .iter()
            .filter(|l| l.enabled)
            .map(|l| {
                if group {
                    &l.category_group
                } else {
                    &l.category
                }
            })
            .filter(|c| !c.is_empty())
            .cloned()
            .collect()
    }

    /// The setting's other destinations (non-empty strings), verbatim.
    pub(crate) fn destinations(&self) -> Map<String, Value> {
        let p = &self.properties;
        [
            ("workspaceId", &p.workspace_id),
            (
                "eventHubAuthorizationRuleId",
                &p.event_hub_authorization_rule_id,
            ),
            ("eventHubName", &p.event_hub_name),
            ("serviceBusRuleId", &p.service_bus_rule_id),
            ("marketplacePartnerId", &p.marketplace_partner_id),
            (
                "logAnalyticsDestinationType",
                &p.log_analytics_destination_type,
            ),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_owned(), Value::String(v.clone())))
        .collect()
    }
}

/// A Graph object with an `id` and maybe an `appId` (service principal, application, user).
#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct GraphObject {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub app_id: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub display_name: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub password_credentials: Vec<PasswordCredential>,
}

#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct PasswordCredential {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub display_name: String,
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub end_date_time: String,
}

/// A Graph app role assignment (application permission granted to a service principal).
#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct AppRoleAssignment {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub app_role_id: String,
}

/// A directory role assignment (`roleManagement/directory/roleAssignments`).
#[derive(Debug, Default)]
#[cfg_attr(
    test,
    derive(serde::Deserialize),
    serde(default, rename_all = "camelCase")
)]
pub(crate) struct DirectoryRoleAssignment {
    #[cfg_attr(test, serde(deserialize_with = "reference::nd"))]
    pub role_definition_id: String,
}

// How each response type is read: its fields' JSON names and readers (the serde attributes
// on the types above say the same for the tests' reference).
read_struct!(Subscription {
    tenant_id: "tenantId" by nd,
    display_name: "displayName" by nd,
    state: "state" by nd,
});
read_struct!(RoleAssignmentProperties {
    role_definition_id: "roleDefinitionId" by nd,
    principal_id: "principalId" by nd,
    scope: "scope" by nd,
});
read_struct!(RoleAssignment {
    id: "id" by nd,
    properties: "properties" by nd,
    role_definition_id: "roleDefinitionId" by nd,
    principal_id: "principalId" by nd,
    scope: "scope" by nd,
});
read_struct!(IpRule {
    value: "value" by nd,
    ip_address_or_range: "ipAddressOrRange" by lenient,
    action: "action" by lenient,
});
read_struct!(NetworkAcls {
    bypass: "bypass" by nd,
    default_action: "defaultAction" by nd,
    ip_rules: "ipRules" by nd,
    virtual_network_rules: "virtualNetworkRules" by Read::read,
    resource_access_rules: "resourceAccessRules" by Read::read,
    ipv6_rules: "ipv6Rules" by Read::read,
});
read_struct!(StorageProperties {
    network_acls: "networkAcls" by nd,
    public_network_access: "publicNetworkAccess" by nd,
});
read_struct!(StorageAccount {
    id: "id" by nd,
    name: "name" by nd,
    kind: "kind" by nd,
    properties: "properties" by nd,
    network_rule_set: "networkRuleSet" by nd,
    public_network_access: "publicNetworkAccess" by nd,
    location: "location" by lenient,
    sku: "sku" by lenient_sku,
});
read_struct!(LogSetting {
    category: "category" by nd,
    category_group: "categoryGroup" by nd,
    enabled: "enabled" by nd,
});
read_struct!(DiagnosticProperties {
    storage_account_id: "storageAccountId" by nd,
    logs: "logs" by nd,
    metrics: "metrics" by enabled_categories,
    workspace_id: "workspaceId" by lenient,
    event_hub_authorization_rule_id: "eventHubAuthorizationRuleId" by lenient,
    event_hub_name: "eventHubName" by lenient,
    service_bus_rule_id: "serviceBusRuleId" by lenient,
    marketplace_partner_id: "marketplacePartnerId" by lenient,
    log_analytics_destination_type: "logAnalyticsDestinationType" by lenient,
});
read_struct!(DiagnosticSetting {
    name: "name" by nd,
    properties: "properties" by nd,
    system_data: "systemData" by nd,
});
read_struct!(SystemData {
    created_at: "createdAt" by nd,
});
read_struct!(PricingProperties {
    pricing_tier: "pricingTier" by nd,
});
read_struct!(Pricing {
    name: "name" by nd,
    properties: "properties" by nd,
});
read_struct!(GraphObject {
    id: "id" by nd,
    app_id: "appId" by nd,
    display_name: "displayName" by nd,
    password_credentials: "passwordCredentials" by nd,
});
read_struct!(PasswordCredential {
    display_name: "displayName" by nd,
    end_date_time: "endDateTime" by nd,
});
read_struct!(AppRoleAssignment {
    app_role_id: "appRoleId" by nd,
});
read_struct!(DirectoryRoleAssignment {
    role_definition_id: "roleDefinitionId" by nd,
});

/// Parses a response body into `T`; `Err` names the JSON path.
pub(crate) fn parse<T: Read>(body: &Value) -> Result<T, String> {
    crate::json_path::read(body).map_err(|e| format!("at `{}`: {}", e.path, e.error))
}

/// A list page: `{ "value": [...] }` or a bare array (az CLI output). A `null` body, or an
/// object without `value` (or with `value: null`), is an error: what it lists is unknown.
pub(crate) fn page<T: Read>(body: &Value) -> Result<Vec<T>, String> {
    match body {
        Value::Null => Err("a `null` body where a list (`value`) belongs".into()),
        Value::Array(_) => parse(body),
        _ => parse::<Page<T>>(body).map(|p| p.value),
    }
}
