// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole repository (tests included) with `tsc --noEmit` first; repeating it in
  // every build only slows `npm start` down.
  typescript: { ignoreBuildErrors: true },
  // Native modules stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3"],
  experimental: {
    serverActions: { bodySizeLimit: "64kb" },
    // Every request passes proxy.ts, which would cut bodies at 10 MB: restore uploads may be up to the
    // MAX_UPLOAD_BYTES (100 MB) of lib/backup/upload-limit.ts, plus their multipart envelope.
    proxyClientMaxBodySize: "101mb",
  },
};

module.exports = nextConfig;
