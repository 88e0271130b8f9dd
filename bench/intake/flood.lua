-- wrk script for part 4 of bench/intake/run: intake.lua's load, every request from a client
-- address of its own (X-Forwarded-For from a trusted proxy on the loopback; the test profile
-- believes it), so that no per-client limit slows the flood and every request writes a new client row.
--   wrk -t1 -c32 -d30s -s bench/intake/flood.lua http://127.0.0.1:18181 -- 20000
local counter = 0
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  accounts = tonumber(args[1] or "20000")
  math.randomseed(tid * 7919 + os.time())
end

function request()
  counter = counter + 1
  local email
  if counter % 2 == 0 then
    email = "bench-" .. math.random(0, accounts - 1) .. "@example.org"
  else
    email = "flood-" .. tid .. "-" .. counter .. "@example.net"
  end
  local client = "10." .. tid .. "." .. math.floor(counter / 250) % 256 .. "." .. counter % 250 + 1
  local body = '{"accountEmail":"' .. email .. '","description":"flood ' .. tid .. ' ' .. counter .. '"}'
  return wrk.format("POST", "/api/v1/recovery-requests",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = client }, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
