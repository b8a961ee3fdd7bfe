-- KEYS: the entry's hash, its state's set; ARGV: id, created (score), then field, value pairs.
-- Put-if-absent: the stored entry's fields when the id is taken, else nil.
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HGETALL', KEYS[1]) end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return {}
