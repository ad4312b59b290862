"use client";
// "Unlock" that comes back here: the vault locked itself (idle time) while this page was open.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { unlockHref } from "@/lib/http/safe-next";

export function UnlockLink({ className }: { className?: string }) {
  const path = usePathname();
  const search = useSearchParams().toString();
  return (
    <Link href={unlockHref(`${path}${search ? `?${search}` : ""}`)} className={className ?? "font-medium underline"}>
      Unlock and come back to this page
    </Link>
  );
}
