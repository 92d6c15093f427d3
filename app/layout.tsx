import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "katex/dist/katex.min.css";
import "./globals.css";
import { SiteHeader } from "@/components/site-header";
import { ViewerProvider } from "@/components/viewer/viewer-provider";
import { THEME_SCRIPT } from "@/lib/theme/theme";

export const metadata: Metadata = {
  title: { default: "Daily Papers", template: "%s · Daily Papers" },
  description: "The day's research papers, ranked by the community.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f19" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry the nonce of that response's
  // Content-Security-Policy (proxy.ts), which a page prerendered at build time could not know.
  // The same for every reader, whoever asks (the response cache shares it): who is looking is
  // asked by the page's islands (components/viewer/).
  await connection();
  return (
    // The theme script sets data-theme on <html> before React hydrates it; that one attribute may differ.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* The reader's theme before the first paint (lib/theme/theme.ts); the page policy allows it by its hash. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white font-sans text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">
        <a
          href="#content"
          className="sr-only rounded-md bg-amber-500 px-3 py-2 text-sm font-medium text-gray-950 focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:z-50"
        >
          Skip to content
        </a>
        <ViewerProvider>
          <SiteHeader />
          <main id="content" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 pb-16 pt-6 outline-none sm:px-6">
            {children}
          </main>
        </ViewerProvider>
      </body>
    </html>
  );
}
