import { parseAmount, FinanceError } from '../../../shared/finance/index.ts';
import { instructionIdSchema, type Account, type Action, type Asset } from '../../../shared/domain/index.ts';
import { Iso20022Error, Iso20022ErrorCode as E } from './errors.ts';
import type { Agent, Pacs009, Pacs009Tx } from './pacs009.ts';

type Instruct = Extract<Action, { type: 'settlement.instruct' }>;

/** What the mapping needs from the ledger: accounts (with their owner's LEI) and currency assets. */
export interface LedgerDirectory {
  account(id: string): Account | undefined;
  assets(): readonly Asset[];
}

export interface ImportOptions {
  /** Mode of transactions without SttlmTmReq/FrTm (rtgs by default; deferred-net for a netted batch). */
  readonly mode?: 'rtgs' | 'deferred-net';
  /** Priority of transactions without SttlmPrty. */
  readonly priority?: 'urgent' | 'normal';
}

/**
 * Turns a validated pacs.009 into settlement.instruct actions, one per CdtTrfTxInf, in file order
 * (docs/settlement.md, "ISO 20022"):
 * - instruction id: PmtId/InstrId in lower case (it must fit the instruction-id alphabet); ids repeated in the file
 *   are refused;
 * - accounts: DbtrAcct/Id/Othr/Id and CdtrAcct/Id/Othr/Id are ledger account ids; a LEI given for Dbtr or Cdtr must
 *   be the LEI of that account's owner (a BICFI alone is checked for form only: the ledger records no BICs);
 * - asset: the currency asset whose code is IntrBkSttlmAmt@Ccy (the one whose id is the code when several are);
 *   the amount must not have more decimals than the asset;
 * - SttlmPrty URGT or HIGH → urgent, NORM → normal; SttlmTmReq/FrTm on IntrBkSttlmDt → scheduled at that instant,
 *   RjctTm on IntrBkSttlmDt → expiresAt;
 * - reference: MsgId, InstrId, EndToEndId and UETR, for the pacs.002 status report.
 * The first problem is thrown naming its element; nothing is returned unless every transaction maps.
 */
export function pacs009ToInstructions(msg: Pacs009, ledger: LedgerDirectory, opts: ImportOptions = {}): Instruct[] {
  const seen = new Set<string>();
  return msg.CdtTrfTxInf.map((tx, n) => {
    const at = `CdtTrfTxInf[${n + 1}]`;
    const id = instructionId(tx, at);
    if (seen.has(id)) throw new Iso20022Error(E.INVALID_ELEMENT, `${at}/PmtId/InstrId`, `"${id}" appears twice`);
    seen.add(id);
    const from = ledgerAccount(ledger, tx.DbtrAcct.Id.Othr.Id, `${at}/DbtrAcct`);
    const to = ledgerAccount(ledger, tx.CdtrAcct.Id.Othr.Id, `${at}/CdtrAcct`);
    checkOwner(tx.Dbtr, from, `${at}/Dbtr`);
    checkOwner(tx.Cdtr, to, `${at}/Cdtr`);
    const asset = currencyAsset(ledger, tx.IntrBkSttlmAmt['@Ccy'], `${at}/IntrBkSttlmAmt`);
    let amount: bigint;
    try {
      amount = parseAmount(tx.IntrBkSttlmAmt['#text'], asset.decimals, 'IntrBkSttlmAmt');
    } catch (err) {
      if (err instanceof FinanceError) throw new Iso20022Error(E.INVALID_ELEMENT, `${at}/IntrBkSttlmAmt`, err.message);
      throw err;
    }
    if (amount === 0n) throw new Iso20022Error(E.INVALID_ELEMENT, `${at}/IntrBkSttlmAmt`, 'must be more than zero');
    const settleAt = instant(tx, 'FrTm', at);
    const expiresAt = instant(tx, 'RjctTm', at);
    const priority =
      tx.SttlmPrty === undefined ? (opts.priority ?? 'normal') : tx.SttlmPrty === 'NORM' ? 'normal' : 'urgent';
    const mode = opts.mode === 'deferred-net' ? 'deferred-net' : settleAt !== undefined ? 'scheduled' : 'rtgs';
    return {
      type: 'settlement.instruct',
      instruction: id as Instruct['instruction'],
      mode,
      priority,
      legs: [{ from: from.id, to: to.id, asset: asset.id, amount }],
      ...(settleAt !== undefined && { settleAt }),
      ...(expiresAt !== undefined && { expiresAt }),
      reference: {
        msgId: msg.GrpHdr.MsgId,
        instrId: tx.PmtId.InstrId,
        endToEndId: tx.PmtId.EndToEndId,
        ...(tx.PmtId.UETR !== undefined && { uetr: tx.PmtId.UETR }),
      },
    } satisfies Instruct;
  });
}

function instructionId(tx: Pacs009Tx, at: string): string {
  const id = tx.PmtId.InstrId.toLowerCase();
  if (!instructionIdSchema.safeParse(id).success) {
    throw new Iso20022Error(
      E.INVALID_ELEMENT,
      `${at}/PmtId/InstrId`,
      `"${tx.PmtId.InstrId}" cannot be an instruction id (letters, digits, ".", "_" and "-", starting with a letter or digit)`,
    );
  }
  return id;
}

function ledgerAccount(ledger: LedgerDirectory, id: string, at: string): Account {
  const account = ledger.account(id);
  if (!account) throw new Iso20022Error(E.NOT_ON_LEDGER, `${at}/Id/Othr/Id`, `account "${id}" is not on the ledger`);
  return account;
}

function checkOwner(agent: Agent, account: Account, at: string): void {
  const lei = agent.FinInstnId.LEI;
  if (lei !== undefined && lei !== account.owner) {
    throw new Iso20022Error(
      E.INVALID_ELEMENT,
      `${at}/FinInstnId/LEI`,
      `${lei} is not the owner of account "${account.id}" (its owner is ${account.owner})`,
    );
  }
}

function currencyAsset(ledger: LedgerDirectory, ccy: string, at: string): Asset {
  const matching = ledger.assets().filter((a) => a.kind === 'currency' && a.code === ccy);
  const asset = matching.find((a) => a.id === ccy) ?? [...matching].sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  if (!asset) throw new Iso20022Error(E.NOT_ON_LEDGER, at, `no currency asset with code ${ccy} is on the ledger`);
  return asset;
}

/** IntrBkSttlmDt + a SttlmTmReq time with its UTC offset → ms since the epoch. */
function instant(tx: Pacs009Tx, which: 'FrTm' | 'RjctTm', at: string): bigint | undefined {
  const time = tx.SttlmTmReq?.[which];
  if (time === undefined) return undefined;
  if (tx.IntrBkSttlmDt === undefined) {
    throw new Iso20022Error(
      E.INVALID_ELEMENT,
      `${at}/IntrBkSttlmDt`,
      `is missing (SttlmTmReq/${which} needs the date)`,
    );
  }
  const ms = Date.parse(`${tx.IntrBkSttlmDt}T${time}`);
  if (!Number.isFinite(ms)) {
    throw new Iso20022Error(
      E.INVALID_ELEMENT,
      `${at}/SttlmTmReq/${which}`,
      `${tx.IntrBkSttlmDt}T${time} is not a time`,
    );
  }
  return BigInt(ms);
}
