-- The record a request id keeps (included into every script that creates on a request id):
-- the result the request produced, then '\n' and the request's fingerprint. A record without a
-- fingerprint (the result alone) matches any request.
-- recall(raw, fp): the stored result, or nil when `fp` (not '') differs from the stored one.
local function recall(raw, fp)
  local cut = string.find(raw, '\n', 1, true)
  if not cut then return raw end
  if fp ~= '' and string.sub(raw, cut + 1) ~= fp then return nil end
  return string.sub(raw, 1, cut - 1)
end
-- remember(result, fp): the record to store.
local function remember(result, fp)
  if fp == '' then return result end
  return result .. '\n' .. fp
end
