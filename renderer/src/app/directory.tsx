import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SignerJson } from '../../../shared/api/types.ts';
import type { ApiClient } from '../api/client.ts';
import { useApi } from '../api/react.tsx';
import type { AccountJson, AssetJson, MemberJson, SignatoryJson } from '../api/results.ts';
import type { DescribeContext } from '../format/describe.ts';
import type { AssetInfo } from '../format/units.ts';
import { useLocale } from './LocaleProvider.tsx';

/**
 * Who and what the ledger knows, loaded once and kept fresh: accounts, assets, members, signatories, and this node's
 * own keys. Every view shows names from here ("Jinhua Commercial Bank treasury (jhcb.treasury)") instead of ids.
 * Reloaded after blocks that carry transactions (debounced: these lists change rarely).
 */
export interface Directory {
  loaded: boolean;
  accounts: AccountJson[];
  assets: AssetJson[];
  members: MemberJson[];
  signatories: SignatoryJson[];
  signers: SignerJson[];
  accountName: (id: string) => string;
  signatoryName: (id: string) => string;
  memberName: (id: string) => string;
  assetInfo: (id: string) => AssetInfo | undefined;
  describeContext: DescribeContext;
  reload: () => void;
}

const DirectoryContext = createContext<Directory | null>(null);

interface Lists {
  accounts: AccountJson[];
  assets: AssetJson[];
  members: MemberJson[];
  signatories: SignatoryJson[];
  signers: SignerJson[];
}

const EMPTY: Lists = { accounts: [], assets: [], members: [], signatories: [], signers: [] };

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const client = useApi();
  const locale = useLocale();
  // At start-up the lists may already be here (main.tsx warmed them): the first render names things at once.
  const [early] = useState(() => arrivedLists(client));
  const [lists, setLists] = useState<Lists>(early ?? EMPTY);
  const [loaded, setLoaded] = useState(early !== undefined);
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fresh = useRef(early !== undefined);

  useEffect(() => {
    if (fresh.current) {
      fresh.current = false;
      return;
    }
    let live = true;
    // Each list on its own: one failing (say, a node without signer.list) must not blank the others.
    const settle = <T,>(p: Promise<T[]>) => p.catch(() => [] as T[]);
    void Promise.all([
      settle(client.call('account.list', {})),
      settle(client.call('asset.list', {})),
      settle(client.call('member.list', {})),
      settle(client.call('signatory.list', {})),
      settle(client.call('signer.list', {})),
    ]).then(([accounts, assets, members, signatories, signers]) => {
      if (!live) return;
      setLists({ accounts, assets, members, signatories, signers });
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [client, tick]);

  useEffect(
    () =>
      client.subscribe('blocks', (event) => {
        if ((event as { txCount?: number }).txCount === 0) return;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setTick((n) => n + 1), 1000);
      }),
    [client],
  );

  const value = useMemo<Directory>(() => {
    const accountNames = new Map(lists.accounts.map((a) => [a.id, a.name]));
    const signatoryNames = new Map(lists.signatories.map((s) => [s.id, s.name]));
    const memberNames = new Map(lists.members.map((m) => [m.id, m.name]));
    const assets = new Map<string, AssetInfo>(
      lists.assets.map((a) => [a.id, { decimals: a.decimals, currency: a.kind === 'currency' ? a.code : undefined }]),
    );
    return {
      loaded,
      ...lists,
      accountName: (id) => accountNames.get(id) ?? id,
      signatoryName: (id) => signatoryNames.get(id) ?? id,
      memberName: (id) => memberNames.get(id) ?? id,
      assetInfo: (id) => assets.get(id),
      describeContext: { assets, accountNames, locale },
      reload: () => setTick((n) => n + 1),
    };
  }, [lists, loaded, locale]);

  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

/** The five lists from warmed calls whose answers have all arrived, or undefined (then they are fetched). */
function arrivedLists(client: ApiClient): Lists | undefined {
  const accounts = client.take('account.list', {});
  const assets = client.take('asset.list', {});
  const members = client.take('member.list', {});
  const signatories = client.take('signatory.list', {});
  const signers = client.take('signer.list', {});
  if (!accounts || !assets || !members || !signatories || !signers) return undefined;
  return {
    accounts: accounts.value,
    assets: assets.value,
    members: members.value,
    signatories: signatories.value,
    signers: signers.value,
  };
}

export function useDirectory(): Directory {
  const d = useContext(DirectoryContext);
  if (!d) throw new Error('useDirectory outside DirectoryProvider');
  return d;
}
