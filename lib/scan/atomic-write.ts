import "server-only";
// Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix: the new
// bytes go to a temporary file in the same folder (same file system, so rename is atomic), are fsynced, take the
// original's mode and owner, and are renamed over it; the folder is fsynced so the rename itself survives a crash.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export async function atomicReplace(file: string, data: Buffer | string, like: { mode: number; uid: number; gid: number }): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.keywarden-${randomBytes(6).toString("hex")}.tmp`);
  const fh = await fs.open(tmp, "wx", 0o600);
  try {
    await fh.writeFile(data);
    await fh.chmod(like.mode & 0o7777);
    if (process.getuid?.() === 0) await fh.chown(like.uid, like.gid);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** A new file, never over an existing one (O_EXCL), fsynced, mode 0600. */
export async function writeExclusive(file: string, data: Buffer, like: { uid: number; gid: number }): Promise<void> {
  const fh = await fs.open(file, "wx", 0o600);
  try {
    await fh.writeFile(data);
    await fh.chmod(0o600);
    if (process.getuid?.() === 0) await fh.chown(like.uid, like.gid);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await syncDir(path.dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  const d = await fs.open(dir, "r");
  try {
    await d.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic there.
  } finally {
    await d.close();
  }
}
