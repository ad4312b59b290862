// The OKX simulator on its own thread for the check-all benchmark. Real OKX does not share Keywarden's event
// loop; an in-process simulator would (its signature checks and JSON would be timed as Keywarden's work).
// The parent drives it through a few messages: the fleet setup, the latency fault and the 50011 count.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import path from "node:path";
import type { SimAccountInput, SimKeyInput } from "../okx-sim/types";
import { startOkxSim } from "../okx-sim";
import { root } from "./server";

type Op =
  | { op: "addAccount"; account: SimAccountInput }
  | { op: "addKey"; key: SimKeyInput }
  | { op: "latency"; ms: number }
  | { op: "countCode"; code: string }
  | { op: "countCodeByEndpoint"; code: string }
  | { op: "close" };

export interface SimThread {
  baseUrlEnv: string;
  callerIp: string;
  call(op: Op): Promise<unknown>;
  close(): Promise<void>;
}

export async function startSimThread(callerIp: string): Promise<SimThread> {
  const worker = new Worker(
    // Worker threads do not inherit tsx's loader: register it, then load this file as TypeScript.
    `require("tsx/cjs"); require(${JSON.stringify(path.join(root, "tests", "bench", "sim-worker.ts"))});`,
    { eval: true, workerData: { callerIp } },
  );
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  const call = (op: Op | { op: "info" }) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...op });
    });
  const info = (await call({ op: "info" })) as { baseUrlEnv: string; callerIp: string };
  return {
    ...info,
    call,
    async close() {
      await call({ op: "close" });
      await worker.terminate();
    },
  };
}

async function serveInWorker(port: NonNullable<typeof parentPort>): Promise<void> {
  const sim = await startOkxSim({ callerIp: (workerData as { callerIp: string }).callerIp });
  port.on("message", async (m: { id: number } & (Op | { op: "info" })) => {
    try {
      let result: unknown = null;
      switch (m.op) {
        case "info":
          result = { baseUrlEnv: sim.baseUrlEnv, callerIp: sim.callerIp };
          break;
        case "addAccount":
          sim.addAccount(m.account);
          break;
        case "addKey":
          sim.addKey(m.key);
          break;
        case "latency":
          sim.faults.latencyMs = m.ms;
          break;
        case "countCode":
          result = sim.countCode(m.code);
          break;
        case "countCodeByEndpoint": {
          // "GET /api/v5/account/config" → how many replies carried the code; endpoints never hit are absent.
          const calls: Record<string, { calls: number; code: number }> = {};
          for (const c of sim.calls) {
            const e = (calls[`${c.method} ${c.path.split("?")[0]}`] ??= { calls: 0, code: 0 });
            e.calls++;
            if (c.code === m.code) e.code++;
          }
          result = calls;
          break;
        }
        case "close":
          await sim.close();
          break;
      }
      port.postMessage({ id: m.id, result });
    } catch (e) {
      port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}

if (!isMainThread && parentPort) void serveInWorker(parentPort);
