import { NextResponse } from "next/server";
import { getJob } from "@/lib/checks";
import { hasValidSession } from "@/lib/session/session";

// Progress of a background check; authorized here as well as in proxy.ts.
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await hasValidSession())) return NextResponse.json({ error: "locked" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const job = getJob((await params).id);
  if (!job) return NextResponse.json({ error: "not found" }, { status: 404 });
  const { done, total, ok, failed, ipBound, notOk, current, finished, error } = job;
  return NextResponse.json({ done, total, ok, failed, ipBound, notOk, current, finished, error }, { headers: { "Cache-Control": "no-store" } });
}
