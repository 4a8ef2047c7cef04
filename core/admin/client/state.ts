/** The logged-in session and the app's passing messages (toasts), shared by every screen. */
import { useEffect, useState } from 'preact/hooks';
import type { Session } from './api.ts';

type Listener = () => void;

export function store<T>(initial: T) {
  let value = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const listener of listeners) listener();
    },
    use(): T {
      const [, setTick] = useState(0);
      useEffect(() => {
        const update = () => setTick((tick) => tick + 1);
        listeners.add(update);
        return () => void listeners.delete(update);
      }, []);
      return value;
    },
  };
}

export const session = store<Session | null | undefined>(undefined);

export interface Toast {
  readonly id: number;
  readonly kind: 'success' | 'error' | 'info';
  readonly text: string;
}

export const toasts = store<Toast[]>([]);
let nextToast = 1;

export function toast(text: string, kind: Toast['kind'] = 'success'): void {
  const id = nextToast++;
  toasts.set([...toasts.get(), { id, kind, text }]);
  setTimeout(() => toasts.set(toasts.get().filter((item) => item.id !== id)), kind === 'error' ? 8000 : 4000);
}

export function can(capability: string): boolean {
  return session.get()?.capabilities.includes(capability) ?? false;
}
