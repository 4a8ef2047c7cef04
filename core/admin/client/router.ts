/** A small client-side router over the History API: screens are paths under /admin/. */
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = path.startsWith('/admin') ? path : `/admin${path}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

/** The current path below /admin (e.g. "/posts/12") and its query. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((tick) => tick + 1);
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  const path = location.pathname.replace(/^\/admin/, '') || '/';
  return { path: path.length > 1 ? path.replace(/\/$/, '') : path, query: new URLSearchParams(location.search) };
}

/** Follows a link inside the admin without reloading the page (ctrl/cmd-click still opens a tab). */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as HTMLElement).closest('a');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || anchor.target) return;
  const href = anchor.getAttribute('href');
  if (!href || !href.startsWith('/admin/') || href.startsWith('/admin/api/')) return;
  event.preventDefault();
  navigate(href);
}
