import type { ReactNode } from 'react';
import { Layout, type NavItem } from './components/Layout.js';
import { EmptyState, ErrorMessage, Loading } from './components/Status.js';
import { useI18n } from './i18n/index.js';
import { ApplicationDetailPage } from './pages/ApplicationDetail.js';
import { ApplicationsPage } from './pages/Applications.js';
import { ForgotPasswordPage, LogInPage, ResetPasswordPage, SignUpPage } from './pages/Auth.js';
import { DashboardPage } from './pages/Dashboard.js';
import { JobDetailPage } from './pages/JobDetail.js';
import { JobsPage } from './pages/Jobs.js';
import { NotFoundPage } from './pages/NotFound.js';
import { OperatorPage } from './pages/Operator.js';
import { ProfilePage } from './pages/Profile.js';
import { SavedPage } from './pages/Saved.js';
import { SettingsPage } from './pages/Settings.js';
import { SkillsPage } from './pages/Skills.js';
import { SourcesPage } from './pages/Sources.js';
import { Redirect, matchPath, useLocation } from './router.js';
import { useAccountLocale, useMe, useSignOutOnExpiredSession, type SessionUser } from './session.js';

/** guest: signed-out only (log-in, sign-up); user and admin: signed in; any: everyone. */
type Access = 'any' | 'guest' | 'user' | 'admin';

interface Route {
  path: string;
  access: Access;
  render(params: Record<string, string>, user: SessionUser | null): ReactNode;
}

const ROUTES: Route[] = [
  { path: '/', access: 'any', render: (_, user) => (user ? <DashboardPage user={user} /> : <Redirect to="/jobs" />) },
  { path: '/login', access: 'guest', render: () => <LogInPage /> },
  { path: '/signup', access: 'guest', render: () => <SignUpPage /> },
  { path: '/forgot-password', access: 'guest', render: () => <ForgotPasswordPage /> },
  { path: '/reset-password', access: 'any', render: () => <ResetPasswordPage /> },
  { path: '/jobs', access: 'any', render: (_, user) => <JobsPage user={user} /> },
  { path: '/jobs/:clusterId', access: 'any', render: ({ clusterId = '' }, user) => <JobDetailPage key={clusterId} clusterId={clusterId} user={user} /> },
  { path: '/saved', access: 'user', render: () => <SavedPage /> },
  { path: '/applications', access: 'user', render: () => <ApplicationsPage /> },
  { path: '/skills', access: 'user', render: () => <SkillsPage /> },
  { path: '/applications/:id', access: 'user', render: ({ id = '' }) => <ApplicationDetailPage key={id} id={id} /> },
  { path: '/profile', access: 'user', render: () => <ProfilePage /> },
  { path: '/sources', access: 'user', render: () => <SourcesPage /> },
  { path: '/settings', access: 'user', render: () => <SettingsPage /> },
  { path: '/operator', access: 'admin', render: () => <OperatorPage /> },
];

function useNav(user: SessionUser | null): NavItem[] {
  const { t } = useI18n();
  if (!user) {
    return [
      { to: '/jobs', label: t.nav.jobs },
      { to: '/login', label: t.nav.logIn },
      { to: '/signup', label: t.nav.signUp },
    ];
  }
  return [
    { to: '/', label: t.nav.dashboard },
    { to: '/jobs', label: t.nav.jobs },
    { to: '/saved', label: t.nav.saved },
    { to: '/applications', label: t.nav.applications },
    { to: '/skills', label: t.nav.skills },
    { to: '/profile', label: t.nav.profile },
    { to: '/sources', label: t.nav.sources },
    ...(user.role === 'admin' ? [{ to: '/operator', label: t.nav.operator }] : []),
    { to: '/settings', label: t.nav.settings },
  ];
}

function Page({ pathname, search, user }: { pathname: string; search: URLSearchParams; user: SessionUser | null }) {
  const { t } = useI18n();
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.access === 'guest' && user) return <Redirect to="/" />;
    if ((route.access === 'user' || route.access === 'admin') && !user) {
      const here = pathname + (search.size ? `?${search.toString()}` : '');
      return <Redirect to={`/login?next=${encodeURIComponent(here)}`} />;
    }
    if (route.access === 'admin' && user?.role !== 'admin') return <EmptyState title={t.operator.forbidden} />;
    return route.render(params, user);
  }
  return <NotFoundPage />;
}

export function App() {
  const me = useMe();
  const { pathname, search } = useLocation();
  useSignOutOnExpiredSession();
  const user = me.data ?? null;
  const nav = useNav(user);
  useAccountLocale(user);

  return (
    <Layout user={user} nav={nav}>
      {me.isPending ? <Loading /> : me.error ? <ErrorMessage error={me.error} onRetry={() => void me.refetch()} /> : <Page pathname={pathname} search={search} user={user} />}
    </Layout>
  );
}
