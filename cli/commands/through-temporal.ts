import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { failureMessage } from '../../workflows/failure-message.js';
import { loadConfig } from '../config.js';

/**
 * Runs a command's workflows through Temporal, so it works while the app owns the warehouse (and
 * from any machine that reaches TEMPORAL_ADDRESS); the app's pipeline worker does the work. A
 * failed workflow is one line with the activity's own words, and exit code 1.
 */
export async function throughTemporal(run: (client: Client) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.temporalAddress ?? `127.0.0.1:${config.temporalPort}` });
  try {
    await run(new Client({ connection, namespace: config.temporalNamespace }));
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    console.error(`✗ ${failureMessage(error)}`);
    process.exitCode = 1;
  } finally {
    await connection.close();
  }
}
