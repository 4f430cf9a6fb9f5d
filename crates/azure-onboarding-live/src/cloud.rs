//! Azure clouds (public, US Government, China), their endpoints, and the host allowlist that
//! keeps credentials and tokens away from anything else.

use azure_onboarding::catalog::endpoints;

/// Which API a request is for; decides which token it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    /// Azure Resource Manager (S1–S6).
    Arm,
    /// Microsoft Graph (G1–G5).
    Graph,
    /// The Blob service of the log storage account (B1, B2; data plane, XML answers).
    Storage,
}

impl Api {
    /// `ARM` or `Microsoft Graph`.
    pub fn name(self) -> &'static str {
        match self {
            Api::Arm => "ARM",
            Api::Graph => "Microsoft Graph",
            Api::Storage => "Azure Storage",
        }
    }
}

/// The hosts credentials and tokens may be sent to: the authority and API hosts of the
/// public, US Government and China clouds. Sources: learn.microsoft.com
/// `azure/azure-government/compare-azure-government-global-azure` (Guidance for developers),
/// `graph/deployments` (Microsoft Graph national cloud deployments) and
/// `azure/china/resources-developer-guide` (endpoints of Microsoft Azure operated by 21Vianet).
pub const KNOWN_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "management.azure.com",
    "graph.microsoft.com",
    "login.microsoftonline.us",
    "management.usgovcloudapi.net",
    "graph.microsoft.us",
    "login.chinacloudapi.cn",
    "login.partner.microsoftonline.cn",
    "management.chinacloudapi.cn",
    "microsoftgraph.chinacloudapi.cn",
];

const LOOPBACK_HOSTS: &[&str] = &["127.0.0.1", "localhost", "[::1]"];

/// A URL the collector refused to send credentials to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("refusing to send credentials to {url}: {reason}")]
pub struct RefusedUrl {
    /// The URL (never holds a credential: tokens travel in headers, secrets in bodies).
    pub url: String,
    /// Why, and what is allowed instead.
    pub reason: String,
}

/// `scheme`, lowercase `host[:port]`, and the rest of an absolute URL.
pub(crate) fn split_url(url: &str) -> Option<(String, String, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return None;
    }
    Some((
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase(),
        &rest[end..],
    ))
}

/// The Blob-service host suffixes of the three clouds (`{account}.blob.core.windows.net`, …).
pub const BLOB_SUFFIXES: &[&str] = &[
    endpoints::BLOB_SUFFIX,
    endpoints::BLOB_SUFFIX_US_GOVERNMENT,
    endpoints::BLOB_SUFFIX_CHINA,
];

/// The storage account name of a Blob-service host of a known cloud
/// (`logs.blob.core.windows.net` → `logs`): a valid account name (3–24 lowercase letters
/// and digits) before one of [`BLOB_SUFFIXES`].
pub fn blob_account_of_host(host: &str) -> Option<&str> {
    BLOB_SUFFIXES.iter().find_map(|s| {
        let account = host.strip_suffix(s)?.strip_suffix('.')?;
        account
            .parse::<azure_onboarding::StorageAccountName>()
            .is_ok()
            .then_some(account)
    })
}

/// Checks that `url` may receive a credential: `https` to a [`KNOWN_HOSTS`] host or to a
/// storage account's Blob-service host of a known cloud (port 443 or none), or, only when
/// `allow_loopback` is set (tests), `http`/`https` to 127.0.0.1, localhost or [::1] on any
/// port. The collector narrows Blob hosts further to exactly the plan's log account.
///
/// ```
/// use azure_onboarding_live::check_url;
/// assert!(check_url("https://management.azure.com/subscriptions", false).is_ok());
/// assert!(check_url("http://management.azure.com/subscriptions", false).is_err());
/// assert!(check_url("https://management.azure.com.evil.example/", false).is_err());
/// assert!(check_url("http://127.0.0.1:8080/x", false).is_err());
/// assert!(check_url("http://127.0.0.1:8080/x", true).is_ok());
/// ```
pub fn check_url(url: &str, allow_loopback: bool) -> Result<(), RefusedUrl> {
    let refuse = |reason: &str| {
        Err(RefusedUrl {
            url: url.to_owned(),
            reason: reason.to_owned(),
        })
    };
    let Some((scheme, authority, _)) = split_url(url) else {
        return refuse("it is not an absolute URL with a host");
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(':') && p.chars().all(|c| c.is_ascii_digit()) => (h, Some(p)),
        _ => (authority.as_str(), None),
    };
    if LOOPBACK_HOSTS.contains(&host) {
        if !allow_loopback {
            return refuse("loopback addresses are allowed only when testing (allow_loopback)");
        }
        if scheme != "http" && scheme != "https" {
            return refuse("only http and https are supported");
        }
        return Ok(());
    }
    if !KNOWN_HOSTS.contains(&host) && blob_account_of_host(host).is_none() {
        return refuse("the host is not an authority or API host of a known Azure cloud (public, US Government, China)");
    }
    if scheme != "https" {
        return refuse("Azure hosts are reached over https only");
    }
    if port.is_some_and(|p| p != "443") {
        return refuse("Azure hosts are reached on port 443 only");
    }
    Ok(())
}

/// The endpoints of one Azure cloud.
///
/// Request URLs of the request list (and of the snapshot) are always written with the public
/// cloud's hosts, as [`required_requests`](azure_onboarding::required_requests) makes them;
/// the collector sends each to this cloud's host ([`Cloud::actual_url`]) and records it under
/// the public form, so that the snapshot assesses the same whatever the cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cloud {
    /// `AzureCloud`, `AzureUSGovernment`, `AzureChinaCloud` (the names `az cloud list` uses).
    pub name: String,
    /// The Microsoft Entra authority, e.g. `https://login.microsoftonline.com`.
    pub authority: String,
    /// Azure Resource Manager, e.g. `https://management.azure.com`.
    pub arm: String,
    /// Microsoft Graph (without `/v1.0`), e.g. `https://graph.microsoft.com`.
    pub graph: String,
    /// The client-credentials scope for ARM, e.g. `https://management.azure.com/.default`.
    pub arm_scope: String,
    /// The client-credentials scope for Graph, e.g. `https://graph.microsoft.com/.default`.
    pub graph_scope: String,
    /// Allow http(s) to 127.0.0.1/localhost (tests and the fake of Azure only).
    pub allow_loopback: bool,
    /// The Blob-service host suffix, e.g. `blob.core.windows.net`.
    pub blob_suffix: String,
    /// The client-credentials scope of the Blob service (`https://storage.azure.com/.default`
    /// in every cloud).
    pub storage_scope: String,
    /// Tests only: Blob-service requests go to `{base}/{account}/…` instead of
    /// `https://{account}.{blob_suffix}/…` (set by [`Cloud::with_endpoints_for_testing`]).
    pub blob_base_for_testing: Option<String>,
}

impl Cloud {
    fn new(name: &str, authority: &str, arm: &str, graph: &str, blob_suffix: &str) -> Cloud {
        Cloud {
            name: name.into(),
            authority: authority.into(),
            arm: arm.into(),
            graph: graph.into(),
            arm_scope: format!("{arm}/.default"),
            graph_scope: format!("{graph}/.default"),
            allow_loopback: false,
            blob_suffix: blob_suffix.into(),
            storage_scope: endpoints::STORAGE_SCOPE.into(),
            blob_base_for_testing: None,
        }
    }

    /// The public (global) cloud.
    pub fn public() -> Cloud {
        Cloud::new(
            "AzureCloud",
            "https://login.microsoftonline.com",
            endpoints::ARM,
            canonical_base(Api::Graph),
            endpoints::BLOB_SUFFIX,
        )
    }

    /// Azure US Government.
    pub fn us_government() -> Cloud {
        Cloud::new(
            "AzureUSGovernment",
            "https://login.microsoftonline.us",
            "https://management.usgovcloudapi.net",
            "https://graph.microsoft.us",
            endpoints::BLOB_SUFFIX_US_GOVERNMENT,
        )
    }

    /// Microsoft Azure operated by 21Vianet (China).
    pub fn china() -> Cloud {
        Cloud::new(
            "AzureChinaCloud",
            "https://login.chinacloudapi.cn",
            "https://management.chinacloudapi.cn",
            "https://microsoftgraph.chinacloudapi.cn",
            endpoints::BLOB_SUFFIX_CHINA,
        )
    }

    /// The cloud called `name` (`AzureCloud`/`public`, `AzureUSGovernment`/`usgov`,
    /// `AzureChinaCloud`/`china`; case-insensitive).
    pub fn by_name(name: &str) -> Option<Cloud> {
        match name.trim().to_ascii_lowercase().as_str() {
            "azurecloud" | "public" => Some(Cloud::public()),
            "azureusgovernment" | "usgov" | "usgovernment" => Some(Cloud::us_government()),
            "azurechinacloud" | "china" => Some(Cloud::china()),
            _ => None,
        }
    }

    /// The cloud of an authority: its name (as [`Cloud::by_name`]) or an https authority URL
    /// of a known cloud, as MSAL is configured with (`https://login.microsoftonline.us`, a
    /// tenant path such as `/contoso.onmicrosoft.com` allowed and ignored).
    ///
    /// ```
    /// use azure_onboarding_live::Cloud;
    /// let gov = Cloud::by_authority("https://login.microsoftonline.us/contoso.onmicrosoft.us").unwrap();
    /// assert_eq!(gov.name, "AzureUSGovernment");
    /// assert_eq!(Cloud::by_authority("AzureChinaCloud"), Some(Cloud::china()));
    /// assert_eq!(Cloud::by_authority("https://login.evil.example"), None);
    /// assert_eq!(Cloud::by_authority("http://login.microsoftonline.com"), None);
    /// ```
    pub fn by_authority(authority: &str) -> Option<Cloud> {
        let authority = authority.trim();
        if !authority.contains("://") {
            return Cloud::by_name(authority);
        }
        let (scheme, host, _) = split_url(authority)?;
        let host = host.strip_suffix(":443").unwrap_or(&host);
        if scheme != "https" {
            return None;
        }
        [Cloud::public(), Cloud::us_government(), Cloud::china()]
            .into_iter()
            .find(|c| {
                host == "login.partner.microsoftonline.cn" && c.name == "AzureChinaCloud"
                    || split_url(&c.authority).is_some_and(|(_, h, _)| h == host)
            })
    }

    /// This cloud with every endpoint replaced by `base` (e.g. `http://127.0.0.1:41234`, the
    /// fake of Azure) and loopback allowed. The scopes stay the cloud's: a scope names an
    /// API, it is not contacted.
    pub fn with_endpoints_for_testing(mut self, base: &str) -> Cloud {
        let base = base.trim_end_matches('/').to_owned();
        self.authority.clone_from(&base);
        self.arm.clone_from(&base);
        self.blob_base_for_testing = Some(format!("{base}/_blob"));
        self.graph = base;
        self.allow_loopback = true;
        self
    }

    /// Checks that every endpoint of this cloud may receive credentials ([`check_url`]).
    pub fn check(&self) -> Result<(), RefusedUrl> {
        for url in [&self.authority, &self.arm, &self.graph] {
            check_url(url, self.allow_loopback)?;
        }
        Ok(())
    }

    /// The base URL of an API in this cloud (for [`Api::Storage`], the suffix: each account
    /// has its own host).
    pub fn base(&self, api: Api) -> &str {
        match api {
            Api::Arm => &self.arm,
            Api::Graph => &self.graph,
            Api::Storage => &self.blob_suffix,
        }
    }

    /// The token endpoint of `tenant`: `{authority}/{tenant}/oauth2/v2.0/token`.
    pub fn token_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/oauth2/v2.0/token", self.authority)
    }

    /// The scope of an API's app-only token.
    pub fn scope(&self, api: Api) -> &str {
        match api {
            Api::Arm => &self.arm_scope,
            Api::Graph => &self.graph_scope,
            Api::Storage => &self.storage_scope,
        }
    }

    /// The URL to send for a request-list URL written with public-cloud hosts; `None` if it
    /// is not an ARM or Graph URL of the public form.
    pub fn actual_url(&self, canonical: &str) -> Option<(Api, String)> {
        if let Some((account, rest)) = blob_parts(canonical) {
            let url = match &self.blob_base_for_testing {
                Some(base) => format!("{base}/{account}{rest}"),
                None => format!("https://{account}.{}{rest}", self.blob_suffix),
            };
            return Some((Api::Storage, url));
        }
        for api in [Api::Arm, Api::Graph] {
            if let Some(rest) = strip_base(canonical, canonical_base(api)) {
                return Some((api, format!("{}{rest}", self.base(api))));
            }
        }
        None
    }

    /// The public form of a URL this cloud returned for `api` (a nextLink): the public form
    /// is kept, this cloud's base is replaced by the public one; `None` for any other host.
    pub fn canonical_url(&self, api: Api, url: &str) -> Option<String> {
        if strip_base(url, canonical_base(api)).is_some() {
            return Some(url.to_owned());
        }
        strip_base(url, self.base(api)).map(|rest| format!("{}{rest}", canonical_base(api)))
    }
}

/// The account and the rest (`/path?query`) of a request-list Blob URL
/// (`https://{account}.blob.core.windows.net/…`, the public form).
pub(crate) fn blob_parts(canonical: &str) -> Option<(&str, &str)> {
    let (scheme, authority, rest) = split_url(canonical)?;
    if scheme != "https" {
        return None;
    }
    let host = authority.strip_suffix(":443").unwrap_or(&authority);
    let account = host
        .strip_suffix(endpoints::BLOB_SUFFIX)?
        .strip_suffix('.')?
        .parse::<azure_onboarding::StorageAccountName>()
        .ok()?;
    // The account as written in `canonical` (lowercase: names are).
    let start = canonical.find("://")? + 3;
    let name = canonical.get(start..start + account.as_str().len())?;
    (name == account.as_str()).then_some((name, rest))
}

/// `https://management.azure.com` or `https://graph.microsoft.com`: the hosts request-list
/// and snapshot URLs are written with.
pub(crate) fn canonical_base(api: Api) -> &'static str {
    match api {
        Api::Arm => endpoints::ARM,
        // Each account has its own host; the scope names the API.
        Api::Storage => "https://storage.azure.com",
        // endpoints::GRAPH is "https://graph.microsoft.com/v1.0".
        Api::Graph => endpoints::GRAPH
            .strip_suffix("/v1.0")
            .unwrap_or(endpoints::GRAPH),
    }
}

/// The rest of `url` after `base` (scheme and host compared case-insensitively), if `url`
/// is on that origin.
fn strip_base<'u>(url: &'u str, base: &str) -> Option<&'u str> {
    let (s1, a1, rest) = split_url(url)?;
    let (s2, a2, base_path) = split_url(base)?;
    let a1 = a1
        .strip_suffix(":443")
        .filter(|_| s1 == "https")
        .unwrap_or(&a1);
    let a2 = a2
        .strip_suffix(":443")
        .filter(|_| s2 == "https")
        .unwrap_or(&a2);
    if s1 != s2 || a1 != a2 {
        return None;
    }
    let rest = rest.strip_prefix(base_path.trim_end_matches('/'))?;
    (rest.is_empty() || rest.starts_with(['/', '?'])).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cloud_is_allowed_and_nothing_else() {
        for c in [Cloud::public(), Cloud::us_government(), Cloud::china()] {
            c.check().unwrap();
        }
        for bad in [
            "https://evil.example/",
            "https://user@management.azure.com/",
            "https://management.azure.com:8443/",
            "ftp://management.azure.com/",
            "https://graph.microsoft.com.evil.example/",
            "https://127.0.0.1/",
            "management.azure.com/x",
            "",
        ] {
            assert!(check_url(bad, false).is_err(), "{bad}");
        }
        assert!(check_url("https://127.0.0.2/", true).is_err());
        assert!(check_url("https://logs01.blob.core.windows.net/?comp=list", false).is_ok());
        assert!(check_url("https://logs01.blob.core.usgovcloudapi.net/", false).is_ok());
        for bad in [
            "http://logs01.blob.core.windows.net/",
            "https://Logs_01.blob.core.windows.net/",
            "https://a.b.blob.core.windows.net/",
            "https://blob.core.windows.net/",
            "https://logs01.blob.core.windows.net.evil.example/",
            "https://logs01.blob.core.windows.net:8443/",
        ] {
            assert!(check_url(bad, false).is_err(), "{bad}");
        }
        assert!(check_url("https://MANAGEMENT.azure.com:443/x", false).is_ok());
        let e = check_url("https://evil.example/", false).unwrap_err();
        assert!(e.to_string().contains("known Azure cloud"), "{e}");
    }

    #[test]
    fn urls_map_between_clouds() {
        let gov = Cloud::us_government();
        let (api, url) = gov
            .actual_url("https://graph.microsoft.com/v1.0/users?$filter=x")
            .unwrap();
        assert_eq!(api, Api::Graph);
        assert_eq!(url, "https://graph.microsoft.us/v1.0/users?$filter=x");
        assert_eq!(
            gov.canonical_url(
                Api::Arm,
                "https://management.usgovcloudapi.net/subscriptions/a?x=1"
            ),
            Some("https://management.azure.com/subscriptions/a?x=1".into())
        );
        assert_eq!(gov.canonical_url(Api::Arm, "https://evil.example/x"), None);
        let fake = Cloud::public().with_endpoints_for_testing("http://127.0.0.1:9/");
        assert_eq!(
            fake.actual_url("https://management.azure.com/subscriptions/a")
                .unwrap()
                .1,
            "http://127.0.0.1:9/subscriptions/a"
        );
        assert_eq!(
            fake.canonical_url(Api::Graph, "http://127.0.0.1:9/v1.0/users?$skiptoken=2"),
            Some("https://graph.microsoft.com/v1.0/users?$skiptoken=2".into())
        );
        assert!(Cloud::public()
            .actual_url("https://evil.example/")
            .is_none());
        assert_eq!(fake.arm_scope, "https://management.azure.com/.default");
        let blob = "https://logs01.blob.core.windows.net/insights-logs-storageread?comp=list";
        assert_eq!(
            gov.actual_url(blob),
            Some((
                Api::Storage,
                "https://logs01.blob.core.usgovcloudapi.net/insights-logs-storageread?comp=list"
                    .into()
            ))
        );
        assert_eq!(
            fake.actual_url(blob).unwrap().1,
            "http://127.0.0.1:9/_blob/logs01/insights-logs-storageread?comp=list"
        );
        assert_eq!(
            Cloud::china().storage_scope,
            "https://storage.azure.com/.default"
        );
        assert!(Cloud::public()
            .actual_url("https://logs01.blob.core.windows.net.evil.example/")
            .is_none());
        assert_eq!(
            Cloud::china().graph_scope,
            "https://microsoftgraph.chinacloudapi.cn/.default"
        );
    }
}
