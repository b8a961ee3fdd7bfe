-- KEYS: the due set, the timer's hash; ARGV: key, claim. Removes the timer only if this claim is
-- still the current one (not armed again, not claimed again after its lease ended).
if redis.call('HGET', KEYS[2], 'c') == ARGV[2] then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
