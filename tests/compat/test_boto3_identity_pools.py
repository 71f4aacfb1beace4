"""boto3, unchanged, against a running incognito server: identity-pool management
(cognito-identity). Written as for real AWS; only the endpoint and admin credentials are
incognito's (``INCOGNITO_URL``, ``INCOGNITO_ADMIN_ACCESS_KEY_ID``,
``INCOGNITO_ADMIN_SECRET_ACCESS_KEY``). GetId and credentials are not implemented yet.
"""

from __future__ import annotations

import os
import re
import uuid

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
IDENTITY_POOL_ID_RE = re.compile(r"^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(scope="session")
def ident():
    return boto3.client(
        "cognito-identity",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
        config=Config(retries={"max_attempts": 1}),
    )


@pytest.fixture
def pool(ident):
    created = ident.create_identity_pool(
        IdentityPoolName=f"compat-{uuid.uuid4().hex[:12]}",
        AllowUnauthenticatedIdentities=False,
        IdentityPoolTags={"suite": "compat"},
    )
    yield created
    try:
        ident.delete_identity_pool(IdentityPoolId=created["IdentityPoolId"])
    except ClientError:
        pass


def test_create_describe_update_delete(ident, pool):
    pool_id = pool["IdentityPoolId"]
    assert IDENTITY_POOL_ID_RE.match(pool_id)
    described = ident.describe_identity_pool(IdentityPoolId=pool_id)
    assert described["IdentityPoolName"] == pool["IdentityPoolName"]
    assert described["AllowUnauthenticatedIdentities"] is False

    ident.update_identity_pool(
        IdentityPoolId=pool_id,
        IdentityPoolName="renamed",
        AllowUnauthenticatedIdentities=True,
        SupportedLoginProviders={"accounts.google.com": "123.apps.googleusercontent.com"},
    )
    described = ident.describe_identity_pool(IdentityPoolId=pool_id)
    assert described["IdentityPoolName"] == "renamed"
    assert described["SupportedLoginProviders"] == {"accounts.google.com": "123.apps.googleusercontent.com"}

    ident.delete_identity_pool(IdentityPoolId=pool_id)
    with pytest.raises(ClientError) as e:
        ident.describe_identity_pool(IdentityPoolId=pool_id)
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_list_paginates(ident, pool):
    ids = []
    for page in ident.get_paginator("list_identity_pools").paginate(MaxResults=1):
        ids += [p["IdentityPoolId"] for p in page["IdentityPools"]]
    assert pool["IdentityPoolId"] in ids


def test_tags_and_roles(ident, pool):
    pool_id = pool["IdentityPoolId"]
    account = os.environ.get("INCOGNITO_ACCOUNT_ID", "000000000000")
    arn = f"arn:aws:cognito-identity:{REGION}:{account}:identitypool/{pool_id}"
    ident.tag_resource(ResourceArn=arn, Tags={"team": "platform"})
    tags = ident.list_tags_for_resource(ResourceArn=arn)["Tags"]
    assert tags == {"suite": "compat", "team": "platform"}
    ident.untag_resource(ResourceArn=arn, TagKeys=["suite"])
    assert ident.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"team": "platform"}

    role = "arn:aws:iam::123456789012:role/authenticated"
    ident.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role})
    assert ident.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"] == {"authenticated": role}


def test_validation_errors(ident):
    with pytest.raises(ClientError) as e:
        ident.create_identity_pool(IdentityPoolName="bad/name", AllowUnauthenticatedIdentities=False)
    assert e.value.response["Error"]["Code"] == "InvalidParameterException"
    assert e.value.response["Error"]["Message"].startswith("1 validation error detected: ")
