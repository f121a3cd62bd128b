import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerUserCommands } from '../../src/cliUsers.ts';
import { registerNewsSitemapCommand } from '../../src/cli/newsSitemapCommand.ts';
import { registerEditionCommand } from '../../src/cli/editionCommand.ts';
import { registerMediaCommands } from '../../src/cli/mediaCommand.ts';
import { registerImportCommands } from '../../src/cli/importCommand.ts';
import { registerExportCommand } from '../../src/cli/exportCommand.ts';

/** Every command the register functions add, at every depth, with its full name. */
function walk(command: Command, prefix: string[] = []): [string, Command][] {
  return command.commands.flatMap((c) => {
    const name = [...prefix, c.name()];
    return [[name.join(' '), c] as [string, Command], ...walk(c, name)];
  });
}

/*
 * The --help of each subcommand, built in this process (spawning `newsdesk … --help` two dozen
 * times would cost a minute on a loaded machine; test/http/cli.test.ts checks the real process
 * answers --help). Commander prints an option's default itself, so a description that states
 * it too shows it twice; it does not mark required options, so their descriptions must.
 */
test('every subcommand --help: each default said once, no empty default, required options marked', () => {
  const program = new Command('newsdesk');
  registerUserCommands(program);
  registerNewsSitemapCommand(program);
  registerEditionCommand(program);
  registerMediaCommands(program);
  registerImportCommands(program);
  registerExportCommand(program);
  const commands = walk(program);
  assert.ok(commands.length >= 20, `${commands.length} commands`);
  for (const [name, command] of commands) {
    const help = command.helpInformation().replace(/\s+/g, ' ');
    assert.ok(command.description(), `${name}: no description`);
    for (const option of command.options) {
      const where = `${name} ${option.flags}`;
      assert.ok(option.description, `${where}: no description`);
      const said = option.description.match(/\(default:|; default:/g) ?? [];
      const shown = option.defaultValue === undefined ? 0 : 1;
      assert.ok(said.length + shown <= 1, `${where}: default said twice`);
      assert.notEqual(option.defaultValue, '', `${where}: empty default`);
      if (option.mandatory)
        assert.match(option.description, /\(required\)/, `${where}`);
    }
    assert.doesNotMatch(
      help,
      /\(default: [^)]*\) \(default:/,
      `${name}: a default printed twice`,
    );
  }
});
