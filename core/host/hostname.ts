/** "Acme.Example:3000" → "acme.example"; "[::1]:3000" → "::1". */
export function hostnameOf(host: string): string {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0]!;
  return name.toLowerCase();
}

/** Whether a path's escapes decode as UTF-8: one that does not names nothing here. */
export function pathDecodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
