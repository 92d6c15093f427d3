"use client";

import type { ReactNode } from "react";
import { useViewer } from "./viewer-provider";

/** Shown once the viewer answer says an admin is looking; nothing for anyone else (and nothing in the shared HTML). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  return viewer.known && viewer.user?.isAdmin ? children : null;
}
