// `npm run admin -- grant EMAIL | revoke EMAIL | list`: who may hide papers and delete comments.
import { ADMIN_USAGE, parseAdminCommandLine, runAdminCommand } from "../lib/auth/admin-command";
import { runCommand } from "../lib/cli/command";

runCommand({
  name: "admin",
  usage: ADMIN_USAGE,
  parse: parseAdminCommandLine,
  run: (command) => runAdminCommand(command, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }),
});
