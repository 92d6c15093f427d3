import { AsyncLocalStorage } from "node:async_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { formatAbortReasonsAtOnce } from "../../lib/http/abort-reasons";
import { outsideRequests, recordContextOutsideRequests } from "../../lib/http/outside-requests";

// What a finished request leaves behind for the garbage collector (issue 12's flood finding):
// checked with the collector itself, through weak references.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Whether the object behind `ref` survives a full collection once the current job is over. */
async function survivesCollection(ref: WeakRef<object>): Promise<boolean> {
  // A WeakRef's target is kept until the job that last read it ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return ref.deref() !== undefined;
}

const requests = new AsyncLocalStorage<{ state: object }>();

describe("outsideRequests", () => {
  const registry = globalThis as { dailyPapersOutsideRequests?: unknown };
  afterAll(() => delete registry.dailyPapersOutsideRequests);

  it("runs as it is where no context was recorded", () => {
    expect(requests.run({ state: {} }, () => outsideRequests(() => requests.getStore()))).toBeDefined();
  });

  it("creates what it is given in the context recorded before the first request, not the request's", async () => {
    recordContextOutsideRequests();
    let state: object | null = { rendered: "x".repeat(1_000) };
    const ref = new WeakRef(state);
    // A long-lived promise (a connection's, a cache's) made while a request is being served.
    const { inside, kept } = requests.run({ state }, () => ({
      inside: outsideRequests(() => requests.getStore()),
      kept: outsideRequests(() => new Promise(() => {})),
    }));
    state = null;
    expect(inside).toBeUndefined();
    expect(await survivesCollection(ref)).toBe(false);
    expect(kept).toBeInstanceOf(Promise);
  });

  it("is needed: a promise made inside the request keeps the request's state alive", async () => {
    let state: object | null = { rendered: "x".repeat(1_000) };
    const ref = new WeakRef(state);
    const kept = requests.run({ state }, () => new Promise(() => {}));
    state = null;
    expect(await survivesCollection(ref)).toBe(true);
    expect(kept).toBeInstanceOf(Promise);
  });
});

describe("formatAbortReasonsAtOnce", () => {
  /** An AbortController aborted, as React ends a render, from a function run with `receiver` as `this`. */
  function abortFrom(receiver: object): AbortController {
    const controller = new AbortController();
    (function (this: object) {
      controller.abort(new Error("This render completed successfully."));
    }).call(receiver);
    return controller;
  }

  it("is needed: an unread abort reason keeps the `this` of every frame that made it", async () => {
    let receiver: object | null = { request: "x".repeat(1_000) };
    const ref = new WeakRef(receiver);
    const controller = abortFrom(receiver);
    receiver = null;
    expect(await survivesCollection(ref)).toBe(true);
    expect(controller.signal.aborted).toBe(true);
  });

  it("once installed, an abort reason keeps its stack as text and no frame alive", async () => {
    formatAbortReasonsAtOnce();
    let receiver: object | null = { request: "x".repeat(1_000) };
    const ref = new WeakRef(receiver);
    const controller = abortFrom(receiver);
    receiver = null;
    expect(await survivesCollection(ref)).toBe(false);
    expect(controller.signal.reason).toBeInstanceOf(Error);
    expect((controller.signal.reason as Error).stack).toMatch(/^Error: This render completed successfully\.\n\s+at /);
  });
});
