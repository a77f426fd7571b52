-- wrk script: keep-alive POSTs of one JSON body (BODY_FILE) with a bearer token (TOKEN); counts
-- every answer that is not a 200 and prints one RESULT line of JSON for bench/mock.sh.
local body_file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = body_file:read("*a")
body_file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local result = dofile(os.getenv("RESULT_LUA"))
setup, init, response, done = result.setup, result.init, result.response, result.done
