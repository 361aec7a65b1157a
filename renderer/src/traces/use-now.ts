import { useEffect, useState } from 'react';

/** The wall clock, re-read every `intervalMs` while `live` (open spans grow), else still. */
export function useNow(live: boolean, intervalMs = 200): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [live, intervalMs]);
  return now;
}
