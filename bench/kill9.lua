-- wrk script of bench/kill9.sh: the clerks of bench/loans.lua (each lends its own copies to its own readers and takes
-- them back), counting what the server acknowledged, so that after a kill -9 the script can check that every
-- acknowledged check-out and return is in the database. Writes one line to KILL9_OUT: "acked_loans acked_returns".
dofile("bench/loans.lua")

local threads = {}
local base_setup = setup

function setup(thread)
  base_setup(thread)
  table.insert(threads, thread)
end

acked_loans = 0
acked_returns = 0

-- request() alternates check-out (even n) and return (odd n); response() then counts n up, so the answer to a
-- check-out arrives while n is even.
function response(status, headers, body)
  if status >= 200 and status < 300 then
    if n % 2 == 0 then acked_loans = acked_loans + 1 else acked_returns = acked_returns + 1 end
  end
  n = n + 1
end

function done(summary, latency, requests)
  local loans, returns = 0, 0
  for _, t in ipairs(threads) do
    loans = loans + t:get("acked_loans")
    returns = returns + t:get("acked_returns")
  end
  local out = io.open(os.getenv("KILL9_OUT"), "w")
  out:write(string.format("%d %d\n", loans, returns))
  out:close()
end
