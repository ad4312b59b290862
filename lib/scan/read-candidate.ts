import "server-only";
// Reads one candidate file read-only, once: its stat, bytes and text. Too large, binary and unreadable files are
// refused here with the reason the scan notes.
import fs from "node:fs/promises";
import type { SkipReason } from "./types";

export const MAX_FILE_BYTES = 1024 * 1024;

export interface ReadFile {
  text: string;
  bytes: Buffer;
  mode: number;
  size: number;
  mtimeMs: number;
}

export async function readCandidate(file: string, maxBytes = MAX_FILE_BYTES): Promise<ReadFile | { skip: SkipReason }> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, "r");
  } catch {
    return { skip: "unreadable-file" };
  }
  try {
    const st = await fh.stat();
    if (st.size > maxBytes) return { skip: "too-large" };
    const bytes = await fh.readFile();
    if (bytes.subarray(0, 8192).includes(0)) return { skip: "binary" };
    return { text: bytes.toString("utf8"), bytes, mode: st.mode & 0o7777, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return { skip: "unreadable-file" };
  } finally {
    await fh.close();
  }
}
