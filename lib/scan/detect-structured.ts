// JSON, YAML and TOML configs (freqtrade, ccxt-style). Each is read with a real parser; the value ranges for a
// write-back come from the parser's own node offsets (jsonc-parser, yaml) or, for TOML, from the key's line.
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { isScalar, parseDocument, parse as parseYaml, Scalar } from "yaml";
import { parse as parseToml } from "smol-toml";
import { looksReal } from "./credential-names";
import { findOkxSections, type OkxSection } from "./okx-sections";
import type { CredField, Detection, ScanStyle, ValueSpan } from "./types";

const FIELDS: CredField[] = ["apiKey", "secretKey", "passphrase"];

function toDetection(style: ScanStyle, s: OkxSection, spans: ValueSpan[]): Detection | null {
  if (!looksReal(s.values.apiKey)) return null;
  return { style, apiKey: s.values.apiKey!, secretKey: s.values.secretKey || null, passphrase: s.values.passphrase || null, encrypted: false, spans };
}

type SpanOf = (s: OkxSection, name: string) => Omit<ValueSpan, "field"> | null | undefined;

/** One detection per OKX section of the parsed `data`, with the value range each format's parser gives a field. */
function detectSections(data: unknown, style: (s: OkxSection) => ScanStyle, spanOf: SpanOf): Detection[] {
  const out: Detection[] = [];
  for (const s of findOkxSections(data)) {
    const spans: ValueSpan[] = [];
    for (const f of FIELDS) {
      const name = s.fields[f];
      const span = name ? spanOf(s, name) : null;
      if (span) spans.push({ field: f, ...span });
    }
    const d = toDetection(style(s), s, spans);
    if (d) out.push(d);
  }
  return out;
}

export function detectJson(text: string, fileName: string): Detection[] {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!tree || errors.length) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const freqtrade = (s: OkxSection) => /^config.*\.json$/i.test(fileName) && s.path.length === 1 && s.path[0] === "exchange" && s.fields.apiKey === "key";
  return detectSections(
    data,
    (s) => (freqtrade(s) ? "freqtrade" : "ccxt-json"),
    (s, name) => {
      const node: JsonNode | undefined = findNodeAtLocation(tree, [...s.path, name]);
      return node && node.type === "string" ? { start: node.offset, end: node.offset + node.length, encode: (v) => JSON.stringify(v) } : null;
    },
  );
}

/** A YAML scalar written back in the style it had: plain stays plain when it reads back the same. */
export function yamlScalarEncoder(node: Scalar): (v: string) => string {
  switch (node.type) {
    case Scalar.QUOTE_SINGLE:
      return (v) => `'${v.replace(/'/g, "''")}'`;
    case Scalar.QUOTE_DOUBLE:
      return (v) => JSON.stringify(v);
    default:
      return plainOrQuoted;
  }
}

/** A plain YAML scalar when it reads back as the same string, else a double-quoted one. */
export function plainOrQuoted(v: string): string {
  try {
    if (!/[\n\r]/.test(v) && parseYaml(`k: ${v}`)?.k === v && parseYaml(`- ${v}`)?.[0] === v) return v;
  } catch {
    // not valid as plain: quote it
  }
  return JSON.stringify(v);
}

export function detectYaml(text: string): Detection[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) return [];
  return detectSections(
    doc.toJS(),
    () => "ccxt-yaml",
    (s, name) => {
      const node = doc.getIn([...s.path, name], true);
      return isScalar(node) && node.range ? { start: node.range[0], end: node.range[1], encode: yamlScalarEncoder(node) } : null;
    },
  );
}

/** TOML: smol-toml reads the values; the value range is found on the key's line inside its table. */
export function detectToml(text: string): Detection[] {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch {
    return [];
  }
  return detectSections(
    data,
    () => "ccxt-toml",
    (s, name) => tomlValueSpan(text, s.path.map(String), name),
  );
}

function tomlValueSpan(text: string, table: string[], key: string): Omit<ValueSpan, "field"> | null {
  const wanted = table.join(".");
  let current = "";
  let offset = 0;
  const keyRe = new RegExp(`^(\\s*(?:"${escapeRe(key)}"|${escapeRe(key)})\\s*=\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*')`);
  for (const raw of text.split("\n")) {
    const header = /^\s*\[([^\[\]]+)\]\s*(#.*)?$/.exec(raw.replace(/\r$/, ""));
    if (header)
      current = header[1]
        .split(".")
        .map((p) => p.trim().replace(/^["']|["']$/g, ""))
        .join(".");
    else if (current === wanted) {
      const m = keyRe.exec(raw);
      if (m) {
        const start = offset + m[1].length;
        const literal = m[2].startsWith("'");
        return { start, end: start + m[2].length, encode: (v) => (literal && !v.includes("'") ? `'${v}'` : JSON.stringify(v)) };
      }
    }
    offset += raw.length + 1;
  }
  return null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
