-- wrk script: POST the JSON body in the environment variable BODY (wrk's own -s scripts cannot take arguments).
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"

-- Count WeChat-level errors too: the sandbox answers them with HTTP 200 like WeChat does.
local errors = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errcode":[1-9%-]') then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errcode != 0 (first thread's count): %d\n", errors))
end
