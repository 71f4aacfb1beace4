// The single-page app the test drives: Amplify JS v6 configured for incognito with only the
// domain changed. The values come from /config.js (window.INCOGNITO_AMPLIFY, written by the
// test's static server). Bundled by run.sh with esbuild into dist/app.js.
//
// The page writes what it learns into the DOM for the test to read:
//   #status      "loading" → "signed-in" | "signed-out" | "error"
//   #user        getCurrentUser() as JSON
//   #session     fetchAuthSession() token payloads as JSON ({ idToken, accessToken })
//   #attributes  fetchUserAttributes() as JSON (GetUser with the access token)
//   #events      the Hub 'auth' events, one per line
//   #error       the last error (name: message)

import { Amplify } from 'aws-amplify';
import { Hub } from 'aws-amplify/utils';
import {
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signInWithRedirect,
  signOut,
} from 'aws-amplify/auth';
import 'aws-amplify/auth/enable-oauth-listener';

const cfg = window.INCOGNITO_AMPLIFY;
const $ = (id) => document.getElementById(id);

function show(id, value) {
  $(id).textContent = typeof value === 'string' ? value : JSON.stringify(value);
}

function showError(where, err) {
  console.error(`app ${where}:`, err);
  show('error', `${where}: ${err?.name ?? 'Error'}: ${err?.message ?? String(err)}`);
}

Hub.listen('auth', ({ payload }) => {
  const line = payload.event + (payload.data?.message ? ` ${payload.data.message}` : '');
  $('events').textContent += line + '\n';
  if (payload.event === 'signInWithRedirect_failure') {
    showError('signInWithRedirect_failure', payload.data?.error ?? payload.data);
  }
});

Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: cfg.userPoolId,
      userPoolClientId: cfg.userPoolClientId,
      userPoolEndpoint: cfg.userPoolEndpoint,
      loginWith: {
        oauth: {
          domain: cfg.domain,
          scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
          redirectSignIn: [cfg.redirect],
          redirectSignOut: [cfg.redirect],
          responseType: 'code',
        },
      },
    },
  },
});

$('sign-in').addEventListener('click', () => {
  signInWithRedirect().catch((err) => showError('signInWithRedirect', err));
});
$('sign-out').addEventListener('click', () => {
  signOut().catch((err) => showError('signOut', err));
});

async function load() {
  let user;
  try {
    // Waits for an OAuth redirect in flight (the code exchange at /oauth2/token) first.
    user = await getCurrentUser();
  } catch (err) {
    if (err?.name !== 'UserUnAuthenticatedException') showError('getCurrentUser', err);
    show('status', 'signed-out');
    return;
  }
  show('user', user);
  try {
    const { tokens } = await fetchAuthSession();
    show('session', {
      idToken: tokens?.idToken?.payload ?? null,
      accessToken: tokens?.accessToken?.payload ?? null,
    });
    show('attributes', await fetchUserAttributes());
    show('status', 'signed-in');
  } catch (err) {
    showError('session', err);
    show('status', 'error');
  }
}

load();
