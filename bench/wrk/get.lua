-- wrk script: keep-alive GETs of PATH_PREFIX .. id, the ids read from IDS_FILE (one per line)
-- and taken in turn, with a bearer token (TOKEN); prints one RESULT line like post.lua.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do
    ids[#ids + 1] = line
end
local prefix = os.getenv("PATH_PREFIX")
local token = "Bearer " .. os.getenv("TOKEN")
local next_id = 0

local result = dofile(os.getenv("RESULT_LUA"))
setup, response, done = result.setup, result.response, result.done

function init(args)
    result.init(args)
    -- Each thread starts at a different place so the threads spread over the whole store.
    next_id = math.random(#ids)
end

function request()
    next_id = next_id % #ids + 1
    return wrk.format("GET", prefix .. ids[next_id], {Authorization = token})
end
