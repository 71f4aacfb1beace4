"""The DESIGN.md federation script runs unchanged against incognito (a subprocess with only
AWS_ENDPOINT_URL, region and credentials in its environment) and prints credentials that STS
accepts: GetCallerIdentity answers with the assumed role, through boto3 and the AWS CLI when
it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
ENDPOINT = os.environ.get("INCOGNITO_URL", "http://127.0.0.1:9229")
ACCESS_KEY_ID = os.environ.get("INCOGNITO_ADMIN_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
SECRET_ACCESS_KEY = os.environ.get(
    "INCOGNITO_ADMIN_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)
SCRIPT = Path(__file__).parent / "scripts" / "design_federation.py"
PASSWORD = "Correct-Horse-9"
TRUST = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
    '"Principal":{"Federated":"cognito-identity.amazonaws.com"},'
    '"Action":"sts:AssumeRoleWithWebIdentity",'
    '"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"%s"},'
    '"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}'
)


def client(name, **creds):
    creds = creds or {"aws_access_key_id": ACCESS_KEY_ID, "aws_secret_access_key": SECRET_ACCESS_KEY}
    return boto3.client(
        name, region_name=REGION, endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1}), **creds
    )


@pytest.fixture
def setup():
    idp, ident, iam = client("cognito-idp"), client("cognito-identity"), client("iam")
    pool = idp.create_user_pool(PoolName=f"design-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]
    app = idp.create_user_pool_client(
        UserPoolId=pool, ClientName="app", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool, Username="alice", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username="alice", Password=PASSWORD, Permanent=True)
    ipool = ident.create_identity_pool(
        IdentityPoolName="design",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[
            {"ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{pool}", "ClientId": app}
        ],
    )["IdentityPoolId"]
    role_name = f"design-{uuid.uuid4().hex[:8]}"
    role = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument=TRUST % ipool)["Role"]
    ident.set_identity_pool_roles(IdentityPoolId=ipool, Roles={"authenticated": role["Arn"]})
    yield {"POOL": pool, "CLIENT": app, "IPOOL": ipool, "role_name": role_name, "role_arn": role["Arn"]}
    for cleanup in (
        lambda: ident.delete_identity_pool(IdentityPoolId=ipool),
        lambda: iam.delete_role(RoleName=role_name),
        lambda: idp.delete_user_pool(UserPoolId=pool),
    ):
        try:
            cleanup()
        except ClientError:
            pass


def run_script(ids):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_ENDPOINT_URL": ENDPOINT,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "POOL": ids["POOL"],
        "CLIENT": ids["CLIENT"],
        "IPOOL": ids["IPOOL"],
        "USERNAME_": "alice",
        "PASSWORD_": PASSWORD,
    }
    done = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_design_script_prints_credentials_that_sts_accepts(setup):
    key, secret, token = run_script(setup)
    assert key.startswith("ASIA") and len(key) == 20
    assert len(secret) == 40

    sts = client("sts", aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token)
    who = sts.get_caller_identity()

    assert who["Arn"] == f"arn:aws:sts::{who['Account']}:assumed-role/{setup['role_name']}/CognitoIdentityCredentials"

    tampered = client(
        "sts", aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token[:-4] + "AAAA"
    )
    with pytest.raises(ClientError) as refused:
        tampered.get_caller_identity()
    assert refused.value.response["Error"]["Code"] in ("InvalidClientTokenId", "ExpiredToken")


@pytest.mark.skipif(shutil.which("aws") is None and not (Path(sys.executable).parent / "aws").exists(),
                    reason="AWS CLI not installed")
def test_aws_cli_get_caller_identity_with_the_credentials(setup):
    key, secret, token = run_script(setup)
    aws = shutil.which("aws") or str(Path(sys.executable).parent / "aws")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_ENDPOINT_URL": ENDPOINT,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": key,
        "AWS_SECRET_ACCESS_KEY": secret,
        "AWS_SESSION_TOKEN": token,
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    }
    done = subprocess.run([aws, "sts", "get-caller-identity", "--output", "text", "--query", "Arn"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f":assumed-role/{setup['role_name']}/CognitoIdentityCredentials")
