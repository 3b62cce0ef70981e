import { pipelineEvents } from '../../activities/pipeline-events.js';
import { setRoleByEmail } from '../../warehouse/accounts.js';
import type { Warehouse } from '../../warehouse/db.js';

/**
 * Makes an account an operator the way `cli operator add` does: the role in the warehouse, then the
 * announcement the API's read model hears, so no session it cached (its start-up read-ahead included)
 * keeps the old role.
 */
export async function makeOperator(warehouse: Warehouse, email: string): Promise<void> {
  const userId = await warehouse.withConnection((conn) => setRoleByEmail(conn, email, 'admin'));
  if (!userId) throw new Error(`no account has the e-mail ${email}`);
  pipelineEvents(warehouse).publish({ type: 'account', userId });
}
