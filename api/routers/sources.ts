import { sourcesWithHealth } from '../../warehouse/core.js';
import { adminProcedure, router } from '../trpc.js';

export const sourcesRouter = router({
  /** Every source with its latest fetch: last success, last error, items. */
  list: adminProcedure.query(({ ctx }) => ctx.warehouse.withConnection(sourcesWithHealth)),
});
