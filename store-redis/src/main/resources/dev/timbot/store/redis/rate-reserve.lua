-- KEYS[1] the limit's theoretical arrival time (µs, Redis clock); ARGV[1] µs between calls.
-- Generic cell rate: each call takes the next free slot; returns the wait and the slot (µs).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local nextTat = tat + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%d', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 1000)
return { tat - now, tat }
