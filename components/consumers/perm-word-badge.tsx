import type { TopPerm } from "@/lib/consumers/danger";
import { topPermWord } from "@/lib/consumers/danger";

const CLASS: Record<TopPerm, string> = {
  read_only: "border-zinc-400 text-zinc-800 dark:border-zinc-500 dark:text-zinc-200",
  trade: "border-sky-600 text-sky-900 dark:border-sky-400 dark:text-sky-200",
  withdraw: "border-red-600 text-red-800 dark:border-red-400 dark:text-red-300",
  unknown: "border-amber-600 text-amber-900 dark:border-amber-400 dark:text-amber-200",
};

/** The most dangerous permission a consumer holds, as one badge. */
export function TopPermBadge({ perm }: { perm: TopPerm }) {
  return <span className={`rounded border px-1.5 text-xs ${CLASS[perm]}`}>{topPermWord(perm)}</span>;
}
