// Child process for the SIGKILL test: replaces argv[2] over and over with one of two large contents, atomically.
// The parent kills it at a random moment and checks the file is exactly one of the two, never a mix.
import fs from "node:fs";
import { atomicReplace } from "@/lib/scan/atomic-write";

const file = process.argv[2];
const a = Buffer.alloc(8 * 1024 * 1024, "A");
const b = Buffer.alloc(8 * 1024 * 1024, "B");
const like = { mode: 0o640, uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
let i = 0;
const loop = async () => {
  for (;;) {
    await atomicReplace(file, i++ % 2 ? a : b, like);
    if (i === 1) fs.writeFileSync(`${file}.started`, "1");
  }
};
void loop();
