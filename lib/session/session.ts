import "server-only";
// The browser's session: an iron-session cookie holding only a random session id and the vault epoch.
// A session is valid while this process is unlocked, knows the id, and the epoch matches (a passphrase change
// or a lock ends every session; a restart locks the vault, so cookies from before it are worthless).
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getIronSession, type SessionOptions } from "iron-session";
import { sessionPassword } from "./session-password";
import * as keyring from "@/lib/vault/keyring";
import { VaultLockedError } from "@/lib/errors/app-error";
import { loadIdleMinutes } from "@/lib/settings/settings";
import { PATH_HEADER, unlockHref } from "@/lib/http/safe-next";

interface SessionData {
  sid?: string;
  epoch?: number;
}

export const SESSION_COOKIE = "kw_session";

function options(): SessionOptions {
  return {
    password: sessionPassword(),
    cookieName: SESSION_COOKIE,
    ttl: 12 * 60 * 60,
    cookieOptions: { httpOnly: true, sameSite: "strict", path: "/", secure: false },
  };
}

async function ironSession() {
  return getIronSession<SessionData>(await cookies(), options());
}

/** After a successful unlock or setup: issue a fresh session id (never reuse one from before the unlock). */
export async function startSession(): Promise<void> {
  const s = await ironSession();
  const sid = randomBytes(24).toString("base64url");
  keyring.addSession(sid);
  keyring.setIdleMs((await loadIdleMinutes()) * 60_000);
  s.sid = sid;
  s.epoch = keyring.keyringState().epoch;
  await s.save();
}

export async function endSession(): Promise<void> {
  const s = await ironSession();
  if (s.sid) keyring.removeSession(s.sid);
  s.destroy();
}

export async function hasValidSession(): Promise<boolean> {
  const s = await ironSession();
  if (!s.sid || !keyring.isUnlocked()) return false;
  if (!keyring.hasSession(s.sid) || s.epoch !== keyring.keyringState().epoch) return false;
  keyring.touch();
  return true;
}

/** For pages: the unlock page when there is no valid session, which comes back to this page after unlocking. */
export async function requirePageSession(): Promise<void> {
  if (!(await hasValidSession())) redirect(unlockHref((await headers()).get(PATH_HEADER)));
}

/** For server actions and route handlers: authorization happens here too, not only in proxy.ts. */
export async function requireSession(): Promise<void> {
  if (!(await hasValidSession())) throw new VaultLockedError();
}
