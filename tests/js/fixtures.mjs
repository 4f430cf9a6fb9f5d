// Shared by the JS tests (not a test file: node --test runs *.test.mjs).
// A format-valid client secret (40 characters, `8Q~` at index 3) that must never come back out.
export const CANARY = 'abc8Q~CANARYcanaryCANARYcanaryCANARY1234';
// A valid form for the custom-app option, holding the canary as its secret.
export const good = {
  accessOption: 'customApp',
  tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b',
  clientId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  clientSecret: CANARY,
  deviceName: 'Azure production',
  location: 'Microsoft Cloud',
};
