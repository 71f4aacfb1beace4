//! Races that must have one winner on both databases.

use crate::helpers::{TestApp, code};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_creates_of_one_username_make_exactly_one_user() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;

    // Act
    let attempts = (0..50).map(|_| {
        let idp = app.idp.clone();
        let pool = pool.clone();
        tokio::spawn(async move { idp.admin_create_user().user_pool_id(pool).username("racer").send().await })
    });
    let results = futures_join(attempts).await;

    // Assert
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 1, "exactly one create succeeds");
    for failure in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(code(failure), "UsernameExistsException");
    }
    let listed = app.idp.list_users().user_pool_id(&pool).send().await.unwrap();
    assert_eq!(listed.users().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_of_one_email_in_an_email_pool_make_exactly_one_user() {
    use aws_sdk_cognitoidentityprovider::types::UsernameAttributeType;
    let app = TestApp::spawn().await;
    let pool = app
        .idp
        .create_user_pool()
        .pool_name("race-email")
        .username_attributes(UsernameAttributeType::Email)
        .send()
        .await
        .unwrap()
        .user_pool
        .unwrap()
        .id
        .unwrap();
    let attempts = (0..20).map(|_| {
        let idp = app.idp.clone();
        let pool = pool.clone();
        tokio::spawn(async move {
            idp.admin_create_user().user_pool_id(pool).username("race@example.com").send().await
        })
    });
    let results = futures_join(attempts).await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    let listed = app.idp.list_users().user_pool_id(&pool).send().await.unwrap();
    assert_eq!(listed.users().len(), 1);
}

async fn futures_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles.collect::<Vec<_>>() {
        out.push(h.await.expect("task"));
    }
    out
}
