// amazon-cognito-identity-js, unchanged, against a running incognito server ($INCOGNITO_URL).
//
// The library signs in with SRP by default: CognitoUser.authenticateUser sends InitiateAuth
// with USER_SRP_AUTH and answers PASSWORD_VERIFIER with its own SRP client
// (AuthenticationHelper.js, pure-JS BigInteger). Pools, clients and users are made through the
// HTTP API with plain unsigned POSTs, which the server accepts in its default loopback mode.
//
//   INCOGNITO_URL=http://127.0.0.1:9229 node --test tests/compat/js/
//
// (scripts/test runs it against the real binary on SQLite and on PostgreSQL.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';

import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
} from 'amazon-cognito-identity-js';

const ENDPOINT = (process.env.INCOGNITO_URL ?? 'http://127.0.0.1:9229').replace(/\/+$/, '');
const PASSWORD = 'First-Passw0rd!';
const WRONG_PASSWORD = 'Wrong-Passw0rd!';
const TEMPORARY_PASSWORD = 'Temporary-Passw0rd!';
const NEW_PASSWORD = 'Second-Passw0rd!';

// Every request the library sends goes through the global fetch (Node's own, since
// isomorphic-unfetch keeps an existing global). Record X-Amz-Target and AuthFlow/ChallengeName
// so the tests can show which flow actually ran.
const sent = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options = {}) => {
  const headers = options.headers ?? {};
  const target = headers['X-Amz-Target'] ?? headers['x-amz-target'];
  if (target) {
    const body = JSON.parse(options.body ?? '{}');
    sent.push({ op: target.split('.').pop(), flow: body.AuthFlow ?? body.ChallengeName });
  }
  return realFetch(url, options);
};

/** One AWS JSON 1.1 call, as an operator: unsigned, which the loopback default allows. */
async function call(op, body) {
  const response = await realFetch(`${ENDPOINT}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}`,
    },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) {
    throw new Error(`${op}: ${response.status} ${data.__type}: ${data.message}`);
  }
  return data;
}

/** authenticateUser as a promise; a challenge the test did not expect is a failure. */
function signIn(user, password, extra = {}) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: reject,
      newPasswordRequired: extra.newPasswordRequired
        ?? ((attributes) => reject(new Error(`unexpected NEW_PASSWORD_REQUIRED ${JSON.stringify(attributes)}`))),
      mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
      totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
      customChallenge: () => reject(new Error('unexpected CUSTOM_CHALLENGE')),
      mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
      selectMFAType: () => reject(new Error('unexpected SELECT_MFA_TYPE')),
    });
  });
}

describe('amazon-cognito-identity-js SRP sign-in', () => {
  let poolId;
  let clientId;
  let pool;

  before(async () => {
    poolId = (await call('CreateUserPool', { PoolName: `js-srp-${randomUUID().slice(0, 12)}` })).UserPool.Id;
    clientId = (await call('CreateUserPoolClient', {
      UserPoolId: poolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })).UserPoolClient.ClientId;
    await call('AdminCreateUser', {
      UserPoolId: poolId,
      Username: 'alice',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await call('AdminSetUserPassword', { UserPoolId: poolId, Username: 'alice', Password: PASSWORD, Permanent: true });
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ENDPOINT });
  });

  after(async () => {
    if (poolId) await call('DeleteUserPool', { UserPoolId: poolId });
  });

  test('signs in with USER_SRP_AUTH and gets working tokens', async () => {
    sent.length = 0;
    const user = new CognitoUser({ Username: 'alice', Pool: pool });
    const { session } = await signIn(user, PASSWORD);

    assert.deepEqual(sent, [
      { op: 'InitiateAuth', flow: 'USER_SRP_AUTH' },
      { op: 'RespondToAuthChallenge', flow: 'PASSWORD_VERIFIER' },
    ]);
    assert.ok(session.isValid());
    const id = session.getIdToken().decodePayload();
    assert.equal(id['cognito:username'], 'alice');
    assert.equal(id.aud, clientId);
    assert.equal(id.token_use, 'id');
    assert.equal(id.email, 'alice@example.com');
    const access = session.getAccessToken().decodePayload();
    assert.equal(access.username, 'alice');
    assert.equal(access.client_id, clientId);
    assert.ok(session.getRefreshToken().getToken());

    // The access token works against the server (GetUser).
    const attributes = await new Promise((resolve, reject) =>
      user.getUserAttributes((err, result) => (err ? reject(err) : resolve(result))));
    const email = attributes.find((a) => a.getName() === 'email');
    assert.equal(email?.getValue(), 'alice@example.com');

    // And the refresh token (REFRESH_TOKEN_AUTH) gives a new session for the same user.
    const refreshed = await new Promise((resolve, reject) =>
      user.refreshSession(session.getRefreshToken(), (err, result) => (err ? reject(err) : resolve(result))));
    assert.equal(refreshed.getIdToken().decodePayload()['cognito:username'], 'alice');
  });

  test('signs in repeatedly (every encoding case of A, B and S)', async () => {
    // pad() prefixes 0x00 when the top bit is set; A, B and S each have it about half the
    // time, so 12 sign-ins exercise both branches of each with high probability.
    for (let i = 0; i < 12; i += 1) {
      const { session } = await signIn(new CognitoUser({ Username: 'alice', Pool: pool }), PASSWORD);
      assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'alice', `sign-in ${i}`);
    }
  });

  test('a wrong password is NotAuthorizedException', async () => {
    sent.length = 0;
    await assert.rejects(signIn(new CognitoUser({ Username: 'alice', Pool: pool }), WRONG_PASSWORD), (err) => {
      assert.equal(err.code, 'NotAuthorizedException');
      assert.equal(err.message, 'Incorrect username or password.');
      return true;
    });
    // The wrong password was caught at the PASSWORD_VERIFIER step, not before it.
    assert.deepEqual(sent.map((r) => r.flow), ['USER_SRP_AUTH', 'PASSWORD_VERIFIER']);
    // The right one still works (one failure does not lock the user).
    await signIn(new CognitoUser({ Username: 'alice', Pool: pool }), PASSWORD);
  });

  test('an unknown user is UserNotFoundException', async () => {
    await assert.rejects(signIn(new CognitoUser({ Username: 'nobody', Pool: pool }), PASSWORD), (err) => {
      assert.equal(err.code, 'UserNotFoundException');
      return true;
    });
  });

  test('a temporary password reaches newPasswordRequired and completeNewPasswordChallenge signs in', async () => {
    await call('AdminCreateUser', {
      UserPoolId: poolId,
      Username: 'bob',
      TemporaryPassword: TEMPORARY_PASSWORD,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
    });
    const user = new CognitoUser({ Username: 'bob', Pool: pool });
    const challenge = await new Promise((resolve, reject) => {
      signIn(user, TEMPORARY_PASSWORD, {
        newPasswordRequired: (userAttributes, requiredAttributes) => resolve({ userAttributes, requiredAttributes }),
      }).then(() => reject(new Error('signed in without the NEW_PASSWORD_REQUIRED challenge')), reject);
    });
    assert.equal(challenge.userAttributes.email, 'bob@example.com');
    assert.deepEqual(challenge.requiredAttributes, []);

    sent.length = 0;
    const session = await new Promise((resolve, reject) => {
      user.completeNewPasswordChallenge(NEW_PASSWORD, {}, {
        onSuccess: resolve,
        onFailure: reject,
        newPasswordRequired: () => reject(new Error('NEW_PASSWORD_REQUIRED again')),
      });
    });
    assert.deepEqual(sent, [{ op: 'RespondToAuthChallenge', flow: 'NEW_PASSWORD_REQUIRED' }]);
    assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'bob');

    const bob = await call('AdminGetUser', { UserPoolId: poolId, Username: 'bob' });
    assert.equal(bob.UserStatus, 'CONFIRMED');
    // The new password now signs in with SRP (its verifier was set with it), the temporary one not.
    const again = await signIn(new CognitoUser({ Username: 'bob', Pool: pool }), NEW_PASSWORD);
    assert.equal(again.session.getIdToken().decodePayload()['cognito:username'], 'bob');
    await assert.rejects(signIn(new CognitoUser({ Username: 'bob', Pool: pool }), TEMPORARY_PASSWORD), (err) => {
      assert.equal(err.code, 'NotAuthorizedException');
      return true;
    });
  });
});
