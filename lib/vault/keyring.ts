import "server-only";
// The unlocked state of this process. The data key lives here and nowhere else: never in a cookie, a log, the
// database or the client. On globalThis because Next may load this module in more than one server bundle.

interface KeyringState {
  dataKey: Buffer | null;
  digestKey: Buffer | null;
  epoch: number;
  lastActivity: number;
  idleMs: number;
  sessions: Set<string>;
}

const g = globalThis as unknown as { keywardenKeyring?: KeyringState };
const state: KeyringState = (g.keywardenKeyring ??= {
  dataKey: null,
  digestKey: null,
  epoch: 0,
  lastActivity: 0,
  idleMs: 15 * 60_000,
  sessions: new Set(),
});

export function keyringState(): Readonly<KeyringState> {
  return state;
}

export function installKeys(dataKey: Buffer, digestKey: Buffer, epoch: number): void {
  wipe();
  state.dataKey = dataKey;
  state.digestKey = digestKey;
  state.epoch = epoch;
  state.lastActivity = Date.now();
}

export function setIdleMs(ms: number): void {
  state.idleMs = ms;
}

export function setEpoch(epoch: number): void {
  state.epoch = epoch;
}

/** Locks if the idle timeout passed; returns whether the vault is (still) unlocked. */
export function isUnlocked(now = Date.now()): boolean {
  if (!state.dataKey) return false;
  if (now - state.lastActivity > state.idleMs) {
    wipe();
    return false;
  }
  return true;
}

export function touch(now = Date.now()): void {
  if (state.dataKey) state.lastActivity = now;
}

export function wipe(): void {
  state.dataKey?.fill(0);
  state.digestKey?.fill(0);
  state.dataKey = null;
  state.digestKey = null;
  state.sessions.clear();
}

export function addSession(sid: string): void {
  state.sessions.add(sid);
}

export function hasSession(sid: string): boolean {
  return state.sessions.has(sid);
}

export function removeSession(sid: string): void {
  state.sessions.delete(sid);
}
