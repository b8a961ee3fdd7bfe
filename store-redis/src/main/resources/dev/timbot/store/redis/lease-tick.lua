-- KEYS[1] the live processes (sorted by heartbeat deadline), KEYS[2..] every shard's lease;
-- ARGV: this process's id, lease ms. Beats this process's heart, drops dead ones, renews the
-- leases it holds. Returns the live count, then per shard 1 (mine), 0 (free) or 2 (another's).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local out = { redis.call('ZCARD', KEYS[1]) }
for i = 2, #KEYS do
  local owner = redis.call('GET', KEYS[i])
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
    out[i] = 1
  elseif owner then
    out[i] = 2
  else
    out[i] = 0
  end
end
return out
