//! Lambda triggers: the events Cognito sends a pool's functions and what their answers do.
//! The pool's LambdaConfig names a function per trigger (`LambdaConfig`); `call` builds
//! the event every trigger shares (version, region, userPoolId, userName, callerContext,
//! triggerSource, request, response), runs it through `crate::lambda` and maps a failure to
//! Cognito's error. One file per trigger family says what the answer changes:
//! `sign_up` (PreSignUp, PostConfirmation), `authentication` (Pre/PostAuthentication),
//! `message` (CustomMessage, the custom senders), `token` (PreTokenGeneration V1–V3),
//! `migration` (UserMigration), `challenge` (Define/Create/VerifyAuthChallenge).

pub mod authentication;
pub mod challenge;
pub mod message;
pub mod migration;
pub mod sign_up;
pub mod token;

use serde_json::{Map, Value, json};

use crate::lambda::InvokeError;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings, parse_attributes};
use crate::user_pools::store::{ClientRow, UserRow};

/// The triggers, by their LambdaConfig member name (which is also how Cognito names them in
/// error messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    PreSignUp,
    CustomMessage,
    PostConfirmation,
    PreAuthentication,
    PostAuthentication,
    DefineAuthChallenge,
    CreateAuthChallenge,
    VerifyAuthChallengeResponse,
    PreTokenGeneration,
    UserMigration,
    CustomSmsSender,
    CustomEmailSender,
}

impl Trigger {
    pub fn name(self) -> &'static str {
        match self {
            Self::PreSignUp => "PreSignUp",
            Self::CustomMessage => "CustomMessage",
            Self::PostConfirmation => "PostConfirmation",
            Self::PreAuthentication => "PreAuthentication",
            Self::PostAuthentication => "PostAuthentication",
            Self::DefineAuthChallenge => "DefineAuthChallenge",
            Self::CreateAuthChallenge => "CreateAuthChallenge",
            Self::VerifyAuthChallengeResponse => "VerifyAuthChallengeResponse",
            Self::PreTokenGeneration => "PreTokenGeneration",
            Self::UserMigration => "UserMigration",
            Self::CustomSmsSender => "CustomSMSSender",
            Self::CustomEmailSender => "CustomEmailSender",
        }
    }
}

/// The function configured for `trigger`, if any. PreTokenGeneration may be named by
/// `PreTokenGenerationConfig.LambdaArn` (which then wins) or the older `PreTokenGeneration`;
/// the custom senders by `{LambdaArn}` objects.
pub fn function(settings: &PoolSettings, trigger: Trigger) -> Option<String> {
    let config = settings.lambda_config.as_ref()?;
    let arn = |v: Option<&Value>| v.and_then(Value::as_str).filter(|a| !a.is_empty()).map(str::to_string);
    match trigger {
        Trigger::PreTokenGeneration => arn(config.pointer("/PreTokenGenerationConfig/LambdaArn"))
            .or_else(|| arn(config.get("PreTokenGeneration"))),
        Trigger::CustomSmsSender => arn(config.pointer("/CustomSMSSender/LambdaArn")),
        Trigger::CustomEmailSender => arn(config.pointer("/CustomEmailSender/LambdaArn")),
        other => arn(config.get(other.name())),
    }
}

/// The botocore model's ArnType pattern.
const ARN_PATTERN: &str =
    r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?";

fn check_arn(member: &str, arn: &Value) -> Result<(), UserPoolError> {
    static ARN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let pattern = ARN.get_or_init(|| regex::Regex::new(&format!("^{ARN_PATTERN}$")).expect("valid pattern"));
    let field = format!("lambdaConfig.{}{}", member[..1].to_lowercase(), &member[1..]);
    let Some(text) = arn.as_str() else {
        return Err(UserPoolError::Serialization(format!("Unexpected value for {member}")));
    };
    crate::validation::length(&field, text, None, 20, 2048)?;
    if !pattern.is_match(text) {
        return Err(UserPoolError::validation(
            &field,
            Some(text),
            &format!("Member must satisfy regular expression pattern: {ARN_PATTERN}"),
        ));
    }
    Ok(())
}

/// Checks a LambdaConfig as CreateUserPool / UpdateUserPool receive it: ARNs by the model's
/// pattern, versions from the model's enums, and PreTokenGeneration equal to
/// PreTokenGenerationConfig.LambdaArn when both are given.
pub fn check_lambda_config(config: Option<&Value>) -> Result<(), UserPoolError> {
    let Some(config) = config else { return Ok(()) };
    let Some(members) = config.as_object() else {
        return Err(UserPoolError::Serialization("Unexpected value for LambdaConfig".into()));
    };
    for (member, value) in members {
        match member.as_str() {
            "PreSignUp"
            | "CustomMessage"
            | "PostConfirmation"
            | "PreAuthentication"
            | "PostAuthentication"
            | "DefineAuthChallenge"
            | "CreateAuthChallenge"
            | "VerifyAuthChallengeResponse"
            | "PreTokenGeneration"
            | "UserMigration"
            | "KMSKeyID" => check_arn(member, value)?,
            "PreTokenGenerationConfig" | "CustomSMSSender" | "CustomEmailSender" | "InboundFederation" => {
                let versions: &[&str] =
                    if member == "PreTokenGenerationConfig" { &["V1_0", "V2_0", "V3_0"] } else { &["V1_0"] };
                let version = value.get("LambdaVersion").and_then(Value::as_str);
                let field =
                    format!("lambdaConfig.{}{}.lambdaVersion", member[..1].to_lowercase(), &member[1..]);
                match version {
                    Some(v) if versions.contains(&v) => {}
                    other => {
                        return Err(UserPoolError::validation(
                            &field,
                            other,
                            &format!("Member must satisfy enum value set: [{}]", versions.join(", ")),
                        ));
                    }
                }
                check_arn(&format!("{member}.LambdaArn"), value.get("LambdaArn").unwrap_or(&Value::Null))?;
            }
            _ => {}
        }
    }
    let legacy = members.get("PreTokenGeneration").and_then(Value::as_str);
    let configured = config.pointer("/PreTokenGenerationConfig/LambdaArn").and_then(Value::as_str);
    if let (Some(legacy), Some(configured)) = (legacy, configured)
        && legacy != configured
    {
        return Err(UserPoolError::InvalidParameter(
            "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function.".into(),
        ));
    }
    Ok(())
}

/// Who set the call off: the app client (callerContext.clientId) and the ClientMetadata of
/// the request, which goes to the function unchanged.
#[derive(Debug, Clone, Copy, Default)]
pub struct Caller<'a> {
    pub client_id: Option<&'a str>,
    pub metadata: Option<&'a Value>,
}

impl<'a> Caller<'a> {
    pub fn new(client: &'a ClientRow, metadata: Option<&'a Value>) -> Self {
        Self { client_id: Some(&client.client_id), metadata }
    }

    /// An operator call without an app client (AdminCreateUser, AdminConfirmSignUp).
    pub fn admin(metadata: Option<&'a Value>) -> Self {
        Self { client_id: None, metadata }
    }

    /// `clientMetadata` as the event carries it: the request's map, or `{}`.
    pub fn metadata(&self) -> Value {
        self.metadata.filter(|m| m.is_object()).cloned().unwrap_or_else(|| Value::Object(Map::new()))
    }
}

/// One trigger call: which trigger, with which source, for whom.
pub struct Event<'a> {
    pub trigger: Trigger,
    /// The `triggerSource`, e.g. `PreSignUp_SignUp`.
    pub source: &'a str,
    pub user_pool_id: &'a str,
    pub user_name: &'a str,
    pub caller: Caller<'a>,
    pub request: Value,
    /// The event's `version` ("1", or the PreTokenGeneration version).
    pub version: &'a str,
}

impl<'a> Event<'a> {
    /// The event of `trigger` about an existing user, at event version "1".
    pub fn of(
        user: &'a UserRow,
        trigger: Trigger,
        source: &'a str,
        caller: Caller<'a>,
        request: Value,
    ) -> Self {
        Self {
            trigger,
            source,
            user_pool_id: &user.user_pool_id,
            user_name: &user.username,
            caller,
            request,
            version: "1",
        }
    }
}

/// Runs `event` through the function configured for its trigger and returns the function's
/// `response`, or `None` when the pool has no function for it.
pub async fn call(
    s: &UserPools,
    settings: &PoolSettings,
    event: Event<'_>,
) -> Result<Option<Value>, UserPoolError> {
    let Some(arn) = function(settings, event.trigger) else { return Ok(None) };
    let trigger = event.trigger.name();
    let body = event_body(s, &event);
    let answer = s.triggers.invoke(&arn, &body).await.map_err(|e| lambda_error(trigger, e))?;
    match answer.get("response") {
        Some(Value::Object(response)) => Ok(Some(Value::Object(response.clone()))),
        Some(Value::Null) | None if answer.is_object() => Ok(Some(Value::Object(Map::new()))),
        _ => Err(unrecognizable()),
    }
}

/// The JSON of `event` as every trigger receives it.
pub fn event_body(s: &UserPools, event: &Event<'_>) -> Value {
    json!({
        "version": event.version,
        "region": s.region(),
        "userPoolId": event.user_pool_id,
        "userName": event.user_name,
        "callerContext": {
            "awsSdkVersion": "aws-sdk-unknown-unknown",
            "clientId": event.caller.client_id.unwrap_or("CLIENT_ID_NOT_APPLICABLE"),
        },
        "triggerSource": event.source,
        "request": event.request.clone(),
        "response": default_response(event.trigger, event.version),
    })
}

/// The `response` Cognito sends a function before it fills anything in: the trigger's members
/// with their defaults, so a function that reads one before setting it sees what it would see
/// on AWS.
fn default_response(trigger: Trigger, version: &str) -> Value {
    match trigger {
        Trigger::PreSignUp => {
            json!({"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false})
        }
        Trigger::CustomMessage => json!({"smsMessage": null, "emailMessage": null, "emailSubject": null}),
        Trigger::DefineAuthChallenge => {
            json!({"challengeName": null, "issueTokens": null, "failAuthentication": null})
        }
        Trigger::CreateAuthChallenge => json!({
            "publicChallengeParameters": null,
            "privateChallengeParameters": null,
            "challengeMetadata": null,
        }),
        Trigger::VerifyAuthChallengeResponse => json!({"answerCorrect": null}),
        Trigger::PreTokenGeneration if version == "1" => json!({"claimsOverrideDetails": null}),
        Trigger::PreTokenGeneration => json!({"claimsAndScopeOverrideDetails": null}),
        Trigger::UserMigration => json!({
            "userAttributes": null,
            "forceAliasCreation": null,
            "enableSMSMFA": null,
            "finalUserStatus": null,
            "messageAction": null,
            "desiredDeliveryMediums": null,
        }),
        _ => json!({}),
    }
}

/// A function failure as Cognito reports it to the caller.
pub fn lambda_error(trigger: &str, e: InvokeError) -> UserPoolError {
    match e {
        InvokeError::Function(message) => {
            UserPoolError::UserLambdaValidation(format!("{trigger} failed with error {message}."))
        }
        InvokeError::Timeout => UserPoolError::UnexpectedLambda(format!(
            "{trigger} invocation failed due to error Socket timeout while invoking Lambda function."
        )),
        InvokeError::NotJson => {
            UserPoolError::InvalidLambdaResponse("Invalid lambda function output : Invalid JSON".into())
        }
        InvokeError::Failed(cause) => {
            UserPoolError::UnexpectedLambda(format!("{trigger} invocation failed due to error {cause}."))
        }
    }
}

/// An answer whose `response` does not have the trigger's shape.
pub fn unrecognizable() -> UserPoolError {
    UserPoolError::InvalidLambdaResponse("Unrecognizable lambda output".into())
}

/// `request.userAttributes` of a user who exists: `sub`, every attribute, and
/// `cognito:user_status`, all as strings.
pub fn user_attributes(user: &UserRow) -> Result<Value, UserPoolError> {
    let mut map = Map::new();
    map.insert("sub".into(), user.sub.clone().into());
    for a in parse_attributes(&user.attributes)? {
        map.insert(a.name, a.value.unwrap_or_default().into());
    }
    map.insert("cognito:user_status".into(), user.status.clone().into());
    Ok(Value::Object(map))
}

/// A list of attributes (SignUp's UserAttributes, ValidationData) as the event's map.
pub fn attribute_map(attributes: &[Attribute]) -> Value {
    Value::Object(
        attributes.iter().map(|a| (a.name.clone(), a.value.clone().unwrap_or_default().into())).collect(),
    )
}

/// A boolean member of a response: absent or null is false; anything but a boolean is a
/// wrong shape.
pub fn flag(response: &Value, name: &str) -> Result<bool, UserPoolError> {
    match response.get(name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(unrecognizable()),
    }
}

/// A string member of a response, if present.
pub fn text(response: &Value, name: &str) -> Result<Option<String>, UserPoolError> {
    match response.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(unrecognizable()),
    }
}

/// A map of strings in a response (e.g. `publicChallengeParameters`); numbers and booleans
/// are taken as their text, anything else is a wrong shape.
pub fn string_map(response: &Value, name: &str) -> Result<Map<String, Value>, UserPoolError> {
    match response.get(name) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| match v {
                Value::String(_) => Ok((k.clone(), v.clone())),
                Value::Number(_) | Value::Bool(_) => Ok((k.clone(), Value::String(v.to_string()))),
                _ => Err(unrecognizable()),
            })
            .collect(),
        Some(_) => Err(unrecognizable()),
    }
}
