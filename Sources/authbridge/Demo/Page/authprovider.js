Genesys('registerPlugin', 'AuthProvider', (AuthProvider) => {
  AuthProvider.registerCommand('getAuthCode', async (e) => {
    const zendeskJWT = await mySite.zendeskMessagingJWT();   // what you gave zE('messenger', 'loginUser')
    const reply = await fetch('https://auth.shop.example.com/authbridge/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        credential: zendeskJWT,
        credentialKind: 'messagingJWT',
        widget: 'messenger',
        messenger: {
          clientId: 'genesys-messenger',
          redirectUri: 'https://shop.example.com/chat/callback',
          nonce: crypto.randomUUID()
        }
      })
    });
    if (!reply.ok) { e.reject(await reply.json()); return; }   // {error, correlationId}
    e.resolve(await reply.json());   // {authCode, redirectUri, nonce, codeVerifier}
  });
  AuthProvider.registerCommand('reAuthenticate', (e) => {
    window.location.assign('/login?return=' + encodeURIComponent(location.href));
    e.resolve();
  });
  AuthProvider.ready();
});
