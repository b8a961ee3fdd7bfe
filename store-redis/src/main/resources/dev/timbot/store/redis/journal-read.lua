-- KEYS: the streams of the shards this consumer may read; ARGV: group, consumer, after id, limit.
-- Per stream: this consumer's pending entries after the id (handed out before, or claimed from a
-- dead consumer), then entries never delivered. Returns id, payload, appended-at triples.
local out = {}
local function add(reply)
  if not reply then return end
  for _, e in ipairs(reply[1][2]) do
    local f = e[2]
    if f then -- an entry deleted while pending has no fields
      local p, t = '', '0'
      for j = 1, #f, 2 do
        if f[j] == 'p' then p = f[j + 1] elseif f[j] == 't' then t = f[j + 1] end
      end
      out[#out + 1] = e[1]; out[#out + 1] = p; out[#out + 1] = t
    end
  end
end
local after = ARGV[3] .. '-0'
for _, s in ipairs(KEYS) do
  local before = #out
  add(redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[4], 'STREAMS', s, after))
  if (#out - before) / 3 < tonumber(ARGV[4]) then
    add(redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[4], 'STREAMS', s, '>'))
  end
end
return out
