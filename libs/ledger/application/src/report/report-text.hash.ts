import { createHash } from 'node:crypto';

/** A report's content hash: sha256 (hex) of its UTF-8 text. */
export const contentHashOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
