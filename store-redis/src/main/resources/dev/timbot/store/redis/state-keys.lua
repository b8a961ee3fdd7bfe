-- KEYS[1] the namespace's key index (one score, so in key order); ARGV: value key prefix, key
-- prefix, now (bot clock ms). Keys whose value Redis expired leave the index here.
local lo, hi = '-', '+'
if ARGV[2] ~= '' then lo = '[' .. ARGV[2]; hi = '(' .. ARGV[2] .. '\255' end
local out = {}
for _, k in ipairs(redis.call('ZRANGEBYLEX', KEYS[1], lo, hi)) do
  local head = redis.call('GETRANGE', ARGV[1] .. k, 0, 24)
  if head == '' then
    redis.call('ZREM', KEYS[1], k)
  else
    local d = tonumber(string.sub(head, 1, string.find(head, ':', 1, true) - 1))
    if d == 0 or d > tonumber(ARGV[3]) then out[#out + 1] = k end
  end
end
return out
