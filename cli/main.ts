import { parseArgs } from 'node:util';
import { TemporalCliError } from './temporal-cli.js';
import { PortInUseError } from './ports.js';
import { WarehouseLockedError } from '../warehouse/db.js';
import { MigrationError } from '../warehouse/migrate.js';

const USAGE = `usage: npm run cli -- <command>
  up                              start everything on this machine and run the pipeline once (npm start)
  worker --queue fetch|pipeline   run workers alone against TEMPORAL_ADDRESS (comma-separate both queues)
  export-matcher-v1               rewrite models/matcher/v1 from the prior weights
  models list|promote <v>|rollback|retrain [--features a,b]
                                  matcher versions through Temporal (the app must be running)
  operators list|add <e-mail>|remove <e-mail>
                                  who may use the operator pages (the app must be running; the account must exist)`;

// Start-up problems a user can fix: one clear line, no stack trace.
const EXPECTED = [TemporalCliError, PortInUseError, WarehouseLockedError, MigrationError];

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { queue: { type: 'string' }, features: { type: 'string' } } });
  switch (positionals[0]) {
    case 'up':
      return (await import('./commands/up.js')).up();
    case 'worker':
      return (await import('./commands/worker.js')).worker(values.queue ?? 'fetch');
    case 'models':
      return (await import('./commands/models.js')).models(positionals.slice(1), values.features);
    case 'operators':
      return (await import('./commands/operators.js')).operators(positionals.slice(1));
    case 'export-matcher-v1': {
      const card = (await import('../models/matcher/export-v1.js')).writeV1();
      console.log(`wrote models/matcher/v1 (sha256 ${card.sha256})`);
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (error: Error) => {
    if (EXPECTED.some((type) => error instanceof type)) console.error(`✗ ${error.message}`);
    else console.error('✗', error);
    process.exit(1);
  },
);
