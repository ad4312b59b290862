import "server-only";
// The one way a dashboard page starts. Each page checks the session itself: Next renders layout and page in
// parallel, so the layout's redirect alone would not stop this page's data from streaming into the response.
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors/app-error";
import { requirePageSession } from "./session";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A page that needs an unlocked vault: the session is checked before anything loads, the route's params and query
 * arrive awaited, and a NotFoundError from what the page loads (a key, an incident) renders the Not found page
 * instead of the error page, on every [id] page alike.
 */
export function sessionPage<P extends Record<string, string> = Record<string, never>, S = SearchParams>(
  render: (route: { params: P; searchParams: S }) => Promise<ReactNode>,
) {
  return async function SessionPage(props: { params: Promise<P>; searchParams: Promise<S> }): Promise<ReactNode> {
    await requirePageSession();
    const [params, searchParams] = await Promise.all([props.params, props.searchParams]);
    try {
      return await render({ params, searchParams });
    } catch (e) {
      if (e instanceof NotFoundError) notFound();
      throw e;
    }
  };
}
