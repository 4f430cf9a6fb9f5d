//! `azure-onboard collect-script`: a bash script of `az rest` calls that writes the same
//! snapshot the collector does, for a customer who will not hand out credentials.

use azure_onboarding::{
    inventory_requests, required_requests, shell_quote as sh, InventoryQuery, InventoryRequest,
    MonitoredStorageAccounts, OnboardingPlan, RequestId, RequestSpec, Snapshot, SubscriptionId,
    SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_V2,
};
use azure_onboarding_live::CollectOptions;
use std::collections::HashMap;

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

# When the snapshot is taken (UTC, RFC 3339); AZURE_ONBOARD_COLLECTED_AT overrides it. The
# log blobs (B2) are listed for its day (GNU date reads it).
collected_at="${AZURE_ONBOARD_COLLECTED_AT:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"

# The HTTP status of a failed `az rest`, read from its error message: az writes
# "ERROR: <the HTTP reason phrase>(<the body>)". The reason phrase first; without one, the
# error code where the body names it ("code": "…" in JSON, <Code>…</Code> in XML). Names in
# the body's message (a resource group called rg-forbidden) are not read.
error_status() {
  local reason
  reason="$(grep -m 1 -oE '^ERROR: [A-Za-z ]+' "$1" | sed -E 's/^ERROR: //' || true)"
  case "$reason" in
    Forbidden) echo 403; return ;;
    Unauthorized) echo 401; return ;;
    "Not Found") echo 404; return ;;
    "Too Many Requests") echo 429; return ;;
  esac
  local code='("code": *"|<Code>)'
  if grep -qE "${code}(AuthorizationFailed|Authorization_RequestDenied|AuthorizationPermissionMismatch|AuthorizationFailure)[\"<]" "$1"; then echo 403
  elif grep -qE "${code}(InvalidAuthenticationToken)[\"<]" "$1"; then echo 401
  elif grep -qE "${code}(NotFound|ResourceNotFound|ContainerNotFound|ResourceGroupNotFound)[\"<]" "$1"; then echo 404
  elif grep -qE "${code}(TooManyRequests)[\"<]" "$1"; then echo 429
  else echo 500
  fi
}

# What is read from a response is read where az prints it: az prints JSON indented by two
# spaces with its keys sorted (knack's format_json), so a key of the response itself starts
# its line with two spaces ("nextLink", "$skipToken", "data") and a key of an item of its
# list with six ("id", "subscriptionId"). A key deeper down (a tag named nextLink or id,
# which anyone who may tag a resource can set) is indented further and never read.

# Records every page of the list at URL $1, following nextLink / @odata.nextLink on the same
# host, at most $max_pages pages (as the collector: a guard against a nextLink loop or a
# server that never stops paging). AZURE_ONBOARD_MAX_PAGES overrides the cap.
max_pages="${AZURE_ONBOARD_MAX_PAGES:-__MAX_PAGES__}"
# Every URL goes to az as one word, --url=URL: az reads the file named after a '@' that follows
# the first '=' of any argument, so a nextLink ending in '?x=@~/.azure/msal_token_cache.json',
# given as --url URL, would send that file's content to the host.
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
    if az rest --method get --url="$url" --output json >"$page.body" 2>"$page.err"; then
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
      url="$(grep -oE '^  "(@odata\.)?nextLink": "[^"]+"' "$page.body" | head -n 1 | sed -E 's/^  "[^"]*": "//; s/"$//' || true)"
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

# $1 percent-encoded for a URL query value, as the collector does: every byte but
# A-Z a-z 0-9 - . _ ~ / is written %XX.
urlencode() {
  local b out=""
  for b in $(printf '%s' "$1" | od -An -tx1 -v); do
    case "$b" in
      3[0-9] | 4[1-9a-f] | 5[0-9a] | 6[1-9a-f] | 7[0-9a] | 2d | 2e | 5f | 7e | 2f) out+="$(printf '%b' "\\x$b")" ;;
      *) out+="%${b^^}" ;;
    esac
  done
  printf '%s' "$out"
}

# Records every page of the Blob-service list at URL $1 (the log account's data plane, XML),
# with a token for https://storage.azure.com, following <NextMarker> (at most $max_pages
# pages). The XML is recorded verbatim as a JSON string. A 403 is recorded with the Blob
# service's error code (AuthorizationPermissionMismatch: the signed-in identity has no data
# role; AuthorizationFailure: the firewall refused this machine's address).
get_blob() {
  local url="$1" page status pages=0 marker code
  while [ -n "$url" ]; do
    count=$((count + 1))
    pages=$((pages + 1))
    page="$work/$count"
    echo "GET $url" >&2
    if az rest --method get --url="$url" --resource https://storage.azure.com --headers x-ms-version=__BLOB_API_VERSION__ >"$page.raw" 2>"$page.err"; then
      status=200
      json_string "$(cat "$page.raw")" >"$page.body"
    else
      status="$(error_status "$page.err")"
      code="$(grep -oE '<Code>(AuthorizationPermissionMismatch|AuthorizationFailure|ContainerNotFound|ResourceNotFound)</Code>' "$page.err" | head -n 1 | sed -E 's#</?Code>##g' || true)"
      json_string "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>${code:-AzRestError}</Code><Message>recorded by the collect-script from az rest's error</Message></Error>" >"$page.body"
      case "$code" in
        AuthorizationPermissionMismatch) echo "note: the log account refused to list its logs (403 AuthorizationPermissionMismatch): your az login has no data role on it (Owner or Contributor are not enough). That says nothing about Workbench's access; assess reports it as unknown, not broken. To check the logs, assign yourself Storage Blob Data Reader on the log account, or run azure-onboard verify with the application's secret." >&2 ;;
        AuthorizationFailure) echo "note: the log account's firewall refused this machine's address (403 AuthorizationFailure); assess reports it as unknown. Run the script from an allowed address, or azure-onboard verify from Workbench's egress address." >&2 ;;
      esac
    fi
    urls+=("$url")
    statuses+=("$status")
    url=""
    if [ "$status" = 200 ]; then
      marker="$(grep -oE '<NextMarker>[^<]+</NextMarker>' "$page.raw" | head -n 1 | sed -E 's#</?NextMarker>##g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' || true)"
      if [ -n "$marker" ] && [ "$pages" -lt "$max_pages" ]; then
        url="$1&marker=$(urlencode "$marker")"
      fi
    fi
  done
}

# The id of the first object of the list at URL $1 (empty if none or refused).
first_id() {
  az rest --method get --url="$1" --query 'value[0].id' --output tsv 2>/dev/null || true
}

# Records every page of the Azure Resource Graph query whose first body is $1 (JSON): the
# next page's body is $2, the page token as a JSON string, then $3 (the token is copied
# from the answer's "$skipToken" as the JSON text it is, never decoded). Sets arg_done=1
# when every page was read (200, a "data" list, no "$skipToken" left).
arg_url="__ARG_URL__"
post_arg() {
  local body="$1" page status pages=0 token truncated=0 total="" rows=0
  arg_done=0
  while [ -n "$body" ]; do
    count=$((count + 1))
    pages=$((pages + 1))
    page="$work/$count"
    printf '%s' "$body" >"$page.req"
    echo "POST $arg_url" >&2
    if az rest --method post --url="$arg_url" --body "@$page.req" --output json >"$page.body" 2>"$page.err"; then
      status=200
      [ -s "$page.body" ] || echo null >"$page.body"
    else
      status="$(error_status "$page.err")"
      printf '{"error":{"code":"AzRestError","message":%s}}' "$(json_string "$(cat "$page.err")")" >"$page.body"
    fi
    urls+=("$arg_url")
    statuses+=("$status")
    body=""
    if [ "$status" = 200 ]; then
      token="$(grep -oE '^  "\$skipToken": "([^"\\]|\\.)*"' "$page.body" | head -n 1 | sed -E 's/^  "\$skipToken": "//; s/"$//' || true)"
      # A result Resource Graph cut ("resultTruncated": "true"), or fewer rows than its
      # totalRecords, is not an answer: the lists are read instead (as the assessment reads it).
      if grep -qiE '^  "resultTruncated": "?true"?,?$' "$page.body"; then truncated=1; fi
      [ "$pages" != 1 ] || total="$(grep -oE '^  "totalRecords": [0-9]+' "$page.body" | head -n 1 | sed -E 's/^.*: //' || true)"
      rows=$((rows + $(awk '/^  "data": \[$/ { d = 1; next } d && /^  \]/ { d = 0 } d && /^    \{/ { n++ } END { print n + 0 }' "$page.body")))
      if [ -z "$token" ]; then
        if grep -qE '^  "data": \[' "$page.body" && [ "$truncated" = 0 ] && { [ -z "$total" ] || [ "$total" = "$rows" ]; }; then arg_done=1; fi
      elif [ "$pages" -lt "$max_pages" ]; then
        body="$2\"$token\"$3"
      fi
    fi
  done
}

# Whether Resource Graph answered every query of this group and shows subscription $1 (it
# leaves out what the signed-in identity may not read): then its lists need not be read.
graph_answered() {
  [ "$arg_ok" = 1 ] && grep -qixE "      \"subscriptionId\": \"$1\",?" "$work/visible"
}

declare -A accounts=()

# Remembers the storage accounts in the recorded pages $1 to $2.
remember_accounts() {
  local i id
  for ((i = $1; i <= $2; i++)); do
    [ "${statuses[$((i - 1))]}" = 200 ] || continue
    while IFS= read -r id; do
      [ -n "$id" ] && accounts["$id"]=1
    done < <(grep -oiE '^      "id": "/subscriptions/[^"/]+/resourceGroups/[^"/]+/providers/Microsoft\.Storage/storageAccounts/[^"/]+"' "$work/$i.body" | sed -E 's/^      "id": "//; s/"$//' || true)
  done
}

# Records the storage account list at URL $1 and remembers the accounts in it.
get_accounts() {
  local first=$((count + 1)) i id
  get "$1"
  for ((i = first; i <= count; i++)); do
    [ "${statuses[$((i - 1))]}" = 200 ] || continue
    while IFS= read -r id; do
      [ -n "$id" ] && accounts["$id"]=1
    done < <(grep -oiE '^      "id": "/subscriptions/[^"/]+/resourceGroups/[^"/]+/providers/Microsoft\.Storage/storageAccounts/[^"/]+"' "$work/$i.body" | sed -E 's/^      "id": "//; s/"$//' || true)
  done
}
"#;

const WRITE: &str = r#"
# The snapshot: format v2 when it records a POST (a Resource Graph query), else v1.
format="__FORMAT__"
if compgen -G "$work/*.req" >/dev/null; then format="__FORMAT_V2__"; fi
{
  printf '{"format":"%s","collectedAt":"%s","responses":[' "$format" "$collected_at"
  sep=""
  for ((i = 1; i <= count; i++)); do
    if [ -f "$work/$i.req" ]; then
      printf '%s{"method":"POST","url":%s,"requestBody":' "$sep" "$(json_string "${urls[$((i - 1))]}")"
      cat "$work/$i.req"
      printf ',"status":%s,"body":' "${statuses[$((i - 1))]}"
    else
      printf '%s{"method":"GET","url":%s,"status":%s,"body":' "$sep" "$(json_string "${urls[$((i - 1))]}")" "${statuses[$((i - 1))]}"
    fi
    cat "$work/$i.body"
    printf '}'
    sep=","
  done
  printf ']}\n'
} >"$out"
echo "wrote $count responses to $out; assess them with: azure-onboard assess --plan PLAN --snapshot $out" >&2
"#;

/// The requests B1 and B2 (are logs arriving?), for the services found sending to the log
/// account. The URLs are the collector's (`RequestSpec::log_containers`, `log_blobs`): the
/// test `the_collect_script_records_what_the_collector_records` compares them.
fn logs_section(plan: &OnboardingPlan) -> String {
    let account = plan.log_storage_account.name();
    let b1 = RequestSpec::log_containers(account).url;
    let base = b1.split('?').next().unwrap_or_default();
    let mut s = String::from(
        "\n# Are logs arriving? The log account's insights-logs containers (B1), then per service that\n# sends to it the log blobs of the collection's day (B2; the day before when that day has\n# none). These read the Blob service with your az login: it needs a data role such as\n# Storage Blob Data Reader on the log account (a 403 without one is explained, not broken).\n",
    );
    s.push_str("if [ ${#sources[@]} -gt 0 ]; then\n");
    s.push_str(&format!("  first=$((count + 1))\n  get_blob {}\n", sh(&b1)));
    s.push_str("  present=()\n  for c in insights-logs-storageread insights-logs-storagewrite insights-logs-storagedelete; do\n    for ((i = first; i <= count; i++)); do\n      if [ \"${statuses[$((i - 1))]}\" = 200 ] && grep -qF \"<Name>$c</Name>\" \"$work/$i.raw\"; then present+=(\"$c\"); break; fi\n    done\n  done\n");
    s.push_str("  epoch=\"$(date -u -d \"$collected_at\" +%s)\"\n  days=(\"$(date -u -d \"@$epoch\" +y=%Y/m=%m/d=%d)\" \"$(date -u -d \"@$((epoch - 86400))\" +y=%Y/m=%m/d=%d)\")\n");
    s.push_str(&format!(
        "  for src in \"${{!sources[@]}}\"; do\n    for c in \"${{present[@]}}\"; do\n      for day in \"${{days[@]}}\"; do\n        first=$((count + 1))\n        get_blob \"{}/$c?restype=container&comp=list&prefix=$(urlencode \"resourceId=${{src^^}}/$day/\")&maxresults={}\"\n        found=\"\"\n        for ((i = first; i <= count; i++)); do\n          if [ \"${{statuses[$((i - 1))]}}\" != 200 ] || grep -q '<Blob>' \"$work/$i.raw\"; then found=1; fi\n        done\n        [ -z \"$found\" ] || break\n      done\n    done\n  done\nfi\n",
        base.trim_end_matches('/'),
        RequestSpec::LOG_BLOBS_PER_DAY
    ));
    s
}

/// A Resource Graph query's bodies as bash words: the first page's, and the two parts the
/// page token goes between for the later pages (`options.$skipToken`, a JSON string).
fn query_bodies(q: &InventoryRequest) -> (String, String, String) {
    const MARK: &str = "\u{1}skip-token\u{1}";
    let first = q.body(None).to_string();
    let with = q.body(Some(MARK)).to_string();
    let marked = serde_json::Value::String(MARK.into()).to_string();
    let (head, tail) = with.split_once(&marked).unwrap_or((&with, ""));
    (sh(&first), sh(head), sh(tail))
}

/// The inventory: Resource Graph first (FACTS §9: a few paged queries per 300
/// subscriptions), then, per subscription it does not answer, the per-subscription lists.
fn inventory_section(
    plan: &OnboardingPlan,
    lists: &[(SubscriptionId, Vec<&RequestSpec>)],
) -> String {
    let mut s = String::from(
        "\n# The inventory (subscriptions, role assignments, storage accounts, Defender plans, classic\n# accounts) through Azure Resource Graph: a few paged queries per 300 subscriptions. What it\n# does not answer (refused, unavailable, incomplete, a subscription it does not show) is read\n# with the per-subscription lists below, as the collector does.\n",
    );
    let queries = inventory_requests(&plan.subscriptions);
    for (g, group) in queries.chunks(InventoryQuery::ALL.len()).enumerate() {
        s.push_str(&format!(
            "\n# Resource Graph, subscription group {}.\narg_ok=1\n: >\"$work/visible\"\n",
            g + 1
        ));
        for q in group {
            let (first, head, tail) = query_bodies(q);
            s.push_str("first=$((count + 1))\n");
            s.push_str(&format!("post_arg {first} {head} {tail}\n"));
            s.push_str("[ \"$arg_done\" = 1 ] || arg_ok=0\n");
            match q.query {
                InventoryQuery::Subscriptions => s.push_str(
                    "for ((i = first; i <= count; i++)); do cat \"$work/$i.body\" >>\"$work/visible\"; done\n",
                ),
                InventoryQuery::StorageAccounts => {
                    s.push_str("remember_accounts \"$first\" \"$count\"\n")
                }
                _ => {}
            }
        }
        s.push_str(&format!(
            "[ \"$arg_ok\" = 1 ] || echo \"note: Azure Resource Graph did not answer every inventory query of subscription group {}: its lists are read with the per-subscription requests instead\" >&2\n",
            g + 1
        ));
        let subs = &group[0].subscriptions;
        for (sub, reqs) in lists.iter().filter(|(s, _)| subs.contains(s)) {
            s.push_str(&format!(
                "if ! graph_answered {}; then\n",
                sh(&sub.to_string())
            ));
            for r in reqs {
                let f = if r.id == RequestId::S3 {
                    "get_accounts"
                } else {
                    "get"
                };
                s.push_str(&format!("  {f} {}\n", sh(&r.url)));
            }
            s.push_str("fi\n");
        }
    }
    s
}

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
    s.push_str(
        &PRELUDE
            .replace(
                "__MAX_PAGES__",
                &CollectOptions::default().max_pages.to_string(),
            )
            .replace(
                "__BLOB_API_VERSION__",
                azure_onboarding::catalog::endpoints::BLOB_API_VERSION,
            )
            .replace(
                "__ARG_URL__",
                &inventory_requests(&plan.subscriptions)
                    .first()
                    .map(|r| r.url.clone())
                    .unwrap_or_default(),
            ),
    );
    // The per-subscription inventory lists, by subscription: read only when Resource Graph
    // does not answer for it.
    let mut inventory: HashMap<String, SubscriptionId> = HashMap::new();
    for sub in &plan.subscriptions {
        for q in InventoryQuery::ALL {
            inventory.insert(q.arm_request(sub).url, *sub);
        }
    }
    let mut lists: Vec<(SubscriptionId, Vec<&RequestSpec>)> = Vec::new();
    s.push_str("\n# Requests that need nothing else.\n");
    let mut g1 = None;
    let mut g3 = None;
    for r in &first {
        if let Some(sub) = inventory.get(&r.url) {
            match lists.iter_mut().find(|(s, _)| s == sub) {
                Some((_, l)) => l.push(r),
                None => lists.push((*sub, vec![r])),
            }
            continue;
        }
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
    s.push_str(&inventory_section(plan, &lists));
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
    let log_id = plan.log_storage_account.to_string();
    s.push_str(&format!("log_id={}\ndeclare -A sources=()\n", sh(&log_id)));
    s.push_str(&format!(
        "for account in \"${{!accounts[@]}}\"; do\n  for service in blobServices fileServices queueServices tableServices; do\n    first=$((count + 1))\n    get {}\n    for ((i = first; i <= count; i++)); do\n      # A setting of this service sends to the log account: its logs are looked for below.\n      if [ \"${{statuses[$((i - 1))]}}\" = 200 ] && grep -qixF -e \"        \\\"storageAccountId\\\": \\\"$log_id\\\"\" -e \"        \\\"storageAccountId\\\": \\\"$log_id\\\",\" \"$work/$i.body\"; then sources[\"$account/$service/default\"]=1; fi\n    done\n  done\ndone\n",
        sh_template(&s4, &["account", "service"])
    ));
    s.push_str(&logs_section(plan));
    s.push_str(
        &WRITE
            .replace("__FORMAT_V2__", SNAPSHOT_FORMAT_V2)
            .replace("__FORMAT__", SNAPSHOT_FORMAT),
    );
    s
}
