-- The part of the wrk scripts that counts non-200 answers in every thread and prints the
-- summary bench/mock.sh reads: one line "RESULT {json}".
local M = {}
local threads = {}

function M.setup(thread)
    table.insert(threads, thread)
end

function M.init(args)
    non200 = 0
end

function M.response(status, headers, body)
    if status ~= 200 then
        non200 = non200 + 1
    end
end

function M.done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do
        bad = bad + thread:get("non200")
    end
    local e = summary.errors
    io.write(string.format(
        'RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, '
            .. '"non200": %d, "socket_errors": %d}\n',
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
        e.connect + e.read + e.write + e.timeout))
end

return M
