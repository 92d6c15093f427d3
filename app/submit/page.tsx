import { redirect } from "next/navigation";
import { SubmitForm } from "@/components/submit-form";
import { normalizeArxivId } from "@/lib/papers/identity";
import { currentUser } from "../_session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Submit a paper" };

/** Curated "by AK and the research community": a signed-in person adds an arXiv paper to today's feed. */
export default async function SubmitPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // ?id= (from a missing paper's page) fills in the form, when it is an arXiv id.
  const { id } = await searchParams;
  const arxivId = typeof id === "string" ? normalizeArxivId(id) : null;
  const here = arxivId ? `/submit?${new URLSearchParams({ id: arxivId })}` : "/submit";
  if (!(await currentUser())) redirect(`/sign-in?${new URLSearchParams({ next: here })}`);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Submit a paper</h1>
        <p className="mt-2 text-gray-600 dark:text-gray-400">
          Found something worth reading? Paste its arXiv id or link. We fetch the title, authors and abstract from arXiv and put it in today’s papers with your
          name.
        </p>
      </div>
      <SubmitForm initialInput={arxivId ?? ""} />
    </div>
  );
}
