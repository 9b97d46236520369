import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Iso20022Error, Iso20022ErrorCode as E } from './errors.ts';

/** A parsed element: text, or a record of child elements (arrays where repeated) and @attributes. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

/** Files larger than this are refused before parsing (a pacs.009 of 64 transactions is a few tens of kB). */
export const MAX_XML_BYTES = 2 * 1024 * 1024;

/**
 * Parses an ISO 20022 document: well-formed XML, no DOCTYPE (no entity tricks), root `Document` in the expected
 * namespace, whose only child is `message`. Values stay text (no number guessing: "1250.10" must not become
 * 1250.1); namespace prefixes are dropped; attributes are "@name". Returns the message element.
 */
export function parseIsoDocument(text: string, namespace: string, message: string): Record<string, XmlNode> {
  if (text.length > MAX_XML_BYTES) {
    throw new Iso20022Error(E.XML_MALFORMED, '', `file is larger than ${MAX_XML_BYTES} bytes`);
  }
  if (/<!DOCTYPE/i.test(text)) throw new Iso20022Error(E.XML_MALFORMED, '', 'a DOCTYPE is not allowed');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new Iso20022Error(
      E.XML_MALFORMED,
      '',
      `not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(doc).filter((k) => !k.startsWith('#'));
  const root = doc['Document'];
  if (roots.length !== 1 || root === undefined || typeof root !== 'object' || Array.isArray(root)) {
    throw new Iso20022Error(E.XML_MALFORMED, '', `the root element must be one Document, found ${roots.join(', ')}`);
  }
  const ns = rootNamespace(text);
  if (ns !== namespace) {
    throw new Iso20022Error(E.XML_MALFORMED, 'Document', `namespace must be ${namespace}, found ${String(ns)}`);
  }
  const body = (root as Record<string, unknown>)[message];
  if (body === undefined || typeof body !== 'object' || Array.isArray(body)) {
    throw new Iso20022Error(E.XML_MALFORMED, 'Document', `must hold one ${message} element`);
  }
  return body as Record<string, XmlNode>;
}

/**
 * The namespace of the root Document element, default or prefixed (`<Document xmlns="...">` or
 * `<p:Document xmlns:p="...">`). Read from the start tag: the parser, told to drop prefixes, drops xmlns too.
 */
function rootNamespace(text: string): string | undefined {
  const tag = /<(?:([A-Za-z_][\w.-]*):)?Document(\s[^>]*)?>/.exec(text);
  if (!tag) return undefined;
  const attr = tag[1] === undefined ? 'xmlns' : `xmlns:${tag[1]}`;
  const value = new RegExp(`\\s${attr.replace('.', '\\.')}\\s*=\\s*(["'])(.*?)\\1`).exec(tag[2] ?? '');
  return value?.[2];
}

/** XML text content, escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}
