// `abdm-sandbox fhir validate <file|->`: judges a FHIR document bundle as the sandbox does (R4 schema,
// required elements, bundle invariants, NRCeS profiles); `abdm-sandbox fhir rules` prints the rule table.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createFhirValidator, type FhirValidator } from '../../protocol/fhir/fhir-validator.js';
import type { FhirFinding } from '../../protocol/fhir/findings.js';
import { HI_TYPES, isHiType, type FhirHiType } from '../../protocol/fhir/hi-types.js';
import { finding } from '../../protocol/fhir/rule-catalogue.js';
import { renderFhirRulesMarkdown } from '../../protocol/fhir/rules-markdown.js';
import { EXIT, UsageError } from '../exit-codes.js';

export interface ValidateOptions {
  hiType?: string;
  json?: boolean;
}

export interface CommandOutcome {
  exitCode: number;
  stdout: string;
}

/** Validates the JSON text of one bundle and renders the report; exit 0 without errors, 1 with. */
export function validateBundleText(validator: FhirValidator, text: string, name: string, options: ValidateOptions): CommandOutcome {
  let hiType: FhirHiType | undefined;
  if (options.hiType !== undefined) {
    if (!isHiType(options.hiType)) throw new UsageError(`--hi-type ${options.hiType} is not one of ${HI_TYPES.join(', ')}`);
    hiType = options.hiType;
  }
  let all: FhirFinding[] = [];
  let judgedAs = hiType;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    parsed = undefined;
    all = [finding('fhir-json', 'Bundle', `not JSON: ${(err as Error).message}`)];
  }
  if (parsed !== undefined) {
    const result = validator.check(parsed, hiType === undefined ? {} : { hiType });
    all = result.findings;
    judgedAs = result.hiType;
  }
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.length - errors;
  const exitCode = errors === 0 ? EXIT.ok : EXIT.failure;
  if (options.json) {
    const report = { file: name, hiType: judgedAs ?? null, valid: errors === 0, errors, warnings, findings: all };
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n` };
  }
  const what = judgedAs ? `${judgedAs} bundle` : 'bundle';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const head = errors === 0 ? `${name}: valid ${what}${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}` : `${name}: invalid ${what}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const lines = all.map((f) => `  ${f.severity.padEnd(7)} ${f.ruleId.padEnd(18)} ${f.message}`);
  return { exitCode, stdout: `${[head, ...lines].join('\n')}\n` };
}

async function readInput(file: string): Promise<string> {
  if (file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerFhirCommand(program: Command): void {
  const fhir = program.command('fhir').description('FHIR health records: validate document bundles against R4 and the NRCeS profiles');
  fhir
    .command('validate')
    .description('validate a FHIR document bundle (a file, or - for stdin); exit 0 when it has no errors, 1 otherwise')
    .argument('<file>', 'bundle JSON file, or - to read stdin')
    .option('--hi-type <type>', `the hiType it is sent as (${HI_TYPES.join(', ')}); inferred from the Composition when left out`)
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, options: ValidateOptions) => {
      try {
        const text = await readInput(file);
        const outcome = validateBundleText(createFhirValidator(), text, file === '-' ? 'stdin' : file, options);
        process.stdout.write(outcome.stdout);
        process.exitCode = outcome.exitCode;
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`abdm-sandbox fhir validate: ${err.message}\n`);
        process.exitCode = EXIT.usage;
      }
    });
  fhir
    .command('rules')
    .description('print the table of validation rules (Markdown, as docs/fhir-rules.md)')
    .action(() => {
      process.stdout.write(renderFhirRulesMarkdown());
    });
}
