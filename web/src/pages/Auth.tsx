import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '../api.js';
import { Button } from '../components/Button.js';
import { Card } from '../components/Card.js';
import { TextField } from '../components/Field.js';
import { usePageTitle } from '../components/Layout.js';
import { ErrorMessage, Notice } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link, navigate, useLocation } from '../router.js';
import { useStartSession } from '../session.js';

/** Where to go after logging in: a path inside this app only, never another site. */
export function safeNext(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/';
}

function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <p className="text-slate-700">{t.auth.intro}</p>
      <Card>
        <h1 className="mb-4 text-2xl font-bold">{title}</h1>
        {children}
      </Card>
    </div>
  );
}

const linkClass = 'font-medium text-emerald-800 underline';

export function LogInPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const start = useStartSession();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const logIn = useMutation(
    trpc.auth.logIn.mutationOptions({
      onSuccess: async ({ csrfToken }) => {
        await start(csrfToken);
        navigate(safeNext(search.get('next')), { replace: true });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    logIn.mutate({ email, password });
  };
  return (
    <AuthShell title={t.auth.logInTitle}>
      <form onSubmit={submit} className="space-y-4">
        <TextField label={t.auth.email} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t.auth.password} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {logIn.error && <ErrorMessage error={logIn.error} byCode={{ UNAUTHORIZED: t.auth.wrongCredentials }} />}
        <Button type="submit" busy={logIn.isPending} className="w-full">
          {t.auth.logInButton}
        </Button>
      </form>
      <div className="mt-4 space-y-2 text-sm text-slate-700">
        <p>
          {t.auth.noAccount}{' '}
          <Link to="/signup" className={linkClass}>
            {t.auth.signUpLink}
          </Link>
        </p>
        <p>
          <Link to="/forgot-password" className={linkClass}>
            {t.auth.forgotLink}
          </Link>
        </p>
      </div>
    </AuthShell>
  );
}

export function SignUpPage() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const start = useStartSession();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: async ({ csrfToken }) => {
        await start(csrfToken);
        navigate('/profile?welcome=1', { replace: true });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate({ displayName, email, password, locale });
  };
  return (
    <AuthShell title={t.auth.signUpTitle}>
      <form onSubmit={submit} className="space-y-4">
        <TextField label={t.auth.displayName} autoComplete="name" required maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <TextField label={t.auth.email} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField
          label={t.auth.password}
          hint={t.auth.passwordHint}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {signUp.error && <ErrorMessage error={signUp.error} byCode={{ CONFLICT: t.auth.emailTaken }} />}
        <Button type="submit" busy={signUp.isPending} className="w-full">
          {t.auth.signUpButton}
        </Button>
      </form>
      <p className="mt-4 text-sm text-slate-700">
        {t.auth.haveAccount}{' '}
        <Link to="/login" className={linkClass}>
          {t.auth.logInLink}
        </Link>
      </p>
    </AuthShell>
  );
}

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email });
  };
  return (
    <AuthShell title={t.auth.forgotTitle}>
      {request.isSuccess ? (
        <Notice>{t.auth.linkSent}</Notice>
      ) : (
        <form onSubmit={submit} className="space-y-4">
          <p className="text-slate-700">{t.auth.forgotIntro}</p>
          <TextField label={t.auth.email} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          {request.error && <ErrorMessage error={request.error} />}
          <Button type="submit" busy={request.isPending} className="w-full">
            {t.auth.sendLink}
          </Button>
        </form>
      )}
      <p className="mt-4 text-sm">
        <Link to="/login" className={linkClass}>
          {t.auth.backToLogIn}
        </Link>
      </p>
    </AuthShell>
  );
}

/** The page the e-mailed link opens: /reset-password?token=… */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const [newPassword, setNewPassword] = useState('');
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, newPassword });
  };
  return (
    <AuthShell title={t.auth.resetTitle}>
      {reset.isSuccess ? (
        <Notice>{t.auth.resetDone}</Notice>
      ) : (
        <form onSubmit={submit} className="space-y-4">
          <TextField
            label={t.auth.newPassword}
            hint={t.auth.passwordHint}
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            maxLength={200}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
          {reset.error && <ErrorMessage error={reset.error} byCode={{ BAD_REQUEST: t.auth.resetInvalid }} />}
          <Button type="submit" busy={reset.isPending} className="w-full">
            {t.auth.resetButton}
          </Button>
        </form>
      )}
      <p className="mt-4 text-sm">
        <Link to="/login" className={linkClass}>
          {t.auth.backToLogIn}
        </Link>
      </p>
    </AuthShell>
  );
}
