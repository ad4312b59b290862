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
  idleTimer?: NodeJS.Timeout;
  onIdleLock?: () => void;
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
  armIdleTimer();
}

export function setIdleMs(ms: number): void {
  state.idleMs = ms;
  if (state.dataKey) armIdleTimer();
}

/** Called once when the idle timer locks the vault (the vault module records the audit event). */
export function setIdleLockListener(fn: () => void): void {
  state.onIdleLock = fn;
}

// The key must leave memory when the idle time is up, not at the next request (there may be none for days).
// One timer, re-armed for the remaining time when it fires early, so activity costs no timer churn.
function armIdleTimer(): void {
  clearTimeout(state.idleTimer);
  const due = state.lastActivity + state.idleMs - Date.now();
  state.idleTimer = setTimeout(onIdleTimer, Math.max(0, due) + 5);
  state.idleTimer.unref();
}

function onIdleTimer(): void {
  if (!state.dataKey) return;
  if (Date.now() - state.lastActivity > state.idleMs) {
    wipe();
    state.onIdleLock?.();
  } else {
    armIdleTimer();
  }
}

export function setEpoch(epoch: number): void {
  state.epoch = epoch;
}

/** Locks if the idle timeout passed; returns whether the vault is (still) unlocked. */
export function isUnlocked(now = Date.now()): boolean {
  if (!state.dataKey) return false;
  if (now - state.lastActivity > state.idleMs) {
    wipe();
    state.onIdleLock?.();
    return false;
  }
  return true;
}

export function touch(now = Date.now()): void {
  if (state.dataKey) state.lastActivity = now;
}

export function wipe(): void {
  clearTimeout(state.idleTimer);
  state.idleTimer = undefined;
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
