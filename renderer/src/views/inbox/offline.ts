import { bytesToHex, utf8 } from '../../../../shared/crypto/bytes.ts';
import { sha256 } from '../../../../shared/crypto/hash.ts';
import type { SigningRequestJson } from '../../api/results.ts';

/**
 * Offline signing from the console: a pending proposal's signing request is saved as the same file
 * `countersign request export` writes (docs/offline-signing.md) — JSON in one exact form plus the SHA-256 digest of
 * that form without the digest — so `countersign request sign` on an offline machine accepts it. The answer (an
 * approval file) is uploaded as text and checked by the node (proposal.importApproval).
 */

function serialize(value: object): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function signingRequestFileText(request: SigningRequestJson): string {
  const digest = bytesToHex(sha256(utf8(serialize(request))));
  return serialize({ ...request, digest });
}

export function signingRequestFileName(request: SigningRequestJson): string {
  return `signing-request-${request.proposal.slice(0, 12)}.json`;
}

/** Saves `text` as a download named `name` (a blob: URL, which the CSP allows; nothing leaves the machine). */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
