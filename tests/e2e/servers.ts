// Where the browser tests' servers listen: the app (started by Playwright), and the test SMTP
// server and arXiv stand-in that tests/e2e/inbox.spec.ts starts, which the app is pointed at.
export const E2E_APP_PORT = 3217;
export const E2E_SMTP_PORT = 3218;
export const E2E_ARXIV_PORT = 3219;
export const E2E_DATABASE_URL = "file:./data/e2e/papers.db";
/** Signs the app's cookies and email links; `npm run digest` in the tests must use the same. */
export const E2E_AUTH_SECRET = "e2e-only-secret-e2e-only-secret-0123456789";
