//! The checklist itself. Identifiers come from [`super::ids`]; text follows today's Azure
//! (Microsoft Entra ID, formerly Azure Active Directory) and names its sources.

use super::{
    Catalog, FormField, Identifier, IdentifierKind as K, Level, Notice, Placeholder, Requirement,
    Step,
};
use crate::access_option::AccessOption;
use crate::config::Field;
use crate::facts::{apps, defender, directory_roles, graph, log_analytics, roles, storage};

const SEED: &str = "Seed procedure: azure-cloud-direct-onboarding.txt";
const RBAC_ROLES: &str =
    "MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles.md";
const ENTRA_ROLES: &str =
    "MicrosoftDocs/entra-docs docs/identity/role-based-access-control/permissions-reference.md";
const GRAPH_PERMS: &str =
    "microsoftgraph/microsoft-graph-devx-content permissions/permissions-descriptions.json";
const ALERTS_MIGRATION: &str =
    "microsoftgraph/microsoft-graph-docs-contrib concepts/alertsv1-alertsv2-migration.md";
const LOG_ANALYTICS_IDS: &str =
    "Corroborated (public service-principal permission dumps); verify: GET https://graph.microsoft.com/v1.0/servicePrincipals(appId='ca7f3f0b-7d91-482c-8e09-c5d840d0eac5')?$select=appRoles";
const SECRET_LIFETIME: &str =
    "MicrosoftDocs/entra-docs docs/identity-platform/how-to-add-credentials.md";
const STORAGE_SPEC: &str =
    "Azure/azure-rest-api-specs specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01/storage.json";
const NETWORK_SECURITY: &str =
    "MicrosoftDocs/azure-docs articles/storage/common/storage-network-security.md";
const DIAGNOSTICS: &str =
    "MicrosoftDocs/azure-docs articles/azure-monitor/essentials/resource-manager-diagnostic-settings.md";
const RESOURCE_LOGS_DOC: &str =
    "MicrosoftDocs/azure-docs articles/azure-monitor/essentials/resource-logs.md (Send to Azure Storage)";
const CLASSIC_MIGRATION: &str =
    "MicrosoftDocs/azure-docs articles/storage/common/classic-account-migration-overview.md";
const PRICINGS_SPEC: &str =
    "Azure/azure-rest-api-specs specification/security/resource-manager/Microsoft.Security/stable/2024-01-01/pricings.json";

const fn rbac(n: super::Named) -> Identifier {
    Identifier::of(K::RbacRole, n)
}
const fn app_role(n: super::Named) -> Identifier {
    Identifier::of(K::GraphAppRole, n)
}

const PREREQUISITES: Step = {
    const S: &str = "prerequisites";
    Step {
        id: S,
        number: 0,
        title: "Before you start",
        summary: "Have an administrator at hand, decide on Microsoft 365 sign-in logs and turn on the Microsoft Defender plans Workbench monitors.",
        requirements: &[
            Requirement {
                id: "entra-admin-at-hand",
                step: S,
                title: "A Microsoft Entra administrator is at hand",
                why: "Inviting the guest analyst, granting tenant-wide admin consent and assigning roles on subscriptions need administrative rights (admin consent needs e.g. a Global Administrator; role assignments need Owner or User Access Administrator on each subscription).",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[
                    Identifier::of(K::DirectoryRole, directory_roles::GLOBAL_ADMINISTRATOR),
                    Identifier::of(K::DirectoryRole, directory_roles::GUEST_INVITER)
                        .with_note("enough to invite the guest analyst"),
                ],
                portal: &["Ask a Global Administrator of the tenant to be available for Steps 1 to 4."],
                cli: Some("az login --tenant {tenantId}"),
                sources: &[SEED, ENTRA_ROLES],
            },
            Requirement {
                id: "microsoft-365-onboarded",
                step: S,
                title: "Microsoft 365 is onboarded for sign-in logs",
                why: "Entra sign-in and audit activity reaches Workbench through the Microsoft 365 Management Activity API, not through this Azure integration.",
                level: Level::Recommended,
                access_option: None,
                condition: Some("When Workbench should monitor sign-in activity"),
                identifiers: &[],
                portal: &[
                    "Turn on audit logging in Microsoft Purview (Audit).",
                    "Onboard Microsoft 365 into Workbench as its own integration.",
                ],
                cli: None,
                sources: &[SEED],
            },
            Requirement {
                id: "defender-plans",
                step: S,
                title: "Microsoft Defender plans are on for the monitored services",
                why: "Workbench monitors the alerts of Defender for Storage, Key Vault, Resource Manager, App Service, SQL and Cosmos DB; without a plan there are no alerts to monitor.",
                level: Level::Recommended,
                access_option: None,
                condition: None,
                identifiers: &{
                    let p = defender::MONITORED;
                    [
                        Identifier::named(K::DefenderPlan, p[0]),
                        Identifier::named(K::DefenderPlan, p[1]),
                        Identifier::named(K::DefenderPlan, p[2]),
                        Identifier::named(K::DefenderPlan, p[3]),
                        Identifier::named(K::DefenderPlan, p[4]),
                        Identifier::named(K::DefenderPlan, p[5]),
                    ]
                },
                portal: &[
                    "Open Microsoft Defender for Cloud > Environment settings and select the subscription.",
                    "Under Defender plans, set Storage, Key Vault, Resource Manager, App Service, Databases (Azure SQL, Cosmos DB) to On.",
                    "Select Save. Repeat for every monitored subscription.",
                ],
                cli: Some("az security pricing create --subscription {subscriptionId} --name {plan} --tier Standard"),
                sources: &[SEED, PRICINGS_SPEC],
            },
        ],
    }
};

const CONSOLE_ACCESS: Step = {
    const S: &str = "console-access";
    Step {
        id: S,
        number: 1,
        title: "Step 1: Enable console access",
        summary: "Invite the provider's analyst as a guest user and give them the Global Reader directory role.",
        requirements: &[
            Requirement {
                id: "guest-analyst-invited",
                step: S,
                title: "The provider's analyst is invited as a guest user",
                why: "Analysts investigate alerts in the Azure portal under their own guest identity.",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[Identifier::of(K::DirectoryRole, directory_roles::GUEST_INVITER)
                    .with_note("the least role that can invite")],
                portal: &[
                    "Sign in to the Microsoft Entra admin center (formerly Azure Active Directory) as a Guest Inviter or administrator.",
                    "Go to Identity > Users > All users and select New user > Invite external user.",
                    "Enter the analyst's email address, optionally a message, and select Invite.",
                ],
                cli: Some("az rest --method POST --url https://graph.microsoft.com/v1.0/invitations --body '{\"invitedUserEmailAddress\":\"{guestMail}\",\"inviteRedirectUrl\":\"https://myapps.microsoft.com\",\"sendInvitationMessage\":true}'"),
                sources: &[SEED, ENTRA_ROLES],
            },
            Requirement {
                id: "guest-analyst-global-reader",
                step: S,
                title: "The guest analyst has the Global Reader role",
                why: "Global Reader lets the analyst read directory and security configuration without changing it. Microsoft marks it a privileged role: review it like one.",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[Identifier::of(K::DirectoryRole, directory_roles::GLOBAL_READER)],
                portal: &[
                    "In the invitation (Assignments), or later under Roles & admins, add the role Global Reader to the guest user.",
                ],
                cli: Some("az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments --body '{\"principalId\":\"{guestObjectId}\",\"roleDefinitionId\":\"f2ef992c-3afb-46b9-b7cf-a126ee74c451\",\"directoryScopeId\":\"/\"}'"),
                sources: &[SEED, ENTRA_ROLES],
            },
        ],
    }
};

const APPLICATION_ACCESS: Step = {
    const S: &str = "application-access";
    const GRAPH_PERMISSION_CLI: &str = "az ad app permission add --id {applicationId} --api 00000003-0000-0000-c000-000000000000 --api-permissions 472e4a4d-bb4a-4026-98d1-0b0d74cb74a5=Role 45cc0394-e837-488b-a098-1918f48d186c=Role bf394140-e372-4bf9-a898-299cfc7564e5=Role df021288-bdef-4463-88db-98f22de89214=Role";
    Step {
        id: S,
        number: 2,
        title: "Step 2: Enable Azure application access",
        summary: "Give Workbench an application identity: consent to the provider's enterprise application (Option 1, recommended) or register your own single-tenant application with a client secret (Option 2, least privilege).",
        requirements: &[
            Requirement {
                id: "tenant-id-recorded",
                step: S,
                title: "The Directory (tenant) ID is recorded",
                why: "Workbench routes every API request to your tenant by its GUID. A domain such as contoso.onmicrosoft.com is an alias; the form needs the GUID.",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[],
                portal: &["Open Microsoft Entra ID > Overview and copy Tenant ID."],
                cli: Some("az account show --query tenantId --output tsv"),
                sources: &[SEED, "MicrosoftDocs/entra-docs docs/identity-platform/v2-oauth2-client-creds-grant-flow.md"],
            },
            Requirement {
                id: "enterprise-app-consented",
                step: S,
                title: "Option 1: admin consent is granted to the provider's enterprise application",
                why: "Consent creates the provider application's service principal in your tenant with the permissions Workbench uses. The security-alert permissions must include SecurityAlert.Read.All and SecurityIncident.Read.All since the legacy alerts API was retired.",
                level: Level::Required,
                access_option: Some(AccessOption::EnterpriseApp),
                condition: None,
                identifiers: &[
                    Identifier::of(K::GraphScope, graph::USER_READ_DELEGATED),
                    app_role(graph::SECURITY_EVENTS_READ_ALL),
                    app_role(graph::SECURITY_ALERT_READ_ALL),
                    app_role(graph::SECURITY_INCIDENT_READ_ALL),
                    app_role(graph::USER_READ_ALL),
                    app_role(graph::USER_READWRITE_ALL),
                    Identifier::of(K::LogAnalyticsAppRole, log_analytics::DATA_READ)
                        .with_note("corroborated id; verify at runtime"),
                ],
                portal: &[
                    "As a Global Administrator, open the provider's admin consent page.",
                    "Review and accept the requested permissions.",
                    "In Microsoft Entra ID > Enterprise applications, open the provider's integration app and check under Permissions that every permission shows admin consent granted.",
                ],
                cli: Some("az rest --method GET --url \"https://graph.microsoft.com/v1.0/servicePrincipals?\\$filter=appId eq '{applicationId}'\""),
                sources: &[SEED, GRAPH_PERMS, ALERTS_MIGRATION, LOG_ANALYTICS_IDS],
            },
            Requirement {
                id: "custom-app-registered",
                step: S,
                title: "Option 2: a single-tenant application is registered",
                why: "Your own application gives Workbench exactly the permissions below and nothing more; single tenant keeps it usable only in your directory.",
                level: Level::Required,
                access_option: Some(AccessOption::CustomApp),
                condition: None,
                identifiers: &[],
                portal: &[
                    "Open Microsoft Entra ID > App registrations > New registration.",
                    "Name it (e.g. Workbench Cloud Service) and choose Accounts in this organizational directory only (single tenant). Select Register.",
                    "Copy the Application (client) ID and the Directory (tenant) ID from the Overview page.",
                ],
                // Reuses an app of that name and its service principal when they exist: running it
                // twice must not register a second application.
                cli: Some("appId=$(az ad app list --display-name \"Workbench Cloud Service\" --query \"[0].appId\" --output tsv); [ -n \"$appId\" ] || appId=$(az ad app create --display-name \"Workbench Cloud Service\" --sign-in-audience AzureADMyOrg --query appId --output tsv); az ad sp show --id \"$appId\" --output none 2>/dev/null || az ad sp create --id \"$appId\" --output none; echo \"Application (client) ID: $appId\""),
                sources: &[SEED],
            },
            Requirement {
                id: "custom-app-graph-permissions",
                step: S,
                title: "Option 2: Microsoft Graph application permissions are added",
                why: "Workbench reads security alerts and incidents (alerts_v2, incidents) and user profiles without a signed-in user, so these must be application permissions (type Role), not delegated ones. SecurityEvents.Read.All alone no longer returns alerts.",
                level: Level::Required,
                access_option: Some(AccessOption::CustomApp),
                condition: None,
                identifiers: &[
                    Identifier::of(K::Application, apps::MICROSOFT_GRAPH),
                    app_role(graph::SECURITY_ALERT_READ_ALL),
                    app_role(graph::SECURITY_INCIDENT_READ_ALL),
                    app_role(graph::SECURITY_EVENTS_READ_ALL)
                        .with_note("still gates other security APIs such as secure scores"),
                    app_role(graph::USER_READ_ALL),
                ],
                portal: &[
                    "In the app registration, open API permissions > Add a permission > Microsoft Graph > Application permissions.",
                    "Add SecurityAlert.Read.All, SecurityIncident.Read.All, SecurityEvents.Read.All and User.Read.All, then select Add permissions.",
                ],
                cli: Some(GRAPH_PERMISSION_CLI),
                sources: &[SEED, GRAPH_PERMS, ALERTS_MIGRATION],
            },
            Requirement {
                id: "custom-app-log-analytics-permission",
                step: S,
                title: "Option 2: the Log Analytics API Data.Read application permission is added",
                why: "Workbench queries Log Analytics to enrich Sentinel alerts with the logs that raised them.",
                level: Level::Required,
                access_option: Some(AccessOption::CustomApp),
                condition: None,
                identifiers: &[
                    Identifier::of(K::Application, apps::LOG_ANALYTICS_API),
                    Identifier::of(K::LogAnalyticsAppRole, log_analytics::DATA_READ)
                        .with_note("corroborated id; verify at runtime"),
                ],
                portal: &[
                    "In API permissions > Add a permission > APIs my organization uses, search Log Analytics API.",
                    "Choose Application permissions, select Data.Read and Add permissions.",
                ],
                cli: Some("az ad app permission add --id {applicationId} --api ca7f3f0b-7d91-482c-8e09-c5d840d0eac5 --api-permissions e8f6e161-84d0-4cd7-9441-2d46ec9ec3d5=Role"),
                sources: &[SEED, LOG_ANALYTICS_IDS],
            },
            Requirement {
                id: "custom-app-admin-consent",
                step: S,
                title: "Option 2: admin consent is granted",
                why: "Application permissions do nothing until an administrator consents. Tokens are still issued without consent, so the failure only shows later as 403 from Graph.",
                level: Level::Required,
                access_option: Some(AccessOption::CustomApp),
                condition: None,
                identifiers: &[],
                portal: &[
                    "In API permissions, select Grant admin consent for your organization and confirm with Yes.",
                    "Check that every permission shows Granted in the Status column.",
                ],
                cli: Some("az ad app permission admin-consent --id {applicationId}"),
                sources: &[SEED, "MicrosoftDocs/entra-docs docs/identity-platform/v2-oauth2-client-creds-grant-flow.md"],
            },
            Requirement {
                id: "custom-app-client-secret",
                step: S,
                title: "Option 2: a client secret is created and its Value recorded",
                why: "Workbench authenticates as the application with this secret. Secrets expire (24 months at most in the portal; under 12 months is recommended), so plan the rotation.",
                level: Level::Required,
                access_option: Some(AccessOption::CustomApp),
                condition: None,
                identifiers: &[],
                portal: &[
                    "In Certificates & secrets, select New client secret, give a description (e.g. WorkbenchAPI) and an expiry (\"Never\" no longer exists; 24 months at most).",
                    "Copy the Value column right away (it is shown only once). Do not copy the Secret ID: it is a GUID and will be rejected.",
                    "Note the expiry date and plan to rotate the secret before it.",
                ],
                cli: Some("az ad app credential reset --id {applicationId} --display-name WorkbenchAPI --years 1 --append --query password --output tsv"),
                sources: &[SEED, SECRET_LIFETIME],
            },
        ],
    }
};

const SUBSCRIPTION_ROLES: Step = {
    const S: &str = "subscription-roles";
    Step {
        id: S,
        number: 3,
        title: "Step 3: Enable roles within Azure subscriptions",
        summary: "Grant Log Analytics Reader on every monitored subscription to the application (Option 1 or 2) and to the guest analyst.",
        requirements: &[
            Requirement {
                id: "app-log-analytics-reader",
                step: S,
                title: "The application has Log Analytics Reader on every monitored subscription",
                why: "Without it Workbench cannot poll any logs of that subscription. A forgotten subscription is silently unmonitored.",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[rbac(roles::LOG_ANALYTICS_READER)],
                portal: &[
                    "Open Subscriptions and select a subscription Workbench will monitor.",
                    "Select Access control (IAM) > Add > Add role assignment, choose Log Analytics Reader.",
                    "Assign access to User, group, or service principal and select the provider's enterprise app or your custom app. Review + assign.",
                    "Repeat for every monitored subscription.",
                ],
                cli: Some("az role assignment create --assignee-object-id {spObjectId} --assignee-principal-type ServicePrincipal --role 73c42c96-874c-492b-b04d-ab87d138a893 --scope /subscriptions/{subscriptionId}"),
                sources: &[SEED, RBAC_ROLES],
            },
            Requirement {
                id: "guest-log-analytics-reader",
                step: S,
                title: "The guest analyst has Log Analytics Reader on every monitored subscription",
                why: "Analysts investigate alerts further in the logs of the subscription that raised them.",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[rbac(roles::LOG_ANALYTICS_READER)],
                portal: &[
                    "In the same subscription, add another role assignment of Log Analytics Reader to the guest analyst from Step 1.",
                    "Repeat for every monitored subscription.",
                ],
                cli: Some("az role assignment create --assignee-object-id {guestObjectId} --assignee-principal-type User --role 73c42c96-874c-492b-b04d-ab87d138a893 --scope /subscriptions/{subscriptionId}"),
                sources: &[SEED, RBAC_ROLES],
            },
        ],
    }
};

const RESOURCE_LOGS: Step = {
    const S: &str = "resource-logs";
    const WHEN: Option<&str> = Some("When Workbench should collect Azure Storage resource logs");
    Step {
        id: S,
        number: 4,
        title: "Step 4: Enable Azure resource logs",
        summary: "Create a StorageV2 log account Workbench can read, let logging through its firewall, and send the storage logs of every monitored storage account to it.",
        requirements: &[
            Requirement {
                id: "log-storage-account",
                step: S,
                title: "A StorageV2 log storage account exists",
                why: "Workbench collects resource logs from one storage account; general-purpose v2 is the kind that receives diagnostic logs.",
                level: Level::Required,
                access_option: None,
                condition: WHEN,
                identifiers: &[
                    Identifier::named(K::StorageKind, storage::KIND_STORAGE_V2),
                    Identifier::named(K::ResourceType, storage::RESOURCE_TYPE),
                ],
                portal: &[
                    "Create a storage account: Performance Standard, kind StorageV2 (general purpose v2), in a monitored subscription.",
                    "The name must be 3 to 24 lowercase letters and digits, unique across Azure.",
                ],
                cli: Some("az storage account create --name {logStorageAccount} --resource-group {resourceGroup} --kind StorageV2 --sku Standard_LRS --min-tls-version TLS1_2"),
                sources: &[SEED, STORAGE_SPEC],
            },
            Requirement {
                id: "log-storage-blob-data-reader",
                step: S,
                title: "The application has Storage Blob Data Reader on the log storage account",
                why: "Logs are read as blobs with the application's identity. Storage Account Contributor, used in the past, is over-privileged: it grants the account keys.",
                level: Level::Required,
                access_option: None,
                condition: WHEN,
                identifiers: &[
                    rbac(roles::STORAGE_BLOB_DATA_READER),
                    rbac(roles::STORAGE_ACCOUNT_CONTRIBUTOR)
                        .with_note("avoid: over-privileged (grants account keys)"),
                ],
                portal: &[
                    "In the log storage account, select Access control (IAM) > Add > Add role assignment.",
                    "Choose Storage Blob Data Reader and select the provider's enterprise app or your custom app. Review + assign.",
                ],
                cli: Some("az role assignment create --assignee-object-id {spObjectId} --assignee-principal-type ServicePrincipal --role 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1 --scope {logStorageAccountId}"),
                sources: &[SEED, RBAC_ROLES],
            },
            Requirement {
                id: "log-storage-firewall",
                step: S,
                title: "The log storage account's firewall lets Workbench read the logs",
                why: "With Selected networks (default action Deny) requests from Workbench are blocked unless its egress IP addresses are allowed, or \"Allow read access to storage logging from any network\" is on (bypass includes Logging). Access stays governed by the role above.",
                level: Level::Required,
                access_option: None,
                condition: Some("When the log storage account allows access from selected networks only"),
                identifiers: &[
                    Identifier::named(K::NetworkBypass, storage::BYPASS_LOGGING),
                ],
                portal: &[
                    "In the log storage account, open Networking > Firewalls and virtual networks.",
                    "If Public network access is Enabled from selected networks, either add the provider's egress IP addresses under Firewall, or select Allow read access to storage logging from any network under Exceptions.",
                    "Select Save.",
                ],
                cli: Some("az storage account update --name {logStorageAccount} --resource-group {resourceGroup} --bypass AzureServices Logging"),
                sources: &[SEED, STORAGE_SPEC, NETWORK_SECURITY],
            },
            Requirement {
                id: "storage-diagnostic-settings",
                step: S,
                title: "Every monitored storage account sends StorageRead, StorageWrite and StorageDelete of Blob, File, Queue and Table to the log account",
                why: "Storage logs give Workbench the user activity around your data. They are configured on each service (blobServices/default, …), not on the account, whose setting carries metrics only. Extra logs may add Azure costs.",
                level: Level::Recommended,
                access_option: None,
                condition: WHEN,
                identifiers: &{
                    let c = storage::LOG_CATEGORIES;
                    [
                        Identifier::named(K::LogCategory, c[0]),
                        Identifier::named(K::LogCategory, c[1]),
                        Identifier::named(K::LogCategory, c[2]),
                    ]
                },
                portal: &[
                    "Open the storage account to monitor and select Monitoring > Diagnostic settings.",
                    "For each of blob, file, queue and table select Add diagnostic setting.",
                    "Select the categories StorageRead, StorageWrite and StorageDelete, choose Archive to a storage account and pick the log storage account. Save.",
                    "Repeat for every storage account Workbench must monitor.",
                ],
                cli: Some("az monitor diagnostic-settings create --name workbench-storage-logs --resource {storageAccountId}/blobServices/default --storage-account {logStorageAccountId} --logs '[{\"category\":\"StorageRead\",\"enabled\":true},{\"category\":\"StorageWrite\",\"enabled\":true},{\"category\":\"StorageDelete\",\"enabled\":true}]'"),
                sources: &[SEED, DIAGNOSTICS],
            },
            Requirement {
                id: "classic-storage-accounts",
                step: S,
                title: "No classic storage accounts remain to be monitored",
                why: "Classic storage accounts were retired on 2024-08-31; Azure Monitor logs never supported them. Migrated accounts become general-purpose v1 and can then be logged like the others.",
                level: Level::Recommended,
                access_option: None,
                condition: Some("When the subscription has classic storage accounts"),
                identifiers: &[Identifier::named(K::ResourceType, storage::CLASSIC_RESOURCE_TYPE)],
                portal: &[
                    "Search Storage accounts (classic); migrate any that remain to Azure Resource Manager.",
                    "Then configure their diagnostic settings as above.",
                ],
                cli: Some("az resource list --subscription {subscriptionId} --resource-type Microsoft.ClassicStorage/storageAccounts --output table"),
                sources: &[SEED, CLASSIC_MIGRATION],
            },
            Requirement {
                id: "storage-logs-arriving",
                step: S,
                title: "Storage logs arrive in the log storage account, and the application can read them",
                why: "A correct setting may still deliver nothing, or Workbench may be refused the read (role, firewall). Azure Monitor creates insights-logs-storageread, -storagewrite and -storagedelete at the first log, one blob per resource and hour; an idle service writes none.",
                level: Level::Recommended,
                access_option: None,
                condition: Some("Once the diagnostic settings send to the log account"),
                identifiers: &{
                    let c = storage::LOG_CATEGORIES;
                    [
                        Identifier::named(K::LogCategory, c[0]),
                        Identifier::named(K::LogCategory, c[1]),
                        Identifier::named(K::LogCategory, c[2]),
                        rbac(roles::STORAGE_BLOB_DATA_READER),
                    ]
                },
                portal: &[
                    "Open the log storage account > Storage browser > Blob containers: insights-logs-storageread (-storagewrite, -storagedelete) should hold blobs of the last hours.",
                    "If not, read something in a monitored account and look again in a few minutes.",
                ],
                cli: Some("az storage container list --account-name {logStorageAccount} --auth-mode login --prefix insights-logs- --query [].name --output tsv"),
                sources: &[RESOURCE_LOGS_DOC],
            },
        ],
    }
};

const WORKBENCH_FORM: Step = {
    const S: &str = "workbench-form";
    Step {
        id: S,
        number: 5,
        title: "Step 5: Configure Azure in Workbench",
        summary: "Type what you collected into the Workbench configuration form.",
        requirements: &[
            Requirement {
                id: "workbench-configuration",
                step: S,
                title: "The Workbench configuration form is filled in and valid",
                why: "Workbench needs the device name, location (Microsoft Cloud), tenant ID and, with Option 2, the client ID and the client secret Value.",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[],
                portal: &[
                    "In Workbench, add a security device of type Azure and choose the access option.",
                    "Fill in the device name, Location (Microsoft Cloud) and the Directory (tenant) ID.",
                    "With Option 2, fill in the Application (client) ID and the client secret Value.",
                ],
                cli: Some("azure-onboard validate --config workbench.json"),
                sources: &[SEED],
            },
            Requirement {
                id: "legacy-contributor-field-blank",
                step: S,
                title: "\"Use storage account contributor role\" is left blank",
                why: "The field only supports legacy onboarding with Storage Account Contributor, which is over-privileged.",
                level: Level::Required,
                access_option: None,
                condition: None,
                identifiers: &[rbac(roles::STORAGE_ACCOUNT_CONTRIBUTOR)
                    .with_note("legacy; do not use")],
                portal: &["Leave Use storage account contributor role (Y/N) empty."],
                cli: None,
                sources: &[SEED, RBAC_ROLES],
            },
        ],
    }
};

const NOTICES: &[Notice] = {
    &[
        Notice {
            id: "secret-expiry",
            title: "Client secrets expire",
            seed_says: "Select Never for the client secret's expiration.",
            today: "\"Never\" was removed from the portal in April 2021; portal secrets last 24 months at most and Microsoft recommends under 12. Record the expiry date and rotate the secret before it, or Workbench loses access.",
            requirements: &["custom-app-client-secret"],
            sources: &[
                SECRET_LIFETIME,
                "devblogs.microsoft.com/microsoft365dev/client-secret-expiration-now-limited-to-a-maximum-of-two-years/",
            ],
        },
        Notice {
            id: "graph-legacy-alerts-retired",
            title: "The legacy Graph security alerts API is retired",
            seed_says: "SecurityEvents.Read.All lets the app read your organization's security events.",
            today: dates_graph_alerts(),
            requirements: &["enterprise-app-consented", "custom-app-graph-permissions"],
            sources: &[ALERTS_MIGRATION, GRAPH_PERMS],
        },
        Notice {
            id: "classic-storage-retired",
            title: "Classic storage accounts are retired",
            seed_says: "Enable classic storage logging through Diagnostics settings (classic).",
            today: "Classic storage accounts were retired on 2024-08-31 and migrated accounts are general-purpose v1. Configure their logs with diagnostic settings like any other account.",
            requirements: &["classic-storage-accounts"],
            sources: &[CLASSIC_MIGRATION],
        },
        Notice {
            id: "storage-account-contributor-over-privileged",
            title: "Storage Account Contributor is over-privileged",
            seed_says: "Use storage account contributor role (Y/N): leave blank, legacy only.",
            today: "Storage Account Contributor grants the account keys (full data access). Use Storage Blob Data Reader on the log storage account, and remove old Storage Account Contributor assignments of the app.",
            requirements: &["log-storage-blob-data-reader", "legacy-contributor-field-blank"],
            sources: &[RBAC_ROLES],
        },
        Notice {
            id: "entra-id-renamed",
            title: "Azure Active Directory is now Microsoft Entra ID",
            seed_says: "Navigate to Azure Active Directory.",
            today: "The same service is called Microsoft Entra ID; its blades are in the Azure portal and the Microsoft Entra admin center.",
            requirements: &["guest-analyst-invited", "custom-app-registered"],
            sources: &[ENTRA_ROLES],
        },
    ]
};

const fn dates_graph_alerts() -> &'static str {
    // Kept next to the constant it restates so the two cannot drift silently (tested below).
    "The legacy alerts API (/security/alerts) was retired on 2026-10-15. SecurityEvents.Read.All alone no longer gets alerts: the app needs SecurityAlert.Read.All (alerts_v2) and SecurityIncident.Read.All (incidents) beside or instead of it."
}

const fn field(
    field: Field,
    description: &'static str,
    required: bool,
    access_option: Option<AccessOption>,
) -> FormField {
    FormField {
        field,
        label: field.label(),
        description,
        required,
        access_option,
        choices: &[],
    }
}

const FORM: &[FormField] = &[
    field(Field::AccessOption, "Option 1: consent to the provider's enterprise application; Option 2: your own app registration with a client secret.", true, None),
    field(Field::TenantId, "Microsoft Entra ID > Overview > Tenant ID: a GUID such as 00000000-0000-0000-0000-000000000000, not a domain.", true, None),
    field(Field::ClientId, "App registrations > your app > Overview > Application (client) ID.", true, Some(AccessOption::CustomApp)),
    field(Field::ClientSecret, "Certificates & secrets > Client secrets: the Value column (shown once), not the Secret ID.", true, Some(AccessOption::CustomApp)),
    field(Field::DeviceName, "The name this Azure tenant gets as a security device in Workbench.", true, None),
    FormField {
        choices: &["Microsoft Cloud"],
        ..field(Field::Location, "The cloud of the tenant. This procedure covers Microsoft Cloud (Azure global).", true, None)
    },
    field(Field::UseStorageAccountContributorRole, "Legacy setting: leave it blank. Workbench reads storage logs with Storage Blob Data Reader.", false, None),
];

const PLACEHOLDERS: &[Placeholder] = &[
    Placeholder { name: "tenantId", meaning: "the Directory (tenant) ID", input: Some("tenantId"), label: Some(Field::TenantId.label()), find: Some("az account show --query tenantId --output tsv") },
    Placeholder { name: "applicationId", meaning: "the Application (client) ID of your app (Option 2) or of the provider's enterprise application (Option 1)", input: Some("applicationId"), label: Some(Field::ClientId.label()), find: None },
    Placeholder { name: "guestMail", meaning: "the e-mail address of the provider's analyst to invite as a guest", input: Some("guestMail"), label: Some("Guest analyst e-mail"), find: None },
    Placeholder { name: "subscriptionId", meaning: "every subscription Workbench monitors (one command per subscription)", input: Some("subscriptions"), label: Some("Subscription IDs"), find: Some("az account list --query [].id --output tsv") },
    Placeholder { name: "resourceGroup", meaning: "the resource group of the log storage account", input: Some("resourceGroup"), label: Some("Resource group of the log storage account"), find: None },
    Placeholder { name: "logStorageAccount", meaning: "the name of the log storage account (3 to 24 lowercase letters and digits)", input: Some("logStorageAccount"), label: Some("Log storage account name"), find: None },
    Placeholder { name: "logStorageAccountId", meaning: "the resource ID of the log storage account, built from the first subscription, the resource group and the account name", input: None, label: None, find: None },
    Placeholder { name: "spObjectId", meaning: "the object ID of the application's service principal", input: None, label: None, find: Some("az ad sp show --id {applicationId} --query id --output tsv") },
    Placeholder { name: "guestObjectId", meaning: "the guest analyst's object ID", input: None, label: None, find: Some("az ad user list --filter \"mail eq '{guestMail}'\" --query [0].id --output tsv") },
    Placeholder { name: "storageAccountId", meaning: "the resource ID of each storage account to monitor", input: None, label: None, find: Some("az storage account list --subscription {subscriptionId} --query [].id --output tsv") },
    Placeholder { name: "egressIp", meaning: "the provider's egress IP addresses (ask the provider)", input: None, label: None, find: None },
    Placeholder { name: "plan", meaning: "each Microsoft Defender plan Workbench uses (one command per plan)", input: None, label: None, find: None },
];

/// The checklist as static data: built at compile time, so the WebAssembly module carries
/// it as data rather than as code that allocates it on every call.
pub(super) static CATALOG: Catalog = Catalog {
    steps: &[
        PREREQUISITES,
        CONSOLE_ACCESS,
        APPLICATION_ACCESS,
        SUBSCRIPTION_ROLES,
        RESOURCE_LOGS,
        WORKBENCH_FORM,
    ],
    notices: NOTICES,
    form: FORM,
    placeholders: PLACEHOLDERS,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::dates;

    /// Literals inside text and command templates restate constants; keep them in sync.
    #[test]
    fn text_restates_the_constants() {
        assert!(dates_graph_alerts().contains(dates::GRAPH_LEGACY_ALERTS_RETIRED_ON));
        let cat = &CATALOG;
        let cli = |id: &str| cat.requirement(id).unwrap().cli.unwrap();
        assert!(cli("guest-analyst-global-reader").contains(directory_roles::GLOBAL_READER.id));
        assert!(cli("app-log-analytics-reader").contains(roles::LOG_ANALYTICS_READER.id));
        assert!(cli("guest-log-analytics-reader").contains(roles::LOG_ANALYTICS_READER.id));
        assert!(cli("log-storage-blob-data-reader").contains(roles::STORAGE_BLOB_DATA_READER.id));
        let graph_cli = cli("custom-app-graph-permissions");
        assert!(graph_cli.contains(apps::MICROSOFT_GRAPH.id));
        for p in [
            graph::SECURITY_ALERT_READ_ALL,
            graph::SECURITY_INCIDENT_READ_ALL,
            graph::SECURITY_EVENTS_READ_ALL,
            graph::USER_READ_ALL,
        ] {
            assert!(graph_cli.contains(&format!("{}=Role", p.id)), "{}", p.name);
        }
        let la = cli("custom-app-log-analytics-permission");
        assert!(la.contains(apps::LOG_ANALYTICS_API.id));
        assert!(la.contains(log_analytics::DATA_READ.id));
        assert!(cli("log-storage-firewall").contains(storage::BYPASS_LOGGING));
        let diag = cli("storage-diagnostic-settings");
        for c in storage::LOG_CATEGORIES {
            assert!(diag.contains(c));
        }
        assert!(cli("classic-storage-accounts").contains(storage::CLASSIC_RESOURCE_TYPE));
        let classic = cat.requirement("classic-storage-accounts").unwrap();
        assert!(classic.why.contains(storage::CLASSIC_RETIRED_ON));
    }
}
