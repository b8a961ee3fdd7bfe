-- KEYS[1] sorted set of the calls admitted in the last window (score and member: µs, Redis clock);
-- ARGV[1] calls allowed per window; ARGV[2] window (µs).
-- Sliding window log: admits a call leaving now if fewer than ARGV[1] were admitted in the half-open
-- window before it; returns 0, or the µs until the oldest of them leaves the window.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - window))
local n = redis.call('ZCARD', KEYS[1])
if n < limit then
  -- Unique even for two calls in one µs: the second one sees one more entry.
  redis.call('ZADD', KEYS[1], string.format('%d', now), string.format('%d:%d', now, n))
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now
