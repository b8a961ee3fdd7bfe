-- KEYS: the shard's lease, its stream; ARGV: this process's id, lease ms, group.
-- Takes the lease if free (or already ours), then claims every pending entry of the stream, so
-- what a dead process had in hand is read again here. 1 when the shard is now ours.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
-- The group may be gone (a Redis that restarted without its data): create it, keep an existing one.
redis.pcall('XGROUP', 'CREATE', KEYS[2], ARGV[3], '0', 'MKSTREAM')
local start = '0-0'
repeat
  local r = redis.call('XAUTOCLAIM', KEYS[2], ARGV[3], ARGV[1], 0, start, 'COUNT', 1000, 'JUSTID')
  start = r[1]
until start == '0-0'
-- Consumers left by processes that are gone (a new id per process start) would pile up; one with
-- nothing pending is dropped (a living process's consumer comes back with its next read).
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[2], ARGV[3])) do
  local name, pending
  for j = 1, #c, 2 do
    if c[j] == 'name' then name = c[j + 1] elseif c[j] == 'pending' then pending = c[j + 1] end
  end
  if name ~= ARGV[1] and pending == 0 then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[2], ARGV[3], name)
  end
end
return 1
