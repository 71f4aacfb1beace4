//! Which IAM role an identity gets (GetCredentialsForIdentity): the pool's default
//! authenticated/unauthenticated roles, or a `RoleMapping` for the login's provider —
//! `Token` (the `cognito:preferred_role` / `cognito:roles` claims a user pool puts in ID
//! tokens from group RoleArns) or `Rules` (claim matches, first match wins) — with
//! `AmbiguousRoleResolution` when nothing decides, and `CustomRoleArn` when the token allows it.

use serde_json::{Map, Value};

use super::error::IdentityPoolError;
use super::logins::Presented;
use super::model::{MappingRule, PoolRoles, RoleMapping};
use crate::federation::ProviderKind;

type Result<T, E = IdentityPoolError> = std::result::Result<T, E>;

/// AWS's answer when no role can be used.
pub fn invalid_configuration() -> IdentityPoolError {
    IdentityPoolError::InvalidIdentityPoolConfiguration(
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.".into(),
    )
}

/// The `RoleMappings` key of a login: `<provider>:<app client id>` for user pools (what
/// the console and AWS docs use), the provider name otherwise.
pub fn mapping_key(p: &Presented) -> String {
    match p {
        Presented::Provider(login) => match &login.kind {
            ProviderKind::UserPool { client_id, .. } => format!("{}:{client_id}", login.provider),
            _ => login.provider.clone(),
        },
        Presented::Token(_) => p.provider().to_string(),
    }
}

/// The role ARN for an authenticated identity signed in with `presented`.
pub fn choose_role(
    roles: &PoolRoles,
    presented: &[Presented],
    custom_role_arn: Option<&str>,
) -> Result<String> {
    let default = || roles.roles.get("authenticated").cloned().ok_or_else(invalid_configuration);
    let mapped = presented.iter().find_map(|p| {
        let mappings = roles.role_mappings.as_ref()?;
        mappings.get(&mapping_key(p)).or_else(|| mappings.get(p.provider())).map(|m| (m, p.claims()))
    });
    let Some((mapping, claims)) = mapped else {
        return match custom_role_arn {
            // AWS deviation (unsure): without a Token mapping nothing vouches for a custom role.
            Some(arn) => token_roles(&presented_claims(presented))
                .into_iter()
                .find(|r| r == arn)
                .ok_or_else(custom_not_allowed),
            None => default(),
        };
    };
    let chosen = match mapping.r#type.as_str() {
        "Token" => from_token(&claims, custom_role_arn)?,
        "Rules" => from_rules(mapping, &claims),
        _ => None,
    };
    match chosen {
        Some(arn) => Ok(arn),
        None => match mapping.ambiguous_role_resolution.as_deref() {
            Some("Deny") => Err(invalid_configuration()),
            _ => default(),
        },
    }
}

fn presented_claims(presented: &[Presented]) -> Map<String, Value> {
    presented.iter().flat_map(|p| p.claims()).collect()
}

fn custom_not_allowed() -> IdentityPoolError {
    // unsure: AWS's wording when CustomRoleArn is not among the token's roles.
    IdentityPoolError::NotAuthorized("The CustomRoleArn is not one of the roles in the token.".into())
}

/// `cognito:roles` as a list (an array claim; a string is accepted too).
fn token_roles(claims: &Map<String, Value>) -> Vec<String> {
    match claims.get("cognito:roles") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(String::from).collect(),
        Some(Value::String(s)) => {
            s.split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect()
        }
        _ => Vec::new(),
    }
}

fn from_token(claims: &Map<String, Value>, custom_role_arn: Option<&str>) -> Result<Option<String>> {
    let roles = token_roles(claims);
    if let Some(arn) = custom_role_arn {
        return roles.into_iter().find(|r| r == arn).map(Some).ok_or_else(custom_not_allowed);
    }
    if let Some(preferred) = claims.get("cognito:preferred_role").and_then(Value::as_str) {
        return Ok(Some(preferred.to_string()));
    }
    Ok(match roles.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    })
}

fn from_rules(mapping: &RoleMapping, claims: &Map<String, Value>) -> Option<String> {
    let rules = &mapping.rules_configuration.as_ref()?.rules;
    rules.iter().find(|rule| matches(rule, claims)).map(|rule| rule.role_arn.clone())
}

/// One rule against a claim. Array claims (e.g. `cognito:groups`) match if any element
/// does, except `NotEqual`, which needs every element to differ. A missing claim never
/// matches.
fn matches(rule: &MappingRule, claims: &Map<String, Value>) -> bool {
    let values: Vec<String> = match claims.get(&rule.claim) {
        None | Some(Value::Null) => return false,
        Some(Value::Array(items)) => items.iter().map(text).collect(),
        Some(other) => vec![text(other)],
    };
    let one = |v: &String| match rule.match_type.as_str() {
        "Equals" => *v == rule.value,
        "Contains" => v.contains(&rule.value),
        "StartsWith" => v.starts_with(&rule.value),
        "NotEqual" => *v != rule.value,
        _ => false,
    };
    if rule.match_type == "NotEqual" { values.iter().all(one) } else { values.iter().any(one) }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::federation::VerifiedLogin;
    use crate::identity_pools::model::RulesConfiguration;

    const AUTH: &str = "arn:aws:iam::000000000000:role/auth";
    const ADMIN: &str = "arn:aws:iam::000000000000:role/admin";
    const READER: &str = "arn:aws:iam::000000000000:role/reader";
    const PROVIDER: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01";

    fn login(claims: Value) -> Presented {
        Presented::Provider(VerifiedLogin {
            provider: PROVIDER.into(),
            subject: "sub-1".into(),
            claims: claims.as_object().cloned().unwrap_or_default(),
            kind: ProviderKind::UserPool {
                user_pool_id: "us-east-1_Example01".into(),
                client_id: "client1".into(),
            },
        })
    }

    fn roles(mapping: Option<RoleMapping>) -> PoolRoles {
        PoolRoles {
            roles: BTreeMap::from([("authenticated".into(), AUTH.into())]),
            role_mappings: mapping.map(|m| BTreeMap::from([(format!("{PROVIDER}:client1"), m)])),
        }
    }

    fn rules(rules: Vec<(&str, &str, &str, &str)>, ambiguous: &str) -> RoleMapping {
        RoleMapping {
            r#type: "Rules".into(),
            ambiguous_role_resolution: Some(ambiguous.into()),
            rules_configuration: Some(RulesConfiguration {
                rules: rules
                    .into_iter()
                    .map(|(claim, match_type, value, arn)| MappingRule {
                        claim: claim.into(),
                        match_type: match_type.into(),
                        value: value.into(),
                        role_arn: arn.into(),
                    })
                    .collect(),
            }),
        }
    }

    fn token(ambiguous: &str) -> RoleMapping {
        RoleMapping {
            r#type: "Token".into(),
            ambiguous_role_resolution: Some(ambiguous.into()),
            rules_configuration: None,
        }
    }

    #[test]
    fn without_a_mapping_the_authenticated_role_is_used() {
        assert_eq!(choose_role(&roles(None), &[login(json!({}))], None).unwrap(), AUTH);
    }

    #[test]
    fn rules_match_by_type_and_the_first_match_wins() {
        let cases = [
            ("equals", json!({"email": "a@x.com"}), ("email", "Equals", "a@x.com"), ADMIN),
            ("contains", json!({"email": "a@corp.com"}), ("email", "Contains", "@corp"), ADMIN),
            ("starts with", json!({"email": "admin-1@x"}), ("email", "StartsWith", "admin-"), ADMIN),
            ("not equal", json!({"tier": "gold"}), ("tier", "NotEqual", "free"), ADMIN),
            ("not equal fails on equal", json!({"tier": "free"}), ("tier", "NotEqual", "free"), READER),
            (
                "array claim, any element",
                json!({"cognito:groups": ["a", "admins"]}),
                ("cognito:groups", "Equals", "admins"),
                ADMIN,
            ),
            ("missing claim never matches", json!({}), ("email", "NotEqual", "x"), READER),
        ];
        for (what, claims, (claim, op, value), expected) in cases {
            let mapping = rules(vec![(claim, op, value, ADMIN), ("always", "NotEqual", "", READER)], "Deny");
            let presented = [login({
                let mut c = claims.clone();
                c["always"] = json!("yes");
                c
            })];
            assert_eq!(choose_role(&roles(Some(mapping)), &presented, None).unwrap(), expected, "{what}");
        }
    }

    #[test]
    fn no_matching_rule_follows_the_ambiguous_resolution() {
        let deny = rules(vec![("email", "Equals", "nobody", ADMIN)], "Deny");
        let err = choose_role(&roles(Some(deny)), &[login(json!({"email": "a"}))], None).unwrap_err();
        assert_eq!(err.to_string(), invalid_configuration().to_string());
        let fallback = rules(vec![("email", "Equals", "nobody", ADMIN)], "AuthenticatedRole");
        assert_eq!(choose_role(&roles(Some(fallback)), &[login(json!({"email": "a"}))], None).unwrap(), AUTH);
    }

    #[test]
    fn token_mapping_uses_preferred_role_then_a_single_role_then_custom() {
        let preferred = login(json!({"cognito:preferred_role": ADMIN, "cognito:roles": [ADMIN, READER]}));
        assert_eq!(
            choose_role(&roles(Some(token("Deny"))), std::slice::from_ref(&preferred), None).unwrap(),
            ADMIN
        );
        assert_eq!(
            choose_role(&roles(Some(token("Deny"))), std::slice::from_ref(&preferred), Some(READER)).unwrap(),
            READER
        );
        assert!(choose_role(&roles(Some(token("Deny"))), &[preferred], Some(AUTH)).is_err());
        let single = login(json!({"cognito:roles": [READER]}));
        assert_eq!(choose_role(&roles(Some(token("Deny"))), &[single], None).unwrap(), READER);
        let none = login(json!({}));
        assert!(choose_role(&roles(Some(token("Deny"))), std::slice::from_ref(&none), None).is_err());
        assert_eq!(choose_role(&roles(Some(token("AuthenticatedRole"))), &[none], None).unwrap(), AUTH);
    }
}
