import { useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { errorText } from './errors.ts';

/**
 * A dialog's submission: `busy` while the work runs, and the error it failed with, in the reader's language, for the
 * dialog to show. Starting again clears the last error.
 */
export function useSubmit() {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
