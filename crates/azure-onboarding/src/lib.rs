//! Core of the Azure onboarding SDK: the onboarding procedure as data, validation of the
//! Workbench configuration form, readiness assessment and remediation.
//!
//! Everything here is pure: no I/O, no clock, no JS types. Inputs and outputs are serde data
//! with camelCase JSON, shared by the native SDK, the `azure-onboard` CLI and the
//! WebAssembly package `@workbench/azure-onboarding`.
//!
//! - [`catalog()`]: the steps and requirements of the procedure, with every Azure fact and
//!   its source (module [`catalog`](mod@catalog)).
//! - [`validate`], [`validate_field`], [`normalize`]: check what a person typed into the
//!   Workbench form; findings are data with stable [`IssueCode`]s.
//! - Typed values: [`TenantId`], [`ClientId`], [`SubscriptionId`], [`ClientSecret`],
//!   [`ResourceId`], [`StorageAccountId`], [`StorageAccountName`], [`DeviceName`],
//!   [`EgressRule`], each with `FromStr`, serde (as a string) and an actionable error type.
//! - [`assess`]: given an [`OnboardingPlan`] and a [`Snapshot`] of the tenant's Azure state
//!   (verbatim REST responses, format `azure-onboarding-snapshot/v1`), a [`ReadinessReport`]
//!   per step, subscription and storage account, with stable [`FindingCode`]s and
//!   remediations; [`required_requests`] lists the GET requests a collector must record.
//! - [`remediate`]: the changes that make the tenant ready ([`Change`], [`ManualStep`]),
//!   rendered as subscription-scope ARM templates ([`render_arm`]) and an idempotent `az`
//!   script ([`render_az_script`]).
//!
//! The client secret never appears in a report, an error message or `Debug` output.
//!
//! ```
//! use azure_onboarding::{validate, WorkbenchConfig};
//! let config: WorkbenchConfig = serde_json::from_str(r#"{
//!     "accessOption": "enterpriseApp",
//!     "tenantId": "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b",
//!     "deviceName": "Azure production",
//!     "location": "Microsoft Cloud"
//! }"#).unwrap();
//! assert!(validate(&config).valid);
//! ```
#![deny(missing_docs)]

#[macro_use]
mod macros;

mod access_option;
mod arm_expr;
mod assess;
pub mod authority;
pub mod catalog;
mod client_secret;
mod config;
mod device_name;
mod egress;
mod facts;
mod ids;
mod input;
mod json_path;
#[doc(hidden)]
pub mod keyed;
mod normalize;
mod plan;
mod remediate;
mod report;
mod resource_id;
mod shell;
mod snapshot;
mod storage_account_name;
mod validate;

pub use access_option::{AccessOption, AccessOptionError};
pub use assess::{
    assess, check_response_body, required_requests, Finding, FindingCode, ReadinessReport,
    Remediation, ResourceKind, ResourceStatus, Status, StepReport, Summary,
    SECRET_EXPIRY_WARNING_DAYS,
};
pub use catalog::{catalog, Catalog};
pub use client_secret::{
    looks_like_client_secret, ClientSecret, ClientSecretError, SecretFormat, SecretString,
};
pub use config::{ConfigView, Field, FieldError, WorkbenchConfig};
pub use device_name::{DeviceName, DeviceNameError, DEVICE_NAME_MAX_CHARS};
pub use egress::{EgressRule, EgressRuleError};
pub use ids::{ClientId, GuidError, SubscriptionId, TenantId};
pub use input::{from_value, redact_quoted, InputError, MAX_JSON_BYTES};
pub use plan::{GuestUser, MonitoredStorageAccounts, OnboardingPlan, PlanError};
pub use remediate::{
    remediate, render_arm, render_az_script, simulate, ArmTemplate, Change, ManualStep,
    PrincipalType, RemediationPlan, RenderedRemediation, DIAGNOSTIC_SETTING_NAME,
};
pub use report::{Issue, IssueCode, NormalizedConfig, Severity, UnknownCode, ValidationReport};
pub use resource_id::{ResourceId, ResourceIdError, StorageAccountId, StorageService};
pub use shell::{is_hidden as is_hidden_character, quote as shell_quote};
pub use snapshot::{
    inventory_requests, rfc3339_seconds, rfc3339_utc, InventoryQuery, InventoryRequest, RequestId,
    RequestSpec, Snapshot, SnapshotError, SnapshotResponse, ARG_PAGE_ROWS,
    ARG_SUBSCRIPTIONS_PER_QUERY, SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_V2,
};
pub use storage_account_name::{StorageAccountName, StorageAccountNameError};
pub use validate::{
    normalize, normalize_view, validate, validate_field, validate_field_context, validate_view,
    NormalizedView, ValidationView, MICROSOFT_CLOUD,
};

/// Reading parsed JSON without serde, with the JSON path of a problem: what the wasm package
/// reads its plan, snapshot and options with (issue 15: a derived `Deserialize` per type,
/// each with its own copy of the value deserializer, cost the browser's module tens of KB).
/// The readers give what the types' `Deserialize` gives, errors and messages included (held
/// equal by property tests). Not a stable API: for this workspace's crates only.
#[doc(hidden)]
pub mod json_read {
    pub use crate::input::read_value;
    pub use crate::json_path::{members, At, Read, Segment};
}

/// The snapshot's matching rules (URL key, percent-decoding, paging), for the live crate's
/// collector and its test fake of Azure, so that they use the same rules as the assessment.
/// Not part of the SDK's documented API.
#[doc(hidden)]
pub mod snapshot_rules {
    pub use crate::snapshot::arg::{expand as inventory_stand_ins, result_truncated, skip_token};
    pub use crate::snapshot::blob_list::blob_next_page;
    pub use crate::snapshot::index::next_link;
    pub use crate::snapshot::url::{percent_decode, request_key, url_key, UrlKey};
}

/// The version of this crate, as published (also reported by the wasm package and the CLI).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the SDK.
///
/// ```
/// assert_eq!(azure_onboarding::version(), env!("CARGO_PKG_VERSION"));
/// ```
pub fn version() -> &'static str {
    VERSION
}

/// The README's Rust examples, run as doctests so that they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
