import { describe, expect, it, vi } from "vitest";
import { authFormPath, KEPT_FIELDS_COOKIE, nextAfterAuth, readKeptFields, submitAuthForm, type AuthMode } from "../../lib/http/auth-form";
import { MAX_FORM_BYTES, readFormBody } from "../../lib/http/form-body";

const SITE = "http://papers.example.org";
const PASSWORD = "correct horse battery";

/** A form post as a browser sends it from the site's own page. */
function formPost(mode: AuthMode, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${SITE}/api/session/${mode}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: SITE,
      host: "papers.example.org",
      "sec-fetch-site": "same-origin",
      "sec-fetch-mode": "navigate",
      cookie: "theme=dark",
      "x-daily-papers-client-ip": "198.51.100.7",
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The accounts API, answering `status` with `body` (and a session cookie on success). */
function accountsApi(status: number, body: unknown = {}) {
  return vi.fn(async (_request: Request) => {
    const headers = new Headers({ "content-type": "application/json" });
    if (status === 200) {
      headers.append("set-cookie", "better-auth.session_token=abc; Path=/; HttpOnly; SameSite=Lax");
      headers.append("set-cookie", "better-auth.session_data=def; Path=/; HttpOnly; SameSite=Lax");
    }
    return new Response(JSON.stringify(body), { status, headers });
  });
}

const submit = (mode: AuthMode, request: Request, send: ReturnType<typeof accountsApi>, castUpvote = vi.fn(async () => {})) =>
  submitAuthForm({ request, mode, send, secureCookies: false, castUpvote });
const keptCookie = (response: Response) => response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${KEPT_FIELDS_COOKIE}=`)) ?? "";

describe("submitAuthForm", () => {
  it("signs in: the accounts API gets the JSON request with the browser's headers, the answer is a 303 on to next with its cookies", async () => {
    const send = accountsApi(200, { token: "abc" });
    const response = await submit("sign-in", formPost("sign-in", { email: " ada@example.org ", password: PASSWORD, next: "/papers/2312.00752?x=1#c" }), send);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/papers/2312.00752?x=1#c");
    expect(response.headers.getSetCookie()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^better-auth\.session_token=abc/), expect.stringMatching(/^better-auth\.session_data=def/)]),
    );
    expect(keptCookie(response)).toMatch(/Max-Age=0/);

    const forwarded = send.mock.calls[0]![0];
    expect(forwarded.method).toBe("POST");
    expect(new URL(forwarded.url).pathname).toBe("/api/auth/sign-in/email");
    expect(forwarded.headers.get("content-type")).toBe("application/json");
    for (const header of ["origin", "host", "cookie", "sec-fetch-site", "x-daily-papers-client-ip"]) expect(forwarded.headers.get(header)).toBeTruthy();
    expect(await forwarded.json()).toEqual({ email: "ada@example.org", password: PASSWORD });
  });

  it("signs up with the name too", async () => {
    const send = accountsApi(200);
    const response = await submit("sign-up", formPost("sign-up", { name: "Ada", email: "ada@example.org", password: PASSWORD, next: "/submit" }), send);
    expect(response.headers.get("location")).toBe("/submit");
    expect(await send.mock.calls[0]![0].json()).toEqual({ name: "Ada", email: "ada@example.org", password: PASSWORD });
  });

  it("goes back to the form with a code, never with what was typed in the address; the email is kept in a short cookie", async () => {
    const send = accountsApi(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
    const response = await submit("sign-in", formPost("sign-in", { email: "ada@example.org", password: PASSWORD, next: "/papers/x" }), send);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toBe("/sign-in?error=credentials&next=%2Fpapers%2Fx");
    expect(location).not.toMatch(/ada|password|horse/i);
    const cookie = keptCookie(response);
    expect(cookie).toMatch(/Path=\/sign-in; Max-Age=300; HttpOnly; SameSite=Lax/);
    expect(cookie).not.toContain("horse");
    expect(readKeptFields(cookie.split(";")[0]!.split("=")[1])).toEqual({ email: "ada@example.org" });
    expect(Buffer.from(cookie.split(";")[0]!.split("=")[1]!, "base64url").toString()).not.toContain(PASSWORD);
  });

  it.each([
    [422, { code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" }, "exists"],
    [400, { code: "INVALID_EMAIL" }, "email"],
    [400, { code: "PASSWORD_TOO_SHORT" }, "password-short"],
    [400, { code: "PASSWORD_TOO_LONG" }, "password-long"],
    [400, { code: "INVALID_ACCOUNT_FIELD" }, "name"],
    [429, { error: "Too many sign-ups" }, "too-many"],
    [403, { code: "INVALID_ORIGIN" }, "refused"],
    [500, {}, "failed"],
  ])("an answer %i %j is error=%s", async (status, body, code) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await submit("sign-up", formPost("sign-up", { name: "Ada", email: "ada@example.org", password: PASSWORD }), accountsApi(status, body));
    expect(response.headers.get("location")).toBe(`/sign-up?error=${code}`);
  });

  it("refuses to send anyone to another site, or back to a sign-in page", async () => {
    for (const next of [
      "/\t/evil.example",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "/sign-in?next=/sign-in",
      "/sign-up",
    ]) {
      const response = await submit("sign-in", formPost("sign-in", { email: "ada@example.org", password: PASSWORD, next }), accountsApi(200));
      expect(response.headers.get("location")).toBe("/");
    }
  });

  it("asks for missing fields without calling the accounts API", async () => {
    const send = accountsApi(200);
    const response = await submit("sign-up", formPost("sign-up", { email: "ada@example.org", password: PASSWORD, name: "  " }), send);
    expect(response.headers.get("location")).toBe("/sign-up?error=missing");
    expect(send).not.toHaveBeenCalled();
  });

  it("refuses a post from another site, a body over 16 KB and a body that is not a form, without calling the accounts API", async () => {
    const send = accountsApi(200);
    const fields = { email: "ada@example.org", password: PASSWORD };
    expect((await submit("sign-in", formPost("sign-in", fields, { "sec-fetch-site": "cross-site", origin: "https://evil.example" }), send)).status).toBe(403);
    expect((await submit("sign-in", formPost("sign-in", fields, { origin: "https://evil.example", "sec-fetch-site": "" }), send)).status).toBe(403);
    expect((await submit("sign-in", formPost("sign-in", { ...fields, padding: "x".repeat(MAX_FORM_BYTES) }), send)).status).toBe(413);
    expect((await submit("sign-in", formPost("sign-in", fields, { "content-type": "application/json" }), send)).status).toBe(415);
    expect(send).not.toHaveBeenCalled();
  });
});

describe("readFormBody", () => {
  const streamed = (size: number) => {
    const chunk = new TextEncoder().encode("a".repeat(1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= size) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    return new Request(`${SITE}/x`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, duplex: "half" } as RequestInit);
  };

  it("stops reading a body without Content-Length once it passes the cap", async () => {
    await expect(readFormBody(streamed(1024 * 1024))).rejects.toMatchObject({ status: 413 });
    expect([...(await readFormBody(streamed(8 * 1024))).keys()]).toEqual(["a".repeat(8 * 1024)]);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const request = new Request(`${SITE}/x`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8", "content-length": "999999" },
      body: "a=1",
    });
    await expect(readFormBody(request)).rejects.toMatchObject({ status: 413 });
  });

  it("reads the fields of a form, UTF-8 included", async () => {
    const request = new Request(`${SITE}/x`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: "name=Ad%C3%A1+L&x=%26",
    });
    const form = await readFormBody(request);
    expect(form.get("name")).toBe("Adá L");
    expect(form.get("x")).toBe("&");
  });
});

describe("the form's helpers", () => {
  it("nextAfterAuth keeps this site's paths, except the sign-in pages", () => {
    expect(nextAfterAuth("/papers/2312.00752?x=1#c")).toBe("/papers/2312.00752?x=1#c");
    expect(nextAfterAuth("/sign-in")).toBe("/");
    expect(nextAfterAuth("/sign-up?next=%2Fsubmit")).toBe("/");
    expect(nextAfterAuth("/sign-insights")).toBe("/sign-insights");
  });

  it("authFormPath carries only a known code and the next path", () => {
    expect(authFormPath("sign-in", { next: "/" })).toBe("/sign-in");
    expect(authFormPath("sign-up", { next: "/a?b=1", error: "exists" })).toBe("/sign-up?error=exists&next=%2Fa%3Fb%3D1");
  });

  it("readKeptFields ignores anything that is not what the form wrote", () => {
    expect(readKeptFields(undefined)).toEqual({});
    expect(readKeptFields("%%%")).toEqual({});
    expect(readKeptFields(Buffer.from("[1,2]").toString("base64url"))).toEqual({});
    expect(readKeptFields(Buffer.from('{"email":3,"name":"Ada","password":"x"}').toString("base64url"))).toEqual({ name: "Ada" });
  });
});

describe("an upvote clicked while signed out, carried through the form", () => {
  it("is cast for the account the accounts API answered with, then the reader goes on to next", async () => {
    for (const mode of ["sign-in", "sign-up"] as const) {
      const castUpvote = vi.fn(async () => {});
      const fields = { name: "Ada", email: "ada@example.org", password: PASSWORD, next: "/papers/date/2025-12-12#paper-2312.00752", upvote: "2312.00752" };
      const response = await submit(mode, formPost(mode, fields), accountsApi(200, { token: "abc", user: { id: "user-1" } }), castUpvote);
      expect(response.headers.get("location"), mode).toBe("/papers/date/2025-12-12#paper-2312.00752");
      expect(castUpvote, mode).toHaveBeenCalledExactlyOnceWith({ userId: "user-1", paperId: "2312.00752" });
    }
  });

  it("rides along when the form comes back with an error, and is not cast", async () => {
    const castUpvote = vi.fn(async () => {});
    const response = await submit(
      "sign-in",
      formPost("sign-in", { email: "ada@example.org", password: PASSWORD, next: "/papers/x", upvote: "2312.00752" }),
      accountsApi(401, { code: "INVALID_EMAIL_OR_PASSWORD" }),
      castUpvote,
    );
    expect(response.headers.get("location")).toBe("/sign-in?error=credentials&next=%2Fpapers%2Fx&upvote=2312.00752");
    expect(castUpvote).not.toHaveBeenCalled();
  });

  it("is dropped when it is empty or longer than any paper id", async () => {
    for (const upvote of ["", "x".repeat(201)]) {
      const castUpvote = vi.fn(async () => {});
      const response = await submit(
        "sign-in",
        formPost("sign-in", { email: "ada@example.org", password: PASSWORD, upvote }),
        accountsApi(200, { user: { id: "user-1" } }),
        castUpvote,
      );
      expect(response.headers.get("location")).toBe("/");
      expect(castUpvote).not.toHaveBeenCalled();
    }
    expect(authFormPath("sign-up", { next: "/", upvote: "hep-th/9901001" })).toBe("/sign-up?upvote=hep-th%2F9901001");
  });
});
