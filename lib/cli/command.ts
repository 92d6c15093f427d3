/** A wrong command line: the message and the usage text are printed, exit status 2. */
export class UsageError extends Error {}

/**
 * The frame of every command-line entry point (`npm run ingest`, `npm run digest`): parse the
 * arguments (null means --help was asked for), run, exit with the status run returns; a wrong
 * command line exits 2 with the usage text, a failure exits 1 with its message.
 */
export function runCommand<Options>(command: {
  name: string;
  usage: string;
  parse(argv: string[]): Options | null;
  run(options: Options): Promise<number>;
}): void {
  const main = async (): Promise<number> => {
    let options: Options | null;
    try {
      options = command.parse(process.argv.slice(2));
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    if (options === null) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return command.run(options);
  };
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${command.name} failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
