// What Playwright's webServer runs: the OKX simulator (demo fleet) on fixed loopback ports, a small JSON control
// endpoint so specs can act as "the user on okx.com" (add/edit/delete keys, move the clock), and the real app
// (lib/server/start.mjs: build if needed, migrate, next start on 127.0.0.1) pointed at the simulator.
import { spawn } from "node:child_process";
import http from "node:http";
import { startOkxSim } from "../okx-sim";
import { parseIps, parsePerm } from "../okx-sim/normalize";
import { E2E_SIM_PORT, E2E_CONTROL_PORT } from "./ports";

async function main() {
  const sim = await startOkxSim({
    seed: "tests/okx-sim/seeds/demo-fleet.json",
    ports: { global: E2E_SIM_PORT, eea: E2E_SIM_PORT + 1, us: E2E_SIM_PORT + 2 },
  });

  const control = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const input = body ? JSON.parse(body) : {};
    let out: unknown = { ok: true };
    try {
      switch (req.url) {
        case "/addKey":
          out = sim.addKey(input);
          break;
        case "/removeKey":
          sim.removeKey(input.apiKey);
          break;
        // A master account with its sub-accounts (the user's account on okx.com), for specs that need their own.
        case "/addAccount":
          sim.addAccount(input);
          break;
        case "/advance":
          sim.clock.advance(input.ms);
          break;
        case "/getKey":
          out = sim.getKey(input.apiKey) ?? null;
          break;
        case "/modifyKey": {
          // The user editing a master-account key on okx.com (perm, IP allowlist, label): what the drift rule sees.
          const key = sim.getKey(input.apiKey);
          if (!key || key.deletedAt !== undefined) throw new Error(`no live key ${input.apiKey}`);
          if (input.perm !== undefined) key.perm = parsePerm(input.perm);
          if (input.ip !== undefined) key.ip = parseIps(input.ip);
          if (input.label !== undefined) key.label = String(input.label);
          out = key;
          break;
        }
        case "/freezeKey":
          sim.setKeyFrozen(input.apiKey, input.frozen !== false);
          break;
        case "/countCode":
          out = { count: sim.countCode(input.code) };
          break;
        default:
          res.writeHead(404).end();
          return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
    } catch (err) {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: String(err) }));
    }
  });
  control.listen(E2E_CONTROL_PORT, "127.0.0.1");

  const app = spawn(process.execPath, ["lib/server/start.mjs"], {
    stdio: "inherit",
    env: { ...process.env, OKX_API_BASE_URL: sim.baseUrlEnv },
  });
  const stop = async () => {
    app.kill("SIGTERM");
    control.close();
    await sim.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  app.on("exit", (code) => process.exit(code ?? 1));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
