// A validator process reduced to its signing path, for the crash-point test: signs `bytes` at a position through
// the LastSignedGuard with a real Ed25519 key, and can die by SIGKILL at a chosen point around signing.
// Prints the signature (hex) only if it "leaves the process" — the moment a real validator would send it.
import { hexToBytesStrict, bytesToHex, generateSecretKey, signWithSecretKey } from '../../../shared/crypto/index.ts';
import { LastSignedGuard, type SignStep } from '../../../main/node/signer/last-signed-guard.ts';

const [file, height, round, step, bytesHex, crashAt] = process.argv.slice(2) as [
  string,
  string,
  string,
  SignStep,
  string,
  string,
];
const secret = generateSecretKey('ed25519', new Uint8Array(32).fill(7));
const guard = LastSignedGuard.open(file);
try {
  const signature = await guard.sign(
    { height: Number(height), round: Number(round), step },
    hexToBytesStrict(bytesHex),
    (bytes) => {
      const sig = signWithSecretKey('ed25519', secret, bytes);
      if (crashAt === 'after-sign') process.kill(process.pid, 'SIGKILL'); // signed, not yet persisted
      return sig;
    },
  );
  if (crashAt === 'after-persist') process.kill(process.pid, 'SIGKILL'); // persisted, not yet sent
  process.stdout.write(bytesToHex(signature));
} catch (err) {
  process.stdout.write(`refused:${(err as { code?: string }).code ?? 'ERROR'}`);
}
