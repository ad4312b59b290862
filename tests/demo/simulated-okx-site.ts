// The demo's stand-in for okx.com → Profile → API: the steps a guided rotation asks of the user ("create the new
// key on okx.com", "delete the old key on okx.com") cannot be done on the real site against simulated keys, so
// the demo serves this tiny page on loopback. It lists the simulator's live keys, creates a key (its secret shown
// once, like OKX) and deletes one. Demo only: simulated keys, never real ones.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { OkxSim, SimKey } from "../okx-sim";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const short = (k: string) => `${k.slice(0, 4)}…${k.slice(-4)}`;

export interface ReadyKey {
  apiKey: string;
  secretKey: string;
  passphrase: string;
  label: string;
  perm: string;
  ip: string[];
}

/** A new key on `uid` like the user would create it on okx.com (secret 32 hex, a passphrase they chose). */
export function createSimKey(sim: OkxSim, opts: { uid: string; label: string; perm: string; ip: string[] }): ReadyKey {
  const key: ReadyKey = {
    apiKey: randomUUID(),
    secretKey: randomBytes(16).toString("hex").toUpperCase(),
    passphrase: `Demo-${randomBytes(4).toString("hex")}-9!`,
    label: opts.label,
    perm: opts.perm,
    ip: opts.ip,
  };
  sim.addKey({ ...key, uid: opts.uid, createdDaysAgo: 0 });
  return key;
}

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Simulated okx.com — API keys</title>
<style>body{font:15px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#18181b}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}
.note{background:#fef3c7;padding:.5rem .75rem;border-radius:.4rem}.once{background:#ecfdf5;padding:.75rem;border-radius:.4rem;font-family:monospace;word-break:break-all}button{padding:.3rem .7rem}</style></head>
<body><h1>Simulated okx.com → Profile → API</h1><p class="note">Keywarden's demo: these keys live in the OKX simulator, not on okx.com.</p>${body}</body></html>`;
}

function keysTable(keys: SimKey[], uids: Set<string>): string {
  const rows = keys
    .filter((k) => uids.has(k.uid))
    .map(
      (
        k,
      ) => `<tr><td>${esc(k.label)}</td><td><code>${short(k.apiKey)}</code></td><td>${esc(k.perm.join(", "))}</td><td>${esc(k.ip.join(", ") || "not bound")}</td><td>${k.subAcct ? esc(k.subAcct) : "master"}</td>
<td><form method="post" action="/delete"><input type="hidden" name="apiKey" value="${esc(k.apiKey)}"><button>Delete</button></form></td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>Label</th><th>API key</th><th>Permissions</th><th>IP allowlist</th><th>Account</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

const createForm = (uid: string) => `<h2>Create API key (master account ${esc(uid)})</h2>
<form method="post" action="/create"><p><label>Label <input name="label" required maxlength="50" value="new key"></label></p>
<p>Permissions: <label><input type="checkbox" checked disabled> Read</label> <label><input type="checkbox" name="trade" value="1"> Trade</label> <label><input type="checkbox" name="withdraw" value="1"> Withdraw</label></p>
<p><label>IP allowlist (comma separated) <input name="ip" size="40" value="203.0.113.10"></label></p><p><button>Create</button></p></form>`;

/** Serves the page on 127.0.0.1:`port` (0 = any free port); `uids` are the accounts the user "owns" (the master accounts). */
export async function startSimulatedOkxSite(
  sim: OkxSim,
  opts: { port: number; masterUid: string; uids: string[] },
): Promise<{ url: string; close: () => Promise<void> }> {
  const uids = new Set(opts.uids);
  const server = http.createServer(async (req, res) => {
    const send = (status: number, html: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY" });
      res.end(html);
    };
    if (req.method === "GET" && req.url === "/") return send(200, page(keysTable(sim.liveKeys(), uids) + createForm(opts.masterUid)));
    if (req.method !== "POST") return send(404, page('<p>Not found. <a href="/">Back</a></p>'));
    // Forms from this page only: another site must not create or delete keys in the demo.
    const site = req.headers["sec-fetch-site"];
    if (site && site !== "same-origin" && site !== "none") return send(403, page("<p>Cross-site request refused.</p>"));
    let body = "";
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    if (req.url === "/delete") {
      const key = sim.getKey(form.get("apiKey") ?? "");
      if (key && uids.has(key.uid)) sim.removeKey(key.apiKey);
      return send(200, page(`<p>Deleted “${esc(key?.label ?? "?")}”. Keywarden's next check will find it gone. <a href="/">Back</a></p>`));
    }
    if (req.url === "/create") {
      const perm = ["read_only", form.get("trade") ? "trade" : "", form.get("withdraw") ? "withdraw" : ""].filter(Boolean).join(",");
      const ip = (form.get("ip") ?? "").split(/[\s,]+/).filter(Boolean);
      const label = (form.get("label") ?? "new key").slice(0, 50);
      const k = createSimKey(sim, { uid: opts.masterUid, label, perm, ip });
      return send(
        200,
        page(
          `<h2>Key created — copy these now, they are shown once</h2><div class="once">API key: ${esc(k.apiKey)}<br>Secret key: ${esc(k.secretKey)}<br>Passphrase: ${esc(k.passphrase)}</div><p><a href="/">Back to the keys</a></p>`,
        ),
      );
    }
    return send(404, page("<p>Not found.</p>"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => reject(new Error(`the simulated okx.com page cannot listen on port ${opts.port} (${e.message}); set OKX_SITE_PORT`)));
    server.listen(opts.port, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
