import { useEffect, useState } from 'react';

/**
 * Views are addressed by the URL fragment (#/network, #/blocks?tx=…), which works the same under the console's
 * /console/ path and the app's custom protocol, and survives a reload.
 */

export const VIEWS = ['inbox', 'accounts', 'settlement', 'contracts', 'network', 'blocks', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const view = (VIEWS as readonly string[]).includes(m?.[1] ?? '') ? (m![1] as View) : 'inbox';
  return { view, params: new URLSearchParams(m?.[2] ?? '') };
}

export function routeHash(view: View, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${view}${query ? `?${query}` : ''}`;
}

export function navigate(view: View, params: Record<string, string> = {}): void {
  window.location.hash = routeHash(view, params);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
