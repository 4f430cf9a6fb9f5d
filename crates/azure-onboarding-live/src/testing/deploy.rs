//! Subscription deployments in the fake: `PUT /subscriptions/{s}/providers/Microsoft.Resources/deployments/{name}`
//! (and `POST …/validate`, `GET`) apply the template's resources to the state, as ARM would,
//! for the resource types the product's templates use: Defender pricings, resource groups,
//! nested resource-group deployments (`expressionEvaluationOptions.scope: inner`), storage
//! accounts, role assignments (with an extension `scope`) and diagnostic settings of storage
//! services. Resources apply in array order (the product's `dependsOn` point backwards).
//!
//! Template expressions: `parameters()`, `deployment().location`, `guid()` (deterministic,
//! not ARM's hash), `resourceId()`, `subscriptionResourceId()`, `concat()`, string literals.
//! Anything else is refused with `InvalidTemplate`, never guessed.

use super::state::State;
use serde_json::{json, Map, Value};
use std::hash::{Hash, Hasher};

/// Where a template is evaluated.
struct Scope<'a> {
    sub: &'a str,
    rg: Option<&'a str>,
    location: &'a str,
    params: Map<String, Value>,
}

pub(crate) type Answer = (u16, Value);

fn invalid(message: &str) -> Answer {
    (
        400,
        json!({"error": {"code": "InvalidTemplate", "message": format!("{message} (fake)")}}),
    )
}

/// `PUT` (apply) or `POST …/validate` (evaluate only) of a subscription deployment.
pub(crate) fn deploy(
    state: &mut State,
    sub: &str,
    name: &str,
    body: &Value,
    apply: bool,
) -> Answer {
    let location = body.get("location").and_then(Value::as_str).unwrap_or("");
    if location.is_empty() {
        return invalid("a subscription deployment needs a location");
    }
    let props = body.get("properties").cloned().unwrap_or(Value::Null);
    let Some(template) = props.get("template") else {
        return invalid("properties.template is missing (templateLink is not supported)");
    };
    let given = props.get("parameters").cloned().unwrap_or(json!({}));
    let mut outputs = Vec::new();
    let result = run(
        state,
        sub,
        None,
        location,
        template,
        &given,
        apply,
        &mut outputs,
    );
    if let Err(e) = result {
        return e;
    }
    let id = format!("/subscriptions/{sub}/providers/Microsoft.Resources/deployments/{name}");
    let resources: Vec<Value> = outputs.into_iter().map(|id| json!({"id": id})).collect();
    (
        if apply { 201 } else { 200 },
        json!({
            "id": id, "name": name, "type": "Microsoft.Resources/deployments", "location": location,
            "properties": {
                "provisioningState": "Succeeded", "mode": "Incremental",
                "timestamp": "2026-11-30T12:00:00.0000000Z", "duration": "PT1S",
                "correlationId": "00000000-0000-0000-0000-00000000d3b1",
                "outputs": {}, "outputResources": if apply { json!(resources) } else { json!([]) },
                "validatedResources": if apply { json!([]) } else { json!(resources) },
                "parameters": given,
                "templateHash": "0"
            }
        }),
    )
}

#[allow(clippy::too_many_arguments)]
fn run(
    state: &mut State,
    sub: &str,
    rg: Option<&str>,
    location: &str,
    template: &Value,
    given: &Value,
    apply: bool,
    outputs: &mut Vec<String>,
) -> Result<(), Answer> {
    let mut scope = Scope {
        sub,
        rg,
        location,
        params: Map::new(),
    };
    // Parameters: given values, else defaults (themselves expressions).
    let declared = template
        .get("parameters")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (k, decl) in &declared {
        let v = match given.get(k).and_then(|g| g.get("value")) {
            Some(v) => v.clone(),
            None => match decl.get("defaultValue") {
                Some(d) => eval_value(&scope, d)?,
                None => {
                    return Err(invalid(&format!(
                        "the template's parameter '{k}' has no value"
                    )))
                }
            },
        };
        scope.params.insert(k.clone(), v);
    }
    let resources = template
        .get("resources")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for r in resources {
        if let Some(c) = r.get("condition") {
            if eval_value(&scope, c)? != Value::Bool(true) {
                continue;
            }
        }
        let kind = r
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        if kind == "microsoft.resources/deployments" {
            // Nested: its parameters are evaluated here, its template in its own scope.
            let inner = r
                .pointer("/properties/expressionEvaluationOptions/scope")
                .and_then(Value::as_str);
            if inner != Some("inner") {
                return Err(invalid(
                    "nested deployments must use expressionEvaluationOptions.scope inner",
                ));
            }
            let rg = eval_value(&scope, r.get("resourceGroup").unwrap_or(&Value::Null))?;
            let Some(rg) = rg.as_str() else {
                return Err(invalid("a nested deployment needs a resourceGroup"));
            };
            let params = eval_value(
                &scope,
                r.pointer("/properties/parameters").unwrap_or(&json!({})),
            )?;
            let template = r
                .pointer("/properties/template")
                .cloned()
                .unwrap_or(Value::Null);
            run(
                state,
                sub,
                Some(rg),
                location,
                &template,
                &params,
                apply,
                outputs,
            )?;
            continue;
        }
        let r = eval_value(&scope, &r)?;
        let name = r
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let mut body = json!({"properties": r.get("properties").cloned().unwrap_or(json!({}))});
        for k in ["location", "kind", "sku", "tags"] {
            if let Some(v) = r.get(k) {
                body[k] = v.clone();
            }
        }
        let rg_path = |rg: &str| format!("/subscriptions/{sub}/resourceGroups/{rg}");
        let target = match (kind.as_str(), rg) {
            ("microsoft.security/pricings", None) => {
                format!("/subscriptions/{sub}/providers/Microsoft.Security/pricings/{name}")
            }
            ("microsoft.resources/resourcegroups", None) => rg_path(&name),
            ("microsoft.storage/storageaccounts", Some(rg)) => {
                format!(
                    "{}/providers/Microsoft.Storage/storageAccounts/{name}",
                    rg_path(rg)
                )
            }
            ("microsoft.authorization/roleassignments", _) => {
                let base = rg.map_or_else(|| format!("/subscriptions/{sub}"), rg_path);
                let at = match r.get("scope").and_then(Value::as_str) {
                    None => base,
                    Some(s) if s.starts_with('/') => s.to_owned(),
                    Some(s) => format!("{base}/providers/{s}"),
                };
                format!("{at}/providers/Microsoft.Authorization/roleAssignments/{name}")
            }
            (k, Some(rg))
                if k.starts_with("microsoft.storage/storageaccounts/")
                    && k.ends_with("/providers/diagnosticsettings") =>
            {
                // name `{account}/default/Microsoft.Insights/{setting}`, type `…/{svc}/providers/diagnosticSettings`
                let svc = r["type"]
                    .as_str()
                    .unwrap_or("")
                    .split('/')
                    .nth(2)
                    .unwrap_or("")
                    .to_owned();
                let parts: Vec<&str> = name.split('/').collect();
                let [account, "default", ns, setting] = parts.as_slice() else {
                    return Err(invalid(&format!("diagnostic setting name '{name}' is not account/default/Microsoft.Insights/name")));
                };
                if !ns.eq_ignore_ascii_case("Microsoft.Insights") {
                    return Err(invalid(
                        "diagnostic settings are Microsoft.Insights resources",
                    ));
                }
                format!("{}/providers/Microsoft.Storage/storageAccounts/{account}/{svc}/default/providers/Microsoft.Insights/diagnosticSettings/{setting}", rg_path(rg))
            }
            _ => {
                return Err(invalid(&format!(
                    "resource type '{kind}' at this scope is not supported by the fake"
                )))
            }
        };
        outputs.push(target.clone());
        if !apply {
            continue;
        }
        let url = format!("https://management.azure.com{target}?api-version=template");
        match state.handle("PUT", &url, body.to_string().as_bytes()) {
            Some((status, _)) if status < 300 => {}
            Some((status, body)) => {
                let code = body
                    .pointer("/error/code")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let message = body
                    .pointer("/error/message")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                return Err((
                    400,
                    json!({"error": {"code": "DeploymentFailed", "message": format!("The resource {target} failed ({status}).") ,
                                      "details": [{"code": code, "message": message}]}}),
                ));
            }
            None => return Err(invalid(&format!("{target} is outside what the fake holds"))),
        }
    }
    Ok(())
}

/// Evaluates every `[expression]` string in a value.
fn eval_value(scope: &Scope<'_>, v: &Value) -> Result<Value, Answer> {
    Ok(match v {
        Value::String(s) if s.starts_with('[') && s.ends_with(']') && !s.starts_with("[[") => {
            let mut p = Parser {
                s: &s[1..s.len() - 1],
                i: 0,
            };
            let out = p.expr(scope)?;
            p.skip_ws();
            if p.i != p.s.len() {
                return Err(invalid(&format!("cannot read the expression {s}")));
            }
            out
        }
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|x| eval_value(scope, x))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| Ok((k.clone(), eval_value(scope, x)?)))
                .collect::<Result<_, Answer>>()?,
        ),
        other => other.clone(),
    })
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.s[self.i..].starts_with(' ') {
            self.i += 1;
        }
    }

    fn expr(&mut self, scope: &Scope<'_>) -> Result<Value, Answer> {
        self.skip_ws();
        let rest = &self.s[self.i..];
        if rest.starts_with('\'') {
            // 'literal' with '' for a quote.
            let mut out = String::new();
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((j, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().map(|(_, n)| *n) == Some('\'') {
                        out.push('\'');
                        chars.next();
                        continue;
                    }
                    self.i += j + 1;
                    return Ok(Value::String(out));
                }
                out.push(c);
            }
            return Err(invalid("an unterminated string in an expression"));
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if name.is_empty() || !rest[name_len..].starts_with('(') {
            return Err(invalid(&format!("cannot read '{rest}'")));
        }
        self.i += name_len + 1;
        let mut args = Vec::new();
        loop {
            self.skip_ws();
            if self.s[self.i..].starts_with(')') {
                self.i += 1;
                break;
            }
            args.push(self.expr(scope)?);
            self.skip_ws();
            if self.s[self.i..].starts_with(',') {
                self.i += 1;
            } else if !self.s[self.i..].starts_with(')') {
                return Err(invalid(&format!("expected , or ) in '{}'", self.s)));
            }
        }
        let strs: Vec<String> = args
            .iter()
            .map(|a| {
                a.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| a.to_string())
            })
            .collect();
        let mut value = match name.as_str() {
            "parameters" => scope
                .params
                .get(strs.first().map(String::as_str).unwrap_or(""))
                .cloned()
                .ok_or_else(|| invalid(&format!("no parameter {strs:?}")))?,
            "deployment" => json!({"location": scope.location}),
            "concat" => Value::String(strs.concat()),
            "guid" => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                strs.hash(&mut h);
                let a = h.finish();
                "guid-salt".hash(&mut h);
                let b = h.finish();
                let hex = format!("{a:016x}{b:016x}");
                Value::String(format!(
                    "{}-{}-{}-{}-{}",
                    &hex[..8],
                    &hex[8..12],
                    &hex[12..16],
                    &hex[16..20],
                    &hex[20..32]
                ))
            }
            "subscriptionresourceid" => {
                let (ty, names) = strs
                    .split_first()
                    .ok_or_else(|| invalid("subscriptionResourceId needs a type"))?;
                Value::String(format!(
                    "/subscriptions/{}/providers/{}",
                    scope.sub,
                    type_path(ty, names)
                ))
            }
            "resourceid" => {
                // resourceId([resourceGroup,] type, names…): the type is the first argument with a '/'.
                let t = strs
                    .iter()
                    .position(|a| a.contains('/'))
                    .ok_or_else(|| invalid("resourceId needs a type"))?;
                let rg = if t >= 1 {
                    Some(strs[t - 1].as_str())
                } else {
                    scope.rg
                };
                let rg = rg.ok_or_else(|| invalid("resourceId outside a resource group"))?;
                Value::String(format!(
                    "/subscriptions/{}/resourceGroups/{rg}/providers/{}",
                    scope.sub,
                    type_path(&strs[t], &strs[t + 1..])
                ))
            }
            other => {
                return Err(invalid(&format!(
                    "the template function {other}() is not supported by the fake"
                )))
            }
        };
        // Property access: `.location`.
        while self.s[self.i..].starts_with('.') {
            let rest = &self.s[self.i + 1..];
            let len = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            value = value.get(&rest[..len]).cloned().unwrap_or(Value::Null);
            self.i += 1 + len;
        }
        Ok(value)
    }
}

/// `Microsoft.Storage/storageAccounts/blobServices`, [`a`, `default`] → `Microsoft.Storage/storageAccounts/a/blobServices/default`.
fn type_path(ty: &str, names: &[String]) -> String {
    let mut parts = ty.split('/');
    let mut out = parts.next().unwrap_or("").to_owned();
    for (t, n) in parts.zip(names) {
        out.push_str(&format!("/{t}/{n}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope() -> Scope<'static> {
        let mut params = Map::new();
        params.insert("sp".into(), json!("00000000-0000-0000-0000-0000000000aa"));
        Scope {
            sub: "s1",
            rg: Some("rg1"),
            location: "westeurope",
            params,
        }
    }

    fn eval(s: &str) -> Result<Value, Answer> {
        eval_value(&scope(), &json!(s))
    }

    #[test]
    fn expressions_the_templates_use() {
        assert_eq!(
            eval("[parameters('sp')]").unwrap(),
            json!("00000000-0000-0000-0000-0000000000aa")
        );
        assert_eq!(
            eval("[deployment().location]").unwrap(),
            json!("westeurope")
        );
        assert_eq!(
            eval("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r1')]")
                .unwrap(),
            json!("/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/r1")
        );
        assert_eq!(
            eval("[resourceId('rg2', 'Microsoft.Resources/deployments', 'd')]").unwrap(),
            json!(
                "/subscriptions/s1/resourceGroups/rg2/providers/Microsoft.Resources/deployments/d"
            )
        );
        assert_eq!(
            eval("[resourceId('Microsoft.Storage/storageAccounts', 'it''s')]").unwrap(),
            json!("/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/it's")
        );
        let g = eval("[guid('/a', parameters('sp'), 'r')]").unwrap();
        assert_eq!(g, eval("[guid('/a', parameters('sp'), 'r')]").unwrap());
        assert_ne!(g, eval("[guid('/b', parameters('sp'), 'r')]").unwrap());
        assert_eq!(g.as_str().unwrap().len(), 36);
        assert_eq!(
            eval("[[not an expression]").unwrap(),
            json!("[[not an expression]")
        );
        assert_eq!(eval("[reference('x')]").unwrap_err().0, 400);
        assert_eq!(eval("[parameters('missing')]").unwrap_err().0, 400);
        assert_eq!(eval("[concat('a']").unwrap_err().0, 400);
        assert_eq!(eval("[concat('a' 'b')]").unwrap_err().0, 400);
    }

    #[test]
    fn unknown_resource_types_are_refused() {
        let mut state = State::default();
        let body = json!({"location": "westeurope", "properties": {"mode": "Incremental", "template": {
            "resources": [{"type": "Microsoft.Compute/virtualMachines", "name": "vm", "apiVersion": "2024-01-01"}]}}});
        let (status, answer) = deploy(&mut state, "s1", "d", &body, true);
        assert_eq!(status, 400);
        assert_eq!(answer["error"]["code"], "InvalidTemplate");
    }
}
