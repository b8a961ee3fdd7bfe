-- KEYS: id counter, the shard's stream, backlog counter; ARGV: shards, shard, payload, appended at (ms), partition.
-- The id is global (counter * shards + shard: the shard can be read from it) and grows within the stream.
local id = redis.call('INCR', KEYS[1]) * tonumber(ARGV[1]) + tonumber(ARGV[2])
redis.call('XADD', KEYS[2], string.format('%d-0', id), 'p', ARGV[3], 't', ARGV[4], 'k', ARGV[5])
redis.call('INCR', KEYS[3])
return id
