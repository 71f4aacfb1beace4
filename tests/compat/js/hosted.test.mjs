// The hosted sign-in pages in a real browser: playwright-core driving Debian's chromium
// (/usr/bin/chromium, headless) against a running incognito server ($INCOGNITO_URL).
//
// A user signs up on the hosted page, confirms with the code from the outbox
// (/_incognito/messages), signs in with the authorization code flow and PKCE, and the test
// (plain fetch, as a back end would) exchanges the code at /oauth2/token, calls
// /oauth2/userInfo, refreshes and logs out. A second user with TOTP MFA signs in with password
// and code. The pages are reached path-routed, at $INCOGNITO_URL/_domain/<domain>.
//
//   INCOGNITO_URL=http://127.0.0.1:9229 node --test tests/compat/js/hosted.test.mjs
//
// Without /usr/bin/chromium the test fails (it does not skip): .ci/run installs it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';

import { chromium } from 'playwright-core';

const ENDPOINT = (process.env.INCOGNITO_URL ?? 'http://127.0.0.1:9229').replace(/\/+$/, '');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'First-Passw0rd!';
const WRONG_PASSWORD = 'Wrong-Passw0rd!';
const SCOPE = 'openid email aws.cognito.signin.user.admin';

/** One AWS JSON 1.1 call, unsigned (the server's loopback default accepts it). */
async function call(op, body) {
  const response = await fetch(`${ENDPOINT}/`, {
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

/** The claims of a JWT (its payload, not verified: the server's own tests check signatures). */
function claims(jwt) {
  const parts = jwt.split('.');
  assert.equal(parts.length, 3, `not a JWT: ${jwt}`);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

/** A PKCE pair (RFC 7636, S256). */
function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(ch);
    assert.ok(index >= 0, `not base32: ${text}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (HMAC-SHA-1, 30-second steps, 6 digits) at time step `step`. */
function totp(secretBase32, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = digest[19] & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 1000 / 30);

/** POST to /oauth2/token as a public client; returns { status, body }. */
async function token(base, form) {
  const response = await fetch(`${base}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.json() };
}

describe('hosted sign-in pages in chromium', () => {
  let browser;
  let callbackServer;
  let appOrigin;
  let poolId;
  let clientId;
  let domain;
  let base;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);

    // The app the pages send the browser back to: /cb (callback) and /bye (logout).
    callbackServer = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><title>app</title><p id="app">${new URL(req.url, 'http://x').pathname}</p>`);
    });
    await new Promise((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${callbackServer.address().port}`;

    const suffix = randomUUID().slice(0, 8);
    poolId = (await call('CreateUserPool', {
      PoolName: `js-hosted-${suffix}`,
      AutoVerifiedAttributes: ['email'],
    })).UserPool.Id;
    await call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    });
    await call('CreateUserPoolDomain', { UserPoolId: poolId, Domain: `hosted-${suffix}` });
    domain = `hosted-${suffix}`;
    clientId = (await call('CreateUserPoolClient', {
      UserPoolId: poolId,
      ClientName: 'web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      CallbackURLs: [`${appOrigin}/cb`],
      LogoutURLs: [`${appOrigin}/bye`],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
    })).UserPoolClient.ClientId;
    base = `${ENDPOINT}/_domain/${domain}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
  });

  after(async () => {
    await browser?.close();
    if (callbackServer) await new Promise((resolve) => callbackServer.close(resolve));
    // A pool with a domain cannot be deleted (as in Cognito): the domain goes first.
    if (domain) await call('DeleteUserPoolDomain', { UserPoolId: poolId, Domain: domain });
    if (poolId) await call('DeleteUserPool', { UserPoolId: poolId });
  });

  /** A fresh authorization request: its /oauth2/authorize URL, state, nonce and PKCE verifier. */
  function authorizeRequest() {
    const { verifier, challenge } = pkce();
    const state = randomUUID();
    const nonce = randomUUID();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: `${appOrigin}/cb`,
      state,
      scope: SCOPE,
      code_challenge_method: 'S256',
      code_challenge: challenge,
      nonce,
    });
    return { url: `${base}/oauth2/authorize?${query}`, state, nonce, verifier };
  }

  const isPage = (name) => (url) => url.href.startsWith(`${base}/${name}?`);
  const isCallback = (url) => url.origin === appOrigin && url.pathname === '/cb';

  /** The code the browser was sent back with, after checking the state came back unchanged. */
  function callbackCode(page, state) {
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('state'), state);
    assert.equal(url.searchParams.get('error'), null, `callback with an error: ${url}`);
    const code = url.searchParams.get('code');
    assert.match(code ?? '', /^[0-9a-f-]{36}$/, `callback without a code: ${url}`);
    return code;
  }

  /** Exchanges the code of `request` and checks what every token of this client carries. */
  async function exchange(code, request, username) {
    const { status, body } = await token(base, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: `${appOrigin}/cb`,
      code_verifier: request.verifier,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.ok(body.refresh_token, 'no refresh_token');

    const id = claims(body.id_token);
    assert.equal(id.token_use, 'id');
    assert.equal(id.aud, clientId);
    assert.equal(id['cognito:username'], username);
    assert.equal(id.iss, `${ENDPOINT}/${poolId}`);
    assert.equal(id.nonce, request.nonce);
    const access = claims(body.access_token);
    assert.equal(access.token_use, 'access');
    assert.equal(access.client_id, clientId);
    assert.equal(access.username, username);
    assert.equal(access.sub, id.sub);
    assert.deepEqual(access.scope.split(' ').sort(), SCOPE.split(' ').sort());
    return body;
  }

  test('sign up, confirm, sign in with code + PKCE, userInfo, refresh, logout', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const username = `carol-${randomUUID().slice(0, 8)}`;
    const email = `${username}@example.com`;

    // /oauth2/authorize without a session shows the sign-in page, with the request kept.
    const first = authorizeRequest();
    await page.goto(first.url);
    await page.waitForURL(isPage('login'));
    assert.equal(await page.locator('input[name=signInSubmitButton]').getAttribute('value'), 'Sign in');
    assert.equal(await page.locator('input[name=_csrf]').count(), 1);
    assert.equal(new URL(page.url()).searchParams.get('state'), first.state);

    // Sign up from the link on the sign-in page.
    await page.click('a#signUpLink');
    await page.waitForURL(isPage('signup'));
    await page.fill('input#signUpFormUsername[name=username]', username);
    await page.fill('input#signUpFormEmail[name=email]', email);
    await page.fill('input#signUpFormPassword[name=password]', PASSWORD);
    await page.click('input[name=signUpButton]');
    await page.waitForURL(isPage('confirm'));
    const confirmUrl = new URL(page.url());
    assert.equal(confirmUrl.searchParams.get('username'), username);
    assert.equal(confirmUrl.searchParams.get('state'), first.state);
    assert.equal((await call('AdminGetUser', { UserPoolId: poolId, Username: username })).UserStatus, 'UNCONFIRMED');

    // The confirmation code went to the outbox (email, the pool's auto-verified attribute).
    const outbox = await fetch(
      `${ENDPOINT}/_incognito/messages?${new URLSearchParams({ userPoolId: poolId, username })}`);
    assert.equal(outbox.status, 200);
    const { messages } = await outbox.json();
    const signUp = messages.filter((m) => m.kind === 'SIGN_UP');
    assert.equal(signUp.length, 1, JSON.stringify(messages));
    assert.equal(signUp[0].destination, email);
    assert.match(signUp[0].code, /^\d{6}$/);

    await page.fill('input#confirmationCode[name=confirmation_code]', signUp[0].code);
    await page.click('input[name=confirm]');
    await page.waitForURL(isPage('login'));
    assert.match(await page.locator('#noticeMessage').textContent(), /confirmed/);
    assert.equal(new URL(page.url()).searchParams.get('state'), first.state);
    const confirmed = await call('AdminGetUser', { UserPoolId: poolId, Username: username });
    assert.equal(confirmed.UserStatus, 'CONFIRMED');
    assert.equal(confirmed.UserAttributes.find((a) => a.Name === 'email_verified')?.Value, 'true');

    // A wrong password stays on the sign-in page with the error.
    await page.fill('input#signInFormUsername', username);
    await page.fill('input#signInFormPassword', WRONG_PASSWORD);
    await page.click('input[name=signInSubmitButton]');
    assert.equal((await page.locator('#errorMessage').textContent()).trim(), 'Incorrect username or password.');
    assert.ok(isPage('login')(new URL(page.url())), page.url());

    // The right one goes back to the app with a code for this request.
    await page.fill('input#signInFormUsername', username);
    await page.fill('input#signInFormPassword', PASSWORD);
    await page.click('input[name=signInSubmitButton]');
    await page.waitForURL(isCallback);
    const code = callbackCode(page, first.state);

    const tokens = await exchange(code, first, username);
    const id = claims(tokens.id_token);
    assert.equal(id.email, email);
    assert.equal(id.email_verified, true);

    // A code works once.
    const again = await token(base, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: `${appOrigin}/cb`,
      code_verifier: first.verifier,
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');

    // userInfo with the access token.
    const info = await fetch(`${base}/oauth2/userInfo`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(info.status, 200);
    const user = await info.json();
    assert.equal(user.sub, id.sub);
    assert.equal(user.username, username);
    assert.equal(user.email, email);
    assert.equal(user.email_verified, 'true');

    // The refresh token gives new tokens for the same user and scopes.
    const refreshed = await token(base, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: tokens.refresh_token,
    });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const refreshedId = claims(refreshed.body.id_token);
    assert.equal(refreshedId.token_use, 'id');
    assert.equal(refreshedId.aud, clientId);
    assert.equal(refreshedId['cognito:username'], username);
    assert.equal(refreshedId.sub, id.sub);
    const refreshedAccess = claims(refreshed.body.access_token);
    assert.equal(refreshedAccess.token_use, 'access');
    assert.equal(refreshedAccess.client_id, clientId);
    assert.equal(refreshedAccess.username, username);
    assert.deepEqual(refreshedAccess.scope.split(' ').sort(), SCOPE.split(' ').sort());
    assert.notEqual(refreshed.body.access_token, tokens.access_token);

    // With the session cookie, /oauth2/authorize goes straight back to the app with a code,
    // which only the verifier of its own request redeems (PKCE).
    const second = authorizeRequest();
    await page.goto(second.url);
    await page.waitForURL(isCallback);
    const stolen = await token(base, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: callbackCode(page, second.state),
      redirect_uri: `${appOrigin}/cb`,
      code_verifier: first.verifier,
    });
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body.error, 'invalid_grant');
    const third = authorizeRequest();
    await page.goto(third.url);
    await page.waitForURL(isCallback);
    await exchange(callbackCode(page, third.state), third, username);

    // Logout goes to the registered logout URL and ends the session.
    await page.goto(`${base}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: `${appOrigin}/bye` })}`);
    await page.waitForURL((url) => url.origin === appOrigin && url.pathname === '/bye');
    const fourth = authorizeRequest();
    await page.goto(fourth.url);
    await page.waitForURL(isPage('login'));
    assert.equal(await page.locator('input#signInFormPassword').count(), 1);

    await context.close();
  });

  test('a TOTP user signs in with password and code', async () => {
    const username = `dave-${randomUUID().slice(0, 8)}`;
    await call('AdminCreateUser', {
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: `${username}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await call('AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true });
    const { AccessToken } = (await call('InitiateAuth', {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    })).AuthenticationResult;
    const { SecretCode } = await call('AssociateSoftwareToken', { AccessToken });
    // Enrol with the previous step's code (inside the server's window of one step) so the
    // current step is still unused for the sign-in below: a step is accepted once per user.
    const verified = await call('VerifySoftwareToken', { AccessToken, UserCode: totp(SecretCode, currentStep() - 1) });
    assert.equal(verified.Status, 'SUCCESS');
    await call('SetUserMFAPreference', {
      AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });

    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const request = authorizeRequest();
    await page.goto(request.url);
    await page.waitForURL(isPage('login'));
    await page.fill('input#signInFormUsername', username);
    await page.fill('input#signInFormPassword', PASSWORD);
    await page.click('input[name=signInSubmitButton]');

    // The password alone does not sign in: the code page comes first.
    const codeInput = page.locator('input#totpCodeInput[name=code]');
    await codeInput.waitFor();
    assert.ok(!isCallback(new URL(page.url())), page.url());
    await codeInput.fill(totp(SecretCode, currentStep()));
    await page.click('input[name=signInSubmitButton]');
    await page.waitForURL(isCallback);

    await exchange(callbackCode(page, request.state), request, username);
    await context.close();
  });
});
