// 5. What entity detection costs: adding a key (which checks it at once) when the key is on its stored host, when
// it is an EEA key stored as global, when it is a demo key stored as live, and when no entity knows it. Each case
// gets a fresh client (no clock-skew cache, no learned UID: the worst case, as in a just-started server) and the
// simulator's 50 ms latency; round trips are counted per host at the client's fetch. Per probed host: one
// /public/time (the clock skew is measured once per host) and one account/config.
import { randomBytes, randomUUID } from "node:crypto";
import { startSimThread } from "./sim-worker";
import type { BenchRow } from "./report";
import { fmtMs, median, nowMs } from "./stats";

const LATENCY_MS = 50;
const RUNS = 3;

interface Case {
  name: string;
  /** Where the simulator holds the key (null: nowhere). */
  on: { region: "global" | "eea" | "us"; demo: boolean } | null;
  stored: { region: string; demo: boolean };
}

const CASES: Case[] = [
  { name: "key on its stored host (global)", on: { region: "global", demo: false }, stored: { region: "global", demo: false } },
  { name: "EEA key stored as global", on: { region: "eea", demo: false }, stored: { region: "global", demo: false } },
  { name: "EEA key added with detect", on: { region: "eea", demo: false }, stored: { region: "detect", demo: false } },
  { name: "demo key stored as live", on: { region: "global", demo: true }, stored: { region: "global", demo: false } },
  { name: "key no entity knows", on: null, stored: { region: "detect", demo: false } },
];

export async function benchDetection(): Promise<BenchRow[]> {
  const { addAndCheckKey } = await import("@/lib/checks/add-and-check");
  const { OkxClient } = await import("@/lib/okx");
  const sim = await startSimThread("203.0.113.10");
  const rows: BenchRow[] = [];
  try {
    process.env.OKX_API_BASE_URL = sim.baseUrlEnv;
    const regionOf = new Map(sim.baseUrlEnv.split(",").map((p) => [new URL(p.slice(p.indexOf("=") + 1)).host, p.slice(0, p.indexOf("="))]));
    await sim.call({ op: "latency", ms: LATENCY_MS });
    let n = 0;
    for (const c of CASES) {
      const times: number[] = [];
      let trips: Record<string, number> = {};
      let probes = 0;
      let result = "";
      for (let run = 0; run < RUNS; run++) {
        const uid = `93000000${String(++n).padStart(5, "0")}`;
        const creds = { apiKey: randomUUID(), secretKey: randomBytes(16).toString("hex").toUpperCase(), passphrase: `Bench-${randomBytes(6).toString("hex")}` };
        if (c.on) {
          await sim.call({ op: "addAccount", account: { uid, label: `detect-${n}` } });
          await sim.call({
            op: "addKey",
            key: { ...creds, label: `detect ${n}`, perm: "read_only", ip: sim.callerIp, uid, region: c.on.region, demo: c.on.demo },
          });
        }
        const counts: Record<string, number> = {};
        // Only what detection is made of (clock-skew measurement and account/config); a master key's sub-account
        // listing after a successful check is the same with or without detection.
        const counting: typeof fetch = (input, init) => {
          const url = new URL(String(input));
          if (/\/(public\/time|account\/config)$/.test(url.pathname)) {
            const region = regionOf.get(url.host) ?? "other";
            counts[region] = (counts[region] ?? 0) + 1;
          }
          return fetch(input, init);
        };
        const t0 = nowMs();
        const added = await addAndCheckKey(
          {
            label: `detect-bench-${n}`,
            region: c.stored.region,
            demo: c.stored.demo,
            purpose: "read",
            usedBy: "",
            createdOn: "2026-01-15",
            notes: "",
            ...creds,
          },
          { actor: "system", client: new OkxClient({ fetch: counting }) },
        );
        times.push(nowMs() - t0);
        trips = counts;
        probes = added.check?.detection?.probes.length ?? 0;
        result = added.check?.detection
          ? `${added.check.detection.result}${added.check.detection.to ? ` → ${added.check.detection.to.region}${added.check.detection.to.demo ? " demo" : ""}` : ""}`
          : `${added.check?.outcome ?? "not checked"}`;
      }
      const total = Object.values(trips).reduce((a, b) => a + b, 0);
      const perHost = Object.entries(trips)
        .map(([r, k]) => `${r} ${k}`)
        .join(", ");
      rows.push({
        metric: `Add + check: ${c.name}`,
        measured: `${fmtMs(median(times))} median of ${RUNS}; ${total} round trips (${perHost}); ${probes} probe${probes === 1 ? "" : "s"}; ${result}`,
        target: "— (info)",
        ok: null,
        value: { ms: median(times), roundTrips: total, probes },
        unit: "ms",
      });
    }
    const rate = (await sim.call({ op: "countCode", code: "50011" })) as number;
    rows.push({ metric: "Entity detection: 50011 answers caused", measured: String(rate), target: "0", ok: rate === 0, value: rate });
  } finally {
    await sim.close();
  }
  return rows;
}
