//! Identities of identity pools through aws-sdk-cognitoidentity: GetId with user-pool logins,
//! linking, unauthenticated identities, developer-authenticated identities, OpenID tokens,
//! and their failure paths. Logins come from real user pools of the same server.

use std::collections::HashSet;
use std::sync::Arc;

use aws_sdk_cognitoidentity::types::CognitoIdentityProvider;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, ExplicitAuthFlowsType, MessageActionType,
};
use incognito::clock::FixedClock;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

use crate::helpers::{Options, TestApp, code, message};

const PASSWORD: &str = "Correct-Horse-9";

/// A user pool with an app client allowing admin password sign-in.
pub struct UserPool {
    pub id: String,
    pub client: String,
}

impl UserPool {
    pub fn provider(&self) -> String {
        format!("cognito-idp.us-east-1.amazonaws.com/{}", self.id)
    }

    pub async fn create(app: &TestApp) -> Self {
        let id = app.pool().await;
        let client = app
            .idp
            .create_user_pool_client()
            .user_pool_id(&id)
            .client_name("app")
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .send()
            .await
            .unwrap()
            .user_pool_client
            .unwrap()
            .client_id
            .unwrap();
        Self { id, client }
    }

    /// Creates a confirmed user and returns a fresh ID token.
    pub async fn user(&self, app: &TestApp, username: &str) -> String {
        app.idp
            .admin_create_user()
            .user_pool_id(&self.id)
            .username(username)
            .user_attributes(
                AttributeType::builder()
                    .name("email")
                    .value(format!("{username}@example.com"))
                    .build()
                    .unwrap(),
            )
            .message_action(MessageActionType::Suppress)
            .send()
            .await
            .unwrap();
        app.idp
            .admin_set_user_password()
            .user_pool_id(&self.id)
            .username(username)
            .password(PASSWORD)
            .permanent(true)
            .send()
            .await
            .unwrap();
        self.id_token(app, username).await
    }

    pub async fn id_token(&self, app: &TestApp, username: &str) -> String {
        app.idp
            .admin_initiate_auth()
            .user_pool_id(&self.id)
            .client_id(&self.client)
            .auth_flow(AuthFlowType::AdminNoSrpAuth)
            .auth_parameters("USERNAME", username)
            .auth_parameters("PASSWORD", PASSWORD)
            .send()
            .await
            .unwrap()
            .authentication_result
            .unwrap()
            .id_token
            .unwrap()
    }
}

/// An identity pool trusting the given user pools' clients.
pub async fn identity_pool(app: &TestApp, user_pools: &[&UserPool], unauth: bool, classic: bool) -> String {
    let mut create = app
        .identity
        .create_identity_pool()
        .identity_pool_name("app")
        .allow_unauthenticated_identities(unauth)
        .allow_classic_flow(classic)
        .developer_provider_name("login.example");
    for p in user_pools {
        create = create.cognito_identity_providers(
            CognitoIdentityProvider::builder().provider_name(p.provider()).client_id(&p.client).build(),
        );
    }
    create.send().await.unwrap().identity_pool_id
}

async fn get_id(app: &TestApp, pool: &str, logins: &[(String, String)]) -> Result<String, (String, String)> {
    let mut call = app.identity.get_id().identity_pool_id(pool);
    for (k, v) in logins {
        call = call.logins(k, v);
    }
    call.send().await.map(|r| r.identity_id.unwrap()).map_err(|e| (code(&e), message(&e)))
}

#[tokio::test]
async fn get_id_returns_one_stable_identity_per_user_pool_login() {
    // Arrange
    let app = TestApp::spawn().await;
    let up = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], false, false).await;
    let alice = up.user(&app, "alice").await;
    let bob = up.user(&app, "bob").await;

    // Act
    let first = get_id(&app, &pool, &[(up.provider(), alice.clone())]).await.unwrap();
    let again = get_id(&app, &pool, &[(up.provider(), up.id_token(&app, "alice").await)]).await.unwrap();
    let other = get_id(&app, &pool, &[(up.provider(), bob)]).await.unwrap();

    // Assert
    assert_eq!(first, again, "a new token of the same user maps to the same identity");
    assert_ne!(first, other);
    assert!(first.starts_with("us-east-1:"), "{first}");
    let described = app.identity.describe_identity().identity_id(&first).send().await.unwrap();
    assert_eq!(described.logins(), [up.provider()]);
    assert!(described.creation_date.is_some());
}

#[tokio::test]
async fn the_local_issuer_spelling_names_the_same_provider() {
    let app = TestApp::spawn().await;
    let up = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], false, false).await;
    let token = up.user(&app, "alice").await;
    let issuer = format!("{}/{}", app.url.trim_start_matches("http://"), up.id);

    let by_aws_name = get_id(&app, &pool, &[(up.provider(), token.clone())]).await.unwrap();
    let by_issuer = get_id(&app, &pool, &[(issuer, token)]).await.unwrap();

    assert_eq!(by_aws_name, by_issuer);
}

#[tokio::test]
async fn get_id_refuses_bad_logins_with_aws_errors() {
    // Arrange
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let app = TestApp::spawn_with(Options { clock: clock.clone(), ..Default::default() }).await;
    let up = UserPool::create(&app).await;
    let foreign = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], false, false).await;
    let token = up.user(&app, "alice").await;
    let foreign_token = foreign.user(&app, "mallory").await;

    // Act + Assert: no logins on a pool without unauthenticated access.
    let (code, message) = get_id(&app, &pool, &[]).await.unwrap_err();
    assert_eq!(code, "NotAuthorizedException");
    assert_eq!(message, "Unauthenticated access is not supported for this identity pool.");

    // A provider the pool does not trust.
    let (code, _) = get_id(&app, &pool, &[(foreign.provider(), foreign_token.clone())]).await.unwrap_err();
    assert_eq!(code, "NotAuthorizedException");

    // A token of another pool presented under this pool's provider name.
    let (code, _) = get_id(&app, &pool, &[(up.provider(), foreign_token)]).await.unwrap_err();
    assert_eq!(code, "NotAuthorizedException");

    // A tampered token.
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    parts[1] = parts[1].chars().rev().collect();
    let (code, _) = get_id(&app, &pool, &[(up.provider(), parts.join("."))]).await.unwrap_err();
    assert_eq!(code, "NotAuthorizedException");

    // An expired token.
    clock.advance_secs(3601);
    let (code, _) = get_id(&app, &pool, &[(up.provider(), token)]).await.unwrap_err();
    assert_eq!(code, "NotAuthorizedException");

    // An unknown pool.
    let (code, _) = get_id(&app, "us-east-1:00000000-0000-4000-8000-00000000dead", &[]).await.unwrap_err();
    assert_eq!(code, "ResourceNotFoundException");

    // A malformed pool id.
    let (code, _) = get_id(&app, "not-a-pool", &[]).await.unwrap_err();
    assert_eq!(code, "InvalidParameterException");
}

#[tokio::test]
async fn a_token_from_a_client_not_configured_on_the_pool_is_refused() {
    let app = TestApp::spawn().await;
    let up = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], false, false).await;
    // A second client of the same user pool, not listed on the identity pool.
    let other_client = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&up.id)
        .client_name("other")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap()
        .client_id
        .unwrap();
    up.user(&app, "alice").await;
    let other = UserPool { id: up.id.clone(), client: other_client };
    let token = other.id_token(&app, "alice").await;

    let (code, _) = get_id(&app, &pool, &[(up.provider(), token)]).await.unwrap_err();

    assert_eq!(code, "NotAuthorizedException");
}

#[tokio::test]
async fn unauthenticated_identities_are_new_each_time_when_allowed() {
    let app = TestApp::spawn().await;
    let pool = identity_pool(&app, &[], true, false).await;

    let a = get_id(&app, &pool, &[]).await.unwrap();
    let b = get_id(&app, &pool, &[]).await.unwrap();

    assert_ne!(a, b);
    let listed = app.identity.list_identities().identity_pool_id(&pool).max_results(60).send().await.unwrap();
    let ids: HashSet<_> = listed.identities().iter().filter_map(|i| i.identity_id.clone()).collect();
    assert_eq!(ids, HashSet::from([a, b]));
}

#[tokio::test]
async fn two_logins_presented_together_link_to_one_identity() {
    // Arrange
    let app = TestApp::spawn().await;
    let first = UserPool::create(&app).await;
    let second = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&first, &second], false, false).await;
    let a = first.user(&app, "alice").await;
    let b = second.user(&app, "alice2").await;
    let c = second.user(&app, "carol").await;
    let original = get_id(&app, &pool, &[(first.provider(), a.clone())]).await.unwrap();

    // Act: present the known login together with a new one.
    let linked =
        get_id(&app, &pool, &[(first.provider(), a.clone()), (second.provider(), b.clone())]).await.unwrap();
    let by_second_alone = get_id(&app, &pool, &[(second.provider(), b)]).await.unwrap();

    // Assert
    assert_eq!(linked, original);
    assert_eq!(by_second_alone, original);
    let described = app.identity.describe_identity().identity_id(&original).send().await.unwrap();
    let mut logins = described.logins().to_vec();
    logins.sort();
    let mut expected = vec![first.provider(), second.provider()];
    expected.sort();
    assert_eq!(logins, expected);

    // A login already linked to another identity cannot be linked here.
    let carol = get_id(&app, &pool, &[(second.provider(), c.clone())]).await.unwrap();
    assert_ne!(carol, original);
    let (code, _) = get_id(&app, &pool, &[(first.provider(), a), (second.provider(), c)]).await.unwrap_err();
    assert_eq!(code, "ResourceConflictException");
}

#[tokio::test]
async fn concurrent_first_logins_get_one_identity() {
    // Arrange
    let app = TestApp::spawn().await;
    let up = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], false, false).await;
    let token = up.user(&app, "alice").await;

    // Act: 20 GetId calls for the same new login at once.
    let calls = (0..20).map(|_| {
        let (identity, pool, provider, token) =
            (app.identity.clone(), pool.clone(), up.provider(), token.clone());
        tokio::spawn(async move {
            identity
                .get_id()
                .identity_pool_id(pool)
                .logins(provider, token)
                .send()
                .await
                .map(|r| r.identity_id.unwrap())
        })
    });
    let results: Vec<String> =
        futures_join(calls).await.into_iter().map(|r| r.expect("every call succeeds")).collect();

    // Assert
    let distinct: HashSet<_> = results.iter().collect();
    assert_eq!(distinct.len(), 1, "{distinct:?}");
    let listed = app.identity.list_identities().identity_pool_id(&pool).max_results(60).send().await.unwrap();
    assert_eq!(listed.identities().len(), 1);
}

async fn futures_join<T: Send + 'static>(
    handles: impl Iterator<
        Item = tokio::task::JoinHandle<
            Result<
                T,
                aws_sdk_cognitoidentity::error::SdkError<
                    aws_sdk_cognitoidentity::operation::get_id::GetIdError,
                >,
            >,
        >,
    >,
) -> Vec<Result<T, String>> {
    let mut out = Vec::new();
    for h in handles.collect::<Vec<_>>() {
        out.push(h.await.expect("task").map_err(|e| format!("{e:?}")));
    }
    out
}

#[tokio::test]
async fn a_user_signed_out_everywhere_cannot_use_an_old_id_token() {
    let app = TestApp::spawn().await;
    let up = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], false, false).await;
    let token = up.user(&app, "alice").await;
    get_id(&app, &pool, &[(up.provider(), token.clone())]).await.unwrap();

    app.idp.admin_user_global_sign_out().user_pool_id(&up.id).username("alice").send().await.unwrap();
    let (code, _) = get_id(&app, &pool, &[(up.provider(), token)]).await.unwrap_err();

    assert_eq!(code, "NotAuthorizedException");
}

/// The identity-pool JWKS and the claims of an OpenID token, checked with jsonwebtoken.
async fn open_id_claims(app: &TestApp, token: &str) -> Value {
    let jwks: JwkSet = reqwest::get(format!("{}/cognito-identity/.well-known/jwks.json", app.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kid = jsonwebtoken::decode_header(token).unwrap().kid.unwrap();
    let jwk = jwks.find(&kid).expect("kid published");
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_aud = false;
    validation.set_issuer(&[format!("{}/cognito-identity", app.url)]);
    jsonwebtoken::decode::<Value>(token, &DecodingKey::from_jwk(jwk).unwrap(), &validation).unwrap().claims
}

#[tokio::test]
async fn get_open_id_token_needs_classic_flow_and_signs_a_verifiable_token() {
    // Arrange
    let app = TestApp::spawn().await;
    let up = UserPool::create(&app).await;
    let classic = identity_pool(&app, &[&up], false, true).await;
    let enhanced_only = identity_pool(&app, &[&up], false, false).await;
    let token = up.user(&app, "alice").await;
    let logins = [(up.provider(), token.clone())];
    let id = get_id(&app, &classic, &logins).await.unwrap();
    let other = get_id(&app, &enhanced_only, &logins).await.unwrap();

    // Act
    let issued =
        app.identity.get_open_id_token().identity_id(&id).logins(up.provider(), &token).send().await.unwrap();
    let refused =
        app.identity.get_open_id_token().identity_id(&other).logins(up.provider(), &token).send().await;
    let without_logins = app.identity.get_open_id_token().identity_id(&id).send().await;

    // Assert
    let claims = open_id_claims(&app, issued.token().unwrap()).await;
    assert_eq!(claims["aud"], classic.as_str());
    assert_eq!(claims["sub"], id.as_str());
    assert_eq!(claims["amr"][0], "authenticated");
    assert_eq!(claims["amr"][1], up.provider().as_str());
    assert_eq!(code(&refused.unwrap_err()), "InvalidParameterException");
    assert_eq!(code(&without_logins.unwrap_err()), "NotAuthorizedException");
    let discovery: Value =
        reqwest::get(format!("{}/cognito-identity/.well-known/openid-configuration", app.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(discovery["issuer"], format!("{}/cognito-identity", app.url));
}

#[tokio::test]
async fn developer_identities_link_look_up_merge_and_unlink() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = identity_pool(&app, &[], false, true).await;

    // Act: two developer users get identities and tokens.
    let one = app
        .identity
        .get_open_id_token_for_developer_identity()
        .identity_pool_id(&pool)
        .logins("login.example", "user-1")
        .token_duration(60)
        .send()
        .await
        .unwrap();
    let again = app
        .identity
        .get_open_id_token_for_developer_identity()
        .identity_pool_id(&pool)
        .logins("login.example", "user-1")
        .send()
        .await
        .unwrap();
    let two = app
        .identity
        .get_open_id_token_for_developer_identity()
        .identity_pool_id(&pool)
        .logins("login.example", "user-2")
        .send()
        .await
        .unwrap();

    // Assert
    let id1 = one.identity_id().unwrap().to_string();
    let id2 = two.identity_id().unwrap().to_string();
    assert_eq!(again.identity_id(), Some(id1.as_str()));
    assert_ne!(id1, id2);
    let claims = open_id_claims(&app, one.token().unwrap()).await;
    assert_eq!(claims["sub"], id1.as_str());
    assert_eq!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(), 60);

    // The token works as a login under cognito-identity.amazonaws.com.
    let via_token =
        get_id(&app, &pool, &[("cognito-identity.amazonaws.com".into(), one.token().unwrap().into())]).await;
    assert_eq!(via_token.unwrap(), id1);

    // Another identity cannot claim a registered developer user.
    let taken = app
        .identity
        .get_open_id_token_for_developer_identity()
        .identity_pool_id(&pool)
        .identity_id(&id2)
        .logins("login.example", "user-1")
        .send()
        .await;
    assert_eq!(code(&taken.unwrap_err()), "DeveloperUserAlreadyRegisteredException");

    let looked_up = app
        .identity
        .lookup_developer_identity()
        .identity_pool_id(&pool)
        .developer_user_identifier("user-2")
        .send()
        .await
        .unwrap();
    assert_eq!(looked_up.identity_id(), Some(id2.as_str()));
    assert_eq!(looked_up.developer_user_identifier_list(), ["user-2"]);

    let merged = app
        .identity
        .merge_developer_identities()
        .identity_pool_id(&pool)
        .developer_provider_name("login.example")
        .source_user_identifier("user-2")
        .destination_user_identifier("user-1")
        .send()
        .await
        .unwrap();
    assert_eq!(merged.identity_id(), Some(id1.as_str()));
    let looked_up = app
        .identity
        .lookup_developer_identity()
        .identity_pool_id(&pool)
        .identity_id(&id1)
        .send()
        .await
        .unwrap();
    assert_eq!(looked_up.developer_user_identifier_list(), ["user-1", "user-2"]);
    let gone = app.identity.describe_identity().identity_id(&id2).send().await;
    assert_eq!(code(&gone.unwrap_err()), "ResourceNotFoundException");

    app.identity
        .unlink_developer_identity()
        .identity_pool_id(&pool)
        .identity_id(&id1)
        .developer_provider_name("login.example")
        .developer_user_identifier("user-2")
        .send()
        .await
        .unwrap();
    let looked_up = app
        .identity
        .lookup_developer_identity()
        .identity_pool_id(&pool)
        .identity_id(&id1)
        .send()
        .await
        .unwrap();
    assert_eq!(looked_up.developer_user_identifier_list(), ["user-1"]);

    // A wrong developer provider name.
    let wrong = app
        .identity
        .merge_developer_identities()
        .identity_pool_id(&pool)
        .developer_provider_name("other.example")
        .source_user_identifier("user-1")
        .destination_user_identifier("user-1")
        .send()
        .await;
    assert_eq!(code(&wrong.unwrap_err()), "NotAuthorizedException");
}

#[tokio::test]
async fn unlink_identity_removes_a_provider_and_delete_identities_removes_identities() {
    let app = TestApp::spawn().await;
    let first = UserPool::create(&app).await;
    let second = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&first, &second], false, false).await;
    let a = first.user(&app, "alice").await;
    let b = second.user(&app, "alice2").await;
    let id =
        get_id(&app, &pool, &[(first.provider(), a.clone()), (second.provider(), b.clone())]).await.unwrap();

    app.identity
        .unlink_identity()
        .identity_id(&id)
        .logins(first.provider(), &a)
        .logins_to_remove(second.provider())
        .send()
        .await
        .unwrap();

    let described = app.identity.describe_identity().identity_id(&id).send().await.unwrap();
    assert_eq!(described.logins(), [first.provider()]);
    // The removed login now starts a new identity.
    let fresh = get_id(&app, &pool, &[(second.provider(), b)]).await.unwrap();
    assert_ne!(fresh, id);

    let deleted = app.identity.delete_identities().identity_ids_to_delete(&id).send().await.unwrap();
    assert!(deleted.unprocessed_identity_ids().is_empty());
    let gone = app.identity.describe_identity().identity_id(&id).send().await;
    assert_eq!(code(&gone.unwrap_err()), "ResourceNotFoundException");
    // Its login is free again.
    let after = get_id(&app, &pool, &[(first.provider(), a)]).await.unwrap();
    assert_ne!(after, id);
}

#[tokio::test]
async fn principal_tag_attribute_maps_round_trip() {
    let app = TestApp::spawn().await;
    let up = UserPool::create(&app).await;
    let pool = identity_pool(&app, &[&up], false, false).await;

    let set = app
        .identity
        .set_principal_tag_attribute_map()
        .identity_pool_id(&pool)
        .identity_provider_name(up.provider())
        .use_defaults(false)
        .principal_tags("department", "custom:department")
        .send()
        .await
        .unwrap();
    let got = app
        .identity
        .get_principal_tag_attribute_map()
        .identity_pool_id(&pool)
        .identity_provider_name(up.provider())
        .send()
        .await
        .unwrap();

    assert_eq!(
        set.principal_tags().unwrap().get("department").map(String::as_str),
        Some("custom:department")
    );
    assert_eq!(got.principal_tags(), set.principal_tags());
    assert_eq!(got.use_defaults(), Some(false));
}
