//! The OAuth management operations through the AWS SDK: user pool domains, resource
//! servers and the OAuth settings of app clients, validated with AWS's errors.

use aws_sdk_cognitoidentityprovider::types::{
    OAuthFlowType, ResourceServerScopeType, TimeUnitsType, TokenValidityUnitsType,
};

use crate::helpers::{TestApp, code, message};

fn scope(name: &str) -> ResourceServerScopeType {
    ResourceServerScopeType::builder()
        .scope_name(name)
        .scope_description(format!("{name} things"))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_domain_is_created_described_guards_its_pool_and_is_deleted() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    let prefix = format!("app-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    app.idp.create_user_pool_domain().user_pool_id(&pool).domain(&prefix).send().await.unwrap();

    let d =
        app.idp.describe_user_pool_domain().domain(&prefix).send().await.unwrap().domain_description.unwrap();
    assert_eq!(d.user_pool_id(), Some(pool.as_str()));
    assert_eq!(d.domain(), Some(prefix.as_str()));
    assert_eq!(d.status().map(|s| s.as_str()), Some("ACTIVE"));
    let described = app.idp.describe_user_pool().user_pool_id(&pool).send().await.unwrap().user_pool.unwrap();
    assert_eq!(described.domain(), Some(prefix.as_str()));

    // An unknown domain is an empty description, not an error (how Terraform tests absence).
    let none = app.idp.describe_user_pool_domain().domain("nobody-here").send().await.unwrap();
    assert!(none.domain_description.is_none_or(|d| d.domain.is_none()));

    // Taken by this pool: another pool cannot have it, nor this pool a second prefix.
    let other = app.pool().await;
    let err =
        app.idp.create_user_pool_domain().user_pool_id(&other).domain(&prefix).send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    let err =
        app.idp.create_user_pool_domain().user_pool_id(&pool).domain("second-one").send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    // The model's pattern and the reserved words.
    for bad in ["Upper", "-dash", "my.app", "my-aws-app"] {
        let err =
            app.idp.create_user_pool_domain().user_pool_id(&other).domain(bad).send().await.unwrap_err();
        assert_eq!(code(&err), "InvalidParameterException", "{bad}");
    }
    let err = app
        .idp
        .create_user_pool_domain()
        .user_pool_id("us-east-1_Nope00000")
        .domain("free-name")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");

    let err = app.idp.delete_user_pool().user_pool_id(&pool).send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert_eq!(
        message(&err),
        "User pool cannot be deleted. It has a domain configured that should be deleted first."
    );
    app.idp.delete_user_pool_domain().user_pool_id(&pool).domain(&prefix).send().await.unwrap();
    app.idp.delete_user_pool().user_pool_id(&pool).send().await.unwrap();
    // The name is free again.
    app.idp.create_user_pool_domain().user_pool_id(&other).domain(&prefix).send().await.unwrap();
}

#[tokio::test]
async fn resource_servers_hold_scopes_that_clients_may_be_granted() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    let rs = app
        .idp
        .create_resource_server()
        .user_pool_id(&pool)
        .identifier("https://api.example.com")
        .name("orders api")
        .scopes(scope("read"))
        .scopes(scope("write"))
        .send()
        .await
        .unwrap()
        .resource_server
        .unwrap();
    assert_eq!(rs.scopes().len(), 2);
    let err = app
        .idp
        .create_resource_server()
        .user_pool_id(&pool)
        .identifier("https://api.example.com")
        .name("again")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    for i in 0..3 {
        app.idp
            .create_resource_server()
            .user_pool_id(&pool)
            .identifier(format!("rs{i}"))
            .name("n")
            .send()
            .await
            .unwrap();
    }
    let first = app.idp.list_resource_servers().user_pool_id(&pool).max_results(2).send().await.unwrap();
    assert_eq!(first.resource_servers().len(), 2);
    let rest = app
        .idp
        .list_resource_servers()
        .user_pool_id(&pool)
        .max_results(2)
        .next_token(first.next_token().expect("a second page"))
        .send()
        .await
        .unwrap();
    assert_eq!(rest.resource_servers().len(), 2);
    assert!(rest.next_token().is_none());

    // A client may be granted existing custom scopes only.
    let err = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("m2m")
        .generate_secret(true)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::ClientCredentials)
        .allowed_o_auth_scopes("https://api.example.com/delete")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "ScopeDoesNotExistException");
    let client = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("m2m")
        .generate_secret(true)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::ClientCredentials)
        .allowed_o_auth_scopes("https://api.example.com/read")
        .allowed_o_auth_scopes("https://api.example.com/write")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    // Updating the server drops a vanished scope from the client.
    app.idp
        .update_resource_server()
        .user_pool_id(&pool)
        .identifier("https://api.example.com")
        .name("orders api")
        .scopes(scope("read"))
        .send()
        .await
        .unwrap();
    let described = app
        .idp
        .describe_user_pool_client()
        .user_pool_id(&pool)
        .client_id(client.client_id().unwrap())
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    assert_eq!(described.allowed_o_auth_scopes(), ["https://api.example.com/read"]);
    app.idp.delete_resource_server().user_pool_id(&pool).identifier("rs0").send().await.unwrap();
    let err =
        app.idp.describe_resource_server().user_pool_id(&pool).identifier("rs0").send().await.unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
}

#[tokio::test]
async fn client_oauth_settings_are_validated_as_aws_does() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    let base = || app.idp.create_user_pool_client().user_pool_id(&pool).client_name("web");
    let cases = [
        (
            base().allowed_o_auth_flows_user_pool_client(true).allowed_o_auth_flows(OAuthFlowType::Code),
            "InvalidParameterException",
            "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
        ),
        (
            base()
                .generate_secret(true)
                .allowed_o_auth_flows_user_pool_client(true)
                .allowed_o_auth_flows(OAuthFlowType::ClientCredentials)
                .allowed_o_auth_flows(OAuthFlowType::Code)
                .allowed_o_auth_scopes("openid")
                .callback_urls("https://app.example.com/cb"),
            "InvalidOAuthFlowException",
            "client_credentials flow can not be selected along with code flow or implicit flow.",
        ),
        (
            base()
                .allowed_o_auth_flows_user_pool_client(true)
                .allowed_o_auth_flows(OAuthFlowType::ClientCredentials)
                .allowed_o_auth_scopes("openid"),
            "InvalidOAuthFlowException",
            "client_credentials flow can not be selected if client does not have a client secret.",
        ),
        (
            base()
                .generate_secret(true)
                .allowed_o_auth_flows_user_pool_client(true)
                .allowed_o_auth_flows(OAuthFlowType::ClientCredentials)
                .allowed_o_auth_scopes("openid"),
            "InvalidOAuthFlowException",
            "openid is not supported with client_credentials flow",
        ),
        (
            base()
                .allowed_o_auth_flows_user_pool_client(true)
                .allowed_o_auth_flows(OAuthFlowType::Code)
                .allowed_o_auth_scopes("openid"),
            "InvalidOAuthFlowException",
            "CallbackUrls can not be empty when code flow or implicit flow is selected",
        ),
    ];
    for (request, expected_code, expected_message) in cases {
        let err = request.send().await.unwrap_err();
        assert_eq!((code(&err).as_str(), message(&err).as_str()), (expected_code, expected_message));
    }
    // Plain http only to loopback; fragments never.
    for bad in [
        "http://app.example.com/cb",
        "https://app.example.com/cb#x",
        "not a url",
        "http://localhost:1@evil.example/cb",
        "javascript://localhost/%0aalert(1)",
    ] {
        let err = base()
            .allowed_o_auth_flows_user_pool_client(true)
            .allowed_o_auth_flows(OAuthFlowType::Code)
            .allowed_o_auth_scopes("openid")
            .callback_urls(bad)
            .send()
            .await
            .unwrap_err();
        assert_eq!(code(&err), "InvalidParameterException", "{bad}");
    }
    let ok = base()
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .callback_urls("http://localhost:3000/cb")
        .callback_urls("myapp://cb")
        .default_redirect_uri("myapp://cb")
        .supported_identity_providers("COGNITO")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    assert_eq!(ok.callback_urls().len(), 2);
    assert_eq!(ok.allowed_o_auth_flows_user_pool_client(), Some(true));

    // Token validity is checked in its units: 10 minutes is fine, 2 days of access is not.
    let units = |u: TimeUnitsType| TokenValidityUnitsType::builder().access_token(u).build();
    base()
        .access_token_validity(10)
        .token_validity_units(units(TimeUnitsType::Minutes))
        .send()
        .await
        .unwrap();
    let err = base()
        .access_token_validity(2)
        .token_validity_units(units(TimeUnitsType::Days))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        (code(&err).as_str(), message(&err).as_str()),
        ("InvalidParameterException", "Invalid range for token validity.")
    );
}
