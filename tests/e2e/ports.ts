export const E2E_APP_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SIM_PORT = E2E_APP_PORT + 80;
export const E2E_CONTROL_PORT = E2E_APP_PORT + 90;
