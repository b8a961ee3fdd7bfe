-- KEYS: the shard's lease, its stream; ARGV: this process's id, lease ms, group.
-- Takes the lease if free (or already ours), then claims every pending entry of the stream, so
-- what a dead process had in hand is read again here. 1 when the shard is now ours.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
local start = '0-0'
repeat
  local r = redis.call('XAUTOCLAIM', KEYS[2], ARGV[3], ARGV[1], 0, start, 'COUNT', 1000, 'JUSTID')
  start = r[1]
until start == '0-0'
return 1
