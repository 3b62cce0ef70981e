import type { Client } from '@temporalio/client';
import { listOperators, setOperator } from '../../workflows/operators-client.js';
import { throughTemporal } from './through-temporal.js';

const USAGE = 'usage: npm run cli -- operators <list | add <e-mail> | remove <e-mail>>';

type Command = { action: 'list' } | { action: 'add' | 'remove'; email: string };

/** The command, or a line saying what is wrong with it. */
export function parseOperatorsCommand(args: string[]): Command | string {
  const [action, email, ...rest] = args;
  if (action === 'list' && email === undefined) return { action };
  if ((action === 'add' || action === 'remove') && email && rest.length === 0) {
    return /^[^@\s]+@[^@\s]+$/.test(email) ? { action, email: email.toLowerCase() } : `not an e-mail address: ${email}`;
  }
  return USAGE;
}

async function run(client: Client, command: Command): Promise<void> {
  if (command.action === 'list') {
    const operators = await listOperators(client);
    if (operators.length === 0) console.log('no operators yet: npm run cli -- operators add <e-mail of an account>');
    for (const o of operators) console.log(`${o.email}  (${o.displayName})`);
    return;
  }
  await setOperator(client, command.email, command.action === 'add');
  console.log(command.action === 'add' ? `✓ ${command.email} is an operator` : `✓ ${command.email} is no longer an operator`);
}

/** `cli operators …`: who may use the operator pages and procedures (role admin), through Temporal while the app runs. */
export async function operators(args: string[]): Promise<void> {
  const command = parseOperatorsCommand(args);
  if (typeof command === 'string') {
    console.error(command);
    process.exitCode = 2;
    return;
  }
  await throughTemporal((client) => run(client, command));
}
