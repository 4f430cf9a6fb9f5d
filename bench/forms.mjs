// The forms the benchmarks validate (bench/validate.bench.mjs, bench/cold-start.mjs).
export const valid = {
  accessOption: 'customApp',
  tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b',
  clientId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  clientSecret: 'abc8Q~benchBENCHbenchBENCHbenchBENCH1234',
  deviceName: 'Azure production',
  location: 'Microsoft Cloud',
};
export const invalid = {
  ...valid,
  tenantId: 'contoso.onmicrosoft.com',
  clientSecret: '2f1c6a0e-9b7d-4c3e-8a51-6d2b9f0e7a41',
};
