// The example shop's page around the AuthProvider plugin: the site's own parts (its session, the Zendesk
// Messaging JWT its backend mints), and the scenarios the browser test runs (?scenario=full|cors|signin).
(function () {
  'use strict';
  const config = window.demoConfig;
  const scenario = new URLSearchParams(location.search).get('scenario');
  const $ = (id) => document.getElementById(id);
  const show = (id, text) => { $(id).textContent = text; };
  const realFetch = window.fetch.bind(window);

  // The plugin calls AuthBridge at the article's address; in the demo, AuthBridge listens at
  // config.authBridge. Only that address is rewritten: the request stays a cross-origin one, so CORS holds.
  window.fetch = (url, init) =>
    realFetch(typeof url === 'string' ? url.replace('https://auth.shop.example.com', config.authBridge) : url, init);

  window.mySite = {
    async zendeskMessagingJWT() {
      const reply = await realFetch('/site/zendesk-jwt', { credentials: 'same-origin' });
      if (!reply.ok) throw new Error('not signed in to the shop');
      return reply.text();
    },
  };

  async function report(line) {
    $('log').textContent += line + '\n';
    if (scenario) await realFetch('/site/reports', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: scenario + ': ' + line });
  }
  async function siteSession() {
    const session = await (await realFetch('/site/session')).json();
    show('site', session.signedIn ? 'Shop: signed in as ' + session.name : 'Shop: signed out');
  }
  async function signIn() { await realFetch('/site/login', { method: 'POST' }); await siteSession(); }
  async function signOut() {
    await Genesys('command', 'Auth.logout');
    await realFetch('/site/logout', { method: 'POST' });
    await siteSession();
    show('messenger', 'Messenger: signed out');
    document.body.classList.remove('signed-in');
  }
  function loadAuthProvider() {
    const script = document.createElement('script');
    script.src = '/authprovider.js';
    document.body.appendChild(script);
  }
  const step = (value) => (value === undefined ? sessionStorage.getItem('demo.step') : sessionStorage.setItem('demo.step', value));

  $('signin').onclick = async () => { await signIn(); location.reload(); };
  $('signout').onclick = signOut;

  Genesys('subscribe', 'Auth.authenticated', async ({ data }) => {
    show('messenger', 'Messenger: signed in as ' + (data.claims.sub || 'the customer') + ' (' + data.via + ')');
    document.body.classList.add('signed-in');
    if (scenario === 'full' && step() === 'signin') {
      await report('signed in via ' + data.via + ' as ' + data.claims.sub);
      step('reload');
      location.reload();
    } else if (scenario === 'full' && step() === 'reload') {
      await report('signed in again after reload via ' + data.via + ' as ' + data.claims.sub);
      await signOut();
      const left = Object.keys(localStorage).filter((key) => key.startsWith('_genesys.widgets.auth.'));
      await report('signed out: stored Messenger tokens ' + (left.length ? 'present' : 'cleared'));
      step('after');
      location.reload();
    } else if (scenario === 'full' || scenario === 'cors') {
      await report('signed in unexpectedly at ' + step());
      await report('done');
    } else if (scenario === 'signin') {
      await report('signed in via ' + data.via);
    }
  });
  Genesys('subscribe', 'Auth.authError', async ({ data }) => {
    show('messenger', 'Messenger: not signed in (' + data.step + ': ' + data.error + ')');
    if (scenario === 'full' && step() === 'after') {
      await report('after sign-out and reload: not signed in (' + data.step + ': ' + data.error + ')');
    } else if (scenario) {
      await report('sign-in failed at ' + step() + ' (' + data.step + ': ' + data.error + ')');
    }
    if (scenario) {
      sessionStorage.removeItem('demo.step');
      await report('done');
    }
  });

  (async () => {
    if (scenario && !step()) {
      localStorage.clear();
      await signIn();
      step(scenario === 'full' ? 'signin' : scenario);
    } else {
      await siteSession();
    }
    loadAuthProvider();
  })();
})();
