//! The seed file: pinned ids, applied idempotently, changed entries update.

use incognito::seed;

use crate::helpers::TestApp;

const SEED: &str = r#"
[[user_pools]]
Id = "us-east-1_Example01"
PoolName = "example"
UsernameAttributes = ["email"]
  [[user_pools.clients]]
  ClientId = "exampleclient0000000000000"
  ClientName = "web"
  ClientSecret = "examplesecret0000000000000000000000000000000000000"
  ExplicitAuthFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  [[user_pools.groups]]
  GroupName = "admins"
  [[user_pools.users]]
  Username = "alice@example.com"
  Password = "Correct-Horse-9"
  UserAttributes = [{ Name = "email", Value = "alice@example.com" }, { Name = "email_verified", Value = "true" }]
  Groups = ["admins"]
"#;

fn write(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("seed.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn the_documented_seed_applies_with_pinned_ids_and_reapplies_as_a_no_op() {
    // Arrange
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), SEED);

    // Act
    let first = seed::apply(&app.state, seed::load(&path).unwrap()).await.unwrap();
    let second = seed::apply(&app.state, seed::load(&path).unwrap()).await.unwrap();

    // Assert
    assert_eq!((first.created, first.updated), (4, 0));
    assert_eq!((second.created, second.updated, second.unchanged), (0, 0, 4));
    let client = app
        .idp
        .describe_user_pool_client()
        .user_pool_id("us-east-1_Example01")
        .client_id("exampleclient0000000000000")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    assert_eq!(client.client_secret.as_deref(), Some("examplesecret0000000000000000000000000000000000000"));
    let user = app
        .idp
        .admin_get_user()
        .user_pool_id("us-east-1_Example01")
        .username("alice@example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(user.user_status.unwrap().as_str(), "CONFIRMED");
    let groups = app
        .idp
        .admin_list_groups_for_user()
        .user_pool_id("us-east-1_Example01")
        .username("alice@example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(groups.groups()[0].group_name.as_deref(), Some("admins"));
    let row = app.state.store.get_user("us-east-1_Example01", &user.username).await.unwrap().unwrap();
    assert!(
        app.state.user_pools.passwords.verify("Correct-Horse-9", row.password_hash.as_deref()).await.unwrap()
    );
    assert!(row.srp_verifier.is_some(), "seeded passwords set the SRP verifier too");
}

#[tokio::test]
async fn a_changed_seed_entry_updates_what_it_names() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    seed::apply(&app.state, seed::load(&write(dir.path(), SEED)).unwrap()).await.unwrap();

    let changed = SEED
        .replace("ClientName = \"web\"", "ClientName = \"web-2\"")
        .replace("Correct-Horse-9", "Other-Horse-10");
    let report = seed::apply(&app.state, seed::load(&write(dir.path(), &changed)).unwrap()).await.unwrap();

    assert_eq!((report.created, report.updated, report.unchanged), (0, 2, 2));
    let client = app
        .idp
        .describe_user_pool_client()
        .user_pool_id("us-east-1_Example01")
        .client_id("exampleclient0000000000000")
        .send()
        .await
        .unwrap();
    assert_eq!(client.user_pool_client.unwrap().client_name.as_deref(), Some("web-2"));
    let user = app
        .state
        .store
        .find_user_by_alias("us-east-1_Example01", "email:alice@example.com")
        .await
        .unwrap()
        .unwrap();
    assert!(
        app.state.user_pools.passwords.verify("Other-Horse-10", user.password_hash.as_deref()).await.unwrap()
    );
    assert!(user.srp_verifier.is_some());
}

#[tokio::test]
async fn a_bad_seed_is_refused_with_the_entry_named() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = SEED.replace("Correct-Horse-9", "weak");
    let err = seed::apply(&app.state, seed::load(&write(dir.path(), &bad)).unwrap()).await.unwrap_err();
    assert!(err.to_string().starts_with("user_pools[0].users[0]"), "{err}");

    let unparsable = write(dir.path(), "[[user_pools]\nnope");
    assert!(seed::load(&unparsable).is_err());
}

#[tokio::test]
async fn the_example_seed_file_in_config_applies() {
    let app = TestApp::spawn().await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/seed.example.toml");
    let report = seed::apply(&app.state, seed::load(&path).unwrap()).await.unwrap();
    assert!(report.created > 0);
    // The OAuth parts: the domain, the resource server and a client granted its scope.
    let domain = app.idp.describe_user_pool_domain().domain("example").send().await.unwrap();
    assert_eq!(domain.domain_description.unwrap().user_pool_id(), Some("us-east-1_Example01"));
    let rs = app
        .idp
        .describe_resource_server()
        .user_pool_id("us-east-1_Example01")
        .identifier("orders")
        .send()
        .await
        .unwrap();
    assert_eq!(rs.resource_server.unwrap().scopes().len(), 2);
    let m2m = app
        .idp
        .describe_user_pool_client()
        .user_pool_id("us-east-1_Example01")
        .client_id("examplem2m0000000000000000")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    assert_eq!(m2m.allowed_o_auth_scopes(), ["orders/read"]);
    // Applying it again changes nothing.
    let again = seed::apply(&app.state, seed::load(&path).unwrap()).await.unwrap();
    assert_eq!((again.created, again.updated), (0, 0));
}

const IDENTITY_SEED: &str = r#"
[[identity_pools]]
IdentityPoolId = "us-east-1:00000000-0000-4000-8000-000000000001"
IdentityPoolName = "identities"
AllowUnauthenticatedIdentities = true
SupportedLoginProviders = { "accounts.google.com" = "123.apps.googleusercontent.com" }
Roles = { authenticated = "arn:aws:iam::000000000000:role/auth" }
"#;

#[tokio::test]
async fn seeded_identity_pools_keep_their_pinned_ids_and_reapply_as_a_no_op() {
    // Arrange
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let id = "us-east-1:00000000-0000-4000-8000-000000000001";

    // Act
    let first =
        seed::apply(&app.state, seed::load(&write(dir.path(), IDENTITY_SEED)).unwrap()).await.unwrap();
    let second =
        seed::apply(&app.state, seed::load(&write(dir.path(), IDENTITY_SEED)).unwrap()).await.unwrap();
    let renamed = IDENTITY_SEED.replace("\"identities\"", "\"renamed\"");
    let third = seed::apply(&app.state, seed::load(&write(dir.path(), &renamed)).unwrap()).await.unwrap();

    // Assert
    assert_eq!((first.created, first.updated, first.unchanged), (1, 0, 0));
    assert_eq!((second.created, second.updated, second.unchanged), (0, 0, 1));
    assert_eq!((third.created, third.updated, third.unchanged), (0, 1, 0));
    let pool = app.identity.describe_identity_pool().identity_pool_id(id).send().await.unwrap();
    assert_eq!(pool.identity_pool_name, "renamed");
    assert!(pool.allow_unauthenticated_identities);
    let roles = app.identity.get_identity_pool_roles().identity_pool_id(id).send().await.unwrap();
    assert_eq!(roles.roles.unwrap()["authenticated"], "arn:aws:iam::000000000000:role/auth");

    let bad = IDENTITY_SEED.replace("role/auth", "user/auth");
    let err = seed::apply(&app.state, seed::load(&write(dir.path(), &bad)).unwrap()).await.unwrap_err();
    assert!(err.to_string().starts_with("identity_pools[0]"), "{err}");
}
