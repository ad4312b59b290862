// Security rule 2, for every server action at once: with no valid session, each one refuses with the locked
// message and touches nothing (the database is booby-trapped). The table must name every exported action, so a
// new action cannot be added without being checked here. Only the unlock and setup forms work locked, by design,
// and Lock without a session only clears the cookie (tests/e2e/05-security.spec.ts).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ROTATION_STEP_ACTIONS } from "../../support/rotation-actions";

const touched: string[] = [];

vi.mock("@/lib/session/session", async () => {
  const { VaultLockedError } = await import("@/lib/errors/app-error");
  return {
    SESSION_COOKIE: "kw_session",
    hasValidSession: async () => false,
    requireSession: async () => {
      throw new VaultLockedError();
    },
    requirePageSession: async () => {
      throw new Error("NEXT_REDIRECT /unlock");
    },
    startSession: async () => void touched.push("startSession"),
    endSession: async () => undefined,
  };
});
vi.mock("@/lib/db/client", () => ({
  db: async () => {
    touched.push("db");
    throw new Error("the database was touched without a session");
  },
  eraseOldPages: async () => void touched.push("db"),
  closeDb: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
  unstable_rethrow: (e: unknown) => {
    if (e instanceof Error && e.message.startsWith("NEXT_REDIRECT")) throw e;
  },
}));

const ID = "00000000-0000-4000-8000-000000000000";
const form = () => {
  const f = new FormData();
  for (const [k, v] of Object.entries({ label: "x", passphrase: "x", current: "x", next: "x", confirm: "x", minutes: "5", ips: "", index: "0", override: "1" }))
    f.set(k, v);
  return f;
};

// Arguments per action, as the forms bind them.
const CALLS: Record<string, Record<string, () => unknown[]>> = {
  "app/(dashboard)/checks/actions": {
    startCheckJobAction: () => [[ID]],
    checkNowAction: () => [ID, {}],
  },
  "app/(dashboard)/keys/actions": {
    addKeyAction: () => [{}, form()],
    updateKeyAction: () => [ID, {}, form()],
    replaceSecretsAction: () => [ID, "all", {}, form()],
    deleteKeyAction: () => [ID, {}, form()],
    setLastUsedAction: () => [ID, {}, form()],
    applyEntityAction: () => [ID, {}],
  },
  "app/(dashboard)/settings/actions": {
    changePassphraseAction: () => [{}, form()],
    idleTimeoutAction: () => [{}, form()],
    policyAction: () => [{}, form()],
    estimateNewPassphrase: () => ["correct horse battery staple okx", "x"],
  },
  "app/(dashboard)/keys/[id]/rotate/actions": {
    ...Object.fromEntries(ROTATION_STEP_ACTIONS.map((name) => [name, () => [ID, ID, {}, form()]])),
    startRotationAction: () => [ID, {}, form()],
  },
  "app/(dashboard)/incidents/actions": {
    openIncidentAction: () => ["3commas @ cloud", {}, form()],
    advanceIncidentAction: () => [ID, {}, form()],
    cancelIncidentAction: () => [ID, {}, form()],
  },
  "app/(dashboard)/settings/scan/actions": {
    startScanAction: () => ["/tmp"],
    cancelScanAction: () => ["job-1"],
    addFromScanAction: () => [1, {}, form()],
  },
  "app/(dashboard)/keys/unmanaged/actions": {
    adoptUnmanagedAction: () => [1, {}, form()],
    deleteUnmanagedOnOkxAction: () => [1, {}, form()],
  },
};

// The change-passphrase meter answers a locked caller with no estimate at all (null) instead of the locked message.
const SILENT_WHEN_LOCKED = new Set(["estimateNewPassphrase"]);

const modules: Record<string, () => Promise<Record<string, unknown>>> = {
  "app/(dashboard)/checks/actions": () => import("@/app/(dashboard)/checks/actions"),
  "app/(dashboard)/keys/actions": () => import("@/app/(dashboard)/keys/actions"),
  "app/(dashboard)/settings/actions": () => import("@/app/(dashboard)/settings/actions"),
  "app/(dashboard)/keys/[id]/rotate/actions": () => import("@/app/(dashboard)/keys/[id]/rotate/actions"),
  "app/(dashboard)/settings/scan/actions": () => import("@/app/(dashboard)/settings/scan/actions"),
  "app/(dashboard)/keys/unmanaged/actions": () => import("@/app/(dashboard)/keys/unmanaged/actions"),
  "app/(dashboard)/incidents/actions": () => import("@/app/(dashboard)/incidents/actions"),
};

beforeEach(() => {
  touched.length = 0;
});

describe("server actions without a session", () => {
  it.each(Object.keys(modules))("%s: the table names every exported action", async (path) => {
    const mod = await modules[path]();
    const exported = Object.entries(mod)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k)
      .sort();
    expect(exported).toEqual(Object.keys(CALLS[path]).sort());
  });

  const cases = Object.entries(CALLS).flatMap(([path, calls]) => Object.entries(calls).map(([name, args]) => [path, name, args] as const));
  it.each(cases)("%s %s refuses with the locked message and touches nothing", async (path, name, args) => {
    const fn = (await modules[path]())[name] as (...a: unknown[]) => Promise<unknown>;
    let outcome: unknown;
    try {
      outcome = await fn(...args());
    } catch (e) {
      outcome = { thrown: e instanceof Error ? e.message : String(e) };
    }
    if (SILENT_WHEN_LOCKED.has(name)) expect(outcome).toBeNull();
    else expect(JSON.stringify(outcome)).toMatch(/locked/i);
    expect(JSON.stringify(outcome)).not.toMatch(/"ok":true|jobId/);
    expect(touched).toEqual([]);
  });
});

// Issue #18 item 11: an action posted by hand with something other than a form (a string, a JSON object, null, a
// number) answers with a message like any other refusal, instead of throwing before guardedForm's try (a 500).
const JUNK: unknown[] = ["x", { label: "x" }, null, 7, ["a"]];
const ALL_MODULES: Record<string, () => Promise<Record<string, unknown>>> = {
  ...modules,
  "app/unlock/actions": () => import("@/app/unlock/actions"),
  "app/setup/actions": () => import("@/app/setup/actions"),
};
const FORM_CALLS: Record<string, Record<string, () => unknown[]>> = {
  ...CALLS,
  "app/unlock/actions": { unlockAction: () => [{}, form()] },
  "app/setup/actions": { setupAction: () => [{}, form()] },
};

describe("server actions called with junk instead of a form", () => {
  const withForm = Object.entries(FORM_CALLS).flatMap(([path, calls]) =>
    Object.entries(calls)
      .filter(([, args]) => args().some((a) => a instanceof FormData))
      .map(([name, args]) => [path, name, args] as const),
  );
  it("covers every action that takes a form", () => expect(withForm.length).toBeGreaterThan(20));
  it.each(withForm)("%s %s answers with a message", async (path, name, args) => {
    const fn = (await ALL_MODULES[path]())[name] as (...a: unknown[]) => Promise<unknown>;
    for (const junk of JUNK) {
      const outcome = (await fn(...args().map((a) => (a instanceof FormData ? junk : a)))) as { ok?: boolean; message?: string };
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toMatch(/\w/);
    }
  });
});
