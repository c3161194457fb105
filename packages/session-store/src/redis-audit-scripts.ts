/**
 * The Lua of the Redis store's audit (see redis-audit.ts for the layout). Every index is a sorted set whose
 * scores are all 0, so it is ordered by member: `<time>:<id>:<score>`, fixed-width time and id first, so the order
 * is (at, id) and a time range or a cursor is a lexicographic range; the score rides along for the score filter.
 */

/**
 * Appends one audit row: a new id, the row (its JSON with the id spliced in) and its member in every index that
 * applies. Shared by the turn's write and the migration of schema-1 rows. `json` is the row as the client
 * serialised it, without its id (so it starts with '{' and has at least one field).
 */
export const ADD_AUDIT_ROW = `
local function addAuditRow(rowsKey, seqKey, allKey, byPrefix, sessionId, time, kind, state, intent, reason, score, json)
  local id = string.format('%d', redis.call('INCR', seqKey))
  local member = time .. ':' .. string.rep('0', 16 - #id) .. id .. ':' .. score
  redis.call('HSET', rowsKey, id, '{"id":' .. id .. ',' .. string.sub(json, 2))
  redis.call('ZADD', allKey, 0, member)
  redis.call('ZADD', byPrefix .. 'sessionId:' .. sessionId, 0, member)
  redis.call('ZADD', byPrefix .. 'kind:' .. kind, 0, member)
  if state ~= '' then redis.call('ZADD', byPrefix .. 'state:' .. state, 0, member) end
  if intent ~= '' then redis.call('ZADD', byPrefix .. 'intent:' .. intent, 0, member) end
  if reason ~= '' then redis.call('ZADD', byPrefix .. 'fallbackReason:' .. reason, 0, member) end
end
`;

/** Values per audit row in a script's ARGV: time, kind, state, intent, fallback reason, score, JSON. */
export const AUDIT_ROW_ARGS = 7;

/**
 * Reads part of a page. KEYS[1]: the rows hash, KEYS[2..]: the index of each equality filter (or the index of all
 * rows). ARGV: the upper bound (exclusive, '(member', or '+'), the lower bound ('[time' or '-'), rows wanted,
 * members to look at most, min score, max score ('' = none). Walks the smallest index newest first; a member must
 * be in every other index and within the score bounds. Returns {rows found, the bound to continue from} with
 * '' as the bound when the index holds no more.
 */
export const QUERY_AUDIT = `
local walk, walkCount, others = nil, -1, {}
for index = 2, #KEYS do
  local count = redis.call('ZLEXCOUNT', KEYS[index], ARGV[2], ARGV[1])
  if walk == nil or count < walkCount then
    if walk ~= nil then others[#others + 1] = walk end
    walk, walkCount = KEYS[index], count
  else
    others[#others + 1] = KEYS[index]
  end
end
local upper, lower, wanted, budget = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local minScore, maxScore = tonumber(ARGV[5]), tonumber(ARGV[6])
local found, scanned = {}, 0
while #found < wanted and scanned < budget do
  local members = redis.call('ZRANGE', walk, upper, lower, 'BYLEX', 'REV', 'LIMIT', 0, math.min(256, budget - scanned))
  if #members == 0 then return {found, ''} end
  for _, member in ipairs(members) do
    scanned = scanned + 1
    upper = '(' .. member
    local id, score = string.match(member, '^%d+:(%d+):(.*)$')
    local keep = true
    if minScore or maxScore then
      score = tonumber(score)
      keep = score ~= nil and (minScore == nil or score >= minScore) and (maxScore == nil or score <= maxScore)
    end
    for _, other in ipairs(others) do
      if keep and not redis.call('ZSCORE', other, member) then keep = false end
    end
    if keep then
      local row = redis.call('HGET', KEYS[1], (string.gsub(id, '^0+', '')))
      if row then found[#found + 1] = row end
      if #found >= wanted then break end
    end
  end
end
return {found, upper}
`;

/**
 * Purges a batch of rows older than the retention. KEYS: rows hash, index of all rows. ARGV: index key prefix,
 * the exclusive upper bound ('(time'), batch size. A row is read back to find its indexes; a row that cannot be
 * decoded leaves members behind in its filter indexes, which queries skip (they find no row). Returns how many.
 */
export const PURGE_AUDIT = `
local members = redis.call('ZRANGE', KEYS[2], '-', ARGV[2], 'BYLEX', 'LIMIT', 0, tonumber(ARGV[3]))
for _, member in ipairs(members) do
  local id = string.gsub(string.match(member, '^%d+:(%d+):'), '^0+', '')
  local row = redis.call('HGET', KEYS[1], id)
  if row then
    local ok, fields = pcall(cjson.decode, row)
    if ok and type(fields) == 'table' then
      for _, field in ipairs({'sessionId', 'kind', 'state', 'intent', 'fallbackReason'}) do
        local value = fields[field]
        if type(value) == 'string' then redis.call('ZREM', ARGV[1] .. field .. ':' .. value, member) end
      end
    end
    redis.call('HDEL', KEYS[1], id)
  end
  redis.call('ZREM', KEYS[2], member)
end
return #members
`;

/**
 * Moves one schema-1 audit list into the audit, atomically: KEYS: the list, rows hash, id counter, index of all
 * rows. ARGV: index key prefix, session id, the list's length when read, then AUDIT_ROW_ARGS values per row.
 * Returns 'CHANGED' (nothing done) when the list's length is no longer the one read, else 'OK' and the list is gone.
 */
export const MIGRATE_AUDIT_LIST = `${ADD_AUDIT_ROW}
if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[3]) then return 'CHANGED' end
for index = 4, #ARGV, 7 do
  addAuditRow(KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[index], ARGV[index + 1], ARGV[index + 2],
    ARGV[index + 3], ARGV[index + 4], ARGV[index + 5], ARGV[index + 6])
end
redis.call('DEL', KEYS[1])
return 'OK'
`;
