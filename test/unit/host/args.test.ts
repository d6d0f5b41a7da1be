import * as assert from 'node:assert/strict';
import { parseRunArgs, UsageError } from '../../../cli/args';

describe('cli/args', () => {
  it('parses every run option, in both --name value and --name=value forms', () => {
    const args = parseRunArgs([
      'wf.ts',
      '--workflow=create-order',
      '--input',
      '{"a":1}',
      '--fail',
      'a,b',
      '--fail=c',
      '--fail-compensation',
      ' d , e ',
      '--mocks',
      'mocks.ts',
      '--trace=jsonl',
      '--verbose',
      '--step-success',
      'claim={"driver":"ada"}',
      '--step-success=pick-up',
      '--step-failure',
      'deliver=no driver',
    ]);
    assert.deepEqual(args, {
      file: 'wf.ts',
      workflow: 'create-order',
      input: '{"a":1}',
      fail: ['a', 'b', 'c'],
      failCompensation: ['d', 'e'],
      mocks: 'mocks.ts',
      trace: 'jsonl',
      answers: [
        { step: 'claim', outcome: 'success', response: { driver: 'ada' } },
        { step: 'pick-up', outcome: 'success', response: undefined },
        { step: 'deliver', outcome: 'failure', response: { message: 'no driver' } },
      ],
      verbose: true,
      help: false,
    });
  });

  it('takes the file after -- even when it looks like an option', () => {
    assert.equal(parseRunArgs(['--workflow', 'x', '--', '--odd-name.ts']).file, '--odd-name.ts');
  });

  it('returns help without requiring a file', () => {
    assert.equal(parseRunArgs(['-h']).help, true);
  });

  const misuse: [string[], string][] = [
    [['wf.ts', '--workflow', 'a', '--workflow', 'b'], '--workflow given more than once'],
    [['wf.ts', '--input', '1', '--input=2'], '--input given more than once'],
    [['wf.ts', '--mocks'], '--mocks needs a value'],
    [['wf.ts', '--mocks', '--verbose'], '--mocks needs a value'],
    [['wf.ts', '--workflow='], '--workflow needs a value'],
    [['wf.ts', '--verbose=yes'], '--verbose takes no value'],
    [['wf.ts', '--fail', 'a,'], '--fail expects step names separated by commas'],
    [['wf.ts', '--trace', 'json'], "unsupported --trace format 'json' (expected jsonl)"],
    [['wf.ts', '-x'], 'unknown option -x'],
    [['a.ts', 'b.ts'], 'unexpected argument b.ts'],
    [[], 'run needs a workflow file: run <file> --workflow <id>'],
  ];
  for (const [argv, message] of misuse) {
    it(`rejects ${argv.join(' ') || 'no arguments'}`, () => {
      assert.throws(
        () => parseRunArgs(argv),
        (e: unknown) => e instanceof UsageError && e.message === message,
      );
    });
  }
});
