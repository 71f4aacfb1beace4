//! The response shapes several user-pool operations share (`GroupType`, `UserType`). Request
//! and response shapes of one operation live next to it; all keep the botocore names.

use serde::Serialize;

use super::model::Attribute;
use super::store::{GroupRow, UserRow};
use crate::wire::epoch_seconds;

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
