/**
 * Writing the imported plan as YAML text: scalars by the features' `yamlScalar` (quoted only
 * where YAML would read them otherwise, so that every name comes back as written: a property
 * test checks it), and comments that carry no name (a name with a line break in a comment
 * would end the comment).
 */
export { yamlScalar as scalar } from '../features';

/** Lines of YAML, with comments; indentation by depth. */
export class YamlWriter {
  private readonly lines: string[] = [];

  line(depth: number, content: string, comment?: string): void {
    this.lines.push(`${'  '.repeat(depth)}${content}${comment ? `  # ${comment}` : ''}`);
  }

  comment(depth: number, words: string): void {
    for (const l of words.split('\n')) this.lines.push(`${'  '.repeat(depth)}# ${l}`);
  }

  blank(): void {
    this.lines.push('');
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
