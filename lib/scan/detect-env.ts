// .env files: dotenv reads the values (its quoting and escape rules); a line scanner finds where each value sits,
// so a write-back replaces only those characters and keeps comments, order and every other line.
import { parse } from "dotenv";
import { envCredential, FREQTRADE_ENV_NAME, freqtradeEnvCredential, isOkxName, looksReal } from "./credential-names";
import type { CredField, Detection, ValueSpan } from "./types";

interface EnvLine {
  name: string;
  value: string;
  span: Omit<ValueSpan, "field">;
}

const LINE = /^([ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*)(.*)$/;

/**
 * A value as dotenv reads it back unchanged. dotenv does not unescape \" or \' inside quotes, so a value is put in
 * the first quote it does not contain (keeping the file's own quote when possible); unquoted stays unquoted when safe.
 */
export function envValue(v: string, quote: string): string {
  if (quote === "" && !/[\s#'"`\\$]/.test(v) && v !== "") return v;
  const order = [quote || "'", "'", '"', "`"].filter(Boolean);
  const q = order.find((c) => !v.includes(c) && !(c === '"' && /\\[nr]/.test(v)));
  if (!q || /[\r\n]/.test(v)) throw new Error("value cannot be written to a .env file");
  return `${q}${v}${q}`;
}

/** Every NAME=value line with the character range of its value (inside the quotes, when quoted). */
export function envLines(text: string): EnvLine[] {
  const out: EnvLine[] = [];
  let offset = 0;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const m = LINE.exec(line);
    if (m) {
      const valueStart = offset + m[1].length;
      const rest = m[3];
      const q = rest[0];
      const start = valueStart;
      let end: number;
      let quote = "";
      if (q === '"' || q === "'" || q === "`") {
        // The span takes the quotes too: a new value may need other quotes than the old one.
        const close = rest.indexOf(q, 1);
        if (close > 0) {
          quote = q;
          end = valueStart + close + 1;
        } else end = valueStart + rest.length;
      } else {
        const hash = rest.search(/[ \t]#/);
        end = valueStart + (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd().length;
      }
      const value = parse(`${m[2]}=${rest}`)[m[2]] ?? "";
      out.push({ name: m[2], value, span: { start, end, encode: (v) => envValue(v, quote) } });
    }
    offset += raw.length + 1;
  }
  return out;
}

/** Groups NAME=value pairs into credentials (one per prefix: BOT1_OKX_API_KEY and BOT2_OKX_API_KEY are two). */
export function detectEnvPairs(pairs: EnvLine[], style: Detection["style"]): Detection[] {
  const groups = new Map<string, Partial<Record<CredField, EnvLine>>>();
  const freqtradeOkx = pairs.some((p) => p.name.toUpperCase() === FREQTRADE_ENV_NAME && isOkxName(p.value));
  for (const p of pairs) {
    const hit =
      envCredential(p.name) ?? (freqtradeOkx && freqtradeEnvCredential(p.name) ? { field: freqtradeEnvCredential(p.name)!, group: "\0freqtrade" } : null);
    if (!hit) continue;
    const g = groups.get(hit.group) ?? {};
    g[hit.field] = p;
    groups.set(hit.group, g);
  }
  const out: Detection[] = [];
  for (const g of groups.values()) {
    if (!looksReal(g.apiKey?.value)) continue;
    const spans: ValueSpan[] = [];
    for (const field of ["apiKey", "secretKey", "passphrase"] as const) {
      const line = g[field];
      if (line) spans.push({ field, ...line.span });
    }
    out.push({
      style,
      apiKey: g.apiKey!.value,
      secretKey: g.secretKey?.value || null,
      passphrase: g.passphrase?.value || null,
      encrypted: false,
      spans,
    });
  }
  return out;
}

export function detectEnv(text: string): Detection[] {
  return detectEnvPairs(envLines(text), "dotenv");
}
