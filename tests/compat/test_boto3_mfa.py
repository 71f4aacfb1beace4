"""boto3 and pyotp, unchanged, against a running incognito server: TOTP multi-factor sign-in.

The pool's MFA configuration (SetUserPoolMfaConfig / GetUserPoolMfaConfig), enrolment of an
authenticator app with an access token (AssociateSoftwareToken, VerifySoftwareToken,
SetUserMFAPreference) and through the MFA_SETUP challenge of a pool with MFA ON, then the
SOFTWARE_TOKEN_MFA challenge after USER_PASSWORD_AUTH and after SRP (pycognito), with wrong
and replayed codes refused. Codes come from pyotp, as an authenticator app computes them.

Written as for real AWS Cognito; see test_boto3_auth.py for the environment variables. A TOTP
code is accepted once: the code that verified the token is not accepted again, so sign-ins use
the next step's code (``totp.at(now + 30)``), which Cognito accepts within its ±1 step window.
"""

from __future__ import annotations

import os
import time
import uuid

import boto3
import pyotp
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from pycognito import Cognito
from pycognito.exceptions import SoftwareTokenMFAChallengeException

REGION = "us-east-1"
ENDPOINT = os.environ.get("INCOGNITO_URL", "http://127.0.0.1:9229").rstrip("/")
ACCESS_KEY_ID = os.environ.get("INCOGNITO_ADMIN_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
SECRET_ACCESS_KEY = os.environ.get(
    "INCOGNITO_ADMIN_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)
PASSWORD = "First-Passw0rd!"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
INVALID_CODE = "Invalid code received for user"


def raises(code: str, call, **kwargs) -> str:
    """Calls ``call(**kwargs)``, asserts it fails with error ``code``; returns the message."""
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    error = excinfo.value.response["Error"]
    assert error["Code"] == code, error
    return error["Message"]


def next_code(totp: pyotp.TOTP) -> str:
    """The next step's code: valid now, and not the one just used."""
    return totp.at(time.time() + 30)


def wrong_code(totp: pyotp.TOTP) -> str:
    """A code no step in the ±1 window has."""
    now = time.time()
    valid = {totp.at(now + offset) for offset in (-60, -30, 0, 30, 60)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444", "555555") if c not in valid)


@pytest.fixture(scope="session")
def idp():
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    )


@pytest.fixture(scope="session")
def public():
    """Unsigned, like an app: the operations AWS serves without credentials."""
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        config=Config(signature_version=UNSIGNED),
    )


@pytest.fixture
def make_app(idp):
    """A pool with MFA ``mode`` and software tokens enabled, a public client and user alice."""
    created: list[str] = []

    def make(mode: str) -> tuple[str, str]:
        pool_id = idp.create_user_pool(PoolName=f"compat-mfa-{uuid.uuid4().hex[:12]}")["UserPool"]["Id"]
        created.append(pool_id)
        idp.set_user_pool_mfa_config(
            UserPoolId=pool_id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration=mode,
        )
        client_id = idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS
        )["UserPoolClient"]["ClientId"]
        idp.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
        idp.admin_set_user_password(
            UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True
        )
        return pool_id, client_id

    yield make
    for pool_id in created:
        idp.delete_user_pool(UserPoolId=pool_id)


def password_auth(public, client_id: str) -> dict:
    return public.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )


def answer_totp(public, client_id: str, session: str, totp_code: str) -> dict:
    return public.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="SOFTWARE_TOKEN_MFA",
        Session=session,
        ChallengeResponses={"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": totp_code},
    )


def enrol(public, client_id: str) -> pyotp.TOTP:
    """Signs in without MFA and makes a software token alice's preferred factor."""
    access = password_auth(public, client_id)["AuthenticationResult"]["AccessToken"]
    secret = public.associate_software_token(AccessToken=access)["SecretCode"]
    totp = pyotp.TOTP(secret)
    verified = public.verify_software_token(
        AccessToken=access, UserCode=totp.now(), FriendlyDeviceName="phone"
    )
    assert verified["Status"] == "SUCCESS"
    public.set_user_mfa_preference(
        AccessToken=access,
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    return totp


def test_pool_mfa_configuration_round_trips(idp, make_app):
    pool_id, _ = make_app("OPTIONAL")
    config = idp.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert config["MfaConfiguration"] == "OPTIONAL"
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["MfaConfiguration"] == "OPTIONAL"


def test_totp_enrolment_then_sign_in_with_mfa_refusing_wrong_and_replayed_codes(
    idp, public, make_app
):
    pool_id, client_id = make_app("OPTIONAL")

    # Without a factor, an OPTIONAL pool signs alice in directly.
    totp = enrol(public, client_id)
    user = idp.admin_get_user(UserPoolId=pool_id, Username="alice")
    assert user["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"

    # Now the password leads to the SOFTWARE_TOKEN_MFA challenge.
    challenge = password_auth(public, client_id)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert "AuthenticationResult" not in challenge
    assert challenge["ChallengeParameters"]["USER_ID_FOR_SRP"] == "alice"

    # A wrong code is refused.
    message = raises(
        "CodeMismatchException",
        answer_totp,
        public=public,
        client_id=client_id,
        session=challenge["Session"],
        totp_code=wrong_code(totp),
    )
    assert message == INVALID_CODE

    # The right code signs in; the tokens work.
    code = next_code(totp)
    session = password_auth(public, client_id)["Session"]
    result = answer_totp(public, client_id, session, code)["AuthenticationResult"]
    me = public.get_user(AccessToken=result["AccessToken"])
    assert me["Username"] == "alice"
    assert me["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]

    # The same code again, right away, is refused.
    session = password_auth(public, client_id)["Session"]
    message = raises(
        "CodeMismatchException",
        answer_totp,
        public=public,
        client_id=client_id,
        session=session,
        totp_code=code,
    )
    assert message == INVALID_CODE


def test_wrong_verification_code_and_unverified_preference_are_refused(public, make_app):
    _, client_id = make_app("OPTIONAL")
    access = password_auth(public, client_id)["AuthenticationResult"]["AccessToken"]
    totp = pyotp.TOTP(public.associate_software_token(AccessToken=access)["SecretCode"])

    message = raises(
        "EnableSoftwareTokenMFAException",
        public.verify_software_token,
        AccessToken=access,
        UserCode=wrong_code(totp),
    )
    assert message == "Code mismatch"
    message = raises(
        "InvalidParameterException",
        public.set_user_mfa_preference,
        AccessToken=access,
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    assert message == "User has not verified software token mfa"


def test_mfa_on_sets_up_a_software_token_during_sign_in(public, make_app):
    _, client_id = make_app("ON")

    challenge = password_auth(public, client_id)
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert "SOFTWARE_TOKEN_MFA" in challenge["ChallengeParameters"]["MFAS_CAN_SETUP"]

    associated = public.associate_software_token(Session=challenge["Session"])
    totp = pyotp.TOTP(associated["SecretCode"])
    verified = public.verify_software_token(
        Session=associated["Session"], UserCode=totp.now()
    )
    assert verified["Status"] == "SUCCESS"
    done = public.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="MFA_SETUP",
        Session=verified["Session"],
        ChallengeResponses={"USERNAME": "alice"},
    )
    assert done["AuthenticationResult"]["AccessToken"]

    # From now on the token is asked for.
    challenge = password_auth(public, client_id)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    result = answer_totp(public, client_id, challenge["Session"], next_code(totp))
    assert result["AuthenticationResult"]["IdToken"]


def test_pycognito_srp_sign_in_with_software_token_mfa(public, make_app):
    pool_id, client_id = make_app("OPTIONAL")
    totp = enrol(public, client_id)
    user = Cognito(
        pool_id,
        client_id,
        username="alice",
        user_pool_region=REGION,
        botocore_config=Config(signature_version=UNSIGNED),
        boto3_client_kwargs={"endpoint_url": ENDPOINT},
    )

    with pytest.raises(SoftwareTokenMFAChallengeException):
        user.authenticate(PASSWORD)
    user.respond_to_software_token_mfa_challenge(next_code(totp))

    assert user.access_token and user.id_token and user.refresh_token
    assert user.get_user().username == "alice"
