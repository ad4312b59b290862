// First line of defence for every request (authorization is repeated inside each action and handler):
// DNS-rebinding guard on Host, cross-site guard on state-changing requests, and the security headers.
import { NextResponse, type NextRequest } from "next/server";
import { isAllowedHost, isSameOriginWrite, securityHeaders } from "@/lib/http/request-guards";
import { PATH_HEADER } from "@/lib/http/safe-next";
import { actionBodyRefusal, isActionRequest, isDecodablePath } from "@/lib/http/action-body";

export async function proxy(request: NextRequest) {
  const port = process.env.PORT ?? "3000";
  if (!isAllowedHost(request.headers.get("host"), port)) {
    return new NextResponse("Keywarden only answers on 127.0.0.1 or localhost.", { status: 421 });
  }
  if (!isSameOriginWrite(request.method, request.headers, port)) {
    return new NextResponse("Cross-site request refused.", { status: 403 });
  }
  // A cut percent-escape ("/api/check-jobs/%C") made Next's router answer 500 (found by issue 17's fuzzing).
  if (!isDecodablePath(request.nextUrl.pathname)) {
    return new NextResponse("Bad request: the address is not valid.", { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  if (isActionRequest(request.method, request.nextUrl.pathname)) {
    const refusal = await actionBodyRefusal(request.clone());
    if (refusal)
      return new NextResponse(refusal.message, {
        status: refusal.status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders(nonce, process.env.NODE_ENV !== "production");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Pages cannot see their own URL; requirePageSession reads it here to send a locked user back after unlock.
  // (_rsc is Next's cache-busting parameter of client navigations, not part of the page's address.)
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  requestHeaders.set(PATH_HEADER, `${request.nextUrl.pathname}${search.size ? `?${search}` : ""}`);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

// Only Next's own build assets skip the guard (they are the same for everyone and must stay cacheable). The
// prefixes end in "/" or at the end of the path, so "/favicon.icox" or "/_next/static-x" are guarded like any page.
export const config = {
  matcher: [{ source: "/((?!_next/static/|_next/image$|favicon\\.ico$).*)" }],
};
