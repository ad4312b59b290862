// OKX error codes the simulator emits, with OKX's wording and HTTP status.
// Statuses as okx-api.md gives them: 50119 and 50120 with HTTP 200, 50100 400, 50035 403, 50011 429 (or 200: see
// StartOkxSimOptions.rateLimitStatus), 50013 429, other header/auth errors 401. The sub-account management codes
// (595xx) come with 200 here, as OKX sends its business errors; parameter errors 400 (README, "Doubtful").

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
  busy: e("50013", 429, "Systems are busy. Please try again later."),
  ipBindingRequired: e("50035", 403, "This endpoint requires that APIKey must be bound to IP"),
  frozen: e("50100", 400, "API frozen, please contact customer service."),
  envMismatch: e("50101", 401, "APIKey does not match current environment."),
  tsExpired: e("50102", 401, "Timestamp request expired."),
  noKey: e("50103", 401, 'Request header "OK-ACCESS-KEY" cannot be empty.'),
  noPassphrase: e("50104", 401, 'Request header "OK-ACCESS-PASSPHRASE" cannot be empty.'),
  badPassphrase: e("50105", 401, 'Request header "OK-ACCESS-PASSPHRASE" incorrect.'),
  noSign: e("50106", 401, 'Request header "OK-ACCESS-SIGN" cannot be empty.'),
  noTimestamp: e("50107", 401, 'Request header "OK-ACCESS-TIMESTAMP" cannot be empty.'),
  badMethod: e("50115", 405, "Invalid request method."),
  malformedKey: e("50111", 401, "Invalid OK-ACCESS-KEY."),
  badTimestamp: e("50112", 401, "Invalid OK-ACCESS-TIMESTAMP."),
  badSign: e("50113", 401, "Invalid signature."),
  unknownKey: e("50119", 200, "API key doesn't exist."),
  noPermission: e("50120", 200, "API key doesn't have permission."),
  masterOnly: e("59500", 200, "Only the APIKey of the main account has permission for this operation."),
  tooManyKeys: e("59501", 200, "Only 50 APIKeys can be created per account."),
  duplicateLabel: e("59502", 200, "Note name cannot be duplicate with the currently created APIKey note name."),
  tooManyIps: e("59503", 200, "Each APIKey can bind up to 20 IP addresses."),
  noSubWithdraw: e("59504", 200, "The sub account does not support the withdrawal function."),
  badPassphraseFormat: e("59505", 200, "The passphrase format is incorrect."),
  subSuspended: e("59508", 200, "The sub account is suspended."),
  subAcctMissing: e("59510", 400, "Sub-account does not exist."),
  apiKeyMissing: e("59506", 400, "API key does not exist."),
  server500: e("50026", 500, "System error. Try again later."),
  server503: e("50001", 503, "Service temporarily unavailable. Try again later."),
  notFound: e("404", 404, "Not Found"),
} as const;

export const ipNotAllowed = (ip: string): OkxError => e("50110", 401, `Your IP ${ip} is not included in your API key's IP whitelist.`);

export const paramEmpty = (name: string): OkxError => e("50014", 400, `Parameter ${name} cannot be empty.`);

export const paramError = (name: string): OkxError => e("51000", 400, `Parameter ${name} error`);
