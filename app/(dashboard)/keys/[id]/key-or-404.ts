import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors/app-error";
import { getKey } from "@/lib/keys/key-store";
import type { KeyDto } from "@/lib/keys/key-dto";

/** The key a /keys/[id]/… page is about; an id that names no key renders the Not found page, not the error page. */
export function keyOr404(id: string): Promise<KeyDto> {
  return orNotFound(getKey(id));
}

/** A page's data, or the Not found page when what it is about does not exist (NotFoundError). */
export function orNotFound<T>(data: Promise<T>): Promise<T> {
  return data.catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
}
