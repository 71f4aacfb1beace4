"""boto3 (and the AWS CLI), unchanged, against a running incognito server: the IAM subset
(roles, inline policies, OpenID Connect providers) and STS (GetCallerIdentity,
AssumeRoleWithWebIdentity) with credentials from an identity pool. Written as for real AWS;
only the endpoint and admin credentials are incognito's (``INCOGNITO_URL``,
``INCOGNITO_ADMIN_ACCESS_KEY_ID``, ``INCOGNITO_ADMIN_SECRET_ACCESS_KEY``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
ENDPOINT = os.environ.get("INCOGNITO_URL", "http://127.0.0.1:9229")
ACCESS_KEY_ID = os.environ.get("INCOGNITO_ADMIN_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
SECRET_ACCESS_KEY = os.environ.get(
    "INCOGNITO_ADMIN_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)
ACCOUNT = os.environ.get("INCOGNITO_ACCOUNT_ID", "000000000000")
NO_RETRIES = Config(retries={"max_attempts": 1})


def client(service, **credentials):
    if not credentials:
        credentials = {"aws_access_key_id": ACCESS_KEY_ID, "aws_secret_access_key": SECRET_ACCESS_KEY}
    return boto3.client(service, region_name=REGION, endpoint_url=ENDPOINT, config=NO_RETRIES, **credentials)


@pytest.fixture(scope="session")
def iam():
    return client("iam")


@pytest.fixture(scope="session")
def ident():
    return client("cognito-identity")


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def trust_policy(pool_id: str, amr: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
                },
            }
        ],
    }


INVOKE_ORDERS = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:orders/*"}],
}


def test_roles_and_inline_policies_round_trip(iam):
    name = unique("compat-role")
    trust = trust_policy("us-east-1:00000000-0000-4000-8000-000000000001", "authenticated")
    created = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust), Description="compat")["Role"]
    assert created["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/{name}"
    assert created["RoleId"].startswith("AROA") and len(created["RoleId"]) == 21
    # botocore URL-decodes and parses policy documents, as with AWS.
    assert created["AssumeRolePolicyDocument"] == trust

    fetched = iam.get_role(RoleName=name)["Role"]
    assert fetched["RoleId"] == created["RoleId"]
    assert fetched["Description"] == "compat"
    assert fetched["MaxSessionDuration"] == 3600
    assert name in [r["RoleName"] for page in iam.get_paginator("list_roles").paginate() for r in page["Roles"]]

    iam.put_role_policy(RoleName=name, PolicyName="invoke-orders", PolicyDocument=json.dumps(INVOKE_ORDERS))
    assert iam.get_role_policy(RoleName=name, PolicyName="invoke-orders")["PolicyDocument"] == INVOKE_ORDERS
    assert iam.list_role_policies(RoleName=name)["PolicyNames"] == ["invoke-orders"]

    with pytest.raises(iam.exceptions.DeleteConflictException):
        iam.delete_role(RoleName=name)
    iam.delete_role_policy(RoleName=name, PolicyName="invoke-orders")
    iam.delete_role(RoleName=name)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as e:
        iam.get_role(RoleName=name)
    assert e.value.response["Error"]["Message"] == f"The role with name {name} cannot be found."
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_iam_errors(iam):
    name = unique("compat-dup")
    trust = json.dumps(trust_policy("us-east-1:x", "authenticated"))
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)
    try:
        with pytest.raises(iam.exceptions.EntityAlreadyExistsException):
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)
        with pytest.raises(iam.exceptions.MalformedPolicyDocumentException) as e:
            iam.put_role_policy(RoleName=name, PolicyName="p", PolicyDocument="{nope")
        assert e.value.response["Error"]["Message"] == "Syntax errors in policy."
        with pytest.raises(ClientError) as e:
            iam.create_role(RoleName="bad name", AssumeRolePolicyDocument=trust)
        assert e.value.response["Error"]["Code"] == "ValidationError"
    finally:
        iam.delete_role(RoleName=name)


def test_open_id_connect_providers(iam):
    host = f"{uuid.uuid4().hex[:8]}.issuer.example.com"
    arn = iam.create_open_id_connect_provider(
        Url=f"https://{host}", ClientIDList=["app-client"], ThumbprintList=["a" * 40]
    )["OpenIDConnectProviderArn"]
    assert arn == f"arn:aws:iam::{ACCOUNT}:oidc-provider/{host}"
    fetched = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert fetched["Url"] == host
    assert fetched["ClientIDList"] == ["app-client"]
    assert arn in [p["Arn"] for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)


def test_caller_identity_of_the_operator_is_the_account_root():
    identity = client("sts").get_caller_identity()
    assert identity["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"
    assert identity["Account"] == ACCOUNT


@pytest.fixture
def unauth_pool(iam, ident):
    """An identity pool with unauthenticated identities and a role that trusts them."""
    # Classic flow: GetOpenIdToken for AssumeRoleWithWebIdentity, as with AWS.
    pool_id = ident.create_identity_pool(
        IdentityPoolName=unique("compat-sts"), AllowUnauthenticatedIdentities=True, AllowClassicFlow=True
    )["IdentityPoolId"]
    role = unique("compat-guest")
    arn = iam.create_role(
        RoleName=role, AssumeRolePolicyDocument=json.dumps(trust_policy(pool_id, "unauthenticated"))
    )["Role"]["Arn"]
    ident.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"unauthenticated": arn})
    yield pool_id, role, arn
    ident.delete_identity_pool(IdentityPoolId=pool_id)
    iam.delete_role(RoleName=role)


def test_identity_pool_credentials_work_with_sts(ident, unauth_pool):
    pool_id, role, _ = unauth_pool
    identity_id = ident.get_id(IdentityPoolId=pool_id)["IdentityId"]
    creds = ident.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA")
    assert len(creds["SecretKey"]) == 40

    sts = client(
        "sts",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretKey"],
        aws_session_token=creds["SessionToken"],
    )
    identity = sts.get_caller_identity()
    assert identity["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/CognitoIdentityCredentials"
    assert identity["UserId"].startswith("AROA") and identity["UserId"].endswith(":CognitoIdentityCredentials")

    tampered = client(
        "sts",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretKey"],
        aws_session_token=creds["SessionToken"][:-4] + "AAAA",
    )
    with pytest.raises(ClientError) as e:
        tampered.get_caller_identity()
    assert e.value.response["Error"]["Code"] == "InvalidClientTokenId"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

    wrong_secret = client(
        "sts",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key="x" * 40,
        aws_session_token=creds["SessionToken"],
    )
    with pytest.raises(ClientError) as e:
        wrong_secret.get_caller_identity()
    assert e.value.response["Error"]["Code"] == "SignatureDoesNotMatch"


def test_assume_role_with_web_identity(ident, unauth_pool):
    pool_id, role, arn = unauth_pool
    identity_id = ident.get_id(IdentityPoolId=pool_id)["IdentityId"]
    token = ident.get_open_id_token(IdentityId=identity_id)["Token"]
    sts = boto3.client("sts", region_name=REGION, endpoint_url=ENDPOINT, config=Config(signature_version=UNSIGNED))

    assumed = sts.assume_role_with_web_identity(RoleArn=arn, RoleSessionName="web", WebIdentityToken=token)
    assert assumed["SubjectFromWebIdentityToken"] == identity_id
    assert assumed["Audience"] == pool_id
    assert assumed["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/web"
    c = assumed["Credentials"]
    me = client(
        "sts",
        aws_access_key_id=c["AccessKeyId"],
        aws_secret_access_key=c["SecretAccessKey"],
        aws_session_token=c["SessionToken"],
    ).get_caller_identity()
    assert me["Arn"] == assumed["AssumedRoleUser"]["Arn"]

    with pytest.raises(ClientError) as e:
        sts.assume_role_with_web_identity(
            RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{unique('missing')}", RoleSessionName="web", WebIdentityToken=token
        )
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    assert e.value.response["Error"]["Message"] == "Not authorized to perform sts:AssumeRoleWithWebIdentity"
    with pytest.raises(sts.exceptions.InvalidIdentityTokenException):
        sts.assume_role_with_web_identity(RoleArn=arn, RoleSessionName="web", WebIdentityToken="not.a.token")


def aws_cli() -> str | None:
    beside = Path(sys.executable).parent / "aws"
    return str(beside) if beside.exists() else shutil.which("aws")


def test_aws_cli_get_caller_identity_with_identity_pool_credentials(ident, unauth_pool):
    cli = aws_cli()
    if cli is None:
        pytest.skip("the AWS CLI (awscli in requirements.txt) is not installed")
    pool_id, role, _ = unauth_pool
    identity_id = ident.get_id(IdentityPoolId=pool_id)["IdentityId"]
    creds = ident.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_ACCESS_KEY_ID": creds["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": creds["SecretKey"],
        "AWS_SESSION_TOKEN": creds["SessionToken"],
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    }
    out = subprocess.run(
        [cli, "sts", "get-caller-identity", "--endpoint-url", ENDPOINT, "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    identity = json.loads(out.stdout)
    assert identity["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/CognitoIdentityCredentials"
