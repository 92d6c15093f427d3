import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The page an email link opens before anything has happened: what the button does, and the
 * button. It is a form post, so following the link (as mail scanners and link previews do)
 * changes nothing; it works without JavaScript.
 */
export function LinkAction({ title, children, action, token, button }: { title: string; children: ReactNode; action: string; token?: string; button: string }) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      <form method="post" action={action} className="space-y-4 rounded-lg border border-gray-200 p-4 dark:border-gray-800">
        <p>{children}</p>
        {token !== undefined && <input type="hidden" name="token" value={token} />}
        <button
          type="submit"
          className="rounded-md bg-amber-500 px-4 py-2 font-semibold text-gray-950 hover:bg-amber-400 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          {button}
        </button>
      </form>
      <Link href="/" className="inline-block text-sm hover:underline">
        ← Today’s papers
      </Link>
    </div>
  );
}
