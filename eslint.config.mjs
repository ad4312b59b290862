// Next's own rules (core web vitals, React hooks, jsx-a11y, import) and typescript-eslint's recommended set.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A leading underscore marks a parameter a signature needs but the body does not.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // lib/domain is the vocabulary components, the pure audit engine and the server all share, so it imports nothing
    // outside itself: no server-only, no Prisma, no I/O. (dependency-cruiser does not see npm packages or lib/generated.)
    files: ["lib/domain/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ regex: "^(?!\\./)", message: "lib/domain imports only its own files." }] }] },
  },
  {
    // Tests and benches are not React: their useFreshDataDir and friends are helpers, not hooks.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    "data/**",
    "data-demo/**",
    "screenshots/**",
    "test-results/**",
    "playwright-report/**",
    ".tmp/**",
  ]),
]);
