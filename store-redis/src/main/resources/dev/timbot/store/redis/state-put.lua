-- KEYS: the value's key, the namespace's key index; ARGV: "deadline:value", ttl ms (0: none), key.
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('ZADD', KEYS[2], 0, ARGV[3])
return 1
