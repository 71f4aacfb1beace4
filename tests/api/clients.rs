//! App clients: create, describe, update, list, delete; secrets sealed at rest.

use aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType;

use crate::helpers::{TestApp, code};

#[tokio::test]
async fn a_client_with_a_secret_round_trips_and_its_secret_is_sealed_at_rest() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;

    // Act
    let created = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("web")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    let id = created.client_id.clone().unwrap();
    let secret = created.client_secret.clone().unwrap();

    // Assert
    assert_eq!(id.len(), 26);
    assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    assert!(secret.len() >= 24);
    let described = app
        .idp
        .describe_user_pool_client()
        .user_pool_id(&pool)
        .client_id(&id)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    assert_eq!(described.client_secret.as_deref(), Some(secret.as_str()));
    assert_eq!(described.explicit_auth_flows.unwrap().len(), 2);
    assert_eq!(described.refresh_token_validity, 30);
    let row = app.state.store.get_client(&pool, &id).await.unwrap().unwrap();
    assert!(!row.secret_sealed.unwrap().contains(&secret), "the secret is not stored in clear");

    // Act: rename; the secret stays.
    let updated = app
        .idp
        .update_user_pool_client()
        .user_pool_id(&pool)
        .client_id(&id)
        .client_name("web-2")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    assert_eq!(updated.client_name.as_deref(), Some("web-2"));
    assert_eq!(updated.client_secret.as_deref(), Some(secret.as_str()));

    let listed = app.idp.list_user_pool_clients().user_pool_id(&pool).send().await.unwrap();
    let listed = listed.user_pool_clients.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].client_name.as_deref(), Some("web-2"));

    app.idp.delete_user_pool_client().user_pool_id(&pool).client_id(&id).send().await.unwrap();
    let gone =
        app.idp.describe_user_pool_client().user_pool_id(&pool).client_id(&id).send().await.unwrap_err();
    assert_eq!(code(&gone), "ResourceNotFoundException");
}

#[tokio::test]
async fn a_client_without_a_secret_has_none() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    let created =
        app.idp.create_user_pool_client().user_pool_id(&pool).client_name("spa").send().await.unwrap();
    assert!(created.user_pool_client.unwrap().client_secret.is_none());
}

#[tokio::test]
async fn legacy_and_new_auth_flows_cannot_be_mixed() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    let err = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("mixed")
        .explicit_auth_flows(ExplicitAuthFlowsType::AdminNoSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
}

#[tokio::test]
async fn clients_of_an_unknown_pool_are_resource_not_found() {
    let app = TestApp::spawn().await;
    let err = app
        .idp
        .create_user_pool_client()
        .user_pool_id("us-east-1_missing00")
        .client_name("x")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
}

#[tokio::test]
async fn list_user_pool_clients_paginates() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    for i in 0..3 {
        app.idp
            .create_user_pool_client()
            .user_pool_id(&pool)
            .client_name(format!("c{i}"))
            .send()
            .await
            .unwrap();
    }
    let first = app.idp.list_user_pool_clients().user_pool_id(&pool).max_results(2).send().await.unwrap();
    assert_eq!(first.user_pool_clients.unwrap().len(), 2);
    let second = app
        .idp
        .list_user_pool_clients()
        .user_pool_id(&pool)
        .max_results(2)
        .next_token(first.next_token.unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(second.user_pool_clients.unwrap().len(), 1);
    assert!(second.next_token.is_none());
}
