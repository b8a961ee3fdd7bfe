-- KEYS: the due set, the claim counter; ARGV: now (bot clock ms), lease ms, limit, hash key prefix.
-- Due timers, earliest first, move to the end of their lease (due again then unless done) with a
-- new claim number. Returns key, at, payload, claim quadruples.
local out = {}
local until_ = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, k in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])) do
  local h = ARGV[4] .. k
  local v = redis.call('HMGET', h, 'at', 'p')
  if v[1] then
    local c = redis.call('INCR', KEYS[2])
    redis.call('HSET', h, 'c', c)
    redis.call('ZADD', KEYS[1], until_, k)
    out[#out + 1] = k; out[#out + 1] = v[1]; out[#out + 1] = v[2] or ''; out[#out + 1] = c
  else
    redis.call('ZREM', KEYS[1], k)
  end
end
return out
