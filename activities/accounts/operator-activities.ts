// Who is an operator (role admin), set from the command line: the pipeline queue runs these, in
// the process that owns the warehouse, so it works while the app runs.
import { listOperators, setRoleByEmail } from '../../warehouse/accounts.js';
import type { Warehouse } from '../../warehouse/db.js';
import { PermanentError } from '../errors.js';
import { pipelineEvents } from '../pipeline-events.js';
import { asActivity } from '../temporal-wrap.js';

export interface Operator {
  id: string;
  email: string;
  displayName: string;
}

export function createOperatorActivities(deps: { warehouse: Warehouse }) {
  const { warehouse } = deps;
  return {
    async setOperator(input: { email: string; operator: boolean }): Promise<{ userId: string }> {
      return asActivity(async () => {
        const userId = await warehouse.withConnection((conn) => setRoleByEmail(conn, input.email, input.operator ? 'admin' : 'user'));
        // Made an operator by e-mail alone, so only an account its owner already made: never one waiting for whoever signs up first.
        if (!userId) throw new PermanentError(`no account has the e-mail ${input.email}: its owner signs up in the web app first`);
        // The API keeps sessions with their role: it must forget this user's now.
        pipelineEvents(warehouse).publish({ type: 'account', userId });
        return { userId };
      });
    },

    async listOperators(): Promise<Operator[]> {
      return asActivity(async () =>
        (await warehouse.withConnection(listOperators)).map((row) => ({ id: row.id, email: row.email, displayName: row.display_name })),
      );
    },
  };
}

export type OperatorActivities = ReturnType<typeof createOperatorActivities>;
