// Lint: TypeScript's recommended rules and React's hooks rules (the hooks rules catch state
// copied from props, effects that set state, hooks called conditionally). Formatting is
// Prettier's job (`npm run format`), not the linter's.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["lib/generated/**", ".next/**", "data/**", "test-results/**", "playwright-report/**", "bench/.work/**", "next-env.d.ts"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat["recommended-latest"] ?? reactHooks.configs.flat.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Input is cleaned of control characters on purpose (ingest, account fields, search): those
      // regular expressions name them.
      "no-control-regex": "off",
      // `_name` marks a parameter or binding kept on purpose (a signature, a rest omission).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
);
