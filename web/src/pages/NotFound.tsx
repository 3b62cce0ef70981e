import { buttonClass } from '../components/Button.js';
import { usePageTitle } from '../components/Layout.js';
import { EmptyState } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t.notFound.title);
  return (
    <EmptyState title={t.notFound.title}>
      <Link to="/" className={buttonClass()}>
        {t.notFound.home}
      </Link>
    </EmptyState>
  );
}
