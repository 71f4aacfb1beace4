"""The hook of bench/triggers.sh: a V2 pre-token function that adds one claim, the least a
real function does, so the figure is incognito's overhead rather than the function's work."""


def handler(event, context):
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "accessTokenGeneration": {"claimsToAddOrOverride": {"tier": "gold"}},
    }
    return event
