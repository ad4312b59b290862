// The IP allowlist typed on the automated create step.
import { z } from "zod";
import { ValidationError } from "@/lib/errors/app-error";

// What OKX's IP allowlist takes: addresses, or ranges in CIDR form. zod checks each octet and group.
const ipEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/** "1.2.3.4, 5.6.7.8" or one per line → a clean list; bad entries are refused with the field message. */
export function parseIpList(raw: string, required: boolean): string[] {
  const ips = [
    ...new Set(
      raw
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const bad = ips.filter((ip) => !ipEntry.safeParse(ip).success);
  if (bad.length) throw new ValidationError({ ips: [`Not an IP address: ${bad.join(", ")}.`] });
  if (ips.length > 20) throw new ValidationError({ ips: ["OKX binds at most 20 IP addresses to a key."] });
  if (required && ips.length === 0) throw new ValidationError({ ips: ["A key that can trade must be bound to at least one IP address."] });
  return ips;
}
