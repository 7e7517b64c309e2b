// The peer the load benchmark measures AuthBridge against: the "verify the Zendesk JWT, return a cached
// Genesys token" proposal, rebuilt with Node.js built-ins only (http, crypto, cluster), two workers.
// For measurement only; it is not part of AuthBridge.
//
//   node node-peer.js PORT SECRET
// GET /healthz -> 200 ok; POST /authbridge/v1/session with {"credential": "<HS256 JWT>", ...}
// -> 200 {"token": "...", "expiresIn": N} when the JWT verifies and has not expired, else 401.
'use strict';
const cluster = require('cluster');
const crypto = require('crypto');
const http = require('http');

const port = Number(process.argv[2] || 18081);
const secret = Buffer.from(process.argv[3] || '', 'utf8');

if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
  const stop = () => { for (const id in cluster.workers) cluster.workers[id].kill('SIGTERM'); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  // The service token, fetched once per worker (the proposal caches it until expiry): simulated.
  const cached = { token: crypto.randomBytes(32).toString('base64url'), expiresAt: Date.now() + 3600e3 };
  let tokenRequests = 1;

  const verify = (jwt) => {
    const parts = jwt.split('.');
    if (parts.length !== 3) return null;
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (header.alg !== 'HS256') return null;
    const expected = crypto.createHmac('sha256', secret).update(parts[0] + '.' + parts[1]).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return null;
    if (typeof claims.external_id !== 'string') return null;
    return claims;
  };

  const reply = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };

  http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 3 });
      return res.end('ok\n');
    }
    if (req.method === 'POST' && req.url === '/authbridge/v1/session') {
      const chunks = [];
      let size = 0;
      req.on('data', (chunk) => { size += chunk.length; if (size > 16384) req.destroy(); else chunks.push(chunk); });
      req.on('end', () => {
        let claims = null;
        try { claims = verify(JSON.parse(Buffer.concat(chunks).toString('utf8')).credential || ''); } catch (e) { claims = null; }
        if (!claims) return reply(res, 401, '{"error":"unauthorized"}');
        if (cached.expiresAt <= Date.now()) { cached.token = crypto.randomBytes(32).toString('base64url'); cached.expiresAt = Date.now() + 3600e3; tokenRequests++; }
        reply(res, 200, JSON.stringify({ token: cached.token, expiresIn: Math.floor((cached.expiresAt - Date.now()) / 1000) }));
      });
      return;
    }
    reply(res, 404, '{"error":"not found"}');
  }).listen(port, '127.0.0.1');
}
