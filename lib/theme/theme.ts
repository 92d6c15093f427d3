// The reader's colour theme: the system's (prefers-color-scheme) unless they picked light or dark
// (components/theme-switch.tsx), remembered in this browser's localStorage. Pages are the same
// bytes for everyone, so the choice cannot be rendered into them: a one-line script in <head>
// puts it on <html data-theme> before the first paint, so a dark-mode reader never sees a white
// flash. app/globals.css's `dark:` variant follows data-theme first, then the system.

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The localStorage key of the choice (absent: "system"). */
export const THEME_STORAGE_KEY = "daily-papers-theme";

/**
 * The script run before the page paints; it only ever sets data-theme to "light" or "dark".
 * The pages' Content-Security-Policy allows it by its hash (lib/http/security-headers.ts).
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
