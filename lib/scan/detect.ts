// Which detector reads which file, by its name; a file whose text never mentions OKX is not parsed at all, which is
// what keeps a scan of thousands of files fast.
import path from "node:path";
import { detectCompose, detectHummingbot } from "./detect-compose";
import { detectEnv } from "./detect-env";
import { detectJson, detectToml, detectYaml } from "./detect-structured";
import type { Detection } from "./types";

type Kind = "env" | "json" | "yaml" | "compose" | "toml" | "hummingbot";

/** The detector for a file name (and its path, for Hummingbot's conf/connectors/okx.yml), or null: not a config. */
export function fileKind(filePath: string): Kind | null {
  const base = path.basename(filePath);
  const lower = base.toLowerCase();
  // Keywarden's own backups and temporary files beside a written file are not the app's config.
  if (/\.keywarden-(backup-|[0-9a-f]+\.tmp$)/.test(lower)) return null;
  if (lower === ".env" || lower.startsWith(".env.") || lower.endsWith(".env")) return "env";
  if (/(^|[\\/])conf[\\/]connectors[\\/]okx\.ya?ml$/i.test(filePath)) return "hummingbot";
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/.test(lower)) return "compose";
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".yml") || lower.endsWith(".yaml")) return "yaml";
  if (lower.endsWith(".toml")) return "toml";
  return null;
}

export function detect(filePath: string, text: string): Detection[] {
  const kind = fileKind(filePath);
  if (!kind || !/okx/i.test(text)) return [];
  switch (kind) {
    case "env":
      return detectEnv(text);
    case "hummingbot":
      return detectHummingbot(text);
    case "compose":
      return detectCompose(text);
    case "json":
      return detectJson(text, path.basename(filePath));
    case "yaml": {
      // A compose file under another name still has services with environments.
      const yaml = detectYaml(text);
      return yaml.length ? yaml : detectCompose(text);
    }
    case "toml":
      return detectToml(text);
  }
}
