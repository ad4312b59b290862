// Specs act as "the user on okx.com" through the simulator's control endpoint (see serve.ts).
import { E2E_CONTROL_PORT } from "./ports";

async function call<T>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${E2E_CONTROL_PORT}${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sim control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const simControl = {
  addKey: (k: Record<string, unknown>) => call<Record<string, unknown>>("/addKey", k),
  removeKey: (apiKey: string) => call("/removeKey", { apiKey }),
  addAccount: (a: { uid: string; subAccounts?: { subAcct: string; uid: string; frozen?: boolean; createdDaysAgo?: number }[] }) => call("/addAccount", a),
  /** As if the user edited the key on okx.com; only the given fields change. */
  modifyKey: (apiKey: string, change: { perm?: string; ip?: string[]; label?: string }) => call<Record<string, unknown>>("/modifyKey", { apiKey, ...change }),
  advance: (ms: number) => call("/advance", { ms }),
  getKey: (apiKey: string) => call<Record<string, unknown> | null>("/getKey", { apiKey }),
  /** OKX freezing one API key (its calls get 50100). */
  freezeKey: (apiKey: string, frozen = true) => call("/freezeKey", { apiKey, frozen }),
  countCode: (code: string) => call<{ count: number }>("/countCode", { code }).then((r) => r.count),
};
