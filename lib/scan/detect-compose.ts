// docker-compose files: each service's `environment:` block, as a map (KEY: value) or a list (- KEY=value).
import { isMap, isScalar, isSeq, parseDocument, type Scalar } from "yaml";
import { detectEnvPairs } from "./detect-env";
import { plainOrQuoted, yamlScalarEncoder } from "./detect-structured";
import type { Detection } from "./types";

type Pair = Parameters<typeof detectEnvPairs>[0][number];

export function detectCompose(text: string): Detection[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) return [];
  const services = doc.get("services", true);
  if (!isMap(services)) return [];
  const out: Detection[] = [];
  for (const item of services.items) {
    const svc = item.value;
    if (!isMap(svc)) continue;
    const env = svc.get("environment", true);
    const pairs: Pair[] = [];
    if (isMap(env)) {
      for (const p of env.items) {
        if (!isScalar(p.key) || !isScalar(p.value) || !p.value.range) continue;
        const value = p.value as Scalar;
        pairs.push({
          name: String(p.key.value),
          value: String(value.value ?? ""),
          span: { start: value.range![0], end: value.range![1], encode: yamlScalarEncoder(value) },
        });
      }
    } else if (isSeq(env)) {
      for (const n of env.items) {
        if (!isScalar(n) || typeof n.value !== "string" || !n.range) continue;
        const eq = n.value.indexOf("=");
        if (eq <= 0) continue;
        const name = n.value.slice(0, eq);
        const plain = n.type === "PLAIN";
        // The entry is rewritten whole: plain when "KEY=new" reads back the same, else double-quoted.
        pairs.push({
          name,
          value: n.value.slice(eq + 1),
          span: { start: n.range[0], end: n.range[1], encode: (v) => (plain ? plainOrQuoted(`${name}=${v}`) : JSON.stringify(`${name}=${v}`)) },
        });
      }
    }
    out.push(...detectEnvPairs(pairs, "compose"));
  }
  return out;
}

/** Hummingbot's conf/connectors/okx.yml: its values are encrypted with the bot's own password. */
export function detectHummingbot(text: string): Detection[] {
  if (!/okx_api_key|okx_secret_key|okx_passphrase/i.test(text)) return [];
  return [{ style: "hummingbot", apiKey: null, secretKey: null, passphrase: null, encrypted: true, spans: [] }];
}
