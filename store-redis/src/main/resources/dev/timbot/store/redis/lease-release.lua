-- KEYS[1] the live processes, KEYS[2..] leases to give up; ARGV: this process's id, leave (1: also
-- stop counting this process as live). Only leases still held by this process are deleted.
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
if ARGV[2] == '1' then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1
