import { message } from 'antd';
import { useEffect } from 'react';

export type NoticeKind = 'success' | 'error';
export type NoticesApi = Record<NoticeKind, (text: string) => unknown>;

/** antd's message, rendered inside the app's ConfigProvider so notices follow its theme and language. */
export function NoticesHost({ onReady }: { onReady: (api: NoticesApi) => void }) {
  const [api, holder] = message.useMessage();
  useEffect(() => onReady(api), [api, onReady]);
  return holder;
}
