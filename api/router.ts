import { authRouter } from './routers/auth.js';
import { jobsRouter } from './routers/jobs.js';
import { router } from './trpc.js';

/** The whole API; the web app imports only this type, so client and server cannot drift apart. */
export const appRouter = router({
  auth: authRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
