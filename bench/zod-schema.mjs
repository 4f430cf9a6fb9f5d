// The zod 4 schema the benchmark compares with (bench/validate.bench.mjs, bench/cold-start.mjs).
import { z } from 'zod';

// The same rules in zod 4: GUIDs (not nil, not a domain, not a Microsoft API's app ID,
// client ID different from tenant ID), secret format (current 40/37-character forms; a GUID
// is a Secret ID), conditional fields by access option, device name, legacy field blank.
export function buildZodSchema() {
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const WELL_KNOWN = new Set(['00000003-0000-0000-c000-000000000000', 'ca7f3f0b-7d91-482c-8e09-c5d840d0eac5']);
  const guid = z
    .string()
    .trim()
    .transform((s) => s.replace(/^[{"']+|[}"']+$/g, '').toLowerCase())
    .refine((s) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s) || GUID.test(s), { message: 'tenant-id-is-domain' })
    .refine((s) => GUID.test(s), { message: 'not-a-guid' })
    .refine((s) => s !== '00000000-0000-0000-0000-000000000000', { message: 'nil-guid' });
  const secret = z
    .string()
    .trim()
    .refine((s) => !GUID.test(s), { message: 'secret-id-instead-of-value' })
    .refine(
      (s) => /^[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{34}$/.test(s) || /^[A-Za-z0-9_~.-]{3}7Q~[A-Za-z0-9_~.-]{31}$/.test(s),
      { message: 'secret-format' },
    );
  const common = {
    tenantId: guid,
    deviceName: z.string().trim().min(1).max(64).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'invalid-device-name' }),
    location: z.literal('Microsoft Cloud'),
    useStorageAccountContributorRole: z.string().max(0, 'legacy-field-must-be-blank').optional(),
  };
  const schema = z
    .discriminatedUnion('accessOption', [
      z.object({ accessOption: z.literal('enterpriseApp'), ...common }),
      z.object({
        accessOption: z.literal('customApp'),
        ...common,
        clientId: guid.refine((s) => !WELL_KNOWN.has(s), { message: 'well-known-app-id' }),
        clientSecret: secret,
      }),
    ])
    .refine((c) => c.accessOption !== 'customApp' || c.clientId !== c.tenantId, {
      message: 'client-id-equals-tenant-id',
      path: ['clientId'],
    });
  return { schema, fields: { tenantId: guid } };
}

