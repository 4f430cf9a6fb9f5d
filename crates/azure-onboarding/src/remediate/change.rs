//! The remediation's data: [`RemediationPlan`], its [`Change`]s (the one intermediate
//! representation that the ARM templates and the `az` script render) and [`ManualStep`]s.

use super::{render_arm, render_az_script, ArmTemplate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The changes and manual steps that make a tenant ready.
///
/// JSON:
/// ```json
/// { "tenantId": "<guid>", "applicationId": "<appId>",
///   "servicePrincipalObjectId": "<guid>" | null, "guestMail": "…" | null, "guestObjectId": "<guid>" | null,
///   "collectedAt": "2026-11-26T12:00:00Z" | null,
///   "changes": [ { "kind": "assignRole", … } ],
///   "manualSteps": [ { "id": "admin-consent", "title": "…", "instructions": "…", "url": "…", "commands": ["az …"] } ] }
/// ```
/// `collectedAt` is the snapshot's (null: planned from the plan alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RemediationPlan {
    /// Directory (tenant) ID.
    pub tenant_id: String,
    /// appId of the application whose service principal gets the roles.
    pub application_id: String,
    /// Object ID of the application's service principal, when the snapshot has it.
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub service_principal_object_id: Option<String>,
    /// The guest analyst's mail, when the plan has one.
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub guest_mail: Option<String>,
    /// The guest analyst's object ID, when the snapshot has it.
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub guest_object_id: Option<String>,
    /// The snapshot's `collectedAt`; `null` when planned without a snapshot.
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub collected_at: Option<String>,
    /// What templates and the script change, in deployment order.
    pub changes: Vec<Change>,
    /// What only a person (an administrator) can do.
    pub manual_steps: Vec<ManualStep>,
}

/// Who a role is assigned to (ARM `principalType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum PrincipalType {
    /// The application's service principal.
    ServicePrincipal,
    /// The guest analyst.
    User,
}

impl PrincipalType {
    /// `ServicePrincipal` or `User`.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::ServicePrincipal => "ServicePrincipal",
            PrincipalType::User => "User",
        }
    }
}

/// One change to Azure resources: the intermediate representation that ARM templates and
/// the `az` script render. JSON: an object tagged by `kind` (camelCase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[non_exhaustive]
pub enum Change {
    /// Assign an Azure RBAC role: `{ "kind": "assignRole", "scope", "roleDefinitionId",
    /// "roleName", "principalType", "principalId" (null: resolved at deploy time), "reason" }`.
    #[serde(rename_all = "camelCase")]
    AssignRole {
        /// ARM ID of the scope (`/subscriptions/…` or a storage account).
        scope: String,
        /// The role definition GUID (from the catalog).
        role_definition_id: String,
        /// The role's name.
        role_name: String,
        /// `ServicePrincipal` (the app) or `User` (the guest).
        principal_type: PrincipalType,
        /// The principal's object ID; `null` when unknown (see the module docs).
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        principal_id: Option<String>,
        /// Why.
        reason: String,
    },
    /// Create the log storage account: StorageV2, HTTPS only, TLS 1.2, no public blob
    /// access, firewall `Deny` with `bypass` `Logging, AzureServices` and the egress IPs.
    #[serde(rename_all = "camelCase")]
    CreateStorageAccount {
        /// Subscription.
        subscription_id: String,
        /// Resource group (created by the script if missing; by the template on request).
        resource_group: String,
        /// Account name.
        name: String,
        /// Region; `null`: the deployment's (ARM parameter `location`, script `LOCATION`).
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        location: Option<String>,
        /// Firewall IP rules (addresses or CIDR ranges of /30 and wider).
        egress_ips: Vec<String>,
        /// Why.
        reason: String,
    },
    /// Let Workbench through the existing log account's firewall: add `Logging` to
    /// `bypass` and the missing egress IPs; everything else is kept.
    #[serde(rename_all = "camelCase")]
    UpdateStorageFirewall {
        /// Subscription.
        subscription_id: String,
        /// Resource group.
        resource_group: String,
        /// Account name.
        name: String,
        /// The account's region, kind and SKU as found (ARM needs them on a PUT).
        location: String,
        /// The account's kind.
        account_kind: String,
        /// The account's SKU name.
        sku: String,
        /// `bypass` values to add (`Logging`).
        add_bypass: Vec<String>,
        /// IP rules to add.
        add_ip_rules: Vec<String>,
        /// Whether `publicNetworkAccess` must go from `Disabled` to `Enabled` (with `Deny`).
        enable_public_network_access: bool,
        /// The complete resulting `networkAcls` (existing values kept), for the ARM PUT.
        #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
        network_acls: Value,
        /// Why.
        reason: String,
    },
    /// Create or complete a diagnostic setting on a storage *service* (`…/blobServices/default`)
    /// that sends the log categories to the log account. When it completes an existing
    /// setting, its other categories, metrics and destinations are kept.
    #[serde(rename_all = "camelCase")]
    SetDiagnosticSetting {
        /// The service: `{storageAccountId}/blobServices/default` etc.
        resource_id: String,
        /// Setting name.
        name: String,
        /// The log storage account.
        storage_account_id: String,
        /// Log categories to send (StorageRead, StorageWrite, StorageDelete, plus any kept).
        categories: Vec<String>,
        /// Category groups kept from the existing setting.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "typescript", tsify(optional))]
        category_groups: Vec<String>,
        /// Metric categories kept from the existing setting.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "typescript", tsify(optional))]
        metrics: Vec<String>,
        /// Other destinations kept from the existing setting (`workspaceId`,
        /// `eventHubAuthorizationRuleId`, `eventHubName`, …), verbatim.
        #[serde(default, skip_serializing_if = "Map::is_empty")]
        #[cfg_attr(
            feature = "typescript",
            tsify(type = "Record<string, string>", optional)
        )]
        keep: Map<String, Value>,
        /// Why.
        reason: String,
    },
    /// Turn a Defender for Cloud plan on (`pricingTier` Standard) in a subscription.
    #[serde(rename_all = "camelCase")]
    EnableDefenderPlan {
        /// Subscription.
        subscription_id: String,
        /// Plan name (`KeyVaults`, …).
        plan: String,
        /// Why.
        reason: String,
    },
}

impl Change {
    /// The subscription whose template carries this change.
    pub fn subscription_id(&self) -> &str {
        match self {
            Change::AssignRole { scope: id, .. }
            | Change::SetDiagnosticSetting {
                resource_id: id, ..
            } => sub_of(id),
            Change::CreateStorageAccount {
                subscription_id, ..
            }
            | Change::UpdateStorageFirewall {
                subscription_id, ..
            }
            | Change::EnableDefenderPlan {
                subscription_id, ..
            } => subscription_id,
        }
    }

    /// The resource group of a resource-group-level change (`None` at subscription scope).
    pub fn resource_group(&self) -> Option<&str> {
        match self {
            Change::AssignRole { scope: id, .. }
            | Change::SetDiagnosticSetting {
                resource_id: id, ..
            } => rg_of(id),
            Change::CreateStorageAccount { resource_group, .. }
            | Change::UpdateStorageFirewall { resource_group, .. } => Some(resource_group),
            Change::EnableDefenderPlan { .. } => None,
        }
    }
}

/// The `n`-th segment after `key` in an ARM ID (case-insensitive key).
fn segment_after<'a>(id: &'a str, key: &str) -> Option<&'a str> {
    let mut it = id.split('/');
    while let Some(s) = it.next() {
        if s.eq_ignore_ascii_case(key) {
            return it.next().filter(|s| !s.is_empty());
        }
    }
    None
}

fn sub_of(id: &str) -> &str {
    segment_after(id, "subscriptions").unwrap_or("")
}

fn rg_of(id: &str) -> Option<&str> {
    segment_after(id, "resourceGroups")
}

/// Something no ARM template can do: a person does it in the portal or with the commands.
///
/// JSON: `{ "id", "title", "resource"?, "instructions", "url"?, "commands": [string] }`.
/// Stable ids: `create-service-principal`, `admin-consent`, `client-secret`,
/// `invite-guest`, `assign-global-reader`, `diagnostic-settings-all-accounts`, and for
/// other findings the finding's code (`log-storage-account-kind`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ManualStep {
    /// Stable id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What it is about (as in [`Finding::resource`](crate::Finding::resource)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub resource: Option<String>,
    /// What to do, for a person.
    pub instructions: String,
    /// A link to open (the admin consent URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub url: Option<String>,
    /// Commands an administrator can run instead of the portal.
    pub commands: Vec<String>,
}

/// A remediation together with both of its renderings, for a UI that offers the ARM
/// templates and the `az` script as downloads.
///
/// JSON: `{ "plan": RemediationPlan, "armTemplates": [ArmTemplate], "azScript": "…" }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RenderedRemediation {
    /// What to change, and what only a person can do.
    pub plan: RemediationPlan,
    /// One subscription-scope deployment template per subscription ([`render_arm`]).
    pub arm_templates: Vec<ArmTemplate>,
    /// The idempotent bash script of `az` commands ([`render_az_script`]).
    pub az_script: String,
}

impl RemediationPlan {
    /// Renders the plan both ways.
    pub fn rendered(self) -> RenderedRemediation {
        RenderedRemediation {
            arm_templates: render_arm(&self),
            az_script: render_az_script(&self),
            plan: self,
        }
    }
}
