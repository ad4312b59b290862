// How the tests and the bench start Debian's chromium: no sandbox (CI runs as root), no GPU, and none of the
// background traffic a sandboxed machine with only the npm registry reachable would wait on.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
