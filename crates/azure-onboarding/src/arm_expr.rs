//! What goes into an ARM template from outside (a plan or a snapshot): the one escaper that
//! keeps a string from becoming a template expression ([`literal`], [`literal_value`]) and the
//! grammars of the values with one (regions, SKU names, account kinds, Defender plan names).
//!
//! ARM evaluates a string that starts with `[` and ends with `]` as an expression; `[[` at
//! the start makes it a literal again (learn.microsoft.com `azure-resource-manager/templates/
//! template-expressions`, "Escape characters").

use serde_json::Value;

/// `v` as a literal template string: a string ARM would evaluate (it starts with `[` and,
/// trailing whitespace aside, ends with `]`) gets a second `[` in front.
pub(crate) fn literal(v: &str) -> String {
    if v.starts_with('[') && v.trim_end().ends_with(']') {
        format!("[{v}")
    } else {
        v.to_owned()
    }
}

/// Every string in `v` (objects' keys and values, arrays' items, at any depth) through
/// [`literal`]: for objects copied whole from a snapshot (`networkAcls`, diagnostic settings).
/// ARM evaluates a property name as it does a value (a tag named `[concat(…)]` is computed:
/// Azure/bicep issues #575 and #1409), so keys are escaped too.
pub(crate) fn literal_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(literal(s)),
        Value::Array(a) => Value::Array(a.iter().map(literal_value).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (literal(k), literal_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// An Azure region name as ARM returns it (`westeurope`, `eastus2`): 1–40 ASCII letters
/// and digits.
pub(crate) fn is_location(v: &str) -> bool {
    (1..=40).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A storage SKU name (`Standard_LRS`, `Premium_ZRS`, `StandardV2_GZRS`): a tier of ASCII
/// letters and digits, `_`, a redundancy of ASCII letters.
pub(crate) fn is_sku_name(v: &str) -> bool {
    v.len() <= 40
        && v.split_once('_').is_some_and(|(tier, red)| {
            !tier.is_empty()
                && tier.bytes().all(|b| b.is_ascii_alphanumeric())
                && !red.is_empty()
                && red.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

/// A storage account kind ARM knows (`StorageV2`, `Storage`, `BlobStorage`,
/// `BlockBlobStorage`, `FileStorage`).
pub(crate) fn is_account_kind(v: &str) -> bool {
    use crate::facts::storage::*;
    [
        KIND_STORAGE_V2,
        KIND_STORAGE,
        KIND_BLOB_STORAGE,
        KIND_BLOCK_BLOB_STORAGE,
        KIND_FILE_STORAGE,
    ]
    .contains(&v)
}

/// A Defender for Cloud plan (pricing) name: the pricings API's names are PascalCase
/// ASCII letters and digits (`StorageAccounts`, `CosmosDbs`, `Containers`), 1–64 of them.
pub(crate) fn is_defender_plan(v: &str) -> bool {
    (1..=64).contains(&v.len())
        && v.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && v.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_string_that_would_be_an_expression_stays_a_literal() {
        let evil = "[listKeys(resourceId('Microsoft.Storage/storageAccounts','victim'),'2023-01-01').keys[0].value]";
        assert_eq!(literal(evil), format!("[{evil}"));
        assert_eq!(literal("[x] "), "[[x] ");
        assert_eq!(literal("[[x]"), "[[[x]");
        assert_eq!(literal("westeurope"), "westeurope");
        assert_eq!(literal("[not closed"), "[not closed");
        assert_eq!(literal("a[b]"), "a[b]");
        let v = literal_value(
            &json!({"resourceAccessRules": [{"tenantId": evil, "n": 1, evil: "x"}], "b": "[c]"}),
        );
        let rule = v["resourceAccessRules"][0].as_object().unwrap();
        assert!(rule.contains_key(&format!("[{evil}")) && !rule.contains_key(evil));
        assert_eq!(
            v["resourceAccessRules"][0]["tenantId"],
            json!(format!("[{evil}"))
        );
        assert_eq!(v["resourceAccessRules"][0]["n"], json!(1));
        assert_eq!(v["b"], json!("[[c]"));
    }

    #[test]
    fn grammars() {
        assert!(is_location("westeurope") && is_location("eastus2"));
        assert!(
            !is_location("") && !is_location("[parameters('x')]") && !is_location("west europe")
        );
        assert!(is_sku_name("Standard_LRS") && is_sku_name("StandardV2_GZRS"));
        assert!(!is_sku_name("Standard") && !is_sku_name("[x]_y") && !is_sku_name("S_L'R"));
        assert!(is_account_kind("StorageV2") && !is_account_kind("[concat('a')]"));
        assert!(is_defender_plan("CosmosDbs") && is_defender_plan("Containers"));
        assert!(
            !is_defender_plan("[x]") && !is_defender_plan("Key Vaults") && !is_defender_plan("1a")
        );
    }
}
