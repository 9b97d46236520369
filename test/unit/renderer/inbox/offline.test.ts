import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposalId, proposalSchema, signingRequestSchema, type Asset } from '../../../../shared/domain/index.ts';
import { toJsonValue } from '../../../../main/node/api/json.ts';
import { signingRequestFor } from '../../../../main/node/offline/export.ts';
import { parseOfflineText } from '../../../../main/node/offline/files.ts';
import { openRequest } from '../../../../main/node/offline/signing.ts';
import type { SigningRequestJson } from '../../../../renderer/src/api/results.ts';
import { signingRequestFileName, signingRequestFileText } from '../../../../renderer/src/views/inbox/offline.ts';

/**
 * The console saves a proposal's signing request as the exact file `countersign request export` writes, so the
 * offline `request sign` accepts it: same form, same digest. Built here from a real proposal through the API's JSON.
 */

const CHAIN = 'countersign-test';
const SIGNATORY = 'a'.repeat(40);

function request(): SigningRequestJson {
  const content = {
    account: 'jhcb.treasury',
    action: { type: 'transfer', from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: 125000n },
    expiresAt: 1_900_000_000_000n,
    salt: new Uint8Array(16).fill(3),
  };
  const proposal = proposalSchema.parse({
    id: proposalId(CHAIN, content as never),
    ...content,
    proposer: SIGNATORY,
    guards: ['jhcb.treasury'],
    created: { height: 4, time: 1_800_000_000_000n },
    status: 'pending',
    approvals: [],
    rejections: [],
    dropped: [],
  });
  const cny = {
    id: 'CNY',
    kind: 'currency',
    code: 'CNY',
    name: 'Renminbi',
    decimals: 2,
    issuer: 'jhcb.issuance',
    supply: 0n,
  };
  const exported = signingRequestFor(CHAIN, 604_800_000n, proposal, {
    assets: new Map([['CNY', cny as unknown as Asset]]),
    progress: [],
    proposerName: 'jhcb-treasury-1',
  });
  return toJsonValue(exported) as unknown as SigningRequestJson;
}

describe('signing request files from the console', () => {
  it('are accepted by the offline signer exactly as written', () => {
    const req = request();
    const text = signingRequestFileText(req);
    const parsed = parseOfflineText(text, signingRequestSchema, 'signing request');
    assert.equal(parsed.proposal, req.proposal);
    const opened = openRequest(parsed);
    assert.match(opened.action, /Transfer 1250\.00 CNY \(125000 minor units\) from jhcb\.treasury to hbsec\.treasury/);
    assert.equal(signingRequestFileName(req), `signing-request-${req.proposal.slice(0, 12)}.json`);
  });

  it('are refused after any change, even of a summary line', () => {
    const text = signingRequestFileText(request());
    const edited = text.replace('Proposed by jhcb-treasury-1', 'Proposed by jhcb-treasury-2');
    assert.notEqual(edited, text);
    assert.throws(() => parseOfflineText(edited, signingRequestSchema, 'signing request'), {
      code: 'OFFLINE_DIGEST_MISMATCH',
    });
  });
});
