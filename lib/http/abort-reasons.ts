// An Error's stack is kept by V8 as the frames themselves until something reads `error.stack`;
// each frame holds the function and the `this` it ran with. React and Next.js end every render by
// aborting an AbortController with an Error that nobody reads (vercel/next.js#97899,
// react/react#37289), and the controller lives as long as the request's state. One of those
// frames is the setImmediate callback the render ran in, whose `this` is the Immediate, linked
// by Node.js to the next Immediate queued, created by another request, whose state holds that
// request's abort reason, and so on: one request kept alive by anything keeps alive every request
// served after it while the load lasts. Reading the stack when the reason is given turns the
// frames into a string and cuts that chain. It costs a few microseconds an abort.

let installed = false;

/** In the server process, before Next.js loads: every Error given to `AbortController.abort` has its stack read at once. */
export function formatAbortReasonsAtOnce(): void {
  if (installed) return;
  installed = true;
  const abort = AbortController.prototype.abort;
  AbortController.prototype.abort = function (this: AbortController, reason?: unknown) {
    if (reason instanceof Error) void reason.stack;
    return abort.call(this, reason);
  };
}
