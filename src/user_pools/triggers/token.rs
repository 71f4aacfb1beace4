//! PreTokenGeneration: the function adds, overrides and suppresses claims before the
//! tokens are signed. The pool's `PreTokenGenerationConfig.LambdaVersion` picks the event:
//! V1_0 customizes the ID token (`claimsOverrideDetails`); V2_0 both tokens and the access
//! token's scopes (`claimsAndScopeOverrideDetails`); V3_0 also the client_credentials grant.
//! Claims Cognito sets itself (issuer, audience, times, identifiers, `token_use`, any
//! `cognito:` claim but the group ones, …) cannot be touched: such changes are dropped, as
//! Cognito is reported to drop them. A claim both suppressed and added is suppressed.

use serde_json::{Map, Value, json};

use super::{Caller, Event, Trigger, call, unrecognizable, user_attributes};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::store::{ClientRow, UserRow};

pub const HOSTED_AUTH: &str = "TokenGeneration_HostedAuth";
pub const AUTHENTICATION: &str = "TokenGeneration_Authentication";
pub const NEW_PASSWORD_CHALLENGE: &str = "TokenGeneration_NewPasswordChallenge";
pub const AUTHENTICATE_DEVICE: &str = "TokenGeneration_AuthenticateDevice";
pub const REFRESH_TOKENS: &str = "TokenGeneration_RefreshTokens";
pub const CLIENT_CREDENTIALS: &str = "TokenGeneration_ClientCredentials";

/// Claims no function may add, override or suppress (AWS's "claims and scopes reference";
/// `scope` changes go through scopesToAdd/scopesToSuppress).
const RESERVED: &[&str] = &[
    "acr",
    "amr",
    "at_hash",
    "aud",
    "auth_time",
    "azp",
    "client_id",
    "device_key",
    "event_id",
    "exp",
    "iat",
    "identities",
    "iss",
    "jti",
    "nbf",
    "nonce",
    "origin_jti",
    "scope",
    "sub",
    "token_use",
    "username",
    "version",
];

/// The `cognito:` claims a function may change (directly or by `groupOverrideDetails`).
const GROUP_CLAIMS: &[&str] = &["cognito:groups", "cognito:roles", "cognito:preferred_role"];

/// Whether a function may add, override or suppress claim `name`.
fn changeable(name: &str) -> bool {
    !RESERVED.contains(&name) && (!name.starts_with("cognito:") || GROUP_CLAIMS.contains(&name))
}

/// The event version of the pool's PreTokenGeneration configuration: 1, 2 or 3.
pub fn version(settings: &PoolSettings) -> u8 {
    let configured = settings
        .lambda_config
        .as_ref()
        .and_then(|c| c.pointer("/PreTokenGenerationConfig/LambdaVersion"))
        .and_then(Value::as_str);
    match configured {
        Some("V3_0") => 3,
        Some("V2_0") => 2,
        _ => 1,
    }
}

/// The groups a token states, which the function may replace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupClaims {
    pub groups: Vec<String>,
    pub roles: Vec<String>,
    pub preferred_role: Option<String>,
}

/// What the function changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub id_add: Map<String, Value>,
    pub id_suppress: Vec<String>,
    pub access_add: Map<String, Value>,
    pub access_suppress: Vec<String>,
    pub scopes_add: Vec<String>,
    pub scopes_suppress: Vec<String>,
    pub groups: Option<GroupClaims>,
}

impl Overrides {
    /// Applies the changes to the claims about to be signed (the access token's scopes are
    /// its space-separated `scope` claim).
    pub fn apply(&self, id: Option<&mut Map<String, Value>>, access: &mut Map<String, Value>) {
        if let Some(groups) = &self.groups {
            set_groups(access, groups, false);
        }
        if let Some(id) = id {
            if let Some(groups) = &self.groups {
                set_groups(id, groups, true);
            }
            apply_claims(id, &self.id_add, &self.id_suppress);
        }
        apply_claims(access, &self.access_add, &self.access_suppress);
        if !self.scopes_add.is_empty() || !self.scopes_suppress.is_empty() {
            let current = access.get("scope").and_then(Value::as_str).unwrap_or("").to_string();
            let mut scopes: Vec<String> =
                current.split(' ').filter(|s| !s.is_empty()).map(String::from).collect();
            for scope in &self.scopes_add {
                if !scopes.contains(scope) {
                    scopes.push(scope.clone());
                }
            }
            scopes.retain(|s| !self.scopes_suppress.contains(s));
            access.insert("scope".into(), scopes.join(" ").into());
        }
    }
}

/// Replaces the group claims (roles only in ID tokens, as Cognito puts them).
fn set_groups(claims: &mut Map<String, Value>, groups: &GroupClaims, with_roles: bool) {
    for claim in GROUP_CLAIMS {
        claims.remove(*claim);
    }
    if !groups.groups.is_empty() {
        claims.insert("cognito:groups".into(), groups.groups.clone().into());
    }
    if with_roles {
        if !groups.roles.is_empty() {
            claims.insert("cognito:roles".into(), groups.roles.clone().into());
        }
        if let Some(role) = &groups.preferred_role {
            claims.insert("cognito:preferred_role".into(), role.clone().into());
        }
    }
}

fn apply_claims(claims: &mut Map<String, Value>, add: &Map<String, Value>, suppress: &[String]) {
    for (name, value) in add {
        if changeable(name) && !suppress.contains(name) {
            claims.insert(name.clone(), value.clone());
        }
    }
    for name in suppress.iter().filter(|n| changeable(n)) {
        claims.remove(name);
        // The roles come from the groups: without the groups they go too.
        if name == "cognito:groups" {
            claims.remove("cognito:roles");
            claims.remove("cognito:preferred_role");
        }
    }
}

/// What the function is told about the token being made.
pub struct TokenRequest<'a> {
    pub source: &'a str,
    pub client: &'a ClientRow,
    pub caller: Caller<'a>,
    pub groups: &'a GroupClaims,
    /// The scopes about to be granted (V2/V3 events carry them).
    pub scopes: &'a [String],
}

/// Runs the function for a user's tokens. `None`: no function configured.
pub async fn pre_token_generation(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    t: TokenRequest<'_>,
) -> Result<Option<Overrides>, UserPoolError> {
    let version = version(settings);
    let mut request = json!({
        "userAttributes": user_attributes(user)?,
        "groupConfiguration": {
            "groupsToOverride": t.groups.groups,
            "iamRolesToOverride": t.groups.roles,
            "preferredRole": t.groups.preferred_role,
        },
        "clientMetadata": t.caller.metadata(),
    });
    if version >= 2 {
        request["scopes"] = t.scopes.to_vec().into();
    }
    let version_text = version.to_string();
    let event = Event {
        trigger: Trigger::PreTokenGeneration,
        source: t.source,
        user_pool_id: &user.user_pool_id,
        user_name: &user.username,
        caller: t.caller,
        request,
        version: &version_text,
    };
    let Some(response) = call(s, settings, event).await? else { return Ok(None) };
    parse_response(&response, version).map(Some)
}

/// Runs a V3 function for a client_credentials token (the client is the subject; there is
/// no user). `None`: no function, or one of an earlier version, which Cognito does not call
/// for machine tokens.
pub async fn client_credentials(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    scopes: &[String],
) -> Result<Option<Overrides>, UserPoolError> {
    if version(settings) < 3 {
        return Ok(None);
    }
    let request = json!({
        "userAttributes": {},
        "groupConfiguration": { "groupsToOverride": [], "iamRolesToOverride": [], "preferredRole": null },
        "scopes": scopes,
        "clientMetadata": {},
    });
    let event = Event {
        trigger: Trigger::PreTokenGeneration,
        source: CLIENT_CREDENTIALS,
        user_pool_id: &client.user_pool_id,
        user_name: &client.client_id,
        caller: Caller { client_id: Some(&client.client_id), metadata: None },
        request,
        version: "3",
    };
    let Some(response) = call(s, settings, event).await? else { return Ok(None) };
    let mut overrides = parse_response(&response, 3)?;
    // A machine token has no ID token and no groups.
    overrides.id_add.clear();
    overrides.id_suppress.clear();
    overrides.groups = None;
    Ok(Some(overrides))
}

/// Reads `claimsOverrideDetails` (V1) or `claimsAndScopeOverrideDetails` (V2, V3).
pub fn parse_response(response: &Value, version: u8) -> Result<Overrides, UserPoolError> {
    let mut o = Overrides::default();
    if version == 1 {
        let Some(details) = object(response, "claimsOverrideDetails")? else { return Ok(o) };
        o.id_add = claims_to_add(details, 1)?;
        o.id_suppress = names(details, "claimsToSuppress")?;
        o.groups = group_override(details)?;
        return Ok(o);
    }
    let Some(details) = object(response, "claimsAndScopeOverrideDetails")? else { return Ok(o) };
    if let Some(id) = object(details, "idTokenGeneration")? {
        o.id_add = claims_to_add(id, version)?;
        o.id_suppress = names(id, "claimsToSuppress")?;
    }
    if let Some(access) = object(details, "accessTokenGeneration")? {
        o.access_add = claims_to_add(access, version)?;
        o.access_suppress = names(access, "claimsToSuppress")?;
        o.scopes_add = scopes(access, "scopesToAdd")?;
        o.scopes_suppress = scopes(access, "scopesToSuppress")?;
    }
    o.groups = group_override(details)?;
    Ok(o)
}

fn object<'a>(value: &'a Value, name: &str) -> Result<Option<&'a Value>, UserPoolError> {
    match value.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v @ Value::Object(_)) => Ok(Some(v)),
        Some(_) => Err(unrecognizable()),
    }
}

/// A list of claim or scope names.
fn names(details: &Value, member: &str) -> Result<Vec<String>, UserPoolError> {
    let list = match details.get(member) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(unrecognizable()),
    };
    list.iter().map(|v| v.as_str().map(String::from).ok_or_else(unrecognizable)).collect()
}

/// A list of scopes: each one scope, so no whitespace (the `scope` claim separates by space).
fn scopes(details: &Value, member: &str) -> Result<Vec<String>, UserPoolError> {
    let list = names(details, member)?;
    if list.iter().any(|s| s.is_empty() || s.chars().any(char::is_whitespace)) {
        return Err(unrecognizable());
    }
    Ok(list)
}

/// `claimsToAddOrOverride`: strings in V1; in V2/V3 also numbers, booleans, arrays and
/// objects, as Cognito allows.
fn claims_to_add(details: &Value, version: u8) -> Result<Map<String, Value>, UserPoolError> {
    let map = match details.get("claimsToAddOrOverride") {
        None | Some(Value::Null) => return Ok(Map::new()),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(unrecognizable()),
    };
    let mut out = Map::new();
    for (name, value) in map {
        let value = match value {
            Value::String(_) => value.clone(),
            Value::Null => continue,
            _ if version >= 2 => value.clone(),
            // V1 claims are strings: numbers and booleans as their text, nothing else.
            Value::Number(_) | Value::Bool(_) => Value::String(value.to_string()),
            _ => return Err(unrecognizable()),
        };
        out.insert(name.clone(), value);
    }
    Ok(out)
}

fn group_override(details: &Value) -> Result<Option<GroupClaims>, UserPoolError> {
    let Some(groups) = object(details, "groupOverrideDetails")? else { return Ok(None) };
    let list = |member: &str| -> Result<Option<Vec<String>>, UserPoolError> {
        match groups.get(member) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(list)) => list
                .iter()
                .map(|v| v.as_str().map(String::from).ok_or_else(unrecognizable))
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(unrecognizable()),
        }
    };
    let preferred_role = match groups.get("preferredRole") {
        None | Some(Value::Null) => None,
        Some(Value::String(role)) => Some(role.clone()),
        Some(_) => return Err(unrecognizable()),
    };
    Ok(Some(GroupClaims {
        groups: list("groupsToOverride")?.unwrap_or_default(),
        roles: list("iamRolesToOverride")?.unwrap_or_default(),
        preferred_role,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_overrides_change_both_tokens_and_the_scopes() {
        let response = json!({"claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"tier": "gold", "n": 3}, "claimsToSuppress": ["email"]},
            "accessTokenGeneration": {
                "claimsToAddOrOverride": {"tenant": {"id": 7}},
                "scopesToAdd": ["orders/read"],
                "scopesToSuppress": ["aws.cognito.signin.user.admin"],
            },
            "groupOverrideDetails": {"groupsToOverride": ["admins"]},
        }});
        let o = parse_response(&response, 2).unwrap();
        let mut id =
            json!({"email": "a@x.io", "sub": "s", "cognito:groups": ["old"]}).as_object().unwrap().clone();
        let mut access = json!({"scope": "aws.cognito.signin.user.admin", "cognito:groups": ["old"]})
            .as_object()
            .unwrap()
            .clone();
        o.apply(Some(&mut id), &mut access);
        assert_eq!(id.get("tier"), Some(&json!("gold")));
        assert_eq!(id.get("n"), Some(&json!(3)), "V2 keeps the JSON type");
        assert!(!id.contains_key("email"));
        assert_eq!(id.get("cognito:groups"), Some(&json!(["admins"])));
        assert_eq!(access.get("tenant"), Some(&json!({"id": 7})));
        assert_eq!(access.get("scope"), Some(&json!("orders/read")));
        assert_eq!(access.get("cognito:groups"), Some(&json!(["admins"])));
    }

    #[test]
    fn reserved_claims_are_left_alone_and_suppression_wins() {
        let response = json!({"claimsOverrideDetails": {
            "claimsToAddOrOverride": {"sub": "x", "cognito:username": "y", "tier": "gold", "gone": "z"},
            "claimsToSuppress": ["exp", "gone", "cognito:groups"],
        }});
        let o = parse_response(&response, 1).unwrap();
        let mut id = json!({"sub": "s", "cognito:username": "u", "exp": 1, "cognito:groups": ["g"],
            "cognito:roles": ["arn:aws:iam::1:role/r"], "cognito:preferred_role": "arn:aws:iam::1:role/r"})
        .as_object()
        .unwrap()
        .clone();
        let mut access = Map::new();
        o.apply(Some(&mut id), &mut access);
        assert_eq!(
            Value::Object(id),
            json!({"sub": "s", "cognito:username": "u", "exp": 1, "tier": "gold"}),
            "reserved claims unchanged, a suppressed claim is not added, groups (and their roles) may be suppressed"
        );
    }

    #[test]
    fn wrong_shapes_are_refused() {
        for response in [
            json!({"claimsOverrideDetails": {"claimsToAddOrOverride": ["tier"]}}),
            json!({"claimsOverrideDetails": {"claimsToAddOrOverride": {"list": ["a"]}}}),
            json!({"claimsOverrideDetails": {"claimsToSuppress": "email"}}),
            json!({"claimsOverrideDetails": "yes"}),
        ] {
            let err = parse_response(&response, 1).unwrap_err();
            assert!(matches!(err, UserPoolError::InvalidLambdaResponse(_)), "{response}: {err:?}");
        }
        for scopes in [json!(["a b"]), json!([""]), json!(["orders/read\n"])] {
            let response =
                json!({"claimsAndScopeOverrideDetails": {"accessTokenGeneration": {"scopesToAdd": scopes}}});
            let err = parse_response(&response, 2).unwrap_err();
            assert!(matches!(err, UserPoolError::InvalidLambdaResponse(_)), "{response}: {err:?}");
        }
        let v1 = parse_response(&json!({"claimsOverrideDetails": {"claimsToAddOrOverride": {"n": 3}}}), 1)
            .unwrap();
        assert_eq!(v1.id_add.get("n"), Some(&json!("3")), "V1 claims are strings");
    }
}
