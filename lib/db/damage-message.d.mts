import type { DatabaseDamage } from "./database-health.mjs";
/** The one message every surface shows (start.mjs, the CLI, actions); the dashboard page lays out the same facts. */
export function damageMessage(d: DatabaseDamage): string;
