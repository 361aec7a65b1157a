/**
 * Splits a command string into arguments the way Compose does (POSIX shell words: quotes and
 * backslashes, no expansion), so `command: echo "a b"` runs `echo` with one argument. Inside
 * double quotes a backslash escapes only `"`, `\`, `$` and `` ` ``, as in `sh`. Throws on an
 * unterminated quote.
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!))
        current += command[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in command: ${command}`);
  if (inWord) words.push(current);
  return words;
}

/** Joins arguments into a shell string, quoting those that need it (`shellWords` reads it back). */
export function joinShellWords(args: readonly string[]): string {
  return args
    .map((arg) => (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
