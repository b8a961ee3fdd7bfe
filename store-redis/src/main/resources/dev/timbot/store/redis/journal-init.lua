-- KEYS[1] the stored shard count; ARGV: group, configured shards, stream key prefix.
-- The first process fixes the shard count (ids and partitions depend on it); every stream gets
-- its consumer group (an existing one is kept).
redis.call('SET', KEYS[1], ARGV[2], 'NX')
local shards = tonumber(redis.call('GET', KEYS[1]))
for i = 0, shards - 1 do
  redis.pcall('XGROUP', 'CREATE', ARGV[3] .. i, ARGV[1], '0', 'MKSTREAM')
end
return shards
