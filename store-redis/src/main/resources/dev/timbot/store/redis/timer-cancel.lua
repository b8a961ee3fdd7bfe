-- KEYS: the due set, the timer's hash; ARGV: key. 1 when it was armed.
local n = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return n
