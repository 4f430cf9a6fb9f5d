//! The Workbench configuration form (Step 5) as data.

use crate::SecretString;
use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Serialize};

/// What a person typed into the Workbench configuration form. Every field is an optional
/// string, so that any form state can be validated; nothing is checked on deserialization.
/// That is deliberate, unlike [`OnboardingPlan`](crate::OnboardingPlan): a form's mistakes
/// are findings ([`validate`](crate::validate) returns them as data), not refusals. Prefer
/// [`WorkbenchConfig::from_json`] to `serde_json::from_str`: serde_json's errors may quote
/// the input, which can hold the client secret.
///
/// JSON (camelCase, every key optional, `null` = absent):
/// ```json
/// { "accessOption": "enterpriseApp" | "customApp",
///   "tenantId": "Directory (tenant) ID",
///   "clientId": "Application (client) ID, customApp only",
///   "clientSecret": "client secret VALUE, customApp only",
///   "deviceName": "the name you assign the security device",
///   "location": "Microsoft Cloud",
///   "useStorageAccountContributorRole": "legacy: must stay blank" }
/// ```
/// Unknown keys are ignored (not reported): the form may carry fields of its own, and a key
/// misspelt is caught anyway by the `required` issue of the field it should have filled.
///
/// `Debug` redacts the secret, and any other field whose value looks like a client secret
/// (pasted in the wrong place); serializing writes everything (this is the input, e.g. to
/// store).
///
/// ```
/// use azure_onboarding::WorkbenchConfig;
/// let c: WorkbenchConfig = serde_json::from_str(r#"{"accessOption":"customApp","tenantId":null}"#).unwrap();
/// assert_eq!(c.access_option.as_deref(), Some("customApp"));
/// assert_eq!(c.tenant_id, None);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct WorkbenchConfig {
    /// `enterpriseApp` (Option 1) or `customApp` (Option 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "\"enterpriseApp\" | \"customApp\" | null")
    )]
    pub access_option: Option<String>,
    /// Directory (tenant) ID: a GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub tenant_id: Option<String>,
    /// Application (client) ID: a GUID (custom app only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub client_id: Option<String>,
    /// The client secret's Value (custom app only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub client_secret: Option<SecretString>,
    /// The name given to the security device in Workbench.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub device_name: Option<String>,
    /// The cloud: `Microsoft Cloud`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub location: Option<String>,
    /// Legacy "Use storage account contributor role (Y/N)": must stay blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub use_storage_account_contributor_role: Option<String>,
}

impl WorkbenchConfig {
    /// Parses a configuration from JSON text (e.g. the CLI's `--config` file), refusing
    /// texts over [`crate::MAX_JSON_BYTES`]. Errors name the JSON path (`tenantId`) and
    /// never quote a value: the text may hold the client secret.
    ///
    /// ```
    /// use azure_onboarding::WorkbenchConfig;
    /// let err = WorkbenchConfig::from_json(r#"{"clientSecret": ["abc8Q~x"]}"#).unwrap_err();
    /// assert_eq!(err.path(), Some("clientSecret"));
    /// assert!(!err.to_string().contains("8Q~"));
    /// ```
    pub fn from_json(text: &str) -> Result<WorkbenchConfig, crate::InputError> {
        crate::input::from_json(text, "configuration").map_err(crate::InputError::redacted)
    }
}

impl fmt::Debug for WorkbenchConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("WorkbenchConfig");
        for field in Field::ALL {
            let shown = self.get(field).map(|v| {
                let looks_secret = field == Field::ClientSecret
                    || crate::client_secret::contains_secret_marker(v)
                    || crate::client_secret::looks_like_legacy_secret(
                        crate::normalize::clean_text(v).0,
                    );
                if looks_secret {
                    crate::client_secret::secret_hint(v)
                } else {
                    v.to_owned()
                }
            });
            d.field(field.as_str(), &shown);
        }
        d.finish()
    }
}

/// A Workbench configuration whose values are borrowed: what [`validate`](crate::validate),
/// [`normalize`](crate::normalize) and [`validate_field`](crate::validate_field) read, so
/// that a caller holding the values elsewhere (the npm package holds them in a buffer it
/// wipes) need not copy each into a [`WorkbenchConfig`] first. `&WorkbenchConfig` converts
/// into it, so those functions take either. `Debug` names the fields present, never their
/// values.
///
/// ```
/// use azure_onboarding::{validate, ConfigView};
/// let view = ConfigView { access_option: Some("enterpriseApp"), ..ConfigView::default() };
/// assert!(!validate(view).valid);
/// assert_eq!(format!("{view:?}"), "ConfigView { present: [\"accessOption\"] }");
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct ConfigView<'a> {
    /// See [`WorkbenchConfig::access_option`].
    pub access_option: Option<&'a str>,
    /// See [`WorkbenchConfig::tenant_id`].
    pub tenant_id: Option<&'a str>,
    /// See [`WorkbenchConfig::client_id`].
    pub client_id: Option<&'a str>,
    /// See [`WorkbenchConfig::client_secret`]: the secret itself.
    pub client_secret: Option<&'a str>,
    /// See [`WorkbenchConfig::device_name`].
    pub device_name: Option<&'a str>,
    /// See [`WorkbenchConfig::location`].
    pub location: Option<&'a str>,
    /// See [`WorkbenchConfig::use_storage_account_contributor_role`].
    pub use_storage_account_contributor_role: Option<&'a str>,
}

impl<'a> From<&'a WorkbenchConfig> for ConfigView<'a> {
    fn from(c: &'a WorkbenchConfig) -> Self {
        ConfigView {
            access_option: c.access_option.as_deref(),
            tenant_id: c.tenant_id.as_deref(),
            client_id: c.client_id.as_deref(),
            client_secret: c.client_secret.as_ref().map(|s| s.expose_secret()),
            device_name: c.device_name.as_deref(),
            location: c.location.as_deref(),
            use_storage_account_contributor_role: c.use_storage_account_contributor_role.as_deref(),
        }
    }
}

impl ConfigView<'_> {
    /// The value of a field (the secret exposed), if present.
    pub fn get(&self, field: Field) -> Option<&str> {
        match field {
            Field::AccessOption => self.access_option,
            Field::TenantId => self.tenant_id,
            Field::ClientId => self.client_id,
            Field::ClientSecret => self.client_secret,
            Field::DeviceName => self.device_name,
            Field::Location => self.location,
            Field::UseStorageAccountContributorRole => self.use_storage_account_contributor_role,
        }
    }
}

impl fmt::Debug for ConfigView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let present: Vec<&str> = Field::ALL
            .iter()
            .filter(|field| self.get(**field).is_some())
            .map(|field| field.as_str())
            .collect();
        f.debug_struct("ConfigView")
            .field("present", &present)
            .finish()
    }
}

impl WorkbenchConfig {
    /// The raw value of a field (the secret exposed), if present.
    pub fn get(&self, field: Field) -> Option<&str> {
        match field {
            Field::AccessOption => self.access_option.as_deref(),
            Field::TenantId => self.tenant_id.as_deref(),
            Field::ClientId => self.client_id.as_deref(),
            Field::ClientSecret => self.client_secret.as_ref().map(|s| s.expose_secret()),
            Field::DeviceName => self.device_name.as_deref(),
            Field::Location => self.location.as_deref(),
            Field::UseStorageAccountContributorRole => {
                self.use_storage_account_contributor_role.as_deref()
            }
        }
    }

    /// Sets (or, with `None`, clears) a field.
    ///
    /// ```
    /// use azure_onboarding::{Field, WorkbenchConfig};
    /// let mut c = WorkbenchConfig::default();
    /// c.set(Field::TenantId, Some("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b".into()));
    /// assert!(c.tenant_id.is_some());
    /// ```
    pub fn set(&mut self, field: Field, value: Option<String>) {
        match field {
            Field::AccessOption => self.access_option = value,
            Field::TenantId => self.tenant_id = value,
            Field::ClientId => self.client_id = value,
            Field::ClientSecret => self.client_secret = value.map(SecretString::new),
            Field::DeviceName => self.device_name = value,
            Field::Location => self.location = value,
            Field::UseStorageAccountContributorRole => {
                self.use_storage_account_contributor_role = value
            }
        }
    }
}

/// A field of the Workbench configuration form. JSON: the camelCase key, e.g. `tenantId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Field {
    /// `accessOption`.
    AccessOption,
    /// `tenantId`.
    TenantId,
    /// `clientId`.
    ClientId,
    /// `clientSecret`.
    ClientSecret,
    /// `deviceName`.
    DeviceName,
    /// `location`.
    Location,
    /// `useStorageAccountContributorRole`.
    UseStorageAccountContributorRole,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 7] = [
        Field::AccessOption,
        Field::DeviceName,
        Field::Location,
        Field::TenantId,
        Field::ClientId,
        Field::ClientSecret,
        Field::UseStorageAccountContributorRole,
    ];

    /// The JSON key, e.g. `tenantId`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::AccessOption => "accessOption",
            Field::TenantId => "tenantId",
            Field::ClientId => "clientId",
            Field::ClientSecret => "clientSecret",
            Field::DeviceName => "deviceName",
            Field::Location => "location",
            Field::UseStorageAccountContributorRole => "useStorageAccountContributorRole",
        }
    }

    /// The form's label, e.g. `Directory (tenant) ID`.
    pub const fn label(self) -> &'static str {
        match self {
            Field::AccessOption => "Access option",
            Field::TenantId => "Directory (tenant) ID",
            Field::ClientId => "Application (client) ID",
            Field::ClientSecret => "Application (client) secret",
            Field::DeviceName => "Name",
            Field::Location => "Location",
            Field::UseStorageAccountContributorRole => "Use storage account contributor role (Y/N)",
        }
    }

    /// Position in form order (for sorting issues).
    pub(crate) fn order(self) -> usize {
        Field::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or(usize::MAX)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The field name was not recognized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown field; expected one of accessOption, tenantId, clientId, clientSecret, deviceName, location, useStorageAccountContributorRole")]
pub struct FieldError;

impl FromStr for Field {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or(FieldError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        for f in Field::ALL {
            assert_eq!(f.as_str().parse(), Ok(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
        }
    }

    #[test]
    fn debug_redacts_secret() {
        let c = WorkbenchConfig {
            client_secret: Some("abc8Q~CANARYcanaryCANARYcanaryCANARY1234".into()),
            ..Default::default()
        };
        assert!(!format!("{c:?}").contains("CANARY"));
        assert!(serde_json::to_string(&c).unwrap().contains("CANARY"));
    }
}
