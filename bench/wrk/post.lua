-- wrk script: POST /api/v1/statuses as the benchmark members in turn.
--   BENCH_TOKENS  file of "account_id<TAB>username<TAB>token" lines
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local _, _, token = line:match("^(%S+)\t(%S+)\t(%S+)$")
    if token then
      tokens[#tokens + 1] = token
    end
  end
  i = (offset * 104729) % #tokens
  n = 0
end

function request()
  i = i % #tokens + 1
  n = n + 1
  local body = string.format(
    '{"status":"Benchmark post %d from writer %d: posting while others read. #benchmark","visibility":"public"}',
    n, offset)
  return wrk.format("POST", "/api/v1/statuses", {
    ["Authorization"] = "Bearer " .. tokens[i],
    ["Content-Type"] = "application/json",
  }, body)
end
