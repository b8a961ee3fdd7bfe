-- KEYS: the value's key, the namespace's key index; ARGV: has expected (1/0), expected bytes,
-- has value (1/0), value bytes, now (bot clock ms), ttl ms (0: none), deadline (0: none), key.
-- Compare-and-set on the live value (an expired one counts as absent). 1 when replaced.
local v = redis.call('GET', KEYS[1])
local current = nil
if v then
  local sep = string.find(v, ':', 1, true)
  local d = tonumber(string.sub(v, 1, sep - 1))
  if d == 0 or d > tonumber(ARGV[5]) then current = string.sub(v, sep + 1) end
end
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[3] == '1' then
  local stored = ARGV[7] .. ':' .. ARGV[4]
  if tonumber(ARGV[6]) > 0 then
    redis.call('SET', KEYS[1], stored, 'PX', ARGV[6])
  else
    redis.call('SET', KEYS[1], stored)
  end
  redis.call('ZADD', KEYS[2], 0, ARGV[8])
else
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[8])
end
return 1
