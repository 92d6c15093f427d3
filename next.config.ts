import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The project folder is the root even when a lockfile sits in a parent folder.
  turbopack: { root: import.meta.dirname },
  poweredByHeader: false,
};

export default nextConfig;
