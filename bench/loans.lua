-- wrk script of issue 5's loan benchmark (bench/loans.sh): each wrk thread has one connection and is one clerk, who
-- lends one of its own four copies to one of its own two readers and takes it back, in a loop, as the demo point's
-- operator; every request is one loan operation. LOANS_DATA names the Lua file that `WRK_DATA=FILE LoanBench` wrote
-- (the point's token, the bench readers' cards and the bench copies' barcodes). With GET=PATH every request is instead
-- a GET of PATH with the same token (the reference endpoints), or with none if ANONYMOUS=1 (the ceiling: a token is
-- checked against its account on every request).
local data = dofile(os.getenv("LOANS_DATA"))
local get = os.getenv("GET")
if get == "" then get = nil end
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  n = 0
  headers = { ["Authorization"] = "Bearer " .. data.token, ["Content-Type"] = "application/json" }
  if os.getenv("ANONYMOUS") == "1" then headers = {} end
end

function request()
  if get then return wrk.format("GET", get, headers) end
  local copy = data.copies[id * 4 + math.floor(n / 2) % 4 + 1]
  local reader = data.readers[id * 2 + math.floor(n / 8) % 2 + 1]
  if n % 2 == 0 then
    return wrk.format("POST", "/api/v1/circulation/loans", headers,
      '{"readerCard":"' .. reader .. '","barcodes":["' .. copy .. '"]}')
  end
  return wrk.format("POST", "/api/v1/circulation/returns", headers, '{"barcodes":["' .. copy .. '"]}')
end

-- The clerk moves on only when an answer has come: wrk also calls request() once on its first thread, before the run,
-- to check the script, and that call must not count as a step.
-- The first three failures of each clerk are shown, as LoanBench shows them.
local shown = 0
function response(status, headers, body)
  n = n + 1
  if status >= 400 and shown < 3 then
    shown = shown + 1
    io.stderr:write(status .. " " .. body .. "\n")
  end
end

-- One line for BENCHMARKS.md: requests, failed ones, requests/s, p50 and p99 in ms.
function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("| %s | %d | %d | %.0f | %.1f | %.1f |\n", get and "GET " .. get or "check-out + return", summary.requests, failed,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
