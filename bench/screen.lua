-- wrk script for bench/load.sh: POST /v1/screen, cycling through a fixed mix of names (listed
-- parties, spelling variants, and names on no list, as most real traffic is).
-- DELAY_MS > 0 makes each connection wait that long between requests (an offered rate of about
-- connections * 1000 / DELAY_MS requests per second); 0 = as fast as possible.
-- API_KEY, when set, is sent as a Bearer token.
local names = {
  "Evin Prison", "Mohammed Yousef", "Banco Nacional de Cuba", "Paradzai Zimondi",
  "John Smith", "Maria Garcia Lopez", "Acme Trading Ltd", "Kim Yong Chol",
  "Hermann", "Aerocaribbean Airlines", "Sergei Ivanovich Petrov", "Global Logistics GmbH",
  "Ali Hassan Al Tikriti", "Bank Melli Iran", "Jane Doe", "Nordic Timber AS",
  "Abu Bakr al Baghdadi", "Chen Wei", "Rosneft Trading", "Ahmed Mohamed Ali",
}
local bodies = {}
for i, n in ipairs(names) do
  bodies[i] = '{"id":' .. i .. ',"name":"' .. n .. '"}'
end
local headers = {["Content-Type"] = "application/json"}
local key = os.getenv("API_KEY")
if key and key ~= "" then headers["Authorization"] = "Bearer " .. key end
local i = 0

request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/v1/screen", headers, bodies[i])
end

local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  delay = function() return delay_ms end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d " ..
    "max_us=%d errors=%d\n",
    summary.requests, secs, summary.requests / secs, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
