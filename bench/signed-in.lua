-- wrk as a signed-in browser (bench/run.sh with BENCH_SIGNED_IN=true): every request carries the cookies of a session
-- signed in beforehand (BENCH_COOKIES="name=value; name=value"), and every Set-Cookie in a response replaces that cookie,
-- as a browser does: when the portal renews the sign-in cookie after its session check, the next requests send the new one.
-- Each wrk thread keeps its own jar (one Lua state per thread), like separate tabs sharing a session.
local jar = {}
local order = {}
local header = ""

local function rebuild()
  local parts = {}
  for _, name in ipairs(order) do
    if jar[name] ~= nil then parts[#parts + 1] = name .. "=" .. jar[name] end
  end
  header = table.concat(parts, "; ")
end

local function store(name, value)
  if jar[name] == nil then order[#order + 1] = name end
  jar[name] = value
end

local function take(setCookie)
  -- One Set-Cookie value ("name=value; path=/; …"); wrk hands over the last of several headers of one name.
  local name, value = string.match(setCookie, "^%s*([^=;]+)=([^;]*)")
  if name == nil then return end
  -- A cookie set to expire (sign-out, a rejected session) leaves the jar.
  local expires = string.match(string.lower(setCookie), "expires=thu, 01 jan 1970")
  if expires or value == "" then jar[name] = nil else store(name, value) end
  rebuild()
end

for pair in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^;]+") do
  local name, value = string.match(pair, "^%s*([^=]+)=(.*)$")
  if name then store(name, value) end
end
rebuild()

renewed = 0

request = function()
  return wrk.format(nil, nil, { ["Cookie"] = header })
end

response = function(status, headers, body)
  local setCookie = headers["Set-Cookie"] or headers["set-cookie"]
  if setCookie then
    renewed = renewed + 1
    take(setCookie)
  end
end
