import type { TfProblem } from './terraform-validator.js';
import { validateTerraformModule } from './terraform-validator.js';

/**
 * Validates every generated Terraform module (`terraform/`, or `terraform/<scope>/` in the
 * module-per-scope layout), and each module's root-import file as part of a root module that
 * calls it.
 */
export async function validateTerraformOutput(files: Iterable<[path: string, text: string]>): Promise<TfProblem[]> {
  const modules = new Map<string, { files: Map<string, string>; imports: Map<string, string> }>();
  const moduleOf = (dir: string) => modules.get(dir) ?? modules.set(dir, { files: new Map(), imports: new Map() }).get(dir)!;
  for (const [path, text] of files) {
    const file = /^(terraform(?:\/[^/]+)?)\/([^/]+\.tf)$/.exec(path);
    const imports = /^(terraform(?:\/[^/]+)?)\/root-imports\/[^/]+\.tf$/.exec(path);
    if (imports) moduleOf(imports[1]!).imports.set(path, text);
    else if (file) moduleOf(file[1]!).files.set(file[2]!, text);
  }
  const problems: TfProblem[] = [];
  for (const [dir, { files: module, imports }] of [...modules].filter(([, m]) => m.files.size > 0)) {
    problems.push(...(await validateTerraformModule(module)).map((p) => ({ ...p, file: `${dir}/${p.file}` })));
    // The import blocks belong in the caller's root module; check them there, with a module call.
    if (imports.size === 0) continue;
    const root = new Map(imports);
    const text = [...imports.values()].join('\n');
    const names = new Set([...text.matchAll(/module\.([A-Za-z_][A-Za-z0-9_-]*)\./g)].map((m) => m[1]!));
    const aliases = [...(/configuration_aliases\s*=\s*\[([^\]]*)\]/.exec(module.get('versions.tf') ?? '')?.[1] ?? '').matchAll(/aws\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    root.set(
      'main.tf',
      [
        'terraform {\n  required_version = ">= 1.5.0"\n\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0.0"\n    }\n  }\n}\n',
        ...aliases.map((a) => `provider "aws" {\n  alias = "${a}"\n}\n`),
        ...[...names].map((m) => `module "${m}" {\n  source = "./generated/${dir}"\n}\n`),
      ].join('\n'),
    );
    problems.push(...(await validateTerraformModule(root, { root: true })).filter((p) => p.file !== 'main.tf'));
  }
  return problems;
}
