// Standalone simulator for `npm run demo` and benchmarks:
//   npx tsx tests/okx-sim/main.ts --seed FILE [--port N] [--host H] [--caller-ip IP]
// Ports N, N+1, N+2 serve global, eea, us (default: any free ports). Prints one JSON line
// {"baseUrlEnv": "...", "urls": {...}} on stdout once listening; stops on SIGINT/SIGTERM.
import { startOkxSim, type StartOkxSimOptions } from "./index";

function parseArgs(argv: string[]): StartOkxSimOptions {
  const opts: StartOkxSimOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    i++;
    if (flag === "--seed") opts.seed = value;
    else if (flag === "--port") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 65533) throw new Error(`bad --port ${value}`);
      opts.ports = n === 0 ? {} : { global: n, eea: n + 1, us: n + 2 };
    } else if (flag === "--host") opts.host = value;
    else if (flag === "--caller-ip") opts.callerIp = value;
    else throw new Error(`unknown flag ${flag}`);
  }
  return opts;
}

async function main(): Promise<void> {
  const sim = await startOkxSim(parseArgs(process.argv.slice(2)));
  process.stdout.write(JSON.stringify({ baseUrlEnv: sim.baseUrlEnv, urls: sim.urls }) + "\n");
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`okx-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
