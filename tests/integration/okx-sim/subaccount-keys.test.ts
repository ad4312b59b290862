// Sub-account key management: master-only, trade + IP-bound master key, parameter validation.
import { describe, expect, it } from "vitest";
import type { OkxSim } from "@/tests/okx-sim";
import { CALLER_IP, K, SUB_UID } from "./support/fixtures";
import { seededSim } from "./support/seeded-sim";
import { simFetch, type Creds } from "./support/signed-fetch";

const CREATE = "/api/v5/users/subaccount/apikey";
const MODIFY = "/api/v5/users/subaccount/modify-apikey";
const DELETE = "/api/v5/users/subaccount/delete-apikey";
let sim: OkxSim;

seededSim((s) => (sim = s), { advanceMs: 3_000 }); // clear the 1/s windows

const post = (k: Creds, path: string, body: Record<string, unknown> | string) => simFetch(sim, sim.urls.global, k, path, { method: "POST", body });
const get = (k: Creds, path: string) => simFetch(sim, sim.urls.global, k, path);
const good = { subAcct: "bot-sub-1", label: "new-key", passphrase: "New-Pass-1234", perm: "read_only,trade", ip: CALLER_IP };

describe("okx-sim sub-account keys", () => {
  it("create needs trade permission on the master key (read-only bound key → 50120, HTTP 200)", async () => {
    const r = await post(K.boundReader, CREATE, good);
    expect(r.status).toBe(200);
    expect(r.json.code).toBe("50120");
  });

  it("create/modify/delete need an IP-bound master key (unbound trade key → 50035, HTTP 403)", async () => {
    const r = await post(K.unbound, CREATE, good);
    expect(r.json.code).toBe("50035");
    expect(r.status).toBe(403);
    expect((await post(K.unbound, MODIFY, { subAcct: "bot-sub-1", apiKey: K.sub.apiKey, label: "x" })).json.code).toBe("50035");
    expect((await post(K.unbound, DELETE, { subAcct: "bot-sub-1", apiKey: K.sub.apiKey })).json.code).toBe("50035");
  });

  it("sub-account endpoints refuse a sub-account key (59500: only the master account's key), even for reads", async () => {
    expect((await post(K.sub, CREATE, good)).json.code).toBe("59500");
    expect((await get(K.sub, "/api/v5/users/subaccount/list")).json.code).toBe("59500");
    expect((await get(K.sub, "/api/v5/users/subaccount/apikey?subAcct=bot-sub-1")).json.code).toBe("59500");
  });

  it("reads work for any master key, including an unbound read-only one", async () => {
    const r = await get(K.reader2, "/api/v5/users/subaccount/apikey?subAcct=bot-sub-1");
    expect(r.json.code).toBe("0");
    expect(r.json.data.map((k) => k.apiKey)).toContain(K.sub.apiKey);
  });

  it("full rotation: create → new key works → delete old → old key 50119, gone from the list", async () => {
    const created = await post(K.admin, CREATE, { ...good, label: "rotation-new" });
    expect(created.json.code).toBe("0");
    const row = created.json.data[0] as Record<string, string>;
    const fresh = { apiKey: row.apiKey!, secretKey: row.secretKey!, passphrase: good.passphrase };
    expect(sim.getKey(fresh.apiKey)).toMatchObject({ uid: SUB_UID, subAcct: "bot-sub-1", region: "global", demo: false });
    expect((await get(fresh, "/api/v5/account/config")).json.data[0]).toMatchObject({ uid: SUB_UID, label: "rotation-new" });

    const del = await post(K.admin, DELETE, { subAcct: "bot-sub-1", apiKey: K.sub.apiKey });
    expect(del.json).toEqual({ code: "0", msg: "", data: [{ subAcct: "bot-sub-1" }] });
    expect((await get(K.sub, "/api/v5/account/config")).json.code).toBe("50119");
    const list = await get(K.admin, "/api/v5/users/subaccount/apikey?subAcct=bot-sub-1");
    expect(list.json.data.map((k) => k.apiKey)).toEqual([fresh.apiKey]);
    const q = await get(K.admin, `/api/v5/users/subaccount/apikey?subAcct=bot-sub-1&apiKey=${K.sub.apiKey}`);
    expect(q.json.data).toEqual([]);
  });

  it('modify changes label/perm/ip; ip "" unbinds', async () => {
    const created = await post(K.admin, CREATE, { ...good, label: "to-modify" });
    const apiKey = (created.json.data[0] as Record<string, string>).apiKey!;
    sim.clock.advance(1_100);
    const m = await post(K.admin, MODIFY, { subAcct: "bot-sub-1", apiKey, label: "modified", perm: "read_only", ip: "" });
    expect(m.json.code).toBe("0");
    expect(m.json.data[0]).toMatchObject({ label: "modified", perm: "read_only", ip: "" });
    expect(sim.getKey(apiKey)).toMatchObject({ label: "modified", perm: ["read_only"], ip: [] });
    sim.clock.advance(1_100);
    expect((await post(K.admin, MODIFY, { subAcct: "bot-sub-1", apiKey, perm: "read_only,withdraw" })).json.code).toBe("59504");
    sim.clock.advance(1_100);
    const cidr = await post(K.admin, MODIFY, { subAcct: "bot-sub-1", apiKey, ip: "198.51.100.0/24,2001:db8::/48" });
    expect(cidr.json.data[0]).toMatchObject({ ip: "198.51.100.0/24,2001:db8::/48" });
    sim.clock.advance(1_100);
    const tooMany = Array.from({ length: 21 }, (_, i) => `10.0.${i}.0/24`).join(",");
    expect((await post(K.admin, MODIFY, { subAcct: "bot-sub-1", apiKey, ip: tooMany })).json.code).toBe("59503");
    sim.clock.advance(1_100);
    expect((await post(K.admin, MODIFY, { subAcct: "bot-sub-1", apiKey, label: "rotation-new" })).json.code).toBe("59502");
  });

  it("modify is limited to 1 per second per UID", async () => {
    const body = { subAcct: "bot-sub-1", apiKey: K.sub.apiKey, label: "x" };
    const created = await post(K.admin, CREATE, { ...good, label: "rl" });
    const apiKey = (created.json.data[0] as Record<string, string>).apiKey!;
    expect((await post(K.admin, MODIFY, { ...body, apiKey })).json.code).toBe("0");
    const second = await post(K.admin, MODIFY, { ...body, apiKey, label: "y" });
    expect(second.status).toBe(429);
    expect(second.json.code).toBe("50011");
  });

  it.each([
    [{ ...good, subAcct: undefined }, "50014"],
    [{ ...good, subAcct: "no-such-sub" }, "59510"],
    [{ ...good, label: undefined }, "50014"],
    [{ ...good, perm: "admin" }, "51000"],
    [{ ...good, ip: "not-an-ip" }, "51000"],
    [{ ...good, ip: "198.51.100.0/33" }, "51000"],
  ])("create validation %# → %s (HTTP 400)", async (body, code) => {
    const r = await post(K.admin, CREATE, body);
    expect(r.json.code).toBe(code);
    expect(r.status).toBe(400);
  });

  it.each([
    [{ ...good, passphrase: "short" }, "59505"],
    [{ ...good, passphrase: "alllowercase1!" }, "59505"],
    [{ ...good, passphrase: "No-Digits-Here" }, "59505"],
    [{ ...good, passphrase: "NoSpecial1234" }, "59505"],
    [{ ...good, perm: "read_only,withdraw" }, "59504"],
    [{ ...good, ip: Array.from({ length: 21 }, (_, i) => `198.51.100.${i + 1}`).join(",") }, "59503"],
    [{ ...good, label: "rotation-new" }, "59502"],
  ])("create refusal %# → %s with OKX's message (HTTP 200)", async (body, code) => {
    const r = await post(K.admin, CREATE, body);
    expect(r.json.code).toBe(code);
    expect(r.json.msg).not.toBe("");
    expect(r.status).toBe(200);
  });

  it("an account holds at most 50 keys (59501); network segments are accepted on create", async () => {
    sim.addAccount({ uid: "88000", subAccounts: [{ subAcct: "full-sub", uid: "88001" }] });
    for (let i = 0; i < 50; i++) {
      const hex = i.toString(16).padStart(12, "0");
      sim.addKey({
        apiKey: `88888888-0000-4000-8000-${hex}`,
        secretKey: "D".repeat(32),
        passphrase: "Full-pass-1",
        label: `k${i}`,
        perm: "read_only",
        uid: "88001",
      });
    }
    const admin = { apiKey: "88888888-1111-4000-8000-000000000000", secretKey: "E".repeat(32), passphrase: "Admin-pass-1" };
    sim.addKey({ ...admin, label: "admin", perm: "read_only,trade", ip: [CALLER_IP], uid: "88000" });
    const r = await post(admin, CREATE, { ...good, subAcct: "full-sub", label: "one-too-many", ip: "198.51.100.0/24" });
    expect(r.json.code).toBe("59501");
    sim.removeKey("88888888-0000-4000-8000-000000000000");
    sim.clock.advance(1_100);
    const ok = await post(admin, CREATE, { ...good, subAcct: "full-sub", label: "fits", ip: "198.51.100.0/24" });
    expect(ok.json.code).toBe("0");
    expect((ok.json.data[0] as Record<string, string>).ip).toBe("198.51.100.0/24");
  });

  it("up to 20 IPs are accepted", async () => {
    const ip = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 1}`).join(",");
    const r = await post(K.admin, CREATE, { ...good, label: "twenty", ip });
    expect(r.json.code).toBe("0");
    expect((r.json.data[0] as Record<string, string>).ip).toBe(ip);
  });

  it("empty POST body → 50000, broken JSON → 50002 (signature still checked first)", async () => {
    expect((await post(K.admin, CREATE, "")).json.code).toBe("50000");
    sim.clock.advance(1_100);
    expect((await post(K.admin, CREATE, "{not json")).json.code).toBe("50002");
  });

  it("modify/delete of a key outside that sub-account → 59506", async () => {
    const r = await post(K.admin, DELETE, { subAcct: "bot-sub-1", apiKey: K.reader.apiKey });
    expect(r.json.code).toBe("59506");
  });

  it("lists sub-accounts newest first, 100 a page, paged by creation time with after/before", async () => {
    const base = Date.UTC(2025, 0, 1);
    sim.addAccount({
      uid: "77000",
      subAccounts: Array.from({ length: 130 }, (_, i) => ({ subAcct: `page-${i}`, uid: String(77001 + i), createdAt: base + i * 60_000 })),
    });
    const owner = { apiKey: "b1f0c3a2-0000-4000-8000-00000000f00d", secretKey: "F".repeat(32), passphrase: "Pager-pass-1" };
    sim.addKey({ ...owner, label: "pager", perm: "read_only", ip: "", uid: "77000" });
    const names = (r: { json: { data: Record<string, unknown>[] } }) => r.json.data.map((s) => s.subAcct);

    const first = await get(owner, "/api/v5/users/subaccount/list");
    expect(names(first)).toEqual(Array.from({ length: 100 }, (_, i) => `page-${129 - i}`));
    const oldestTs = first.json.data[99].ts as string;
    sim.clock.advance(2_100); // 2 list calls per 2 s per UID
    const second = await get(owner, `/api/v5/users/subaccount/list?after=${oldestTs}`);
    expect(names(second)).toEqual(Array.from({ length: 30 }, (_, i) => `page-${29 - i}`));
    sim.clock.advance(2_100);
    const newer = await get(owner, `/api/v5/users/subaccount/list?before=${base + 126 * 60_000}&limit=5`);
    expect(names(newer)).toEqual(["page-129", "page-128", "page-127"]);
  });
});
