//! Azure identifiers the onboarding procedure depends on, each with its source.
//!
//! Source shorthands (see `shared/azure-reference/FACTS.md`):
//! - RBAC-ROLES: MicrosoftDocs/azure-docs `articles/role-based-access-control/built-in-roles.md`
//! - ENTRA-ROLES: MicrosoftDocs/entra-docs `docs/identity/role-based-access-control/permissions-reference.md`
//! - GRAPH-PERMS: microsoftgraph/microsoft-graph-devx-content `permissions/permissions-descriptions.json`
//! - SPEC: Azure/azure-rest-api-specs `specification/...`
//!
//! GUIDs are written in lowercase canonical form; compare case-insensitively.

/// An Azure identifier with its human name: a role, an app role, an application or a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    /// The display name Azure uses (`roleName`, permission value, plan name).
    pub name: &'static str,
    /// The identifier (a GUID, or a name where Azure uses names, e.g. Defender plans).
    pub id: &'static str,
}

/// Azure RBAC built-in role definitions (the GUID is the same in every tenant).
pub mod roles {
    use super::Named;

    /// Reader.
    // Source: RBAC-ROLES (FACTS §1a)
    pub const READER: Named = Named {
        name: "Reader",
        id: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    };
    /// Log Analytics Reader: Step 3, for the app and the guest analyst on every subscription.
    // Source: RBAC-ROLES (FACTS §1a). Beware the wrong look-alike ending `…ab87fe914b4a`.
    pub const LOG_ANALYTICS_READER: Named = Named {
        name: "Log Analytics Reader",
        id: "73c42c96-874c-492b-b04d-ab87d138a893",
    };
    /// Storage Blob Data Reader: Step 4, for the app on the log storage account.
    // Source: RBAC-ROLES (FACTS §1a)
    pub const STORAGE_BLOB_DATA_READER: Named = Named {
        name: "Storage Blob Data Reader",
        id: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    };
    /// Storage Account Contributor: the legacy choice; over-privileged (grants account keys).
    // Source: RBAC-ROLES (FACTS §1a): its description says it grants access to the account key.
    pub const STORAGE_ACCOUNT_CONTRIBUTOR: Named = Named {
        name: "Storage Account Contributor",
        id: "17d1049b-9a84-46fb-8f53-869881c3d3ab",
    };
    /// Security Reader (Azure RBAC / Defender for Cloud; not the Entra role of the same name).
    // Source: RBAC-ROLES (FACTS §1a)
    pub const SECURITY_READER: Named = Named {
        name: "Security Reader",
        id: "39bc4728-0917-49c7-9d2c-d95423bc2eb4",
    };
    /// Monitoring Reader (related).
    // Source: RBAC-ROLES (FACTS §1a)
    pub const MONITORING_READER: Named = Named {
        name: "Monitoring Reader",
        id: "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
    };
    /// Log Analytics Contributor (related; more than reading needs).
    // Source: RBAC-ROLES (FACTS §1a)
    pub const LOG_ANALYTICS_CONTRIBUTOR: Named = Named {
        name: "Log Analytics Contributor",
        id: "92aaf0da-9dab-42b6-94a3-d43ce8d16293",
    };
    /// Storage Blob Data Contributor (related; more than reading needs).
    // Source: RBAC-ROLES (FACTS §1a)
    pub const STORAGE_BLOB_DATA_CONTRIBUTOR: Named = Named {
        name: "Storage Blob Data Contributor",
        id: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    };
    /// Storage Blob Data Owner (related; more than reading needs).
    // Source: RBAC-ROLES (FACTS §1a)
    pub const STORAGE_BLOB_DATA_OWNER: Named = Named {
        name: "Storage Blob Data Owner",
        id: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    };
    /// Contributor (related).
    // Source: RBAC-ROLES (FACTS §1a)
    pub const CONTRIBUTOR: Named = Named {
        name: "Contributor",
        id: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    };
    /// Owner (related).
    // Source: RBAC-ROLES (FACTS §1a)
    pub const OWNER: Named = Named {
        name: "Owner",
        id: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    };
}

/// Microsoft Entra directory roles (role *template* IDs, also the built-in role definition IDs).
pub mod directory_roles {
    use super::Named;

    /// Global Reader: Step 1, for the guest analyst. ENTRA-ROLES marks it privileged.
    // Source: ENTRA-ROLES (FACTS §1b)
    pub const GLOBAL_READER: Named = Named {
        name: "Global Reader",
        id: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
    };
    /// Guest Inviter: enough to invite the guest analyst.
    // Source: ENTRA-ROLES (FACTS §1b)
    pub const GUEST_INVITER: Named = Named {
        name: "Guest Inviter",
        id: "95e79109-95c0-4d8e-aee3-d01accf2d47b",
    };
    /// Global Administrator: can grant tenant-wide admin consent.
    // Source: ENTRA-ROLES (FACTS §1b)
    pub const GLOBAL_ADMINISTRATOR: Named = Named {
        name: "Global Administrator",
        id: "62e90394-69f5-4237-9190-012177145e10",
    };
    /// Directory Readers (related).
    // Source: ENTRA-ROLES (FACTS §1b)
    pub const DIRECTORY_READERS: Named = Named {
        name: "Directory Readers",
        id: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
    };
    /// Security Reader, the **Entra** directory role (not the Azure RBAC role of the same name).
    // Source: ENTRA-ROLES (FACTS §1b)
    pub const SECURITY_READER: Named = Named {
        name: "Security Reader",
        id: "5d6b6bb7-de71-4623-b4af-96380a352509",
    };
}

/// Microsoft first-party APIs (resource applications) the custom app asks permissions of.
pub mod apps {
    use super::Named;

    /// Microsoft Graph (resource appId).
    // Source: FACTS §2, Learn permissions reference (`servicePrincipals(appId='00000003-…')`)
    pub const MICROSOFT_GRAPH: Named = Named {
        name: "Microsoft Graph",
        id: "00000003-0000-0000-c000-000000000000",
    };
    /// Log Analytics API (resource appId). Corroborated, not in a Microsoft-authored table.
    // Source: FACTS §2 (public SP-permission dumps; verify at runtime via Graph servicePrincipals)
    pub const LOG_ANALYTICS_API: Named = Named {
        name: "Log Analytics API",
        id: "ca7f3f0b-7d91-482c-8e09-c5d840d0eac5",
    };

    /// First-party application IDs that are never the customer's own app: pasting one of these
    /// as the client ID is a mistake (code `well-known-app-id`).
    pub const WELL_KNOWN: &[Named] = &[MICROSOFT_GRAPH, LOG_ANALYTICS_API];
}

/// Microsoft Graph permissions: application permissions (appRole ids, `"type": "Role"`) and
/// the delegated scopes the enterprise app asks for (`"type": "Scope"`).
pub mod graph {
    use super::Named;

    /// The Microsoft Graph application permissions Workbench needs (both access options), in
    /// the order findings name them: the one list the assessment, the remediation and the
    /// live consent check read.
    pub const REQUIRED_APPLICATION_PERMISSIONS: [Named; 4] = [
        SECURITY_ALERT_READ_ALL,
        SECURITY_INCIDENT_READ_ALL,
        SECURITY_EVENTS_READ_ALL,
        USER_READ_ALL,
    ];

    /// SecurityEvents.Read.All (application). Alone it no longer gets alerts since 2026-10-15.
    // Source: GRAPH-PERMS (FACTS §2)
    pub const SECURITY_EVENTS_READ_ALL: Named = Named {
        name: "SecurityEvents.Read.All",
        id: "bf394140-e372-4bf9-a898-299cfc7564e5",
    };
    /// SecurityAlert.Read.All (application): alerts_v2, replaces the legacy alerts API.
    // Source: GRAPH-PERMS (FACTS §2); migration: microsoft-graph-docs-contrib `concepts/alertsv1-alertsv2-migration.md`
    pub const SECURITY_ALERT_READ_ALL: Named = Named {
        name: "SecurityAlert.Read.All",
        id: "472e4a4d-bb4a-4026-98d1-0b0d74cb74a5",
    };
    /// SecurityIncident.Read.All (application): `/security/incidents`.
    // Source: GRAPH-PERMS (FACTS §2)
    pub const SECURITY_INCIDENT_READ_ALL: Named = Named {
        name: "SecurityIncident.Read.All",
        id: "45cc0394-e837-488b-a098-1918f48d186c",
    };
    /// User.Read.All (application).
    // Source: GRAPH-PERMS (FACTS §2)
    pub const USER_READ_ALL: Named = Named {
        name: "User.Read.All",
        id: "df021288-bdef-4463-88db-98f22de89214",
    };
    /// User.ReadWrite.All (application): requested by the provider's enterprise app per the seed.
    // Source: GRAPH-PERMS (FACTS §2)
    pub const USER_READWRITE_ALL: Named = Named {
        name: "User.ReadWrite.All",
        id: "741f803b-c850-494e-b5df-cde7c675a1ca",
    };
    /// Directory.Read.All (application).
    // Source: GRAPH-PERMS (FACTS §2)
    pub const DIRECTORY_READ_ALL: Named = Named {
        name: "Directory.Read.All",
        id: "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    };
    /// AuditLog.Read.All (application).
    // Source: GRAPH-PERMS (FACTS §2)
    pub const AUDIT_LOG_READ_ALL: Named = Named {
        name: "AuditLog.Read.All",
        id: "b0afded3-3588-46d8-8b3d-9842eff778da",
    };
    /// Application.Read.All (application): needed to read appRoleAssignments.
    // Source: GRAPH-PERMS (FACTS §2)
    pub const APPLICATION_READ_ALL: Named = Named {
        name: "Application.Read.All",
        id: "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
    };
    /// User.Invite.All (application).
    // Source: GRAPH-PERMS (FACTS §2)
    pub const USER_INVITE_ALL: Named = Named {
        name: "User.Invite.All",
        id: "09850681-111b-4a89-9bed-3f2cae46d706",
    };
    /// User.Read (delegated scope; sign-in and read the signed-in user's profile).
    // Source: GRAPH-PERMS (FACTS §2)
    pub const USER_READ_DELEGATED: Named = Named {
        name: "User.Read",
        id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
    };
}

/// Log Analytics API permissions. Corroborated, not in a Microsoft-authored table: verify at
/// runtime with `GET https://graph.microsoft.com/v1.0/servicePrincipals(appId='ca7f3f0b-7d91-482c-8e09-c5d840d0eac5')?$select=appRoles`.
pub mod log_analytics {
    use super::Named;

    /// Data.Read (application permission, appRole id).
    // Source: FACTS §2 (corroborated; `0c0bf378-…` seen in the wild is Graph Sites.Manage.All: wrong)
    pub const DATA_READ: Named = Named {
        name: "Data.Read",
        id: "e8f6e161-84d0-4cd7-9441-2d46ec9ec3d5",
    };
    /// Data.Read (delegated scope id).
    // Source: FACTS §2 (corroborated)
    pub const DATA_READ_DELEGATED: Named = Named {
        name: "Data.Read",
        id: "e8dac03d-d467-4a7e-9293-9cca7df08b31",
    };
}

/// Microsoft Defender for Cloud plan names (`Microsoft.Security/pricings/{name}`).
pub mod defender {
    /// Defender for Storage.
    // Source: FACTS §6 (SPEC security/…/2024-01-01/pricings.json ListPricings example)
    pub const STORAGE_ACCOUNTS: &str = "StorageAccounts";
    /// Defender for Key Vault.
    // Source: FACTS §6
    pub const KEY_VAULTS: &str = "KeyVaults";
    /// Defender for Resource Manager.
    // Source: FACTS §6
    pub const ARM: &str = "Arm";
    /// Defender for App Service.
    // Source: FACTS §6
    pub const APP_SERVICES: &str = "AppServices";
    /// Defender for Azure SQL.
    // Source: FACTS §6
    pub const SQL_SERVERS: &str = "SqlServers";
    /// Defender for Azure Cosmos DB.
    // Source: FACTS §6 (terraform-provider-azurerm docs; real `CosmosDbs` outputs)
    pub const COSMOS_DBS: &str = "CosmosDbs";

    /// The six plans the provider monitors (seed, prerequisites), in the seed's order.
    pub const MONITORED: [&str; 6] = [
        STORAGE_ACCOUNTS,
        KEY_VAULTS,
        ARM,
        APP_SERVICES,
        SQL_SERVERS,
        COSMOS_DBS,
    ];
}

/// Storage facts: account kind, firewall bypass values, diagnostic-setting categories.
pub mod storage {
    /// The account kind the log storage account must have (general-purpose v2).
    // Source: FACTS §4 (SPEC storage/…/2024-01-01/storage.json `kind` enum)
    pub const KIND_STORAGE_V2: &str = "StorageV2";
    /// ARM resource type of storage accounts.
    // Source: FACTS §4
    pub const RESOURCE_TYPE: &str = "Microsoft.Storage/storageAccounts";
    /// ARM resource type of classic storage accounts (retired 2024-08-31).
    // Source: FACTS §4 (azure-docs `articles/storage/common/classic-account-migration-overview.md`)
    pub const CLASSIC_RESOURCE_TYPE: &str = "Microsoft.ClassicStorage/storageAccounts";
    /// Date classic storage accounts were retired.
    // Source: FACTS §4
    pub const CLASSIC_RETIRED_ON: &str = "2024-08-31";
    /// `networkAcls.bypass` value of the portal's "Allow read access to storage logging from any network".
    // Source: FACTS §4 (azure-docs `storage-network-security.md`, "Storage analytics data access")
    pub const BYPASS_LOGGING: &str = "Logging";
    /// `networkAcls.bypass` value of "Allow Azure services on the trusted services list…".
    // Source: FACTS §4
    pub const BYPASS_AZURE_SERVICES: &str = "AzureServices";
    /// Storage account names: 3 to 24 characters.
    // Source: FACTS §4 (SPEC parameter `StorageAccountName`)
    pub const NAME_LENGTH: core::ops::RangeInclusive<usize> = 3..=24;
    /// Diagnostic log categories each storage service must send.
    // Source: FACTS §5 (learn.microsoft.com supported-logs for blobServices/fileServices)
    pub const LOG_CATEGORIES: [&str; 3] = ["StorageRead", "StorageWrite", "StorageDelete"];
    /// Account kind of general-purpose v1 accounts (and migrated classic accounts).
    // Source: FACTS §4 (SPEC storage/…/2024-01-01/storage.json `kind` enum)
    pub const KIND_STORAGE: &str = "Storage";
    /// Legacy blob-only account kind: has a Blob service only.
    // Source: FACTS §4 (same enum); services per kind: azure-docs `articles/storage/common/storage-account-overview.md` ("Types of storage accounts")
    pub const KIND_BLOB_STORAGE: &str = "BlobStorage";
    /// Premium block-blob account kind: has a Blob service only.
    // Source: as for KIND_BLOB_STORAGE
    pub const KIND_BLOCK_BLOB_STORAGE: &str = "BlockBlobStorage";
    /// Premium file-share account kind: has a File service only.
    // Source: as for KIND_BLOB_STORAGE
    pub const KIND_FILE_STORAGE: &str = "FileStorage";
    /// `networkAcls.defaultAction` that makes the firewall rules bite.
    // Source: FACTS §4 (SPEC `NetworkRuleSet.defaultAction`, enum Allow|Deny)
    pub const DEFAULT_ACTION_DENY: &str = "Deny";
    /// `publicNetworkAccess` value that blocks every request from the Internet.
    // Source: FACTS §4 (`publicNetworkAccess` enum Enabled|Disabled|SecuredByPerimeter)
    pub const PUBLIC_NETWORK_ACCESS_DISABLED: &str = "Disabled";
    /// SKU of the log storage account the remediation creates (locally redundant, standard).
    // Source: FACTS §4 (SPEC storage/…/2024-01-01/storage.json `SkuName`); the catalog's `az storage account create`
    pub const SKU_STANDARD_LRS: &str = "Standard_LRS";
    /// `minimumTlsVersion` the log storage account must have.
    // Source: SPEC storage/…/2024-01-01/storage.json `MinimumTlsVersion` enum (TLS1_0, TLS1_1, TLS1_2)
    pub const MIN_TLS_VERSION: &str = "TLS1_2";
    /// Diagnostic-setting category group that includes every log category of a resource.
    // Source: FACTS §5 (SPEC monitor/…/2021-05-01-preview getDiagnosticSetting example, `categoryGroup: allLogs`)
    pub const CATEGORY_GROUP_ALL_LOGS: &str = "allLogs";
    /// Most diagnostic settings one resource (here: one storage service) can have.
    // Source: azure-docs `articles/azure-monitor/essentials/diagnostic-settings.md` ("up to five diagnostic settings"); issue 4 check table
    pub const MAX_DIAGNOSTIC_SETTINGS: usize = 5;
    /// The service sub-resources that carry storage logs (the account level carries metrics only).
    // Source: FACTS §5 (azure-docs `resource-manager-diagnostic-settings.md`, "Diagnostic setting for Azure Storage")
    pub const LOG_SERVICES: [&str; 4] = [
        "blobServices/default",
        "fileServices/default",
        "queueServices/default",
        "tableServices/default",
    ];
    /// Prefix of the containers Azure Monitor creates in the destination account, one per
    /// log category, when the category's first event arrives (`insights-logs-storageread`).
    // Source: FACTS §10 (azure-docs `articles/azure-monitor/essentials/resource-logs.md`, "Send to Azure Storage")
    pub const LOG_CONTAINER_PREFIX: &str = "insights-logs-";
    /// The containers of the storage log categories (`insights-logs-{category in lowercase}`),
    /// in the order of [`LOG_CATEGORIES`].
    // Source: FACTS §10
    pub const LOG_CONTAINERS: [&str; 3] = [
        "insights-logs-storageread",
        "insights-logs-storagewrite",
        "insights-logs-storagedelete",
    ];
    /// Blob-service error code of a 403 when the identity has no data role on the account
    /// (Owner or Contributor alone are not enough).
    // Source: FACTS §10
    pub const ERROR_AUTHORIZATION_PERMISSION_MISMATCH: &str = "AuthorizationPermissionMismatch";
    /// Blob-service error code of a 403 when the account's firewall refuses the caller's address.
    // Source: FACTS §10
    pub const ERROR_AUTHORIZATION_FAILURE: &str = "AuthorizationFailure";
}

/// Subscription states (`state` of `GET /subscriptions/{id}`).
pub mod subscriptions {
    /// The subscription is active.
    // Source: FACTS §7 (SPEC resources/…/stable/2022-12-01/subscriptions.json `state` enum)
    pub const STATE_ENABLED: &str = "Enabled";
    /// Active, but with a billing warning: it will be disabled unless resolved.
    // Source: FACTS §7
    pub const STATE_WARNED: &str = "Warned";
    /// States in which nothing in the subscription can be monitored.
    // Source: FACTS §7
    pub const STATES_INACTIVE: [&str; 3] = ["Disabled", "Deleted", "PastDue"];
}

/// Where the readiness assessment reads Azure's state: hosts and the api-versions the
/// request list uses (matching ignores api-version, so a snapshot taken with others works).
pub mod endpoints {
    /// Azure Resource Manager.
    // Source: FACTS §5–§7 (every SPEC example is relative to it)
    pub const ARM: &str = "https://management.azure.com";
    /// Microsoft Graph, v1.0.
    // Source: FACTS §2 (Learn permissions reference queries `graph.microsoft.com/v1.0`)
    pub const GRAPH: &str = "https://graph.microsoft.com/v1.0";
    /// Subscriptions API.
    // Source: FACTS §7 (SPEC resources/…/stable/2022-12-01/subscriptions.json)
    pub const SUBSCRIPTIONS_API: &str = "2022-12-01";
    /// Role assignments API.
    // Source: FACTS §7 (SPEC authorization/…/stable/2022-04-01)
    pub const ROLE_ASSIGNMENTS_API: &str = "2022-04-01";
    /// Storage accounts API.
    // Source: FACTS §4 (SPEC storage/…/stable/2024-01-01/storage.json)
    pub const STORAGE_API: &str = "2024-01-01";
    /// Diagnostic settings API.
    // Source: FACTS §5 (SPEC monitor/…/preview/2021-05-01-preview)
    pub const DIAGNOSTIC_SETTINGS_API: &str = "2021-05-01-preview";
    /// Defender for Cloud pricings API.
    // Source: FACTS §6 (SPEC security/…/stable/2024-01-01/pricings.json)
    pub const PRICINGS_API: &str = "2024-01-01";
    /// ARM deployments (nested deployments of the remediation templates).
    // Source: learn.microsoft.com/azure/templates/microsoft.resources/2022-09-01/deployments
    pub const DEPLOYMENTS_API: &str = "2022-09-01";
    /// `$schema` of a subscription-scope deployment template (`az deployment sub create`).
    // Source: azure-docs `articles/azure-monitor/essentials/resource-manager-diagnostic-settings.md` (activity-log sample); schema.management.azure.com
    pub const SUBSCRIPTION_DEPLOYMENT_SCHEMA: &str =
        "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
    /// `$schema` of a resource-group deployment template (the nested deployments).
    // Source: same page (storage sample, nested template); schema.management.azure.com
    pub const DEPLOYMENT_SCHEMA: &str =
        "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    /// Microsoft Entra sign-in host of the global cloud (admin consent URL).
    // Source: entra-docs `docs/identity-platform/v2-admin-consent.md` (`https://login.microsoftonline.com/{tenant}/adminconsent?client_id=…`)
    pub const LOGIN: &str = "https://login.microsoftonline.com";
    /// Classic storage accounts (no published spec; the version ARM still serves).
    // Source: Azure/whatifnoise `docs/Microsoft.ClassicStorage.md` (api versions 2015-12-01, 2016-11-01)
    pub const CLASSIC_STORAGE_API: &str = "2016-11-01";
    /// Azure Resource Graph's query endpoint (a POST with the query in its JSON body).
    // Source: FACTS §9 (azure-rest-api-specs `…/resourcegraph/…/stable/2024-04-01/resourcegraph.json`; 2022-10-01 is also stable)
    pub const RESOURCE_GRAPH_PATH: &str = "/providers/Microsoft.ResourceGraph/resources";
    /// Resource Graph API version.
    // Source: FACTS §9 ("also 2022-10-01"); the version `options.authorizationScopeFilter` is documented for
    pub const RESOURCE_GRAPH_API: &str = "2022-10-01";
    /// Host suffix of the Blob service in the public cloud (`{account}.blob.core.windows.net`).
    /// Request URLs are written with it; the collector maps them to the cloud's suffix.
    // Source: FACTS §10
    pub const BLOB_SUFFIX: &str = "blob.core.windows.net";
    /// Blob-service host suffixes of the US Government and China clouds.
    // Source: FACTS §10
    pub const BLOB_SUFFIX_US_GOVERNMENT: &str = "blob.core.usgovcloudapi.net";
    /// See [`BLOB_SUFFIX_US_GOVERNMENT`].
    // Source: FACTS §10
    pub const BLOB_SUFFIX_CHINA: &str = "blob.core.chinacloudapi.cn";
    /// The `x-ms-version` header of Blob-service list calls (OAuth needs 2017-11-09 or later).
    // Source: FACTS §10 ("x-ms-version (e.g. 2021-08-06 or later)")
    pub const BLOB_API_VERSION: &str = "2021-08-06";
    /// The client-credentials scope of Blob-service data-plane calls.
    // Source: FACTS §10
    pub const STORAGE_SCOPE: &str = "https://storage.azure.com/.default";
}

/// Defender for Cloud pricing tiers.
pub mod pricing {
    /// The paid tier: the plan is on.
    // Source: FACTS §6 (`properties.pricingTier`: Free | Standard)
    pub const STANDARD: &str = "Standard";
}

/// Client-secret facts.
pub mod secrets {
    /// Longest lifetime the portal offers for a client secret, in months ("Never" was removed).
    // Source: FACTS §3 (entra-docs `docs/identity-platform/how-to-add-credentials.md`)
    pub const PORTAL_MAX_LIFETIME_MONTHS: u32 = 24;
    /// Lifetime Microsoft recommends staying under, in months.
    // Source: FACTS §3 (same page)
    pub const RECOMMENDED_MAX_LIFETIME_MONTHS: u32 = 12;
    /// Graph `passwordCredential.secretText` length bounds.
    // Source: FACTS §3 (microsoft-graph-docs-contrib `api-reference/v1.0/resources/passwordcredential.md`)
    pub const GRAPH_SECRET_LENGTH: core::ops::RangeInclusive<usize> = 16..=64;
    /// Number of leading characters Azure shows as the secret's `hint`.
    // Source: FACTS §3 (passwordCredential `hint` = first three characters)
    pub const HINT_LENGTH: usize = 3;
}

/// Dates where today's Azure differs from the seed procedure.
pub mod dates {
    /// The legacy Graph security alerts API (`/security/alerts`) was retired on this day.
    // Source: FACTS §2 (microsoft-graph-docs-contrib `concepts/alertsv1-alertsv2-migration.md`)
    pub const GRAPH_LEGACY_ALERTS_RETIRED_ON: &str = "2026-10-15";
}
