-- KEYS: the streams of the shards this consumer may read; ARGV: group, consumer, after id, limit,
-- per-stream count. Per stream: this consumer's pending entries after the id (handed out before,
-- or claimed from a dead consumer), then entries never delivered, at most the per-stream count.
-- Merged here by id, only up to the lowest last id of a stream that had more (so no stream's
-- entry is skipped), and at most limit: id, payload, appended-at triples in id order.
local per = tonumber(ARGV[5])
local entries = {}
local bound = math.huge
local function add(reply, room)
  local got, last = 0, nil
  if not reply then return got, last end
  for _, e in ipairs(reply[1][2]) do
    local f = e[2]
    if f then -- an entry deleted while pending has no fields
      local p, t = '', '0'
      for j = 1, #f, 2 do
        if f[j] == 'p' then p = f[j + 1] elseif f[j] == 't' then t = f[j + 1] end
      end
      local n = tonumber(string.match(e[1], '^(%d+)'))
      entries[#entries + 1] = { n, e[1], p, t }
    end
    got = got + 1
    last = e[1]
  end
  return got, last
end
local after = ARGV[3] .. '-0'
for _, s in ipairs(KEYS) do
  local got, last = add(redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', per, 'STREAMS', s, after))
  if got < per then
    local more, l = add(redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', per - got, 'STREAMS', s, '>'))
    got = got + more
    last = l or last
  end
  if got >= per and last then
    local n = tonumber(string.match(last, '^(%d+)'))
    if n < bound then bound = n end
  end
end
table.sort(entries, function(x, y) return x[1] < y[1] end)
local out = {}
local limit = tonumber(ARGV[4])
for _, e in ipairs(entries) do
  if e[1] > bound or #out >= limit * 3 then break end
  out[#out + 1] = e[2]; out[#out + 1] = e[3]; out[#out + 1] = e[4]
end
return out
