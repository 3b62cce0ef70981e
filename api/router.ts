import { applicationsRouter } from './routers/applications.js';
import { authRouter } from './routers/auth.js';
import { feedbackRouter } from './routers/feedback.js';
import { jobsRouter } from './routers/jobs.js';
import { matchesRouter } from './routers/matches.js';
import { notificationsRouter } from './routers/notifications.js';
import { opsRouter } from './routers/ops.js';
import { profileRouter } from './routers/profile.js';
import { resumeRouter } from './routers/resume.js';
import { skillsRouter } from './routers/skills.js';
import { sourcesRouter } from './routers/sources.js';
import { router } from './trpc.js';

/** The whole API; the web app imports only this type, so client and server cannot drift apart. */
export const appRouter = router({
  applications: applicationsRouter,
  auth: authRouter,
  feedback: feedbackRouter,
  jobs: jobsRouter,
  matches: matchesRouter,
  notifications: notificationsRouter,
  ops: opsRouter,
  profile: profileRouter,
  resume: resumeRouter,
  skills: skillsRouter,
  sources: sourcesRouter,
});

export type AppRouter = typeof appRouter;
