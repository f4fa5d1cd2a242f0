import { GraphQLObjectType, defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { invalidInput, type FieldError } from '../server/errors';

/**
 * The hub's rules for text that callers send, in one place. Text is stored, then shown to other
 * partners (trajectories, case histories) and read in operators' terminals and logs, so what is
 * invisible or changes how the text around it is displayed has no place in it:
 *
 * - NUL (U+0000): PostgreSQL refuses it in `text`, so it would fail the write;
 * - unpaired surrogates (U+D800–U+DFFF alone): not Unicode text at all; the UTF-8 encoder would
 *   silently replace them by U+FFFD;
 * - C0 and C1 control characters (U+0001–U+001F, U+007F–U+009F), ESC among them (ANSI escape
 *   sequences that recolour or rewrite a terminal): only TAB, LF and CR LF in multi-line text;
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder
 *   what is displayed ("Trojan Source"), and the line and paragraph separators (U+2028, U+2029);
 * - text that is empty once spaces and invisible characters (zero-width space, joiners, BOM, soft
 *   hyphen…) are removed.
 *
 * Accepted text is normalised to NFC, so that "é" is stored once however it was typed.
 */

/** How a text field is used: multi-line text (a note) may hold line breaks and tabs; a name may not. */
export interface TextRules {
  multiline?: boolean;
}

const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const LINE_SEPARATOR = /[\u2028\u2029]/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/gu;
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first unpaired surrogate of a string, if any (what `String.prototype.isWellFormed` looks for). */
function loneSurrogate(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return value[i];
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return value[i];
  }
  return null;
}

/**
 * Why a text cannot be accepted, in words that name the character and its position, or null when it
 * can. The position is counted in characters from 1, so that a caller can find it.
 */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  const surrogate = loneSurrogate(value);
  if (surrogate !== null)
    return `holds an unpaired surrogate (${codePoint(surrogate)} at ${value.indexOf(surrogate) + 1}): it is not valid Unicode text`;
  for (const match of value.matchAll(CONTROL)) {
    const character = match[0];
    const at = match.index + 1;
    if (character === '\u0000') return `holds a NUL character (U+0000 at ${at})`;
    if (character === '\u001B') return `holds an escape sequence (ESC, U+001B at ${at})`;
    if (rules.multiline) {
      if (character === '\n' || character === '\t') continue;
      if (character === '\r' && value[match.index + 1] === '\n') continue;
    } else if (character === '\n' || character === '\r' || character === '\t')
      return `must be on one line (it holds ${character === '\t' ? 'a tab' : 'a line break'} at ${at})`;
    return `holds the control character ${codePoint(character)} at ${at}`;
  }
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `holds a bidirectional control character (${codePoint(bidi[0])} at ${bidi.index + 1})`;
  const separator = rules.multiline ? null : LINE_SEPARATOR.exec(value);
  if (separator) return `must be on one line (it holds ${codePoint(separator[0])} at ${separator.index + 1})`;
  return null;
}

/** The text as the hub stores it: NFC (a well-formed string only: `normalize` would not fail, but mangle). */
export function normaliseText(value: string): string {
  return value.normalize('NFC');
}

/** How many characters a reader sees: without spaces and invisible (zero-width, format) characters. */
export function visibleLength(value: string): number {
  return value.replace(INVISIBLE, '').length;
}

/**
 * Applies the rules every string a mutation receives must pass, whatever its field (multi-line text
 * being the most lenient), to each string of `value`, and returns it normalised; the problems found
 * are appended to `errors`, each named by its path in the arguments (`input.summary`).
 */
export function normaliseArgument(value: unknown, path: string, errors: FieldError[]): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value, { multiline: true });
    if (problem) {
      errors.push({ field: path, message: `"${path.split('.').pop()}" ${problem}` });
      return value;
    }
    return normaliseText(value);
  }
  if (Array.isArray(value))
    return value.map((item, index) => normaliseArgument(item, `${path}.${index}`, errors));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, normaliseArgument(item, `${path}.${key}`, errors)]),
    );
  }
  return value;
}

/**
 * Puts the text rules in front of every mutation of a subgraph: each string argument, at any depth,
 * is refused with BAD_USER_INPUT (`extensions.fieldErrors`, all at once) when it holds what no text
 * may (NUL, an unpaired surrogate, a control or bidirectional character), and reaches the resolver
 * normalised to NFC. A backstop under `InputCheck.text`, which adds each field's own rules (one
 * line, length, visible content): no string argument, however unchecked, reaches the database raw.
 */
export function normaliseMutationText(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  if (!(mutation instanceof GraphQLObjectType)) return;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, context, info) => {
      const errors: FieldError[] = [];
      const normalised = Object.fromEntries(
        Object.entries(args).map(([name, value]) => [name, normaliseArgument(value, name, errors)]),
      );
      if (errors.length > 0) throw invalidInput(errors);
      return resolve(source, normalised, context, info);
    };
  }
}
