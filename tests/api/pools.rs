//! CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool, ListUserPools,
//! AddCustomAttributes.

use aws_sdk_cognitoidentityprovider::types::{
    AliasAttributeType, AttributeDataType, DeletionProtectionType, PasswordPolicyType, SchemaAttributeType,
    UserPoolMfaType, UserPoolPolicyType, UsernameAttributeType,
};

use crate::helpers::{TestApp, code, message};

fn custom(name: &str) -> SchemaAttributeType {
    SchemaAttributeType::builder()
        .name(name)
        .attribute_data_type(AttributeDataType::String)
        .mutable(true)
        .build()
}

#[tokio::test]
async fn a_pool_round_trips_through_create_describe_update_and_delete() {
    // Arrange
    let app = TestApp::spawn().await;
    let policy = PasswordPolicyType::builder().minimum_length(10).require_symbols(false).build();

    // Act
    let created = app
        .idp
        .create_user_pool()
        .pool_name("orders")
        .policies(UserPoolPolicyType::builder().password_policy(policy).build())
        .schema(custom("tenant"))
        .user_pool_tags("team", "payments")
        .send()
        .await
        .unwrap()
        .user_pool
        .unwrap();
    let id = created.id.clone().unwrap();
    let described = app.idp.describe_user_pool().user_pool_id(&id).send().await.unwrap().user_pool.unwrap();

    // Assert
    let (region, suffix) = id.split_once('_').unwrap();
    assert_eq!(region, "us-east-1");
    assert_eq!(suffix.len(), 9);
    assert_eq!(described.name.as_deref(), Some("orders"));
    assert_eq!(described.arn.unwrap(), format!("arn:aws:cognito-idp:us-east-1:000000000000:userpool/{id}"));
    let policy = described.policies.unwrap().password_policy.unwrap();
    assert_eq!(policy.minimum_length, Some(10));
    assert!(!policy.require_symbols);
    let schema = described.schema_attributes.unwrap();
    assert!(schema.iter().any(|a| a.name.as_deref() == Some("custom:tenant")));
    assert!(schema.iter().any(|a| a.name.as_deref() == Some("email")));
    assert_eq!(described.user_pool_tags.unwrap().get("team").map(String::as_str), Some("payments"));
    assert_eq!(described.estimated_number_of_users, 0);

    // Act: update, leaving the policy out (AWS resets it to the default).
    app.idp
        .update_user_pool()
        .user_pool_id(&id)
        .mfa_configuration(UserPoolMfaType::Optional)
        .send()
        .await
        .unwrap();
    let updated = app.idp.describe_user_pool().user_pool_id(&id).send().await.unwrap().user_pool.unwrap();
    assert_eq!(updated.mfa_configuration, Some(UserPoolMfaType::Optional));
    assert_eq!(updated.policies.unwrap().password_policy.unwrap().minimum_length, Some(8));
    assert!(updated.schema_attributes.unwrap().iter().any(|a| a.name.as_deref() == Some("custom:tenant")));

    app.idp.delete_user_pool().user_pool_id(&id).send().await.unwrap();
    let gone = app.idp.describe_user_pool().user_pool_id(&id).send().await.unwrap_err();
    assert_eq!(code(&gone), "ResourceNotFoundException");
}

#[tokio::test]
async fn describing_an_unknown_pool_is_resource_not_found_with_aws_message() {
    let app = TestApp::spawn().await;
    let err = app.idp.describe_user_pool().user_pool_id("us-east-1_doesnotex").send().await.unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
    assert_eq!(message(&err), "User pool us-east-1_doesnotex does not exist.");
}

#[tokio::test]
async fn a_malformed_pool_id_is_an_invalid_parameter() {
    let app = TestApp::spawn().await;
    let err = app.idp.describe_user_pool().user_pool_id("no-underscore").send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert!(message(&err).contains("at 'userPoolId' failed to satisfy constraint"), "{}", message(&err));
}

#[tokio::test]
async fn list_user_pools_pages_through_every_pool() {
    // Arrange
    let app = TestApp::spawn().await;
    let mut created = Vec::new();
    for _ in 0..5 {
        created.push(app.pool().await);
    }

    // Act
    let mut seen = Vec::new();
    let mut token = None;
    let mut pages = 0;
    loop {
        let page = app.idp.list_user_pools().max_results(2).set_next_token(token).send().await.unwrap();
        pages += 1;
        seen.extend(page.user_pools.unwrap_or_default().into_iter().filter_map(|p| p.id));
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }

    // Assert
    created.sort();
    seen.sort();
    assert_eq!(seen, created);
    assert_eq!(pages, 3);
}

#[tokio::test]
async fn list_user_pools_requires_max_results_in_range() {
    let app = TestApp::spawn().await;
    let err = app.idp.list_user_pools().max_results(61).send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
}

#[tokio::test]
async fn custom_attributes_can_be_added_once() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp
        .add_custom_attributes()
        .user_pool_id(&pool)
        .custom_attributes(custom("plan"))
        .send()
        .await
        .unwrap();
    let schema = app.idp.describe_user_pool().user_pool_id(&pool).send().await.unwrap().user_pool.unwrap();
    assert!(schema.schema_attributes.unwrap().iter().any(|a| a.name.as_deref() == Some("custom:plan")));

    let again = app
        .idp
        .add_custom_attributes()
        .user_pool_id(&pool)
        .custom_attributes(custom("plan"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&again), "InvalidParameterException");
    assert!(message(&again).contains("Existing attribute already has name custom:plan"));
}

#[tokio::test]
async fn deletion_protection_prevents_deleting_a_pool() {
    let app = TestApp::spawn().await;
    let id = app
        .idp
        .create_user_pool()
        .pool_name("protected")
        .deletion_protection(DeletionProtectionType::Active)
        .send()
        .await
        .unwrap()
        .user_pool
        .unwrap()
        .id
        .unwrap();
    let err = app.idp.delete_user_pool().user_pool_id(&id).send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert!(app.idp.describe_user_pool().user_pool_id(&id).send().await.is_ok());
}

#[tokio::test]
async fn username_and_alias_attributes_cannot_both_be_set() {
    let app = TestApp::spawn().await;
    let err = app
        .idp
        .create_user_pool()
        .pool_name("both")
        .username_attributes(UsernameAttributeType::Email)
        .alias_attributes(AliasAttributeType::PreferredUsername)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    let listed = app.idp.list_user_pools().max_results(60).send().await.unwrap();
    assert!(listed.user_pools.unwrap_or_default().is_empty(), "a refused create writes nothing");
}
