-- wrk script: POST the Messenger code request to the URL's path (the code route, or a step route), cycling
-- through a pool of valid Zendesk Messaging JWTs read from the file named by the JWTS environment variable
-- (one per line). Every request is formatted once in init(): formatting per request cost wrk's threads
-- CPU that the server under test, on the same cores, then lacked.
local jwts = {}
for line in io.lines(os.getenv("JWTS") or "jwts.txt") do
  if #line > 0 then jwts[#jwts + 1] = line end
end

local requests = {}
local index = 0

function setup(thread)
  -- Offset each thread so they do not walk the pool in step.
  thread:set("offset", math.random(#jwts))
end

function init(args)
  local headers = { ["Content-Type"] = "application/json" }
  for i, jwt in ipairs(jwts) do
    local body = '{"credential":"' .. jwt .. '","credentialKind":"messagingJWT","widget":"messenger",' ..
      '"messenger":{"clientId":"genesys-messenger","redirectUri":"https://shop.example.com/chat/callback",' ..
      '"nonce":"nonce-' .. i .. '-0123456789","codeChallengeMethod":"S256"}}'
    -- nil path: the path of the URL wrk was given.
    requests[i] = wrk.format("POST", nil, headers, body)
  end
  index = (tonumber(offset) or 0)
end

function request()
  index = index % #requests + 1
  return requests[index]
end
