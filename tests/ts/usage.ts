// Type-checked (tsc --noEmit) against the shipped .d.ts: every export, as a user writes it.
import init, {
  catalog,
  formFields,
  type FormField,
  validateConfig,
  validateField,
  version,
  AzureOnboardingError,
  type Catalog,
  type Field,
  type Issue,
  type IssueCode,
  type Severity,
  type ValidationReport,
  type WorkbenchConfig,
} from '@workbench/azure-onboarding';

await init();

const config: WorkbenchConfig = {
  accessOption: 'customApp',
  tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b',
  clientId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  clientSecret: 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234',
  deviceName: 'Azure production',
  location: 'Microsoft Cloud',
};

const report: ValidationReport = validateConfig(config);
const valid: boolean = report.valid;
const codes: IssueCode[] = report.issues.map((issue: Issue) => issue.code);
const severities: Severity[] = report.issues.map((issue) => issue.severity);
const hint: string | undefined = report.normalized.clientSecret;

const field: Field = 'tenantId';
const fieldIssues: Issue[] = validateField(field, 'contoso.onmicrosoft.com', config);
const noContext: Issue[] = validateField('deviceName', 'Azure');

// Codes are a string union: a typo does not compile.
// @ts-expect-error 'tenant-is-domain' is not an IssueCode
const wrong: IssueCode = 'tenant-is-domain';

const steps: Catalog['steps'] = catalog().steps;
const v: string = version();

try {
  validateConfig({ tenantId: 42 } as unknown as WorkbenchConfig);
} catch (e) {
  const err = e as AzureOnboardingError;
  const where: string = err.path;
  const code: 'invalid-argument' | 'serialization-failed' | 'internal-error' | 'not-initialized' | 'aborted' = err.code;
  // collect's cancellation (options.signal) is a code of its own.
  if (err.code === 'aborted') console.log('cancelled');
  console.log(where, code);
  // The class is exported: narrowing by instanceof.
  if (e instanceof AzureOnboardingError) {
    const narrowed: AzureOnboardingError['code'] = e.code;
    console.log(narrowed, e.path);
  }
}

// The command filling is the full build's (`…/full`), not the light one's.
import * as light from '@workbench/azure-onboarding';
// @ts-expect-error fillCommand is not in the light build
light.fillCommand('az login --tenant {tenantId}', {});
const labels: string[] = catalog().form.map((f) => f.label);
const fields: FormField[] = formFields();
// `choices` is absent for a free-text field (6 of the 7): reading it unchecked does not compile.
// @ts-expect-error choices is optional
const firstChoices: number = fields[0].choices.length;
const choiceCount: number = fields[0].choices?.length ?? 0;

export { valid, codes, severities, hint, fieldIssues, noContext, wrong, steps, v, labels, fields, firstChoices, choiceCount };
