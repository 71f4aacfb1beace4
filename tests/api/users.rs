//! Operator-managed users and ListUsers.

use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, MessageActionType, UserStatusType, UsernameAttributeType, UsernameConfigurationType,
};

use crate::helpers::{TestApp, code, message};

fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType::builder().name(name).value(value).build().unwrap()
}

fn value_of(attributes: &[AttributeType], name: &str) -> Option<String> {
    attributes.iter().find(|a| a.name == name).and_then(|a| a.value.clone())
}

#[tokio::test]
async fn admin_create_user_makes_a_user_who_must_change_the_temporary_password() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;

    // Act
    let user = app
        .idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("alice")
        .temporary_password("Temp-Pass-123")
        .user_attributes(attr("email", "alice@example.com"))
        .send()
        .await
        .unwrap()
        .user
        .unwrap();

    // Assert
    assert_eq!(user.username.as_deref(), Some("alice"));
    assert_eq!(user.user_status, Some(UserStatusType::ForceChangePassword));
    assert!(user.enabled);
    let sub = value_of(user.attributes(), "sub").unwrap();
    assert!(uuid::Uuid::parse_str(&sub).is_ok(), "sub is a UUID: {sub}");
    let got = app.idp.admin_get_user().user_pool_id(&pool).username("alice").send().await.unwrap();
    assert_eq!(value_of(got.user_attributes(), "sub").as_deref(), Some(sub.as_str()));
    assert_eq!(value_of(got.user_attributes(), "email").as_deref(), Some("alice@example.com"));
    let row = app.state.store.get_user(&pool, "alice").await.unwrap().unwrap();
    assert!(row.password_hash.unwrap().starts_with("$argon2id$"), "passwords are hashed with argon2id");

    // The invitation with the temporary password is in the outbox.
    let outbox: serde_json::Value =
        reqwest::get(format!("{}/_incognito/messages?userPoolId={pool}&username=alice", app.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let first = &outbox["messages"][0];
    assert_eq!(first["kind"], "ADMIN_CREATE_USER");
    assert_eq!(first["code"], "Temp-Pass-123");
    assert_eq!(first["destination"], "alice@example.com");
}

#[tokio::test]
async fn suppressed_invitations_are_not_queued_and_resend_replaces_the_password() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    let create = || {
        app.idp
            .admin_create_user()
            .user_pool_id(&pool)
            .username("bob")
            .user_attributes(attr("email", "b@example.com"))
    };
    create().message_action(MessageActionType::Suppress).send().await.unwrap();
    let before =
        incognito::user_pools::outbox::list(&app.state.user_pools, &pool, Some("bob"), 10).await.unwrap();
    assert!(before.is_empty());

    create().message_action(MessageActionType::Resend).send().await.unwrap();
    let after =
        incognito::user_pools::outbox::list(&app.state.user_pools, &pool, Some("bob"), 10).await.unwrap();
    assert_eq!(after.len(), 1);
    let hash = app.state.store.get_user(&pool, "bob").await.unwrap().unwrap().password_hash;
    assert!(app.state.user_pools.passwords.verify(&after[0].code, hash.as_deref()).await.unwrap());
}

#[tokio::test]
async fn creating_an_existing_username_is_username_exists() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp.admin_create_user().user_pool_id(&pool).username("carol").send().await.unwrap();
    let err = app.idp.admin_create_user().user_pool_id(&pool).username("carol").send().await.unwrap_err();
    assert_eq!(code(&err), "UsernameExistsException");
    assert_eq!(message(&err), "User account already exists");
}

#[tokio::test]
async fn passwords_that_break_the_policy_are_refused_with_aws_messages() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    let err = app
        .idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("dave")
        .temporary_password("short")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidPasswordException");
    assert_eq!(message(&err), "Password did not conform with policy: Password not long enough");
    let missing = app.idp.admin_get_user().user_pool_id(&pool).username("dave").send().await.unwrap_err();
    assert_eq!(code(&missing), "UserNotFoundException", "a refused create writes nothing");

    app.idp.admin_create_user().user_pool_id(&pool).username("dave").send().await.unwrap();
    let err = app
        .idp
        .admin_set_user_password()
        .user_pool_id(&pool)
        .username("dave")
        .password("alllowercase1!")
        .permanent(true)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidPasswordException");
    assert_eq!(
        message(&err),
        "Password did not conform with policy: Password must have uppercase characters"
    );
}

#[tokio::test]
async fn a_permanent_password_confirms_the_user_and_a_temporary_one_forces_a_change() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp.admin_create_user().user_pool_id(&pool).username("erin").send().await.unwrap();
    let set = |permanent| {
        app.idp
            .admin_set_user_password()
            .user_pool_id(&pool)
            .username("erin")
            .password("Correct-Horse-9")
            .permanent(permanent)
            .send()
    };
    set(true).await.unwrap();
    let user = app.idp.admin_get_user().user_pool_id(&pool).username("erin").send().await.unwrap();
    assert_eq!(user.user_status, Some(UserStatusType::Confirmed));
    let hash = app.state.store.get_user(&pool, "erin").await.unwrap().unwrap().password_hash;
    assert!(app.state.user_pools.passwords.verify("Correct-Horse-9", hash.as_deref()).await.unwrap());

    set(false).await.unwrap();
    let user = app.idp.admin_get_user().user_pool_id(&pool).username("erin").send().await.unwrap();
    assert_eq!(user.user_status, Some(UserStatusType::ForceChangePassword));
}

#[tokio::test]
async fn attributes_can_be_updated_and_deleted_within_the_schema() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("frank")
        .user_attributes(attr("email", "f@example.com"))
        .user_attributes(attr("email_verified", "true"))
        .send()
        .await
        .unwrap();

    // Act: change the email without saying it is verified.
    app.idp
        .admin_update_user_attributes()
        .user_pool_id(&pool)
        .username("frank")
        .user_attributes(attr("email", "frank@example.com"))
        .user_attributes(attr("given_name", "Frank"))
        .send()
        .await
        .unwrap();

    // Assert
    let user = app.idp.admin_get_user().user_pool_id(&pool).username("frank").send().await.unwrap();
    assert_eq!(value_of(user.user_attributes(), "email").as_deref(), Some("frank@example.com"));
    assert_eq!(value_of(user.user_attributes(), "email_verified").as_deref(), Some("false"));
    assert_eq!(value_of(user.user_attributes(), "given_name").as_deref(), Some("Frank"));

    app.idp
        .admin_delete_user_attributes()
        .user_pool_id(&pool)
        .username("frank")
        .user_attribute_names("given_name")
        .send()
        .await
        .unwrap();
    let user = app.idp.admin_get_user().user_pool_id(&pool).username("frank").send().await.unwrap();
    assert_eq!(value_of(user.user_attributes(), "given_name"), None);

    let err = app
        .idp
        .admin_update_user_attributes()
        .user_pool_id(&pool)
        .username("frank")
        .user_attributes(attr("custom:nope", "x"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert!(message(&err).contains("Attribute does not exist in the schema."));
}

#[tokio::test]
async fn users_can_be_disabled_enabled_and_deleted() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp.admin_create_user().user_pool_id(&pool).username("gina").send().await.unwrap();
    app.idp.admin_disable_user().user_pool_id(&pool).username("gina").send().await.unwrap();
    let user = app.idp.admin_get_user().user_pool_id(&pool).username("gina").send().await.unwrap();
    assert!(!user.enabled);
    app.idp.admin_enable_user().user_pool_id(&pool).username("gina").send().await.unwrap();
    let user = app.idp.admin_get_user().user_pool_id(&pool).username("gina").send().await.unwrap();
    assert!(user.enabled);

    app.idp.admin_delete_user().user_pool_id(&pool).username("gina").send().await.unwrap();
    let err = app.idp.admin_get_user().user_pool_id(&pool).username("gina").send().await.unwrap_err();
    assert_eq!(code(&err), "UserNotFoundException");
    assert_eq!(message(&err), "User does not exist.");
    let err = app.idp.admin_delete_user().user_pool_id(&pool).username("gina").send().await.unwrap_err();
    assert_eq!(code(&err), "UserNotFoundException");
}

#[tokio::test]
async fn with_email_as_username_the_username_is_the_sub_and_the_email_signs_in() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app
        .idp
        .create_user_pool()
        .pool_name("by-email")
        .username_attributes(UsernameAttributeType::Email)
        .send()
        .await
        .unwrap()
        .user_pool
        .unwrap()
        .id
        .unwrap();

    // Act
    let created = app
        .idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("Hana@Example.com")
        .send()
        .await
        .unwrap()
        .user
        .unwrap();

    // Assert
    let username = created.username.clone().unwrap();
    assert_eq!(Some(username.clone()), value_of(created.attributes(), "sub"));
    assert_eq!(value_of(created.attributes(), "email").as_deref(), Some("Hana@Example.com"));
    let by_email =
        app.idp.admin_get_user().user_pool_id(&pool).username("hana@example.com").send().await.unwrap();
    assert_eq!(by_email.username, username);
    let dup = app
        .idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("hana@example.com")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&dup), "UsernameExistsException");
    assert_eq!(message(&dup), "An account with the given email already exists.");
    let not_email =
        app.idp.admin_create_user().user_pool_id(&pool).username("hana").send().await.unwrap_err();
    assert_eq!(code(&not_email), "InvalidParameterException");
}

#[tokio::test]
async fn case_insensitive_pools_treat_usernames_alike() {
    let app = TestApp::spawn().await;
    let pool = app
        .idp
        .create_user_pool()
        .pool_name("insensitive")
        .username_configuration(UsernameConfigurationType::builder().case_sensitive(false).build().unwrap())
        .send()
        .await
        .unwrap()
        .user_pool
        .unwrap()
        .id
        .unwrap();
    app.idp.admin_create_user().user_pool_id(&pool).username("Ivan").send().await.unwrap();
    let found = app.idp.admin_get_user().user_pool_id(&pool).username("IVAN").send().await.unwrap();
    assert_eq!(found.username, "Ivan");
    let dup = app.idp.admin_create_user().user_pool_id(&pool).username("ivan").send().await.unwrap_err();
    assert_eq!(code(&dup), "UsernameExistsException");

    let sensitive = app.pool().await;
    app.idp.admin_create_user().user_pool_id(&sensitive).username("Ivan").send().await.unwrap();
    app.idp.admin_create_user().user_pool_id(&sensitive).username("ivan").send().await.unwrap();
}

#[tokio::test]
async fn list_users_filters_pages_and_projects_attributes() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    for (name, email) in
        [("u1", "ann@a.io"), ("u2", "anna@a.io"), ("u3", "bea@a.io"), ("u4", "ann@b.io"), ("u5", "cy@a.io")]
    {
        app.idp
            .admin_create_user()
            .user_pool_id(&pool)
            .username(name)
            .user_attributes(attr("email", email))
            .message_action(MessageActionType::Suppress)
            .send()
            .await
            .unwrap();
    }

    // Act + Assert: exact match.
    let exact = app.idp.list_users().user_pool_id(&pool).filter("email = \"ann@a.io\"").send().await.unwrap();
    let names: Vec<_> = exact.users().iter().filter_map(|u| u.username.clone()).collect();
    assert_eq!(names, ["u1"]);

    // Prefix match with a projection.
    let prefix = app
        .idp
        .list_users()
        .user_pool_id(&pool)
        .filter("email ^= \"ann\"")
        .attributes_to_get("email")
        .send()
        .await
        .unwrap();
    let names: Vec<_> = prefix.users().iter().filter_map(|u| u.username.clone()).collect();
    assert_eq!(names, ["u1", "u2", "u4"]);
    assert!(prefix.users().iter().all(|u| u.attributes().len() == 1 && u.attributes()[0].name == "email"));

    // Pages of two over five users.
    let mut seen = Vec::new();
    let mut token = None;
    loop {
        let page = app
            .idp
            .list_users()
            .user_pool_id(&pool)
            .limit(2)
            .set_pagination_token(token)
            .send()
            .await
            .unwrap();
        assert!(page.users().len() <= 2);
        seen.extend(page.users().iter().filter_map(|u| u.username.clone()));
        token = page.pagination_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!(seen, ["u1", "u2", "u3", "u4", "u5"]);

    // Status filter.
    let status = app
        .idp
        .list_users()
        .user_pool_id(&pool)
        .filter("cognito:user_status = \"force_change_password\"")
        .send()
        .await
        .unwrap();
    assert_eq!(status.users().len(), 5);

    // Bad filters.
    let err = app.idp.list_users().user_pool_id(&pool).filter("email").send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert_eq!(message(&err), "Error while parsing filter.");
}
