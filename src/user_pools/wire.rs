//! Wire helpers for the user-pool API: request parsing with AWS's validation messages,
//! opaque pagination tokens, timestamps, and the response shapes several operations share.
//! Request shapes live next to their operation; all keep the botocore names.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::UserPoolError;
use super::model::Attribute;
use super::store::{GroupRow, UserRow};

/// Parses a JSON request body. A missing required member gets AWS's validation message;
/// anything else that does not fit the shape is a `SerializationException`.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, UserPoolError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { body };
    serde_json::from_slice(body).map_err(|e| {
        let text = e.to_string();
        if let Some(field) = text.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
            return UserPoolError::validation(field, None, "Member must not be null");
        }
        let what = text.split(" at line ").next().unwrap_or(&text);
        UserPoolError::Serialization(format!("Unable to parse request body: {what}"))
    })
}

/// AWS timestamps on the wire: epoch seconds as a number.
pub fn epoch_seconds(millis: i64) -> f64 {
    millis as f64 / 1000.0
}

/// An opaque token for "continue after this key".
pub fn page_token(last_key: &str) -> String {
    URL_SAFE_NO_PAD.encode(last_key)
}

pub fn parse_page_token(token: Option<&str>) -> Result<Option<String>, UserPoolError> {
    let Some(token) = token else { return Ok(None) };
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .map(Some)
        .ok_or_else(|| UserPoolError::InvalidParameter("Invalid pagination token.".into()))
}

/// `GroupType`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupType {
    pub group_name: String,
    pub user_pool_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precedence: Option<i64>,
    pub last_modified_date: f64,
    pub creation_date: f64,
}

impl From<GroupRow> for GroupType {
    fn from(g: GroupRow) -> Self {
        Self {
            group_name: g.group_name,
            user_pool_id: g.user_pool_id,
            description: g.description,
            role_arn: g.role_arn,
            precedence: g.precedence,
            last_modified_date: epoch_seconds(g.updated_at),
            creation_date: epoch_seconds(g.created_at),
        }
    }
}

/// `UserType`, as ListUsers, AdminCreateUser and ListUsersInGroup return it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserType {
    pub username: String,
    pub attributes: Vec<Attribute>,
    pub user_create_date: f64,
    pub user_last_modified_date: f64,
    pub enabled: bool,
    pub user_status: String,
}

impl UserType {
    /// `attributes` already filtered by the caller where AttributesToGet applies.
    pub fn new(user: &UserRow, attributes: Vec<Attribute>) -> Self {
        Self {
            username: user.username.clone(),
            attributes,
            user_create_date: epoch_seconds(user.created_at),
            user_last_modified_date: epoch_seconds(user.updated_at),
            enabled: user.enabled,
            user_status: user.status.clone(),
        }
    }
}

/// An empty response body (`{}`), for operations whose output shape has no members.
#[derive(Debug, Serialize)]
pub struct Empty {}
