-- wrk script: POST the Messenger code request to /authbridge/v1/session, cycling through a pool of valid
-- Zendesk Messaging JWTs read from the file named by the JWTS environment variable (one per line).
local jwts = {}
for line in io.lines(os.getenv("JWTS") or "jwts.txt") do
  if #line > 0 then jwts[#jwts + 1] = line end
end

local bodies = {}
for i, jwt in ipairs(jwts) do
  bodies[i] = '{"credential":"' .. jwt .. '","credentialKind":"messagingJWT","widget":"messenger",' ..
    '"messenger":{"clientId":"genesys-messenger","redirectUri":"https://shop.example.com/chat/callback",' ..
    '"nonce":"nonce-' .. i .. '-0123456789","codeChallengeMethod":"S256"}}'
end

local index = 0
local headers = { ["Content-Type"] = "application/json" }

function setup(thread)
  -- Offset each thread so they do not walk the pool in step.
  thread:set("offset", math.random(#bodies))
end

function init(args)
  index = (tonumber(offset) or 0)
end

function request()
  index = index % #bodies + 1
  -- nil path: the path of the URL wrk was given (the code route, or a step route).
  return wrk.format("POST", nil, headers, bodies[index])
end
