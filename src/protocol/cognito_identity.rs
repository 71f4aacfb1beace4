//! The identity-pool API (`AWSCognitoIdentityService.<Op>`): all operations of botocore's
//! cognito-identity model, their access levels, and the domain functions behind them.

use super::operations::operations;
use crate::identity_pools::{IdentityPools, developer, identities, ops};

operations! {
    IdentityPools;
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
