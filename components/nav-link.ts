/** The look of the header's text links (a module of its own: a client module's exports other than components do not reach server components). */
export const navLink = "rounded-md px-2 py-1 text-sm text-gray-600 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-900";
