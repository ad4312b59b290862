// Plain data the scan passes between its parts. A Detection holds found values only in memory, for matching and
// write-back within one request: they are never returned to a page, logged or stored.

export const SCAN_STYLES = ["dotenv", "freqtrade", "ccxt-json", "ccxt-yaml", "ccxt-toml", "compose", "hummingbot"] as const;
export type ScanStyle = (typeof SCAN_STYLES)[number];

export const STYLE_LABELS: Record<ScanStyle, string> = {
  dotenv: ".env file",
  freqtrade: "freqtrade config",
  "ccxt-json": "ccxt-style JSON",
  "ccxt-yaml": "ccxt-style YAML",
  "ccxt-toml": "ccxt-style TOML",
  compose: "docker-compose environment",
  hummingbot: "Hummingbot connector (encrypted)",
};

export type CredField = "apiKey" | "secretKey" | "passphrase";

/** Where one value sits in the file's text, and how a replacement is written in the same style. */
export interface ValueSpan {
  field: CredField;
  start: number;
  end: number;
  encode: (value: string) => string;
}

export interface Detection {
  style: ScanStyle;
  apiKey: string | null;
  secretKey: string | null;
  passphrase: string | null;
  /** Hummingbot keeps its values encrypted: the file is an OKX consumer, but no key can be matched. */
  encrypted: boolean;
  spans: ValueSpan[];
}

export type SkipReason = "symlink-outside" | "symlink-loop" | "too-large" | "binary" | "unreadable-folder" | "unreadable-file" | "not-a-folder";

export const SKIP_WORDING: Record<SkipReason, string> = {
  "symlink-outside": "symbolic link leading outside the chosen folders: not followed",
  "symlink-loop": "symbolic link loop: not followed again",
  "too-large": "larger than the size limit: not read",
  binary: "binary file: not read",
  "unreadable-folder": "folder cannot be read (permissions)",
  "unreadable-file": "file cannot be read (permissions)",
  "not-a-folder": "not a folder, or does not exist",
};

export interface SkipNote {
  path: string;
  reason: SkipReason;
}

export type GitState = "none" | "untracked" | "ignored" | "tracked" | "history" | "unknown";
