-- KEYS: the entry's hash, the PENDING, DEAD, DONE sets, the forget set (by forget time);
-- ARGV: id, forget at, now (bot clock ms), entry hash key prefix. Also forgets up to 100 done
-- entries whose time has come.
if redis.call('EXISTS', KEYS[1]) == 1 then
  -- Without its payload: a done send is never sent again (OutboxStore#done).
  redis.call('HSET', KEYS[1], 'st', 'DONE')
  redis.call('HDEL', KEYS[1], 'p')
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  redis.call('ZADD', KEYS[4], redis.call('HGET', KEYS[1], 'ct'), ARGV[1])
  redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', ARGV[3], 'LIMIT', 0, 100)) do
  redis.call('DEL', ARGV[4] .. id)
  redis.call('ZREM', KEYS[4], id)
  redis.call('ZREM', KEYS[5], id)
end
return 1
