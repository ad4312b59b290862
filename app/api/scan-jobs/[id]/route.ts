import { NextResponse } from "next/server";
import { getScanJob } from "@/lib/scan";
import { hasValidSession } from "@/lib/session/session";

// Progress of a background scan (counts and the file being read; never a found value). Authorized here as well as in proxy.ts.
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const headers = { "Cache-Control": "no-store" };
  if (!(await hasValidSession())) return NextResponse.json({ error: "locked" }, { status: 401, headers });
  const job = getScanJob((await params).id);
  if (!job) return NextResponse.json({ error: "not found" }, { status: 404, headers });
  const { filesSeen, candidates, found, current, finished, cancelled, error } = job;
  return NextResponse.json({ filesSeen, candidates, found, current, finished, cancelled, error }, { headers });
}
