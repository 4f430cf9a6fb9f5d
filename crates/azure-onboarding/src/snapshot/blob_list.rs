//! The reader of Blob-service list answers (requests `B1`, `B2`): XML recorded verbatim as
//! a JSON string in the snapshot's `body`, read with the bounded [`xml`](super::xml) reader.

use super::url::with_marker;
use super::xml::{self, Element};
use serde_json::Value;

/// One listed blob: its name and `Properties/Last-Modified` (seconds since 1970, when it
/// is an HTTP date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListedBlob {
    pub(crate) name: String,
    pub(crate) last_modified: Option<i64>,
}

/// A page of a Blob-service list (`EnumerationResults`): container names (`B1`) or blobs
/// (`B2`), and the marker of the next page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BlobList {
    pub(crate) containers: Vec<String>,
    pub(crate) blobs: Vec<ListedBlob>,
    pub(crate) next_marker: Option<String>,
}

/// The XML text of a recorded body: a JSON string (how the collector and the
/// collect-script record a body that is not JSON).
fn xml_text(body: &Value) -> Result<&str, String> {
    body.as_str()
        .ok_or_else(|| "the body is not the Blob service's XML answer (a JSON string)".into())
}

/// Reads one page of a list answer. `Err` says what is wrong.
pub(crate) fn blob_list(body: &Value) -> Result<BlobList, String> {
    let root = xml::parse(xml_text(body)?).map_err(|e| format!("its XML is unreadable: {e}"))?;
    if root.name != "EnumerationResults" {
        return Err(format!(
            "its XML root is <{}>, not <EnumerationResults>",
            root.name.chars().take(64).collect::<String>()
        ));
    }
    fn names<'e>(root: &'e Element, group: &str, item: &'e str) -> Vec<&'e Element> {
        root.child(group)
            .map(|g| g.all(item).collect())
            .unwrap_or_default()
    }
    let containers = names(&root, "Containers", "Container")
        .into_iter()
        .filter_map(|c| c.text_of("Name").map(str::to_owned))
        .collect();
    let mut blobs = Vec::new();
    for b in names(&root, "Blobs", "Blob") {
        let Some(name) = b.text_of("Name") else {
            return Err("it lists a blob without its <Name>".into());
        };
        let last_modified = b
            .child("Properties")
            .and_then(|p| p.text_of("Last-Modified"))
            .and_then(http_date_seconds);
        blobs.push(ListedBlob {
            name: name.to_owned(),
            last_modified,
        });
    }
    let next_marker = root
        .text_of("NextMarker")
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned);
    Ok(BlobList {
        containers,
        blobs,
        next_marker,
    })
}

/// The error code of a Blob-service error answer (`<Error><Code>AuthorizationFailure</Code>…`).
pub(crate) fn blob_error_code(body: &Value) -> Option<String> {
    let root = xml::parse(body.as_str()?).ok()?;
    (root.name == "Error")
        .then(|| root.text_of("Code").map(|c| c.trim().to_owned()))
        .flatten()
}

/// The next page of a Blob-service list recorded at `url` with `body`: `url` with
/// `marker` set to the page's `NextMarker`; `None` for the last page and for bodies that
/// are not a list (JSON pages follow `nextLink` instead).
pub fn blob_next_page(url: &str, body: &Value) -> Option<String> {
    let text = body.as_str()?;
    if !text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        return None;
    }
    blob_list(body)
        .ok()?
        .next_marker
        .map(|m| with_marker(url, &m))
}

/// Seconds since 1970 of an HTTP date (RFC 1123, `Tue, 01 Dec 2026 01:00:00 GMT`), as the
/// Blob service writes `Last-Modified`; `None` if it is not one.
pub(crate) fn http_date_seconds(s: &str) -> Option<i64> {
    let mut parts = s.split_whitespace();
    let _weekday = parts.next()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?;
    let year: u32 = parts.next()?.parse().ok()?;
    let time = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|x| *x == month)? + 1;
    if time.len() != 8 || !(1000..=9999).contains(&year) {
        return None;
    }
    crate::rfc3339_seconds(&format!("{year:04}-{m:02}-{day:02}T{time}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_containers_blobs_markers_and_errors() {
        let c = json!("<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"https://l.blob.core.windows.net/\"><Prefix>insights-logs-</Prefix><Containers><Container><Name>insights-logs-storageread</Name><Properties/></Container></Containers><NextMarker/></EnumerationResults>");
        let l = blob_list(&c).unwrap();
        assert_eq!(l.containers, ["insights-logs-storageread"]);
        assert_eq!(l.next_marker, None);
        assert_eq!(
            blob_next_page("https://l.blob.core.windows.net/?comp=list", &c),
            None
        );
        let b = json!("<EnumerationResults><Blobs><Blob><Name>resourceId=/X/y=2026/m=12/d=01/h=01/m=00/PT1H.json</Name><Properties><Last-Modified>Tue, 01 Dec 2026 01:59:00 GMT</Last-Modified></Properties></Blob></Blobs><NextMarker>2!x</NextMarker></EnumerationResults>");
        let l = blob_list(&b).unwrap();
        assert_eq!(
            l.blobs[0].last_modified,
            crate::rfc3339_seconds("2026-12-01T01:59:00Z")
        );
        assert_eq!(
            blob_next_page("https://l.blob.core.windows.net/c?comp=list", &b).as_deref(),
            Some("https://l.blob.core.windows.net/c?comp=list&marker=2%21x")
        );
        let e = json!("\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>");
        assert_eq!(
            blob_error_code(&e).as_deref(),
            Some("AuthorizationPermissionMismatch")
        );
        assert!(blob_list(&e).unwrap_err().contains("<Error>"));
        assert!(blob_list(&json!({"value": []})).is_err());
        assert!(blob_list(&json!(
            "<EnumerationResults><Blobs><Blob/></Blobs></EnumerationResults>"
        ))
        .is_err());
        assert_eq!(blob_error_code(&json!({"error": {}})), None);
        assert_eq!(blob_next_page("https://x", &json!({"nextLink": "y"})), None);
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            http_date_seconds("Tue, 01 Dec 2026 01:00:00 GMT"),
            crate::rfc3339_seconds("2026-12-01T01:00:00Z")
        );
        for bad in [
            "",
            "Tue, 01 Dec 2026 01:00:00",
            "Tue, 32 Dec 2026 01:00:00 GMT",
            "Tue, 01 Foo 2026 01:00:00 GMT",
            "Tue, 01 Dec 2026 1:00:00 GMT",
            "Tue, 01 Dec 2026 01:00:00 GMT x",
        ] {
            assert_eq!(http_date_seconds(bad), None, "{bad}");
        }
    }
}
