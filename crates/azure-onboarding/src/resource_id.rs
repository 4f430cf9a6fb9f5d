//! Azure Resource Manager resource IDs, and storage-account IDs in particular.
//!
//! An ARM ID has the shape
//! `/subscriptions/{guid}[/resourceGroups/{rg}][/providers/{Namespace}/{type}/{name}[/{type}/{name}…]]`.
//! ARM compares IDs case-insensitively; parsing keeps names as given and writes the fixed
//! keywords (`subscriptions`, `resourceGroups`, `providers`) canonically.

use crate::facts::storage::{LOG_SERVICES, RESOURCE_TYPE};
use crate::{StorageAccountName, StorageAccountNameError, SubscriptionId};
use core::fmt;
use core::str::FromStr;

/// Why a resource ID was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResourceIdError {
    /// Does not start with `/subscriptions/{guid}`.
    #[error("an Azure resource ID starts with /subscriptions/<subscription GUID>; copy it from the resource's Properties or JSON View (\"Resource ID\")")]
    MissingSubscription,
    /// The subscription segment is not a GUID.
    #[error("the subscription in the resource ID is not a GUID")]
    BadSubscription,
    /// Wrong structure after the subscription.
    #[error("the resource ID is malformed after the subscription: expected /resourceGroups/<name>/providers/<Namespace>/<type>/<name>")]
    Malformed,
    /// A resource group name that Azure would not accept.
    #[error("the resource group name in the resource ID is invalid (1 to 90 letters, digits or _ - . ( ), not ending in a period)")]
    BadResourceGroup,
    /// Not a storage account ID.
    #[error("this is not a storage account ID: expected …/providers/Microsoft.Storage/storageAccounts/<name>")]
    NotAStorageAccount,
    /// The storage account name part is invalid.
    #[error("the storage account name in the resource ID is invalid: {0}")]
    StorageAccountName(#[from] StorageAccountNameError),
}

/// A parsed ARM resource ID.
///
/// ```
/// use azure_onboarding::ResourceId;
/// let id: ResourceId = "/subscriptions/6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs/blobServices/default"
///     .parse().unwrap();
/// assert_eq!(id.resource_group(), Some("rg"));
/// assert_eq!(id.resource_type().as_deref(), Some("Microsoft.Storage/storageAccounts/blobServices"));
/// assert_eq!(id.name(), Some("default"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResourceId {
    subscription: SubscriptionId,
    resource_group: Option<String>,
    namespace: Option<String>,
    /// `(type, name)` pairs after the namespace.
    types: Vec<(String, String)>,
}

/// Whether `name` (a child resource's name from a snapshot, a diagnostic setting's) can be one
/// segment of a resource ID, an ARM template's resource name and a REST URL's path: not empty,
/// not `.` or `..`, and none of `/ \ ? # %` or a control character (ARM would read a `/` as
/// more segments; a URL would end the path at `?` or `#`).
pub(crate) fn is_name_segment(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_control())
}

/// Azure's rule for a resource group name: 1–90 characters, each a Unicode letter or digit
/// or one of `_ - . ( )`, not ending in `.` (learn.microsoft.com
/// `azure-resource-manager/management/resource-name-rules`, Microsoft.Resources). Nothing
/// else reaches a URL, a template or a shell command as a resource group.
pub(crate) fn valid_resource_group(rg: &str) -> bool {
    let n = rg.chars().count();
    (1..=90).contains(&n)
        && !rg.ends_with('.')
        && rg
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '(' | ')'))
}

impl ResourceId {
    /// The subscription.
    pub fn subscription_id(&self) -> SubscriptionId {
        self.subscription
    }

    /// The resource group, if the ID is at or below one.
    pub fn resource_group(&self) -> Option<&str> {
        self.resource_group.as_deref()
    }

    /// The provider namespace (e.g. `Microsoft.Storage`), if any.
    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// The full resource type, e.g. `Microsoft.Storage/storageAccounts/blobServices`.
    pub fn resource_type(&self) -> Option<String> {
        let ns = self.namespace.as_deref()?;
        let mut t = ns.to_owned();
        for (ty, _) in &self.types {
            t.push('/');
            t.push_str(ty);
        }
        Some(t)
    }

    /// The name of the resource (last segment), if the ID names a resource.
    pub fn name(&self) -> Option<&str> {
        self.types.last().map(|(_, n)| n.as_str())
    }
}

impl FromStr for ResourceId {
    type Err = ResourceIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (clean, _) = crate::normalize::clean_text(s);
        let trimmed = clean.trim_end_matches('/');
        let mut parts = trimmed.split('/');
        if parts.next() != Some("") {
            return Err(ResourceIdError::MissingSubscription);
        }
        let segs: Vec<&str> = parts.collect();
        if segs.len() < 2 || !segs[0].eq_ignore_ascii_case("subscriptions") {
            return Err(ResourceIdError::MissingSubscription);
        }
        let subscription = segs[1]
            .parse::<SubscriptionId>()
            .map_err(|_| ResourceIdError::BadSubscription)?;
        let mut rest = &segs[2..];
        let mut resource_group = None;
        if rest.len() >= 2 && rest[0].eq_ignore_ascii_case("resourceGroups") {
            if !valid_resource_group(rest[1]) {
                return Err(ResourceIdError::BadResourceGroup);
            }
            resource_group = Some(rest[1].to_owned());
            rest = &rest[2..];
        }
        let mut namespace = None;
        let mut types = Vec::new();
        if !rest.is_empty() {
            if rest.len() < 4 || !rest[0].eq_ignore_ascii_case("providers") || rest.len() % 2 != 0 {
                return Err(ResourceIdError::Malformed);
            }
            namespace = Some(rest[1].to_owned());
            for pair in rest[2..].chunks(2) {
                types.push((pair[0].to_owned(), pair[1].to_owned()));
            }
        }
        let id = ResourceId {
            subscription,
            resource_group,
            namespace,
            types,
        };
        let all = id
            .namespace
            .iter()
            .chain(id.types.iter().flat_map(|(a, b)| [a, b]));
        if all.into_iter().any(|s| s.is_empty()) {
            return Err(ResourceIdError::Malformed);
        }
        Ok(id)
    }
}

impl fmt::Display for ResourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/subscriptions/{}", self.subscription)?;
        if let Some(rg) = &self.resource_group {
            write!(f, "/resourceGroups/{rg}")?;
        }
        if let Some(ns) = &self.namespace {
            write!(f, "/providers/{ns}")?;
            for (t, n) in &self.types {
                write!(f, "/{t}/{n}")?;
            }
        }
        Ok(())
    }
}

/// A storage service of an account, whose `default` sub-resource carries the storage logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StorageService {
    /// `blobServices/default`.
    Blob,
    /// `fileServices/default`.
    File,
    /// `queueServices/default`.
    Queue,
    /// `tableServices/default`.
    Table,
}

impl StorageService {
    /// The four services, in the procedure's order.
    pub const ALL: [StorageService; 4] = [Self::Blob, Self::File, Self::Queue, Self::Table];

    /// The sub-resource path below the account, e.g. `blobServices/default`.
    pub fn path(self) -> &'static str {
        LOG_SERVICES[self as usize]
    }
}

/// The ARM ID of a storage account (`Microsoft.Storage/storageAccounts`).
///
/// ```
/// use azure_onboarding::{StorageAccountId, StorageService};
/// let id: StorageAccountId = "/subscriptions/6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b/resourcegroups/rg-logs/providers/microsoft.storage/storageaccounts/workbenchlogs"
///     .parse().unwrap();
/// assert_eq!(id.to_string(), "/subscriptions/6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/workbenchlogs");
/// assert!(id.service(StorageService::Blob).ends_with("/storageAccounts/workbenchlogs/blobServices/default"));
/// let built = StorageAccountId::new(id.subscription_id(), "rg-logs", "workbenchlogs".parse().unwrap()).unwrap();
/// assert_eq!(built, id);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StorageAccountId {
    subscription: SubscriptionId,
    resource_group: String,
    name: StorageAccountName,
}

impl StorageAccountId {
    /// Builds the ID of a storage account; `Err` if the resource group name is invalid.
    pub fn new(
        subscription: SubscriptionId,
        resource_group: &str,
        name: StorageAccountName,
    ) -> Result<Self, ResourceIdError> {
        if !valid_resource_group(resource_group) || resource_group.contains('/') {
            return Err(ResourceIdError::BadResourceGroup);
        }
        Ok(StorageAccountId {
            subscription,
            resource_group: resource_group.to_owned(),
            name,
        })
    }

    /// The subscription.
    pub fn subscription_id(&self) -> SubscriptionId {
        self.subscription
    }

    /// The resource group.
    pub fn resource_group(&self) -> &str {
        &self.resource_group
    }

    /// The account name.
    pub fn name(&self) -> &StorageAccountName {
        &self.name
    }

    /// The ID of one of its services' `default` sub-resource, where storage diagnostic
    /// settings belong.
    pub fn service(&self, service: StorageService) -> String {
        format!("{self}/{}", service.path())
    }
}

impl FromStr for StorageAccountId {
    type Err = ResourceIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id: ResourceId = s.parse()?;
        let is_storage = id
            .resource_type()
            .is_some_and(|t| t.eq_ignore_ascii_case(RESOURCE_TYPE));
        match (is_storage, id.resource_group, id.types.into_iter().next()) {
            (true, Some(rg), Some((_, name))) => Ok(StorageAccountId {
                subscription: id.subscription,
                resource_group: rg,
                name: name.parse()?,
            }),
            _ => Err(ResourceIdError::NotAStorageAccount),
        }
    }
}

impl fmt::Display for StorageAccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "/subscriptions/{}/resourceGroups/{}/providers/{}/{}",
            self.subscription, self.resource_group, RESOURCE_TYPE, self.name
        )
    }
}

serde_via_str!(ResourceId);
serde_via_str!(StorageAccountId);

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";

    #[test]
    fn parses_levels() {
        let s: ResourceId = format!("/subscriptions/{SUB}").parse().unwrap();
        assert_eq!(s.resource_group(), None);
        assert_eq!(s.to_string(), format!("/subscriptions/{SUB}"));
        let rg: ResourceId = format!("/SUBSCRIPTIONS/{SUB}/resourcegroups/rg/")
            .parse()
            .unwrap();
        assert_eq!(
            rg.to_string(),
            format!("/subscriptions/{SUB}/resourceGroups/rg")
        );
        let p: ResourceId =
            format!("/subscriptions/{SUB}/providers/Microsoft.Security/pricings/Arm")
                .parse()
                .unwrap();
        assert_eq!(
            p.resource_type().as_deref(),
            Some("Microsoft.Security/pricings")
        );
    }

    #[test]
    fn rejects() {
        assert_eq!(
            "subscriptions/x".parse::<ResourceId>(),
            Err(ResourceIdError::MissingSubscription)
        );
        assert_eq!(
            "/subscriptions/x".parse::<ResourceId>(),
            Err(ResourceIdError::BadSubscription)
        );
        assert_eq!(
            format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts")
                .parse::<ResourceId>(),
            Err(ResourceIdError::Malformed)
        );
        assert_eq!(
            format!(
                "/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
            )
            .parse::<StorageAccountId>(),
            Err(ResourceIdError::NotAStorageAccount)
        );
        assert_eq!(
            format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/Bad-Name")
                .parse::<StorageAccountId>(),
            Err(ResourceIdError::StorageAccountName(
                StorageAccountNameError::InvalidCharacter
            ))
        );
        // Service sub-resources are not the account.
        assert_eq!(
            format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs/blobServices/default")
                .parse::<StorageAccountId>(),
            Err(ResourceIdError::NotAStorageAccount)
        );
    }

    #[test]
    fn services() {
        let id: StorageAccountId =
            format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs")
                .parse()
                .unwrap();
        let all: Vec<String> = StorageService::ALL.iter().map(|s| id.service(*s)).collect();
        assert!(all[3].ends_with("/logs/tableServices/default"));
        assert_eq!(
            serde_json::to_value(&id).unwrap(),
            serde_json::Value::String(id.to_string())
        );
    }
}
