-- wrk script: files a complaint per request as a logged-in citizen (cookie and CSRF token from
-- the environment), with a rotating description so that the search index grows realistically.
local cookie = os.getenv("SP_COOKIE")
local csrf = os.getenv("SP_CSRF")
local words = {"sampah", "menumpuk", "jalan", "berlubang", "lampu", "mati", "got", "mampet", "banjir", "pasar"}
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"service_code":"DRAINASE","description":"Laporan %d: %s %s di dekat %s",'
    .. '"lat":-6.0401,"long":106.112759}', n, words[n % 10 + 1], words[(n * 7) % 10 + 1], words[(n * 3) % 10 + 1])
  return wrk.format("POST", "/api/v1/complaints", {
    ["Content-Type"] = "application/json", ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf }, body)
end
