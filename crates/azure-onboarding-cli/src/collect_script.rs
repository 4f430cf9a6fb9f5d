//! `azure-onboard collect-script`: a bash script of `az rest` calls that writes the same
//! snapshot the collector does, for a customer who will not hand out credentials.

use azure_onboarding::{
    required_requests, MonitoredStorageAccounts, OnboardingPlan, RequestId, RequestSpec, Snapshot,
    SNAPSHOT_FORMAT,
};
use azure_onboarding_live::CollectOptions;

/// Quotes `s` for bash (single quotes).
fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Quotes a URL built by the core around the shell variables `vars` (`$sp`, …) for bash:
/// double quotes, everything literal but those variables, which expand at run time.
fn sh_template(url: &str, vars: &[&str]) -> String {
    let mut s = String::with_capacity(url.len() + 2);
    for c in url.chars() {
        if matches!(c, '\\' | '"' | '`' | '$') {
            s.push('\\');
        }
        s.push(c);
    }
    for v in vars {
        s = s.replace(&format!("\\${v}"), &format!("${v}"));
    }
    format!("\"{s}\"")
}

const PRELUDE: &str = r#"set -euo pipefail

out="${1:-snapshot.json}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
count=0
urls=()
statuses=()

# Prints $1 as a JSON string.
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"
  s="${s//$'\r'/\\r}"
  s="${s//$'\t'/\\t}"
  s="$(printf '%s' "$s" | tr -d '\000-\037')"
  printf '"%s"' "$s"
}

# The HTTP status of a failed `az rest`, read from its error message.
error_status() {
  if grep -qiE 'Forbidden|AuthorizationFailed|Authorization_RequestDenied' "$1"; then echo 403
  elif grep -qiE 'Unauthorized|InvalidAuthenticationToken' "$1"; then echo 401
  elif grep -qiE 'Not Found|NotFound' "$1"; then echo 404
  elif grep -qiE 'Too Many Requests|TooManyRequests' "$1"; then echo 429
  else echo 500
  fi
}

# Records every page of the list at URL $1, following nextLink / @odata.nextLink on the same
# host, at most $max_pages pages (as the collector: a guard against a nextLink loop or a
# server that never stops paging). AZURE_ONBOARD_MAX_PAGES overrides the cap.
max_pages="${AZURE_ONBOARD_MAX_PAGES:-__MAX_PAGES__}"
get() {
  local url="$1" page status pages=0 origin
  local -A seen=()
  origin="$(printf '%s' "$1" | sed -E 's#^(https://[^/]+)/.*$#\1/#')"
  while [ -n "$url" ]; do
    count=$((count + 1))
    pages=$((pages + 1))
    seen["$url"]=1
    page="$work/$count"
    echo "GET $url" >&2
    if az rest --method get --url "$url" --output json >"$page.body" 2>"$page.err"; then
      status=200
      [ -s "$page.body" ] || echo null >"$page.body"
    else
      status="$(error_status "$page.err")"
      printf '{"error":{"code":"AzRestError","message":%s}}' "$(json_string "$(cat "$page.err")")" >"$page.body"
    fi
    urls+=("$url")
    statuses+=("$status")
    url=""
    if [ "$status" = 200 ]; then
      url="$(grep -oE '"(@odata\.)?nextLink": *"[^"]+"' "$page.body" | head -n 1 | sed -E 's/^"[^"]*": *"//; s/"$//' || true)"
    fi
    if [ -n "$url" ] && [ "${url#"$origin"}" = "$url" ]; then
      echo "note: a nextLink of $1 points to another host and was not followed; later pages are missing" >&2
      url=""
    elif [ -n "$url" ] && { [ -n "${seen["$url"]+x}" ] || [ "$pages" -ge "$max_pages" ]; }; then
      echo "note: stopped following the nextLinks of $1 after $pages pages (a loop, or more than $max_pages pages); later pages are missing" >&2
      url=""
    fi
  done
}

# The id of the first object of the list at URL $1 (empty if none or refused).
first_id() {
  az rest --method get --url "$1" --query 'value[0].id' --output tsv 2>/dev/null || true
}

declare -A accounts=()

# Records the storage account list at URL $1 and remembers the accounts in it.
get_accounts() {
  local first=$((count + 1)) i id
  get "$1"
  for ((i = first; i <= count; i++)); do
    [ "${statuses[$((i - 1))]}" = 200 ] || continue
    while IFS= read -r id; do
      [ -n "$id" ] && accounts["$id"]=1
    done < <(grep -oiE '"id": *"/subscriptions/[^"/]+/resourceGroups/[^"/]+/providers/Microsoft\.Storage/storageAccounts/[^"/]+"' "$work/$i.body" | sed -E 's/^"id": *"//; s/"$//' || true)
  done
}
"#;

const WRITE: &str = r#"
# The snapshot.
{
  printf '{"format":"__FORMAT__","collectedAt":"%s","responses":[' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  sep=""
  for ((i = 1; i <= count; i++)); do
    printf '%s{"method":"GET","url":%s,"status":%s,"body":' "$sep" "$(json_string "${urls[$((i - 1))]}")" "${statuses[$((i - 1))]}"
    cat "$work/$i.body"
    printf '}'
    sep=","
  done
  printf ']}\n'
} >"$out"
echo "wrote $count responses to $out; assess them with: azure-onboard assess --plan PLAN --snapshot $out" >&2
"#;

/// The script for `plan`.
pub fn script(plan: &OnboardingPlan) -> String {
    let first = required_requests(plan, &Snapshot::new("1970-01-01T00:00:00Z"));
    let mut s = String::new();
    s.push_str("#!/usr/bin/env bash\n");
    s.push_str(
        "# shellcheck disable=SC2016 # $filter in the URLs is OData, not a shell variable\n",
    );
    s.push_str(&format!(
        "# Generated by azure-onboard {} for tenant {}.\n",
        azure_onboarding::version(),
        plan.tenant_id
    ));
    s.push_str(
        "# Records the Azure state that `azure-onboard assess` reads, with your own `az login`\n",
    );
    s.push_str("# (a reader of the subscriptions and the directory), as a snapshot file. Nothing is changed\n");
    s.push_str("# and no credential is written. Needs bash 4+ and the Azure CLI.\n");
    s.push_str("#   usage: bash collect.sh [snapshot.json]\n");
    s.push_str(&PRELUDE.replace(
        "__MAX_PAGES__",
        &CollectOptions::default().max_pages.to_string(),
    ));
    s.push_str("\n# Requests that need nothing else.\n");
    let mut g1 = None;
    let mut g3 = None;
    for r in &first {
        match r.id {
            RequestId::S3 => s.push_str(&format!("get_accounts {}\n", sh(&r.url))),
            _ => s.push_str(&format!("get {}\n", sh(&r.url))),
        }
        match r.id {
            RequestId::G1 => g1 = Some(r.url.clone()),
            RequestId::G3 => g3 = Some(r.url.clone()),
            _ => {}
        }
    }
    if let Some(url) = g1 {
        s.push_str("\n# The service principal's application permissions (needs its object ID).\n");
        s.push_str(&format!("sp=\"$(first_id {})\"\n", sh(&url)));
        let g2 = RequestSpec::app_role_assignments("$sp").url;
        s.push_str(&format!(
            "if [ -n \"$sp\" ]; then get {}; fi\n",
            sh_template(&g2, &["sp"])
        ));
    }
    if let Some(url) = g3 {
        s.push_str("\n# The guest analyst's directory roles (needs the guest's object ID).\n");
        s.push_str(&format!("guest=\"$(first_id {})\"\n", sh(&url)));
        let g4 = RequestSpec::directory_role_assignments("$guest").url;
        s.push_str(&format!(
            "if [ -n \"$guest\" ]; then get {}; fi\n",
            sh_template(&g4, &["guest"])
        ));
    }
    s.push_str("\n# Diagnostic settings of the storage services of every monitored account.\n");
    match &plan.monitored_storage_accounts {
        MonitoredStorageAccounts::All => {
            s.push_str("# (the plan monitors every account: those found above)\n")
        }
        MonitoredStorageAccounts::List(list) => {
            s.push_str("accounts=()\n");
            for a in list {
                s.push_str(&format!("accounts[{}]=1\n", sh(&a.to_string())));
            }
        }
    }
    let s4 = RequestSpec::diagnostic_settings("$account/$service/default").url;
    s.push_str(&format!(
        "for account in \"${{!accounts[@]}}\"; do\n  for service in blobServices fileServices queueServices tableServices; do\n    get {}\n  done\ndone\n",
        sh_template(&s4, &["account", "service"])
    ));
    s.push_str(&WRITE.replace("__FORMAT__", SNAPSHOT_FORMAT));
    s
}
