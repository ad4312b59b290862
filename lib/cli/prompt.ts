// Terminal input without echo, for the master passphrase and secrets. Only used when stdin is a TTY.
import { AppError } from "@/lib/errors/app-error";

export class InterruptedError extends AppError {
  constructor() {
    super("Cancelled.", "interrupted");
  }
}

export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    // Raw mode before the question, so that from the moment it is visible Ctrl-C arrives as 0x03 (Cancelled, 130)
    // and the tty echoes nothing, not even a key pressed right after the question appears.
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.resume();
    process.stderr.write(question);
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    function onData(chunk: string) {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          finish();
          reject(new InterruptedError());
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    }
    stdin.on("data", onData);
  });
}

export function stdinIsTty(): boolean {
  return process.stdin.isTTY === true;
}

export async function readAllStdin(maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > maxBytes) throw new AppError(`stdin is larger than ${maxBytes / 1024} KiB; expected one small JSON object.`, "invalid-input");
    chunks.push(b);
  }
  try {
    // Fatal: Buffer's toString would turn broken bytes into U+FFFD silently, and a secret would be stored altered.
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("stdin is not valid UTF-8. Nothing was stored.", "invalid-input");
  }
}
