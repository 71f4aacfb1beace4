"""pycognito, unchanged, against a running incognito server: USER_SRP_AUTH.

pycognito's ``Cognito.authenticate(password)`` runs the SRP flow (InitiateAuth with
USER_SRP_AUTH, then RespondToAuthChallenge with PASSWORD_VERIFIER) with its own SRP client
(``pycognito.aws_srp.AWSSRP``), then checks the tokens against the pool's JWKS. Its boto3 client
is pointed at ``INCOGNITO_URL`` through ``boto3_client_kwargs`` and sends unsigned requests, as
an app would. Users are created with the admin credentials (see test_boto3_auth.py).
"""

from __future__ import annotations

import os
import uuid

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from pycognito import Cognito

REGION = "us-east-1"
ENDPOINT = os.environ.get("INCOGNITO_URL", "http://127.0.0.1:9229").rstrip("/")
ACCESS_KEY_ID = os.environ.get("INCOGNITO_ADMIN_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
SECRET_ACCESS_KEY = os.environ.get(
    "INCOGNITO_ADMIN_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)
PASSWORD = "First-Passw0rd!"
WRONG_PASSWORD = "Wrong-Passw0rd!"


@pytest.fixture()
def admin():
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    )


@pytest.fixture()
def pool(admin):
    """A pool with a public client on AWS's default flows (SRP included) and a user."""
    pool_id = admin.create_user_pool(PoolName=f"srp-{uuid.uuid4().hex[:12]}")["UserPool"]["Id"]
    client_id = admin.create_user_pool_client(UserPoolId=pool_id, ClientName="app")[
        "UserPoolClient"
    ]["ClientId"]
    admin.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    admin.admin_set_user_password(
        UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True
    )
    yield pool_id, client_id
    admin.delete_user_pool(UserPoolId=pool_id)


def cognito(pool_id: str, client_id: str, username: str) -> Cognito:
    return Cognito(
        pool_id,
        client_id,
        username=username,
        user_pool_region=REGION,
        botocore_config=Config(signature_version=UNSIGNED),
        boto3_client_kwargs={"endpoint_url": ENDPOINT},
    )


def test_pycognito_signs_in_with_srp(pool):
    pool_id, client_id = pool
    user = cognito(pool_id, client_id, "alice")
    user.authenticate(PASSWORD)
    assert user.access_token and user.id_token and user.refresh_token
    assert user.access_claims["username"] == "alice"
    assert user.access_claims["client_id"] == client_id
    # The tokens work against the server.
    assert user.get_user().username == "alice"


def test_pycognito_wrong_password_is_not_authorized(pool):
    pool_id, client_id = pool
    with pytest.raises(ClientError) as excinfo:
        cognito(pool_id, client_id, "alice").authenticate(WRONG_PASSWORD)
    error = excinfo.value.response["Error"]
    assert error["Code"] == "NotAuthorizedException", error
    assert error["Message"] == "Incorrect username or password."
