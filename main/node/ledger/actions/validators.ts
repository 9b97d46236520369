import { bytesToHex, decodePublicKey } from '../../../../shared/crypto/index.ts';
import { validatorCodec, type Operation, type ValidatorRecord } from '../../../../shared/domain/index.ts';
import type { ExecContext } from '../context.ts';
import type { EndBlockHook } from '../end-block.ts';
import { fail, LedgerErrorCode as E } from '../errors.ts';
import { StateKey, StatePrefix } from '../keys.ts';
import type { LedgerState } from '../ledger-state.ts';

type ValidatorSetAction = Extract<Operation, { type: 'validator.set' }>;

/**
 * Validator-set changes are governance actions that take effect a fixed number of blocks after the block that
 * decides them: a change decided in block H applies from block H + VALIDATOR_CHANGE_DELAY. Block H + 1 is already
 * being agreed by the old set while H commits, so every node must know the set of a height before that height
 * starts; the delay makes the set of height h a function of the state after block h − 1, which every node has.
 */
export const VALIDATOR_CHANGE_DELAY = 2;

export function scheduleValidatorChange(ctx: ExecContext, action: ValidatorSetAction): void {
  let scheme: string;
  try {
    scheme = decodePublicKey(action.publicKey).scheme;
  } catch (err) {
    return fail(E.BAD_VALIDATOR, `publicKey: ${(err as Error).message}`);
  }
  if (scheme !== 'ed25519') fail(E.BAD_VALIDATOR, `publicKey: validators sign with Ed25519, not ${scheme}`);
  const hex = bytesToHex(action.publicKey);
  if (action.power === 0 && !ctx.state.validator(hex)) fail(E.BAD_VALIDATOR, `${hex} is not a validator`);
  const height = ctx.block.height + VALIDATOR_CHANGE_DELAY;
  const change: ValidatorRecord = { publicKey: action.publicKey, name: action.name, power: action.power };
  ctx.state.overlay.put(StateKey.validatorChange(height, hex), validatorCodec.encode(change));
  ctx.events.push({
    type: 'validator.change-scheduled',
    validator: hex,
    name: action.name,
    power: action.power,
    height,
  });
}

/** The validator set that decides the next block: state's validators, in key order (deterministic). */
export function currentValidators(state: LedgerState): ValidatorRecord[] {
  return state.keys(StatePrefix.validator).map((key) => state.validator(key.slice(StatePrefix.validator.length))!);
}

/**
 * At the end of block H, the changes effective from H + 1 replace the validator records. A change that would leave
 * the set empty is dropped with a hook failure (the set never becomes empty).
 */
export const validatorsEndBlockHook: EndBlockHook = {
  name: 'validators',
  run(ctx) {
    const prefix = StateKey.validatorChange(ctx.block.height + 1, '');
    for (const key of ctx.state.keys(prefix)) {
      const change = validatorCodec.decode(ctx.state.overlay.get(key)!);
      const hex = bytesToHex(change.publicKey);
      if (change.power === 0) ctx.state.removeValidator(hex);
      else ctx.state.putValidator(hex, change);
      ctx.state.overlay.delete(key);
      ctx.events.push({
        type: 'validator.changed',
        validator: hex,
        name: change.name,
        power: change.power,
        height: ctx.block.height + 1,
      });
    }
    if (ctx.state.keys(StatePrefix.validator).length === 0) {
      fail(E.BAD_VALIDATOR, 'the change would leave no validator; it is dropped');
    }
  },
  due: () => false,
};
