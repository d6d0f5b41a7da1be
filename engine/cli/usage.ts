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
                               container: the run writes to that database
      --allow-remote-database  with --container app, allow a database host that is not local
      --trace jsonl            print every step event as one JSON object per line
      --verbose                print stack traces of errors
  graph <path...> [--workflow <id>] --format json|medusa-flow|mermaid
                               print the statically analyzed graph of workflows
  check <path...> [--format text|json]
                               report workflow rule violations; exit 1 on errors

Exit codes: 0 the run ended done, 1 it ended reverted or failed, 2 it could not run.
`;
