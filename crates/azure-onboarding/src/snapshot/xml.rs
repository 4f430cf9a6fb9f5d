//! A small, bounded XML reader for the Blob service's list answers (`EnumerationResults`)
//! and errors (`<Error><Code>…`), which the snapshot records verbatim as a JSON string.
//!
//! Hand-written (no dependency: the wasm build's size matters) and bounded like the JSON
//! input: at most [`MAX_XML_BYTES`] of text, [`MAX_XML_DEPTH`] levels and
//! [`MAX_XML_ELEMENTS`] elements. Document type declarations (`<!DOCTYPE`, `<!ENTITY`) and
//! every entity but the five predefined ones and character references are refused, so no
//! entity is ever expanded. It never panics and never recurses: the element stack is a
//! `Vec`. Attributes are skipped (the list answers carry nothing the checks read in them);
//! namespaces are not resolved (names are compared as written).

/// Longest XML text read (a list page of 5,000 blobs is about 5 MiB).
pub const MAX_XML_BYTES: usize = 16 * 1024 * 1024;
/// Deepest element nesting read (`EnumerationResults/Blobs/Blob/Properties/…` is 4).
pub const MAX_XML_DEPTH: usize = 32;
/// Most elements read in one document.
pub const MAX_XML_ELEMENTS: usize = 500_000;

/// One element: its name, its text (the concatenated character data directly inside it)
/// and its child elements, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) children: Vec<Element>,
}

impl Element {
    /// The first child called `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child called `name`.
    pub(crate) fn all<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child called `name`.
    pub(crate) fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// Parses a whole XML document into its root element. `Err` says what is wrong, in words
/// (never quoting the input beyond a name of at most 64 characters).
pub(crate) fn parse(text: &str) -> Result<Element, String> {
    if text.len() > MAX_XML_BYTES {
        return Err(format!(
            "the XML text is longer than the limit of {MAX_XML_BYTES} bytes"
        ));
    }
    let b = text.as_bytes();
    let mut i = 0;
    // A byte-order mark.
    if text.starts_with('\u{feff}') {
        i = 3;
    }
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut elements = 0usize;
    while i < b.len() {
        if b[i] != b'<' {
            let end = find(b, i, b"<").unwrap_or(b.len());
            let raw = &text[i..end];
            match stack.last_mut() {
                Some(top) => top.text.push_str(&decode(raw)?),
                None if raw.trim().is_empty() => {}
                None => return Err("there is text outside the root element".into()),
            }
            i = end;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<?") {
            i = find(b, i + 2, b"?>").ok_or("a processing instruction is not closed")? + 2;
        } else if rest.starts_with(b"<!--") {
            i = find(b, i + 4, b"-->").ok_or("a comment is not closed")? + 3;
        } else if rest.starts_with(b"<![CDATA[") {
            let end = find(b, i + 9, b"]]>").ok_or("a CDATA section is not closed")?;
            let top = stack
                .last_mut()
                .ok_or("there is a CDATA section outside the root element")?;
            top.text.push_str(&text[i + 9..end]);
            i = end + 3;
        } else if rest.starts_with(b"<!") {
            return Err(
                "it declares a document type or entities (<!DOCTYPE, <!ENTITY), which are refused"
                    .into(),
            );
        } else if rest.starts_with(b"</") {
            let end = find(b, i + 2, b">").ok_or("an end tag is not closed")?;
            let name = text[i + 2..end].trim_end();
            let el = stack.pop().ok_or("an end tag has no start tag")?;
            if el.name != name {
                return Err(format!(
                    "the end tag </{}> does not close <{}>",
                    short(name),
                    short(&el.name)
                ));
            }
            i = end + 1;
            close(&mut stack, &mut root, el)?;
        } else {
            let (name, end, empty) = start_tag(text, i)?;
            elements += 1;
            if elements > MAX_XML_ELEMENTS {
                return Err(format!("it has more than {MAX_XML_ELEMENTS} elements"));
            }
            if stack.len() >= MAX_XML_DEPTH {
                return Err(format!(
                    "it is nested more than {MAX_XML_DEPTH} elements deep"
                ));
            }
            if root.is_some() {
                return Err("there is more than one root element".into());
            }
            let el = Element {
                name: name.to_owned(),
                ..Element::default()
            };
            i = end;
            if empty {
                close(&mut stack, &mut root, el)?;
            } else {
                stack.push(el);
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("the element <{}> is not closed", short(&open.name)));
    }
    root.ok_or_else(|| "there is no root element".into())
}

/// Puts a finished element into its parent, or makes it the root.
fn close(stack: &mut [Element], root: &mut Option<Element>, el: Element) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None if root.is_none() => *root = Some(el),
        None => return Err("there is more than one root element".into()),
    }
    Ok(())
}

/// A start tag at `i` (`<name attr="…">` or `<name/>`): its name, the index after `>` and
/// whether it is empty. Attribute values may hold `>` inside quotes.
fn start_tag(text: &str, i: usize) -> Result<(&str, usize, bool), String> {
    let b = text.as_bytes();
    let name_end = (i + 1..b.len())
        .find(|&j| matches!(b[j], b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
        .ok_or("a start tag is not closed")?;
    let name = &text[i + 1..name_end];
    if name.is_empty()
        || !name.bytes().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':') || c >= 0x80
        })
    {
        return Err("a start tag has no valid name".into());
    }
    let mut j = name_end;
    let mut quote: Option<u8> = None;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'<' => return Err("a start tag holds a '<'".into()),
            None if c == b'>' => {
                let empty = j > name_end && b[j - 1] == b'/';
                return Ok((name, j + 1, empty));
            }
            None => {}
        }
        j += 1;
    }
    Err("a start tag is not closed".into())
}

/// The index of `pat` in `b` at or after `from`.
fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from > b.len() {
        return None;
    }
    b[from..]
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

/// Character data with its references decoded: the five predefined entities and `&#N;` /
/// `&#xN;`; any other entity is refused (nothing is ever expanded from a declaration).
fn decode(raw: &str) -> Result<String, String> {
    if !raw.contains('&') {
        return Ok(raw.to_owned());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .find(';')
            .filter(|&s| s <= 10)
            .ok_or("an '&' does not start a reference")?;
        let name = &after[..semi];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse::<u32>().ok()
                } else {
                    return Err(format!(
                        "it uses the entity &{};, and only the predefined ones are read",
                        short(name)
                    ));
                };
                n.and_then(char::from_u32)
                    .filter(|&c| c != '\0')
                    .ok_or("a character reference is not a character")?
            }
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// At most 64 characters of a name, for messages.
fn short(s: &str) -> String {
    s.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_blob_list() {
        let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<EnumerationResults ServiceEndpoint=\"https://logs.blob.core.windows.net/\" ContainerName=\"a>b\"><Prefix>resourceId=/X/</Prefix><Blobs><Blob><Name>a&amp;b&#x41;&#66;</Name><Properties><Last-Modified>Tue, 01 Dec 2026 01:00:00 GMT</Last-Modified><Content-Length/></Properties></Blob><Blob><Name><![CDATA[c<d]]></Name></Blob></Blobs><NextMarker /><!-- c --></EnumerationResults>";
        let root = parse(xml).unwrap();
        assert_eq!(root.name, "EnumerationResults");
        let blobs: Vec<&Element> = root.child("Blobs").unwrap().all("Blob").collect();
        assert_eq!(blobs.len(), 2);
        assert_eq!(blobs[0].text_of("Name"), Some("a&bAB"));
        assert_eq!(blobs[1].text_of("Name"), Some("c<d"));
        assert_eq!(
            blobs[0]
                .child("Properties")
                .unwrap()
                .text_of("Last-Modified"),
            Some("Tue, 01 Dec 2026 01:00:00 GMT")
        );
        assert_eq!(root.text_of("NextMarker"), Some(""));
    }

    #[test]
    fn refuses_entities_declarations_and_broken_documents() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;</a>";
        assert!(parse(bomb).unwrap_err().contains("<!DOCTYPE"));
        assert!(parse("<a>&ext;</a>").unwrap_err().contains("&ext;"));
        assert!(parse("<a>&#0;</a>").is_err());
        assert!(parse("<a>&#x110000;</a>").is_err());
        assert!(parse("<a>& b</a>").is_err());
        for bad in [
            "",
            "   ",
            "text",
            "<a>",
            "<a></b>",
            "</a>",
            "<a/><b/>",
            "<a></a>tail",
            "<a",
            "<a x=\"1>",
            "<>",
            "<a><!-- x</a>",
            "<a><![CDATA[x</a>",
            "<?xml",
            "<a><b></a></b>",
            "<a <b>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse("<a/>").unwrap().name, "a");
        assert_eq!(parse("<a x='/>'/>").unwrap().name, "a");
    }

    #[test]
    fn bounds_depth_elements_and_size() {
        let deep = "<a>".repeat(MAX_XML_DEPTH) + &"</a>".repeat(MAX_XML_DEPTH);
        assert!(parse(&deep).is_ok());
        let deeper = "<a>".repeat(MAX_XML_DEPTH + 1) + &"</a>".repeat(MAX_XML_DEPTH + 1);
        assert!(parse(&deeper).unwrap_err().contains("deep"));
        // Far deeper than any stack could recurse: refused without recursion.
        let abyss = "<a>".repeat(1_000_000);
        assert!(parse(&abyss).is_err());
        let many = format!("<a>{}</a>", "<b/>".repeat(MAX_XML_ELEMENTS));
        assert!(parse(&many).unwrap_err().contains("elements"));
        let big = format!("<a>{}</a>", " ".repeat(MAX_XML_BYTES));
        assert!(parse(&big).unwrap_err().contains("longer"));
    }

    #[test]
    fn never_panics_on_cut_documents() {
        let xml = "<?xml version=\"1.0\"?><EnumerationResults><Blobs><Blob><Name>é&amp;x</Name></Blob></Blobs><NextMarker>2!x</NextMarker></EnumerationResults>";
        for (i, _) in xml.char_indices() {
            let _ = parse(&xml[..i]);
            let _ = parse(&xml[i..]);
        }
    }
}
