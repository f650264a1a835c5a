import type { TfProblem } from './terraform-validator.js';
import { validateTerraformModule } from './terraform-validator.js';

/** Validates the generated Terraform module (and its root-import file as a root module). */
export async function validateTerraformOutput(files: Iterable<[path: string, text: string]>): Promise<TfProblem[]> {
  const module = new Map<string, string>();
  const imports = new Map<string, string>();
  for (const [path, text] of files) {
    if (/^terraform\/[^/]+\.tf$/.test(path)) module.set(path.slice('terraform/'.length), text);
    else if (path.startsWith('terraform/root-imports/') && path.endsWith('.tf')) imports.set(path, text);
  }
  const problems = await validateTerraformModule(module);
  // The import blocks belong in the caller's root module; check them there, with a module call.
  if (imports.size > 0) {
    const root = new Map(imports);
    const text = [...imports.values()].join('\n');
    const modules = new Set([...text.matchAll(/module\.([A-Za-z_][A-Za-z0-9_-]*)\./g)].map((m) => m[1]!));
    const aliases = new Set([...text.matchAll(/aws\.(account_\d{12})/g)].map((m) => m[1]!));
    root.set(
      'main.tf',
      [
        'terraform {\n  required_version = ">= 1.5.0"\n\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 6.0.0"\n    }\n  }\n}\n',
        ...[...aliases].map((a) => `provider "aws" {\n  alias = "${a}"\n}\n`),
        ...[...modules].map((m) => `module "${m}" {\n  source = "./generated/terraform"\n}\n`),
      ].join('\n'),
    );
    problems.push(...(await validateTerraformModule(root, { root: true })).filter((p) => p.file !== 'main.tf'));
  }
  return problems;
}
