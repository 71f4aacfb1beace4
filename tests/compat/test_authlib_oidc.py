"""authlib, unchanged, against a running incognito server: the hosted UI's OAuth 2.0 / OIDC.

An app built on authlib's requests client (``OAuth2Session``) and its jose, configured from the
pool's OIDC discovery document alone:

- the authorization-code grant with PKCE (S256) and client_secret_basic: the authorization URL
  is built by authlib, the hosted sign-in page is driven by a plain ``requests.Session`` (no
  browser: the form is read with the standard library's ``html.parser`` and posted back with
  its ``_csrf`` field and the session's cookies), and the callback URL goes back to authlib's
  ``fetch_token``;
- the ID token checked with ``authlib.jose.jwt`` against the JWKS, as an OIDC ``CodeIDToken``
  (issuer, audience, nonce, at_hash), then the userInfo endpoint and the refresh grant;
- the client_credentials grant for a machine-to-machine client with a resource-server scope;
- the errors authlib surfaces as ``OAuthError``: a wrong client secret, a code redeemed twice,
  a wrong PKCE verifier.

Pools, domains, clients and users are created with boto3 and the admin credentials, as in
test_boto3_auth.py. Inputs specific to incognito:

- ``INCOGNITO_URL`` (default http://127.0.0.1:9229): the endpoint; discovery lives at
  ``{INCOGNITO_URL}/{userPoolId}/.well-known/openid-configuration`` and advertises the domain's
  endpoints under ``{INCOGNITO_URL}/_domain/{domain}/oauth2/…``;
- ``INCOGNITO_ADMIN_ACCESS_KEY_ID`` / ``INCOGNITO_ADMIN_SECRET_ACCESS_KEY``: the admin credentials.

authlib refuses plain-http OAuth endpoints unless ``AUTHLIB_INSECURE_TRANSPORT`` is set; it is
set here when ``INCOGNITO_URL`` is http (on AWS every endpoint is https).

Each test creates its own user pool (unique name) and deletes it at the end.
"""

from __future__ import annotations

import base64
import json
import os
import time
import urllib.parse
import uuid
import warnings
from html.parser import HTMLParser

import boto3
import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from botocore.config import Config
from botocore.exceptions import ClientError

with warnings.catch_warnings():
    # authlib 1.x deprecates its jose in favour of joserfc (for 2.0) but still ships it; it is
    # what authlib's own OIDC client uses.
    warnings.simplefilter("ignore", DeprecationWarning)
    from authlib.jose import JsonWebKey, jwt
    from authlib.oidc.core import CodeIDToken

REGION = "us-east-1"
ENDPOINT = os.environ.get("INCOGNITO_URL", "http://127.0.0.1:9229").rstrip("/")
ACCESS_KEY_ID = os.environ.get("INCOGNITO_ADMIN_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
SECRET_ACCESS_KEY = os.environ.get(
    "INCOGNITO_ADMIN_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)
if ENDPOINT.startswith("http://"):
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")

PASSWORD = "First-Passw0rd!"
TEMP_PASSWORD = "Temp-Passw0rd!"
REDIRECT_URI = "http://localhost:8765/cb"
APP_SCOPES = ["openid", "email", "aws.cognito.signin.user.admin"]
TIMEOUT = 10


# --------------------------------------------------------------------------- helpers


def unique_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def unverified_claims(token: str) -> dict:
    segment = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


class _Forms(HTMLParser):
    """Collects every <form>: its method, action and named <input> values.

    html.parser decodes character references in attribute values, so ``action`` comes out
    with its ``&amp;`` already turned back into ``&``.
    """

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            method = (a.get("method") or "get").lower()
            self.forms.append({"method": method, "action": a.get("action"), "fields": {}})
        elif tag == "input" and self.forms and a.get("name"):
            if a.get("type") != "submit":
                self.forms[-1]["fields"][a["name"]] = a.get("value") or ""


def sign_in_form(html_text: str) -> dict:
    parser = _Forms()
    parser.feed(html_text)
    parser.close()
    forms = [f for f in parser.forms if {"username", "password"} <= f["fields"].keys()]
    assert len(forms) == 1, parser.forms
    return forms[0]


def hosted_sign_in(authorization_url: str, username: str, password: str) -> str:
    """Follows the hosted UI as a browser would and returns the callback URL it redirects to."""
    browser = requests.Session()
    r = browser.get(authorization_url, allow_redirects=False, timeout=TIMEOUT)
    assert r.status_code == 302, (r.status_code, r.text)
    login_url = urllib.parse.urljoin(authorization_url, r.headers["Location"])
    assert urllib.parse.urlsplit(login_url).path.endswith("/login"), login_url

    r = browser.get(login_url, allow_redirects=False, timeout=TIMEOUT)
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("text/html"), r.headers
    form = sign_in_form(r.text)
    assert form["method"] == "post", form
    assert form["fields"].get("_csrf"), form
    action = urllib.parse.urljoin(login_url, form["action"])
    assert "&amp;" not in action, action

    fields = dict(form["fields"], username=username, password=password)
    r = browser.post(action, data=fields, allow_redirects=False, timeout=TIMEOUT)
    assert r.status_code == 302, (r.status_code, r.text)
    callback = r.headers["Location"]
    assert callback.startswith(REDIRECT_URI + "?"), callback
    return callback


def query_of(url: str) -> dict:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


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


@pytest.fixture
def app(idp):
    """A pool with a domain, a resource server, a web-app client, an m2m client and a user;
    plus the pool's discovery document and JWKS."""
    pool_id = idp.create_user_pool(PoolName=unique_name("compat-authlib"))["UserPool"]["Id"]
    domain = None
    try:
        idp.create_user_pool_domain(UserPoolId=pool_id, Domain=unique_name("authlib"))
        domain = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"]
        idp.create_resource_server(
            UserPoolId=pool_id,
            Identifier="orders",
            Name="Orders",
            Scopes=[{"ScopeName": "read", "ScopeDescription": "Read orders"}],
        )
        web = idp.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="web",
            GenerateSecret=True,
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["code"],
            AllowedOAuthScopes=APP_SCOPES,
            CallbackURLs=[REDIRECT_URI],
            SupportedIdentityProviders=["COGNITO"],
            ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
        )["UserPoolClient"]
        m2m = idp.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="m2m",
            GenerateSecret=True,
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["client_credentials"],
            AllowedOAuthScopes=["orders/read"],
        )["UserPoolClient"]
        username = "alice"
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
            UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
        )

        r = requests.get(f"{ENDPOINT}/{pool_id}/.well-known/openid-configuration", timeout=TIMEOUT)
        assert r.status_code == 200, r.text
        discovery = r.json()
        r = requests.get(discovery["jwks_uri"], timeout=TIMEOUT)
        assert r.status_code == 200, r.text
        jwks = r.json()

        yield {
            "pool_id": pool_id,
            "domain": domain,
            "discovery": discovery,
            "jwks": jwks,
            "web_id": web["ClientId"],
            "web_secret": web["ClientSecret"],
            "m2m_id": m2m["ClientId"],
            "m2m_secret": m2m["ClientSecret"],
            "username": username,
            "email": email,
        }
    finally:
        # As on AWS, a pool with a domain cannot be deleted: the domain goes first.
        if domain is not None:
            idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except ClientError as e:
            if e.response["Error"]["Code"] != "ResourceNotFoundException":
                raise


def web_session(app, secret: str | None = None) -> OAuth2Session:
    return OAuth2Session(
        app["web_id"],
        secret if secret is not None else app["web_secret"],
        scope="openid email",
        redirect_uri=REDIRECT_URI,
        code_challenge_method="S256",
    )


def authorize(app, client: OAuth2Session, **extra) -> tuple[str, str]:
    """authlib builds the authorization URL, the hosted UI signs alice in; returns
    (callback URL, code_verifier)."""
    verifier = generate_token(48)
    url, state = client.create_authorization_url(
        app["discovery"]["authorization_endpoint"], code_verifier=verifier, **extra
    )
    callback = hosted_sign_in(url, app["username"], PASSWORD)
    params = query_of(callback)
    assert params.get("code"), callback
    assert params.get("state") == state, callback
    return callback, verifier


def decode_id_token(app, token: dict, nonce: str) -> CodeIDToken:
    discovery = app["discovery"]
    claims = jwt.decode(
        token["id_token"],
        JsonWebKey.import_key_set(app["jwks"]),
        claims_cls=CodeIDToken,
        claims_options={
            "iss": {"essential": True, "value": discovery["issuer"]},
            "aud": {"essential": True, "value": app["web_id"]},
        },
        claims_params={
            "nonce": nonce,
            "client_id": app["web_id"],
            "access_token": token["access_token"],
        },
    )
    claims.validate()
    return claims


def assert_oauth_error(excinfo, error: str) -> None:
    assert excinfo.value.error == error, (excinfo.value.error, excinfo.value.description)


# --------------------------------------------------------------------------- tests


def test_discovery_points_at_the_pool_domain(app):
    discovery = app["discovery"]
    pool_id, domain = app["pool_id"], app["domain"]
    assert discovery["issuer"] == f"{ENDPOINT}/{pool_id}"
    assert discovery["jwks_uri"] == f"{ENDPOINT}/{pool_id}/.well-known/jwks.json"
    root = f"{ENDPOINT}/_domain/{domain}/oauth2"
    assert discovery["authorization_endpoint"] == f"{root}/authorize"
    assert discovery["token_endpoint"] == f"{root}/token"
    assert discovery["userinfo_endpoint"] == f"{root}/userInfo"
    assert "code" in discovery["response_types_supported"]
    assert "RS256" in discovery["id_token_signing_alg_values_supported"]
    assert "client_secret_basic" in discovery["token_endpoint_auth_methods_supported"]
    assert app["jwks"]["keys"] and all(k["kty"] == "RSA" for k in app["jwks"]["keys"])


def test_code_flow_with_pkce_id_token_userinfo_and_refresh(app):
    discovery = app["discovery"]
    client = web_session(app)
    nonce = generate_token(20)
    callback, verifier = authorize(app, client, nonce=nonce)

    token = client.fetch_token(
        discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    assert token["token_type"] == "Bearer"
    assert token["expires_in"] == 3600
    assert token["refresh_token"]
    assert token["expires_at"] > time.time()

    # The ID token, as an OIDC relying party checks it.
    claims = decode_id_token(app, token, nonce)
    assert claims["token_use"] == "id"
    assert claims["aud"] == app["web_id"]
    assert claims["at_hash"]
    assert claims["nonce"] == nonce
    assert claims["cognito:username"] == app["username"]
    assert claims["email"] == app["email"]
    assert claims["email_verified"] is True
    assert claims["auth_time"] <= claims["iat"]

    # The access token: verified with the same keys; Cognito's shape.
    access = jwt.decode(token["access_token"], JsonWebKey.import_key_set(app["jwks"]))
    access.validate()
    assert access["iss"] == discovery["issuer"]
    assert access["token_use"] == "access"
    assert access["client_id"] == app["web_id"]
    assert access["sub"] == claims["sub"]
    assert access["username"] == app["username"]
    assert "aud" not in access
    assert set(access["scope"].split()) == {"openid", "email"}

    # userInfo with the session's bearer token.
    r = client.get(discovery["userinfo_endpoint"], timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    info = r.json()
    assert info["sub"] == claims["sub"]
    assert info["email"] == app["email"]

    # Refresh: a new access token for the same sign-in and the same scopes.
    refreshed = client.refresh_token(
        discovery["token_endpoint"], refresh_token=token["refresh_token"]
    )
    assert refreshed["access_token"] != token["access_token"]
    new_access = jwt.decode(refreshed["access_token"], JsonWebKey.import_key_set(app["jwks"]))
    new_access.validate()
    assert new_access["origin_jti"] == access["origin_jti"]
    assert new_access["jti"] != access["jti"]
    assert new_access["scope"] == access["scope"]
    assert new_access["sub"] == access["sub"]
    new_id = unverified_claims(refreshed["id_token"])
    assert new_id["token_use"] == "id" and new_id["aud"] == app["web_id"]
    # authlib keeps the refresh token when the response carries none (Cognito sends none).
    assert client.token["refresh_token"] == token["refresh_token"]

    # The session now sends the refreshed token.
    r = client.get(discovery["userinfo_endpoint"], timeout=TIMEOUT)
    assert r.status_code == 200, r.text
    assert r.json()["sub"] == claims["sub"]


def test_client_credentials(app):
    discovery = app["discovery"]
    client = OAuth2Session(app["m2m_id"], app["m2m_secret"])
    token = client.fetch_token(
        discovery["token_endpoint"], grant_type="client_credentials", scope="orders/read"
    )
    assert token["token_type"] == "Bearer"
    assert token["expires_in"] == 3600
    assert "id_token" not in token
    assert "refresh_token" not in token

    claims = jwt.decode(token["access_token"], JsonWebKey.import_key_set(app["jwks"]))
    claims.validate()
    assert claims["iss"] == discovery["issuer"]
    assert claims["token_use"] == "access"
    assert claims["sub"] == app["m2m_id"]
    assert claims["client_id"] == app["m2m_id"]
    assert claims["scope"] == "orders/read"
    assert "username" not in claims


def test_wrong_client_secret_is_invalid_client(app):
    discovery = app["discovery"]
    client = web_session(app, secret="not-the-secret")
    callback, verifier = authorize(app, client)
    with pytest.raises(OAuthError) as excinfo:
        client.fetch_token(
            discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier
        )
    assert_oauth_error(excinfo, "invalid_client")

    # Same for client_credentials.
    m2m = OAuth2Session(app["m2m_id"], "not-the-secret")
    with pytest.raises(OAuthError) as excinfo:
        m2m.fetch_token(
            discovery["token_endpoint"], grant_type="client_credentials", scope="orders/read"
        )
    assert_oauth_error(excinfo, "invalid_client")


def test_code_redeemed_twice_is_invalid_grant(app):
    discovery = app["discovery"]
    client = web_session(app)
    callback, verifier = authorize(app, client)
    client.fetch_token(
        discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    with pytest.raises(OAuthError) as excinfo:
        client.fetch_token(
            discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier
        )
    assert_oauth_error(excinfo, "invalid_grant")


def test_wrong_code_verifier_is_invalid_grant(app):
    discovery = app["discovery"]
    client = web_session(app)
    callback, _verifier = authorize(app, client)
    with pytest.raises(OAuthError) as excinfo:
        client.fetch_token(
            discovery["token_endpoint"],
            authorization_response=callback,
            code_verifier=generate_token(48),
        )
    assert_oauth_error(excinfo, "invalid_grant")
