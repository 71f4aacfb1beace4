//! Groups and membership: CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups,
//! AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup.

use serde::{Deserialize, Serialize};

use super::pools::load_pool;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::store::{CONFLICT_PRIMARY, GroupRow};
use crate::user_pools::users::pool_user;
use crate::user_pools::users::{attributes_with_sub, require_user};
use crate::user_pools::wire::{GroupType, UserType};
use crate::wire::{Empty, next_page, parse_page_token};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGroupRequest {
    pub group_name: String,
    pub user_pool_id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub role_arn: Option<String>,
    #[serde(default)]
    pub precedence: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupResponse {
    pub group: GroupType,
}

fn check_fields(
    description: Option<&str>,
    role_arn: Option<&str>,
    precedence: Option<i64>,
) -> Result<(), UserPoolError> {
    if let Some(d) = description
        && d.chars().count() > 2048
    {
        return Err(UserPoolError::validation(
            "Description",
            None,
            "Member must have length less than or equal to 2048",
        ));
    }
    if let Some(arn) = role_arn {
        constraints::arn("RoleArn", arn)?;
    }
    constraints::range("Precedence", precedence, 0, i64::from(i32::MAX))
}

async fn load_group(s: &UserPools, pool_id: &str, name: &str) -> Result<GroupRow, UserPoolError> {
    constraints::group_name(name)?;
    s.store.get_group(pool_id, name).await?.ok_or_else(UserPoolError::group_not_found)
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html>
pub async fn create_group(s: &UserPools, r: CreateGroupRequest) -> Result<GroupResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    constraints::group_name(&r.group_name)?;
    check_fields(r.description.as_deref(), r.role_arn.as_deref(), r.precedence)?;
    let now = s.clock.now_millis();
    let group = GroupRow {
        user_pool_id: pool.user_pool_id,
        group_name: r.group_name,
        description: r.description,
        role_arn: r.role_arn,
        precedence: r.precedence,
        created_at: now,
        updated_at: now,
    };
    s.store.insert_group(&group).await.map_err(|e| match e {
        StorageError::Conflict(CONFLICT_PRIMARY) => UserPoolError::GroupExists(group.group_name.clone()),
        e => e.into(),
    })?;
    Ok(GroupResponse { group: group.into() })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupRequest {
    pub group_name: String,
    pub user_pool_id: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetGroup.html>
pub async fn get_group(s: &UserPools, r: GroupRequest) -> Result<GroupResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    Ok(GroupResponse { group: load_group(s, &pool.user_pool_id, &r.group_name).await?.into() })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateGroup.html>
///
/// Members left out of the request keep their values.
pub async fn update_group(s: &UserPools, r: CreateGroupRequest) -> Result<GroupResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let mut group = load_group(s, &pool.user_pool_id, &r.group_name).await?;
    check_fields(r.description.as_deref(), r.role_arn.as_deref(), r.precedence)?;
    if r.description.is_some() {
        group.description = r.description;
    }
    if r.role_arn.is_some() {
        group.role_arn = r.role_arn;
    }
    if r.precedence.is_some() {
        group.precedence = r.precedence;
    }
    group.updated_at = s.clock.now_millis();
    s.store.update_group(&group).await.map_err(|e| match e {
        StorageError::NotFound => UserPoolError::group_not_found(),
        e => e.into(),
    })?;
    Ok(GroupResponse { group: group.into() })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteGroup.html>
pub async fn delete_group(s: &UserPools, r: GroupRequest) -> Result<Empty, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    constraints::group_name(&r.group_name)?;
    if !s.store.delete_group(&pool.user_pool_id, &r.group_name).await? {
        return Err(UserPoolError::group_not_found());
    }
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGroupsRequest {
    pub user_pool_id: String,
    #[serde(default)]
    pub limit: Option<i64>,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGroupsResponse {
    pub groups: Vec<GroupType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `Limit` 0–60; 0 or absent means the maximum.
fn page_limit(limit: Option<i64>) -> Result<i64, UserPoolError> {
    constraints::range("Limit", limit, 0, 60)?;
    Ok(limit.filter(|n| *n > 0).unwrap_or(60))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListGroups.html>
pub async fn list_groups(s: &UserPools, r: ListGroupsRequest) -> Result<ListGroupsResponse, UserPoolError> {
    let limit = page_limit(r.limit)?;
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let after = parse_page_token(r.next_token.as_deref())?;
    let mut rows = s.store.list_groups(&pool.user_pool_id, after.as_deref(), limit + 1).await?;
    let next_token = next_page(&mut rows, limit, |g| &g.group_name);
    Ok(ListGroupsResponse { groups: rows.into_iter().map(Into::into).collect(), next_token })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MembershipRequest {
    pub user_pool_id: String,
    pub username: String,
    pub group_name: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminAddUserToGroup.html>
pub async fn admin_add_user_to_group(s: &UserPools, r: MembershipRequest) -> Result<Empty, UserPoolError> {
    let (pool, settings) = load_pool(s, &r.user_pool_id).await?;
    constraints::username(&r.username)?;
    let group = load_group(s, &pool.user_pool_id, &r.group_name).await?;
    let user = require_user(s, &pool.user_pool_id, &settings, &r.username).await?;
    s.store
        .add_member(&pool.user_pool_id, &group.group_name, &user.username_key, s.clock.now_millis())
        .await?;
    Ok(Empty {})
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRemoveUserFromGroup.html>
pub async fn admin_remove_user_from_group(
    s: &UserPools,
    r: MembershipRequest,
) -> Result<Empty, UserPoolError> {
    let (pool, settings) = load_pool(s, &r.user_pool_id).await?;
    constraints::username(&r.username)?;
    let group = load_group(s, &pool.user_pool_id, &r.group_name).await?;
    let user = require_user(s, &pool.user_pool_id, &settings, &r.username).await?;
    s.store.remove_member(&pool.user_pool_id, &group.group_name, &user.username_key).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminListGroupsForUserRequest {
    pub username: String,
    pub user_pool_id: String,
    #[serde(default)]
    pub limit: Option<i64>,
    #[serde(default)]
    pub next_token: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListGroupsForUser.html>
pub async fn admin_list_groups_for_user(
    s: &UserPools,
    r: AdminListGroupsForUserRequest,
) -> Result<ListGroupsResponse, UserPoolError> {
    let limit = page_limit(r.limit)?;
    let (_settings, user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    let after = parse_page_token(r.next_token.as_deref())?;
    let mut rows = s
        .store
        .list_groups_for_user(&user.user_pool_id, &user.username_key, after.as_deref(), limit + 1)
        .await?;
    let next_token = next_page(&mut rows, limit, |g| &g.group_name);
    Ok(ListGroupsResponse { groups: rows.into_iter().map(Into::into).collect(), next_token })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersInGroupRequest {
    pub user_pool_id: String,
    pub group_name: String,
    #[serde(default)]
    pub limit: Option<i64>,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersInGroupResponse {
    pub users: Vec<UserType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsersInGroup.html>
pub async fn list_users_in_group(
    s: &UserPools,
    r: ListUsersInGroupRequest,
) -> Result<ListUsersInGroupResponse, UserPoolError> {
    let limit = page_limit(r.limit)?;
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let group = load_group(s, &pool.user_pool_id, &r.group_name).await?;
    let after = parse_page_token(r.next_token.as_deref())?;
    let mut rows = s
        .store
        .list_users_in_group(&pool.user_pool_id, &group.group_name, after.as_deref(), limit + 1)
        .await?;
    let next_token = next_page(&mut rows, limit, |u| &u.username_key);
    let users = rows
        .iter()
        .map(|u| Ok(UserType::new(u, attributes_with_sub(u)?)))
        .collect::<Result<Vec<_>, UserPoolError>>()?;
    Ok(ListUsersInGroupResponse { users, next_token })
}
