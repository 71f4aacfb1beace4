//! GetCredentialsForIdentity (the enhanced flow) end to end: roles created through the IAM
//! query API, identities from real user-pool logins, role choice (defaults, Rules, Token with
//! groups, CustomRoleArn), trust policies, and the credentials checked by STS
//! GetCallerIdentity through aws-sdk-sts.

use std::sync::Arc;

use aws_sdk_cognitoidentity::types::{
    AmbiguousRoleResolutionType, MappingRule, MappingRuleMatchType, RoleMapping, RoleMappingType,
    RulesConfigurationType,
};
use aws_sdk_cognitoidentityprovider::types::AttributeType;
use aws_sdk_sts::config::{BehaviorVersion, Credentials, Region};
use incognito::clock::FixedClock;

use crate::helpers::{Options, TestApp, code, message};
use crate::identities::{UserPool, identity_pool};

const ACCOUNT: &str = "000000000000";

fn trust(condition: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"cognito-identity.amazonaws.com"}},"Action":"sts:AssumeRoleWithWebIdentity"{condition}}}]}}"#
    )
}

/// Creates a role through the IAM query API (operator, open mode) and returns its ARN.
async fn create_role(app: &TestApp, name: &str, trust_policy: &str) -> String {
    let response = reqwest::Client::new()
        .post(&app.url)
        .form(&[
            ("Action", "CreateRole"),
            ("Version", "2010-05-08"),
            ("RoleName", name),
            ("AssumeRolePolicyDocument", trust_policy),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    format!("arn:aws:iam::{ACCOUNT}:role/{name}")
}

fn sts(app: &TestApp, key: &str, secret: &str, token: &str) -> aws_sdk_sts::Client {
    let conf = aws_sdk_sts::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(&app.url)
        .credentials_provider(Credentials::new(key, secret, Some(token.to_string()), None, "identity"))
        .build();
    aws_sdk_sts::Client::from_conf(conf)
}

struct Fixture {
    app: TestApp,
    up: UserPool,
    pool: String,
    auth_role: String,
}

/// A user pool, an identity pool trusting it, and an authenticated role trusting that pool.
async fn fixture_with(options: Options, unauth: bool) -> Fixture {
    let app = TestApp::spawn_with(options).await;
    let up = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], unauth, false).await;
    let condition = format!(
        r#","Condition":{{"StringEquals":{{"cognito-identity.amazonaws.com:aud":"{pool}"}},"ForAnyValue:StringLike":{{"cognito-identity.amazonaws.com:amr":"authenticated"}}}}"#
    );
    let auth_role = create_role(&app, "app-authenticated", &trust(&condition)).await;
    app.identity
        .set_identity_pool_roles()
        .identity_pool_id(&pool)
        .roles("authenticated", &auth_role)
        .send()
        .await
        .unwrap();
    Fixture { app, up, pool, auth_role }
}

async fn fixture() -> Fixture {
    fixture_with(Options::default(), false).await
}

impl Fixture {
    async fn credentials(
        &self,
        token: &str,
        custom_role: Option<&str>,
    ) -> Result<aws_sdk_cognitoidentity::types::Credentials, (String, String)> {
        let id = self
            .app
            .identity
            .get_id()
            .identity_pool_id(&self.pool)
            .logins(self.up.provider(), token)
            .send()
            .await
            .unwrap()
            .identity_id
            .unwrap();
        self.app
            .identity
            .get_credentials_for_identity()
            .identity_id(id)
            .logins(self.up.provider(), token)
            .set_custom_role_arn(custom_role.map(String::from))
            .send()
            .await
            .map(|r| r.credentials.unwrap())
            .map_err(|e| (code(&e), message(&e)))
    }

    async fn caller_arn(&self, c: &aws_sdk_cognitoidentity::types::Credentials) -> Result<String, String> {
        sts(&self.app, c.access_key_id().unwrap(), c.secret_key().unwrap(), c.session_token().unwrap())
            .get_caller_identity()
            .send()
            .await
            .map(|r| r.arn.unwrap())
            .map_err(|e| code(&e))
    }
}

#[tokio::test]
async fn a_user_pool_login_gets_credentials_that_sts_knows_as_the_assumed_role() {
    // Arrange
    let f = fixture().await;
    let token = f.up.user(&f.app, "alice").await;

    // Act
    let c = f.credentials(&token, None).await.unwrap();

    // Assert
    let key = c.access_key_id().unwrap();
    assert!(key.starts_with("ASIA") && key.len() == 20, "{key}");
    assert_eq!(c.secret_key().unwrap().len(), 40);
    let expires = c.expiration().unwrap().secs();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((3590..=3610).contains(&(expires - now)), "1 hour by default, got {}", expires - now);
    assert_eq!(
        f.caller_arn(&c).await.unwrap(),
        format!("arn:aws:sts::{ACCOUNT}:assumed-role/app-authenticated/CognitoIdentityCredentials")
    );
    assert!(f.auth_role.ends_with("/app-authenticated"));
}

#[tokio::test]
async fn credentials_expire_and_tampered_or_foreign_session_tokens_are_refused() {
    // Arrange
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let f = fixture_with(Options { clock: clock.clone(), ..Default::default() }, false).await;
    let token = f.up.user(&f.app, "alice").await;
    let c = f.credentials(&token, None).await.unwrap();
    let (key, secret, session) =
        (c.access_key_id().unwrap(), c.secret_key().unwrap(), c.session_token().unwrap());

    // Act + Assert: a wrong secret.
    let wrong = sts(&f.app, key, &"x".repeat(40), session).get_caller_identity().send().await;
    assert_eq!(code(&wrong.unwrap_err()), "SignatureDoesNotMatch");

    // A tampered session token.
    let mut tampered = session.to_string();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let refused = sts(&f.app, key, secret, &tampered).get_caller_identity().send().await;
    assert_eq!(code(&refused.unwrap_err()), "InvalidClientTokenId");

    // A session token sealed by another server (another master key).
    let other = fixture().await;
    let other_token = other.up.user(&other.app, "bob").await;
    let foreign = other.credentials(&other_token, None).await.unwrap();
    let refused = sts(
        &f.app,
        foreign.access_key_id().unwrap(),
        foreign.secret_key().unwrap(),
        foreign.session_token().unwrap(),
    )
    .get_caller_identity()
    .send()
    .await;
    assert_eq!(code(&refused.unwrap_err()), "InvalidClientTokenId");

    // After an hour the credentials are expired.
    clock.advance_secs(3601);
    let expired = sts(&f.app, key, secret, session).get_caller_identity().send().await;
    assert_eq!(code(&expired.unwrap_err()), "ExpiredToken");
}

#[tokio::test]
async fn unauthenticated_identities_get_the_unauthenticated_role_only_when_allowed() {
    // Arrange
    let f = fixture_with(Options::default(), true).await;
    let unauth_role = create_role(&f.app, "app-guest", &trust("")).await;
    f.app
        .identity
        .set_identity_pool_roles()
        .identity_pool_id(&f.pool)
        .roles("authenticated", &f.auth_role)
        .roles("unauthenticated", &unauth_role)
        .send()
        .await
        .unwrap();
    let guest = f.app.identity.get_id().identity_pool_id(&f.pool).send().await.unwrap().identity_id.unwrap();

    // Act
    let c = f
        .app
        .identity
        .get_credentials_for_identity()
        .identity_id(&guest)
        .send()
        .await
        .unwrap()
        .credentials
        .unwrap();

    // Assert
    assert!(f.caller_arn(&c).await.unwrap().ends_with(":assumed-role/app-guest/CognitoIdentityCredentials"));

    // An authenticated identity cannot be used without its login.
    let token = f.up.user(&f.app, "alice").await;
    let id = f
        .app
        .identity
        .get_id()
        .identity_pool_id(&f.pool)
        .logins(f.up.provider(), &token)
        .send()
        .await
        .unwrap();
    let refused = f
        .app
        .identity
        .get_credentials_for_identity()
        .identity_id(id.identity_id.unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&refused), "NotAuthorizedException");

    // Turning unauthenticated access off refuses guests.
    f.app
        .identity
        .update_identity_pool()
        .identity_pool_id(&f.pool)
        .identity_pool_name("app")
        .allow_unauthenticated_identities(false)
        .send()
        .await
        .unwrap();
    let refused = f.app.identity.get_credentials_for_identity().identity_id(&guest).send().await.unwrap_err();
    assert_eq!(code(&refused), "NotAuthorizedException");
    assert_eq!(message(&refused), "Unauthenticated access is not supported for this identity pool.");
}

#[tokio::test]
async fn a_role_whose_trust_policy_refuses_the_pool_or_that_does_not_exist_is_a_configuration_error() {
    let f = fixture().await;
    let token = f.up.user(&f.app, "alice").await;
    let other_pool = r#","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:00000000-0000-4000-8000-000000000000"}}"#;
    let foreign = create_role(&f.app, "other-pool-role", &trust(other_pool)).await;

    for (what, role) in
        [("foreign trust", foreign), ("missing role", format!("arn:aws:iam::{ACCOUNT}:role/nope"))]
    {
        f.app
            .identity
            .set_identity_pool_roles()
            .identity_pool_id(&f.pool)
            .roles("authenticated", &role)
            .send()
            .await
            .unwrap();
        let (code, message) = f.credentials(&token, None).await.unwrap_err();
        assert_eq!(code, "InvalidIdentityPoolConfigurationException", "{what}");
        assert_eq!(
            message, "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
            "{what}"
        );
    }
}

#[tokio::test]
async fn rules_mappings_choose_roles_from_claims() {
    // Arrange
    let f = fixture().await;
    let admin_role = create_role(&f.app, "app-admin", &trust("")).await;
    let rule = MappingRule::builder()
        .claim("email")
        .match_type(MappingRuleMatchType::StartsWith)
        .value("admin")
        .role_arn(&admin_role)
        .build()
        .unwrap();
    let mapping = RoleMapping::builder()
        .r#type(RoleMappingType::Rules)
        .ambiguous_role_resolution(AmbiguousRoleResolutionType::AuthenticatedRole)
        .rules_configuration(RulesConfigurationType::builder().rules(rule).build().unwrap())
        .build()
        .unwrap();
    f.app
        .identity
        .set_identity_pool_roles()
        .identity_pool_id(&f.pool)
        .roles("authenticated", &f.auth_role)
        .role_mappings(format!("{}:{}", f.up.provider(), f.up.client), mapping)
        .send()
        .await
        .unwrap();
    let admin = f.up.user(&f.app, "admin1").await; // email admin1@example.com
    let user = f.up.user(&f.app, "user1").await;

    // Act
    let admin_creds = f.credentials(&admin, None).await.unwrap();
    let user_creds = f.credentials(&user, None).await.unwrap();

    // Assert
    assert!(f.caller_arn(&admin_creds).await.unwrap().contains(":assumed-role/app-admin/"));
    assert!(f.caller_arn(&user_creds).await.unwrap().contains(":assumed-role/app-authenticated/"));
}

#[tokio::test]
async fn token_mappings_use_the_groups_roles_and_honour_custom_role_arn() {
    // Arrange
    let f = fixture().await;
    let editors = create_role(&f.app, "editors", &trust("")).await;
    let viewers = create_role(&f.app, "viewers", &trust("")).await;
    for (group, role, precedence) in [("editors", &editors, 1), ("viewers", &viewers, 2)] {
        f.app
            .idp
            .create_group()
            .user_pool_id(&f.up.id)
            .group_name(group)
            .role_arn(role)
            .precedence(precedence)
            .send()
            .await
            .unwrap();
    }
    let mapping = RoleMapping::builder()
        .r#type(RoleMappingType::Token)
        .ambiguous_role_resolution(AmbiguousRoleResolutionType::Deny)
        .build()
        .unwrap();
    f.app
        .identity
        .set_identity_pool_roles()
        .identity_pool_id(&f.pool)
        .roles("authenticated", &f.auth_role)
        .role_mappings(f.up.provider(), mapping)
        .send()
        .await
        .unwrap();
    f.up.user(&f.app, "alice").await;
    f.up.user(&f.app, "nogroup").await;
    for group in ["editors", "viewers"] {
        f.app
            .idp
            .admin_add_user_to_group()
            .user_pool_id(&f.up.id)
            .username("alice")
            .group_name(group)
            .send()
            .await
            .unwrap();
    }
    let alice = f.up.id_token(&f.app, "alice").await;
    let nogroup = f.up.id_token(&f.app, "nogroup").await;

    // Act + Assert: the preferred role (lowest precedence), a custom one of the user's roles.
    let preferred = f.credentials(&alice, None).await.unwrap();
    assert!(f.caller_arn(&preferred).await.unwrap().contains(":assumed-role/editors/"));
    let custom = f.credentials(&alice, Some(&viewers)).await.unwrap();
    assert!(f.caller_arn(&custom).await.unwrap().contains(":assumed-role/viewers/"));
    let (code, _) = f.credentials(&alice, Some(&f.auth_role)).await.unwrap_err();
    assert_eq!(code, "NotAuthorizedException", "a custom role the token does not carry");
    // No groups and AmbiguousRoleResolution = Deny.
    let (code, _) = f.credentials(&nogroup, None).await.unwrap_err();
    assert_eq!(code, "InvalidIdentityPoolConfigurationException");
}

#[tokio::test]
async fn principal_tags_from_the_attribute_map_travel_in_the_session_token() {
    // Arrange
    let f = fixture().await;
    f.app
        .identity
        .set_principal_tag_attribute_map()
        .identity_pool_id(&f.pool)
        .identity_provider_name(f.up.provider())
        .use_defaults(true)
        .principal_tags("mail", "email")
        .send()
        .await
        .unwrap();
    f.up.user(&f.app, "alice").await;
    f.app
        .idp
        .admin_update_user_attributes()
        .user_pool_id(&f.up.id)
        .username("alice")
        .user_attributes(AttributeType::builder().name("email").value("alice@corp.example").build().unwrap())
        .send()
        .await
        .unwrap();
    let token = f.up.id_token(&f.app, "alice").await;

    // Act
    let c = f.credentials(&token, None).await.unwrap();

    // Assert
    let opened =
        incognito::credentials::open_session_token(&f.app.state.credentials, c.session_token().unwrap())
            .unwrap();
    assert_eq!(opened.principal_tags.get("mail").map(String::as_str), Some("alice@corp.example"));
    assert_eq!(opened.principal_tags.get("client").map(String::as_str), Some(f.up.client.as_str()));
    assert!(opened.principal_tags.contains_key("username"));
    assert_eq!(opened.identity_pool_id.as_deref(), Some(f.pool.as_str()));
}

#[tokio::test]
async fn a_developer_identity_token_is_a_login_for_credentials() {
    let f = fixture().await;
    let dev = f
        .app
        .identity
        .get_open_id_token_for_developer_identity()
        .identity_pool_id(&f.pool)
        .logins("login.example", "user-42")
        .send()
        .await
        .unwrap();

    let c = f
        .app
        .identity
        .get_credentials_for_identity()
        .identity_id(dev.identity_id().unwrap())
        .logins("cognito-identity.amazonaws.com", dev.token().unwrap())
        .send()
        .await
        .unwrap()
        .credentials
        .unwrap();

    assert!(f.caller_arn(&c).await.unwrap().contains(":assumed-role/app-authenticated/"));
}
