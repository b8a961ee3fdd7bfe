-- KEYS: the value's key, the namespace's key index; ARGV: key, now (bot clock ms). 1 if it was live.
local v = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if not v then return 0 end
local d = tonumber(string.sub(v, 1, string.find(v, ':', 1, true) - 1))
if d == 0 or d > tonumber(ARGV[2]) then return 1 end
return 0
