/**
 * Names Windows will not take for a file or folder (Microsoft, "Naming Files, Paths, and
 * Namespaces"): the device names CON, PRN, AUX, NUL, COM0-9, COM¹²³, LPT0-9 and LPT¹²³ in any
 * case, alone or followed by an extension (`NUL.txt` and `NUL.tar.gz` are both NUL), so what
 * counts is the part before the first dot; a name ending in a dot or a space; and names with
 * `< > : " / \ | ? *` or control characters. `alarms-aux.tf` is an ordinary name.
 */
export function isReservedFileName(name: string): boolean {
  const base = name.split('.', 1)[0]!;
  return (
    name === '' ||
    /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test(base.trimEnd()) ||
    /[. ]$/.test(name) ||
    // eslint-disable-next-line no-control-regex
    /[<>:"/\\|?*\u0000-\u001f]/.test(name)
  );
}

/** The key under which file names clash on case-insensitive file systems (macOS, Windows). */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
