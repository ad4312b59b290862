// Finds OKX credential sections in a parsed config object, whatever the format: an object under an "okx" key
// (ccxt-style `exchanges: { okx: { apiKey, secret, password } }`), or one whose name / id / exchange says okx
// (freqtrade's `exchange: { name: "okx", key, secret, password }`).
import { isOkxName, objectCredential } from "./credential-names";
import type { CredField } from "./types";

export type ObjPath = (string | number)[];

export interface OkxSection {
  path: ObjPath;
  /** For each field found: the property name as written in the file. */
  fields: Partial<Record<CredField, string>>;
  values: Partial<Record<CredField, string>>;
}

const MAX_DEPTH = 6;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function findOkxSections(root: unknown): OkxSection[] {
  const out: OkxSection[] = [];
  const visit = (node: unknown, path: ObjPath, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, [...path, i], depth + 1));
      return;
    }
    if (!isObject(node)) return;
    const last = path[path.length - 1];
    const named = isOkxName(node.name) || isOkxName(node.id) || isOkxName(node.exchange) || isOkxName(node.exchange_id);
    if (named || (typeof last === "string" && isOkxName(last))) {
      const fields: OkxSection["fields"] = {};
      const values: OkxSection["values"] = {};
      for (const [k, v] of Object.entries(node)) {
        const f = objectCredential(k);
        if (f && typeof v === "string" && !fields[f]) {
          fields[f] = k;
          values[f] = v;
        }
      }
      if (fields.apiKey) {
        out.push({ path, fields, values });
        return;
      }
    }
    for (const [k, v] of Object.entries(node)) visit(v, [...path, k], depth + 1);
  };
  visit(root, [], 0);
  return out;
}
