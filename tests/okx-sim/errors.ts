// OKX error codes the simulator emits, with OKX's wording and HTTP status.
// Statuses: okx-api.md gives 401 for auth and 429 for the rate limit. OKX publishes no status per code, so the
// rest is this simulator's choice (see README, "Doubtful"): 401 also for 50100 frozen and 50120 permission,
// 400 for parameter errors.

export interface OkxError {
  code: string;
  msg: string;
  status: number;
}

const e = (code: string, status: number, msg: string): OkxError => ({ code, status, msg });

export const ERR = {
  bodyEmpty: e("50000", 400, "Body for POST request cannot be empty."),
  jsonFormat: e("50002", 400, "Json data format error."),
  rateLimit: e("50011", 429, "Rate limit reached. Please refer to API documentation and throttle requests accordingly."),
  frozen: e("50100", 401, "API frozen, please contact customer service."),
  envMismatch: e("50101", 401, "APIKey does not match current environment."),
  tsExpired: e("50102", 401, "Timestamp request expired."),
  noKey: e("50103", 401, 'Request header "OK-ACCESS-KEY" cannot be empty.'),
  noPassphrase: e("50104", 401, 'Request header "OK-ACCESS-PASSPHRASE" cannot be empty.'),
  badPassphrase: e("50105", 401, 'Request header "OK-ACCESS-PASSPHRASE" incorrect.'),
  noSign: e("50106", 401, 'Request header "OK-ACCESS-SIGN" cannot be empty.'),
  noTimestamp: e("50107", 401, 'Request header "OK-ACCESS-TIMESTAMP" cannot be empty.'),
  badMethod: e("50115", 405, "Invalid request method."),
  unknownKey: e("50111", 401, "Invalid OK-ACCESS-KEY."),
  badTimestamp: e("50112", 401, "Invalid OK-ACCESS-TIMESTAMP."),
  badSign: e("50113", 401, "Invalid signature."),
  wrongEntity: e("50119", 401, "API key doesn't exist."),
  noPermission: e("50120", 401, "API key doesn't have permission."),
  subAcctMissing: e("59510", 400, "Sub-account does not exist."),
  apiKeyMissing: e("59506", 400, "API key does not exist."),
  tooManyKeys: e("59508", 400, "The number of API keys of this sub-account has reached the limit."),
  server500: e("50026", 500, "System error. Try again later."),
  server503: e("50001", 503, "Service temporarily unavailable. Try again later."),
  notFound: e("404", 404, "Not Found"),
} as const;

export const ipNotAllowed = (ip: string): OkxError =>
  e("50110", 401, `Your IP ${ip} is not included in your API key's IP whitelist.`);

export const paramEmpty = (name: string): OkxError => e("50014", 400, `Parameter ${name} cannot be empty.`);

export const paramError = (name: string): OkxError => e("51000", 400, `Parameter ${name} error`);
