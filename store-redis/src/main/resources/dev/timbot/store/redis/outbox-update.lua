-- KEYS: the entry's hash, the PENDING, DONE, DEAD sets, the new state's set, the forget set;
-- ARGV: id, created (score), then field, value pairs.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
for i = 2, 4 do redis.call('ZREM', KEYS[i], ARGV[1]) end
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
return 1
