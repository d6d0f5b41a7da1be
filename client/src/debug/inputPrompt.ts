// Extension host: asks for a workflow's input before a run started without a launch
// configuration. The box holds the last input given for that workflow, else a JSON template of
// the input's TypeScript type (from the language server). Free of `vscode` so unit tests drive
// it; launch.ts and configurationProvider.ts pass it the real input box and workspace state.

export interface InputBoxOptions {
  title: string;
  prompt: string;
  value: string;
  /** An error text for the current value, or undefined when it is acceptable. */
  validateInput(value: string): string | undefined;
}

export interface TemplateSource {
  inputTemplate(target: { workflow: string; file: string }): Promise<{
    template: unknown;
    type: string;
    optional: string[];
  } | null>;
}

export interface InputPromptDeps {
  templates: TemplateSource;
  /** Resolves undefined when the user cancels. */
  showInputBox(options: InputBoxOptions): Thenable<string | undefined>;
  /** Workspace state (a vscode.Memento). */
  memory: {
    get<T>(key: string): T | undefined;
    update(key: string, value: unknown): Thenable<void>;
  };
}

const KEY = 'medusaWorkflows.lastInputs';

export class InputPrompt {
  constructor(private readonly deps: InputPromptDeps) {}

  /** The input to run with, or undefined when the user cancelled (then nothing runs). */
  async ask(target: { workflow: string; file: string }): Promise<{ input: unknown } | undefined> {
    const remembered = this.lastInputs()[this.keyOf(target)];
    let value: string;
    let prompt = `Input of ${target.workflow} (JSON).`;
    if (remembered !== undefined) {
      value = remembered;
      prompt += ' The last input you gave it.';
    } else {
      const made = await this.deps.templates.inputTemplate(target).catch(() => null);
      value = JSON.stringify(made?.template ?? {});
      if (made?.type) prompt += ` Type: ${made.type}.`;
      if (made && made.optional.length > 0) prompt += ` Optional: ${made.optional.join(', ')}.`;
    }
    const text = await this.deps.showInputBox({
      title: `Run ${target.workflow}`,
      prompt,
      value,
      validateInput: (v) => jsonError(v),
    });
    if (text === undefined) return undefined;
    const input: unknown = JSON.parse(text);
    await this.deps.memory.update(KEY, { ...this.lastInputs(), [this.keyOf(target)]: text });
    return { input };
  }

  private lastInputs(): Record<string, string> {
    return this.deps.memory.get<Record<string, string>>(KEY) ?? {};
  }

  private keyOf(target: { workflow: string; file: string }): string {
    return `${target.file}#${target.workflow}`;
  }
}

function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return `Not valid JSON: ${(e as Error).message}`;
  }
}
