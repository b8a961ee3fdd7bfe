-- KEYS[1] the identity; ARGV: owner, deadline (bot clock ms), now (bot clock ms), ttl ms.
-- Values are "deadline:owner" (deadline 0: never); Redis's own expiry only collects garbage.
local v = redis.call('GET', KEYS[1])
if v then
  local sep = string.find(v, ':', 1, true)
  local d = tonumber(string.sub(v, 1, sep - 1))
  if d == 0 or d > tonumber(ARGV[3]) then return string.sub(v, sep + 1) end
end
redis.call('SET', KEYS[1], ARGV[2] .. ':' .. ARGV[1], 'PX', ARGV[4])
return false
