"""boto3, unchanged, against a running incognito server: the user-pool authentication engine.

Sign-up and confirmation, password sign-in, refresh, password change and reset, sign-out and
revocation, the admin flows (NEW_PASSWORD_REQUIRED, ADMIN_NO_SRP_AUTH, reset, confirm), attribute
verification, and the tokens themselves checked with PyJWT from the discovery document alone.

Written as it would be for real AWS Cognito: only documented boto3 calls, errors checked through
``e.response['Error']``. The user-facing (non-Admin) operations go through an *unsigned* boto3
client, the way browser and mobile apps call Cognito; the Admin and management operations are
signed with the admin credentials. Inputs specific to incognito:

- ``INCOGNITO_URL`` (default http://127.0.0.1:9229): the endpoint, and the base of each pool's
  issuer (``{INCOGNITO_URL}/{userPoolId}``), as for AWS's ``https://cognito-idp.<region>.amazonaws.com``;
- ``INCOGNITO_ADMIN_ACCESS_KEY_ID`` / ``INCOGNITO_ADMIN_SECRET_ACCESS_KEY``: the admin credentials;
- ``GET {INCOGNITO_URL}/_incognito/messages?userPoolId=…&username=…``: the outbox that stands in
  for the user's mailbox (confirmation codes, temporary passwords), newest message first.

Each test creates its own user pool (unique name) and deletes it at the end.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import time
import urllib.parse
import urllib.request
import uuid

import boto3
import jwt
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
ENDPOINT = os.environ.get("INCOGNITO_URL", "http://127.0.0.1:9229").rstrip("/")
ACCESS_KEY_ID = os.environ.get("INCOGNITO_ADMIN_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
SECRET_ACCESS_KEY = os.environ.get(
    "INCOGNITO_ADMIN_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

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
PASSWORD = "First-Passw0rd!"
NEW_PASSWORD = "Second-Passw0rd!"
NEWEST_PASSWORD = "Third-Passw0rd!"
WRONG_PASSWORD = "Wrong-Passw0rd!"
TEMP_PASSWORD = "Temp-Passw0rd!"
# Has upper, lower, digit and symbol: it violates MinimumLength=10 and nothing else.
SHORT_PASSWORD = "Sh0rt!ab"

USER_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]

INCORRECT = "Incorrect username or password."
ACCESS_TOKEN_REVOKED = "Access Token has been revoked"
INVALID_ACCESS_TOKEN = "Invalid Access Token"

# Kinds of message in the outbox (the test-control contract).
SIGN_UP, RESEND, FORGOT_PASSWORD = "SIGN_UP", "RESEND", "FORGOT_PASSWORD"
ADMIN_CREATE_USER, VERIFY_ATTRIBUTE = "ADMIN_CREATE_USER", "VERIFY_ATTRIBUTE"
ADMIN_RESET_PASSWORD = "ADMIN_RESET_PASSWORD"


# --------------------------------------------------------------------------- helpers


def unique_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def attributes(attribute_list) -> dict:
    """[{'Name': n, 'Value': v}, ...] -> {n: v}"""
    return {a["Name"]: a["Value"] for a in attribute_list}


def raises(code: str, call, **kwargs) -> str:
    """Calls ``call(**kwargs)``, asserts it fails with error ``code``; returns the message."""
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    error = excinfo.value.response["Error"]
    assert error["Code"] == code, error
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return error["Message"]


def http_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return json.loads(response.read().decode("utf-8"))


def outbox(pool_id: str, username: str) -> list[dict]:
    """The messages incognito 'sent' to a user, newest first."""
    query = urllib.parse.urlencode({"userPoolId": pool_id, "username": username})
    return http_json(f"{ENDPOINT}/_incognito/messages?{query}")["messages"]


def messages_of(pool_id: str, username: str, kind: str) -> list[dict]:
    return [m for m in outbox(pool_id, username) if m["kind"] == kind]


def message_for(pool_id: str, username: str, kind: str) -> dict:
    found = messages_of(pool_id, username, kind)
    assert found, f"no {kind} message for {username} in {outbox(pool_id, username)}"
    return found[0]


def code_for(pool_id: str, username: str, kind: str) -> str:
    """The newest code (or temporary password) of that kind sent to the user."""
    return message_for(pool_id, username, kind)["code"]


def secret_hash(client_id: str, client_secret: str, username: str) -> str:
    digest = hmac.new(
        client_secret.encode("utf-8"), (username + client_id).encode("utf-8"), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("ascii")


def b64url_decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unverified_claims(token: str) -> dict:
    return json.loads(b64url_decode(token.split(".")[1]))


def assert_masked_email(destination: str, email: str) -> None:
    # AWS masks the address in CodeDeliveryDetails, e.g. "a***@e***" for alice@example.com.
    assert destination != email, destination
    assert destination[0] == email[0] and "@" in destination and "***" in destination, destination


def assert_code_delivered_by_email(details: dict, email: str) -> None:
    assert details["DeliveryMedium"] == "EMAIL", details
    assert details["AttributeName"] == "email", details
    assert_masked_email(details["Destination"], email)


def assert_fresh_tokens(result: dict, *, with_refresh_token: bool = True) -> None:
    assert result["ExpiresIn"] == 3600
    assert result["TokenType"] == "Bearer"
    assert result["IdToken"].count(".") == 2
    assert result["AccessToken"].count(".") == 2
    if with_refresh_token:
        assert isinstance(result["RefreshToken"], str) and result["RefreshToken"]
    else:
        assert "RefreshToken" not in result


def password_auth(public, client_id: str, username: str, password: str, **extra) -> dict:
    return public.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password, **extra},
    )


def sign_in(public, client_id: str, username: str, password: str) -> dict:
    """Password sign-in that must succeed; returns the AuthenticationResult."""
    response = password_auth(public, client_id, username, password)
    assert "ChallengeName" not in response, response
    return response["AuthenticationResult"]


def refresh(public, client_id: str, refresh_token: str, **extra) -> dict:
    return public.initiate_auth(
        ClientId=client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": refresh_token, **extra},
    )["AuthenticationResult"]


def create_confirmed_user(idp, pool_id: str, username: str, password: str = PASSWORD) -> str:
    """A CONFIRMED user with a verified email and a permanent password; returns the email."""
    email = f"{username}@example.com"
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword=TEMP_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": email},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    idp.admin_set_user_password(
        UserPoolId=pool_id, Username=username, Password=password, Permanent=True
    )
    return email


def sign_up(public, client_id: str, username: str, password: str = PASSWORD) -> dict:
    return public.sign_up(
        ClientId=client_id,
        Username=username,
        Password=password,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )


def sign_up_and_confirm(public, pool_id: str, client_id: str, username: str) -> str:
    sign_up(public, client_id, username)
    public.confirm_sign_up(
        ClientId=client_id, Username=username, ConfirmationCode=code_for(pool_id, username, SIGN_UP)
    )
    return f"{username}@example.com"


def user_status(idp, pool_id: str, username: str) -> str:
    return idp.admin_get_user(UserPoolId=pool_id, Username=username)["UserStatus"]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def idp():
    """Signed with the admin credentials: Admin* and pool/client management."""
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
        config=Config(connect_timeout=5, read_timeout=60),
    )


@pytest.fixture(scope="session")
def public():
    """Unsigned, like a browser or mobile app: the operations AWS serves without credentials."""
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        config=Config(signature_version=UNSIGNED, connect_timeout=5, read_timeout=60),
    )


@pytest.fixture
def make_pool(idp):
    """Creates user pools on demand and deletes every one of them when the test ends."""
    created: list[str] = []

    def make(**kwargs) -> str:
        kwargs.setdefault("PoolName", unique_name("compat-auth"))
        kwargs.setdefault("Policies", {"PasswordPolicy": dict(PASSWORD_POLICY)})
        kwargs.setdefault("AutoVerifiedAttributes", ["email"])
        kwargs.setdefault(
            "AccountRecoverySetting",
            {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
        )
        pool_id = idp.create_user_pool(**kwargs)["UserPool"]["Id"]
        created.append(pool_id)
        return pool_id

    yield make

    for pool_id in created:
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except ClientError as e:  # the test may have deleted it already
            if e.response["Error"]["Code"] != "ResourceNotFoundException":
                raise


@pytest.fixture
def pool_id(make_pool) -> str:
    """Strict password policy, email auto-verified, recovery through the verified email."""
    return make_pool()


@pytest.fixture
def make_client(idp):
    def make(pool_id: str, **kwargs) -> dict:
        kwargs.setdefault("ClientName", unique_name("client"))
        kwargs.setdefault("ExplicitAuthFlows", list(USER_FLOWS))
        kwargs.setdefault("PreventUserExistenceErrors", "ENABLED")
        return idp.create_user_pool_client(UserPoolId=pool_id, **kwargs)["UserPoolClient"]

    return make


@pytest.fixture
def client_id(make_client, pool_id) -> str:
    """No secret; USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH and ADMIN_USER_PASSWORD_AUTH allowed."""
    return make_client(pool_id)["ClientId"]


@pytest.fixture
def app(pool_id, client_id):
    return pool_id, client_id


# --------------------------------------------------------------------------- happy path


def test_sign_up_confirm_sign_in_refresh_change_and_reset_password_then_sign_out_everywhere(
    idp, public, app
):
    pool_id, client_id = app
    email = "alice@example.com"

    # Sign up: unconfirmed, a code goes to the email.
    signed_up = public.sign_up(
        ClientId=client_id,
        Username="alice",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": email}],
    )
    assert signed_up["UserConfirmed"] is False
    assert UUID_RE.match(signed_up["UserSub"]), signed_up["UserSub"]
    assert_code_delivered_by_email(signed_up["CodeDeliveryDetails"], email)
    assert user_status(idp, pool_id, "alice") == "UNCONFIRMED"

    sent = message_for(pool_id, "alice", SIGN_UP)
    assert sent["userPoolId"] == pool_id
    assert sent["username"] == "alice"
    assert sent["destination"] == email
    assert sent["deliveryMedium"] == "EMAIL"
    assert re.fullmatch(r"\d{6}", sent["code"]), sent["code"]  # Cognito's codes are 6 digits
    assert sent["code"] in sent["message"]
    assert sent["createdAt"]

    # Confirm, then sign in with the password.
    public.confirm_sign_up(ClientId=client_id, Username="alice", ConfirmationCode=sent["code"])
    assert user_status(idp, pool_id, "alice") == "CONFIRMED"

    first = password_auth(public, client_id, "alice", PASSWORD)
    assert "ChallengeName" not in first
    tokens = first["AuthenticationResult"]
    assert_fresh_tokens(tokens)

    # Refresh: new ID and access tokens, no new refresh token.
    refreshed = refresh(public, client_id, tokens["RefreshToken"])
    assert_fresh_tokens(refreshed, with_refresh_token=False)
    assert refreshed["AccessToken"] != tokens["AccessToken"]
    assert refreshed["IdToken"] != tokens["IdToken"]

    # The access token reads the user; confirming the sign-up verified the email.
    me = public.get_user(AccessToken=refreshed["AccessToken"])
    assert me["Username"] == "alice"
    attrs = attributes(me["UserAttributes"])
    assert attrs["email"] == email
    assert attrs["email_verified"] == "true"
    assert attrs["sub"] == signed_up["UserSub"]

    # Change the password: the new one works, the old one does not.
    public.change_password(
        PreviousPassword=PASSWORD, ProposedPassword=NEW_PASSWORD, AccessToken=tokens["AccessToken"]
    )
    tokens = sign_in(public, client_id, "alice", NEW_PASSWORD)
    message = raises(
        "NotAuthorizedException", password_auth, public=public, client_id=client_id,
        username="alice", password=PASSWORD,
    )
    assert message == INCORRECT

    # Forgot password: a code by email resets it.
    forgot = public.forgot_password(ClientId=client_id, Username="alice")
    assert_code_delivered_by_email(forgot["CodeDeliveryDetails"], email)
    public.confirm_forgot_password(
        ClientId=client_id,
        Username="alice",
        ConfirmationCode=code_for(pool_id, "alice", FORGOT_PASSWORD),
        Password=NEWEST_PASSWORD,
    )
    tokens = sign_in(public, client_id, "alice", NEWEST_PASSWORD)
    assert_fresh_tokens(tokens)

    # Global sign-out revokes the access token and the refresh token.
    public.global_sign_out(AccessToken=tokens["AccessToken"])
    message = raises("NotAuthorizedException", public.get_user, AccessToken=tokens["AccessToken"])
    assert message == ACCESS_TOKEN_REVOKED
    # AWS says "Refresh Token has been revoked" here; only the code is asserted.
    raises(
        "NotAuthorizedException", refresh, public=public, client_id=client_id,
        refresh_token=tokens["RefreshToken"],
    )


def test_resend_confirmation_code_sends_a_code_that_confirms_the_user(idp, public, app):
    pool_id, client_id = app
    sign_up(public, client_id, "bob")

    resent = public.resend_confirmation_code(ClientId=client_id, Username="bob")
    assert_code_delivered_by_email(resent["CodeDeliveryDetails"], "bob@example.com")

    sent = message_for(pool_id, "bob", RESEND)
    assert sent["destination"] == "bob@example.com"
    public.confirm_sign_up(ClientId=client_id, Username="bob", ConfirmationCode=sent["code"])
    assert user_status(idp, pool_id, "bob") == "CONFIRMED"
    sign_in(public, client_id, "bob", PASSWORD)


# --------------------------------------------------------------------------- tokens


def test_id_and_access_tokens_verify_with_pyjwt_from_the_discovery_document_alone(
    idp, public, app
):
    pool_id, client_id = app
    sign_up_and_confirm(public, pool_id, client_id, "carol")
    before = int(time.time())
    tokens = sign_in(public, client_id, "carol", PASSWORD)
    sub = attributes(idp.admin_get_user(UserPoolId=pool_id, Username="carol")["UserAttributes"])[
        "sub"
    ]

    discovery = http_json(f"{ENDPOINT}/{pool_id}/.well-known/openid-configuration")
    issuer = discovery["issuer"]
    assert issuer == f"{ENDPOINT}/{pool_id}"
    assert discovery["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert "RS256" in discovery["id_token_signing_alg_values_supported"]

    jwks = http_json(discovery["jwks_uri"])
    assert jwks["keys"], jwks
    for key in jwks["keys"]:
        assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig"), key
        assert key["kid"] and key["n"] and key["e"], key

    keys = jwt.PyJWKClient(discovery["jwks_uri"])
    options = {"require": ["exp", "iat", "iss", "sub"]}

    # ID token: audience is the client.
    id_header = jwt.get_unverified_header(tokens["IdToken"])
    assert id_header["alg"] == "RS256"
    assert id_header["kid"] in {k["kid"] for k in jwks["keys"]}
    id_claims = jwt.decode(
        tokens["IdToken"],
        keys.get_signing_key_from_jwt(tokens["IdToken"]).key,
        algorithms=["RS256"],
        audience=client_id,
        issuer=issuer,
        options=options,
        leeway=5,
    )
    assert id_claims["token_use"] == "id"
    assert id_claims["sub"] == sub
    assert id_claims["aud"] == client_id
    assert id_claims["iss"] == issuer
    assert id_claims["cognito:username"] == "carol"
    assert id_claims["email"] == "carol@example.com"
    assert id_claims["email_verified"] is True  # a JSON boolean, not "true"
    for claim in ("auth_time", "exp", "iat"):
        assert isinstance(id_claims[claim], int), claim
    assert id_claims["exp"] - id_claims["iat"] == 3600
    assert before - 5 <= id_claims["auth_time"] <= id_claims["iat"] <= int(time.time()) + 5
    for claim in ("jti", "origin_jti", "event_id"):
        assert UUID_RE.match(id_claims[claim]), (claim, id_claims[claim])
    assert "cognito:groups" not in id_claims  # not in any group

    # Access token: no audience, the client in client_id.
    access_header = jwt.get_unverified_header(tokens["AccessToken"])
    assert access_header["alg"] == "RS256"
    assert access_header["kid"] in {k["kid"] for k in jwks["keys"]}
    access_claims = jwt.decode(
        tokens["AccessToken"],
        keys.get_signing_key_from_jwt(tokens["AccessToken"]).key,
        algorithms=["RS256"],
        issuer=issuer,  # no audience given: PyJWT then rejects a token that has one
        options=options,
        leeway=5,
    )
    assert access_claims["token_use"] == "access"
    assert "aud" not in access_claims
    assert access_claims["client_id"] == client_id
    assert access_claims["scope"] == "aws.cognito.signin.user.admin"
    assert access_claims["username"] == "carol"
    assert access_claims["sub"] == sub
    assert access_claims["iss"] == issuer
    assert access_claims["exp"] - access_claims["iat"] == 3600
    assert access_claims["auth_time"] == id_claims["auth_time"]
    for claim in ("jti", "origin_jti", "event_id"):
        assert UUID_RE.match(access_claims[claim]), (claim, access_claims[claim])
    assert "cognito:groups" not in access_claims

    # One sign-in: the two tokens share origin_jti and event_id but not jti.
    assert access_claims["origin_jti"] == id_claims["origin_jti"]
    assert access_claims["event_id"] == id_claims["event_id"]
    assert access_claims["jti"] != id_claims["jti"]


def test_refreshed_tokens_keep_the_origin_jti_and_auth_time_of_the_sign_in(public, app):
    pool_id, client_id = app
    sign_up_and_confirm(public, pool_id, client_id, "dave")
    tokens = sign_in(public, client_id, "dave", PASSWORD)
    time.sleep(1.1)  # so that a refresh at a later second is visible in iat
    refreshed = refresh(public, client_id, tokens["RefreshToken"])

    original = unverified_claims(tokens["AccessToken"])
    renewed = unverified_claims(refreshed["AccessToken"])
    # origin_jti ties every token of a session to its refresh token (that is what
    # revocation keys on); auth_time stays the time the user authenticated.
    assert renewed["origin_jti"] == original["origin_jti"]
    assert renewed["auth_time"] == original["auth_time"]
    assert renewed["jti"] != original["jti"]
    assert renewed["iat"] > original["iat"]
    assert unverified_claims(refreshed["IdToken"])["origin_jti"] == original["origin_jti"]


def test_tokens_carry_cognito_groups_once_the_user_is_in_a_group(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "erin")
    idp.create_group(UserPoolId=pool_id, GroupName="admins", Precedence=1)
    idp.create_group(UserPoolId=pool_id, GroupName="staff", Precedence=2)

    before = sign_in(public, client_id, "erin", PASSWORD)
    assert "cognito:groups" not in unverified_claims(before["AccessToken"])

    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="erin", GroupName="admins")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="erin", GroupName="staff")
    after = sign_in(public, client_id, "erin", PASSWORD)

    discovery = http_json(f"{ENDPOINT}/{pool_id}/.well-known/openid-configuration")
    key = jwt.PyJWKClient(discovery["jwks_uri"]).get_signing_key_from_jwt(after["AccessToken"])
    access_claims = jwt.decode(
        after["AccessToken"], key.key, algorithms=["RS256"], issuer=discovery["issuer"], leeway=5
    )
    assert sorted(access_claims["cognito:groups"]) == ["admins", "staff"]
    assert sorted(unverified_claims(after["IdToken"])["cognito:groups"]) == ["admins", "staff"]


# --------------------------------------------------------------------------- failure paths


def test_confirming_with_a_wrong_code_is_code_mismatch(idp, public, app):
    pool_id, client_id = app
    sign_up(public, client_id, "frank")
    right = code_for(pool_id, "frank", SIGN_UP)
    wrong = "000000" if right != "000000" else "111111"

    message = raises(
        "CodeMismatchException", public.confirm_sign_up,
        ClientId=client_id, Username="frank", ConfirmationCode=wrong,
    )
    assert message == "Invalid verification code provided, please try again."
    assert user_status(idp, pool_id, "frank") == "UNCONFIRMED"


def test_signing_in_before_confirming_is_user_not_confirmed(public, make_client, pool_id):
    # LEGACY existence errors: the documented answer for an unconfirmed user with the right password.
    client_id = make_client(pool_id, PreventUserExistenceErrors="LEGACY")["ClientId"]
    sign_up(public, client_id, "grace")

    message = raises(
        "UserNotConfirmedException", password_auth, public=public, client_id=client_id,
        username="grace", password=PASSWORD,
    )
    assert message == "User is not confirmed."


def test_a_wrong_password_is_not_authorized(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "heidi")

    message = raises(
        "NotAuthorizedException", password_auth, public=public, client_id=client_id,
        username="heidi", password=WRONG_PASSWORD,
    )
    assert message == INCORRECT


def test_an_unknown_user_looks_like_a_wrong_password_when_existence_errors_are_prevented(
    public, make_client, pool_id
):
    client_id = make_client(pool_id, PreventUserExistenceErrors="ENABLED")["ClientId"]

    message = raises(
        "NotAuthorizedException", password_auth, public=public, client_id=client_id,
        username="nobody", password=PASSWORD,
    )
    assert message == INCORRECT


def test_an_unknown_user_is_user_not_found_with_legacy_existence_errors(
    public, make_client, pool_id
):
    client_id = make_client(pool_id, PreventUserExistenceErrors="LEGACY")["ClientId"]

    message = raises(
        "UserNotFoundException", password_auth, public=public, client_id=client_id,
        username="nobody", password=PASSWORD,
    )
    assert message == "User does not exist."


def test_a_flow_the_client_does_not_allow_is_invalid_parameter(
    idp, public, make_client, pool_id
):
    create_confirmed_user(idp, pool_id, "ivan")
    client_id = make_client(pool_id, ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"])["ClientId"]

    message = raises(
        "InvalidParameterException", password_auth, public=public, client_id=client_id,
        username="ivan", password=PASSWORD,
    )
    assert message == "USER_PASSWORD_AUTH flow not enabled for this client"


def test_a_client_with_a_secret_requires_the_right_secret_hash(
    idp, public, make_client, pool_id
):
    create_confirmed_user(idp, pool_id, "judy")
    client = make_client(pool_id, GenerateSecret=True)
    client_id, client_secret = client["ClientId"], client["ClientSecret"]

    # No SECRET_HASH at all.
    message = raises(
        "NotAuthorizedException", password_auth, public=public, client_id=client_id,
        username="judy", password=PASSWORD,
    )
    assert "SECRET_HASH" in message, message
    # AWS: "Client <id> is configured with secret but SECRET_HASH was not received".
    assert message == f"Client {client_id} is configured with secret but SECRET_HASH was not received"

    # A SECRET_HASH made with the wrong secret.
    message = raises(
        "NotAuthorizedException", password_auth, public=public, client_id=client_id,
        username="judy", password=PASSWORD,
        SECRET_HASH=secret_hash(client_id, client_secret + "x", "judy"),
    )
    assert message == f"Unable to verify secret hash for client {client_id}"

    # base64(HMAC-SHA256(client_secret, username + client_id)) signs the user in ...
    response = password_auth(
        public, client_id, "judy", PASSWORD, SECRET_HASH=secret_hash(client_id, client_secret, "judy")
    )
    assert_fresh_tokens(response["AuthenticationResult"])
    # ... and refreshes (the hash is over the username again).
    refreshed = refresh(
        public, client_id, response["AuthenticationResult"]["RefreshToken"],
        SECRET_HASH=secret_hash(client_id, client_secret, "judy"),
    )
    assert_fresh_tokens(refreshed, with_refresh_token=False)


def test_five_wrong_passwords_lock_the_user_out_even_for_the_right_password(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "mallory")

    for _ in range(5):
        message = raises(
            "NotAuthorizedException", password_auth, public=public, client_id=client_id,
            username="mallory", password=WRONG_PASSWORD,
        )
        assert message == INCORRECT

    # AWS locks the user out for a while (1 s, doubling with each further failure) after
    # five failures; the next attempt, made at once, is refused whatever the password.
    message = raises(
        "NotAuthorizedException", password_auth, public=public, client_id=client_id,
        username="mallory", password=PASSWORD,
    )
    assert message == "Password attempts exceeded"


def test_a_disabled_user_cannot_sign_in(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "niaj")
    idp.admin_disable_user(UserPoolId=pool_id, Username="niaj")

    message = raises(
        "NotAuthorizedException", password_auth, public=public, client_id=client_id,
        username="niaj", password=PASSWORD,
    )
    assert message == "User is disabled."


def test_get_user_refuses_an_access_token_with_a_tampered_signature(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "olivia")
    token = sign_in(public, client_id, "olivia", PASSWORD)["AccessToken"]
    header, payload, signature = token.split(".")

    # Flip a character in the middle of the signature (the last one may only carry padding bits).
    i = len(signature) // 2
    flipped = "A" if signature[i] != "A" else "B"
    tampered = f"{header}.{payload}.{signature[:i]}{flipped}{signature[i + 1:]}"
    assert tampered != token

    message = raises("NotAuthorizedException", public.get_user, AccessToken=tampered)
    assert message == INVALID_ACCESS_TOKEN
    public.get_user(AccessToken=token)  # the genuine one still works


def test_get_user_refuses_an_unsigned_alg_none_access_token(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "peggy")
    token = sign_in(public, client_id, "peggy", PASSWORD)["AccessToken"]
    header = jwt.get_unverified_header(token)
    _, payload, _ = token.split(".")

    # The real payload, the real kid, but alg "none" and no signature.
    forged_header = b64url_encode(
        json.dumps({"kid": header["kid"], "alg": "none"}, separators=(",", ":")).encode()
    )
    for forged in (f"{forged_header}.{payload}.", f"{forged_header}.{payload}"):
        message = raises("NotAuthorizedException", public.get_user, AccessToken=forged)
        assert message == INVALID_ACCESS_TOKEN


def test_revoke_token_ends_that_refresh_token_and_the_access_tokens_it_issued(
    idp, public, make_client, pool_id
):
    client_id = make_client(pool_id, EnableTokenRevocation=True)["ClientId"]
    create_confirmed_user(idp, pool_id, "quinn")
    session = sign_in(public, client_id, "quinn", PASSWORD)
    refreshed = refresh(public, client_id, session["RefreshToken"])
    other_session = sign_in(public, client_id, "quinn", PASSWORD)

    public.revoke_token(Token=session["RefreshToken"], ClientId=client_id)

    # AWS says "Refresh Token has been revoked" here; only the code is asserted.
    raises(
        "NotAuthorizedException", refresh, public=public, client_id=client_id,
        refresh_token=session["RefreshToken"],
    )
    for access_token in (session["AccessToken"], refreshed["AccessToken"]):
        message = raises("NotAuthorizedException", public.get_user, AccessToken=access_token)
        assert message == ACCESS_TOKEN_REVOKED

    # Another sign-in of the same user is a different session and is untouched.
    assert public.get_user(AccessToken=other_session["AccessToken"])["Username"] == "quinn"
    refresh(public, client_id, other_session["RefreshToken"])


def test_sign_up_with_a_password_that_violates_the_policy_is_invalid_password(idp, public, app):
    pool_id, client_id = app

    message = raises(
        "InvalidPasswordException", sign_up, public=public, client_id=client_id,
        username="rupert", password=SHORT_PASSWORD,
    )
    assert POLICY_MESSAGE_RE.match(message), message
    assert message.endswith("Password not long enough"), message
    # Nothing was created.
    raises("UserNotFoundException", idp.admin_get_user, UserPoolId=pool_id, Username="rupert")


def test_signing_up_the_same_username_twice_is_username_exists(public, app):
    _, client_id = app
    sign_up(public, client_id, "sybil")

    message = raises(
        "UsernameExistsException", sign_up, public=public, client_id=client_id, username="sybil"
    )
    assert message == "User already exists"  # SignUp's wording (AdminCreateUser: "User account …")


# --------------------------------------------------------------------------- admin flows


def admin_password_auth(idp, pool_id: str, client_id: str, username: str, password: str,
                        flow: str = "ADMIN_USER_PASSWORD_AUTH") -> dict:
    return idp.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow=flow,
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )


def test_an_admin_created_user_sets_a_new_password_through_the_challenge(idp, public, app):
    pool_id, client_id = app
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="trent",
        TemporaryPassword=TEMP_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "trent@example.com"}],
    )
    assert user_status(idp, pool_id, "trent") == "FORCE_CHANGE_PASSWORD"

    challenge = admin_password_auth(idp, pool_id, client_id, "trent", TEMP_PASSWORD)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert "AuthenticationResult" not in challenge
    assert isinstance(challenge["Session"], str) and challenge["Session"]
    parameters = challenge["ChallengeParameters"]
    assert parameters["USER_ID_FOR_SRP"] == "trent"
    # Both are JSON documents carried as strings.
    assert isinstance(json.loads(parameters["requiredAttributes"]), list)
    user_attributes = json.loads(parameters["userAttributes"])
    assert isinstance(user_attributes, dict)
    assert user_attributes["email"] == "trent@example.com"

    answer = dict(
        UserPoolId=pool_id,
        ClientId=client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "trent", "NEW_PASSWORD": PASSWORD},
    )
    answered = idp.admin_respond_to_auth_challenge(**answer)
    assert "ChallengeName" not in answered
    assert_fresh_tokens(answered["AuthenticationResult"])
    assert user_status(idp, pool_id, "trent") == "CONFIRMED"
    sign_in(public, client_id, "trent", PASSWORD)

    # A session answers one challenge once.
    answer["ChallengeResponses"] = {"USERNAME": "trent", "NEW_PASSWORD": NEW_PASSWORD}
    message = raises("NotAuthorizedException", idp.admin_respond_to_auth_challenge, **answer)
    # AWS says "Invalid session for the user." for a used session (and "Invalid session for
    # the user, session is expired." for a timed-out one).
    assert message == "Invalid session for the user.", message
    sign_in(public, client_id, "trent", PASSWORD)  # the replay changed nothing


def test_a_wrong_temporary_password_gets_no_challenge(idp, app):
    pool_id, client_id = app
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="uma",
        TemporaryPassword=TEMP_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "uma@example.com"}],
    )

    message = raises(
        "NotAuthorizedException", admin_password_auth, idp=idp, pool_id=pool_id,
        client_id=client_id, username="uma", password=WRONG_PASSWORD,
    )
    assert message == INCORRECT


def test_an_emailed_invitation_carries_a_temporary_password_that_starts_the_challenge(
    idp, public, app
):
    pool_id, client_id = app
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="victor",
        DesiredDeliveryMediums=["EMAIL"],
        UserAttributes=[
            {"Name": "email", "Value": "victor@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    invitation = message_for(pool_id, "victor", ADMIN_CREATE_USER)
    assert invitation["destination"] == "victor@example.com"
    assert invitation["deliveryMedium"] == "EMAIL"
    temporary_password = invitation["code"]
    assert temporary_password in invitation["message"]

    # The public flow this time: InitiateAuth + RespondToAuthChallenge.
    challenge = password_auth(public, client_id, "victor", temporary_password)
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    answered = public.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "victor", "NEW_PASSWORD": PASSWORD},
    )
    assert_fresh_tokens(answered["AuthenticationResult"])
    assert user_status(idp, pool_id, "victor") == "CONFIRMED"


def test_admin_no_srp_auth_signs_in_on_a_legacy_client_as_in_the_design_script(
    idp, make_client, pool_id
):
    client_id = make_client(pool_id, ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH"])["ClientId"]
    create_confirmed_user(idp, pool_id, "walter")

    r = idp.admin_initiate_auth(
        UserPoolId=pool_id,
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "walter", "PASSWORD": PASSWORD},
        ClientId=client_id,
    )
    idtoken = r["AuthenticationResult"]["IdToken"]
    assert_fresh_tokens(r["AuthenticationResult"])
    claims = unverified_claims(idtoken)
    assert claims["cognito:username"] == "walter"
    assert claims["iss"] == f"{ENDPOINT}/{pool_id}"


def test_admin_no_srp_auth_is_also_accepted_where_admin_user_password_auth_is_allowed(
    idp, app
):
    # ALLOW_ADMIN_USER_PASSWORD_AUTH "replaces the ADMIN_NO_SRP_AUTH setting"; the old AuthFlow
    # name keeps working on such clients (so the DESIGN.md script works whatever the client).
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "xena")

    r = admin_password_auth(idp, pool_id, client_id, "xena", PASSWORD, flow="ADMIN_NO_SRP_AUTH")
    assert_fresh_tokens(r["AuthenticationResult"])


def test_admin_reset_user_password_makes_the_user_reset_it_before_signing_in(
    idp, public, make_client, pool_id
):
    # LEGACY existence errors: with ENABLED, AWS has been documented to answer a RESET_REQUIRED
    # user with NotAuthorizedException instead.
    client_id = make_client(pool_id, PreventUserExistenceErrors="LEGACY")["ClientId"]
    create_confirmed_user(idp, pool_id, "yuri")

    idp.admin_reset_user_password(UserPoolId=pool_id, Username="yuri")
    assert user_status(idp, pool_id, "yuri") == "RESET_REQUIRED"

    # AWS's message is "Password reset required for the user"; only the code is asserted.
    raises(
        "PasswordResetRequiredException", password_auth, public=public, client_id=client_id,
        username="yuri", password=PASSWORD,
    )

    # The reset code went to the verified email; ConfirmForgotPassword completes the reset.
    sent = message_for(pool_id, "yuri", ADMIN_RESET_PASSWORD)
    assert sent["destination"] == "yuri@example.com"
    public.confirm_forgot_password(
        ClientId=client_id, Username="yuri", ConfirmationCode=sent["code"], Password=NEW_PASSWORD
    )
    assert user_status(idp, pool_id, "yuri") == "CONFIRMED"
    sign_in(public, client_id, "yuri", NEW_PASSWORD)


def test_admin_confirm_sign_up_confirms_an_unconfirmed_user(idp, public, app):
    pool_id, client_id = app
    sign_up(public, client_id, "zoe")
    assert user_status(idp, pool_id, "zoe") == "UNCONFIRMED"

    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="zoe")

    assert user_status(idp, pool_id, "zoe") == "CONFIRMED"
    sign_in(public, client_id, "zoe", PASSWORD)


def test_admin_user_global_sign_out_revokes_the_users_tokens(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "amos")
    tokens = sign_in(public, client_id, "amos", PASSWORD)

    idp.admin_user_global_sign_out(UserPoolId=pool_id, Username="amos")

    # AWS says "Refresh Token has been revoked" here; only the code is asserted.
    raises(
        "NotAuthorizedException", refresh, public=public, client_id=client_id,
        refresh_token=tokens["RefreshToken"],
    )
    # AWS documents that AdminUserGlobalSignOut invalidates the access tokens too.
    message = raises("NotAuthorizedException", public.get_user, AccessToken=tokens["AccessToken"])
    assert message == ACCESS_TOKEN_REVOKED


# --------------------------------------------------------------------------- attributes


def test_a_new_email_replaces_a_verified_one_only_once_it_is_verified(idp, public, make_client,
                                                                       make_pool):
    # With AttributesRequireVerificationBeforeUpdate, AWS keeps the old value until the new one
    # is verified. (Without it, the new email applies at once, unverified: see the next test.)
    pool_id = make_pool(
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]}
    )
    client_id = make_client(pool_id)["ClientId"]
    sign_up_and_confirm(public, pool_id, client_id, "bea")
    access_token = sign_in(public, client_id, "bea", PASSWORD)["AccessToken"]

    updated = public.update_user_attributes(
        AccessToken=access_token, UserAttributes=[{"Name": "email", "Value": "bea@example.org"}]
    )
    [details] = updated["CodeDeliveryDetailsList"]
    assert_code_delivered_by_email(details, "bea@example.org")

    attrs = attributes(public.get_user(AccessToken=access_token)["UserAttributes"])
    assert attrs["email"] == "bea@example.com"
    assert attrs["email_verified"] == "true"

    sent = message_for(pool_id, "bea", VERIFY_ATTRIBUTE)
    assert sent["destination"] == "bea@example.org"
    public.verify_user_attribute(AccessToken=access_token, AttributeName="email", Code=sent["code"])

    attrs = attributes(public.get_user(AccessToken=access_token)["UserAttributes"])
    assert attrs["email"] == "bea@example.org"
    assert attrs["email_verified"] == "true"


def test_a_new_email_applies_at_once_unverified_and_a_requested_code_verifies_it(
    idp, public, app
):
    pool_id, client_id = app
    sign_up_and_confirm(public, pool_id, client_id, "cyd")
    access_token = sign_in(public, client_id, "cyd", PASSWORD)["AccessToken"]

    updated = public.update_user_attributes(
        AccessToken=access_token, UserAttributes=[{"Name": "email", "Value": "cyd@example.org"}]
    )
    [details] = updated["CodeDeliveryDetailsList"]
    assert_code_delivered_by_email(details, "cyd@example.org")
    attrs = attributes(public.get_user(AccessToken=access_token)["UserAttributes"])
    assert attrs["email"] == "cyd@example.org"
    assert attrs["email_verified"] == "false"

    # Ask for a fresh code and verify with it.
    sent_before = len(messages_of(pool_id, "cyd", VERIFY_ATTRIBUTE))
    requested = public.get_user_attribute_verification_code(
        AccessToken=access_token, AttributeName="email"
    )
    assert_code_delivered_by_email(requested["CodeDeliveryDetails"], "cyd@example.org")
    codes = messages_of(pool_id, "cyd", VERIFY_ATTRIBUTE)
    assert len(codes) == sent_before + 1
    assert codes[0]["destination"] == "cyd@example.org"

    wrong = "000000" if codes[0]["code"] != "000000" else "111111"
    raises(
        "CodeMismatchException", public.verify_user_attribute,
        AccessToken=access_token, AttributeName="email", Code=wrong,
    )
    public.verify_user_attribute(
        AccessToken=access_token, AttributeName="email", Code=codes[0]["code"]
    )
    attrs = attributes(public.get_user(AccessToken=access_token)["UserAttributes"])
    assert attrs["email"] == "cyd@example.org"
    assert attrs["email_verified"] == "true"


def test_delete_user_removes_the_signed_in_user(idp, public, app):
    pool_id, client_id = app
    create_confirmed_user(idp, pool_id, "dora")
    access_token = sign_in(public, client_id, "dora", PASSWORD)["AccessToken"]

    public.delete_user(AccessToken=access_token)

    message = raises(
        "UserNotFoundException", idp.admin_get_user, UserPoolId=pool_id, Username="dora"
    )
    assert message == "User does not exist."
    # The same name can sign up afresh.
    assert sign_up(public, client_id, "dora")["UserConfirmed"] is False
