-- pipeline.lua - make wrk send DEPTH requests at once on each connection
-- (HTTP/1.1 pipelining). Usage: wrk -s bench/pipeline.lua URL -- DEPTH
local req

init = function(args)
	local depth = tonumber(args[1]) or 16
	local batch = {}
	for i = 1, depth do
		batch[i] = wrk.format()
	end
	req = table.concat(batch)
end

request = function()
	return req
end
