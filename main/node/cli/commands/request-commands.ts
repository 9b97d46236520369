import type { Command } from 'commander';
import { approvalFileSchema, signingRequestSchema, type SigningRequestFile } from '../../../../shared/domain/index.ts';
import { writeOfflineFile, readOfflineFile } from '../../offline/files.ts';
import { checkApprovalFile, openRequest, signRequest } from '../../offline/signing.ts';
import { OfflineError, OfflineErrorCode } from '../../offline/errors.ts';
import { apiClientFor, CliError, waitForTx } from '../context.ts';
import { toJson } from '../json.ts';
import { confirm } from '../secrets.ts';
import { addSignerOptions, openSignerFromOptions, type SignerOptions } from '../signers.ts';
import QRCode from 'qrcode';

/** Requests up to this size can be shown as a QR code (a version-40 code holds about 2.9 kB of bytes). */
const QR_LIMIT = 2800;

export function registerRequestCommands(program: Command): void {
  const request = program
    .command('request')
    .description('offline signing: export a request, sign it elsewhere, import the answer');

  request
    .command('export')
    .description('write a pending proposal as a signing request file')
    .argument('<proposal>', 'proposal id')
    .requiredOption('--home <dir>', 'node home or network directory')
    .requiredOption('--out <file>', 'request file to write')
    .option('--qr', 'also print the request as a QR code on the terminal when it is small enough')
    .action(async (proposal: string, opts: { home: string; out: string; qr?: boolean }) => {
      const { client } = apiClientFor(opts.home);
      const req = (await client.call('proposal.signingRequest', { id: proposal })) as Omit<
        SigningRequestFile,
        'digest'
      >;
      writeOfflineFile(opts.out, req);
      console.log(toJson({ written: opts.out, proposal, summary: req.summary.lines }));
      if (opts.qr) {
        const text = JSON.stringify(readOfflineFile(opts.out, signingRequestSchema, 'signing request'));
        if (text.length > QR_LIMIT) {
          console.error(`countersign: the request is ${text.length} bytes, too large for one QR code; use the file`);
        } else {
          console.error(await QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' }));
        }
      }
    });

  addSignerOptions(
    request
      .command('sign')
      .description('sign a request with no node and no network: shows what it means, asks, writes an approval file')
      .argument('<file>', 'signing request file')
      .requiredOption('--out <file>', 'approval file to write')
      .option('--yes', 'do not ask for confirmation (for scripts; the summary is still printed)'),
  ).action(async (file: string, opts: SignerOptions & { out: string; yes?: boolean }) => {
    const req = readOfflineFile(file, signingRequestSchema, 'signing request');
    const opened = openRequest(req);
    const signer = await openSignerFromOptions(opts);
    process.stderr.write(
      [
        `Signing request for chain ${req.chainId}, proposal ${req.proposal}`,
        `  What the signed bytes say: ${opened.action}`,
        ...req.summary.lines.slice(1).map((l) => `  ${l}`),
        `  Signing as ${signer.label} (${signer.id})`,
        '',
      ].join('\n'),
    );
    if (!(await confirm('Approve this proposal?', opts.yes ?? false))) {
      throw new OfflineError(OfflineErrorCode.DECLINED, 'not signed: declined at the confirmation');
    }
    const approval = await signRequest(req, signer, BigInt(Date.now()));
    writeOfflineFile(opts.out, approval);
    console.log(toJson({ written: opts.out, proposal: req.proposal, signatory: approval.signatory }));
  });

  request
    .command('import')
    .description('check an approval file and submit it to the node')
    .argument('<file>', 'approval file')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action(async (file: string, opts: { home: string }) => {
      const approval = readOfflineFile(file, approvalFileSchema, 'approval file');
      const { client, chainId } = apiClientFor(opts.home);
      const { encodedTx, txId } = checkApprovalFile(approval, chainId);
      const current = (await client.call('proposal.get', { id: approval.proposal })) as {
        proposal: { status: string };
        progress: { signatories: { id: string; status: string }[] }[];
      };
      if (current.proposal.status !== 'pending') {
        throw new OfflineError(
          OfflineErrorCode.PROPOSAL_CLOSED,
          `proposal ${approval.proposal} is ${current.proposal.status}`,
        );
      }
      const member = current.progress.some((g) => g.signatories.some((s) => s.id === approval.signatory.id));
      if (!member) {
        throw new OfflineError(
          OfflineErrorCode.NOT_A_SIGNATORY,
          `${approval.signatory.label} (${approval.signatory.id}) is not a signatory of the policy guarding this proposal`,
        );
      }
      await client.call('tx.submit', { tx: Buffer.from(encodedTx).toString('hex') });
      const result = await waitForTx(client, txId);
      if (result.code !== 'OK') throw new CliError(result.code, result.message ?? 'the approval was refused');
      const after = (await client.call('proposal.get', { id: approval.proposal })) as { proposal: { status: string } };
      console.log(
        toJson({ proposal: approval.proposal, tx: txId, height: result.height, status: after.proposal.status }),
      );
    });
}
