/** A generated file, path relative to the output folder (always with `/`). */
export interface OutputFile {
  path: string;
  content: string;
}
