//! Groups and membership.

use crate::helpers::{TestApp, code, message};

#[tokio::test]
async fn groups_round_trip_and_hold_members() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp.admin_create_user().user_pool_id(&pool).username("alice").send().await.unwrap();
    app.idp.admin_create_user().user_pool_id(&pool).username("bob").send().await.unwrap();
    let role = "arn:aws:iam::123456789012:role/admins";

    // Act
    let created = app
        .idp
        .create_group()
        .user_pool_id(&pool)
        .group_name("admins")
        .description("the admins")
        .precedence(1)
        .role_arn(role)
        .send()
        .await
        .unwrap()
        .group
        .unwrap();
    app.idp.create_group().user_pool_id(&pool).group_name("readers").send().await.unwrap();
    for (user, group) in [("alice", "admins"), ("alice", "readers"), ("bob", "readers"), ("bob", "readers")] {
        app.idp
            .admin_add_user_to_group()
            .user_pool_id(&pool)
            .username(user)
            .group_name(group)
            .send()
            .await
            .unwrap();
    }

    // Assert
    assert_eq!(created.precedence, Some(1));
    assert_eq!(created.role_arn.as_deref(), Some(role));
    let got =
        app.idp.get_group().user_pool_id(&pool).group_name("admins").send().await.unwrap().group.unwrap();
    assert_eq!(got.description.as_deref(), Some("the admins"));
    let groups = app.idp.list_groups().user_pool_id(&pool).send().await.unwrap();
    assert_eq!(groups.groups().len(), 2);
    let of_alice =
        app.idp.admin_list_groups_for_user().user_pool_id(&pool).username("alice").send().await.unwrap();
    let names: Vec<_> = of_alice.groups().iter().filter_map(|g| g.group_name.clone()).collect();
    assert_eq!(names, ["admins", "readers"]);
    let readers =
        app.idp.list_users_in_group().user_pool_id(&pool).group_name("readers").send().await.unwrap();
    let names: Vec<_> = readers.users().iter().filter_map(|u| u.username.clone()).collect();
    assert_eq!(names, ["alice", "bob"], "adding a member twice keeps one membership");

    // Act: update only the precedence; other members keep their values.
    let updated = app
        .idp
        .update_group()
        .user_pool_id(&pool)
        .group_name("admins")
        .precedence(5)
        .send()
        .await
        .unwrap()
        .group
        .unwrap();
    assert_eq!(updated.precedence, Some(5));
    assert_eq!(updated.role_arn.as_deref(), Some(role));

    app.idp
        .admin_remove_user_from_group()
        .user_pool_id(&pool)
        .username("alice")
        .group_name("readers")
        .send()
        .await
        .unwrap();
    let readers =
        app.idp.list_users_in_group().user_pool_id(&pool).group_name("readers").send().await.unwrap();
    assert_eq!(readers.users().len(), 1);

    app.idp.delete_group().user_pool_id(&pool).group_name("admins").send().await.unwrap();
    let of_alice =
        app.idp.admin_list_groups_for_user().user_pool_id(&pool).username("alice").send().await.unwrap();
    assert!(of_alice.groups().is_empty(), "deleting a group drops its memberships");
    let err = app.idp.get_group().user_pool_id(&pool).group_name("admins").send().await.unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
    assert_eq!(message(&err), "Group not found.");
}

#[tokio::test]
async fn group_errors_follow_aws() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp.create_group().user_pool_id(&pool).group_name("g").send().await.unwrap();

    let cases = [
        (
            "duplicate group",
            app.idp.create_group().user_pool_id(&pool).group_name("g").send().await.map(|_| ()).unwrap_err(),
            "GroupExistsException",
        ),
        (
            "bad role arn",
            app.idp
                .create_group()
                .user_pool_id(&pool)
                .group_name("h")
                .role_arn("not-an-arn-at-all-really")
                .send()
                .await
                .map(|_| ())
                .unwrap_err(),
            "InvalidParameterException",
        ),
        (
            "negative precedence",
            app.idp
                .create_group()
                .user_pool_id(&pool)
                .group_name("h")
                .precedence(-1)
                .send()
                .await
                .map(|_| ())
                .unwrap_err(),
            "InvalidParameterException",
        ),
        (
            "unknown pool",
            app.idp
                .create_group()
                .user_pool_id("us-east-1_nopool000")
                .group_name("h")
                .send()
                .await
                .map(|_| ())
                .unwrap_err(),
            "ResourceNotFoundException",
        ),
    ];
    for (description, err, expected) in cases {
        assert_eq!(code(&err), expected, "{description}");
    }
    let no_user = app
        .idp
        .admin_add_user_to_group()
        .user_pool_id(&pool)
        .username("ghost")
        .group_name("g")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&no_user), "UserNotFoundException");
    let no_group =
        app.idp.list_users_in_group().user_pool_id(&pool).group_name("nope").send().await.unwrap_err();
    assert_eq!(code(&no_group), "ResourceNotFoundException");
}
