// Specs act as "the user on okx.com" through the simulator's control endpoint (see serve.ts).
import http from "node:http";
import { E2E_CONTROL_PORT } from "./ports";

// node:http, not fetch: fetch refuses the Fetch standard's "bad ports", and E2E_PORT=4100 puts the control port on one (4190).
function call<T>(path: string, body: unknown = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: E2E_CONTROL_PORT, path, method: "POST" }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`sim control ${path}: ${res.statusCode} ${text}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
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
