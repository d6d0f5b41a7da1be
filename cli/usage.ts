// Help text of the `medusa-workflows` command.
export const USAGE = `Usage: medusa-workflows <command> [options]

Commands:
  run <file> --workflow <id>   run a workflow from a TypeScript or JavaScript file
      --input <json>|@<file>   the workflow input (JSON text, or @ and a JSON file)
      --fail <step>[,<step>]   make these steps' invoke throw "Forced failure: <step>"; a step
                               of a nested workflow is named by its path: <workflow id>/<step>
      --fail-compensation <step>[,<step>]
                               make these steps' compensation throw
      --mocks <module>         container registrations: a module exporting an object of
                               services by key, or a function receiving the container
      --auto-mock              every other container key resolves to a deterministic recording
                               fake; with --trace, each call is a "service.call" line
      --container app          boot the Medusa app found from the working directory (its
                               medusa-config, .env, modules, links, database) and use its
                               container: the run writes to that database; --mocks
                               replaces single services, --trace shows each service.call
      --allow-remote-database  with --container app, allow a database host that is not local
      --step-success <step>[=<json>]
                               when the run waits on async step <step>, answer it as the app's
                               setStepSuccess would, with this response (its output); repeat
                               for each step, in order
      --step-failure <step>=<message>|<json>
                               ... as setStepFailure would, with this error
      --trace jsonl            print every step event as one JSON object per line
      --verbose                print stack traces of errors
  graph <path...> [--workflow <id>] --format json|medusa-flow|mermaid
                               print the statically analyzed graph of workflows
  check <path...> [--format text|json]
                               report workflow rule violations; exit 1 on errors
  executions list [options]    stored executions of a Medusa app (its workflow_execution
                               table, read-only), newest first
      --database-url <url>     the app's database (default: DATABASE_URL of --app)
      --app <dir>              the app whose environment and .env give DATABASE_URL
                               (default: the working directory)
      --workflow <id>          only this workflow
      --state <s>[,<s>]        only these states: not_started, invoking,
                               waiting_to_compensate, compensating, done, reverted, failed
      --since <t>, --until <t> created from / before t: an ISO date/time or 30m, 6h, 2d ago
      --limit <n>, --offset <n>
                               a page of n (default 20) after the first offset ones
      --json                   one JSON object per line
  executions show <id>         one execution (wf_exec_... or transaction id): every step's
                               invoke and compensate state, outputs, errors; --json for JSON
  executions replay <id> [--database-url <url> | --app <dir>] [--record <file.json>]
                               replay a stored execution on the workflow's code: steps answer
                               from the record (their handlers do not run), inputs, transforms
                               and when conditions are recomputed; prints the JSONL trace with
                               a "replay.mismatch" line for each part that does not fit the code
      --file <path>            the workflow's file, when the record's source path is not here
      --rerun-compensations    run the compensations' code (with --mocks <module>) instead of
                               reporting them from the record

Exit codes: 0 the run ended done, 1 it ended reverted or failed (executions show: no such
execution; executions replay: it does not match its record), 2 it could not run.
`;
