// Runs the scan engine on argv[2] and prints what it found and skipped (paths and reasons only). The scan test
// starts it as an unprivileged user: root reads every folder, so "unreadable" can only be seen from another uid.
import { createHash } from "node:crypto";
import { scanTree } from "@/lib/scan/scan-tree";

void scanTree([process.argv[2]], { digest: (b) => createHash("sha256").update(b).digest("hex") }).then((r) => {
  process.stdout.write(JSON.stringify({ found: r.files.map((f) => f.path), skipped: r.skipped }));
});
