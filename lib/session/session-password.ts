import "server-only";
// iron-session's cookie password: from KEYWARDEN_SESSION_PASSWORD, or 32 random bytes generated on first run into
// the data directory (0600). It seals only a session id and the vault epoch; no key material is ever in the cookie.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ensureDataDir } from "@/lib/db/paths.mjs";

let cached: string | null = null;

export function sessionPassword(): string {
  if (cached) return cached;
  const fromEnv = process.env.KEYWARDEN_SESSION_PASSWORD;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("KEYWARDEN_SESSION_PASSWORD must be at least 32 characters");
    return (cached = fromEnv);
  }
  const file = path.join(ensureDataDir(), "session-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    try {
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (err) {
      // Another process created it first: read theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    cached = fs.readFileSync(file, "utf8").trim();
  }
  fs.chmodSync(file, 0o600);
  return cached;
}
