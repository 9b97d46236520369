import { ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * antd's own texts (pagination, pickers, empty states) follow the chosen language. Zero-runtime mode: the component
 * styles come from antd's prebuilt stylesheet (imported in boot.tsx) instead of being generated in the page at first
 * render, which is most of the start-up time on a busy machine. The build leaves antd's style functions out of the code
 * (renderer/build/zero-runtime-styles.ts), which is only right while this stays on.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      theme={{ algorithm: theme.compactAlgorithm, token: { borderRadius: 4 }, zeroRuntime: true }}
    >
      {children}
    </ConfigProvider>
  );
}

/** The Intl locale for numbers and dates in the chosen language. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en-US';
}
