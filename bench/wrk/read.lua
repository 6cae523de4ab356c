-- wrk script: GET one path, rotating the benchmark members' bearer tokens
-- so that every request is a different member.
--   BENCH_TOKENS    file of "account_id<TAB>username<TAB>token" lines
--   BENCH_PATH      the path; "{id}" is replaced by the member's own id,
--                   "{other}" by the next member's id, "{othername}" by
--                   the next member's username
--   BENCH_DELAY_MS  optional pause after each response (a paced load)
local pace = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pace > 0 then
  delay = function()
    return pace
  end
end

local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local id, name, token = line:match("^(%S+)\t(%S+)\t(%S+)$")
    if token then
      tokens[#tokens + 1] = { id = id, name = name, token = token }
    end
  end
  path = os.getenv("BENCH_PATH")
  i = (offset * 7919) % #tokens
end

function request()
  i = i % #tokens + 1
  local t = tokens[i]
  local other = tokens[i % #tokens + 1]
  local p = path:gsub("{id}", t.id):gsub("{othername}", other.name):gsub("{other}", other.id)
  return wrk.format("GET", p, { ["Authorization"] = "Bearer " .. t.token })
end
