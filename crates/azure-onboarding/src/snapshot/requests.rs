//! The GET requests the assessment reads ([`RequestId`], [`RequestSpec`]): one constructor
//! per kind of request, each building its URL with the builders of [`url`](super::url).

use super::url::{arm_url, blob_url, graph_url, odata_eq_filter};
use crate::catalog::endpoints as ep;
use crate::catalog::storage;
use crate::StorageAccountName;
use core::fmt;
use serde::{Deserialize, Serialize};

/// The stable id of a kind of request (the table in the snapshot contract).
///
/// | id | request |
/// |---|---|
/// | `S1` | `GET {arm}/subscriptions/{sub}` |
/// | `S2` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.Authorization/roleAssignments` |
/// | `S3` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.Storage/storageAccounts` |
/// | `S4` | `GET {arm}{storageAccountId}/{blob,file,queue,table}Services/default/providers/Microsoft.Insights/diagnosticSettings` |
/// | `S5` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.Security/pricings` |
/// | `S6` | `GET {arm}/subscriptions/{sub}/providers/Microsoft.ClassicStorage/storageAccounts` |
/// | `G1` | `GET {graph}/servicePrincipals?$filter=appId eq '{applicationId}'` |
/// | `G2` | `GET {graph}/servicePrincipals/{spObjectId}/appRoleAssignments` |
/// | `G3` | `GET {graph}/users?$filter=mail eq '{guest mail}'` |
/// | `G4` | `GET {graph}/roleManagement/directory/roleAssignments?$filter=principalId eq '{userObjectId}'` |
/// | `G5` | `GET {graph}/applications?$filter=appId eq '{applicationId}'` (custom app: secret expiry) |
/// | `B1` | `GET https://{logAccount}.blob.core.windows.net/?comp=list&prefix=insights-logs-` (Blob service, XML) |
/// | `B2` | `GET https://{logAccount}.blob.core.windows.net/{container}?restype=container&comp=list&prefix=resourceId={SERVICE ID}/y={yyyy}/m={MM}/d={dd}/&maxresults=24` (Blob service, XML) |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[allow(missing_docs)]
#[non_exhaustive]
pub enum RequestId {
    S1,
    S2,
    S3,
    S4,
    S5,
    S6,
    G1,
    G2,
    G3,
    G4,
    G5,
    B1,
    B2,
}

impl RequestId {
    /// The read permission an identity needs for this request; named in
    /// `not-authorized-to-read` findings.
    pub fn permission(self) -> &'static str {
        use RequestId::*;
        match self {
            S1 | S3 | S6 => "Reader on the subscription (Microsoft.Resources/subscriptions/read, Microsoft.Storage/storageAccounts/read)",
            S2 => "Reader on the subscription (Microsoft.Authorization/roleAssignments/read)",
            S4 => "Reader or Monitoring Reader on the storage account (Microsoft.Insights/diagnosticSettings/read)",
            S5 => "Security Reader or Reader on the subscription (Microsoft.Security/pricings/read)",
            G1 | G2 | G5 => "the Microsoft Graph permission Application.Read.All (or Directory.Read.All), or a Global Reader sign-in",
            G3 => "the Microsoft Graph permission User.Read.All, or a Global Reader sign-in",
            G4 => "the Microsoft Graph permission RoleManagement.Read.Directory, or a Global Reader sign-in",
            B1 | B2 => "a data role such as Storage Blob Data Reader on the log storage account (Owner or Contributor alone are refused), from an address its firewall allows",
        }
    }

    /// What the request reads, in words, for messages (the id itself is for the snapshot).
    pub fn reads(self) -> &'static str {
        use RequestId::*;
        match self {
            S1 => "the subscription",
            S2 => "the subscription's role assignments",
            S3 => "the subscription's storage accounts",
            S4 => "the storage services' diagnostic settings",
            S5 => "the subscription's Defender plans",
            S6 => "the subscription's classic storage accounts",
            G1 => "the application's service principal",
            G2 => "the application's granted permissions",
            G3 => "the guest user",
            G4 => "the guest user's directory roles",
            G5 => "the application registration",
            B1 => "the log storage account's insights-logs containers",
            B2 => "the newest log blobs of a storage service",
        }
    }

    /// `S1` … `G5`, `B1`, `B2`.
    pub fn as_str(self) -> &'static str {
        use RequestId::*;
        match self {
            S1 => "S1",
            S2 => "S2",
            S3 => "S3",
            S4 => "S4",
            S5 => "S5",
            S6 => "S6",
            G1 => "G1",
            G2 => "G2",
            G3 => "G3",
            G4 => "G4",
            G5 => "G5",
            B1 => "B1",
            B2 => "B2",
        }
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One request the assessment reads: what a collector must GET and record.
///
/// JSON: `{ "id": "S2", "method": "GET", "url": "https://management.azure.com/…?api-version=…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RequestSpec {
    /// Kind of request.
    pub id: RequestId,
    /// Always `GET`.
    pub method: String,
    /// The absolute URL, with the api-version the collector should use.
    pub url: String,
}

impl RequestSpec {
    fn get(id: RequestId, url: String) -> Self {
        RequestSpec {
            id,
            method: "GET".into(),
            url,
        }
    }

    fn under_subscription(id: RequestId, sub: &str, suffix: &str, api: &str) -> Self {
        Self::get(id, arm_url(&format!("/subscriptions/{sub}{suffix}"), api))
    }

    /// `S1`: the subscription itself.
    pub(crate) fn subscription(sub: &str) -> Self {
        Self::under_subscription(RequestId::S1, sub, "", ep::SUBSCRIPTIONS_API)
    }

    /// `S2`: the role assignments of a subscription (and the scopes above it).
    pub(crate) fn role_assignments(sub: &str) -> Self {
        Self::under_subscription(
            RequestId::S2,
            sub,
            "/providers/Microsoft.Authorization/roleAssignments",
            ep::ROLE_ASSIGNMENTS_API,
        )
    }

    /// `S3`: the storage accounts of a subscription.
    pub(crate) fn storage_accounts(sub: &str) -> Self {
        Self::under_subscription(
            RequestId::S3,
            sub,
            "/providers/Microsoft.Storage/storageAccounts",
            ep::STORAGE_API,
        )
    }

    /// `S4`: the diagnostic settings of a storage service
    /// (`{storageAccountId}/blobServices/default` …).
    #[doc(hidden)]
    pub fn diagnostic_settings(service_id: &str) -> Self {
        Self::get(
            RequestId::S4,
            arm_url(
                &format!("{service_id}/providers/Microsoft.Insights/diagnosticSettings"),
                ep::DIAGNOSTIC_SETTINGS_API,
            ),
        )
    }

    /// `S5`: the Defender for Cloud pricings (plans) of a subscription.
    pub(crate) fn pricings(sub: &str) -> Self {
        Self::under_subscription(
            RequestId::S5,
            sub,
            "/providers/Microsoft.Security/pricings",
            ep::PRICINGS_API,
        )
    }

    /// `S6`: the classic storage accounts of a subscription.
    pub(crate) fn classic_storage_accounts(sub: &str) -> Self {
        Self::under_subscription(
            RequestId::S6,
            sub,
            "/providers/Microsoft.ClassicStorage/storageAccounts",
            ep::CLASSIC_STORAGE_API,
        )
    }

    fn graph_filtered(id: RequestId, collection: &str, key: &str, value: &str) -> Self {
        Self::get(
            id,
            graph_url(&format!("/{collection}?{}", odata_eq_filter(key, value))),
        )
    }

    /// `G1`: the service principal of an application, by appId.
    pub(crate) fn service_principals_by_app_id(app_id: &str) -> Self {
        Self::graph_filtered(RequestId::G1, "servicePrincipals", "appId", app_id)
    }

    /// `G2`: the app role assignments (application permissions) of a service principal.
    #[doc(hidden)]
    pub fn app_role_assignments(sp_object_id: &str) -> Self {
        Self::get(
            RequestId::G2,
            graph_url(&format!(
                "/servicePrincipals/{sp_object_id}/appRoleAssignments"
            )),
        )
    }

    /// `G3`: the users with a mail address.
    pub(crate) fn users_by_mail(mail: &str) -> Self {
        Self::graph_filtered(RequestId::G3, "users", "mail", mail)
    }

    /// `G4`: the directory role assignments of a principal.
    #[doc(hidden)]
    pub fn directory_role_assignments(principal_id: &str) -> Self {
        Self::graph_filtered(
            RequestId::G4,
            "roleManagement/directory/roleAssignments",
            "principalId",
            principal_id,
        )
    }

    /// `G5`: the app registration (application object) of an appId.
    pub(crate) fn applications_by_app_id(app_id: &str) -> Self {
        Self::graph_filtered(RequestId::G5, "applications", "appId", app_id)
    }

    /// `B1`: the log account's `insights-logs-*` containers (one per log category that
    /// has had an event).
    #[doc(hidden)]
    pub fn log_containers(account: &StorageAccountName) -> Self {
        let url = blob_url(
            account,
            None,
            &[("comp", "list"), ("prefix", storage::LOG_CONTAINER_PREFIX)],
        );
        // No container is named: the account name is valid, so this cannot fail.
        Self::get(RequestId::B1, url.unwrap_or_default())
    }

    /// `B2`: the log blobs of one storage service (`service_id`, `…/blobServices/default`)
    /// in one log container, of one day (`day` = `(year, month, day)`), at most
    /// [`LOG_BLOBS_PER_DAY`](Self::LOG_BLOBS_PER_DAY) a page: one blob per hour, so one
    /// page holds the whole day. `Err` when `container` is not a container name.
    #[doc(hidden)]
    pub fn log_blobs(
        account: &StorageAccountName,
        container: &str,
        service_id: &str,
        day: (i64, i64, i64),
    ) -> Result<Self, String> {
        let (y, m, d) = day;
        // Azure Monitor names blobs by the resource ID in uppercase (FACTS §10).
        let prefix = format!(
            "resourceId={}/y={y:04}/m={m:02}/d={d:02}/",
            service_id.trim_end_matches('/').to_uppercase()
        );
        let max = Self::LOG_BLOBS_PER_DAY.to_string();
        let url = blob_url(
            account,
            Some(container),
            &[
                ("restype", "container"),
                ("comp", "list"),
                ("prefix", &prefix),
                ("maxresults", &max),
            ],
        )?;
        Ok(Self::get(RequestId::B2, url))
    }

    /// Blobs of one resource in one day: one per hour (`…/h={HH}/m=00/PT1H.json`).
    pub const LOG_BLOBS_PER_DAY: usize = 24;
}
