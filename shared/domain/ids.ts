import { z } from 'zod';

/**
 * Branded identifiers: a plain string at run time, a distinct type at compile time, so an account id can never be
 * passed where an asset id is expected. Each has one schema that both parses and brands.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ChainId = Brand<string, 'ChainId'>;
/** An account, named by its owner: `acme-bank.treasury`. */
export type AccountId = Brand<string, 'AccountId'>;
/** An asset on the ledger: `CNY`, `CN-GOV-2030`, `XAU-LBMA`. */
export type AssetId = Brand<string, 'AssetId'>;
/** A member institution, identified by its LEI. */
export type MemberId = Brand<string, 'MemberId'>;
/** A signatory, identified by the key id of its public key (40 hex digits). */
export type SignatoryId = Brand<string, 'SignatoryId'>;
/** Hex of a transaction's hash. */
export type TxId = Brand<string, 'TxId'>;
/** Hex of a proposal's hash. */
export type ProposalId = Brand<string, 'ProposalId'>;
/** Hex of a block header's hash. */
export type BlockHash = Brand<string, 'BlockHash'>;
/** A digital bill's serial number, unique on the ledger. */
export type BillSerial = Brand<string, 'BillSerial'>;
export type InstructionId = Brand<string, 'InstructionId'>;
export type ContractId = Brand<string, 'ContractId'>;

const hash32 = /^[0-9a-f]{64}$/;

/** The forms of the ids a transfer carries, shared with the node's fast transfer decoder (transfer-decode.ts). */
export const CHAIN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const ACCOUNT_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const ASSET_ID_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;

export const chainIdSchema = z
  .string()
  .regex(CHAIN_ID_PATTERN, 'chain id must be 1–63 of a–z, 0–9 and "-", starting with a letter or digit')
  .transform((s) => s as ChainId);
export const accountIdSchema = z
  .string()
  .regex(ACCOUNT_ID_PATTERN, 'account id must be 1–64 of a–z, 0–9, ".", "_" and "-"')
  .transform((s) => s as AccountId);
export const assetIdSchema = z
  .string()
  .regex(ASSET_ID_PATTERN, 'asset id must be 1–32 of A–Z, 0–9, ".", "_" and "-"')
  .transform((s) => s as AssetId);
export const memberIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{18}[0-9]{2}$/, 'member id must be an LEI')
  .transform((s) => s as MemberId);
export const signatoryIdSchema = z
  .string()
  .regex(/^[0-9a-f]{40}$/, 'signatory id must be 40 hex digits')
  .transform((s) => s as SignatoryId);
export const txIdSchema = z
  .string()
  .regex(hash32, 'transaction id must be 64 hex digits')
  .transform((s) => s as TxId);
export const proposalIdSchema = z
  .string()
  .regex(hash32, 'proposal id must be 64 hex digits')
  .transform((s) => s as ProposalId);
export const blockHashSchema = z
  .string()
  .regex(hash32, 'block hash must be 64 hex digits')
  .transform((s) => s as BlockHash);
export const billSerialSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'bill serial must be 1–40 of A–Z, 0–9 and "-"')
  .transform((s) => s as BillSerial);
export const instructionIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'instruction id must be 1–64 of a–z, 0–9, ".", "_" and "-"')
  .transform((s) => s as InstructionId);
export const contractIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'contract id must be 1–64 of a–z, 0–9, ".", "_" and "-"')
  .transform((s) => s as ContractId);
