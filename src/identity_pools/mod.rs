//! Identity pools (the cognito-identity API, `AWSCognitoIdentityService.<Op>`): pool
//! management, roles and tags (`ops`), identities and their logins (`identities`, `logins`),
//! developer-authenticated identities (`developer`), role choice (`roles`), the OpenID
//! tokens (`openid`), and the table of operations the AWS JSON adapter dispatches to. Token
//! checks of login providers live in `federation`, credentials and STS in `credentials`.
//! Nothing here knows about HTTP.

pub mod developer;
pub mod error;
pub mod identities;
pub mod logins;
pub mod model;
pub mod openid;
pub mod ops;
pub mod roles;
pub mod store;

use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::app::AppState;
pub use crate::user_pools::Access;
pub use error::IdentityPoolError;

macro_rules! operations {
    ($($name:literal => $access:ident $f:path,)*) => {
        /// Every implemented operation with its access level.
        pub const OPERATIONS: &[(&str, Access)] = &[$(($name, Access::$access)),*];

        /// Runs `operation` on the JSON `body`.
        pub async fn dispatch(s: &AppState, operation: &str, body: &[u8]) -> Result<Value, IdentityPoolError> {
            match operation {
                $($name => run(s, body, $f).await,)*
                _ => Err(IdentityPoolError::Internal(format!("dispatch of unlisted operation {operation}"))),
            }
        }
    };
}

operations! {
    "CreateIdentityPool" => Admin ops::create_identity_pool,
    "DescribeIdentityPool" => Admin ops::describe_identity_pool,
    "UpdateIdentityPool" => Admin ops::update_identity_pool,
    "DeleteIdentityPool" => Admin ops::delete_identity_pool,
    "ListIdentityPools" => Admin ops::list_identity_pools,
    "TagResource" => Admin ops::tag_resource,
    "UntagResource" => Admin ops::untag_resource,
    "ListTagsForResource" => Admin ops::list_tags_for_resource,
    "SetIdentityPoolRoles" => Admin ops::set_identity_pool_roles,
    "GetIdentityPoolRoles" => Admin ops::get_identity_pool_roles,
    "GetId" => Public identities::get_id,
    "GetOpenIdToken" => Public identities::get_open_id_token,
    "GetCredentialsForIdentity" => Public identities::get_credentials_for_identity,
    "UnlinkIdentity" => Public identities::unlink_identity,
    "DescribeIdentity" => Admin identities::describe_identity,
    "ListIdentities" => Admin identities::list_identities,
    "DeleteIdentities" => Admin identities::delete_identities,
    "GetPrincipalTagAttributeMap" => Admin identities::get_principal_tag_attribute_map,
    "SetPrincipalTagAttributeMap" => Admin identities::set_principal_tag_attribute_map,
    "GetOpenIdTokenForDeveloperIdentity" => Admin developer::get_open_id_token_for_developer_identity,
    "LookupDeveloperIdentity" => Admin developer::lookup_developer_identity,
    "MergeDeveloperIdentities" => Admin developer::merge_developer_identities,
    "UnlinkDeveloperIdentity" => Admin developer::unlink_developer_identity,
}

/// The access level of `operation`, or `None` if it is not implemented.
pub fn access(operation: &str) -> Option<Access> {
    OPERATIONS.iter().find(|(name, _)| *name == operation).map(|(_, a)| *a)
}

/// Parses the request, runs the operation and serializes its response.
async fn run<'a, Req, Resp, Fut, F>(s: &'a AppState, body: &[u8], f: F) -> Result<Value, IdentityPoolError>
where
    Req: DeserializeOwned,
    Resp: Serialize,
    Fut: Future<Output = Result<Resp, IdentityPoolError>>,
    F: FnOnce(&'a AppState, Req) -> Fut,
{
    // The same parsing (and AWS messages for missing members) as the user-pool API.
    let request = crate::user_pools::wire::parse::<Req>(body).map_err(IdentityPoolError::from_shared)?;
    let response = f(s, request).await?;
    serde_json::to_value(response).map_err(|e| IdentityPoolError::Internal(e.to_string()))
}
