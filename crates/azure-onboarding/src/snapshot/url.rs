//! URLs: the one place request URLs are built ([`arm_url`], [`graph_url`],
//! [`odata_eq_filter`]) and taken apart for matching ([`url_key`]).
//!
//! Every URL the core, the live collector and the CLI's collect-script request is built
//! here; a value that goes into an OData string literal goes through [`odata_literal`].

use crate::catalog::endpoints as ep;

/// `GET {arm}{path}?api-version={api}`: an Azure Resource Manager URL.
pub(crate) fn arm_url(path: &str, api_version: &str) -> String {
    format!("{}{path}?api-version={api_version}", ep::ARM)
}

/// `{graph}{path}`: a Microsoft Graph v1.0 URL (`path` starts with `/`).
pub(crate) fn graph_url(path: &str) -> String {
    format!("{}{path}", ep::GRAPH)
}

/// A value as the inside of an OData string literal: a quote is doubled. The one encoder
/// of values that go into a `$filter`.
pub fn odata_literal(value: &str) -> String {
    value.replace('\'', "''")
}

/// `$filter={key} eq '{value}'`, the value through [`odata_literal`].
pub(crate) fn odata_eq_filter(key: &str, value: &str) -> String {
    format!("$filter={key} eq '{}'", odata_literal(value))
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
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = percent_decode(k, true).trim().to_ascii_lowercase();
        let v = percent_decode(v, true);
        match k.as_str() {
            "api-version" => {}
            "$filter" => filter = fold(&v),
            _ => others.push((k, v)),
        }
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
}
