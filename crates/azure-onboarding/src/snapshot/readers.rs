//! The parts of Azure's responses the assessment reads, parsed tolerantly: unknown fields
//! are ignored, missing ones and `null` take their default, and the `az` CLI's flattened
//! shapes (role assignments without `properties`, `networkRuleSet`) are accepted too.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `null` as the default value.
fn nd<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// An ARM or Graph list page: `{ "value": [...] }` (the next-link is followed by the index).
#[derive(Debug, Deserialize)]
#[serde(bound = "T: Deserialize<'de>")]
pub(crate) struct Page<T> {
    #[serde(default = "Vec::new", deserialize_with = "nd")]
    pub value: Vec<T>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { value: Vec::new() }
    }
}

/// `GET /subscriptions/{id}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Subscription {
    #[serde(deserialize_with = "nd")]
    pub tenant_id: String,
    #[serde(deserialize_with = "nd")]
    pub display_name: String,
    #[serde(deserialize_with = "nd")]
    pub state: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct RoleAssignmentProperties {
    #[serde(deserialize_with = "nd")]
    pub role_definition_id: String,
    #[serde(deserialize_with = "nd")]
    pub principal_id: String,
    #[serde(deserialize_with = "nd")]
    pub scope: String,
}

/// A role assignment, REST shape (`properties`) or `az role assignment list` shape (flat).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct RoleAssignment {
    #[serde(deserialize_with = "nd")]
    pub id: String,
    #[serde(deserialize_with = "nd")]
    pub properties: Option<RoleAssignmentProperties>,
    #[serde(deserialize_with = "nd")]
    pub role_definition_id: String,
    #[serde(deserialize_with = "nd")]
    pub principal_id: String,
    #[serde(deserialize_with = "nd")]
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct IpRule {
    #[serde(deserialize_with = "nd")]
    pub value: String,
}

/// `networkAcls` (REST) / `networkRuleSet` (az CLI).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NetworkAcls {
    #[serde(deserialize_with = "nd")]
    pub bypass: String,
    #[serde(deserialize_with = "nd")]
    pub default_action: String,
    #[serde(deserialize_with = "nd")]
    pub ip_rules: Vec<IpRule>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct StorageProperties {
    #[serde(deserialize_with = "nd")]
    pub network_acls: Option<NetworkAcls>,
    #[serde(deserialize_with = "nd")]
    pub public_network_access: String,
}

/// A storage account (also a classic one: only `id` and `name` are read then).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct StorageAccount {
    #[serde(deserialize_with = "nd")]
    pub id: String,
    #[serde(deserialize_with = "nd")]
    pub name: String,
    #[serde(deserialize_with = "nd")]
    pub kind: String,
    /// `None` when absent or `null`: then (without `networkRuleSet`) the firewall is unknown.
    #[serde(deserialize_with = "nd")]
    pub properties: Option<StorageProperties>,
    #[serde(deserialize_with = "nd")]
    pub network_rule_set: Option<NetworkAcls>,
    /// The az CLI's flattened `publicNetworkAccess`.
    #[serde(deserialize_with = "nd")]
    pub public_network_access: String,
}

impl StorageAccount {
    pub(crate) fn acls(&self) -> Option<&NetworkAcls> {
        self.properties
            .as_ref()
            .and_then(|p| p.network_acls.as_ref())
            .or(self.network_rule_set.as_ref())
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

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct LogSetting {
    #[serde(deserialize_with = "nd")]
    pub category: String,
    #[serde(deserialize_with = "nd")]
    pub category_group: String,
    #[serde(deserialize_with = "nd")]
    pub enabled: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct DiagnosticProperties {
    #[serde(deserialize_with = "nd")]
    pub storage_account_id: String,
    #[serde(deserialize_with = "nd")]
    pub logs: Vec<LogSetting>,
}

/// A diagnostic setting.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct DiagnosticSetting {
    #[serde(deserialize_with = "nd")]
    pub name: String,
    #[serde(deserialize_with = "nd")]
    pub properties: DiagnosticProperties,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PricingProperties {
    #[serde(deserialize_with = "nd")]
    pub pricing_tier: String,
}

/// A Defender for Cloud pricing.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Pricing {
    #[serde(deserialize_with = "nd")]
    pub name: String,
    #[serde(deserialize_with = "nd")]
    pub properties: PricingProperties,
}

/// A Graph object with an `id` and maybe an `appId` (service principal, application, user).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct GraphObject {
    #[serde(deserialize_with = "nd")]
    pub id: String,
    #[serde(deserialize_with = "nd")]
    pub app_id: String,
    #[serde(deserialize_with = "nd")]
    pub display_name: String,
    #[serde(deserialize_with = "nd")]
    pub password_credentials: Vec<PasswordCredential>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PasswordCredential {
    #[serde(deserialize_with = "nd")]
    pub display_name: String,
    #[serde(deserialize_with = "nd")]
    pub end_date_time: String,
}

/// A Graph app role assignment (application permission granted to a service principal).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct AppRoleAssignment {
    #[serde(deserialize_with = "nd")]
    pub app_role_id: String,
}

/// A directory role assignment (`roleManagement/directory/roleAssignments`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct DirectoryRoleAssignment {
    #[serde(deserialize_with = "nd")]
    pub role_definition_id: String,
}

/// Parses a response body into `T`; `Err` names the JSON path.
pub(crate) fn parse<T: DeserializeOwned>(body: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize(body).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
}

/// A list page: `{ "value": [...] }`, a bare array (az CLI output), or `null` (empty).
pub(crate) fn page<T: DeserializeOwned>(body: &Value) -> Result<Vec<T>, String> {
    match body {
        Value::Null => Ok(Vec::new()),
        Value::Array(_) => parse(body),
        _ => parse::<Page<T>>(body).map(|p| p.value),
    }
}
