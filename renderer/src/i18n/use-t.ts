import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from '../format/describe.ts';

/**
 * The views' translate function, typed simply (key, values) → string: keys are checked by a unit test against both
 * dictionaries rather than by i18next's template-literal types, which do not cope with keys built at run time.
 */
export function useT(): { t: Translate; language: string } {
  const { t, i18n } = useTranslation();
  const translate = useCallback<Translate>((key, values) => t(key, values as never) as unknown as string, [t]);
  return { t: translate, language: i18n.language };
}
