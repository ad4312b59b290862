// A server-action POST sent chunked, with no Content-Length for proxy.ts to judge up front (issue 17). Before the
// fix it never got an answer: the proxy read past the 64 KiB limit, then waited for a cancel that a tee never
// settles. Now it gets the same 413 as a declared oversized body, within seconds, the action never runs, and a
// chunked body under the limit still reaches Next as before.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, ACTION_TOO_LARGE } from "@/lib/http/action-body";
import { App, startApp } from "./app-harness";

let app: App;

beforeAll(async () => {
  app = await startApp();
}, 600_000);

afterAll(async () => {
  await app?.stop();
});

interface Reply {
  status: number;
  body: string;
  ms: number;
  headers: http.IncomingHttpHeaders;
}

/** POSTs `total` bytes in 16 KiB chunks with Transfer-Encoding: chunked (node:http sends no Content-Length). */
function postChunked(pathname: string, headers: Record<string, string>, chunks: Buffer[]): Promise<Reply> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const url = new URL(app.url + pathname);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - t0, headers: res.headers }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("no answer within 30 s")));
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

function actionHeaders(name: string): Record<string, string> {
  const ref = app.actions.get(name)!;
  return { ...app.headers({ "Next-Action": ref.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" }) };
}

const ADD = "app/(dashboard)/keys/actions.ts#addKeyAction";
const LOCK = "app/unlock/actions.ts#lockAction";

describe("a chunked server-action body without Content-Length", () => {
  it("over the limit: 413 with the same sentence as a declared oversized body, quickly, nothing changed", async () => {
    for (const total of [ACTION_BODY_LIMIT + 1, 1 << 20, 8 << 20]) {
      const before = app.dump();
      // A valid-looking argument list, so only its size can be the reason.
      const text = Buffer.from(`[{},"${"a".repeat(total)}"]`);
      const chunks: Buffer[] = [];
      for (let at = 0; at < text.length; at += 16 * 1024) chunks.push(text.subarray(at, at + 16 * 1024));
      const r = await postChunked(app.actions.get(ADD)!.page, actionHeaders(ADD), chunks);
      expect(r.status, `${total} bytes: ${r.body.slice(0, 200)}`).toBe(413);
      expect(r.body).toBe(ACTION_TOO_LARGE);
      expect(r.ms, `${total} bytes answered after ${r.ms} ms`).toBeLessThan(15_000);
      console.log(`[chunked] ${total} bytes, no Content-Length: ${r.status} after ${r.ms} ms`);
      expect(app.dump()).toBe(before);
    }
    expect(await app.alive()).toBe(true);
  });

  it("under the limit: still reaches the action (the lock action runs and signs the session out)", async () => {
    expect(app.cookie).not.toBe("");
    const r = await postChunked(app.actions.get(LOCK)!.page, actionHeaders(LOCK), [Buffer.from("[]")]);
    expect(r.status, r.body.slice(0, 300)).toBeLessThan(400);
    expect(r.headers["x-action-redirect"] ?? "").toMatch(/\/unlock/);
  });
});
