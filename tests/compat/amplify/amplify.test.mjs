// Amplify JS v6 (aws-amplify, pinned in package.json) signing in through incognito's hosted
// login with signInWithRedirect, configured with only the domain changed, in headless
// /usr/bin/chromium driven by playwright-core.
//
// Amplify always builds https://${oauth.domain}/oauth2/…, so run.sh puts nginx in front of
// incognito as a TLS terminator (self-signed certificate for localhost) and passes its port in
// $AMPLIFY_TLS_PORT. This file serves the bundled app (dist/app.js from app.js) on
// http://localhost:<port>/ and creates the pool, domain, client and user through the JSON API.
//
//   INCOGNITO_URL=http://127.0.0.1:9229 tests/compat/amplify/run.sh
//
// Nothing is skipped: without chromium, the bundle or the TLS port the test fails.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import { chromium } from 'playwright-core';

const ENDPOINT = (process.env.INCOGNITO_URL ?? 'http://127.0.0.1:9229').replace(/\/+$/, '');
const TLS_PORT = process.env.AMPLIFY_TLS_PORT;
const CHROMIUM = '/usr/bin/chromium';
const BUNDLE = new URL('./dist/app.js', import.meta.url);
const INDEX = new URL('./index.html', import.meta.url);
const PASSWORD = 'First-Passw0rd!';
const SCOPES = ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'];
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** One AWS JSON 1.1 call, unsigned (the server's loopback default accepts it). */
async function call(op, body) {
  const response = await fetch(`${ENDPOINT}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `${TARGET_PREFIX}${op}`,
    },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) {
    throw new Error(`${op}: ${response.status} ${data.__type}: ${data.message}`);
  }
  return data;
}

describe('Amplify JS v6 signInWithRedirect through the hosted login (nginx TLS)', () => {
  let server;
  let appOrigin;
  let browser;
  let poolId;
  let domain;
  let clientId;
  let username;
  let email;
  let hostedBase; // https://localhost:<tls>/_domain/<domain>
  let config;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`);
    assert.ok(TLS_PORT, 'AMPLIFY_TLS_PORT is not set: run this through run.sh (nginx TLS)');
    assert.ok(existsSync(BUNDLE), 'dist/app.js is missing: run.sh bundles app.js with esbuild');
    const bundle = readFileSync(BUNDLE);
    const index = readFileSync(INDEX);

    // The app's own origin. Its port is needed for the client's callback URLs, so the server
    // starts first and /config.js is answered once the setup below is done.
    server = createServer((req, res) => {
      const path = new URL(req.url, 'http://localhost').pathname;
      if (path === '/config.js') {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(`window.INCOGNITO_AMPLIFY = ${JSON.stringify(config)};\n`);
      } else if (path === '/app.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(bundle);
      } else if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(index);
      } else if (path === '/favicon.ico') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://localhost:${server.address().port}`;

    const suffix = randomUUID().slice(0, 8);
    poolId = (await call('CreateUserPool', { PoolName: `amplify-${suffix}` })).UserPool.Id;
    domain = `amplify-${suffix}`;
    await call('CreateUserPoolDomain', { UserPoolId: poolId, Domain: domain });
    clientId = (await call('CreateUserPoolClient', {
      UserPoolId: poolId,
      ClientName: 'amplify-web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: SCOPES,
      CallbackURLs: [`${appOrigin}/`],
      LogoutURLs: [`${appOrigin}/`],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })).UserPoolClient.ClientId;
    username = `amy-${suffix}`;
    email = `${username}@example.com`;
    await call('AdminCreateUser', {
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await call('AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true });

    hostedBase = `https://localhost:${TLS_PORT}/_domain/${domain}`;
    // Exactly the README's Amplify configuration: only the domain changes.
    config = {
      userPoolId: poolId,
      userPoolClientId: clientId,
      userPoolEndpoint: ENDPOINT,
      domain: `localhost:${TLS_PORT}/_domain/${domain}`,
      redirect: `${appOrigin}/`,
    };

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--ignore-certificate-errors'],
      headless: true,
    });
  });

  after(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    if (domain) await call('DeleteUserPoolDomain', { UserPoolId: poolId, Domain: domain }).catch(() => {});
    if (poolId) await call('DeleteUserPool', { UserPoolId: poolId }).catch(() => {});
  });

  test('sign in with the hosted login, session and attributes, sign out, login form again', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // What the browser did, for the failure messages (and the report).
    const log = [];
    const jsonOps = [];
    page.on('console', (msg) => log.push(`console.${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) =>
      log.push(`requestfailed: ${req.method()} ${req.url()}: ${req.failure()?.errorText}`));
    page.on('request', (req) => {
      const target = req.headers()['x-amz-target'];
      if (target?.startsWith(TARGET_PREFIX)) jsonOps.push(target.slice(TARGET_PREFIX.length));
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) log.push(`navigate: ${req.method()} ${req.url()}`);
    });
    page.on('response', async (res) => {
      const req = res.request();
      const target = req.headers()['x-amz-target'];
      const url = res.url();
      if (target || url.includes('/oauth2/') || res.status() >= 400) {
        let body = '';
        if (res.status() >= 400) body = ` ${await res.text().catch(() => '')}`;
        log.push(`response: ${req.method()} ${url}${target ? ` [${target}]` : ''} → ${res.status()}${body}`);
      }
    });
    const context_ = () => `\n--- browser log\n${log.join('\n')}\n--- JSON API ops: ${jsonOps.join(', ')}`;
    const text = async (id) => (await page.locator(`#${id}`).textContent()) ?? '';
    const settled = async () => {
      await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'loading');
      return text('status');
    };

    try {
      // Signed out at first.
      await page.goto(`${appOrigin}/`);
      assert.equal(await settled(), 'signed-out', `error: ${await text('error')}${context_()}`);

      // signInWithRedirect → https://localhost:<tls>/_domain/<domain>/oauth2/authorize → login.
      await page.click('#sign-in');
      await page.waitForURL((url) => url.href.startsWith(`${hostedBase}/`) && url.pathname.endsWith('/login'));
      await page.fill('input#signInFormUsername', username);
      await page.fill('input#signInFormPassword', PASSWORD);
      await page.click('input[name=signInSubmitButton]');

      // Back on the app's own origin; Amplify exchanges the code at /oauth2/token.
      await page.waitForURL((url) => url.origin === appOrigin);
      const status = await settled();
      assert.equal(status, 'signed-in', `error: ${await text('error')}\nevents: ${await text('events')}${context_()}`);

      const user = JSON.parse(await text('user'));
      assert.equal(user.username, username);
      const session = JSON.parse(await text('session'));
      assert.equal(session.idToken['cognito:username'], username, JSON.stringify(session.idToken));
      assert.equal(session.idToken.aud, clientId);
      assert.equal(session.idToken.token_use, 'id');
      assert.equal(session.idToken.email, email);
      assert.equal(session.accessToken.client_id, clientId);
      assert.ok(session.accessToken.scope.split(' ').includes('aws.cognito.signin.user.admin'),
        `access token scope: ${session.accessToken.scope}`);
      const attributes = JSON.parse(await text('attributes'));
      assert.equal(attributes.email, email, JSON.stringify(attributes));
      assert.equal(attributes.sub, session.idToken.sub);
      assert.ok(jsonOps.includes('GetUser'), `fetchUserAttributes did not call GetUser: ${jsonOps}`);
      const events = await text('events');
      assert.match(events, /signInWithRedirect\n/, `hub events: ${events}`);
      assert.match(events, /signedIn\n/, `hub events: ${events}`);
      console.log(`# signed in; iss=${session.idToken.iss}; JSON API ops so far: ${jsonOps.join(', ')}`);
      console.log(`# hub events: ${events.trim().split('\n').join(', ')}`);

      // signOut() → https://localhost:<tls>/_domain/<domain>/logout → back to the app.
      const logoutSeen = page.waitForRequest((req) =>
        req.url().startsWith(`${hostedBase}/logout?`) && req.isNavigationRequest());
      await page.click('#sign-out');
      const logout = await logoutSeen;
      const logoutUrl = new URL(logout.url());
      assert.equal(logoutUrl.searchParams.get('client_id'), clientId);
      assert.equal(logoutUrl.searchParams.get('logout_uri'), `${appOrigin}/`);
      await page.waitForURL((url) => url.origin === appOrigin);
      assert.equal(await settled(), 'signed-out', `error: ${await text('error')}${context_()}`);

      // The hosted session cookie is gone: a new signInWithRedirect shows the login form.
      await page.click('#sign-in');
      await page.waitForURL((url) => url.href.startsWith(`${hostedBase}/`) && url.pathname.endsWith('/login'));
      assert.equal(await page.locator('input#signInFormPassword').count(), 1);
      console.log(`# JSON API ops in all: ${jsonOps.join(', ')}`);
      assert.ok(!jsonOps.includes('GetTokensFromRefreshToken'), `Amplify refreshed: ${jsonOps}`);
      if (process.env.AMPLIFY_DEBUG) console.log(context_());
    } catch (err) {
      err.message += context_();
      throw err;
    } finally {
      await context.close();
    }
  });
});
