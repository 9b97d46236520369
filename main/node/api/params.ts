import type { z } from 'zod';

/**
 * Turns a zod failure into the one thing a caller needs: the first bad or unknown field (dotted path, as in
 * EncodingError.field) and why. Unions (block.get: by height or by hash) are explained by the alternative that came
 * closest, i.e. the one with the fewest issues, so `{height: "x"}` blames `height` rather than a missing `hash`.
 */
export function describeParamsError(error: z.ZodError): { field: string | undefined; message: string } {
  const issue = firstIssue(error.issues);
  if (issue === undefined) return { field: undefined, message: 'invalid params' };
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = dotted([...issue.path, key]);
    return { field, message: `${field}: unknown field` };
  }
  const field = issue.path.length > 0 ? dotted(issue.path) : undefined;
  const why = issue.message.replace(/^Invalid input: /, '');
  return { field, message: field === undefined ? `params: ${why}` : `${field}: ${why}` };
}

function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue | undefined {
  const issue = issues[0];
  if (issue?.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best = issue.errors[0] ?? [];
  for (const alternative of issue.errors) if (alternative.length < best.length) best = alternative;
  // Paths inside an alternative are relative to the union itself.
  const inner = firstIssue(best);
  return inner === undefined ? issue : { ...inner, path: [...issue.path, ...inner.path] };
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join('.');
}
