import type { NextConfig } from "next";
import { readEnv } from "./lib/env";
import { isHttpsAppUrl, securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The project folder is the root even when a lockfile sits in a parent folder.
  turbopack: { root: import.meta.dirname },
  poweredByHeader: false,
  // Every response, including what the proxy never sees (static files, /api/daily_papers, its
  // 404s): the security headers with the resource policy; proxy.ts replaces the policy on pages.
  // Next.js evaluates this at build time, so HSTS here follows the APP_URL of the build (pages
  // get it from the proxy, which reads APP_URL when the server runs).
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ https: isHttpsAppUrl(readEnv().APP_URL) }) }];
  },
};

export default nextConfig;
