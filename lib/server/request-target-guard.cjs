// Preloaded into `next start` by start.mjs. A request whose target is not a path — `GET *` (the asterisk form
// HTTP keeps for OPTIONS) or an absolute URL — reached Next's URL parsing and came back as a 500 with a stack in the
// log. It names no page: answer 400 before Next sees it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) has no import
const http = require("node:http");

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function guardedEmit(event, req, res) {
  if (event === "request" && typeof req?.url === "string" && !req.url.startsWith("/")) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }).end("Bad request target.");
    return true;
  }
  return emit.apply(this, arguments);
};
