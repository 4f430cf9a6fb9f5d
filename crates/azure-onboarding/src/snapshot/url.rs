//! URLs: the one place request URLs are built ([`arm_url`], [`graph_url`],
//! [`odata_eq_filter`], [`blob_url`]) and taken apart for matching ([`url_key`]).
//!
//! Every URL the core, the live collector and the CLI's collect-script request is built
//! here; a value that goes into an OData string literal goes through [`odata_literal`].

use crate::catalog::endpoints as ep;
use crate::StorageAccountName;

/// `GET {arm}{path}?api-version={api}`: an Azure Resource Manager URL. `path` is a
/// resource path (`/subscriptions/…`); it goes through [`encode_path`], so a `?`, `#`, `%`,
/// space or non-ASCII character in it stays inside its segment.
pub(crate) fn arm_url(path: &str, api_version: &str) -> String {
    format!("{}{}?api-version={api_version}", ep::ARM, encode_path(path))
}

/// `{graph}{path}[?{query}]`: a Microsoft Graph v1.0 URL (`path` starts with `/`); the part
/// before the first `?` goes through [`encode_path`], the query is built by the callers from
/// [`odata_eq_filter`].
pub(crate) fn graph_url(path_and_query: &str) -> String {
    match path_and_query.split_once('?') {
        Some((path, query)) => format!("{}{}?{query}", ep::GRAPH, encode_path(path)),
        None => format!("{}{}", ep::GRAPH, encode_path(path_and_query)),
    }
}

/// `https://{account}.blob.core.windows.net/{container}?{query}`: a Blob-service
/// (data-plane) URL of a storage account, written with the public cloud's suffix (the
/// collector sends it to its cloud's). The account is a validated [`StorageAccountName`]
/// (3–24 lowercase letters and digits: a DNS label as it is); `container`, when given, must
/// be a container name (3–63 lowercase letters, digits and single hyphens) or it is
/// refused; every query value goes through [`query_value`].
pub(crate) fn blob_url(
    account: &StorageAccountName,
    container: Option<&str>,
    query: &[(&str, &str)],
) -> Result<String, String> {
    let path = match container {
        Some(c) if is_container_name(c) => c,
        Some(_) => return Err("a blob container name must be 3 to 63 lowercase letters, digits and single hyphens, starting with a letter or digit".into()),
        None => "",
    };
    let query: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{k}={}", query_value(v)))
        .collect();
    Ok(format!(
        "https://{}.{}/{path}?{}",
        account.as_str(),
        ep::BLOB_SUFFIX,
        query.join("&")
    ))
}

/// Azure's container-name rule: 3–63 characters, lowercase letters, digits and hyphens,
/// starting and ending with a letter or digit, no two hyphens in a row.
fn is_container_name(c: &str) -> bool {
    (3..=63).contains(&c.len())
        && c.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !c.starts_with('-')
        && !c.ends_with('-')
        && !c.contains("--")
}

/// A value as a URL query component: everything but the unreserved characters and `/` is
/// percent-encoded (`=`, `&`, `+`, `#`, `%`, space, non-ASCII), so a blob prefix or a
/// marker stays one parameter.
pub fn query_value(v: &str) -> String {
    encode(v, b"-._~/")
}

/// `url` with its `marker` parameter set to `marker` (the Blob service's `NextMarker`):
/// the next page of a Blob-service list. An earlier `marker` is replaced.
pub fn with_marker(url: &str, marker: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            !p.split('=')
                .next()
                .unwrap_or("")
                .eq_ignore_ascii_case("marker")
        })
        .map(str::to_owned)
        .collect();
    parts.push(format!("marker={}", query_value(marker)));
    format!("{path}?{}", parts.join("&"))
}

/// The API hosts of the public, US Government and China clouds a snapshot's requests go to
/// (the live collector's `KNOWN_HOSTS` without the sign-in hosts), besides the Blob service's.
const API_HOSTS: &[&str] = &[
    "management.azure.com",
    "graph.microsoft.com",
    "management.usgovcloudapi.net",
    "graph.microsoft.us",
    "management.chinacloudapi.cn",
    "microsoftgraph.chinacloudapi.cn",
];

/// Whether `url` is an https URL on an Azure API host (ARM, Microsoft Graph or a Blob
/// service, of any of the three clouds), without a port or user info: the only URLs a command
/// the product suggests may request (a snapshot's nextLink can name any host).
pub(crate) fn is_azure_api_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.to_ascii_lowercase();
    API_HOSTS.contains(&host.as_str()) || is_blob_host(&host)
}

/// Whether `host` is a Blob-service host (`{account}.blob.core.windows.net` or a sovereign
/// cloud's suffix): its query parameters `comp`, `restype` and `prefix` name the request.
fn is_blob_host(host: &str) -> bool {
    [
        ep::BLOB_SUFFIX,
        ep::BLOB_SUFFIX_US_GOVERNMENT,
        ep::BLOB_SUFFIX_CHINA,
    ]
    .iter()
    .any(|s| {
        host.strip_suffix(s)
            .and_then(|a| a.strip_suffix('.'))
            .is_some_and(|a| !a.is_empty() && !a.contains('.'))
    })
}

/// Percent-encodes every byte of `s` that is not ASCII alphanumeric or in `keep`.
fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A path as it goes into a URL: each segment percent-encoded (RFC 3986 `pchar`: the
/// unreserved characters and `: @ ! $ & ' ( ) * + , ; =` stay; `%`, `?`, `#`, space,
/// controls and non-ASCII are encoded), the `/` between segments kept.
pub fn encode_path(path: &str) -> String {
    encode(path, b"-._~:@!$&'()*+,;=/")
}

/// A value as the inside of an OData string literal in a URL query: a quote is doubled
/// (OData), THEN the result is percent-encoded for a query component, so that `+`, `%`,
/// `&`, `#`, `'`, space and non-ASCII reach the service as themselves and the value stays
/// one literal. The one encoder of values that go into a `$filter`.
pub fn odata_literal(value: &str) -> String {
    encode(&value.replace('\'', "''"), b"-._~:@!$*,;/()")
}

/// `$filter={key} eq '{value}'`, the value through [`odata_literal`].
pub(crate) fn odata_eq_filter(key: &str, value: &str) -> String {
    format!("$filter={key} eq '{}'", odata_literal(value))
}

/// The matching keys of a `method` request to `url` that sent the JSON `body` (a v2 POST
/// such as a Resource Graph query): [`url_key`]'s, with the body in canonical form (object
/// keys sorted, no whitespace) after a newline, which no URL key holds, so a body never
/// collides with a URL. The body's `options.$skipToken` only selects a page: it is left
/// out of `request` and added to `page`.
pub fn request_key(method: &str, url: &str, body: Option<&serde_json::Value>) -> Option<UrlKey> {
    let k = url_key(method, url)?;
    let Some(body) = body else {
        return Some(k);
    };
    let mut body = body.clone();
    let token = body
        .get_mut("options")
        .and_then(serde_json::Value::as_object_mut)
        .and_then(|o| o.remove("$skipToken"));
    let mut canon = String::new();
    canonical_json(&body, &mut canon);
    let extra = &k.page[k.request.len()..];
    let request = format!("{}\n{canon}", k.request);
    let mut page = format!("{request}{extra}");
    match token {
        Some(serde_json::Value::String(t)) => {
            page.push_str("&$skiptoken=");
            page.push_str(&t);
        }
        Some(serde_json::Value::Null) | None => {}
        Some(other) => {
            page.push_str("&$skiptoken=");
            canonical_json(&other, &mut page);
        }
    }
    Some(UrlKey { request, page })
}

/// `v` as JSON text with every object's keys sorted and no whitespace.
pub fn canonical_json(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical_json(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(x, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// A URL taken apart for matching: host, path and `$filter` folded, api-version dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlKey {
    /// `method host/path?$filter`: what the contract matches on.
    pub request: String,
    /// `request` plus the other query parameters but api-version: one page of a list.
    pub page: String,
}

/// Percent-decodes `s` (`+` as a space in a query when `plus_is_space`); a malformed escape
/// is kept as it is, invalid UTF-8 replaced.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let hex = |c: u8| (c as char).to_digit(16);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whitespace runs to one space, trimmed, lowercase.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Parses `https://host[:port]/path?query#fragment` into its matching keys (method `GET`);
/// `None` unless it is an absolute https URL with a host.
pub fn parse_url(url: &str) -> Option<UrlKey> {
    url_key("GET", url)
}

/// The matching keys of a `method` request to `url` (the snapshot contract's rule: method,
/// host, path case-folded, `$filter` folded, api-version ignored); `None` unless it is an
/// absolute https URL with a host.
pub fn url_key(method: &str, url: &str) -> Option<UrlKey> {
    let url = url.trim();
    let scheme_end = url.find("://")?;
    if !url[..scheme_end].eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = &url[scheme_end + 3..];
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    if host.is_empty() || host.contains('@') {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let host = host.strip_suffix(":443").unwrap_or(&host);
    let path = percent_decode(path, false).to_lowercase();
    let path = path.trim_end_matches('/');
    let mut filter = String::new();
    let mut others: Vec<(String, String)> = Vec::new();
    // A Blob-service list is named by `comp`, `restype` and `prefix` (case-sensitive, as
    // blob names are); its `marker` and `maxresults` only select a page.
    let blob = is_blob_host(host);
    let mut named: Vec<(String, String)> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = percent_decode(k, true).trim().to_ascii_lowercase();
        let v = percent_decode(v, true);
        match k.as_str() {
            "api-version" => {}
            "$filter" => filter = fold(&v),
            "comp" | "restype" if blob => named.push((k, v.trim().to_ascii_lowercase())),
            "prefix" if blob => named.push((k, v)),
            _ => others.push((k, v)),
        }
    }
    if blob {
        named.sort();
        let named: Vec<String> = named.iter().map(|(k, v)| format!("{k}={v}")).collect();
        filter = named.join("&");
    }
    others.sort();
    let method = method.trim().to_ascii_uppercase();
    let request = format!("{method} {host}{path}?{filter}");
    let mut page = request.clone();
    for (k, v) in others {
        page.push('&');
        page.push_str(&k);
        page.push('=');
        page.push_str(&v);
    }
    Some(UrlKey { request, page })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_encoding_and_api_version() {
        let a = parse_url(
            "https://Management.Azure.com/SUBSCRIPTIONS/ABC/providers/x/?api-version=2022-01-01",
        )
        .unwrap();
        let b = parse_url("https://management.azure.com/subscriptions/abc/providers/X").unwrap();
        assert_eq!(a, b);
        let g1 = parse_url("https://graph.microsoft.com/v1.0/users?$filter=mail eq 'A@b.example'")
            .unwrap();
        let g2 = parse_url("https://graph.microsoft.com/v1.0/users?%24filter=mail%20eq%20%27a%40b.example%27&$select=id").unwrap();
        let g3 = parse_url("https://graph.microsoft.com/v1.0/users?$filter=mail+eq++'a@b.example'")
            .unwrap();
        assert_eq!(g1.request, g2.request);
        assert_eq!(g1.request, g3.request);
        assert_ne!(g1.page, g2.page);
        assert!(parse_url("http://x/y").is_none());
        assert!(parse_url("https:///y").is_none());
        assert!(parse_url("not a url").is_none());
        assert!(parse_url("https://x/%").is_some());
        assert!(parse_url("https://x/%4").is_some());
        assert_eq!(percent_decode("%e2%82%ac%zz%", false), "€%zz%");
    }

    #[test]
    fn odata_literal_doubles_quotes_then_percent_encodes() {
        assert_eq!(
            odata_literal("analyst+soc@x.example"),
            "analyst%2Bsoc@x.example"
        );
        assert_eq!(odata_literal("o'brien@x.example"), "o%27%27brien@x.example");
        assert_eq!(odata_literal("a b&c=d#e%f"), "a%20b%26c%3Dd%23e%25f");
        assert_eq!(odata_literal("é"), "%C3%A9");
        // The injection of issue 12 stays one literal: every `%` is encoded, so Graph decodes
        // the value back to the text as written, inside the one pair of quotes.
        let evil = "x%27%20or%20startswith(mail,%27a%27)%20or%20mail%20eq%20%27y@z.example";
        let url = graph_url(&format!("/users?{}", odata_eq_filter("mail", evil)));
        let key = parse_url(&url).unwrap();
        assert_eq!(
            key.request,
            format!(
                "GET graph.microsoft.com/v1.0/users?mail eq '{}'",
                evil.to_lowercase()
            )
        );
        // A quote in the value cannot close the literal either.
        let url = graph_url(&format!(
            "/users?{}",
            odata_eq_filter("mail", "x' or 1 eq 1 or mail eq 'y")
        ));
        assert!(
            url.ends_with("mail eq 'x%27%27%20or%201%20eq%201%20or%20mail%20eq%20%27%27y'"),
            "{url}"
        );
        assert_eq!(
            parse_url(&url).unwrap().request,
            "GET graph.microsoft.com/v1.0/users?mail eq 'x'' or 1 eq 1 or mail eq ''y'"
        );
    }

    #[test]
    fn plus_addressed_mail_matches_only_its_encoded_recording() {
        let ours = parse_url(&graph_url(&format!(
            "/users?{}",
            odata_eq_filter("mail", "analyst+soc@x.example")
        )))
        .unwrap();
        // Recorded by a client that encodes (%2B): the same request.
        let encoded = parse_url(
            "https://graph.microsoft.com/v1.0/users?$filter=mail%20eq%20'analyst%2Bsoc@x.example'",
        )
        .unwrap();
        assert_eq!(ours.request, encoded.request);
        // An old snapshot recorded with a raw `+`: Graph read that as a space, so its answer
        // is about another mail; it does not match (the request is then not collected).
        let raw = parse_url(
            "https://graph.microsoft.com/v1.0/users?$filter=mail eq 'analyst+soc@x.example'",
        )
        .unwrap();
        assert_ne!(ours.request, raw.request);
        // Plain values are unchanged by the encoding: old recordings still match.
        let plain = parse_url(&graph_url(&format!(
            "/users?{}",
            odata_eq_filter("mail", "a@b.example")
        )))
        .unwrap();
        let old = parse_url("https://graph.microsoft.com/v1.0/users?$filter=mail eq 'a@b.example'")
            .unwrap();
        assert_eq!(plain, old);
    }

    #[test]
    fn blob_urls_are_validated_encoded_and_keyed_by_prefix() {
        let acct: StorageAccountName = "workbenchlogs".parse().unwrap();
        let u = blob_url(
            &acct,
            None,
            &[("comp", "list"), ("prefix", "insights-logs-")],
        )
        .unwrap();
        assert_eq!(
            u,
            "https://workbenchlogs.blob.core.windows.net/?comp=list&prefix=insights-logs-"
        );
        let p = "resourceId=/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG(1) É&X/y=2026/";
        let u = blob_url(
            &acct,
            Some("insights-logs-storageread"),
            &[
                ("restype", "container"),
                ("comp", "list"),
                ("prefix", p),
                ("maxresults", "24"),
            ],
        )
        .unwrap();
        assert!(
            u.contains("prefix=resourceId%3D/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG%281%29%20%C3%89%26X/y%3D2026/&maxresults=24"),
            "{u}"
        );
        for bad in ["", "ab", "Insights", "a--b", "-ab", "ab-", "a/b", "a?b"] {
            assert!(blob_url(&acct, Some(bad), &[]).is_err(), "{bad}");
        }
        // The key keeps the prefix (case-sensitive) and drops maxresults and marker.
        let k = parse_url(&u).unwrap();
        assert_eq!(
            k.request,
            format!("GET workbenchlogs.blob.core.windows.net/insights-logs-storageread?comp=list&prefix={p}&restype=container")
        );
        let other = parse_url(&u.replace("y%3D2026", "y%3D2025")).unwrap();
        assert_ne!(k.request, other.request);
        let upper = parse_url(&u.replace("RESOURCEGROUPS", "resourcegroups")).unwrap();
        assert_ne!(k.request, upper.request);
        let page2 = with_marker(&u, "2!96!MDAwMDI0 x&y");
        assert!(
            page2.ends_with("&marker=2%2196%21MDAwMDI0%20x%26y"),
            "{page2}"
        );
        assert_eq!(with_marker(&page2, "3"), format!("{u}&marker=3"));
        let k2 = parse_url(&page2).unwrap();
        assert_eq!(k2.request, k.request);
        assert_ne!(k2.page, k.page);
        // Sovereign suffixes are Blob hosts too; a look-alike is not.
        assert!(is_blob_host("logs.blob.core.usgovcloudapi.net"));
        assert!(is_blob_host("logs.blob.core.chinacloudapi.cn"));
        assert!(!is_blob_host("blob.core.windows.net"));
        assert!(!is_blob_host("a.b.blob.core.windows.net"));
        assert!(!is_blob_host("logs.blob.core.windows.net.evil.example"));
    }

    #[test]
    fn only_azure_api_urls_are_azure_api_urls() {
        for ok in [
            "https://management.azure.com/subscriptions?api-version=1",
            "https://GRAPH.microsoft.com/v1.0/users",
            "https://graph.microsoft.us/v1.0/users",
            "https://management.chinacloudapi.cn/x",
            "https://logs.blob.core.windows.net/c?comp=list",
            "https://management.azure.com",
        ] {
            assert!(is_azure_api_url(ok), "{ok}");
        }
        for bad in [
            "http://management.azure.com/x",
            "https://management.azure.com.evil.example/x",
            "https://user@management.azure.com/x",
            "https://management.azure.com:8443/x",
            "https://evil.example/management.azure.com/",
            "https://127.0.0.1/x",
            "management.azure.com/x",
        ] {
            assert!(!is_azure_api_url(bad), "{bad}");
        }
    }

    #[test]
    fn paths_are_encoded_per_segment() {
        assert_eq!(
            encode_path("/subscriptions/abc/resourceGroups/rg(1)"),
            "/subscriptions/abc/resourceGroups/rg(1)"
        );
        assert_eq!(encode_path("/a b/c?d#e%f"), "/a%20b/c%3Fd%23e%25f");
        assert_eq!(encode_path("/rg-é"), "/rg-%C3%A9");
        let u = arm_url(
            "/subscriptions/s/resourceGroups/rg?x=1#y/providers/p",
            "2020-01-01",
        );
        assert!(
            u.ends_with("/rg%3Fx=1%23y/providers/p?api-version=2020-01-01"),
            "{u}"
        );
        // The matcher decodes the path: an unencoded recording of a plain path still matches.
        let k = parse_url(&arm_url("/subscriptions/s/resourceGroups/rg-é", "1")).unwrap();
        assert_eq!(
            k.request,
            "GET management.azure.com/subscriptions/s/resourcegroups/rg-é?"
        );
    }
}
