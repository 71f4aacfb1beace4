//! IAM policy documents: validation (`MalformedPolicyDocument`) and evaluation of identity
//! policies and trust policies. iam-rs (pinned) does the matching; this module owns what
//! goes in and what comes out, so the crate stays replaceable:
//!
//! - documents are normalized first: a `Principal` naming several kinds is split into one
//!   statement per kind, a missing `Version` means 2008-10-17;
//! - policy variables (`${cognito-identity.amazonaws.com:sub}`) are substituted here, in
//!   `Resource`, `NotResource` and condition values, and only for Version 2012-10-17 (as in
//!   AWS). A variable with no value and no default makes its value match nothing (AWS:
//!   "there is no equal or like value"), rather than the empty string;
//! - anything the engine cannot evaluate denies.

use std::collections::BTreeMap;

use iam_rs::{
    Arn, Context, ContextValue, EvaluationOptions, IAMPolicy, IAMRequest, PolicyEvaluator, Principal,
    PrincipalId,
};
use serde_json::{Map, Value};

use super::CredentialsError;

/// What is being asked: an action on a resource, with the condition keys (and policy
/// variables) of the request, e.g. `"cognito-identity.amazonaws.com:sub"`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyRequest {
    pub action: String,
    pub resource: String,
    pub context: BTreeMap<String, Value>,
}

/// The outcome of evaluating policies. Only `Allow` permits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// A matching `Deny` statement: wins over any `Allow`.
    ExplicitDeny,
    /// Nothing allowed the request.
    ImplicitDeny,
}

const VERSION_CURRENT: &str = "2012-10-17";
const VERSION_LEGACY: &str = "2008-10-17";
/// A resource pattern no request resource can match (the service name is not a service).
const UNMATCHABLE_RESOURCE: &str = "arn:aws:incognito-unresolved-policy-variable:::unresolved";
/// A condition value no request value equals or is like.
const UNMATCHABLE_VALUE: &str = "\u{0}unresolved-policy-variable";

/// Evaluates identity policies (a role's inline policies) against `request`: explicit Deny
/// wins, then any Allow, else implicit deny.
pub fn evaluate(documents: &[&str], request: &PolicyRequest) -> Decision {
    let mut policies = Vec::with_capacity(documents.len());
    for document in documents {
        match prepare(document, &request.context, Kind::Identity) {
            Ok(policy) => policies.push(policy),
            Err(e) => {
                // Stored documents were validated; an unparsable one can only deny.
                tracing::warn!(error = %e, "policy document could not be evaluated");
                return Decision::ImplicitDeny;
            }
        }
    }
    // Identity policies name no principal; the engine wants one anyway.
    let principal = Principal::Aws(PrincipalId::String("000000000000".into()));
    run(policies, principal, request, false)
}

/// Evaluates a role's trust policy for a federated principal (e.g.
/// `cognito-identity.amazonaws.com`) performing `action` (e.g.
/// `sts:AssumeRoleWithWebIdentity`). Trust policies name no resource.
pub fn evaluate_trust(
    document: &str,
    federated: &str,
    action: &str,
    context: &BTreeMap<String, Value>,
) -> Decision {
    let policy = match prepare(document, context, Kind::Trust { federated }) {
        Ok(policy) => policy,
        Err(e) => {
            tracing::warn!(error = %e, "trust policy could not be evaluated");
            return Decision::ImplicitDeny;
        }
    };
    let request =
        PolicyRequest { action: action.to_string(), resource: "*".into(), context: context.clone() };
    run(vec![policy], Principal::Federated(PrincipalId::String(federated.to_string())), &request, true)
}

fn run(policies: Vec<IAMPolicy>, principal: Principal, request: &PolicyRequest, trust: bool) -> Decision {
    let resource = if trust {
        // Ignored by the engine with `ignore_resource_constraints`, but must still parse.
        Arn::parse("arn:aws:iam::000000000000:role/trust").ok()
    } else {
        Arn::parse(&request.resource).ok()
    };
    let Some(resource) = resource else {
        return Decision::ImplicitDeny;
    };
    let iam_request =
        IAMRequest::new_with_context(principal, &request.action, resource, context(&request.context));
    let options = EvaluationOptions { ignore_resource_constraints: trust, ..EvaluationOptions::default() };
    match PolicyEvaluator::with_policies(policies).with_options(options).evaluate(&iam_request) {
        Ok(result) => match result.decision {
            iam_rs::Decision::Allow => Decision::Allow,
            iam_rs::Decision::Deny => Decision::ExplicitDeny,
            iam_rs::Decision::NotApplicable => Decision::ImplicitDeny,
        },
        Err(e) => {
            tracing::warn!(error = %e, "policy evaluation failed; denying");
            Decision::ImplicitDeny
        }
    }
}

fn context(values: &BTreeMap<String, Value>) -> Context {
    let mut out = Context::new();
    for (key, value) in values {
        let converted = match value {
            Value::String(s) => ContextValue::String(s.clone()),
            Value::Bool(b) => ContextValue::Boolean(*b),
            Value::Number(n) => ContextValue::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::Array(items) if items.iter().all(Value::is_boolean) && !items.is_empty() => {
                ContextValue::BooleanList(items.iter().filter_map(Value::as_bool).collect())
            }
            Value::Array(items) => ContextValue::StringList(
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            Value::Null | Value::Object(_) => continue,
        };
        out.insert(key.clone(), converted);
    }
    out
}

#[derive(Clone, Copy)]
enum Kind<'a> {
    Identity,
    /// Keep only statements whose principal is `*` or names exactly this federated provider.
    Trust {
        federated: &'a str,
    },
}

/// Normalizes a stored document and parses it for the engine.
fn prepare(document: &str, vars: &BTreeMap<String, Value>, kind: Kind<'_>) -> Result<IAMPolicy, String> {
    let mut doc: Value = serde_json::from_str(document).map_err(|e| e.to_string())?;
    let obj = doc.as_object_mut().ok_or("policy is not an object")?;
    let version = match obj.get("Version") {
        None => VERSION_LEGACY.to_string(),
        Some(Value::String(v)) => v.clone(),
        Some(_) => return Err("Version is not a string".into()),
    };
    obj.insert("Version".into(), Value::String(version.clone()));
    let substitute = version == VERSION_CURRENT;
    let statements = match obj.remove("Statement") {
        Some(Value::Array(list)) => list,
        Some(one @ Value::Object(_)) => vec![one],
        _ => return Err("Statement missing".into()),
    };
    let mut out = Vec::with_capacity(statements.len());
    for statement in statements {
        let Value::Object(mut statement) = statement else { return Err("statement is not an object".into()) };
        for key in ["Resource", "NotResource"] {
            if let Some(value) = statement.get_mut(key) {
                if substitute {
                    substitute_values(value, vars, UNMATCHABLE_RESOURCE);
                }
                // The engine interpolates `${…}` in resources itself, whatever the Version;
                // what is left (literal in a 2008-10-17 policy, or brought in by a value)
                // must not be: it matches nothing instead.
                // AWS deviation: AWS matches such a literal resource text literally.
                unmatchable_if_variable(value, UNMATCHABLE_RESOURCE);
            }
        }
        if substitute && let Some(Value::Object(block)) = statement.get_mut("Condition") {
            for (_, conditions) in block.iter_mut() {
                if let Value::Object(conditions) = conditions {
                    for (_, value) in conditions.iter_mut() {
                        substitute_values(value, vars, UNMATCHABLE_VALUE);
                    }
                }
            }
        }
        match kind {
            Kind::Identity => out.push(Value::Object(statement)),
            Kind::Trust { federated } => out.extend(trust_statements(statement, federated)),
        }
    }
    if out.is_empty() {
        // Nothing applies: an always-false statement keeps the engine's input valid.
        return Ok(IAMPolicy::new());
    }
    obj.insert("Statement".into(), Value::Array(out));
    serde_json::from_value(doc).map_err(|e| e.to_string())
}

/// The statements of a trust policy that concern `federated`, each with a single-kind
/// principal the engine can parse. iam-rs matches federated principals by prefix; matching
/// exactly here keeps `"Federated": "cognito"` from trusting `cognito-identity.amazonaws.com`.
fn trust_statements(mut statement: Map<String, Value>, federated: &str) -> Vec<Value> {
    let Some(principal) = statement.remove("Principal") else {
        // NotPrincipal or no principal: leave as is for the engine.
        return vec![Value::Object(statement)];
    };
    let applies = match &principal {
        Value::String(s) => s == "*",
        Value::Object(kinds) => kinds.iter().any(|(kind, ids)| match (kind.as_str(), ids) {
            ("Federated", Value::String(id)) => id == federated,
            ("Federated", Value::Array(ids)) => ids.iter().any(|id| id.as_str() == Some(federated)),
            ("AWS", Value::String(id)) => id == "*",
            ("AWS", Value::Array(ids)) => ids.iter().any(|id| id.as_str() == Some("*")),
            _ => false,
        }),
        _ => false,
    };
    if !applies {
        return Vec::new();
    }
    statement.insert("Principal".into(), serde_json::json!({ "Federated": federated }));
    vec![Value::Object(statement)]
}

fn unmatchable_if_variable(value: &mut Value, unmatchable: &str) {
    match value {
        Value::String(s) if s.contains("${") => *s = unmatchable.to_string(),
        Value::Array(items) => {
            for item in items {
                unmatchable_if_variable(item, unmatchable);
            }
        }
        _ => {}
    }
}

/// Substitutes policy variables in a string or in each string of an array.
fn substitute_values(value: &mut Value, vars: &BTreeMap<String, Value>, unmatchable: &str) {
    match value {
        Value::String(s) => *s = substitute(s, vars).unwrap_or_else(|| unmatchable.to_string()),
        Value::Array(items) => {
            for item in items {
                if let Value::String(s) = item {
                    *s = substitute(s, vars).unwrap_or_else(|| unmatchable.to_string());
                }
            }
        }
        _ => {}
    }
}

/// `text` with every `${key}` / `${key, 'default'}` replaced; `None` if one has no value.
/// `${*}`, `${?}` and `${$}` stand for the literal characters.
// AWS deviation: the engine treats a substituted `*` or `?` as a wildcard, not a literal.
pub fn substitute(text: &str, vars: &BTreeMap<String, Value>) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return Some(out);
        };
        let inner = &after[..end];
        let (key, default) = match inner.split_once(',') {
            Some((key, default)) => {
                let default = default.trim();
                let quoted = default.len() >= 2 && default.starts_with('\'') && default.ends_with('\'');
                (key.trim(), quoted.then(|| &default[1..default.len() - 1]))
            }
            None => (inner.trim(), None),
        };
        let value = match key {
            "*" | "?" | "$" => Some(key.to_string()),
            _ => lookup(vars, key).or_else(|| default.map(str::to_string)),
        };
        out.push_str(&value?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A single-valued context key as a string; condition keys are case-insensitive.
fn lookup(vars: &BTreeMap<String, Value>, key: &str) -> Option<String> {
    let value =
        vars.get(key).or_else(|| vars.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))?;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        // Multivalued keys cannot be policy variables.
        _ => None,
    }
}

/// Which kind of document is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A role's permissions (PutRolePolicy): no `Principal`, must name resources.
    Identity,
    /// A role's trust policy (CreateRole, UpdateAssumeRolePolicy): must name a principal.
    Trust,
}

fn malformed(message: &str) -> CredentialsError {
    CredentialsError::MalformedPolicyDocument(message.to_string())
}

/// Checks a document as IAM does before storing it.
pub fn validate(document: &str, kind: DocumentKind) -> Result<(), CredentialsError> {
    // AWS: invalid JSON is "Syntax errors in policy."
    let doc: Value = serde_json::from_str(document).map_err(|_| malformed("Syntax errors in policy."))?;
    let obj = doc.as_object().ok_or_else(|| malformed("Syntax errors in policy."))?;
    match obj.get("Version") {
        None => {}
        Some(Value::String(v)) if v == VERSION_CURRENT || v == VERSION_LEGACY => {}
        // unsure: AWS's wording for an unknown Version.
        Some(_) => return Err(malformed("The policy failed legacy parsing")),
    }
    for key in obj.keys() {
        if !["Version", "Id", "Statement"].contains(&key.as_str()) {
            return Err(malformed("Syntax errors in policy."));
        }
    }
    let statements: Vec<&Value> = match obj.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        // unsure: AWS's wording for a policy without statements.
        _ => return Err(malformed("Syntax errors in policy.")),
    };
    if statements.is_empty() {
        return Err(malformed("Syntax errors in policy."));
    }
    for statement in statements {
        let s = statement.as_object().ok_or_else(|| malformed("Syntax errors in policy."))?;
        for key in s.keys() {
            let known = [
                "Sid",
                "Effect",
                "Principal",
                "NotPrincipal",
                "Action",
                "NotAction",
                "Resource",
                "NotResource",
                "Condition",
            ];
            if !known.contains(&key.as_str()) {
                return Err(malformed("Syntax errors in policy."));
            }
        }
        match s.get("Effect") {
            Some(Value::String(e)) if e == "Allow" || e == "Deny" => {}
            // unsure: AWS's wording for a missing or unknown Effect.
            _ => return Err(malformed("Syntax errors in policy.")),
        }
        if !s.contains_key("Action") && !s.contains_key("NotAction") {
            return Err(malformed("Policy statement must contain actions."));
        }
        let has_principal = s.contains_key("Principal") || s.contains_key("NotPrincipal");
        match kind {
            DocumentKind::Identity => {
                if has_principal {
                    return Err(malformed("Policy document should not specify a principal."));
                }
                if !s.contains_key("Resource") && !s.contains_key("NotResource") {
                    return Err(malformed("Policy statement must contain resources."));
                }
            }
            DocumentKind::Trust => {
                if !has_principal {
                    // unsure: AWS's wording for a trust policy without a principal.
                    return Err(malformed("AssumeRolePolicy policy must specify a principal."));
                }
                if s.contains_key("Resource") || s.contains_key("NotResource") {
                    return Err(malformed("Has prohibited field Resource"));
                }
            }
        }
    }
    // Finally, the engine must be able to read it (operators, value types).
    let kind = match kind {
        DocumentKind::Identity => Kind::Identity,
        DocumentKind::Trust => Kind::Trust { federated: "cognito-identity.amazonaws.com" },
    };
    let parsed = prepare(document, &BTreeMap::new(), kind);
    let trust_all_split = match kind {
        Kind::Identity => parsed.map(|_| ()),
        // Statements for other principals are dropped before parsing; check them as written too.
        Kind::Trust { .. } => parsed.and_then(|_| check_trust_statements_parse(document)),
    };
    trust_all_split.map_err(|_| malformed("Syntax errors in policy."))
}

/// Each trust statement, with one principal kind at a time, parses for the engine.
fn check_trust_statements_parse(document: &str) -> Result<(), String> {
    let doc: Value = serde_json::from_str(document).map_err(|e| e.to_string())?;
    let statements = match doc.get("Statement") {
        Some(Value::Array(list)) => list.clone(),
        Some(one) => vec![one.clone()],
        None => Vec::new(),
    };
    for statement in statements {
        let Value::Object(mut statement) = statement else { return Err("not an object".into()) };
        statement.remove("Principal");
        statement.remove("NotPrincipal");
        statement.insert("Principal".into(), serde_json::json!("*"));
        let single = serde_json::json!({"Version": VERSION_CURRENT, "Statement": [statement]});
        serde_json::from_value::<IAMPolicy>(single).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SUB: &str = "cognito-identity.amazonaws.com:sub";
    const AUD: &str = "cognito-identity.amazonaws.com:aud";
    const AMR: &str = "cognito-identity.amazonaws.com:amr";
    const FEDERATED: &str = "cognito-identity.amazonaws.com";
    const ASSUME: &str = "sts:AssumeRoleWithWebIdentity";

    fn request(action: &str, resource: &str, context: &[(&str, Value)]) -> PolicyRequest {
        PolicyRequest {
            action: action.into(),
            resource: resource.into(),
            context: context.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    fn ctx(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    const ORDERS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:orders/*"}]}"#;
    const UNTIL_2030: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}]}"#;
    const FROM_LOOPBACK: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}}]}"#;
    const TLS_ONLY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}"#;

    #[test]
    fn identity_policy_conformance_table() {
        let sub = "us-east-1:11111111-2222-4333-8444-555555555555";
        let cases: Vec<(&str, Vec<&str>, PolicyRequest, Decision)> = vec![
            (
                "an allowed action on a matching resource is allowed",
                vec![ORDERS],
                request("execute-api:Invoke", "arn:aws:execute-api:us-east-1:000000000000:orders/GET/x", &[]),
                Decision::Allow,
            ),
            (
                "another resource is implicitly denied",
                vec![ORDERS],
                request("execute-api:Invoke", "arn:aws:execute-api:us-east-1:000000000000:users/GET/x", &[]),
                Decision::ImplicitDeny,
            ),
            (
                "another action is implicitly denied",
                vec![ORDERS],
                request(
                    "execute-api:ManageConnections",
                    "arn:aws:execute-api:us-east-1:000000000000:orders/x",
                    &[],
                ),
                Decision::ImplicitDeny,
            ),
            (
                "explicit deny wins over an allow in another policy",
                vec![
                    ORDERS,
                    r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"execute-api:*","Resource":"*"}}"#,
                ],
                request("execute-api:Invoke", "arn:aws:execute-api:us-east-1:000000000000:orders/GET/x", &[]),
                Decision::ExplicitDeny,
            ),
            (
                "NotAction allows everything but the listed action",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:DeleteObject","Resource":"*"}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::bucket/key", &[]),
                Decision::Allow,
            ),
            (
                "NotAction does not allow the listed action",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:DeleteObject","Resource":"*"}]}"#,
                ],
                request("s3:DeleteObject", "arn:aws:s3:::bucket/key", &[]),
                Decision::ImplicitDeny,
            ),
            (
                "NotResource denies everything but the listed resource",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public/*"}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::private/key", &[]),
                Decision::ExplicitDeny,
            ),
            (
                "NotResource leaves the listed resource allowed",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public/*"}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::public/key", &[]),
                Decision::Allow,
            ),
            (
                "the identity's own prefix is allowed through ${sub}",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*"}]}"#,
                ],
                request("s3:GetObject", &format!("arn:aws:s3:::bucket/{sub}/photo"), &[(SUB, json!(sub))]),
                Decision::Allow,
            ),
            (
                "another identity's prefix is denied through ${sub}",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*"}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::bucket/someone-else/photo", &[(SUB, json!(sub))]),
                Decision::ImplicitDeny,
            ),
            (
                "a missing ${sub} matches nothing (not the empty string)",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}*"}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::bucket/anything", &[]),
                Decision::ImplicitDeny,
            ),
            (
                "a variable's default applies when the key is missing",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::bucket/shared/x", &[]),
                Decision::Allow,
            ),
            (
                "variables are literal text in a 2008-10-17 policy",
                vec![
                    r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*"}]}"#,
                ],
                request("s3:GetObject", &format!("arn:aws:s3:::bucket/{sub}/photo"), &[(SUB, json!(sub))]),
                Decision::ImplicitDeny,
            ),
            (
                "StringLike wildcards in a condition match",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket","Condition":{"StringLike":{"s3:prefix":["${cognito-identity.amazonaws.com:sub}/*"]}}}]}"#,
                ],
                request(
                    "s3:ListBucket",
                    "arn:aws:s3:::bucket",
                    &[(SUB, json!(sub)), ("s3:prefix", json!(format!("{sub}/photos")))],
                ),
                Decision::Allow,
            ),
            (
                "StringLike wildcards in a condition refuse another prefix",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket","Condition":{"StringLike":{"s3:prefix":["${cognito-identity.amazonaws.com:sub}/*"]}}}]}"#,
                ],
                request(
                    "s3:ListBucket",
                    "arn:aws:s3:::bucket",
                    &[(SUB, json!(sub)), ("s3:prefix", json!("other/photos"))],
                ),
                Decision::ImplicitDeny,
            ),
            (
                "a condition on a missing key does not match",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::bucket/k", &[]),
                Decision::ImplicitDeny,
            ),
            (
                "a principal tag condition matches the tag",
                vec![
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}"#,
                ],
                request("s3:GetObject", "arn:aws:s3:::bucket/k", &[("aws:PrincipalTag/team", json!("blue"))]),
                Decision::Allow,
            ),
            (
                "action names are case-insensitive",
                vec![ORDERS],
                request("Execute-API:invoke", "arn:aws:execute-api:us-east-1:000000000000:orders/GET/x", &[]),
                Decision::Allow,
            ),
            (
                "an unparsable stored document denies",
                vec!["{not json"],
                request("execute-api:Invoke", "arn:aws:execute-api:us-east-1:000000000000:orders/GET/x", &[]),
                Decision::ImplicitDeny,
            ),
            (
                "no policies deny",
                vec![],
                request("s3:GetObject", "arn:aws:s3:::b/k", &[]),
                Decision::ImplicitDeny,
            ),
            (
                "DateLessThan on aws:CurrentTime allows before the date",
                vec![UNTIL_2030],
                request(
                    "s3:GetObject",
                    "arn:aws:s3:::b/k",
                    &[("aws:CurrentTime", json!("2029-12-31T23:59:59Z"))],
                ),
                Decision::Allow,
            ),
            (
                "DateLessThan on aws:CurrentTime refuses after the date",
                vec![UNTIL_2030],
                request(
                    "s3:GetObject",
                    "arn:aws:s3:::b/k",
                    &[("aws:CurrentTime", json!("2030-01-01T00:00:01Z"))],
                ),
                Decision::ImplicitDeny,
            ),
            (
                "IpAddress on aws:SourceIp allows inside the range",
                vec![FROM_LOOPBACK],
                request("s3:GetObject", "arn:aws:s3:::b/k", &[("aws:SourceIp", json!("127.0.0.7"))]),
                Decision::Allow,
            ),
            (
                "IpAddress on aws:SourceIp refuses outside the range",
                vec![FROM_LOOPBACK],
                request("s3:GetObject", "arn:aws:s3:::b/k", &[("aws:SourceIp", json!("192.0.2.1"))]),
                Decision::ImplicitDeny,
            ),
            (
                "Bool on aws:SecureTransport refuses plain HTTP",
                vec![TLS_ONLY],
                request("s3:GetObject", "arn:aws:s3:::b/k", &[("aws:SecureTransport", json!(false))]),
                Decision::ImplicitDeny,
            ),
            (
                "Bool on aws:SecureTransport allows TLS",
                vec![TLS_ONLY],
                request("s3:GetObject", "arn:aws:s3:::b/k", &[("aws:SecureTransport", json!(true))]),
                Decision::Allow,
            ),
        ];
        for (description, documents, request, expected) in cases {
            assert_eq!(evaluate(&documents, &request), expected, "{description}");
        }
    }

    fn trust(condition: Value) -> String {
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"Federated": FEDERATED},
                "Action": ASSUME,
                "Condition": condition,
            }]
        })
        .to_string()
    }

    #[test]
    fn trust_policy_conformance_table() {
        let pool = "us-east-1:00000000-0000-4000-8000-000000000001";
        let standard = trust(json!({
            "StringEquals": {AUD: pool},
            "ForAnyValue:StringLike": {AMR: "authenticated"},
        }));
        let authenticated = ctx(&[
            (AUD, json!(pool)),
            (SUB, json!("us-east-1:abc")),
            (AMR, json!(["authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_X"])),
        ]);
        type Case = (&'static str, String, &'static str, BTreeMap<String, Value>, Decision);
        let cases: Vec<Case> = vec![
            ("the standard Cognito trust policy allows its pool", standard.clone(), ASSUME, authenticated.clone(), Decision::Allow),
            (
                "StringEquals on aud refuses another pool",
                standard.clone(),
                ASSUME,
                ctx(&[(AUD, json!("us-east-1:other")), (AMR, json!(["authenticated"]))]),
                Decision::ImplicitDeny,
            ),
            (
                "ForAnyValue:StringLike on amr refuses unauthenticated identities",
                standard.clone(),
                ASSUME,
                ctx(&[(AUD, json!(pool)), (AMR, json!(["unauthenticated"]))]),
                Decision::ImplicitDeny,
            ),
            (
                "ForAnyValue:StringLike on amr matches wildcards",
                trust(json!({"ForAnyValue:StringLike": {AMR: "cognito-idp.*"}})),
                ASSUME,
                authenticated.clone(),
                Decision::Allow,
            ),
            ("another action is refused", standard.clone(), "sts:AssumeRole", authenticated.clone(), Decision::ImplicitDeny),
            (
                "another federated provider is refused",
                json!({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":ASSUME}]}).to_string(),
                ASSUME,
                authenticated.clone(),
                Decision::ImplicitDeny,
            ),
            (
                "a federated prefix is not the provider",
                json!({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito"},"Action":ASSUME}]}).to_string(),
                ASSUME,
                authenticated.clone(),
                Decision::ImplicitDeny,
            ),
            (
                "a principal naming several kinds still trusts the provider",
                json!({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com","Federated":[FEDERATED]},"Action":[ASSUME, "sts:TagSession"]}]}).to_string(),
                ASSUME,
                authenticated.clone(),
                Decision::Allow,
            ),
            (
                "an explicit Deny on a sub wins",
                json!({"Version":"2012-10-17","Statement":[
                    {"Effect":"Allow","Principal":{"Federated":FEDERATED},"Action":ASSUME},
                    {"Effect":"Deny","Principal":{"Federated":FEDERATED},"Action":ASSUME,"Condition":{"StringEquals":{SUB:"us-east-1:abc"}}}
                ]}).to_string(),
                ASSUME,
                authenticated.clone(),
                Decision::ExplicitDeny,
            ),
            ("an unparsable trust policy denies", "nope".to_string(), ASSUME, authenticated.clone(), Decision::ImplicitDeny),
        ];
        for (description, document, action, context, expected) in cases {
            assert_eq!(evaluate_trust(&document, FEDERATED, action, &context), expected, "{description}");
        }
    }

    #[test]
    fn documents_are_validated_as_iam_does() {
        use DocumentKind::{Identity, Trust};
        let cases = [
            ("a valid identity policy", ORDERS, Identity, None),
            ("invalid JSON", "{", Identity, Some("Syntax errors in policy.")),
            (
                "a principal in an identity policy",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
                Identity,
                Some("Policy document should not specify a principal."),
            ),
            (
                "no resource in an identity policy",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#,
                Identity,
                Some("Policy statement must contain resources."),
            ),
            (
                "no action",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
                Identity,
                Some("Policy statement must contain actions."),
            ),
            (
                "an unknown condition operator",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringSortOf":{"a":"b"}}}]}"#,
                Identity,
                Some("Syntax errors in policy."),
            ),
            ("a valid trust policy", &*trust(json!({"StringEquals": {AUD: "x"}})), Trust, None),
            (
                "a trust policy for a service",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                Trust,
                None,
            ),
            (
                "a trust policy without principal",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#,
                Trust,
                Some("AssumeRolePolicy policy must specify a principal."),
            ),
            (
                "an unknown Effect",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}"#,
                Identity,
                Some("Syntax errors in policy."),
            ),
        ];
        for (description, document, kind, expected) in cases {
            let got = validate(document, kind).err().map(|e| e.to_string());
            assert_eq!(got.as_deref(), expected, "{description}");
        }
    }

    #[test]
    fn substitution_handles_defaults_and_special_characters() {
        let vars = ctx(&[("k", json!("v")), ("list", json!(["a"]))]);
        assert_eq!(substitute("a/${k}/b", &vars).as_deref(), Some("a/v/b"));
        assert_eq!(substitute("${K}", &vars).as_deref(), Some("v"), "keys are case-insensitive");
        assert_eq!(substitute("${missing, 'd'}", &vars).as_deref(), Some("d"));
        assert_eq!(substitute("${missing}", &vars), None);
        assert_eq!(substitute("${list}", &vars), None, "multivalued keys are not variables");
        assert_eq!(substitute("${$}{x}", &vars).as_deref(), Some("${x}"));
        assert_eq!(substitute("no variables", &vars).as_deref(), Some("no variables"));
    }
}
