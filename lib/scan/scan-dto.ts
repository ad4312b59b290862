// What leaves lib/scan: paths, styles, fingerprints and facts about files. Never a found value.
import type { GitState, ScanStyle, SkipReason } from "./types";

export interface ScanFileDto {
  id: number;
  path: string;
  style: ScanStyle;
  app: string;
  /** The stored key whose public key the file holds, or null (unknown key, or encrypted). */
  key: { id: string; label: string } | null;
  fingerprint: string | null;
  encrypted: boolean;
  /** The file also holds a secret key and passphrase: an unknown key can be added from it. */
  hasSecret: boolean;
  mode: number;
  git: GitState;
  findings: ScanFinding[];
}

export interface ScanFinding {
  id: "readable-by-others" | "readable-by-group" | "git-tracked" | "git-history" | "git-work-tree";
  severity: "critical" | "high" | "medium" | "low";
  text: string;
}

export interface ScanRunDto {
  id: string;
  roots: string[];
  status: "running" | "done" | "cancelled" | "failed";
  startedAt: string;
  finishedAt: string | null;
  filesSeen: number;
  skipped: { path: string; reason: SkipReason; text: string }[];
  error: string | null;
}

export interface ScanResultDto {
  run: ScanRunDto;
  files: ScanFileDto[];
  /** Stored key → the files that hold it. */
  byKey: { key: { id: string; label: string }; files: ScanFileDto[] }[];
  /** Files holding an OKX key Keywarden does not store, one entry per distinct key (fingerprint). */
  unknown: { fingerprint: string; files: ScanFileDto[] }[];
}
