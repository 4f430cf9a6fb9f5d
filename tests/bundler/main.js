// A page as a front-end engineer writes it: the package imported by name, bundled by Vite.
import init, { validateConfig, version } from '@workbench/azure-onboarding';

await init();
const report = validateConfig({
  accessOption: 'enterpriseApp',
  tenantId: 'contoso.onmicrosoft.com',
  deviceName: 'Azure',
  location: 'Microsoft Cloud',
});
document.querySelector('#out').textContent = JSON.stringify({
  version: version(),
  codes: report.issues.map((i) => i.code),
});
