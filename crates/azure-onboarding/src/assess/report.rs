//! The result of [`assess`](crate::assess()): the ReadinessReport.

use core::fmt;
use serde::{Deserialize, Serialize};

/// The outcome of a check, or the worst outcome of a group of checks
/// (`fail` > `unknown` > `warn` > `pass`). `Ord` follows that order, worst greatest:
///
/// ```
/// use azure_onboarding::Status;
/// assert!(Status::Fail > Status::Unknown && Status::Unknown > Status::Warn && Status::Warn > Status::Pass);
/// assert_eq!([Status::Warn, Status::Fail, Status::Pass].into_iter().max(), Some(Status::Fail));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Status {
    /// Done as needed.
    Pass,
    /// Will work, but worth fixing (not needed for readiness).
    Warn,
    /// Could not be checked: a response is missing, unreadable or was refused.
    Unknown,
    /// Onboarding will not work (for this subscription or resource) until fixed.
    Fail,
}

impl Status {
    /// `pass`, `warn`, `unknown` or `fail`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Unknown => "unknown",
            Status::Fail => "fail",
        }
    }

    /// The worse of two statuses (the greater in `Ord`).
    pub fn worst(self, other: Status) -> Status {
        self.max(other)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! finding_codes {
    ($($(#[$doc:meta])* $v:ident = $s:literal,)*) => {
        /// The stable code of a readiness finding, serialized in kebab-case. Codes are public
        /// API: never renamed, only added.
        ///
        /// | code | status | when |
        /// |---|---|---|
        /// | `subscription-not-found` | fail | a planned subscription returns 404 (wrong ID, or not in this tenant) |
        /// | `subscription-disabled` | fail / warn | state is Disabled, Deleted or PastDue (fail) or Warned (warn) |
        /// | `subscription-wrong-tenant` | fail | the subscription belongs to another directory than the plan's tenant |
        /// | `service-principal-not-found` | fail | no service principal for the plan's applicationId |
        /// | `graph-permission-missing` | fail | a required Microsoft Graph application permission is not granted; one per permission |
        /// | `log-analytics-permission-missing` | fail | Log Analytics API Data.Read is not granted |
        /// | `legacy-security-alerts-permission` | warn | SecurityEvents.Read.All without SecurityAlert.Read.All (legacy alerts API retired) |
        /// | `client-secret-missing` | fail | custom app: no app registration or no client secret |
        /// | `client-secret-expired` | fail | custom app: every client secret has expired |
        /// | `client-secret-expiring` | warn | custom app: the latest secret expires within 30 days |
        /// | `log-analytics-reader-missing` | fail | the app (or the planned guest) lacks Log Analytics Reader on a subscription |
        /// | `guest-user-not-found` | fail | the planned guest analyst is not in the directory |
        /// | `global-reader-missing` | fail | the guest analyst lacks the Global Reader directory role |
        /// | `log-storage-account-missing` | fail | the planned log storage account does not exist |
        /// | `log-storage-account-kind` | fail | the log storage account is not StorageV2 |
        /// | `storage-blob-data-reader-missing` | fail | the app cannot read blobs of the log account |
        /// | `storage-firewall-blocks-logs` | fail | the log account's firewall blocks Workbench (Deny, no Logging bypass, egress IPs not allowed; or public access disabled) |
        /// | `monitored-storage-account-not-found` | fail | a storage account listed in the plan does not exist |
        /// | `diagnostic-setting-missing` | fail | a monitored account's Blob/File/Queue/Table service sends no logs to the log account |
        /// | `diagnostic-category-missing` | fail | a setting to the log account lacks StorageRead, StorageWrite or StorageDelete |
        /// | `diagnostic-settings-limit` | fail | the service already has 5 diagnostic settings: one more cannot be added |
        /// | `classic-storage-account` | warn | a classic storage account exists: retired, cannot be monitored |
        /// | `defender-plan-not-enabled` | warn | a planned Defender plan is not `Standard` on a subscription |
        /// | `storage-account-contributor-assigned` | warn | the app holds Storage Account Contributor (account keys) |
        /// | `not-authorized-to-read` | unknown | a needed response is 401/403; names the read permission |
        /// | `not-collected` | unknown | a needed response (or a page of it) is absent from the snapshot |
        /// | `request-failed` | unknown | a needed response has another error status (429, 5xx, …) |
        /// | `response-unreadable` | unknown | a needed response body does not have Azure's shape or lacks a field the check reads (names the JSON path) |
        /// | `client-secret-invalid` | fail | live: the token endpoint rejects the client secret (AADSTS7000215; often the Secret ID pasted instead of the Value) |
        /// | `tenant-not-found` | fail | live: the token endpoint knows no such tenant (AADSTS90002, AADSTS900023) |
        /// | `application-disabled` | fail | live: the application is disabled in the tenant (AADSTS7000112) |
        /// | `conditional-access-blocked` | fail | live: a Conditional Access policy blocks the application's sign-in (AADSTS53003) |
        /// | `token-request-failed` | unknown | live: no token for another reason (endpoint unreachable, unexpected AADSTS code): nothing behind it could be checked |
        /// | `logs-arriving` | pass | logs reached the log account in the last 24 hours (B1, B2); names the newest blob's time. The one finding with status `pass` |
        /// | `logs-idle` | warn | a service whose setting sends to the log account has no log of the last 24 hours (it may be idle), or no log has arrived yet less than a day after its setting was created |
        /// | `logs-not-arriving` | fail | no `insights-logs-*` container at all in the log account, more than a day after every setting to it was created. Required only when read with the application's identity (`verify`) |
        /// | `log-read-not-permitted` | unknown; fail in `verify` | the Blob service refused the read: 403 AuthorizationPermissionMismatch (no data role, or not yet effective) |
        /// | `log-read-blocked-by-firewall` | unknown; fail in `verify` | the Blob service refused the read: 403 AuthorizationFailure (the firewall blocks the reader's address) |
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        #[non_exhaustive]
        pub enum FindingCode {
            $($(#[$doc])* $v,)*
        }

        impl FindingCode {
            /// Every code.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$v,)*];

            /// The kebab-case code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$v => $s,)*
                }
            }
        }
    };
}

finding_codes! {
    /// `subscription-not-found`
    SubscriptionNotFound = "subscription-not-found",
    /// `subscription-disabled`
    SubscriptionDisabled = "subscription-disabled",
    /// `subscription-wrong-tenant`
    SubscriptionWrongTenant = "subscription-wrong-tenant",
    /// `service-principal-not-found`
    ServicePrincipalNotFound = "service-principal-not-found",
    /// `graph-permission-missing`
    GraphPermissionMissing = "graph-permission-missing",
    /// `log-analytics-permission-missing`
    LogAnalyticsPermissionMissing = "log-analytics-permission-missing",
    /// `legacy-security-alerts-permission`
    LegacySecurityAlertsPermission = "legacy-security-alerts-permission",
    /// `client-secret-missing`
    ClientSecretMissing = "client-secret-missing",
    /// `client-secret-expired`
    ClientSecretExpired = "client-secret-expired",
    /// `client-secret-expiring`
    ClientSecretExpiring = "client-secret-expiring",
    /// `log-analytics-reader-missing`
    LogAnalyticsReaderMissing = "log-analytics-reader-missing",
    /// `guest-user-not-found`
    GuestUserNotFound = "guest-user-not-found",
    /// `global-reader-missing`
    GlobalReaderMissing = "global-reader-missing",
    /// `log-storage-account-missing`
    LogStorageAccountMissing = "log-storage-account-missing",
    /// `log-storage-account-kind`
    LogStorageAccountKind = "log-storage-account-kind",
    /// `storage-blob-data-reader-missing`
    StorageBlobDataReaderMissing = "storage-blob-data-reader-missing",
    /// `storage-firewall-blocks-logs`
    StorageFirewallBlocksLogs = "storage-firewall-blocks-logs",
    /// `monitored-storage-account-not-found`
    MonitoredStorageAccountNotFound = "monitored-storage-account-not-found",
    /// `diagnostic-setting-missing`
    DiagnosticSettingMissing = "diagnostic-setting-missing",
    /// `diagnostic-category-missing`
    DiagnosticCategoryMissing = "diagnostic-category-missing",
    /// `diagnostic-settings-limit`
    DiagnosticSettingsLimit = "diagnostic-settings-limit",
    /// `classic-storage-account`
    ClassicStorageAccount = "classic-storage-account",
    /// `defender-plan-not-enabled`
    DefenderPlanNotEnabled = "defender-plan-not-enabled",
    /// `storage-account-contributor-assigned`
    StorageAccountContributorAssigned = "storage-account-contributor-assigned",
    /// `not-authorized-to-read`
    NotAuthorizedToRead = "not-authorized-to-read",
    /// `not-collected`
    NotCollected = "not-collected",
    /// `request-failed`
    RequestFailed = "request-failed",
    /// `response-unreadable`
    ResponseUnreadable = "response-unreadable",
    /// `client-secret-invalid`
    ClientSecretInvalid = "client-secret-invalid",
    /// `tenant-not-found`
    TenantNotFound = "tenant-not-found",
    /// `application-disabled`
    ApplicationDisabled = "application-disabled",
    /// `conditional-access-blocked`
    ConditionalAccessBlocked = "conditional-access-blocked",
    /// `token-request-failed`
    TokenRequestFailed = "token-request-failed",
    /// `logs-arriving`
    LogsArriving = "logs-arriving",
    /// `logs-idle`
    LogsIdle = "logs-idle",
    /// `logs-not-arriving`
    LogsNotArriving = "logs-not-arriving",
    /// `log-read-not-permitted`
    LogReadNotPermitted = "log-read-not-permitted",
    /// `log-read-blocked-by-firewall`
    LogReadBlockedByFirewall = "log-read-blocked-by-firewall",
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses the kebab-case code, as serialized (`"not-collected".parse()`).
///
/// ```
/// use azure_onboarding::FindingCode;
/// assert_eq!("not-collected".parse::<FindingCode>(), Ok(FindingCode::NotCollected));
/// assert!("Not-Collected".parse::<FindingCode>().is_err());
/// ```
impl core::str::FromStr for FindingCode {
    type Err = crate::UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FindingCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(crate::UnknownCode::Finding)
    }
}

/// How to fix a finding: where in the portal, and the `az` command with the real IDs.
///
/// JSON: `{ "portal": "…", "cli": "az …" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Remediation {
    /// Portal steps, in one paragraph.
    pub portal: String,
    /// An `az` command (for `unknown` findings: the `az rest` call that collects the response).
    pub cli: String,
}

/// One check that did not pass.
///
/// JSON: `{ "code", "status", "required", "resource", "message", "request"?, "remediation": { "portal", "cli" } }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// `fail`, `warn` or `unknown`.
    pub status: Status,
    /// Whether the check is needed for readiness (a `fail` or `unknown` of it makes
    /// `ready` false). Warnings are never required.
    pub required: bool,
    /// What it is about: an ARM resource ID, `servicePrincipals(appId='…')`, or the guest's mail.
    pub resource: String,
    /// What is wrong, for a person.
    pub message: String,
    /// For `unknown` findings: the URL of the response that is missing or was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub request: Option<String>,
    /// How to fix it.
    pub remediation: Remediation,
}

/// Numbers of checks by outcome. JSON: `{ "pass", "fail", "warn", "unknown" }`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Summary {
    /// Checks passed.
    pub pass: u32,
    /// Checks failed.
    pub fail: u32,
    /// Checks with a warning.
    pub warn: u32,
    /// Checks that could not be made.
    pub unknown: u32,
}

impl Summary {
    pub(crate) fn add(&mut self, s: Status) {
        match s {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Warn => self.warn += 1,
            Status::Unknown => self.unknown += 1,
        }
    }

    /// The worst outcome counted (`pass` when nothing was counted).
    pub fn status(&self) -> Status {
        if self.fail > 0 {
            Status::Fail
        } else if self.unknown > 0 {
            Status::Unknown
        } else if self.warn > 0 {
            Status::Warn
        } else {
            Status::Pass
        }
    }
}

/// The checks of one step of the procedure.
///
/// JSON: `{ "id", "title", "status", "summary", "findings": [Finding] }`. `id` and `title`
/// are the catalog's (`prerequisites`, `console-access`, `application-access`,
/// `subscription-roles`, `resource-logs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct StepReport {
    /// The catalog's step id.
    pub id: String,
    /// The catalog's step title.
    pub title: String,
    /// The worst outcome of its checks.
    pub status: Status,
    /// Its checks by outcome.
    pub summary: Summary,
    /// The checks that did not pass, in plan order.
    pub findings: Vec<Finding>,
}

/// What kind of thing a [`ResourceStatus`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum ResourceKind {
    /// A planned subscription.
    Subscription,
    /// The log storage account.
    LogStorageAccount,
    /// A storage account whose logs must reach the log account.
    StorageAccount,
    /// The application's service principal.
    ServicePrincipal,
    /// The guest analyst.
    GuestUser,
}

/// The outcome of every check about one subscription, account or identity, for a table of
/// "which subscription / storage account is ready".
///
/// JSON: `{ "id", "kind", "name"?, "status" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ResourceStatus {
    /// ARM ID, `servicePrincipals(appId='…')` or the guest's mail (as in [`Finding::resource`]).
    pub id: String,
    /// What it is.
    pub kind: ResourceKind,
    /// Display name, when Azure returned one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub name: Option<String>,
    /// The worst outcome of its checks.
    pub status: Status,
}

/// The result of [`assess`](crate::assess()).
///
/// JSON:
/// ```json
/// { "ready": false, "collectedAt": "2026-11-26T12:00:00Z",
///   "summary": { "pass": 40, "fail": 3, "warn": 2, "unknown": 0 },
///   "steps": [ { "id": "subscription-roles", "title": "…", "status": "fail",
///                "summary": { … },
///                "findings": [ { "code": "log-analytics-reader-missing", "status": "fail",
///                                "required": true, "resource": "/subscriptions/<id>",
///                                "message": "…",
///                                "remediation": { "portal": "…", "cli": "az …" } } ] } ],
///   "resources": [ { "id": "/subscriptions/<id>", "kind": "subscription", "name": "…", "status": "fail" } ] }
/// ```
/// `ready` is true exactly when no required check is `fail` or `unknown`. Summaries count
/// checks (passing ones included); findings list only the checks that did not pass. Steps
/// without a check (e.g. `console-access` when no guest is planned) are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ReadinessReport {
    /// True exactly when no required check is `fail` or `unknown`.
    pub ready: bool,
    /// The snapshot's `collectedAt`: the state this report describes.
    pub collected_at: String,
    /// All checks by outcome.
    pub summary: Summary,
    /// Per step, in procedure order.
    pub steps: Vec<StepReport>,
    /// Per subscription, storage account and identity, in plan order.
    pub resources: Vec<ResourceStatus>,
}

impl ReadinessReport {
    /// Every finding, step by step.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.steps.iter().flat_map(|s| s.findings.iter())
    }

    /// Whether some finding has this code.
    pub fn has(&self, code: FindingCode) -> bool {
        self.findings().any(|f| f.code == code)
    }
}
