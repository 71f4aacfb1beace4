"""The federation script from DESIGN.md and issue 4, written for real AWS. Only its
placeholders are filled in, from the environment; the endpoint comes from AWS_ENDPOINT_URL
and the credentials from the usual AWS_* variables, exactly as boto3 reads them on AWS."""

import os

import boto3

POOL = os.environ["POOL"]
CLIENT = os.environ["CLIENT"]
IPOOL = os.environ["IPOOL"]
u = os.environ["USERNAME_"]
p = os.environ["PASSWORD_"]

idp = boto3.client('cognito-idp'); ident = boto3.client('cognito-identity')
r = idp.admin_initiate_auth(UserPoolId=POOL, AuthFlow='ADMIN_NO_SRP_AUTH',
        AuthParameters={'USERNAME': u, 'PASSWORD': p}, ClientId=CLIENT)
idtoken = r['AuthenticationResult']['IdToken']
login = {f'cognito-idp.us-east-1.amazonaws.com/{POOL}': idtoken}
iid = ident.get_id(IdentityPoolId=IPOOL, Logins=login)['IdentityId']
c = ident.get_credentials_for_identity(IdentityId=iid, Logins=login)['Credentials']
print(c['AccessKeyId'], c['SecretKey'], c['SessionToken'])
