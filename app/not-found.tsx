import Link from "next/link";

export default function NotFound() {
  return (
    <section className="mx-auto mt-10 max-w-xl text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-gray-600 dark:text-gray-400">There is no paper or feed page at this address.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-gray-900 px-4 py-2 text-sm font-medium text-white dark:bg-gray-100 dark:text-gray-900">
        Today&apos;s papers
      </Link>
    </section>
  );
}
