// OKX request signing, shared by the simulator's verifier and by tests that hand-sign raw requests.
import { createHmac } from "node:crypto";

/** Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath(with query) + body)). */
export function okxSign(secretKey: string, timestamp: string, method: string, requestPath: string, body = ""): string {
  return createHmac("sha256", secretKey)
    .update(timestamp + method.toUpperCase() + requestPath + body)
    .digest("base64");
}
