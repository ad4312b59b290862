// A rotation's new key before its verify step: what OKX says about it is held on its page, not counted as a failure.
import { describe, expect, it } from "vitest";
import { auditKey, auditVault } from "@/lib/audit";
import { NOW, failed, makeKey, ok, policy } from "./fixtures";

describe("findings of a rotation's new key wait for the verify step", () => {
  const rejected = [failed("50113")];
  const halfMade = makeKey({ id: "new", rotation: { role: "new", awaitingVerify: true } });
  const healthy = makeKey({ id: "ok", purpose: "read" });

  it("holds them on the key and keeps them out of the posture and the top findings", () => {
    const held = auditKey(halfMade, rejected, policy(), NOW);
    expect(held.findings).toEqual([]);
    expect(held.grade).toBe("?");
    expect(held.heldFindings.map((f) => f.rule)).toContain("auth-error");
    const vault = auditVault(
      [
        { key: halfMade, checks: rejected },
        { key: healthy, checks: [ok({ perm: ["read_only"], ip: ["1.2.3.4"] })] },
      ],
      policy(),
      NOW,
    );
    expect(vault.topFindings.filter((f) => f.keyId === "new")).toEqual([]);
    expect(vault.posture.counts.high).toBe(0);
    expect(vault.posture.score).toBe(vault.keys[1].score);
  });

  it("counts them again once the new key is verified, and never holds an old key's", () => {
    for (const rotation of [
      { role: "new" as const, awaitingVerify: false },
      { role: "old" as const, awaitingVerify: true },
    ]) {
      const a = auditKey(makeKey({ id: "k", rotation }), rejected, policy(), NOW);
      expect(a.heldFindings).toEqual([]);
      expect(a.findings.map((f) => f.rule)).toContain("auth-error");
    }
  });
});
