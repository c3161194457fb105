/**
 * The Lua scripts of the Redis store. Each runs atomically on the server in one round trip: a turn's lock and
 * read, a whole turn's write (with the lock's release), and the lock's compare-and-renew and compare-and-delete
 * (only the holder's token may touch the lock).
 */
import { ADD_AUDIT_ROW, AUDIT_ROW_ARGS } from './redis-audit-scripts';

/**
 * KEYS: session hash, history list, answers hash, the session's lock, then the audit's rows hash, id counter and
 * index of all rows (redis-audit.ts).
 * ARGV: mode (create | commit | reset), version read, state, variables JSON, createdAt, updatedAt, ttl ms
 * (0 = never), messageId ('' = none), response JSON, lock token ('' = none), wake-up channel, predictedIntent JSON,
 * message JSON, file JSON ('' = none, for the three), '1' when the file is written, the audit's index key prefix,
 * the session id, history count, then the history rows, then AUDIT_ROW_ARGS values per audit row.
 * Returns OK, EXISTS, NOT_FOUND, CONFLICT or ANSWERED; nothing is written unless OK. Rows are stored as the
 * caller serialised them (never decoded here, so numbers keep their precision); a row's seq is its list index + 1.
 * The audit is not the session's: no TTL, and a re-created session's old audit stays.
 * With a token, a successful write also releases the lock that token holds (as RELEASE_LOCK does): a turn's
 * write and release are one round trip. A refused write keeps the lock.
 */
export const WRITE_TURN = `${ADD_AUDIT_ROW}
local mode = ARGV[1]
local current = redis.call('HGET', KEYS[1], 'version')
if mode == 'create' then
  if current then return 'EXISTS' end
  redis.call('DEL', KEYS[2], KEYS[3])
elseif not current then
  return 'NOT_FOUND'
elseif mode == 'commit' and current ~= ARGV[2] then
  return 'CONFLICT'
end
local messageId = ARGV[8]
if messageId ~= '' and redis.call('HEXISTS', KEYS[3], messageId) == 1 then return 'ANSWERED' end
local version = tonumber(ARGV[2]) + 1
if mode == 'reset' then version = tonumber(current) + 1 end
redis.call('HSET', KEYS[1], 'state', ARGV[3], 'variables', ARGV[4], 'createdAt', ARGV[5], 'updatedAt', ARGV[6],
  'version', string.format('%d', version))
local optional = {{'predictedIntent', ARGV[12]}, {'message', ARGV[13]}}
if ARGV[15] == '1' then optional[3] = {'file', ARGV[14]} end
for _, field in ipairs(optional) do
  if field[2] == '' then redis.call('HDEL', KEYS[1], field[1]) else redis.call('HSET', KEYS[1], field[1], field[2]) end
end
local historyCount = tonumber(ARGV[18])
if historyCount > 0 then redis.call('RPUSH', KEYS[2], unpack(ARGV, 19, 18 + historyCount)) end
for index = 19 + historyCount, #ARGV, ${AUDIT_ROW_ARGS} do
  addAuditRow(KEYS[5], KEYS[6], KEYS[7], ARGV[16], ARGV[17], ARGV[index], ARGV[index + 1], ARGV[index + 2],
    ARGV[index + 3], ARGV[index + 4], ARGV[index + 5], ARGV[index + 6])
end
if messageId ~= '' then redis.call('HSET', KEYS[3], messageId, ARGV[9]) end
local ttl = tonumber(ARGV[7])
for index = 1, 3 do
  if ttl > 0 then redis.call('PEXPIRE', KEYS[index], ttl) else redis.call('PERSIST', KEYS[index]) end
end
if ARGV[10] ~= '' and redis.call('GET', KEYS[4]) == ARGV[10] then
  redis.call('DEL', KEYS[4])
  redis.call('PUBLISH', ARGV[11], '1')
end
return 'OK'
`;

/**
 * The read of a turn. KEYS[1..3]: session hash, history list, answers hash. ARGV[1..3]: how many recent history
 * rows, '1' when a messageId follows, the messageId. Returns {} when there is no session, else {session fields as
 * a flat list, history length, the recent rows, the answer or nil}: all a turn reads, in one round trip.
 */
export const LOAD_TURN = `
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then return {} end
local total = redis.call('LLEN', KEYS[2])
local recent = tonumber(ARGV[1])
local rows = {}
if recent > 0 then rows = redis.call('LRANGE', KEYS[2], -recent, -1) end
local answer = false
if ARGV[2] == '1' then answer = redis.call('HGET', KEYS[3], ARGV[3]) end
return {fields, total, rows, answer}
`;

/**
 * Takes the session's lock and reads the turn in one round trip. KEYS and ARGV as LOAD_TURN's, then KEYS[4] the
 * lock, ARGV[4] the token and ARGV[5] the lease in ms. Returns 'LOCKED' (nothing read) when another holder has the
 * lock, else what LOAD_TURN returns.
 */
export const LOCK_AND_LOAD_TURN = `
if not redis.call('SET', KEYS[4], ARGV[4], 'PX', ARGV[5], 'NX') then return 'LOCKED' end
${LOAD_TURN}`;

/** KEYS: lock. ARGV: token, lease ms. Extends the lease when the token still holds the lock; returns 1 or 0. */
export const RENEW_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/**
 * KEYS: lock. ARGV: token, wake-up channel. Deletes the lock only when the token still holds it, then wakes the
 * waiters of other processes; returns 1 or 0.
 */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], '1')
  return 1
end
return 0
`;
