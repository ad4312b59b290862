// One wording for "is the key IP-bound?", shared by the pages, the exports and the CLI, so none of them can turn
// "OKX refused this machine's IP" (50110: bound, to IPs we cannot see) into "no".
import type { IpBinding } from "./types";

export const IP_BINDING_WORDS: Readonly<Record<IpBinding, string>> = {
  bound: "yes",
  none: "no",
  elsewhere: "bound to other IPs",
  unknown: "unknown",
};

/** "yes (203.0.113.7, …)" with the IPs when they are known, else the plain word. */
export function describeIpBinding(binding: IpBinding, ip: readonly string[] | null): string {
  return binding === "bound" && ip && ip.length > 0 ? `yes (${ip.join(", ")})` : IP_BINDING_WORDS[binding];
}
