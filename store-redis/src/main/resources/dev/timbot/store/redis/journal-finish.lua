-- KEYS: the stream, the backlog counter; ARGV: group, entry id.
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if redis.call('XDEL', KEYS[1], ARGV[2]) == 1 then
  redis.call('DECR', KEYS[2])
end
return 1
