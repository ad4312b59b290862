// The layer rules of design.md, checked on every `npm run lint`: no import circles, lib never imports app,
// components never import app. Type-only imports count too: a circle through a type still ties two files together.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules import downward only; a circle means two files are one module in disguise.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-not-to-app",
      severity: "error",
      comment: "lib is the server-only domain layer; app (pages, actions, routes) calls it, never the other way.",
      from: { path: "^lib/" },
      to: { path: "^app/" },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment: "Components are presentational: what they need from an action comes in as a prop or from lib.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(lib/generated|\\.next|node_modules)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".cjs", ".d.ts"],
    },
  },
};
