// A generated tree of bot folders for the scan: each config style Keywarden recognises, one key in two files, an
// unknown key, a world-readable file, a tracked file in a git repository, and each skip case. Values are
// canaries: a test greps every output for them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface FixtureKey {
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

export const KNOWN: FixtureKey = {
  apiKey: "5ca1ab1e-0000-4000-8000-00000000a001",
  secretKey: "5ECA1AB1E0000000000000000000A001",
  passphrase: "Known-Pass-a001",
};
export const SECOND: FixtureKey = {
  apiKey: "5ca1ab1e-0000-4000-8000-00000000b002",
  secretKey: "5ECA1AB1E0000000000000000000B002",
  passphrase: "Second-Pass-b002",
};
export const UNKNOWN: FixtureKey = {
  apiKey: "0dd0dd0d-0000-4000-8000-00000000c003",
  secretKey: "0DD0DD0D0000000000000000000C0003",
  passphrase: "Unknown-Pass-c003",
};

function write(root: string, rel: string, text: string | Buffer, mode = 0o600): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  fs.chmodSync(p, mode);
  return p;
}

export const envFile = (k: FixtureKey) =>
  `# grid bot credentials\nOKX_API_KEY=${k.apiKey}\nOKX_SECRET_KEY="${k.secretKey}"   # from okx.com\nexport OKX_PASSPHRASE='${k.passphrase}'\nLOG_LEVEL=info\n`;

export const freqtradeConfig = (k: FixtureKey) =>
  `{\n    "max_open_trades": 3,\n    "exchange": {\n        "name": "okx",\n        "key": "${k.apiKey}",\n        "secret": "${k.secretKey}",\n        "password": "${k.passphrase}",\n        "pair_whitelist": ["BTC/USDT"]\n    },\n    "dry_run": false\n}\n`;

/** Builds the tree under `root` and returns the paths the tests talk about. */
export function makeScanFixture(root: string, opts: { skipCases?: boolean; git?: boolean } = {}) {
  const { skipCases = true, git = true } = opts;
  const p = {
    env: write(root, "grid-bot/.env", envFile(KNOWN)),
    freqtrade: write(root, "freqtrade-main/user_data/config.json", freqtradeConfig(KNOWN), 0o644),
    ccxtYaml: write(
      root,
      "arb-bot/settings.yaml",
      `# arbitrage\nexchanges:\n  okx:\n    apiKey: ${SECOND.apiKey}\n    secret: "${SECOND.secretKey}"\n    password: '${SECOND.passphrase}'\n  binance:\n    apiKey: not-okx\n`,
    ),
    ccxtToml: write(
      root,
      "dca-bot/config.toml",
      `title = "dca"\n\n[exchange.okx]\napiKey = "${SECOND.apiKey}"\nsecret = "${SECOND.secretKey}"\npassword = '${SECOND.passphrase}'\n`,
    ),
    ccxtJson: write(
      root,
      "tax-tool/exchanges.json",
      JSON.stringify({ accounts: [{ exchange: "okx", apiKey: UNKNOWN.apiKey, secret: UNKNOWN.secretKey, password: UNKNOWN.passphrase }] }, null, 2),
    ),
    compose: write(
      root,
      "stack/docker-compose.yml",
      `services:\n  signal-bot:\n    image: bot:1\n    environment:\n      - OKX_API_KEY=${SECOND.apiKey}\n      - OKX_API_SECRET=${SECOND.secretKey}\n      - OKX_PASSWORD=${SECOND.passphrase}\n  web:\n    image: nginx\n`,
    ),
    hummingbot: write(
      root,
      "hummingbot/conf/connectors/okx.yml",
      `connector: okx\nokx_api_key: 7b22637279707422\nokx_secret_key: 7b22637279707423\nokx_passphrase: 7b22637279707424\n`,
    ),
    worldReadable: "",
    tracked: "",
    notes: write(root, "notes/readme.md", "OKX keys live in the bots' folders.\n"),
  };
  p.worldReadable = p.freqtrade;
  if (git) {
    const repo = path.join(root, "repo-bot");
    p.tracked = write(root, "repo-bot/.env", envFile(SECOND));
    write(root, "repo-bot/main.py", "print('hi')\n");
    const g = (...a: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main", ...a], { cwd: repo, stdio: "ignore" });
    g("init", "-q");
    g("add", ".env", "main.py");
    g("commit", "-q", "-m", "bot");
  }
  // node_modules is not walked: a key in there must not be found.
  write(root, "grid-bot/node_modules/okx-lib/.env", envFile(UNKNOWN));
  const skips = { loop: "", huge: "", binary: "", unreadable: "", outside: "" };
  if (skipCases) {
    skips.loop = path.join(root, "grid-bot", "loop");
    fs.symlinkSync(path.join(root, "grid-bot"), skips.loop);
    skips.huge = write(root, "big-bot/.env", `OKX_API_KEY=${UNKNOWN.apiKey}\n${"#".repeat(2 * 1024 * 1024)}\n`);
    skips.binary = write(root, "bin-bot/config.json", Buffer.concat([Buffer.from('{"okx":'), Buffer.alloc(16), Buffer.from("}")]));
    skips.unreadable = path.join(root, "locked-bot");
    write(root, "locked-bot/.env", envFile(UNKNOWN));
    fs.chmodSync(skips.unreadable, 0o000);
    const outsideDir = fs.mkdtempSync(path.join(path.dirname(root), "kw-outside-"));
    write(outsideDir, ".env", envFile(UNKNOWN));
    skips.outside = path.join(root, "outside-link");
    fs.symlinkSync(outsideDir, skips.outside);
  }
  return { ...p, skips };
}
