import type { Metadata } from "next";
import { headers } from "next/headers";
import { databaseDamage } from "@/lib/db/client";
import { DatabaseDamaged } from "@/components/database-damaged";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keywarden", template: "%s · Keywarden" },
  description: "OKX API-key hygiene and permission audit, on your own machine.",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the headers makes every page dynamic, so each response gets its own CSP nonce.
  await headers();
  // Every page needs the database; a damaged file gets one explanation instead of any of them.
  const damage = await databaseDamage();
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
        >
          Skip to content
        </a>
        {damage ? <DatabaseDamaged damage={damage} /> : children}
      </body>
    </html>
  );
}
