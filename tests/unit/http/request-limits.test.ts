// Issue #17: server actions refuse bodies over a documented size (README, "Limits") before reading them. The
// figure lives in lib/http/request-limits.ts and in next.config.js (which cannot import it): they must agree.
// What proxy.ts does with a body over it: tests/unit/http/action-body.test.ts.
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, ACTION_BODY_LIMIT_LABEL } from "@/lib/http/request-limits";

const config = createRequire(import.meta.url)(path.resolve(import.meta.dirname, "..", "..", "..", "next.config.js"));

describe("server action body limit", () => {
  it("next.config.js enforces the same limit proxy.ts checks", () => {
    expect(config.experimental.serverActions.bodySizeLimit).toBe(ACTION_BODY_LIMIT_LABEL);
    expect(ACTION_BODY_LIMIT_LABEL).toBe(`${ACTION_BODY_LIMIT_BYTES / 1024}kb`);
  });
});
