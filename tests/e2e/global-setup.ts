// Nothing to do here: playwright.config.ts's webServer runs tests/e2e/serve.ts, which starts the OKX simulator
// (seed tests/okx-sim/seeds/demo-fleet.json) and the app. Specs control the simulator via ./sim-control.ts.
export default async function globalSetup() {}
