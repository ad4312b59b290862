// The audit log in words: every event name the code writes has its own wording, details read as text (never raw
// JSON), and unknown names still show something readable.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KNOWN_EVENTS, describeEvent, detailAsText, eventsInGroup, EVENT_GROUPS } from "@/lib/event-log/event-wording";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Event names as the code writes them: `action: "key.add"`, rotation steps (`step: "verify"` → rotation.verify), `${step}-failed`. */
function eventNamesInUse(): Set<string> {
  const names = new Set<string>();
  for (const file of [...sourceFiles("lib"), ...sourceFiles("app")]) {
    if (file.startsWith(path.join("lib", "event-log"))) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/action:\s*"([a-z_]+\.[a-z_.-]+)"/g)) names.add(m[1]);
    // Names kept in a constant (DETECT_ACTION = "key.detect_entity") are written through it.
    for (const m of text.matchAll(/_ACTION\s*=\s*"([a-z_]+\.[a-z_.-]+)"/g)) names.add(m[1]);
    if (file.startsWith(path.join("lib", "rotation"))) {
      for (const m of text.matchAll(/\bstep:\s*([^,\n}]+)/g)) for (const q of m[1].matchAll(/"([a-z-]+)"/g)) names.add(`rotation.${q[1]}`);
      for (const m of text.matchAll(/recordError\([^,]+,\s*"([a-z-]+)"/g)) names.add(`rotation.${m[1]}-failed`);
    }
  }
  return names;
}

describe("audit event wording", () => {
  it("covers every event name the code writes", () => {
    const inUse = eventNamesInUse();
    // The scan itself must find the well-known ones, or it would pass by finding nothing.
    for (const n of [
      "key.add",
      "key.check",
      "vault.lock",
      "rotation.start",
      "rotation.verify",
      "rotation.consumer-unticked",
      "rotation.create-failed",
      "backup.create",
    ])
      expect(inUse).toContain(n);
    expect([...inUse].filter((n) => !KNOWN_EVENTS.includes(n))).toEqual([]);
  });

  it("puts every known event in exactly one filter group", () => {
    const grouped = EVENT_GROUPS.flatMap((g) => eventsInGroup(g));
    expect([...grouped].sort()).toEqual([...KNOWN_EVENTS].sort());
  });

  it("describes details as sentences, never JSON", () => {
    expect(describeEvent("vault.lock", { reason: "idle" })).toMatchObject({ title: "Vault locked", text: "Locked automatically after the idle time." });
    expect(describeEvent("key.check", { outcome: "ip_blocked", code: "50110", uid: "448203315678901", perm: null, latencyMs: 12 }).text).toBe(
      "bound to other IPs (expected from this machine) (code 50110) · UID 448203315678901",
    );
    expect(describeEvent("key.check", { outcome: "ok", code: "0", perm: ["read_only", "trade"] }).text).toBe("OKX answered · permissions Read + Trade");
    expect(describeEvent("settings.idle-timeout", { minutes: 1 }).text).toBe("Locks after 1 idle minute.");
    expect(describeEvent("key.check_all", { total: 3, ok: 1, failed: 2, ipBound: 1, durationMs: 1500 }).text).toBe(
      "3 keys: 1 answered, 1 bound to other IPs (expected), 1 failed (1.5 s).",
    );
    expect(describeEvent("key.edit", { changed: ["label", "usedBy"], previousLabel: "old" }).text).toBe("Changed: label, consumers. Previous label: “old”.");
    for (const name of KNOWN_EVENTS) {
      const w = describeEvent(name, { rotationId: "r1", mode: "guided", from: "planned", to: "verified", code: "50111", fingerprint: "a1b2…9f0e", keys: 3 });
      expect(w.title).not.toBe(name);
      expect(w.text).not.toMatch(/[{}]|"\w+":/);
      expect(w.text).not.toContain("rotationId");
    }
  });

  it("shows unknown events by name with their fields as text", () => {
    expect(describeEvent("future.thing", { someField: 2, ok: true, nested: { a: 1 } })).toEqual({
      title: "future.thing",
      text: "some field: 2 · ok: yes",
      group: null,
    });
    expect(detailAsText({ rotationId: "x", checkId: 3 })).toBe("");
  });
});
