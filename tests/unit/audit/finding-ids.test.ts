// DOM ids / React keys of finding cards: unique even when one key has several findings of one rule.
import { describe, expect, it } from "vitest";
import { findingIds } from "@/components/audit/finding-ids";
import type { Finding } from "@/lib/audit";

const f = (keyId: string, rule: Finding["rule"], title: string = rule): Finding => ({
  rule,
  keyId,
  title,
  severity: "medium",
  why: "",
  fix: [],
  evidence: { detail: "" },
});

describe("findingIds", () => {
  it("suffixes the 2nd and 3rd finding of one key and rule, and keeps the first id as before", () => {
    const ids = findingIds([f("k1", "drift", "perm"), f("k1", "age"), f("k1", "drift", "ip"), f("k2", "drift"), f("k1", "drift", "label")]);
    expect(ids).toEqual(["f-k1-drift", "f-k1-age", "f-k1-drift-2", "f-k2-drift", "f-k1-drift-3"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is stable: the same findings give the same ids", () => {
    const list = [f("k1", "shared-key", "stored twice"), f("k1", "shared-key", "3 consumers")];
    expect(findingIds(list)).toEqual(findingIds(list));
    expect(findingIds([])).toEqual([]);
  });
});
