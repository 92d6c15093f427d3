// GET /api/viewer — in production the worker answers it before Next.js sees it (lib/viewer/viewer-response.ts).
export { viewerResponse as GET } from "@/lib/viewer/viewer-response";
