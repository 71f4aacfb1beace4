//! Identity-pool management on the cognito-identity API: pools, tags, roles.

use std::collections::HashMap;

use aws_sdk_cognitoidentity::types::{
    AmbiguousRoleResolutionType, CognitoIdentityProvider, MappingRule, MappingRuleMatchType, RoleMapping,
    RoleMappingType, RulesConfigurationType,
};

use crate::helpers::{ADMIN_SECRET, Options, TestApp, code, identity_client, message};
use incognito::config::AdminMode;

const AUTH_ROLE: &str = "arn:aws:iam::123456789012:role/authenticated";
const UNAUTH_ROLE: &str = "arn:aws:iam::123456789012:role/unauthenticated";

fn arn(id: &str) -> String {
    format!("arn:aws:cognito-identity:us-east-1:000000000000:identitypool/{id}")
}

async fn create(app: &TestApp, name: &str) -> String {
    app.identity
        .create_identity_pool()
        .identity_pool_name(name)
        .allow_unauthenticated_identities(false)
        .send()
        .await
        .expect("create identity pool")
        .identity_pool_id
}

#[tokio::test]
async fn identity_pools_round_trip_in_aws_shape() {
    // Arrange
    let app = TestApp::spawn().await;
    let user_pool = app.pool().await;
    let provider = format!("cognito-idp.us-east-1.amazonaws.com/{user_pool}");

    // Act
    let created = app
        .identity
        .create_identity_pool()
        .identity_pool_name("my pool")
        .allow_unauthenticated_identities(true)
        .allow_classic_flow(false)
        .supported_login_providers("accounts.google.com", "123.apps.googleusercontent.com")
        .developer_provider_name("login.example")
        .open_id_connect_provider_arns("arn:aws:iam::123456789012:oidc-provider/issuer.example")
        .cognito_identity_providers(
            CognitoIdentityProvider::builder()
                .provider_name(&provider)
                .client_id("abcdefghijklmnopqrstuvwxyz")
                .server_side_token_check(true)
                .build(),
        )
        .identity_pool_tags("team", "platform")
        .send()
        .await
        .unwrap();

    // Assert
    let id = created.identity_pool_id.clone();
    let (region, uuid) = id.split_once(':').expect("region:uuid");
    assert_eq!(region, "us-east-1");
    assert_eq!(uuid::Uuid::parse_str(uuid).unwrap().get_version_num(), 4);
    let described = app.identity.describe_identity_pool().identity_pool_id(&id).send().await.unwrap();
    assert_eq!(described.identity_pool_name, "my pool");
    assert!(described.allow_unauthenticated_identities);
    assert_eq!(described.allow_classic_flow, Some(false));
    assert_eq!(
        described.supported_login_providers.as_ref().unwrap()["accounts.google.com"],
        "123.apps.googleusercontent.com"
    );
    assert_eq!(described.developer_provider_name.as_deref(), Some("login.example"));
    assert_eq!(described.open_id_connect_provider_arns().len(), 1);
    let cognito = &described.cognito_identity_providers()[0];
    assert_eq!(cognito.provider_name.as_deref(), Some(provider.as_str()));
    assert_eq!(cognito.server_side_token_check, Some(true));
    assert_eq!(described.identity_pool_tags.unwrap()["team"], "platform");

    // Act: an update replaces the configuration; tags left out are kept.
    let updated = app
        .identity
        .update_identity_pool()
        .identity_pool_id(&id)
        .identity_pool_name("renamed")
        .allow_unauthenticated_identities(false)
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(updated.identity_pool_name, "renamed");
    let described = app.identity.describe_identity_pool().identity_pool_id(&id).send().await.unwrap();
    assert_eq!(described.identity_pool_name, "renamed");
    assert!(!described.allow_unauthenticated_identities);
    assert!(described.supported_login_providers.is_none());
    assert!(described.cognito_identity_providers().is_empty());
    assert_eq!(described.identity_pool_tags.unwrap()["team"], "platform");

    // Act: delete.
    app.identity.delete_identity_pool().identity_pool_id(&id).send().await.unwrap();

    // Assert
    let err = app.identity.describe_identity_pool().identity_pool_id(&id).send().await.unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
    assert_eq!(message(&err), format!("IdentityPool '{id}' not found."));
    let err = app.identity.delete_identity_pool().identity_pool_id(&id).send().await.unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
}

#[tokio::test]
async fn list_identity_pools_pages_through_every_pool() {
    // Arrange: names may repeat, as in AWS.
    let app = TestApp::spawn().await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(create(&app, "same name").await);
    }
    ids.sort();

    // Act
    let mut seen = Vec::new();
    let mut token = None;
    let mut pages = 0;
    loop {
        let page =
            app.identity.list_identity_pools().max_results(2).set_next_token(token).send().await.unwrap();
        pages += 1;
        assert!(page.identity_pools().len() <= 2);
        seen.extend(page.identity_pools().iter().filter_map(|p| p.identity_pool_id.clone()));
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }

    // Assert
    assert_eq!(seen, ids);
    assert_eq!(pages, 3);
    let all = app.identity.list_identity_pools().max_results(60).send().await.unwrap();
    assert!(all.next_token.is_none());
    assert_eq!(all.identity_pools()[0].identity_pool_name.as_deref(), Some("same name"));
}

#[tokio::test]
async fn tags_are_added_listed_and_removed_by_arn() {
    // Arrange
    let app = TestApp::spawn().await;
    let id = create(&app, "tagged").await;

    // Act
    app.identity.tag_resource().resource_arn(arn(&id)).tags("a", "1").tags("b", "2").send().await.unwrap();
    app.identity.tag_resource().resource_arn(arn(&id)).tags("b", "3").send().await.unwrap();
    let tags = app.identity.list_tags_for_resource().resource_arn(arn(&id)).send().await.unwrap();

    // Assert
    assert_eq!(tags.tags.unwrap(), HashMap::from([("a".into(), "1".into()), ("b".into(), "3".into())]));
    let described = app.identity.describe_identity_pool().identity_pool_id(&id).send().await.unwrap();
    assert_eq!(described.identity_pool_tags.unwrap().len(), 2, "tags show in DescribeIdentityPool");

    // Act
    app.identity.untag_resource().resource_arn(arn(&id)).tag_keys("a").tag_keys("zzz").send().await.unwrap();

    // Assert
    let tags = app.identity.list_tags_for_resource().resource_arn(arn(&id)).send().await.unwrap();
    assert_eq!(tags.tags.unwrap(), HashMap::from([("b".into(), "3".into())]));

    let cases = [
        ("unknown pool", arn("us-east-1:00000000-0000-4000-8000-000000000000")),
        ("other account", arn(&id).replace("000000000000", "123456789012")),
        ("not an identity pool", "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_x".into()),
    ];
    for (description, resource) in cases {
        let err = app.identity.list_tags_for_resource().resource_arn(resource).send().await.unwrap_err();
        assert_eq!(code(&err), "ResourceNotFoundException", "{description}");
    }
    let err = app
        .identity
        .tag_resource()
        .resource_arn(arn(&id))
        .tags("k".repeat(129), "v")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
}

#[tokio::test]
async fn identity_pool_roles_are_stored_as_given() {
    // Arrange
    let app = TestApp::spawn().await;
    let id = create(&app, "roles").await;
    let provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01:abcdefghijklmnopqrstuvwxyz";
    let rules = RoleMapping::builder()
        .r#type(RoleMappingType::Rules)
        .ambiguous_role_resolution(AmbiguousRoleResolutionType::AuthenticatedRole)
        .rules_configuration(
            RulesConfigurationType::builder()
                .rules(
                    MappingRule::builder()
                        .claim("cognito:groups")
                        .match_type(MappingRuleMatchType::Contains)
                        .value("admins")
                        .role_arn("arn:aws:iam::123456789012:role/admins")
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();

    // Act
    let before = app.identity.get_identity_pool_roles().identity_pool_id(&id).send().await.unwrap();
    app.identity
        .set_identity_pool_roles()
        .identity_pool_id(&id)
        .roles("authenticated", AUTH_ROLE)
        .roles("unauthenticated", UNAUTH_ROLE)
        .role_mappings(provider, rules.clone())
        .send()
        .await
        .unwrap();
    let after = app.identity.get_identity_pool_roles().identity_pool_id(&id).send().await.unwrap();

    // Assert
    assert!(before.roles.unwrap_or_default().is_empty());
    assert_eq!(after.identity_pool_id.as_deref(), Some(id.as_str()));
    let roles = after.roles.unwrap();
    assert_eq!(roles["authenticated"], AUTH_ROLE);
    assert_eq!(roles["unauthenticated"], UNAUTH_ROLE);
    assert_eq!(after.role_mappings.unwrap()[provider], rules);

    // Act + Assert: roles are replaced, not merged.
    app.identity
        .set_identity_pool_roles()
        .identity_pool_id(&id)
        .roles("authenticated", AUTH_ROLE)
        .send()
        .await
        .unwrap();
    let after = app.identity.get_identity_pool_roles().identity_pool_id(&id).send().await.unwrap();
    assert_eq!(after.roles.unwrap().len(), 1);
    assert!(after.role_mappings.unwrap_or_default().is_empty());

    let cases = [
        ("unknown role key", "guests", AUTH_ROLE),
        ("not a role arn", "authenticated", "arn:aws:s3:::some-bucket-name-here"),
        ("too short", "authenticated", "arn:aws:iam::1:r"),
    ];
    for (description, key, value) in cases {
        let err = app
            .identity
            .set_identity_pool_roles()
            .identity_pool_id(&id)
            .roles(key, value)
            .send()
            .await
            .unwrap_err();
        assert_eq!(code(&err), "InvalidParameterException", "{description}");
    }
    let err = app
        .identity
        .get_identity_pool_roles()
        .identity_pool_id("us-east-1:00000000-0000-4000-8000-000000000000")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
}

#[tokio::test]
async fn identity_pool_input_errors_follow_aws() {
    let app = TestApp::spawn().await;

    let err = app
        .identity
        .create_identity_pool()
        .identity_pool_name("no/slash")
        .allow_unauthenticated_identities(false)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert_eq!(
        message(&err),
        "1 validation error detected: Value 'no/slash' at 'identityPoolName' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"
    );

    let err = app.identity.describe_identity_pool().identity_pool_id("not-an-id").send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert_eq!(
        message(&err),
        "1 validation error detected: Value 'not-an-id' at 'identityPoolId' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"
    );

    let err = app.identity.list_identity_pools().max_results(61).send().await.unwrap_err();
    assert_eq!(
        message(&err),
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: \
         Member must have value less than or equal to 60"
    );

    let err = app
        .identity
        .create_identity_pool()
        .identity_pool_name("p")
        .allow_unauthenticated_identities(false)
        .developer_provider_name("has space")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");

    let cases = [
        (
            "missing AllowUnauthenticatedIdentities",
            "CreateIdentityPool",
            r#"{"IdentityPoolName": "p"}"#,
            "1 validation error detected: Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
        ),
        (
            "missing MaxResults",
            "ListIdentityPools",
            "{}",
            "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
        ),
    ];
    for (description, operation, body, expected) in cases {
        let (status, json) = app.raw_identity(operation, body).await;
        assert_eq!(status, 400, "{description}");
        assert_eq!(json["__type"], "InvalidParameterException", "{description}");
        assert_eq!(json["message"], expected, "{description}");
    }
    let (status, json) = app.raw_identity("GetId", r#"{"IdentityPoolId": "us-east-1:0"}"#).await;
    assert_eq!(status, 400);
    assert_eq!(json["__type"], "ResourceNotFoundException", "a well-formed id of no pool");
}

#[tokio::test]
async fn identity_pool_management_needs_the_operator() {
    // Arrange
    let app = TestApp::spawn_with(Options { admin_mode: AdminMode::Sigv4, ..Default::default() }).await;

    // Act + Assert
    app.identity.list_identity_pools().max_results(1).send().await.unwrap();
    let stranger = identity_client(&app.url, "AKIASTRANGER00000000", ADMIN_SECRET);
    let err = stranger.list_identity_pools().max_results(1).send().await.unwrap_err();
    assert_eq!(code(&err), "UnrecognizedClientException");
    let (status, json) = app.raw_identity("ListIdentityPools", r#"{"MaxResults": 1}"#).await;
    assert_eq!(status, 400);
    assert_eq!(json["__type"], "MissingAuthenticationTokenException");
}
