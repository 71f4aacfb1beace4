"""boto3, unchanged, against a running incognito server: user pools, clients, users, groups.

Every test here is written as it would be for real AWS Cognito: only documented boto3 calls,
errors checked through ``e.response['Error']``. The only incognito-specific input is the
endpoint (``INCOGNITO_URL``, default http://127.0.0.1:9229) and the admin credentials
(``INCOGNITO_ADMIN_ACCESS_KEY_ID`` / ``INCOGNITO_ADMIN_SECRET_ACCESS_KEY``).

Each test gets its own freshly created user pool (unique name) and deletes it at the end.
"""

from __future__ import annotations

import datetime
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

POOL_ID_RE = re.compile(r"^us-east-1_[0-9A-Za-z]{9}$")
POOL_ARN_RE = re.compile(r"^arn:aws:cognito-idp:us-east-1:(\d{12}):userpool/(.+)$")
CLIENT_ID_RE = re.compile(r"^[a-z0-9]{26}$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
POLICY_MESSAGE_RE = re.compile(r"^Password (did not conform with|does not conform to) policy: ")

PASSWORD_POLICY = {
    "MinimumLength": 10,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}
TENANT_SCHEMA = {
    "Name": "tenant",
    "AttributeDataType": "String",
    "Mutable": True,
    "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"},
}
TEMP_PASSWORD = "Temp-Passw0rd!"
PERMANENT_PASSWORD = "Perm-Passw0rd!x"
# Has upper, lower, digit and symbol: it violates MinimumLength=10 and nothing else.
SHORT_PASSWORD = "Sh0rt!ab"
ROLE_ARN = "arn:aws:iam::123456789012:role/incognito-compat-group"
OTHER_ROLE_ARN = "arn:aws:iam::123456789012:role/incognito-compat-group-2"


# --------------------------------------------------------------------------- helpers


def unique_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def attributes(attribute_list) -> dict:
    """[{'Name': n, 'Value': v}, ...] -> {n: v}"""
    return {a["Name"]: a["Value"] for a in attribute_list}


def error_of(excinfo) -> dict:
    return excinfo.value.response["Error"]


def create_user(idp, pool_id: str, username: str, **user_attributes) -> dict:
    return idp.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword=TEMP_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in user_attributes.items()],
    )["User"]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def idp():
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
        config=Config(connect_timeout=5, read_timeout=60),
    )


@pytest.fixture
def make_pool(idp):
    """Creates user pools on demand and deletes every one of them when the test ends."""
    created: list[str] = []

    def make(**kwargs) -> dict:
        kwargs.setdefault("PoolName", unique_name("compat"))
        pool = idp.create_user_pool(**kwargs)["UserPool"]
        created.append(pool["Id"])
        return pool

    yield make

    for pool_id in created:
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except ClientError as e:  # the test may have deleted it already
            if e.response["Error"]["Code"] != "ResourceNotFoundException":
                raise


@pytest.fixture
def pool(make_pool) -> dict:
    """A pool with a strict password policy and a custom:tenant String attribute."""
    return make_pool(
        Policies={"PasswordPolicy": dict(PASSWORD_POLICY)},
        Schema=[dict(TENANT_SCHEMA)],
    )


@pytest.fixture
def pool_id(pool) -> str:
    return pool["Id"]


# --------------------------------------------------------------------------- user pools


def test_a_new_pool_has_a_cognito_shaped_id_and_arn(idp, pool):
    assert POOL_ID_RE.match(pool["Id"]), pool["Id"]
    arn = POOL_ARN_RE.match(pool["Arn"])
    assert arn, pool["Arn"]
    assert arn.group(2) == pool["Id"]
    assert isinstance(pool["CreationDate"], datetime.datetime)
    assert isinstance(pool["LastModifiedDate"], datetime.datetime)


def test_describe_user_pool_returns_the_name_policy_and_custom_attribute(idp, pool):
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]

    assert described["Id"] == pool["Id"]
    assert described["Name"] == pool["Name"]
    assert described["Arn"] == pool["Arn"]
    policy = described["Policies"]["PasswordPolicy"]
    for key, value in PASSWORD_POLICY.items():
        assert policy[key] == value, key

    schema = {a["Name"]: a for a in described["SchemaAttributes"]}
    assert "sub" in schema and "email" in schema
    tenant = schema["custom:tenant"]
    assert tenant["AttributeDataType"] == "String"
    assert tenant["Mutable"] is True
    assert tenant["StringAttributeConstraints"]["MaxLength"] == "64"
    assert "tenant" not in schema


def test_describing_an_unknown_pool_is_resource_not_found(idp):
    with pytest.raises(ClientError) as excinfo:
        idp.describe_user_pool(UserPoolId="us-east-1_doesnotex")
    error = error_of(excinfo)
    assert error["Code"] == "ResourceNotFoundException"
    assert error["Message"] == "User pool us-east-1_doesnotex does not exist."
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_update_user_pool_replaces_the_password_policy(idp, pool_id):
    new_policy = dict(PASSWORD_POLICY, MinimumLength=12, RequireSymbols=False)
    idp.update_user_pool(
        UserPoolId=pool_id,
        Policies={"PasswordPolicy": new_policy},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    )

    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    policy = described["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 12
    assert policy["RequireSymbols"] is False
    assert policy["RequireUppercase"] is True
    assert described["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    # The schema is not part of UpdateUserPool and survives it.
    assert "custom:tenant" in {a["Name"] for a in described["SchemaAttributes"]}


def test_list_user_pools_paginator_pages_through_all_pools(idp, make_pool, pool):
    others = [make_pool() for _ in range(2)]
    wanted = {p["Id"]: p["Name"] for p in [pool, *others]}

    found: dict[str, str] = {}
    pages = 0
    paginator = idp.get_paginator("list_user_pools")
    for page in paginator.paginate(PaginationConfig={"PageSize": 2}):
        pages += 1
        assert len(page["UserPools"]) <= 2
        for summary in page["UserPools"]:
            if summary["Id"] in wanted:
                found[summary["Id"]] = summary["Name"]
                assert isinstance(summary["CreationDate"], datetime.datetime)
        if len(found) == len(wanted):
            break

    assert found == wanted
    assert pages >= 2  # three pools cannot fit one page of two


def test_add_custom_attributes_appear_with_the_custom_prefix(idp, pool_id):
    idp.add_custom_attributes(
        UserPoolId=pool_id,
        CustomAttributes=[
            {
                "Name": "plan",
                "AttributeDataType": "String",
                "Mutable": True,
                "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "32"},
            }
        ],
    )

    schema = {
        a["Name"]: a
        for a in idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["SchemaAttributes"]
    }
    assert schema["custom:plan"]["AttributeDataType"] == "String"
    assert "custom:tenant" in schema

    create_user(idp, pool_id, "carol", email="carol@example.com")
    idp.admin_update_user_attributes(
        UserPoolId=pool_id,
        Username="carol",
        UserAttributes=[{"Name": "custom:plan", "Value": "gold"}],
    )
    got = idp.admin_get_user(UserPoolId=pool_id, Username="carol")
    assert attributes(got["UserAttributes"])["custom:plan"] == "gold"


def test_delete_user_pool_makes_it_unknown(idp, make_pool):
    doomed = make_pool()
    idp.delete_user_pool(UserPoolId=doomed["Id"])
    with pytest.raises(ClientError) as excinfo:
        idp.describe_user_pool(UserPoolId=doomed["Id"])
    assert error_of(excinfo)["Code"] == "ResourceNotFoundException"


# --------------------------------------------------------------------------- app clients


def test_a_client_created_with_generate_secret_has_an_id_and_secret(idp, pool_id):
    client = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="compat-client",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]

    assert CLIENT_ID_RE.match(client["ClientId"]), client["ClientId"]
    assert isinstance(client["ClientSecret"], str) and len(client["ClientSecret"]) >= 24
    assert client["ClientName"] == "compat-client"
    assert client["UserPoolId"] == pool_id
    assert set(client["ExplicitAuthFlows"]) == {
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    }


def test_describe_user_pool_client_returns_the_same_secret(idp, pool_id):
    created = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="compat-client", GenerateSecret=True
    )["UserPoolClient"]

    described = idp.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=created["ClientId"]
    )["UserPoolClient"]
    assert described["ClientId"] == created["ClientId"]
    assert described["ClientSecret"] == created["ClientSecret"]
    assert described["ClientName"] == "compat-client"
    assert isinstance(described["CreationDate"], datetime.datetime)


def test_update_user_pool_client_renames_it_and_keeps_the_secret(idp, pool_id):
    created = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="before", GenerateSecret=True
    )["UserPoolClient"]

    updated = idp.update_user_pool_client(
        UserPoolId=pool_id,
        ClientId=created["ClientId"],
        ClientName="after",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    assert updated["ClientName"] == "after"
    assert set(updated["ExplicitAuthFlows"]) == {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}

    described = idp.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=created["ClientId"]
    )["UserPoolClient"]
    assert described["ClientName"] == "after"
    assert described["ClientSecret"] == created["ClientSecret"]


def test_list_user_pool_clients_lists_each_client_without_its_secret(idp, pool_id):
    ids = {
        idp.create_user_pool_client(UserPoolId=pool_id, ClientName=name, GenerateSecret=True)[
            "UserPoolClient"
        ]["ClientId"]: name
        for name in ("first", "second")
    }

    listed = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    assert {c["ClientId"]: c["ClientName"] for c in listed} == ids
    for c in listed:
        assert c["UserPoolId"] == pool_id
        assert "ClientSecret" not in c


def test_delete_user_pool_client_makes_it_unknown(idp, pool_id):
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="doomed", GenerateSecret=True
    )["UserPoolClient"]["ClientId"]

    idp.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)

    with pytest.raises(ClientError) as excinfo:
        idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert error_of(excinfo)["Code"] == "ResourceNotFoundException"
    assert idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"] == []


# --------------------------------------------------------------------------- users


def test_admin_create_user_with_a_temporary_password_must_change_it(idp, pool_id):
    user = create_user(idp, pool_id, "alice", email="alice@example.com")

    assert user["Username"] == "alice"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["Enabled"] is True
    assert isinstance(user["UserCreateDate"], datetime.datetime)
    attrs = attributes(user["Attributes"])
    assert UUID_RE.match(attrs["sub"]), attrs["sub"]
    assert attrs["email"] == "alice@example.com"


def test_admin_get_user_returns_the_created_user(idp, pool_id):
    created = create_user(idp, pool_id, "alice", email="alice@example.com", given_name="Alice")

    got = idp.admin_get_user(UserPoolId=pool_id, Username="alice")
    assert got["Username"] == "alice"
    assert got["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert got["Enabled"] is True
    assert isinstance(got["UserCreateDate"], datetime.datetime)
    assert isinstance(got["UserLastModifiedDate"], datetime.datetime)
    attrs = attributes(got["UserAttributes"])
    assert attrs["sub"] == attributes(created["Attributes"])["sub"]
    assert attrs["email"] == "alice@example.com"
    assert attrs["given_name"] == "Alice"


def test_admin_get_user_for_an_unknown_user_is_user_not_found(idp, pool_id):
    with pytest.raises(ClientError) as excinfo:
        idp.admin_get_user(UserPoolId=pool_id, Username="nobody")
    error = error_of(excinfo)
    assert error["Code"] == "UserNotFoundException"
    assert error["Message"] == "User does not exist."


def test_creating_the_same_username_twice_is_username_exists(idp, pool_id):
    create_user(idp, pool_id, "alice", email="alice@example.com")
    with pytest.raises(ClientError) as excinfo:
        create_user(idp, pool_id, "alice", email="alice2@example.com")
    error = error_of(excinfo)
    assert error["Code"] == "UsernameExistsException"
    assert error["Message"] == "User account already exists"


def test_admin_set_user_password_permanent_confirms_the_user(idp, pool_id):
    create_user(idp, pool_id, "alice", email="alice@example.com")

    idp.admin_set_user_password(
        UserPoolId=pool_id, Username="alice", Password=PERMANENT_PASSWORD, Permanent=True
    )

    assert idp.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"] == "CONFIRMED"


def test_a_password_that_violates_the_policy_is_invalid_password(idp, pool_id):
    create_user(idp, pool_id, "alice", email="alice@example.com")

    with pytest.raises(ClientError) as excinfo:
        idp.admin_set_user_password(
            UserPoolId=pool_id, Username="alice", Password=SHORT_PASSWORD, Permanent=True
        )
    error = error_of(excinfo)
    assert error["Code"] == "InvalidPasswordException"
    assert POLICY_MESSAGE_RE.match(error["Message"]), error["Message"]
    assert error["Message"].endswith("Password not long enough")
    # Nothing changed.
    assert (
        idp.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"]
        == "FORCE_CHANGE_PASSWORD"
    )


def test_admin_update_user_attributes_sets_standard_and_custom_values(idp, pool_id):
    create_user(idp, pool_id, "alice", email="alice@example.com")

    idp.admin_update_user_attributes(
        UserPoolId=pool_id,
        Username="alice",
        UserAttributes=[
            {"Name": "given_name", "Value": "Alice"},
            {"Name": "custom:tenant", "Value": "acme"},
        ],
    )

    attrs = attributes(idp.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"])
    assert attrs["given_name"] == "Alice"
    assert attrs["custom:tenant"] == "acme"
    assert attrs["email"] == "alice@example.com"


def test_admin_delete_user_attributes_removes_only_the_named_ones(idp, pool_id):
    create_user(
        idp,
        pool_id,
        "alice",
        email="alice@example.com",
        given_name="Alice",
        **{"custom:tenant": "acme"},
    )

    idp.admin_delete_user_attributes(
        UserPoolId=pool_id, Username="alice", UserAttributeNames=["given_name", "custom:tenant"]
    )

    attrs = attributes(idp.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"])
    assert "given_name" not in attrs
    assert "custom:tenant" not in attrs
    assert attrs["email"] == "alice@example.com"
    assert "sub" in attrs


def test_admin_disable_and_enable_user_flip_the_enabled_flag(idp, pool_id):
    create_user(idp, pool_id, "alice", email="alice@example.com")

    idp.admin_disable_user(UserPoolId=pool_id, Username="alice")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="alice")["Enabled"] is False
    listed = idp.list_users(UserPoolId=pool_id)["Users"]
    assert [u["Enabled"] for u in listed if u["Username"] == "alice"] == [False]

    idp.admin_enable_user(UserPoolId=pool_id, Username="alice")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="alice")["Enabled"] is True


def test_admin_delete_user_makes_it_unknown(idp, pool_id):
    create_user(idp, pool_id, "alice", email="alice@example.com")

    idp.admin_delete_user(UserPoolId=pool_id, Username="alice")

    with pytest.raises(ClientError) as excinfo:
        idp.admin_get_user(UserPoolId=pool_id, Username="alice")
    assert error_of(excinfo)["Code"] == "UserNotFoundException"


def test_list_users_filter_by_exact_email_returns_one_user(idp, pool_id):
    for name, email in [("alice", "alice@example.com"), ("xavier", "xavier@example.com"),
                        ("xena", "xena@example.org")]:
        create_user(idp, pool_id, name, email=email)

    users = idp.list_users(UserPoolId=pool_id, Filter='email = "xavier@example.com"')["Users"]
    assert [u["Username"] for u in users] == ["xavier"]
    assert attributes(users[0]["Attributes"])["email"] == "xavier@example.com"


def test_list_users_prefix_filter_with_attributes_to_get(idp, pool_id):
    for name, email in [("alice", "alice@example.com"), ("xavier", "xavier@example.com"),
                        ("xena", "xena@example.org")]:
        create_user(idp, pool_id, name, email=email, given_name=name.title())

    users = idp.list_users(
        UserPoolId=pool_id, Filter='email ^= "x"', AttributesToGet=["email"]
    )["Users"]

    assert sorted(u["Username"] for u in users) == ["xavier", "xena"]
    for u in users:
        assert [a["Name"] for a in u["Attributes"]] == ["email"]
        assert u["UserStatus"] == "FORCE_CHANGE_PASSWORD"


def test_list_users_paginator_with_limit_two_returns_all_five_users(idp, pool_id):
    names = [f"user{i}" for i in range(5)]
    for name in names:
        create_user(idp, pool_id, name, email=f"{name}@example.com")

    paginator = idp.get_paginator("list_users")
    pages = [page["Users"] for page in paginator.paginate(
        UserPoolId=pool_id, PaginationConfig={"PageSize": 2}
    )]

    assert all(len(p) <= 2 for p in pages)
    assert len([p for p in pages if p]) >= 3
    seen = [u["Username"] for p in pages for u in p]
    assert sorted(seen) == names  # every user exactly once


# --------------------------------------------------------------------------- email as username


def test_with_email_as_username_the_username_is_the_sub_and_email_finds_the_user(
    idp, make_pool
):
    pool = make_pool(
        UsernameAttributes=["email"],
        Policies={"PasswordPolicy": dict(PASSWORD_POLICY)},
    )
    pool_id = pool["Id"]
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UsernameAttributes"] == [
        "email"
    ]

    user = create_user(idp, pool_id, "bob@example.com", email="bob@example.com")
    attrs = attributes(user["Attributes"])
    assert UUID_RE.match(user["Username"]), user["Username"]
    assert user["Username"] == attrs["sub"]
    assert attrs["email"] == "bob@example.com"

    got = idp.admin_get_user(UserPoolId=pool_id, Username="bob@example.com")
    assert got["Username"] == user["Username"]
    assert attributes(got["UserAttributes"])["email"] == "bob@example.com"

    by_sub = idp.admin_get_user(UserPoolId=pool_id, Username=user["Username"])
    assert by_sub["Username"] == user["Username"]


# --------------------------------------------------------------------------- groups


def test_create_group_returns_its_precedence_and_role(idp, pool_id):
    group = idp.create_group(
        UserPoolId=pool_id,
        GroupName="admins",
        Description="Administrators",
        RoleArn=ROLE_ARN,
        Precedence=1,
    )["Group"]

    assert group["GroupName"] == "admins"
    assert group["UserPoolId"] == pool_id
    assert group["Description"] == "Administrators"
    assert group["RoleArn"] == ROLE_ARN
    assert group["Precedence"] == 1
    assert isinstance(group["CreationDate"], datetime.datetime)

    got = idp.get_group(UserPoolId=pool_id, GroupName="admins")["Group"]
    assert {k: got[k] for k in ("GroupName", "Description", "RoleArn", "Precedence")} == {
        "GroupName": "admins",
        "Description": "Administrators",
        "RoleArn": ROLE_ARN,
        "Precedence": 1,
    }


def test_creating_a_group_twice_is_group_exists(idp, pool_id):
    idp.create_group(UserPoolId=pool_id, GroupName="admins", Precedence=1)
    with pytest.raises(ClientError) as excinfo:
        idp.create_group(UserPoolId=pool_id, GroupName="admins", Precedence=2)
    error = error_of(excinfo)
    assert error["Code"] == "GroupExistsException"
    assert "already exists" in error["Message"]


def test_update_group_changes_description_role_and_precedence(idp, pool_id):
    idp.create_group(
        UserPoolId=pool_id, GroupName="staff", Description="old", RoleArn=ROLE_ARN, Precedence=5
    )

    updated = idp.update_group(
        UserPoolId=pool_id,
        GroupName="staff",
        Description="new",
        RoleArn=OTHER_ROLE_ARN,
        Precedence=3,
    )["Group"]
    assert (updated["Description"], updated["RoleArn"], updated["Precedence"]) == (
        "new",
        OTHER_ROLE_ARN,
        3,
    )

    got = idp.get_group(UserPoolId=pool_id, GroupName="staff")["Group"]
    assert (got["Description"], got["RoleArn"], got["Precedence"]) == ("new", OTHER_ROLE_ARN, 3)


def test_list_groups_returns_every_group(idp, pool_id):
    for i, name in enumerate(["admins", "staff", "readers"]):
        idp.create_group(UserPoolId=pool_id, GroupName=name, Precedence=i)

    groups = idp.list_groups(UserPoolId=pool_id)["Groups"]
    assert sorted(g["GroupName"] for g in groups) == ["admins", "readers", "staff"]
    assert all(g["UserPoolId"] == pool_id for g in groups)


def test_group_membership_can_be_added_listed_and_removed(idp, pool_id):
    idp.create_group(UserPoolId=pool_id, GroupName="admins", Precedence=1)
    idp.create_group(UserPoolId=pool_id, GroupName="staff", Precedence=2)
    create_user(idp, pool_id, "alice", email="alice@example.com")
    create_user(idp, pool_id, "bob", email="bob@example.com")

    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="admins")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="staff")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="bob", GroupName="staff")

    alice_groups = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="alice")["Groups"]
    assert sorted(g["GroupName"] for g in alice_groups) == ["admins", "staff"]

    staff = idp.list_users_in_group(UserPoolId=pool_id, GroupName="staff")["Users"]
    assert sorted(u["Username"] for u in staff) == ["alice", "bob"]
    assert all("sub" in attributes(u["Attributes"]) for u in staff)

    idp.admin_remove_user_from_group(UserPoolId=pool_id, Username="alice", GroupName="staff")

    alice_groups = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="alice")["Groups"]
    assert [g["GroupName"] for g in alice_groups] == ["admins"]
    staff = idp.list_users_in_group(UserPoolId=pool_id, GroupName="staff")["Users"]
    assert [u["Username"] for u in staff] == ["bob"]


def test_delete_group_makes_it_unknown_and_drops_memberships(idp, pool_id):
    idp.create_group(UserPoolId=pool_id, GroupName="doomed", Precedence=1)
    create_user(idp, pool_id, "alice", email="alice@example.com")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="doomed")

    idp.delete_group(UserPoolId=pool_id, GroupName="doomed")

    with pytest.raises(ClientError) as excinfo:
        idp.get_group(UserPoolId=pool_id, GroupName="doomed")
    error = error_of(excinfo)
    assert error["Code"] == "ResourceNotFoundException"
    assert error["Message"] == "Group not found."
    assert idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="alice")["Groups"] == []
    assert idp.list_groups(UserPoolId=pool_id)["Groups"] == []
