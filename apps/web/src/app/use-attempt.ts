import { useCallback, useState } from 'react';

/**
 * Runs a user's action that may fail out of sight (an export, a download, signing out) and remembers whether its last
 * run failed, so the button can say so in a role="alert" next to it instead of failing silently.
 */
export function useAttempt(): { failed: boolean; attempt(action: () => Promise<unknown>): void } {
  const [failed, setFailed] = useState(false);
  const attempt = useCallback((action: () => Promise<unknown>) => {
    setFailed(false);
    action().catch(() => setFailed(true));
  }, []);
  return { failed, attempt };
}
