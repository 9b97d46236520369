import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeSignature, keyId, utf8, verifySignature } from '../../../../../shared/crypto/index.ts';
import { P } from '../../../../../main/node/signer/pkcs11/constants.ts';
import {
  closeModule,
  findKeys,
  generateKeyPair,
  listSlots,
  openSession,
  openTokenSigner,
  readPrivateKeyAttributes,
  type TokenKey,
} from '../../../../../main/node/signer/pkcs11/index.ts';
import { sessionHandles } from '../../../../../main/node/signer/pkcs11/module.ts';
import { createSoftHsmToken } from '../../../../helpers/softhsm.ts';

// Against a real SoftHSM2 token in a private store (one per test file: SoftHSM reads its config once per process).
const hsm = createSoftHsmToken({ label: 'treasury-1', extraLabels: ['spare'] });
const { modulePath, tokenLabel, pin } = hsm;
after(() => hsm.cleanup());

/** Expects `fn` to throw a Pkcs11Error with `code` and a message matching `message`. */
function throwsCode(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, (err: Error & { code?: string }) => {
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('PKCS#11 tokens on SoftHSM2', () => {
  it('lists the slots with their tokens, by stable hex slot id', () => {
    const slots = listSlots(modulePath);
    const labels = slots.map((s) => s.token?.label);
    assert.ok(labels.includes('treasury-1'));
    assert.ok(labels.includes('spare'));
    const treasury = slots.find((s) => s.token?.label === 'treasury-1')!;
    assert.match(treasury.slot, /^0x[0-9a-f]+$/);
    assert.equal(treasury.token?.initialized, true);
    assert.equal(treasury.token?.loginRequired, true);
    assert.equal(treasury.token?.model, 'SoftHSM v2');
    assert.match(treasury.token?.serial ?? '', /^[0-9a-f]+$/);
    // SoftHSM always offers one more, uninitialised token to set up.
    assert.ok(slots.some((s) => s.token?.initialized === false));
    assert.deepEqual(
      listSlots(modulePath).map((s) => s.slot),
      slots.map((s) => s.slot),
    );
  });

  // First, while no session is open, so the PIN really goes to the token's C_Login.
  it('refuses a wrong PIN with PKCS11_PIN_INCORRECT, naming the token', () => {
    throwsCode(
      () => openSession(modulePath, tokenLabel, '0000'),
      'PKCS11_PIN_INCORRECT',
      /wrong PIN for token 'treasury-1'/,
    );
    throwsCode(() => openTokenSigner({ modulePath, tokenLabel, keyLabel: 'x', pin: '9999' }), 'PKCS11_PIN_INCORRECT');
  });

  it('refuses an unknown token label with PKCS11_NO_SUCH_TOKEN, listing the tokens present', () => {
    throwsCode(
      () => openSession(modulePath, 'treasury-9', pin),
      'PKCS11_NO_SUCH_TOKEN',
      /no token labelled 'treasury-9'.*tokens present: 'spare', 'treasury-1'/,
    );
  });

  it('refuses a module that cannot be loaded with PKCS11_MODULE_LOAD_FAILED', () => {
    throwsCode(() => listSlots('/nonexistent/libvendor-pkcs11.so'), 'PKCS11_MODULE_LOAD_FAILED', /libvendor-pkcs11/);
  });
});

describe('PKCS#11 keys and signers on SoftHSM2', () => {
  let p256: TokenKey;
  let ed25519: TokenKey;

  before(() => {
    const session = openSession(modulePath, tokenLabel, pin);
    try {
      p256 = generateKeyPair(session, { scheme: 'p256', label: 'ops-p256', id: Uint8Array.of(1, 2, 3) });
      ed25519 = generateKeyPair(session, { scheme: 'ed25519', label: 'ops-ed25519' });
    } finally {
      session.close();
    }
  });

  it('generates P-256 and Ed25519 key pairs on the token, found again by label and id', () => {
    assert.equal(p256.publicKey.length, 34); // tag ‖ compressed point
    assert.equal(p256.publicKey[0], 0x02);
    assert.equal(ed25519.publicKey.length, 33);
    assert.equal(ed25519.publicKey[0], 0x01);
    assert.equal(ed25519.ckaId.length, 16);
    const session = openSession(modulePath, tokenLabel, pin);
    try {
      const [byLabel] = findKeys(session, { label: 'ops-p256' });
      assert.deepEqual(byLabel?.publicKey, p256.publicKey);
      const [byId] = findKeys(session, { id: ed25519.ckaId });
      assert.deepEqual(byId?.publicKey, ed25519.publicKey);
      assert.equal(byId?.label, 'ops-ed25519');
      assert.deepEqual(
        findKeys(session)
          .map((k) => k.label)
          .sort(),
        ['ops-ed25519', 'ops-p256'],
      );
      assert.deepEqual(findKeys(session, { label: 'nobody' }), []);
    } finally {
      session.close();
    }
  });

  it('keeps the private keys sensitive and non-extractable', () => {
    const session = openSession(modulePath, tokenLabel, pin);
    try {
      for (const key of findKeys(session)) {
        assert.deepEqual(readPrivateKeyAttributes(session, key.privateHandle), {
          sensitive: true,
          extractable: false,
          alwaysSensitive: true,
          neverExtractable: true,
        });
      }
    } finally {
      session.close();
    }
  });

  it('refuses a second key with a label already on the token', () => {
    const session = openSession(modulePath, tokenLabel, pin);
    try {
      throwsCode(
        () => generateKeyPair(session, { scheme: 'p256', label: 'ops-p256' }),
        'PKCS11_FAILED',
        /already has a key labelled 'ops-p256'/,
      );
    } finally {
      session.close();
    }
  });

  it('signs with both schemes; the signatures verify under the ledger rule', async () => {
    for (const key of [p256, ed25519]) {
      const signer = openTokenSigner({ modulePath, tokenLabel, keyLabel: key.label, pin });
      try {
        assert.equal(signer.kind, 'pkcs11');
        assert.equal(signer.scheme, key.scheme);
        assert.deepEqual(signer.publicKey, key.publicKey);
        assert.equal(signer.id, keyId(key.publicKey));
        for (let i = 0; i < 8; i++) {
          const message = utf8(`approve payment ${i}`);
          const signature = await signer.sign(message);
          assert.equal(decodeSignature(signature).scheme, key.scheme); // well-formed and, for ECDSA, low-S
          assert.ok(verifySignature(signer.publicKey, message, signature), `${key.scheme} #${i}`);
          assert.ok(!verifySignature(signer.publicKey, utf8(`approve payment ${i + 1}`), signature));
        }
      } finally {
        signer.close();
      }
    }
  });

  it('keeps the key id across re-opening the token and re-loading the module', async () => {
    const first = openTokenSigner({ modulePath, tokenLabel, keyLabel: 'ops-p256', pin });
    const id = first.id;
    first.close();
    closeModule(modulePath); // C_Finalize: the next open starts from the token's stored objects
    const byId = openTokenSigner({ modulePath, tokenLabel, keyId: Uint8Array.of(1, 2, 3), pin });
    try {
      assert.equal(byId.id, id);
      assert.equal(byId.label, 'ops-p256');
      const message = utf8('after reload');
      assert.ok(verifySignature(byId.publicKey, message, await byId.sign(message)));
    } finally {
      byId.close();
    }
  });

  it('serialises concurrent signatures on one signer', async () => {
    const signer = openTokenSigner({ modulePath, tokenLabel, keyLabel: 'ops-ed25519', pin });
    try {
      const messages = Array.from({ length: 20 }, (_, i) => utf8(`vote ${i}`));
      const signatures = await Promise.all(messages.map((m) => signer.sign(m)));
      signatures.forEach((s, i) => assert.ok(verifySignature(signer.publicKey, messages[i]!, s)));
    } finally {
      signer.close();
    }
  });

  it('lets a second signer on a logged-in token in only with the same PIN', async () => {
    const first = openTokenSigner({ modulePath, tokenLabel, keyLabel: 'ops-p256', pin });
    try {
      // Cryptoki would let this one in regardless (the token is already logged in); we check the PIN ourselves.
      throwsCode(
        () => openTokenSigner({ modulePath, tokenLabel, keyLabel: 'ops-ed25519', pin: '4321' }),
        'PKCS11_PIN_INCORRECT',
        /wrong PIN for token 'treasury-1'/,
      );
      const second = openTokenSigner({ modulePath, tokenLabel, keyLabel: 'ops-ed25519', pin });
      const message = utf8('both');
      assert.ok(verifySignature(second.publicKey, message, await second.sign(message)));
      second.close();
      assert.ok(verifySignature(first.publicKey, message, await first.sign(message)));
    } finally {
      first.close();
    }
  });

  it('fails to sign once closed', async () => {
    const signer = openTokenSigner({ modulePath, tokenLabel, keyLabel: 'ops-p256', pin });
    signer.close();
    await assert.rejects(async () => signer.sign(utf8('late')), { code: 'PKCS11_FAILED' });
  });

  it('refuses a missing key with PKCS11_KEY_NOT_FOUND', () => {
    throwsCode(
      () => openTokenSigner({ modulePath, tokenLabel, keyLabel: 'ops-missing', pin }),
      'PKCS11_KEY_NOT_FOUND',
      /token 'treasury-1' has no usable P-256 or Ed25519 key pair labelled 'ops-missing'/,
    );
    throwsCode(() => openTokenSigner({ modulePath, tokenLabel: 'spare', pin }), 'PKCS11_KEY_NOT_FOUND');
  });

  it('refuses to sign with a key whose value could leave the token', () => {
    const session = openSession(modulePath, tokenLabel, pin);
    try {
      // Made by hand (our generateKeyPair never would): an extractable, non-sensitive key.
      const h = sessionHandles(session);
      h.lib.C_GenerateKeyPair(
        h.session,
        { mechanism: P.CKM_EC_KEY_PAIR_GEN },
        [
          { type: P.CKA_TOKEN, value: true },
          { type: P.CKA_LABEL, value: 'exportable' },
          { type: P.CKA_ID, value: Buffer.of(9) },
          { type: P.CKA_EC_PARAMS, value: Buffer.from('06082a8648ce3d030107', 'hex') },
        ],
        [
          { type: P.CKA_TOKEN, value: true },
          { type: P.CKA_PRIVATE, value: true },
          { type: P.CKA_SIGN, value: true },
          { type: P.CKA_SENSITIVE, value: false },
          { type: P.CKA_EXTRACTABLE, value: true },
          { type: P.CKA_LABEL, value: 'exportable' },
          { type: P.CKA_ID, value: Buffer.of(9) },
        ],
      );
    } finally {
      session.close();
    }
    throwsCode(
      () => openTokenSigner({ modulePath, tokenLabel, keyLabel: 'exportable', pin }),
      'PKCS11_FAILED',
      /can be exported/,
    );
  });

  it('has no code that asks a token for a key value', () => {
    const dir = path.join(import.meta.dirname, '../../../../../main/node/signer/pkcs11');
    for (const file of readdirSync(dir)) {
      assert.doesNotMatch(readFileSync(path.join(dir, file), 'utf8'), /CKA_VALUE|CKA_PRIVATE_EXPONENT/, file);
    }
  });
});
