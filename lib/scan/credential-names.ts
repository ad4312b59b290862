// Which names hold OKX credentials, in environment files and in config objects. Kept in one place so the .env,
// docker-compose and structured detectors agree.
import type { CredField } from "./types";

// OKX_API_KEY, BOT1_OKX_APIKEY, OKX_ACCESS_KEY … ; OKX_SECRET_KEY, OKX_API_SECRET …; OKX_PASSPHRASE, OKX_PASSWORD …
const ENV_PATTERNS: [CredField, RegExp][] = [
  ["apiKey", /^(.*?)OKX_?(?:API_?KEY|KEY|ACCESS_?KEY|API_?ACCESS_?KEY)$/],
  ["secretKey", /^(.*?)OKX_?(?:SECRET_?KEY|API_?SECRET(?:_?KEY)?|SECRET)$/],
  ["passphrase", /^(.*?)OKX_?(?:API_?)?(?:PASSPHRASE|PASSWORD|PASS_?PHRASE|PASS)$/],
];

/** An environment variable's credential field and its group (the prefix before OKX, so two bots in one file stay apart). */
export function envCredential(name: string): { field: CredField; group: string } | null {
  const upper = name.toUpperCase();
  for (const [field, re] of ENV_PATTERNS) {
    const m = re.exec(upper);
    if (m) return { field, group: m[1] };
  }
  return null;
}

// freqtrade reads FREQTRADE__EXCHANGE__KEY etc. from the environment, with FREQTRADE__EXCHANGE__NAME=okx.
const FREQTRADE_ENV: Record<string, CredField> = {
  FREQTRADE__EXCHANGE__KEY: "apiKey",
  FREQTRADE__EXCHANGE__SECRET: "secretKey",
  FREQTRADE__EXCHANGE__PASSWORD: "passphrase",
};
export function freqtradeEnvCredential(name: string): CredField | null {
  return FREQTRADE_ENV[name.toUpperCase()] ?? null;
}
export const FREQTRADE_ENV_NAME = "FREQTRADE__EXCHANGE__NAME";

const OBJECT_FIELDS: Record<string, CredField> = {
  apikey: "apiKey",
  api_key: "apiKey",
  key: "apiKey",
  secret: "secretKey",
  secretkey: "secretKey",
  secret_key: "secretKey",
  api_secret: "secretKey",
  apisecret: "secretKey",
  password: "passphrase",
  passphrase: "passphrase",
  api_passphrase: "passphrase",
};
export function objectCredential(name: string): CredField | null {
  return OBJECT_FIELDS[name.toLowerCase()] ?? null;
}

export const isOkxName = (s: unknown) => typeof s === "string" && /^okx(5|v5)?$/i.test(s.trim());

/** Template and example values are not keys: "${OKX_KEY}", "<your key>", "changeme", "". */
export function looksReal(value: string | null | undefined): value is string {
  if (!value) return false;
  const v = value.trim();
  if (v.length < 6) return false;
  if (/\$\{|\{\{|^<|^your|changeme|^x{4,}$|placeholder|example/i.test(v)) return false;
  return true;
}
