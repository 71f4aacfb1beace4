"""A pre-token-generation trigger written for AWS Lambda (event version V2_0), unchanged.

Adds a `tier` claim to the access token ("gold" for staff at example.com, "basic" for
everyone else) and the `orders/read` scope for gold users. In AWS you would deploy it as a
Lambda function; with incognito, run it behind `lambda_http_shim.py` and point a
`[[triggers.hooks]]` entry at the shim.
"""


def handler(event, context):
    email = event["request"]["userAttributes"].get("email", "")
    tier = "gold" if email.endswith("@example.com") else "basic"
    if email.endswith("@blocked.example"):
        raise Exception("This account is blocked")
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "idTokenGeneration": {"claimsToAddOrOverride": {"tier": tier}},
        "accessTokenGeneration": {
            "claimsToAddOrOverride": {"tier": tier},
            "scopesToAdd": ["orders/read"] if tier == "gold" else [],
        },
    }
    return event
