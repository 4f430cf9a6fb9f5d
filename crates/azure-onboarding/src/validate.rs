//! Validation of the Workbench configuration form.

use crate::client_secret::{classify, format_detail, secret_hint, SecretShape};
use crate::client_secret::{
    contains_secret_marker, is_legacy_format, looks_like_legacy_secret, SecretFormat,
};
use crate::ids::{looks_like_domain, well_known_api};
use crate::normalize::{clean_text, clean_token};
use crate::report::{Issue, IssueCode as C, NormalizedConfig, ValidationReport};
use crate::{AccessOption, ConfigView, Field, SecretString, Severity, WorkbenchConfig};
use std::borrow::Cow;
use uuid::Uuid;
use zeroize::{Zeroize, Zeroizing};

/// The canonical location value.
pub const MICROSOFT_CLOUD: &str = "Microsoft Cloud";

const TENANT_HINT: &str = "Find it in Microsoft Entra ID > Overview > Tenant ID, or run `az account show --query tenantId --output tsv`.";
const CLIENT_HINT: &str = "Copy it from Microsoft Entra ID > App registrations > your app > Overview > Application (client) ID.";
const SECRET_VALUE_HINT: &str = "In Certificates & secrets, copy the Value column, not Secret ID. The Value is shown only once, right after the secret is created: if it is hidden now, create a new client secret and copy its Value.";

/// Validates a Workbench configuration: every field, and the fields against each other.
///
/// Never panics, whatever the strings hold. See [`IssueCode`](crate::IssueCode) for every
/// code, and [`ValidationReport`] for the JSON shape. The report never contains the
/// client secret: `normalized.clientSecret` is its hint (first three characters and "…").
///
/// ```
/// use azure_onboarding::{validate, IssueCode, WorkbenchConfig};
///
/// let config = WorkbenchConfig {
///     access_option: Some("customApp".into()),
///     tenant_id: Some(" 6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B ".into()),
///     client_id: Some("0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6".into()),
///     // The Secret ID column, not the Value:
///     client_secret: Some("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a".into()),
///     device_name: Some("Azure production".into()),
///     location: Some("Microsoft Cloud".into()),
///     ..Default::default()
/// };
/// let report = validate(&config);
/// assert!(!report.valid);
/// assert!(report.has(IssueCode::SecretIdInsteadOfValue));
/// assert!(report.has(IssueCode::Trimmed));
/// assert_eq!(report.normalized.tenant_id.as_deref(), Some("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b"));
/// assert_eq!(report.normalized.client_secret.as_deref(), Some("9d8…"));
/// ```
pub fn validate<'a>(config: impl Into<ConfigView<'a>>) -> ValidationReport {
    validate_view(config).into_report()
}

/// [`validate`], with the normalized values borrowed from the input wherever they are the
/// input unchanged (a canonical GUID typed as such, a trimmed name that needed no trimming):
/// no copy of each value, for a caller that only compares or forwards them, such as the npm
/// package on every keystroke. [`ValidationView::into_report`] gives [`validate`]'s report.
///
/// ```
/// use azure_onboarding::{validate_view, ConfigView};
/// let form = ConfigView { tenant_id: Some("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b"), ..ConfigView::default() };
/// let view = validate_view(form);
/// assert!(matches!(view.normalized.tenant_id, Some(std::borrow::Cow::Borrowed(_))));
/// assert_eq!(view.into_report().normalized.tenant_id.as_deref(), form.tenant_id);
/// ```
pub fn validate_view<'a>(config: impl Into<ConfigView<'a>>) -> ValidationView<'a> {
    let Outcome {
        normalized: mut n,
        issues,
        redact,
    } = run(config.into());
    let valid = !issues.iter().any(|i| i.severity == Severity::Error);
    // A secret pasted into another field is replaced by its hint (and wiped where it was a
    // copy); the secret itself by its hint, always.
    for field in Field::ALL.into_iter().filter(|f| redact.contains(f)) {
        let value = match field {
            Field::AccessOption => &mut n.access_option,
            Field::TenantId => &mut n.tenant_id,
            Field::ClientId => &mut n.client_id,
            Field::DeviceName => &mut n.device_name,
            Field::Location => &mut n.location,
            Field::UseStorageAccountContributorRole => &mut n.use_storage_account_contributor_role,
            Field::ClientSecret => continue,
        };
        if let Some(v) = value.take() {
            let hint = secret_hint(&v);
            if let Cow::Owned(mut copy) = v {
                copy.zeroize();
            }
            *value = Some(Cow::Owned(hint));
        }
    }
    if let Some(secret) = n.client_secret.take() {
        let hint = secret_hint(&secret);
        if let Cow::Owned(mut copy) = secret {
            copy.zeroize();
        }
        n.client_secret = Some(Cow::Owned(hint));
    }
    ValidationView {
        valid,
        issues,
        normalized: n,
    }
}

/// [`validate_view`]'s result: [`ValidationReport`] with borrowed values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationView<'a> {
    /// See [`ValidationReport::valid`].
    pub valid: bool,
    /// See [`ValidationReport::issues`].
    pub issues: Vec<Issue>,
    /// See [`ValidationReport::normalized`]: the client secret is its hint here too.
    pub normalized: NormalizedView<'a>,
}

/// [`NormalizedConfig`] with each value borrowed from the input where it is the input
/// unchanged, and owned where validation changed it. `Debug` shows the client secret as its
/// hint ([`normalize_view`]'s holds the secret itself).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct NormalizedView<'a> {
    /// See [`NormalizedConfig::access_option`].
    pub access_option: Option<Cow<'a, str>>,
    /// See [`NormalizedConfig::tenant_id`].
    pub tenant_id: Option<Cow<'a, str>>,
    /// See [`NormalizedConfig::client_id`].
    pub client_id: Option<Cow<'a, str>>,
    /// See [`NormalizedConfig::client_secret`]: the hint in [`validate_view`]'s result, the
    /// secret itself in [`normalize_view`]'s.
    pub client_secret: Option<Cow<'a, str>>,
    /// See [`NormalizedConfig::device_name`].
    pub device_name: Option<Cow<'a, str>>,
    /// See [`NormalizedConfig::location`].
    pub location: Option<Cow<'a, str>>,
    /// See [`NormalizedConfig::use_storage_account_contributor_role`].
    pub use_storage_account_contributor_role: Option<Cow<'a, str>>,
}

impl core::fmt::Debug for NormalizedView<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NormalizedView")
            .field("access_option", &self.access_option)
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_deref().map(secret_hint),
            )
            .field("device_name", &self.device_name)
            .field("location", &self.location)
            .field(
                "use_storage_account_contributor_role",
                &self.use_storage_account_contributor_role,
            )
            .finish()
    }
}

impl ValidationView<'_> {
    /// [`validate`]'s report: every value owned.
    pub fn into_report(self) -> ValidationReport {
        let n = self.normalized;
        let owned = |v: Option<Cow<'_, str>>| v.map(Cow::into_owned);
        ValidationReport {
            valid: self.valid,
            issues: self.issues,
            normalized: NormalizedConfig {
                access_option: owned(n.access_option),
                tenant_id: owned(n.tenant_id),
                client_id: owned(n.client_id),
                client_secret: owned(n.client_secret),
                device_name: owned(n.device_name),
                location: owned(n.location),
                use_storage_account_contributor_role: owned(n.use_storage_account_contributor_role),
            },
        }
    }
}

/// Validates one field as it is being typed, in the context of the rest of the form
/// (the access option decides what is required; the tenant ID is compared with the client
/// ID). Returns the issues of that field only: exactly the issues [`validate`] reports for
/// it when the form holds `value` in that field.
///
/// ```
/// use azure_onboarding::{validate_field, Field, IssueCode, WorkbenchConfig};
/// let issues = validate_field(Field::TenantId, "contoso.onmicrosoft.com", &WorkbenchConfig::default());
/// assert_eq!(issues[0].code, IssueCode::TenantIdIsDomain);
/// assert!(validate_field(Field::TenantId, "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b", &WorkbenchConfig::default()).is_empty());
/// ```
pub fn validate_field<'a>(
    field: Field,
    value: &str,
    context: impl Into<ConfigView<'a>>,
) -> Vec<Issue> {
    let context = context.into();
    // Only the field's own checks run, and what it depends on is read quietly from the
    // rest of the form: the access option (client ID and secret) and the tenant ID (client
    // ID). `tests/properties.rs` checks the equality with `validate` on generated forms.
    let mut run = Run::default();
    let raw = Some(value);
    let option = || access_option(context.access_option, &mut Run::default()).1;
    // The normalized values are not wanted, and are wiped: the user may have typed the
    // client secret into any field.
    let wipe = |value: Option<Cow<'_, str>>| {
        if let Some(Cow::Owned(copy)) = value {
            drop(Zeroizing::new(copy));
        }
    };
    match field {
        Field::AccessOption => wipe(access_option(raw, &mut run).0),
        Field::TenantId => wipe(guid_field(Field::TenantId, raw, true, false, &mut run).0),
        Field::ClientId => {
            let tenant_raw = context.tenant_id;
            let quiet = &mut Run::default();
            let (tenant_value, tenant) =
                guid_field(Field::TenantId, tenant_raw, true, false, quiet);
            wipe(tenant_value);
            wipe(client_id_field(raw, option(), tenant, &mut run));
        }
        Field::ClientSecret => wipe(secret_field(raw, option(), &mut run)),
        Field::DeviceName => wipe(device_name(raw, &mut run)),
        Field::Location => wipe(location(raw, &mut run)),
        Field::UseStorageAccountContributorRole => wipe(legacy_field(raw, &mut run)),
    }
    let mut issues = run.issues;
    sort_issues(&mut issues, |i| i.severity);
    issues
}

/// Sorts a form's issues by `key`, keeping the order of equal ones (stable): an insertion
/// sort, because a form has a handful of issues and the standard library's stable sort is
/// kilobytes of code in the WebAssembly module for each key (issue 15).
fn sort_issues<K: Ord>(issues: &mut [Issue], key: impl Fn(&Issue) -> K) {
    for i in 1..issues.len() {
        let mut j = i;
        while j > 0 && key(&issues[j - 1]) > key(&issues[j]) {
            issues.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The other fields of the form that [`validate_field`] reads for `field`: its result is the
/// same for any two contexts that agree on these (a property test holds it). A host that
/// validates per keystroke can pass only these, and keep, for example, the client secret out
/// of every other field's call.
///
/// ```
/// use azure_onboarding::{validate_field_context, Field};
/// assert!(validate_field_context(Field::TenantId).is_empty());
/// assert_eq!(validate_field_context(Field::ClientId), &[Field::AccessOption, Field::TenantId]);
/// ```
pub fn validate_field_context(field: Field) -> &'static [Field] {
    match field {
        Field::ClientId => &[Field::AccessOption, Field::TenantId],
        Field::ClientSecret => &[Field::AccessOption],
        _ => &[],
    }
}

/// The configuration trimmed and canonical, as [`validate`] normalizes it, **with the real
/// client secret** (trimmed): for a service that stores the configuration after validating
/// it. Values not needed by the access option are dropped. Idempotent.
///
/// ```
/// use azure_onboarding::{normalize, WorkbenchConfig};
/// let c = WorkbenchConfig { tenant_id: Some("{6F1D2C3B-4A59-4E8F-9A7B-0C1D2E3F4A5B}".into()), ..Default::default() };
/// assert_eq!(normalize(&c).tenant_id.as_deref(), Some("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b"));
/// assert_eq!(normalize(&normalize(&c)), normalize(&c));
/// ```
pub fn normalize<'a>(config: impl Into<ConfigView<'a>>) -> WorkbenchConfig {
    let n = normalize_view(config);
    let owned = |v: Option<Cow<'_, str>>| v.map(Cow::into_owned);
    WorkbenchConfig {
        access_option: owned(n.access_option),
        tenant_id: owned(n.tenant_id),
        client_id: owned(n.client_id),
        client_secret: owned(n.client_secret).map(SecretString::new),
        device_name: owned(n.device_name),
        location: owned(n.location),
        use_storage_account_contributor_role: owned(n.use_storage_account_contributor_role),
    }
}

/// [`normalize`], with the values borrowed from the input wherever they are the input
/// unchanged (see [`validate_view`]), **the client secret included** (trimmed): not its
/// hint. `Debug` shows the secret's hint only.
///
/// ```
/// use azure_onboarding::{normalize_view, ConfigView};
/// let form = ConfigView { client_secret: Some(" abc8Q~0123456789012345678901234567890123 "), ..ConfigView::default() };
/// let n = normalize_view(form);
/// assert_eq!(n.client_secret.as_deref(), Some("abc8Q~0123456789012345678901234567890123"));
/// assert!(!format!("{n:?}").contains("8Q~"));
/// ```
pub fn normalize_view<'a>(config: impl Into<ConfigView<'a>>) -> NormalizedView<'a> {
    run(config.into()).normalized
}

struct Outcome<'a> {
    normalized: NormalizedView<'a>,
    issues: Vec<Issue>,
    /// Fields holding a secret pasted in the wrong place: shown as a hint in the report.
    redact: Vec<Field>,
}

#[derive(Default)]
struct Run {
    issues: Vec<Issue>,
    redact: Vec<Field>,
}

impl Run {
    fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    fn trimmed(&mut self, field: Field) {
        self.push(Issue::new(
            field,
            C::Trimmed,
            "Spaces, quotes or braces around the value were removed.",
        ));
    }
}

/// Reports a client secret pasted into `field` (not the secret field) and marks the field
/// for redaction. `also_legacy`: also recognize every legacy-format secret (for GUID fields,
/// where a 32- or 34-character token can be nothing else); other fields recognize only
/// values that look generated ([`looks_like_legacy_secret`]), so that names are not taken
/// for secrets.
fn wrong_field_secret(field: Field, s: &str, also_legacy: bool, run: &mut Run) -> bool {
    let legacy = if also_legacy {
        is_legacy_format(s)
    } else {
        looks_like_legacy_secret(s)
    };
    if !(contains_secret_marker(s) || legacy) {
        return false;
    }
    run.redact.push(field);
    run.push(
        Issue::new(
            field,
            C::SecretInWrongField,
            ["This looks like a client secret, not a value for ", field.label(), "."].concat(),
        )
        .hint("Put the secret's Value in Application (client) secret; it is left out of this report. If it was shared where it should not have been, create a new secret and delete this one."),
    );
    true
}

fn required(field: Field) -> Issue {
    let (message, hint) = match field {
        Field::AccessOption => (
            "Choose how Workbench gets API access.",
            "\"enterpriseApp\": consent to the provider's enterprise application (Option 1, recommended); \"customApp\": your own app registration with a client secret (Option 2).",
        ),
        Field::TenantId => ("The Directory (tenant) ID is required.", TENANT_HINT),
        Field::ClientId => (
            "The Application (client) ID is required with your own app registration (Option 2).",
            CLIENT_HINT,
        ),
        Field::ClientSecret => (
            "The client secret is required with your own app registration (Option 2).",
            "Create one in App registrations > your app > Certificates & secrets > New client secret, and copy its Value (shown only once).",
        ),
        Field::DeviceName => (
            "Give the device a name.",
            "Any name you will recognize, up to 64 characters, e.g. Azure production.",
        ),
        Field::Location => ("The location is required.", "Choose Microsoft Cloud."),
        Field::UseStorageAccountContributorRole => ("", ""),
    };
    Issue::new(field, C::Required, message).hint(hint)
}

/// Cleans a raw value (a slice of it); `None` when absent or blank.
fn cleaned(raw: Option<&str>, token: bool) -> Option<(&str, bool)> {
    let (s, changed) = if token {
        clean_token(raw?)
    } else {
        clean_text(raw?)
    };
    (!s.is_empty()).then_some((s, changed))
}

fn access_option<'a>(
    raw: Option<&'a str>,
    run: &mut Run,
) -> (Option<Cow<'a, str>>, Option<AccessOption>) {
    let Some((s, changed)) = cleaned(raw, false) else {
        run.push(required(Field::AccessOption));
        return (None, None);
    };
    if changed {
        run.trimmed(Field::AccessOption);
    }
    // The canonical values (what the form's select gives): neither a secret nor in need of the
    // lenient parse. The common case, on every keystroke.
    for option in [AccessOption::CustomApp, AccessOption::EnterpriseApp] {
        if s == option.as_str() {
            return (Some(Cow::Borrowed(s)), Some(option));
        }
    }
    if wrong_field_secret(Field::AccessOption, s, false, run) {
        return (Some(Cow::Borrowed(s)), None);
    }
    match s.parse::<AccessOption>() {
        Ok(o) => (Some(Cow::Borrowed(o.as_str())), Some(o)),
        Err(_) => {
            run.push(
                Issue::new(
                    Field::AccessOption,
                    C::InvalidAccessOption,
                    "The access option is not recognized.",
                )
                .hint("Use \"enterpriseApp\" (Option 1) or \"customApp\" (Option 2)."),
            );
            (Some(Cow::Borrowed(s)), None)
        }
    }
}

/// A GUID field's checks (tenant or client ID): its issues into `run`, its normalized value
/// (empty unless `write`: `validate_field` checks a GUID on every keystroke and keeps no
/// value), and the GUID when it is the customer's own (not nil, not a Microsoft API's
/// application ID).
fn guid_field<'a>(
    field: Field,
    raw: Option<&'a str>,
    need: bool,
    write: bool,
    run: &mut Run,
) -> (Option<Cow<'a, str>>, Option<Uuid>) {
    let Some((s, changed)) = cleaned(raw, true) else {
        if need {
            run.push(required(field));
        }
        return (None, None);
    };
    if changed {
        run.trimmed(field);
    }
    let (label, where_hint) = match field {
        Field::TenantId => ("Directory (tenant) ID", TENANT_HINT),
        _ => ("Application (client) ID", CLIENT_HINT),
    };
    let uuid = match Uuid::try_parse(s) {
        Ok(u) => u,
        Err(_) => {
            if wrong_field_secret(field, s, true, run) {
                // Reported; nothing more to say about a secret.
            } else if field == Field::TenantId && looks_like_domain(s) {
                run.push(
                    Issue::new(field, C::TenantIdIsDomain, "This is a domain name (or an e-mail address); Workbench needs the tenant's GUID.")
                        .hint("Find the GUID in Microsoft Entra ID > Overview > Tenant ID, or run `az account show --query tenantId --output tsv`, or open https://login.microsoftonline.com/<your domain>/v2.0/.well-known/openid-configuration: the GUID is part of \"issuer\"."),
                );
            } else {
                run.push(
                    Issue::new(field, C::NotAGuid, ["The ", label, " is not a GUID."].concat())
                        .hint(["A GUID has 32 hexadecimal digits written as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx. ", where_hint].concat()),
                );
            }
            return (Some(Cow::Borrowed(if write { s } else { "" })), None);
        }
    };
    // Lowercase and hyphenated, written without `core::fmt` (uuid's `Display` uses it); the
    // input itself when it is that already (no copy): a GUID that parsed, 36 characters long
    // (the hyphenated form: the simple one has 32, braced 38, URN 45) and without an
    // uppercase letter is its canonical form, without encoding it to compare.
    let canonical = if write {
        if s.len() == 36 && !s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Borrowed(s)
        } else {
            let mut buffer = Uuid::encode_buffer();
            Cow::Owned(uuid.hyphenated().encode_lower(&mut buffer).to_owned())
        }
    } else {
        Cow::Borrowed("")
    };
    if uuid.is_nil() {
        run.push(
            Issue::new(
                field,
                C::NilGuid,
                [
                    "The ",
                    label,
                    " is the all-zero GUID, a placeholder that never identifies anything in Azure.",
                ]
                .concat(),
            )
            .hint(where_hint),
        );
        return (Some(canonical), None);
    }
    if let Some(api) = well_known_api(uuid) {
        let message = match field {
            Field::TenantId => [
                "This is the application ID of ",
                api.name,
                ", a Microsoft API, not a tenant ID.",
            ]
            .concat(),
            _ => [
                "This is the application ID of ",
                api.name,
                ", a Microsoft API, not of your own app.",
            ]
            .concat(),
        };
        let hint = match field {
            Field::TenantId => TENANT_HINT,
            _ => "It appears under API permissions. Workbench needs your own app's ID: App registrations > your app > Overview > Application (client) ID.",
        };
        run.push(Issue::new(field, C::WellKnownAppId, message).hint(hint));
        return (Some(canonical), None);
    }
    (Some(canonical), Some(uuid))
}

fn not_needed(field: Field) -> Issue {
    let (what, extra) = match field {
        Field::ClientId => ("Application (client) ID", "Choose customApp if you registered your own app instead."),
        _ => ("client secret", "Choose customApp if you registered your own app instead. If you created a secret only for this, delete it in Certificates & secrets."),
    };
    Issue::new(
        field,
        C::NotNeededForOption,
        ["The ", what, " is not used with the provider's enterprise application (Option 1): it is ignored and not kept."].concat(),
    )
    .hint(extra)
}

fn client_secret<'a>(raw: Option<&'a str>, need: bool, run: &mut Run) -> Option<Cow<'a, str>> {
    let Some((s, changed)) = cleaned(raw, true) else {
        if need {
            run.push(required(Field::ClientSecret));
        }
        return None;
    };
    if changed {
        run.trimmed(Field::ClientSecret);
    }
    let f = Field::ClientSecret;
    match classify(s) {
        SecretShape::Format(SecretFormat::Current) => {}
        SecretShape::Format(SecretFormat::Legacy) => run.push(
            Issue::new(f, C::LegacySecretFormat, "This client secret has an older format that predates the current one; it is accepted.")
                .hint("Older secrets were often created with no expiry (\"Never\"), which no longer exists. Check its expiry in Certificates & secrets and replace it with a new secret before then (24 months at most; under 12 recommended)."),
        ),
        SecretShape::Guid => run.push(
            Issue::new(f, C::SecretIdInsteadOfValue, "This is a Secret ID (a GUID), not the client secret's value.")
                .hint(SECRET_VALUE_HINT),
        ),
        SecretShape::CliOutput => run.push(
            Issue::new(f, C::SecretIsCliOutput, "This is the whole JSON output of a command, not just the client secret.")
                .hint("Paste only the value of \"password\" (the text between its quotes)."),
        ),
        SecretShape::InnerWhitespace | SecretShape::Unknown | SecretShape::Empty => run.push(
            Issue::new(
                f,
                C::SecretFormat,
                ["This matches no Azure client-secret format: ", format_detail(s), "."].concat(),
            )
            .hint("Today's client secrets are 40 characters long, characters 4 to 6 being 8Q~. Copy the Value column (not Secret ID) of Certificates & secrets again, or create a new secret."),
        ),
    }
    Some(Cow::Borrowed(s))
}

fn device_name<'a>(raw: Option<&'a str>, run: &mut Run) -> Option<Cow<'a, str>> {
    let f = Field::DeviceName;
    let Some((s, changed)) = cleaned(raw, false) else {
        run.push(required(f));
        return None;
    };
    if changed {
        run.trimmed(f);
    }
    if wrong_field_secret(f, s, false, run) {
        // Reported; nothing more to say about a secret.
    } else if let Err(e) = crate::device_name::check(s) {
        run.push(Issue::new(f, C::InvalidDeviceName, e.sentence()));
    }
    Some(Cow::Borrowed(s))
}

fn location<'a>(raw: Option<&'a str>, run: &mut Run) -> Option<Cow<'a, str>> {
    let f = Field::Location;
    let Some((s, changed)) = cleaned(raw, false) else {
        run.push(required(f));
        return None;
    };
    if changed {
        run.trimmed(f);
    }
    // The canonical value (what the form's select gives): the common case, on every keystroke.
    if s == MICROSOFT_CLOUD {
        return Some(Cow::Borrowed(s));
    }
    if wrong_field_secret(f, s, false, run) {
        return Some(Cow::Borrowed(s));
    }
    if words_are(s, &["microsoft", "cloud"]) || words_are(s, &["azurecloud"]) {
        return Some(Cow::Borrowed(MICROSOFT_CLOUD));
    }
    run.push(
        Issue::new(
            f,
            C::UnknownLocation,
            "This onboarding procedure covers Microsoft Cloud (global Azure) only.",
        )
        .hint("Choose Microsoft Cloud unless your provider told you otherwise."),
    );
    Some(Cow::Borrowed(s))
}

/// Whether the whitespace-separated words of `s` are `words` (lowercase ASCII), ignoring
/// ASCII case, without building the lowercased copy. The same as comparing the lowercased
/// words: the one non-ASCII character whose lowercase is ASCII is the Kelvin sign (`k`), and
/// no word here holds a `k` (a test compares the two).
fn words_are(s: &str, words: &[&str]) -> bool {
    let mut given = s.split_whitespace();
    words
        .iter()
        .all(|w| given.next().is_some_and(|g| g.eq_ignore_ascii_case(w)))
        && given.next().is_none()
}

fn legacy_field<'a>(raw: Option<&'a str>, run: &mut Run) -> Option<Cow<'a, str>> {
    let f = Field::UseStorageAccountContributorRole;
    let (s, changed) = cleaned(raw, false)?;
    if changed {
        run.trimmed(f);
    }
    wrong_field_secret(f, s, false, run);
    run.push(
        Issue::new(f, C::LegacyFieldMustBeBlank, "Leave this legacy field blank.")
            .hint("It only serves legacy onboarding with the Storage Account Contributor role, which is over-privileged (it grants the storage account keys). Workbench now reads logs with Storage Blob Data Reader."),
    );
    Some(Cow::Borrowed(s))
}

/// The client ID: not needed with the enterprise application, required with a custom app,
/// and not the tenant's GUID.
fn client_id_field<'a>(
    raw: Option<&'a str>,
    option: Option<AccessOption>,
    tenant: Option<Uuid>,
    run: &mut Run,
) -> Option<Cow<'a, str>> {
    if option == Some(AccessOption::EnterpriseApp) && cleaned(raw, true).is_some() {
        run.push(not_needed(Field::ClientId));
        return None;
    }
    let custom = option == Some(AccessOption::CustomApp);
    let (client_id, client) = guid_field(Field::ClientId, raw, custom, true, run);
    if let (Some(t), Some(cl)) = (tenant, client) {
        if t == cl {
            run.push(
                Issue::new(Field::ClientId, C::ClientIdEqualsTenantId, "The Application (client) ID is the same GUID as the Directory (tenant) ID.")
                    .hint("The same value was probably pasted twice. On the app's Overview page, copy the line Application (client) ID, not Directory (tenant) ID."),
            );
        }
    }
    client_id
}

/// The client secret: not needed with the enterprise application, required with a custom
/// app.
fn secret_field<'a>(
    raw: Option<&'a str>,
    option: Option<AccessOption>,
    run: &mut Run,
) -> Option<Cow<'a, str>> {
    if option == Some(AccessOption::EnterpriseApp) && cleaned(raw, true).is_some() {
        run.push(not_needed(Field::ClientSecret));
        return None;
    }
    client_secret(raw, option == Some(AccessOption::CustomApp), run)
}

fn run(c: ConfigView<'_>) -> Outcome<'_> {
    let mut run = Run::default();
    let (access_option, option) = access_option(c.access_option, &mut run);

    let device_name = device_name(c.device_name, &mut run);
    let location = location(c.location, &mut run);
    let (tenant_id, tenant) = guid_field(Field::TenantId, c.tenant_id, true, true, &mut run);

    let client_id = client_id_field(c.client_id, option, tenant, &mut run);
    let secret = secret_field(c.client_secret, option, &mut run);

    let legacy = legacy_field(c.use_storage_account_contributor_role, &mut run);

    let mut issues = run.issues;
    sort_issues(&mut issues, |i| (i.field.order(), i.severity));
    Outcome {
        normalized: NormalizedView {
            access_option,
            tenant_id,
            client_id,
            client_secret: secret,
            device_name,
            location,
            use_storage_account_contributor_role: legacy,
        },
        issues,
        redact: run.redact,
    }
}

#[cfg(test)]
mod tests {
    use super::words_are;

    /// A GUID in any form uuid parses (simple, hyphenated, braced, URN; any case) normalizes
    /// to the lowercase hyphenated form: borrowed from the input where it holds that form
    /// (braces are cleaned off before), a new string otherwise.
    #[test]
    fn guids_normalize_to_the_canonical_form() {
        use super::*;
        let guid = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";
        let simple = guid.replace('-', "");
        let forms = [
            guid.to_owned(),
            guid.to_uppercase(),
            "6F1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b".to_owned(),
            simple.clone(),
            simple.to_uppercase(),
            format!("{{{guid}}}"),
            format!("urn:uuid:{guid}"),
            format!("URN:UUID:{}", guid.to_uppercase()),
        ];
        for form in forms {
            let config = WorkbenchConfig {
                tenant_id: Some(form.clone()),
                ..Default::default()
            };
            let view = validate_view(&config);
            let tenant = view.normalized.tenant_id.as_ref().expect(&form);
            assert_eq!(tenant.as_ref(), guid, "{form}");
            let holds = form == guid || form == format!("{{{guid}}}");
            assert_eq!(matches!(tenant, Cow::Borrowed(_)), holds, "{form}");
        }
    }

    /// The canonical values that `access_option` and `location` accept before any other check
    /// get from those checks what the fast path assumes: not a secret in the wrong field, and
    /// the same value out.
    #[test]
    fn fast_paths_agree_with_the_checks() {
        use super::*;
        for option in [AccessOption::CustomApp, AccessOption::EnterpriseApp] {
            let s = option.as_str();
            assert!(
                !contains_secret_marker(s) && !looks_like_legacy_secret(s),
                "{s}"
            );
            assert_eq!(s.parse::<AccessOption>(), Ok(option));
        }
        assert!(
            !contains_secret_marker(MICROSOFT_CLOUD) && !looks_like_legacy_secret(MICROSOFT_CLOUD)
        );
        assert!(words_are(MICROSOFT_CLOUD, &["microsoft", "cloud"]));
    }

    /// The comparison without a copy agrees with lowercasing the joined words (the former
    /// rule), also for characters whose lowercase is longer or ASCII.
    #[test]
    fn words_are_lowercasing() {
        for s in [
            "Microsoft Cloud",
            "microsoft\tcloud",
            " MICROSOFT   CLOUD ",
            "AzureCloud",
            "Microsoft\u{2003}Cloud",
            "Mİcrosoft Cloud",
            "azure\u{212A}loud",
            "Microsoft Cloud Cloud",
            "Microsoft",
            "",
            "Microsoftcloud",
            "ＭicrosoftCloud",
            "microsoft cloud\u{0307}",
        ] {
            let key = s
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(
                words_are(s, &["microsoft", "cloud"]),
                key == "microsoft cloud",
                "{s:?}"
            );
            assert_eq!(words_are(s, &["azurecloud"]), key == "azurecloud", "{s:?}");
        }
    }
}
