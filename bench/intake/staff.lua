-- wrk script for part 4 of bench/intake/run: an agent's browser asking for the review desk
-- (GET /agent with the session cookie) while intake is flooded. The token comes as the argument.
--   wrk -t1 -c2 -d30s -s bench/intake/staff.lua http://127.0.0.1:18181/agent -- <token>
function init(args)
  wrk.headers["Cookie"] = "rd_session=" .. args[1]
  wrk.headers["Accept"] = "text/html"
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
