// The look of the header's links (a module of its own: a client module's exports other than
// components do not reach server components).

/** A text link in the header bar. */
export const navLink = "inline-flex items-center rounded-md px-2 py-1 text-sm text-gray-700 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-800";

/** A row of a menu panel (the phone menu, the account menu): a full-width target, 40 px tall. */
export const menuLink = "flex min-h-10 items-center rounded-md px-3 text-sm text-gray-800 hover:bg-gray-100 dark:text-gray-200 dark:hover:bg-gray-800";
