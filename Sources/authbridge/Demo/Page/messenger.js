// An emulated Genesys Messenger, for `authbridge demo --serve` and its browser test: only the parts of
// the AuthProvider plugin contract Genesys documents (Developer Center, "authProviderPlugin" and
// "authenticatedMessenger"), against the emulated Genesys's Web Messaging token endpoints
// (PureCloudPlatformClientV2: WebDeploymentsOAuthExchangeRequest, WebDeploymentsRefreshJWTRequest).
// It is not Genesys's code, and it renders no chat.
//
//   Genesys('registerPlugin', 'AuthProvider', (AuthProvider) => { registerCommand(name, handler); ready() })
//   Genesys('subscribe', 'Auth.authenticated' | 'Auth.authError' | 'Auth.loggedOut', callback)
//   Genesys('command', 'Auth.logout')
//
// When the plugin is ready: with tokens in localStorage, the JWT is refreshed
// (POST /api/v2/webdeployments/token/refresh), and a refused refresh calls the plugin's reAuthenticate;
// without, getAuthCode is called and its payload exchanged
// (POST /api/v2/webdeployments/token/oauthcodegrantjwtexchange). Auth.logout revokes the session
// (DELETE /api/v2/webdeployments/token/revoke) and clears the stored tokens.
(function () {
  'use strict';
  const config = window.demoMessengerConfig;   // {genesys, deploymentId}
  const storageKey = '_genesys.widgets.auth.' + config.deploymentId;
  const commands = {};
  const listeners = {};

  function publish(event, data) {
    (listeners[event] || []).forEach((callback) => { try { callback({ event, data }); } catch (_) {} });
  }

  // Runs a plugin command the way Messenger does: the handler gets {data, resolve, reject}; a handler
  // that throws, or whose promise rejects, rejects.
  function run(name, data) {
    return new Promise((resolve, reject) => {
      const handler = commands[name];
      if (!handler) { reject(new Error('AuthProvider did not register ' + name)); return; }
      try {
        const result = handler({ data, resolve, reject });
        if (result && typeof result.then === 'function') result.then(undefined, reject);
      } catch (error) { reject(error); }
    });
  }

  async function genesys(method, path, body, bearer) {
    const headers = { 'Content-Type': 'application/json' };
    if (bearer) headers.Authorization = 'Bearer ' + bearer;
    const reply = await fetch(config.genesys + path, { method, headers, body: body && JSON.stringify(body) });
    const text = await reply.text();
    return { status: reply.status, body: text ? JSON.parse(text) : {} };
  }

  function claims(jwt) {
    try { return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); } catch (_) { return {}; }
  }

  async function authenticate() {
    const stored = JSON.parse(localStorage.getItem(storageKey) || 'null');
    if (stored && stored.refreshToken) {
      const refreshed = await genesys('POST', '/api/v2/webdeployments/token/refresh',
        { refreshToken: stored.refreshToken, deploymentId: config.deploymentId });
      if (refreshed.status === 200) {
        localStorage.setItem(storageKey, JSON.stringify({ jwt: refreshed.body.jwt, refreshToken: stored.refreshToken }));
        publish('Auth.authenticated', { via: 'refresh', claims: claims(refreshed.body.jwt) });
        return;
      }
      localStorage.removeItem(storageKey);
      await run('reAuthenticate', {}).catch(() => {});
      return;
    }
    let payload;
    try {
      payload = await run('getAuthCode', {});
    } catch (error) {
      publish('Auth.authError', { step: 'getAuthCode', error: String((error && (error.name + ': ' + error.message)) || JSON.stringify(error)) });
      return;
    }
    const exchanged = await genesys('POST', '/api/v2/webdeployments/token/oauthcodegrantjwtexchange', {
      deploymentId: config.deploymentId,
      oauth: { code: payload.authCode, redirectUri: payload.redirectUri, nonce: payload.nonce, codeVerifier: payload.codeVerifier },
    });
    if (exchanged.status !== 200) {
      publish('Auth.authError', { step: 'exchange', status: exchanged.status, error: exchanged.body.code || '' });
      return;
    }
    localStorage.setItem(storageKey, JSON.stringify({ jwt: exchanged.body.jwt, refreshToken: exchanged.body.refreshToken }));
    publish('Auth.authenticated', { via: 'code', claims: claims(exchanged.body.jwt) });
  }

  async function logout() {
    const stored = JSON.parse(localStorage.getItem(storageKey) || 'null');
    if (stored && stored.jwt) await genesys('DELETE', '/api/v2/webdeployments/token/revoke', undefined, stored.jwt).catch(() => {});
    localStorage.removeItem(storageKey);
    publish('Auth.loggedOut', {});
  }

  const queued = (window.Genesys && window.Genesys.q) || [];
  window.Genesys = function (verb, name, argument) {
    if (verb === 'registerPlugin' && name === 'AuthProvider') {
      argument({
        registerCommand(command, handler) { commands[command] = handler; },
        ready() { authenticate(); },
      });
    } else if (verb === 'subscribe') {
      (listeners[name] = listeners[name] || []).push(argument);
    } else if (verb === 'command' && name === 'Auth.logout') {
      return logout();
    }
  };
  queued.forEach((call) => window.Genesys.apply(null, call));
})();
