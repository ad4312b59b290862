export const E2E_APP_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SIM_PORT = E2E_APP_PORT + 80;
export const E2E_CONTROL_PORT = E2E_APP_PORT + 90;
// Per-port scratch space, so two e2e runs on different ports never share (or wipe) each other's data.
export const E2E_DATA_DIR = `.tmp/e2e-${E2E_APP_PORT}/data`;
export const E2E_SERVER_LOG = `.tmp/e2e-${E2E_APP_PORT}/server.log`;
