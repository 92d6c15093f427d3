import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";

// The HTTP surface scripts use: better-auth's sign-up/sign-in routes and the upvote and hide
// endpoints, against the real server.
const PAPER = "vidla-video-language-alignment-at-scale";

async function signUp(request: APIRequestContext, email = `api-${randomUUID()}@example.org`) {
  const response = await request.post("/api/auth/sign-up/email", { data: { email, password: "correct horse battery", name: "API Reader" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["set-cookie"]).toMatch(/better-auth\.session_token=.*HttpOnly/i);
  return email;
}

test("sign up, then upvote over HTTP idempotently, and take it back", async ({ request }) => {
  await signUp(request);
  const before = (await (await request.get(`/api/papers/${PAPER}`)).json()).upvotes;
  const first = await request.post(`/api/papers/${PAPER}/upvote`);
  expect(await first.json()).toEqual({ upvotes: before + 1, upvoted: true });
  expect(await (await request.post(`/api/papers/${PAPER}/upvote`)).json()).toEqual({ upvotes: before + 1, upvoted: true });
  expect((await (await request.get(`/api/papers/${PAPER}`)).json()).upvotes).toBe(before + 1);
  expect(await (await request.delete(`/api/papers/${PAPER}/upvote`)).json()).toEqual({ upvotes: before, upvoted: false });
});

test("sign in with the same account from a fresh client", async ({ playwright, baseURL }) => {
  const first = await playwright.request.newContext({ baseURL });
  const email = await signUp(first);
  const second = await playwright.request.newContext({ baseURL });
  expect((await second.post("/api/auth/sign-in/email", { data: { email, password: "wrong password!" } })).status()).toBe(401);
  expect((await second.post("/api/auth/sign-in/email", { data: { email, password: "correct horse battery" } })).status()).toBe(200);
  expect((await second.post(`/api/papers/${PAPER}/upvote`)).status()).toBe(200);
  await second.delete(`/api/papers/${PAPER}/upvote`);
  await Promise.all([first.dispose(), second.dispose()]);
});

test("refuses anonymous and cross-site mutations, and admin actions from a normal account", async ({ request, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const method of ["post", "delete"] as const) {
    const response = await anonymous[method](`/api/papers/${PAPER}/upvote`);
    expect(response.status()).toBe(401);
    expect((await response.json()).error).toBe("Sign in first.");
  }
  await anonymous.dispose();

  await signUp(request);
  const crossSite = await request.post(`/api/papers/${PAPER}/upvote`, { headers: { origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  expect((await request.post(`/api/papers/${PAPER}/upvote`, { headers: { "sec-fetch-site": "cross-site" } })).status()).toBe(403);
  const hide = await request.post(`/api/papers/${PAPER}/hidden`);
  expect(hide.status()).toBe(403);
  expect((await hide.json()).error).toBe("Only admins can hide papers.");
  expect((await request.post("/api/papers/9999.99999/upvote")).status()).toBe(404);
});

test("rate limits repeated sign-in attempts", async ({ request }) => {
  // A client address of its own for this test (only a header), so the limit hits no other test.
  const headers = { "x-forwarded-for": "198.51.100.77" };
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 12; attempt++) {
    const response = await request.post("/api/auth/sign-in/email", { headers, data: { email: "nobody@example.org", password: "not the password" } });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
});
