//! User pools: the directory of pools, app clients, users and groups, and the table of
//! operations that the AWS JSON adapter dispatches to. Nothing here knows about HTTP.

pub mod cache;
pub mod codes;
pub mod error;
pub mod messages;
pub mod model;
pub mod ops;
pub mod password;
pub mod store;
pub mod tokens;
pub mod users;
pub mod validate;
pub mod wire;

use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::app::AppState;
pub use error::UserPoolError;

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Needs the operator's SigV4 credentials (AWS: IAM-authorized).
    Admin,
    /// Called by end users' apps without AWS credentials.
    Public,
}

macro_rules! operations {
    ($($name:literal => $access:ident $f:path,)*) => {
        /// Every implemented operation with its access level.
        pub const OPERATIONS: &[(&str, Access)] = &[$(($name, Access::$access)),*];

        /// Runs `operation` on the JSON `body`.
        pub async fn dispatch(s: &AppState, operation: &str, body: &[u8]) -> Result<Value, UserPoolError> {
            match operation {
                $($name => run(s, body, $f).await,)*
                _ => Err(UserPoolError::Internal(format!("dispatch of unlisted operation {operation}"))),
            }
        }
    };
}

operations! {
    "CreateUserPool" => Admin ops::pools::create_user_pool,
    "DescribeUserPool" => Admin ops::pools::describe_user_pool,
    "UpdateUserPool" => Admin ops::pools::update_user_pool,
    "DeleteUserPool" => Admin ops::pools::delete_user_pool,
    "ListUserPools" => Admin ops::pools::list_user_pools,
    "AddCustomAttributes" => Admin ops::pools::add_custom_attributes,
    "CreateUserPoolClient" => Admin ops::clients::create_user_pool_client,
    "DescribeUserPoolClient" => Admin ops::clients::describe_user_pool_client,
    "UpdateUserPoolClient" => Admin ops::clients::update_user_pool_client,
    "DeleteUserPoolClient" => Admin ops::clients::delete_user_pool_client,
    "ListUserPoolClients" => Admin ops::clients::list_user_pool_clients,
    "AdminCreateUser" => Admin ops::admin_users::admin_create_user,
    "AdminGetUser" => Admin ops::admin_users::admin_get_user,
    "AdminDeleteUser" => Admin ops::admin_users::admin_delete_user,
    "AdminUpdateUserAttributes" => Admin ops::admin_users::admin_update_user_attributes,
    "AdminDeleteUserAttributes" => Admin ops::admin_users::admin_delete_user_attributes,
    "AdminSetUserPassword" => Admin ops::admin_users::admin_set_user_password,
    "AdminEnableUser" => Admin ops::admin_users::admin_enable_user,
    "AdminDisableUser" => Admin ops::admin_users::admin_disable_user,
    "ListUsers" => Admin ops::list_users::list_users,
    "CreateGroup" => Admin ops::groups::create_group,
    "GetGroup" => Admin ops::groups::get_group,
    "UpdateGroup" => Admin ops::groups::update_group,
    "DeleteGroup" => Admin ops::groups::delete_group,
    "ListGroups" => Admin ops::groups::list_groups,
    "AdminAddUserToGroup" => Admin ops::groups::admin_add_user_to_group,
    "AdminRemoveUserFromGroup" => Admin ops::groups::admin_remove_user_from_group,
    "AdminListGroupsForUser" => Admin ops::groups::admin_list_groups_for_user,
    "ListUsersInGroup" => Admin ops::groups::list_users_in_group,
    "InitiateAuth" => Public ops::auth::initiate_auth,
    "AdminInitiateAuth" => Admin ops::auth::admin_initiate_auth,
    "RespondToAuthChallenge" => Public ops::auth::respond_to_auth_challenge,
    "AdminRespondToAuthChallenge" => Admin ops::auth::admin_respond_to_auth_challenge,
    "GlobalSignOut" => Public ops::revocation::global_sign_out,
    "AdminUserGlobalSignOut" => Admin ops::revocation::admin_user_global_sign_out,
    "RevokeToken" => Public ops::revocation::revoke_token,
    "SignUp" => Public ops::sign_up::sign_up,
    "ConfirmSignUp" => Public ops::sign_up::confirm_sign_up,
    "ResendConfirmationCode" => Public ops::sign_up::resend_confirmation_code,
    "AdminConfirmSignUp" => Admin ops::sign_up::admin_confirm_sign_up,
    "ForgotPassword" => Public ops::sign_up::forgot_password,
    "ConfirmForgotPassword" => Public ops::sign_up::confirm_forgot_password,
    "AdminResetUserPassword" => Admin ops::sign_up::admin_reset_user_password,
    "GetUser" => Public ops::user::get_user,
    "ChangePassword" => Public ops::user::change_password,
    "UpdateUserAttributes" => Public ops::user::update_user_attributes,
    "GetUserAttributeVerificationCode" => Public ops::user::get_user_attribute_verification_code,
    "VerifyUserAttribute" => Public ops::user::verify_user_attribute,
    "DeleteUserAttributes" => Public ops::user::delete_user_attributes,
    "DeleteUser" => Public ops::user::delete_user,
    "AssociateSoftwareToken" => Public ops::mfa::associate_software_token,
    "VerifySoftwareToken" => Public ops::mfa::verify_software_token,
    "SetUserMFAPreference" => Public ops::mfa::set_user_mfa_preference,
    "AdminSetUserMFAPreference" => Admin ops::mfa::admin_set_user_mfa_preference,
    "SetUserPoolMfaConfig" => Admin ops::mfa::set_user_pool_mfa_config,
    "GetUserPoolMfaConfig" => Admin ops::mfa::get_user_pool_mfa_config,
}

/// The access level of `operation`, or `None` if it is not implemented.
pub fn access(operation: &str) -> Option<Access> {
    OPERATIONS.iter().find(|(name, _)| *name == operation).map(|(_, a)| *a)
}

/// Parses the request, runs the operation and serializes its response.
async fn run<'a, Req, Resp, Fut, F>(s: &'a AppState, body: &[u8], f: F) -> Result<Value, UserPoolError>
where
    Req: DeserializeOwned,
    Resp: Serialize,
    Fut: Future<Output = Result<Resp, UserPoolError>>,
    F: FnOnce(&'a AppState, Req) -> Fut,
{
    let request = wire::parse::<Req>(body)?;
    let response = f(s, request).await?;
    serde_json::to_value(response).map_err(|e| UserPoolError::Internal(e.to_string()))
}
