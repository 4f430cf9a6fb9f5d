//! The result of validation: issues with stable codes, and the normalized configuration.

use crate::Field;
use core::fmt;
use serde::{Deserialize, Serialize};

/// How serious an issue is. `error` makes the configuration invalid; `warning` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Severity {
    /// The configuration cannot work as given.
    Error,
    /// Accepted, but worth knowing or fixing.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The stable code of a validation issue, serialized in kebab-case. Codes are public API:
/// never renamed, only added. Each code has one fixed [`Severity`].
///
/// | code | severity | meaning |
/// |---|---|---|
/// | `required` | error | a field the chosen access option needs is missing or blank (`accessOption`, `tenantId`, `deviceName` and `location` always; `clientId` and `clientSecret` with `customApp`) |
/// | `invalid-access-option` | error | `accessOption` is neither `enterpriseApp` nor `customApp` |
/// | `not-a-guid` | error | the tenant or client ID is not a GUID |
/// | `nil-guid` | error | the all-zero GUID |
/// | `tenant-id-is-domain` | error | a domain (`contoso.onmicrosoft.com`) or e-mail address was given where the tenant GUID is needed |
/// | `client-id-equals-tenant-id` | error | the same GUID in both fields |
/// | `well-known-app-id` | error | a Microsoft first-party API's application ID (Microsoft Graph, Log Analytics API) instead of the customer's |
/// | `secret-id-instead-of-value` | error | the secret is a GUID: the "Secret ID" column was copied instead of "Value" |
/// | `secret-is-cli-output` | error | the whole JSON output of `az ad app credential reset` was pasted as the secret |
/// | `secret-format` | error | the secret matches no Azure client-secret format (also: spaces inside) |
/// | `legacy-secret-format` | warning | a 32- or 34-character secret of a format that predates the current one |
/// | `secret-in-wrong-field` | error | a client secret was pasted into another field (it is redacted from the report) |
/// | `not-needed-for-option` | warning | client ID or secret given with `enterpriseApp`: ignored and left out of the normalized config |
/// | `trimmed` | warning | whitespace, quotes or braces were removed from the value |
/// | `legacy-field-must-be-blank` | error | the legacy "use storage account contributor role" field is filled in |
/// | `invalid-device-name` | error | device name longer than 64 characters or with control characters (blank is `required`) |
/// | `unknown-location` | warning | location other than `Microsoft Cloud`, the only cloud this procedure covers |
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[non_exhaustive]
pub enum IssueCode {
    /// `required`
    Required,
    /// `invalid-access-option`
    InvalidAccessOption,
    /// `not-a-guid`
    NotAGuid,
    /// `nil-guid`
    NilGuid,
    /// `tenant-id-is-domain`
    TenantIdIsDomain,
    /// `client-id-equals-tenant-id`
    ClientIdEqualsTenantId,
    /// `well-known-app-id`
    WellKnownAppId,
    /// `secret-id-instead-of-value`
    SecretIdInsteadOfValue,
    /// `secret-is-cli-output`
    SecretIsCliOutput,
    /// `secret-format`
    SecretFormat,
    /// `legacy-secret-format`
    LegacySecretFormat,
    /// `secret-in-wrong-field`
    SecretInWrongField,
    /// `not-needed-for-option`
    NotNeededForOption,
    /// `trimmed`
    Trimmed,
    /// `legacy-field-must-be-blank`
    LegacyFieldMustBeBlank,
    /// `invalid-device-name`
    InvalidDeviceName,
    /// `unknown-location`
    UnknownLocation,
}

impl IssueCode {
    /// Every code.
    pub const ALL: [IssueCode; 17] = [
        IssueCode::Required,
        IssueCode::InvalidAccessOption,
        IssueCode::NotAGuid,
        IssueCode::NilGuid,
        IssueCode::TenantIdIsDomain,
        IssueCode::ClientIdEqualsTenantId,
        IssueCode::WellKnownAppId,
        IssueCode::SecretIdInsteadOfValue,
        IssueCode::SecretIsCliOutput,
        IssueCode::SecretFormat,
        IssueCode::LegacySecretFormat,
        IssueCode::SecretInWrongField,
        IssueCode::NotNeededForOption,
        IssueCode::Trimmed,
        IssueCode::LegacyFieldMustBeBlank,
        IssueCode::InvalidDeviceName,
        IssueCode::UnknownLocation,
    ];

    /// The code's fixed severity.
    pub fn severity(self) -> Severity {
        match self {
            IssueCode::LegacySecretFormat
            | IssueCode::NotNeededForOption
            | IssueCode::Trimmed
            | IssueCode::UnknownLocation => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The kebab-case code, e.g. `secret-id-instead-of-value`.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::InvalidAccessOption => "invalid-access-option",
            IssueCode::NotAGuid => "not-a-guid",
            IssueCode::NilGuid => "nil-guid",
            IssueCode::TenantIdIsDomain => "tenant-id-is-domain",
            IssueCode::ClientIdEqualsTenantId => "client-id-equals-tenant-id",
            IssueCode::WellKnownAppId => "well-known-app-id",
            IssueCode::SecretIdInsteadOfValue => "secret-id-instead-of-value",
            IssueCode::SecretIsCliOutput => "secret-is-cli-output",
            IssueCode::SecretFormat => "secret-format",
            IssueCode::LegacySecretFormat => "legacy-secret-format",
            IssueCode::SecretInWrongField => "secret-in-wrong-field",
            IssueCode::NotNeededForOption => "not-needed-for-option",
            IssueCode::Trimmed => "trimmed",
            IssueCode::LegacyFieldMustBeBlank => "legacy-field-must-be-blank",
            IssueCode::InvalidDeviceName => "invalid-device-name",
            IssueCode::UnknownLocation => "unknown-location",
        }
    }
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses the kebab-case code, as serialized (`"nil-guid".parse()`).
///
/// ```
/// use azure_onboarding::IssueCode;
/// assert_eq!("secret-id-instead-of-value".parse::<IssueCode>(), Ok(IssueCode::SecretIdInsteadOfValue));
/// assert!("SecretIdInsteadOfValue".parse::<IssueCode>().is_err());
/// ```
impl core::str::FromStr for IssueCode {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IssueCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(UnknownCode::Issue)
    }
}

/// A text that is no [`IssueCode`] or [`FindingCode`](crate::FindingCode) (from `FromStr`).
/// The message does not quote the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnknownCode {
    /// Not an issue code.
    #[error("not a validation issue code (expected a kebab-case code such as `not-a-guid`)")]
    Issue,
    /// Not a finding code.
    #[error("not a readiness finding code (expected a kebab-case code such as `not-collected`)")]
    Finding,
}

/// One finding about one field.
///
/// JSON: `{ "field": "clientSecret", "code": "secret-id-instead-of-value",
/// "severity": "error", "message": "…", "hint"?: "…" }`.
/// Messages and hints never quote what was typed (so never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Issue {
    /// The field concerned.
    pub field: Field,
    /// The stable code.
    pub code: IssueCode,
    /// `error` or `warning` (always `code.severity()`).
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
    /// What to do about it, if there is more to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Issue {
    pub(crate) fn new(field: Field, code: IssueCode, message: impl Into<String>) -> Self {
        Issue {
            field,
            code,
            severity: code.severity(),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The configuration as Workbench would store it: trimmed, GUIDs canonical, values not
/// needed by the access option left out, and the client secret replaced by its hint (first
/// three characters and "…", see [`SecretString::hint`](crate::SecretString::hint)).
///
/// JSON: the same keys as [`WorkbenchConfig`](crate::WorkbenchConfig), absent when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct NormalizedConfig {
    /// `enterpriseApp` or `customApp` when recognized; otherwise the trimmed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_option: Option<String>,
    /// Lowercase canonical GUID when valid; otherwise the trimmed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Lowercase canonical GUID when valid; otherwise the trimmed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The secret's hint only, e.g. `abc…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Trimmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// `Microsoft Cloud` when recognized; otherwise the trimmed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Trimmed (should be absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_storage_account_contributor_role: Option<String>,
}

/// The result of [`validate`](crate::validate()).
///
/// JSON:
/// ```json
/// { "valid": false,
///   "issues": [ { "field": "clientSecret", "code": "secret-id-instead-of-value",
///                 "severity": "error", "message": "…", "hint": "…" } ],
///   "normalized": { "accessOption": "customApp", "tenantId": "…", "clientSecret": "abc…" } }
/// ```
/// `valid` is false exactly when some issue has severity `error`. Issues are sorted by
/// field in form order, errors before warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ValidationReport {
    /// True exactly when no issue is an error.
    pub valid: bool,
    /// Every issue found.
    pub issues: Vec<Issue>,
    /// The configuration trimmed and canonical, secret redacted.
    pub normalized: NormalizedConfig,
}

impl ValidationReport {
    /// The issues of one field.
    pub fn issues_for(&self, field: Field) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.field == field)
    }

    /// Whether some issue has this code.
    pub fn has(&self, code: IssueCode) -> bool {
        self.issues.iter().any(|i| i.code == code)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.issues.len() - self.error_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_strings() {
        for c in IssueCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            let back: IssueCode = serde_json::from_value(c.as_str().into()).unwrap();
            assert_eq!(back, c);
        }
        assert_eq!(serde_json::to_value(Severity::Warning).unwrap(), "warning");
    }
}
