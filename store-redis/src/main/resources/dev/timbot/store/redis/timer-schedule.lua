-- KEYS: the due set, the timer's hash; ARGV: key, due at (bot clock ms), payload.
-- Claim 0: a claim handed out before no longer matches, so its done() leaves this arming alone.
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'at', ARGV[2], 'p', ARGV[3], 'c', '0')
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
